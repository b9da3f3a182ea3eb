"""Inline mode: `@bot 低空经济` in any chat offers matching figures and sentences of every
report, each with its report and section, to insert into the conversation.

The asker's own chosen report comes first (their private chat's choice); then the figures whose
label says the words, then the best sentences across reports. At most Telegram's 50 results,
each id unique and under its 64 bytes. Both come from the on-disk index (bot/library/search_index.py):
an answer reads no briefing, however many reports there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, InlineQueryHandler

from bot.present.render import part_name
from bot.present.render_across import quoted_figure, quoted_sentence, year_of
from bot.present.words import CHINESE, Words
from briefings.choice import place
from briefings.model import Listed

from ..replies.language import chat_words
from ..state import BotContext

if TYPE_CHECKING:
    from briefings.corpus_index import CorpusResult

RESULT_LIMIT = 50  # Telegram's most results in one answer
FIGURE_RESULTS = RESULT_LIMIT // 2  # of those, figures at most
FIGURES_PER_REPORT = 3
MINE_SENTENCES = 10  # sentences of the asker's report, at most
SENTENCES_PER_REPORT = 5  # and of each other report
INDEX_WAIT = 2.0  # seconds an answer waits for the index to take in new briefings
MESSAGE_CHARS = 4000  # under Telegram's 4096, with room for the source line
CACHE_SECONDS = 60  # how long Telegram may reuse an answer: the reports change rarely
FIGURE_TITLE = "{value} {label}"


def _where(report: Listed, section: str, words: Words) -> str:
    year = year_of(report.meta.year, words) if report.meta.year else ""
    where = place(report) or report.meta.title
    return words("across.inline_where", place=where, year=year, where=part_name(section, words))


def _article(key: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    content = InputTextMessageContent(html, parse_mode=ParseMode.HTML)
    return InlineQueryResultArticle(key, title, content, description=description)


async def _figures(
    context: BotContext, mine: str | None, query: str, words: Words
) -> list[InlineQueryResultArticle]:
    """The figures whose label says the words, from the on-disk index (bot/library/search_index.py):
    at most FIGURES_PER_REPORT a report, the asker's report first, then in the library's order,
    FIGURE_RESULTS in all: those of as many reports at most are read (each gives one or more)."""
    found = await context.state.search.compare_first(query, mine, FIGURE_RESULTS, INDEX_WAIT)
    articles = []
    for rows in found:
        report = context.library.listing(rows[0].digest)
        if report is None:
            continue  # removed since it was indexed
        articles += [
            _article(
                f"{report.digest[:12]}-f{n}",
                FIGURE_TITLE.format(value=row.value, label=row.label),
                _where(report, row.section, words),
                quoted_figure(report, row, words),
            )
            for n, row in enumerate(rows[:FIGURES_PER_REPORT])
        ]
    return articles[:FIGURE_RESULTS]


async def _sentences(
    context: BotContext, query: str, mine: str | None, words: Words
) -> list[InlineQueryResultArticle]:
    """The best sentences across reports from the on-disk index, the asker's report's first."""
    result: CorpusResult = await context.state.search.search(
        query, mine or "", RESULT_LIMIT, SENTENCES_PER_REPORT, INDEX_WAIT, MINE_SENTENCES
    )
    marks = list(result.words)
    articles = []
    for n, hit in enumerate(result.hits):
        report = context.library.listing(hit.report.digest)
        if report is None or len(hit.sentence) > MESSAGE_CHARS:
            continue  # removed since it was indexed, or too long to insert
        html = quoted_sentence(
            report, hit.sentence, marks, hit.section_id, hit.section_title, words
        )
        where = _where(report, hit.section_id, words)
        articles.append(_article(f"{report.digest[:12]}-s{n}", hit.sentence, where, html))
    return articles


async def answers(
    context: BotContext, query: str, user_id: int | None, words: Words
) -> list[InlineQueryResultArticle]:
    """Figures first, then sentences best first; the asker's chosen report ahead of others."""
    mine = await context.state.chats.report(user_id) if user_id is not None else None
    figures = await _figures(context, mine, query, words)
    sentences = await _sentences(context, query, mine, words)
    return (figures + sentences)[:RESULT_LIMIT]


async def inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    asked = query.query.strip()
    user = update.effective_user
    # In the words of the asker's private chat with the bot (its chat id is the user's id).
    words = await chat_words(context, user.id) if user else CHINESE
    results = await answers(context, asked, user.id if user else None, words) if asked else []
    # Personal: the asker's own report comes first.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


def handlers() -> list[BaseHandler]:
    return [InlineQueryHandler(inline_query)]
