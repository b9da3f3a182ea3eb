"""Across reports: /compare (one figure in every report, paged) and /diff (the current report's
plan against the same issuer's previous one)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.choice import place
from briefings.compare import MAX_QUERY_CHARS, Row, compare
from briefings.diff import diff_plans, previous
from briefings.model import Report
from briefings.render_across import compare_page, plan_diff

from ..callbacks import COMPARE_SEPARATOR, MAX_BYTES, decode, pattern
from ..context import BotContext
from ..keyboards import page_row
from ..paging import page_of
from ..reply import edit_html, send_html
from .common import STALE_BUTTON, arguments, current_report

COMPARE_PAGE = 6  # reports on one page of /compare
# What a /compare button holds besides the words: "cmp::" and a page number and a separator.
_PAYLOAD_BYTES = len("cmp::99999~")
COMPARE_HINT = (
    "请在 /compare 后写上要对比的数据，例如：/compare 地区生产总值增长；"
    "加上“目标”“完成”或年份可只看这些，例如：/compare 地区生产总值增长 目标"
)
COMPARE_TOO_LONG = (
    "要对比的数据名称太长了，请控制在 {chars} 字以内，例如：/compare 地区生产总值增长"
)
COMPARE_NONE = "已整理的 {count} 份报告中都没有找到“{query}”这项数据。可换个说法，例如：/compare 一般公共预算收入"
COMPARE_PENDING = "\n\n另有 {count} 份报告的数据还在整理中，稍后再试可包括它们。"
DIFF_NO_PLAN = "这份报告中没有找到工作计划部分，无法比较。"
DIFF_NO_PREVIOUS = (
    "没有找到{place}{year}之前的报告，无法比较工作计划。发送 /reports 查看已载入的报告。"
)


def briefed_reports(context: BotContext) -> tuple[list[Report], int]:
    """The reports whose figures are in, newest first, and how many are still being briefed:
    the one place this module reads derived data."""
    library = context.library
    done = [report for report in library.reports if report.digest in library.enriched]
    return done, len(library.reports) - len(done)


def _words(text: str) -> str:
    """The words to compare, spaced once; the callback's separators are spaces too."""
    return " ".join(text.replace(":", " ").replace(COMPARE_SEPARATOR, " ").split())


def _compare_page(
    context: BotContext, query: str, number: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    reports, pending = briefed_reports(context)
    groups: list[list[Row]] = compare(reports, query)
    if not groups:
        text = COMPARE_NONE.format(count=len(reports), query=escape(query))
        return text + (COMPARE_PENDING.format(count=pending) if pending else ""), None
    page = page_of(groups, number, COMPARE_PAGE)
    text = compare_page(query, page.items, len(groups), page.number, page.count)
    if pending:
        text += COMPARE_PENDING.format(count=pending)
    rows = page_row("cmp", "", page.number, page.count, COMPARE_SEPARATOR + query)
    return text, InlineKeyboardMarkup(rows) if rows else None


async def compare_command(update: Update, context: BotContext) -> None:
    query = _words(arguments(context))
    if not query:
        await send_html(update, context, COMPARE_HINT)
        return
    too_long = len(query) > MAX_QUERY_CHARS or len(query.encode()) > MAX_BYTES - _PAYLOAD_BYTES
    if too_long:
        await send_html(update, context, COMPARE_TOO_LONG.format(chars=MAX_QUERY_CHARS))
        return
    await send_html(update, context, *_compare_page(context, query, 0))


async def on_compare_page(update: Update, context: BotContext) -> None:
    tap = update.callback_query
    if tap is None:
        return
    callback = decode(tap.data)
    if callback is None:
        await tap.answer(STALE_BUTTON)
        return
    number, _, query = callback.arg.partition(COMPARE_SEPARATOR)
    await tap.answer()
    await edit_html(update, context, *_compare_page(context, query, int(number)))


async def diff(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    if not report.plan.items:
        await send_html(update, context, DIFF_NO_PLAN)
        return
    older = previous(context.library.reports, report)
    if older is None:
        year = f"{report.meta.year}年" if report.meta.year else ""
        where = escape(place(report) or report.meta.title or report.source)
        await send_html(update, context, DIFF_NO_PREVIOUS.format(place=where, year=year))
        return
    await send_html(update, context, plan_diff(older, report, diff_plans(older, report)))


def handlers() -> list[BaseHandler]:
    return [CallbackQueryHandler(on_compare_page, pattern=pattern("cmp"))]
