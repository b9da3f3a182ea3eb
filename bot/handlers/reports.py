"""/reports and /use: which report a chat reads (the newest unless it chose another).

/reports lists the reports a page at a time, grouped by place, newest first, with a button per
report; the buttons carry the report's digest, so a tap chooses the same report after a reload
added others. /use takes the number /reports shows, or words naming the report: a place, a
year, a title's words (/use 南昌 2020); several matches are offered as buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.choice import listing, matching
from briefings.model import Report
from briefings.render import report_choices, report_title, shared_titles

from ..callbacks import decode, pattern
from ..context import BotContext
from ..keyboards import report_keyboard
from ..paging import page_of
from ..reply import edit_html, send_html
from .common import NO_REPORT, STALE_BUTTON, arguments
from .permissions import may_change_settings

REPORTS_PAGE = 10  # reports (and their buttons) on one page of /reports
CHOICES_SHOWN = 10  # buttons offered when several reports match /use words
REPORTS_HEADING = "<b>已载入的报告</b>（共 {count} 份{where}）"
PAGE_WHERE = "，第 {page}/{pages} 页"
REPORTS_HINT = "点按钮或发送 /use 编号、地名或年份切换报告，例如 /use 1"
USE_HINT = (
    "请发送 /use 加报告编号、地名或年份，例如 /use 1、/use 深圳 2024。发送 /reports 查看全部报告。"
)
USE_RANGE = "请发送 /use 加报告编号（1–{count}），发送 /reports 查看全部报告。"
USE_NONE = "没有找到与“{words}”相符的报告。发送 /reports 查看全部报告。"
USE_SEVERAL = "有 {count} 份报告与“{words}”相符，请选择："
USE_MORE = "只列出前 {shown} 份，写得更具体些可以缩小范围（例如加上年份）。"
SWITCHED = "已切换到：<b>{title}</b>"


def _numbered(ordered: Sequence[Report], chosen: Sequence[Report]) -> list[tuple[int, Report]]:
    """`chosen` with the numbers /reports gives them."""
    number = {report.digest: n for n, report in enumerate(ordered, start=1)}
    return [(number[report.digest], report) for report in chosen]


def _reports_page(
    context: BotContext, chat_id: int, number: int | None
) -> tuple[str, InlineKeyboardMarkup]:
    """Page `number` of /reports; None: the page listing the chat's current report."""
    reports = context.library.reports
    ordered = listing(reports)
    current = context.library.for_chat(chat_id)
    if number is None:
        number = ordered.index(current) // REPORTS_PAGE if current in ordered else 0
    page = page_of(ordered, number, REPORTS_PAGE)
    numbered = _numbered(ordered, page.items)
    where = PAGE_WHERE.format(page=page.number + 1, pages=page.count) if page.count > 1 else ""
    listed = report_choices(numbered, current.digest if current else None, shared_titles(reports))
    heading = REPORTS_HEADING.format(count=len(ordered), where=where)
    text = f"{heading}\n{listed}\n\n{REPORTS_HINT}"
    return text, report_keyboard(numbered, page.number, page.count)


async def reports(update: Update, context: BotContext) -> None:
    if not context.library.reports:
        await send_html(update, context, NO_REPORT)
        return
    chat_id = update.effective_chat.id if update.effective_chat else 0
    await send_html(update, context, *_reports_page(context, chat_id, None))


async def on_reports_page(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    callback = decode(query.data)
    chat = update.effective_chat
    if callback is None or chat is None or not context.library.reports:
        await query.answer(STALE_BUTTON)
        return
    await query.answer()
    await edit_html(update, context, *_reports_page(context, chat.id, callback.page))


async def _switch(update: Update, context: BotContext, report: Report) -> None:
    if update.effective_chat is None:
        return
    chat_id = update.effective_chat.id
    # Stored first, so a database that refuses it (a full disk) leaves the choice as it was.
    await context.state.chats.choose_report(chat_id, report.digest)
    context.library.choose(chat_id, report.digest)
    await send_html(update, context, SWITCHED.format(title=report_title(report)))


def _by_number(ordered: Sequence[Report], words: str) -> Report | None:
    number = int(words)
    return ordered[number - 1] if 1 <= number <= len(ordered) else None


async def use(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_html(update, context, NO_REPORT)
        return
    if not await may_change_settings(update, context):
        return
    words = arguments(context).strip()
    ordered = listing(library.reports)
    number = words.isascii() and words.isdigit()
    # A year (/use 2024) before a number that could be one; a number is never a title's word.
    found = matching(ordered, words) if not number or len(words) == 4 else []
    if not found and number and (chosen := _by_number(ordered, words)) is not None:
        found = [chosen]
    if len(found) == 1:
        await _switch(update, context, found[0])
    elif found:
        await _offer(update, context, words, _numbered(ordered, found))
    elif not words:
        await send_html(update, context, USE_HINT)
    elif number:
        await send_html(update, context, USE_RANGE.format(count=len(ordered)))
    else:
        await send_html(update, context, USE_NONE.format(words=escape(words)))


async def _offer(
    update: Update, context: BotContext, words: str, numbered: list[tuple[int, Report]]
) -> None:
    """The reports `words` names, as buttons (the first CHOICES_SHOWN)."""
    lines = [USE_SEVERAL.format(count=len(numbered), words=escape(words))]
    lines += [f"{n}. {report_title(report)}" for n, report in numbered[:CHOICES_SHOWN]]
    if len(numbered) > CHOICES_SHOWN:
        lines.append(USE_MORE.format(shown=CHOICES_SHOWN))
    await send_html(update, context, "\n".join(lines), report_keyboard(numbered[:CHOICES_SHOWN]))


async def on_use(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    callback = decode(query.data)
    report = context.library.by_digest(callback.digest) if callback else None
    if report is None or update.effective_chat is None:
        await query.answer(STALE_BUTTON)
        return
    await query.answer()
    if await may_change_settings(update, context):
        await _switch(update, context, report)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(on_reports_page, pattern=pattern("rep")),
        CallbackQueryHandler(on_use, pattern=pattern("use")),
    ]
