"""/metrics: the key figures, the figures mentioning a word, or every figure page by page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.briefing import Briefing
from briefings.model import Metric, Report
from briefings.render import key_figures, metrics_list

from ..callbacks import pattern
from ..context import BotContext
from ..keyboards import pager
from ..paging import page_of
from ..reply import edit_html, send_html
from .common import arguments, await_briefing, briefing_of, current_report, tapped

PAGE_SIZE = 15
ALL_PAGED = "换个更具体的词，或发送 /metrics all 分页查看全部数据。"


def _not_found(briefing: Briefing | None, what: str) -> str:
    if briefing is None:
        return "数据还在整理中，请稍后再试。"
    return f"这份报告中没有找到{what}。"


def _metrics(briefing: Briefing | None) -> Sequence[Metric]:
    return briefing.metrics if briefing is not None else ()


def _page(
    report: Report, metrics: Sequence[Metric], number: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    page = page_of(metrics, number, PAGE_SIZE)
    title = f"全部数据（第 {page.number + 1}/{page.count} 页）"
    return metrics_list(title, page.items), pager(report, page.number, page.count)


def matching(metrics: Sequence[Metric], word: str) -> list[Metric]:
    return [m for m in metrics if word in m.label or word in m.sentence]


async def send_key_figures(update: Update, context: BotContext, report: Report) -> None:
    await _send_key(update, context, await await_briefing(context, report))


async def _send_key(update: Update, context: BotContext, briefing: Briefing | None) -> None:
    html = key_figures(_metrics(briefing)) or _not_found(briefing, "关键数据")
    await send_html(update, context, html)


async def send_all(
    update: Update, context: BotContext, report: Report, briefing: Briefing | None
) -> None:
    if not _metrics(briefing):
        await send_html(update, context, _not_found(briefing, "数据"))
        return
    await send_html(update, context, *_page(report, _metrics(briefing), 0))


async def send_matching(
    update: Update, context: BotContext, briefing: Briefing | None, word: str
) -> None:
    found = matching(_metrics(briefing), word)
    if found:
        html = metrics_list(f"含“{word}”的数据", found)
        await send_html(update, context, html, more=ALL_PAGED)
    else:
        await send_html(update, context, _not_found(briefing, f"含“{escape(word)}”的数据"))


async def metrics(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    briefing = await await_briefing(context, report)
    word = arguments(context).strip()
    if not word:
        await _send_key(update, context, briefing)  # waited for above: once is enough
    elif word.lower() == "all":
        await send_all(update, context, report, briefing)
    else:
        await send_matching(update, context, briefing, word)


async def on_page(update: Update, context: BotContext) -> None:
    found = await tapped(update, context)
    if found is None:
        return
    callback, report = found
    figures = _metrics(briefing_of(context, report))
    if not figures:
        await update.callback_query.answer("这个按钮已过期，请重新发送 /metrics all。")
        return
    await update.callback_query.answer()
    await edit_html(update, context, *_page(report, figures, callback.page))


def handlers() -> list[BaseHandler]:
    return [CallbackQueryHandler(on_page, pattern=pattern("met"))]
