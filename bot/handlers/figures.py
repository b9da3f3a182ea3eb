"""/metrics: the key figures, the figures mentioning a word, or every figure page by page."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.model import Metric, Report
from briefings.render import key_figures, metrics_list

from ..callbacks import pattern
from ..context import BotContext
from ..keyboards import pager
from ..paging import page_of
from ..reply import edit_html, send_html
from ..updates import query_of
from .common import arguments, current_report, tapped, with_enrichment

PAGE_SIZE = 15
ALL_PAGED = "换个更具体的词，或发送 /metrics all 分页查看全部数据。"


def _not_found(context: BotContext, report: Report, what: str) -> str:
    if report.digest not in context.library.enriched:
        return "数据还在整理中，请稍后再试。"
    return f"这份报告中没有找到{what}。"


def _page(report: Report, number: int) -> tuple[str, InlineKeyboardMarkup | None]:
    page = page_of(report.metrics, number, PAGE_SIZE)
    title = f"全部数据（第 {page.number + 1}/{page.count} 页）"
    return metrics_list(title, page.items), pager(report, page.number, page.count)


def matching(figures: list[Metric], word: str) -> list[Metric]:
    return [f for f in figures if word in f.label or word in f.sentence]


async def send_key_figures(update: Update, context: BotContext, report: Report) -> None:
    await _send_key(update, context, await with_enrichment(context, report))


async def _send_key(update: Update, context: BotContext, report: Report) -> None:
    html = key_figures(report) or _not_found(context, report, "关键数据")
    await send_html(update, context, html)


async def send_all(update: Update, context: BotContext, report: Report) -> None:
    if not report.metrics:
        await send_html(update, context, _not_found(context, report, "数据"))
        return
    await send_html(update, context, *_page(report, 0))


async def send_matching(update: Update, context: BotContext, report: Report, word: str) -> None:
    found = matching(report.metrics, word)
    if found:
        html = metrics_list(f"含“{word}”的数据", found)
        await send_html(update, context, html, more=ALL_PAGED)
    else:
        await send_html(update, context, _not_found(context, report, f"含“{escape(word)}”的数据"))


async def metrics(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    report = await with_enrichment(context, report)
    word = arguments(context).strip()
    if not word:
        await _send_key(update, context, report)  # waited for above: once is enough
    elif word.lower() == "all":
        await send_all(update, context, report)
    else:
        await send_matching(update, context, report, word)


async def on_page(update: Update, context: BotContext) -> None:
    found = await tapped(update, context)
    if found is None:
        return
    button, report = found
    if not report.metrics:
        await query_of(update).answer("这个按钮已过期，请重新发送 /metrics all。")
        return
    await query_of(update).answer()
    await edit_html(update, context, *_page(report, button.page))


def handlers() -> list[BaseHandler]:
    return [CallbackQueryHandler(on_page, pattern=pattern("met"))]
