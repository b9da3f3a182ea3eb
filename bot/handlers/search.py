"""/search and, in a private chat, any plain text: matching sentences in every report, the
chat's current report first, each naming its report and section; paged with ◀ ▶."""

from __future__ import annotations

import hashlib
from html import escape
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.pages.links import page_path
from bot.present.render import highlight, part_heading
from bot.present.words import CHINESE, Words
from briefings.search import suggest

from ..library.search_index import search_index_of
from ..replies.language import words_of
from ..replies.progress import showing_typing, tap_handler
from ..replies.send import edit_html, send_html
from ..state import BotContext
from ..telegram.callbacks import encode
from ..telegram.paging import page_of
from ..telegram.updates import chat_of, message_of, query_of
from .common import arguments, await_briefing, current_report, send_no_report, tapped_listing
from .pages import with_web
from .reports import picked

if TYPE_CHECKING:
    from briefings.corpus_index import CorpusHit, CorpusResult

RESULT_LIMIT = 30  # hits in all, over PAGE_SIZE-long pages
CURRENT_LIMIT = 10  # of those, at most this many from the chat's current report
PER_REPORT = 3  # and at most this many from each other report
PAGE_SIZE = 5
INDEX_WAIT = 5.0  # seconds a search waits for the index to take in new reports
QUERIES_KEPT = 20  # a chat's recent queries, for its ◀ ▶ buttons


def _where(hit: CorpusHit, first: str, named: bool, words: Words) -> str:
    """The hit's section, and when the hits span several reports, its report."""
    section = part_heading(hit.section_id, hit.section_title, words)
    if not named:
        return words("search.where", section=section)
    report = hit.report
    facts = [report.issuer, words("across.year", year=report.year) if report.year else ""]
    facts += [words("search.current")] if report.digest.startswith(first) else []
    shown = escape(words("search.joiner").join(fact for fact in facts if fact), quote=False)
    return words("search.where_in", title=escape(report.title), facts=shown, section=section)


def results_page(
    result: CorpusResult, number: int, first: str, words: Words = CHINESE, asked: str = ""
) -> tuple[str, int, int]:
    """The page's HTML, its number and the page count. Hits all from the chat's report show
    their section, as a search of one report does; hits from several name their report. The
    heading echoes the query as `asked` (as typed), and counts every matching sentence."""
    page = page_of(result.hits, number, PAGE_SIZE)
    marks = list(result.words) or result.query.split()
    named = any(not hit.report.digest.startswith(first) for hit in result.hits)
    count = max(result.matches, len(result.hits))
    said = "search.hits" if result.exact else "search.hits_about"  # a bound: see CorpusResult
    heading = words(said, query=escape(asked or result.query), count=count)
    if count > len(result.hits):
        heading += words("search.best", shown=len(result.hits))
    if page.count > 1:
        heading += words("search.page_of", page=page.number + 1, pages=page.count)
    lines = [heading]
    for n, hit in enumerate(page.items, start=page.number * PAGE_SIZE + 1):
        where = _where(hit, first, named, words)
        lines.append(f"\n{n}. {highlight(hit.sentence, marks)}\n{where}")
    return "\n".join(lines), page.number, page.count


def _key(query: str) -> str:
    return hashlib.blake2s(query.encode(), digest_size=4).hexdigest()


def _pager(first: str, key: str, number: int, pages: int) -> InlineKeyboardMarkup | None:
    """◀ n/N ▶ between the pages (none when one page holds every hit)."""
    if pages <= 1:
        return None
    shown = [("◀", number - 1), (f"{number + 1}/{pages}", number), ("▶", number + 1)]
    row = [
        InlineKeyboardButton(label, callback_data=encode("fnd", first, f"{key}-{target}"))
        for label, target in shown
        if 0 <= target < pages
    ]
    return InlineKeyboardMarkup([row])


async def _remember(update: Update, context: BotContext, query: str) -> str:
    """Keep the query for the page buttons (in the chat's store: they outlive a restart);
    returns its key."""
    key = _key(query)
    await context.state.chats.remember_search(chat_of(update).id, key, query, QUERIES_KEPT)
    return key


async def _search(context: BotContext, query: str, first: str) -> CorpusResult:
    return await context.state.search.search(
        query, first, RESULT_LIMIT, PER_REPORT, INDEX_WAIT, CURRENT_LIMIT
    )


def _not_found(
    context: BotContext, result: CorpusResult, report_digest: str, words: Words, asked: str
) -> str:
    text = words("search.no_hits", query=escape(asked))
    index = search_index_of(context.library, report_digest)
    suggestions = suggest(index, result.query) if index else ()
    tried = words("search.try", suggestions=escape("、".join(suggestions)))
    return text + (tried if suggestions else "")


async def answer_query(update: Update, context: BotContext, query: str) -> None:
    # The chat's report as listed: a search reads the index only, so the report is parsed
    # (~0.1-0.3 s the first time, with the parser's patterns) only when its briefing is awaited.
    report = await context.state.report_of(chat_of(update).id)
    if report is None:
        await send_no_report(update, context)
        return
    if not await context.state.search.holds(report.digest):  # a new report: its briefing indexes it
        parsed = await current_report(update, context)
        if parsed is None:
            return
        await await_briefing(context, parsed, update)
    words = await words_of(update, context)
    result = await _search(context, query, report.digest)
    indexed = await context.state.search.holds(report.digest)
    partial = await _not_yet_indexed(context)
    if not result.hits:
        html = _not_found(context, result, report.digest, words, query) if indexed else None
        html = html or words("search.indexing")
        await send_html(update, context, html + _partial(partial, words))
        return
    key = await _remember(update, context, query)
    html, number, pages = results_page(result, 0, report.digest, words, query)
    html += _partial(partial, words)
    note = "" if indexed else words("search.indexing_others") + "\n"
    keyboard = with_web(
        _pager(report.digest, key, number, pages), update, context,
        page_path("search", words, query=query), words,
    )  # fmt: skip
    await send_html(update, context, note + html, keyboard)


async def _not_yet_indexed(context: BotContext) -> int:
    """How many loaded reports the search index does not hold yet but will: being briefed,
    or briefed and not yet indexed (a report whose briefing failed never will)."""
    library, briefer = context.library, context.state.briefer
    coming = (r.digest for r in await context.state.search.unindexed(library.reports))
    return sum(1 for d in coming if briefer.pending(d) or library.is_briefed(d))


def _partial(missing: int, words: Words) -> str:
    """The note under results that do not cover every report yet (after a start, a reload)."""
    return words("search.partial", count=missing) if missing else ""


async def search(update: Update, context: BotContext) -> None:
    query = arguments(context).strip()
    if not query:
        await send_html(update, context, (await words_of(update, context))("search.usage"))
        return
    await answer_query(update, context, query)


async def free_text(update: Update, context: BotContext) -> None:
    text = (message_of(update).text or "").strip()
    if not await picked(update, context, text):  # a number typed after a list of reports
        await answer_query(update, context, text)


async def on_page(update: Update, context: BotContext) -> None:
    tap = await tapped_listing(update, context)  # the report's digest is all a page needs
    if tap is None:
        return
    button, digest, words = tap[0], tap[1].digest, await words_of(update, context)
    key, _, number = button.arg.partition("-")
    query = await context.state.chats.search(chat_of(update).id, key)
    if query is None:
        await query_of(update).answer(words("search.expired"))
        return
    await query_of(update).answer()
    result = await _search(context, query, digest)
    html, number_shown, pages = results_page(result, int(number), digest, words, query)
    keyboard = with_web(
        _pager(digest, key, number_shown, pages), update, context,
        page_path("search", words, query=query), words,
    )  # fmt: skip
    await edit_html(update, context, html, keyboard)


def handlers() -> list[BaseHandler]:
    private_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    return [
        MessageHandler(private_text & filters.ChatType.PRIVATE, showing_typing(free_text)),
        tap_handler("fnd", on_page, slow=True),
    ]
