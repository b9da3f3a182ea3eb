"""The admins' source commands (gated in bot.commands): `/add URL` fetches one report now and
answers with its title and briefing; `/sources` lists the sources followed and how they fare."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import Update

from briefings.errors import ReportError
from briefings.render import overview

from ..context import BotContext
from ..reply import send_html
from ..sources import ADD_SOURCE, Fetched, FetchError, SourceStatus, check_url
from .common import arguments

ADD_USAGE = "用法：/add 报告网址（http 或 https），例如 /add https://www.example.gov.cn/art/1.html"
ADD_BAD_URL = "无法添加：{problem}"
ADD_FAILED = "无法添加：{error}"
ADD_NEW = "已添加：《{title}》"
ADD_UPDATED = "已更新（更正后重新发布）：《{title}》"
ADD_KNOWN = "已有这份报告：《{title}》"
ADD_BRIEFING_LATE = "简报还在生成中，稍后发送 /summary 查看。"
NO_SOURCES = "没有配置信息源：在 config.yaml 的 sources: 中添加，或用 /add 网址 抓取单篇报告。"
SOURCES_HEAD = "信息源（{count} 个）："
NEVER = "尚未成功"
NOT_YET = "尚未抓取"
NO_ERROR = "无"
KINDS = {"feed": "订阅源", "index": "栏目页", "url": "网址", ADD_SOURCE: "管理员 /add"}
BRIEFING_WAIT = 60.0  # seconds /add waits for the new report's briefing (a worker: seconds)


async def add(update: Update, context: BotContext) -> None:
    url = arguments(context).strip()
    if not url:
        await send_html(update, context, escape(ADD_USAGE))
        return
    problem = check_url(url)
    if problem:
        await send_html(update, context, escape(ADD_BAD_URL.format(problem=problem)))
        return
    try:
        found = await context.state.ingest.add(url)
    except (FetchError, ReportError) as error:  # both one line, naming the URL
        await send_html(update, context, escape(ADD_FAILED.format(error=error)))
        return
    for item in found:
        await send_html(update, context, await _briefing(context, item))


async def _briefing(context: BotContext, item: Fetched) -> str:
    heading = {"new": ADD_NEW, "updated": ADD_UPDATED}.get(item.status, ADD_KNOWN)
    line = escape(heading.format(title=item.report.meta.title or item.url))
    report = context.state.ingest.loaded(item)
    if report is None:  # skipped by the library (too large): its line says why in the log
        return line
    report = await context.state.briefer.wait(report, BRIEFING_WAIT)
    late = "" if report.digest in context.library.enriched else "\n" + ADD_BRIEFING_LATE
    return f"{line}\n\n{overview(report)}{late}"


def _when(moment: datetime | None, zone: str, otherwise: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}" if moment else otherwise


def _status(name: str, kind: str, status: SourceStatus | None, zone: str) -> str:
    if status is None:
        return f"• {escape(name)}（{KINDS[kind]}）：{NOT_YET}"
    error = escape(status.last_error or NO_ERROR)
    if status.last_error:
        error += f"（{_when(status.last_error_at, zone, '')}）"
    return (
        f"• {escape(name)}（{KINDS[kind]}）\n"
        f"  上次成功：{_when(status.last_success, zone, NEVER)}\n"
        f"  最近错误：{error}\n"
        f"  报告：{status.reports} 份"
    )


async def sources(update: Update, context: BotContext) -> None:
    config, poller = context.state.config, context.state.ingest.poller
    statuses = {s.name: s for s in await poller.store.statuses()} if poller else {}
    listed = [(spec.name, spec.kind) for spec in config.sources]
    if ADD_SOURCE in statuses:
        listed.append((ADD_SOURCE, ADD_SOURCE))
    if not listed:
        await send_html(update, context, escape(NO_SOURCES))
        return
    lines = [SOURCES_HEAD.format(count=len(listed))]
    lines += [_status(name, kind, statuses.get(name), config.timezone) for name, kind in listed]
    await send_html(update, context, "\n".join(lines))
