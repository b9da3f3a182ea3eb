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
from briefings.render_across import quoted_figure, quoted_sentence
from briefings.search import SearchIndex
from briefings.search import search as search_index

from ..context import BotContext

RESULT_LIMIT = 50  # Telegram's most results in one answer
SENTENCES_PER_REPORT = 8
FIGURES_PER_REPORT = 3
MESSAGE_CHARS = 4000  # under Telegram's 4096, with room for the source line
CACHE_SECONDS = 60  # how long Telegram may reuse an answer: the reports change rarely
FIGURE_TITLE = "{value} {label}"
WHERE = "{place} {year} · 第 {section} 部分"


def searchable(context: BotContext, first_for: int | None) -> list[tuple[Report, SearchIndex]]:
    """The briefed reports with their search indexes, the one chosen in chat `first_for`
    first: the one place this module reads derived data."""
    library = context.library
    chosen = library.by_digest(library.choices.get(first_for, "")) if first_for else None
    reports = sorted(library.reports, key=lambda r: chosen is None or r.digest != chosen.digest)
    found = ((report, library.indexes.get(report.digest)) for report in reports)
    return [(report, index) for report, index in found if index is not None]


def _where(report: Report, section: str) -> str:
    year = f"{report.meta.year}年" if report.meta.year else ""
    return WHERE.format(place=place(report) or report.meta.title, year=year, section=section)


def _article(key: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    content = InputTextMessageContent(html, parse_mode=ParseMode.HTML)
    return InlineQueryResultArticle(key, title, content, description=description)


def _figures(report: Report, query: str) -> list[InlineQueryResultArticle]:
    rows = report_rows(report, query)[:FIGURES_PER_REPORT]
    return [
        _article(
            f"{report.digest[:12]}-f{n}",
            FIGURE_TITLE.format(value=row.value, label=row.label),
            _where(report, row.section),
            quoted_figure(report, row),
        )
        for n, row in enumerate(rows)
    ]


def _sentences(
    report: Report, index: SearchIndex, query: str
) -> list[tuple[float, InlineQueryResultArticle]]:
    result = search_index(index, query, limit=SENTENCES_PER_REPORT)
    words = list(result.words) or result.query.split()
    return [
        (
            hit.score,
            _article(
                f"{report.digest[:12]}-s{n}",
                hit.sentence,
                _where(report, hit.section_id or "0"),
                quoted_sentence(report, hit.sentence, words, hit.section_id, hit.section_title),
            ),
        )
        for n, hit in enumerate(result.hits)
        if len(hit.sentence) <= MESSAGE_CHARS
    ]


def answers(context: BotContext, query: str, user_id: int | None) -> list[InlineQueryResultArticle]:
    """Figures first, then sentences best first; the asker's report ahead of the others."""
    pairs = searchable(context, user_id)
    figures = [article for report, _ in pairs for article in _figures(report, query)]
    mine = context.library.choices.get(user_id or 0)
    scored = [
        (report.digest == mine, score, article)
        for report, index in pairs
        for score, article in _sentences(report, index, query)
    ]
    ranked = sorted(scored, key=lambda entry: (not entry[0], -entry[1]))
    sentences = [article for _, _, article in ranked]
    return (figures[: RESULT_LIMIT // 2] + sentences)[:RESULT_LIMIT]


async def inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    words = query.query.strip()
    user = update.effective_user
    results = answers(context, words, user.id if user else None) if words else []
    await query.answer(results, cache_time=CACHE_SECONDS)


def handlers() -> list[BaseHandler]:
    return [InlineQueryHandler(inline_query)]
