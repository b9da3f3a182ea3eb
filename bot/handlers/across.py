"""Across reports: /compare (one figure in every report, paged) and /diff (the current report's
plan against the same issuer's previous one)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.pages.links import page_path
from bot.present.render_across import compare_page, plan_diff, year_of
from bot.present.words import Words
from briefings.choice import place
from briefings.diff import diff_plans, earlier
from briefings.model import Report

from ..replies.keyboards import page_row
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import edit_html, send_html
from ..state import BotContext
from ..telegram.callbacks import COMPARE_SEPARATOR, MAX_BYTES, decode
from ..telegram.paging import page_of
from ..telegram.updates import query_of
from .common import answer_stale, arguments, current_report
from .pages import with_web

if TYPE_CHECKING:
    from briefings.compare import Row

COMPARE_PAGE = 6  # reports on one page of /compare
INDEX_WAIT = 5.0  # seconds a comparison waits for the index to take in new briefings
# Seconds after the first answer after a start that what /compare reads is loaded: well after
# that answer has gone (no first reply waits on it), before anyone is likely to compare.
PREPARE_AFTER = 1.0
# What a /compare button holds besides the words: "cmp::" and a page number and a separator.
_PAYLOAD_BYTES = len("cmp::99999~")


async def compared(
    context: BotContext, query: str, number: int
) -> tuple[list[list[Row]], int, int, int]:
    """Page `number` of each report's rows for `query` (COMPARE_PAGE reports, newest report
    first), how many reports have rows, how many were compared and how many are still being
    briefed: the one place this module reads derived data. The figures come from the on-disk
    index (bot/library/search_index.py), not from the briefings, so a comparison across
    thousands of reports reads the rows of the page, not a thousand briefings."""
    library, shelf = context.library, context.state.search
    groups, total = await shelf.compare_page(query, number, COMPARE_PAGE, INDEX_WAIT)
    missing = len(await shelf.unindexed(library.reports))
    return groups, total, len(library.reports) - missing, missing


def _words(text: str) -> str:
    """The words to compare, spaced once; the callback's separators are spaces too."""
    return " ".join(text.replace(":", " ").replace(COMPARE_SEPARATOR, " ").split())


async def _compare_page(
    context: BotContext, query: str, number: int, words: Words
) -> tuple[str, InlineKeyboardMarkup | None]:
    groups, total, count, pending = await compared(context, query, number)
    still = words("across.compare_pending", count=pending) if pending else ""
    if not groups:
        return words("across.compare_none", count=count, query=escape(query)) + still, None
    page = page_of(range(total), number, COMPARE_PAGE)  # its number and count
    text = compare_page(query, groups, total, page.number, page.count, words) + still
    rows = page_row("cmp", "", page.number, page.count, COMPARE_SEPARATOR + query)
    return text, InlineKeyboardMarkup(rows) if rows else None


async def compare_command(update: Update, context: BotContext) -> None:
    query = _words(arguments(context))
    words = await words_of(update, context)
    if not query:
        await send_html(update, context, words("across.compare_hint"))
        return
    from briefings.compare import MAX_QUERY_CHARS  # its rules load on the first /compare

    too_long = len(query) > MAX_QUERY_CHARS or len(query.encode()) > MAX_BYTES - _PAYLOAD_BYTES
    if too_long:
        await send_html(update, context, words("across.compare_too_long", chars=MAX_QUERY_CHARS))
        return
    html, keyboard = await _compare_page(context, query, 0, words)
    path = page_path("compare", words, query=query)
    await send_html(update, context, html, with_web(keyboard, update, context, path, words))


async def on_compare_page(update: Update, context: BotContext) -> None:
    tap = query_of(update)
    button = decode(tap.data)
    if button is None:
        await answer_stale(update, context)
        return
    number, _, query = button.arg.partition(COMPARE_SEPARATOR)
    await tap.answer()
    words = await words_of(update, context)
    html, keyboard = await _compare_page(context, query, int(number), words)
    path = page_path("compare", words, query=query)
    await edit_html(update, context, html, with_web(keyboard, update, context, path, words))


async def diff(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    words = await words_of(update, context)
    if not report.plan.items:
        await send_html(update, context, words("across.diff_no_plan"))
        return
    older = await _previous(context, report)
    if older is None:
        year = year_of(report.meta.year, words) if report.meta.year else ""
        where = escape(place(report) or report.meta.title or report.source)
        await send_html(update, context, words("across.diff_no_previous", place=where, year=year))
        return
    html = plan_diff(older, report, diff_plans(older, report), words)
    await send_html(update, context, html)


async def _previous(context: BotContext, report: Report) -> Report | None:
    """The same place's latest earlier report with a plan: listings name the candidates, the
    few read (parsed) are those of the latest years until one has a plan."""
    for listing in earlier(context.library.reports, report):
        older = await context.library.read(listing.digest)
        if older is not None and older.plan.items:
            return older
    return None


async def prepare(update: Update, context: BotContext) -> None:
    """Run after every update's answer (bot.commands): the first starts loading what a
    comparison needs, PREPARE_AFTER seconds on (SearchShelf.prepare_soon)."""
    context.state.search.prepare_soon(PREPARE_AFTER)


def handlers() -> list[BaseHandler]:
    return [tap_handler("cmp", on_compare_page, slow=True)]
