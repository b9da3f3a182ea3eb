"""Inline mode: `@bot 低空经济` in any chat offers matching figures and sentences of every
report, each with its report and section, to insert into the conversation.

The asker's own chosen report comes first (their private chat's choice); then the figures whose
label says the words, then the best sentences across reports. At most Telegram's 50 results,
each id unique and under its 64 bytes.
"""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, InlineQueryHandler

from briefings.choice import place
from briefings.compare import report_rows
from briefings.model import Report
from briefings.render_across import quoted_figure, quoted_sentence, year_of
from briefings.search import Hit, SearchIndex
from briefings.search import search as search_index
from briefings.words import CHINESE, Words

from ..context import BotContext
from ..language import chat_words

RESULT_LIMIT = 50  # Telegram's most results in one answer
FIGURES_PER_REPORT = 3
MESSAGE_CHARS = 4000  # under Telegram's 4096, with room for the source line
CACHE_SECONDS = 60  # how long Telegram may reuse an answer: the reports change rarely
FIGURE_TITLE = "{value} {label}"


def searchable(context: BotContext) -> dict[str, tuple[Report, SearchIndex]]:
    """The briefed reports with their search indexes, by digest, newest first: the one place
    this module reads derived data."""
    library = context.library
    found = ((report, library.indexes.get(report.digest)) for report in library.reports)
    return {report.digest: (report, index) for report, index in found if index is not None}


def _where(report: Report, section: str, words: Words) -> str:
    year = year_of(report.meta.year, words) if report.meta.year else ""
    where = place(report) or report.meta.title
    return words("across.inline_where", place=where, year=year, section=section)


def _article(key: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    content = InputTextMessageContent(html, parse_mode=ParseMode.HTML)
    return InlineQueryResultArticle(key, title, content, description=description)


def _figures(report: Report, query: str, words: Words) -> list[InlineQueryResultArticle]:
    rows = report_rows(report, query)[:FIGURES_PER_REPORT]
    return [
        _article(
            f"{report.digest[:12]}-f{n}",
            FIGURE_TITLE.format(value=row.value, label=row.label),
            _where(report, row.section, words),
            quoted_figure(report, row, words),
        )
        for n, row in enumerate(rows)
    ]


def _hits(indexes: list[SearchIndex], query: str, mine: str | None) -> tuple[list[Hit], list[str]]:
    """The best sentences across reports, the asker's report's first; the words to highlight."""
    first = [index for index in indexes if index.digest == mine]
    results = [
        search_index(found, query, limit=RESULT_LIMIT) for found in (first, indexes) if found
    ]
    hits = {(hit.report_digest, hit.sentence): hit for result in results for hit in result.hits}
    words = list(results[-1].words) if results else []
    return list(hits.values()), words


def _sentences(
    found: dict[str, tuple[Report, SearchIndex]], query: str, mine: str | None, words: Words
) -> list[InlineQueryResultArticle]:
    hits, marks = _hits([index for _, index in found.values()], query, mine)
    articles = []
    for n, hit in enumerate(hits):
        report = found[hit.report_digest][0]
        if len(hit.sentence) <= MESSAGE_CHARS:
            html = quoted_sentence(
                report, hit.sentence, marks, hit.section_id, hit.section_title, words
            )
            where = _where(report, hit.section_id or "0", words)
            articles.append(_article(f"{report.digest[:12]}-s{n}", hit.sentence, where, html))
    return articles


def answers(
    context: BotContext, query: str, user_id: int | None, words: Words
) -> list[InlineQueryResultArticle]:
    """Figures first, then sentences best first; the asker's chosen report ahead of others."""
    found = searchable(context)
    mine = context.library.choices.get(user_id) if user_id is not None else None
    reports = sorted((r for r, _ in found.values()), key=lambda r: r.digest != mine)
    figures = [article for report in reports for article in _figures(report, query, words)]
    return (figures[: RESULT_LIMIT // 2] + _sentences(found, query, mine, words))[:RESULT_LIMIT]


async def inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    asked = query.query.strip()
    user = update.effective_user
    # In the words of the asker's private chat with the bot (its chat id is the user's id).
    words = await chat_words(context, user.id) if user else CHINESE
    results = answers(context, asked, user.id if user else None, words) if asked else []
    # Personal: the asker's own report comes first.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


def handlers() -> list[BaseHandler]:
    return [InlineQueryHandler(inline_query)]
