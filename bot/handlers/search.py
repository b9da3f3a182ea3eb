"""/search and, in a private chat, any plain text: matching sentences with their section."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from briefings.render import search_results
from briefings.search import search as search_reports

from ..context import BotContext
from ..language import words_of
from ..reply import send_html
from ..updates import message_of
from .common import arguments, current_report, with_enrichment

RESULT_LIMIT = 10


async def answer_query(update: Update, context: BotContext, query: str) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    report = await with_enrichment(context, report)
    words = await words_of(update, context)
    index = context.library.indexes.get(report.digest)
    if index is None:
        await send_html(update, context, words("search.indexing"))
        return
    found = search_reports(index, query, limit=RESULT_LIMIT)
    await send_html(update, context, search_results(found, words))


async def search(update: Update, context: BotContext) -> None:
    query = arguments(context).strip()
    if not query:
        await send_html(update, context, (await words_of(update, context))("search.usage"))
        return
    await answer_query(update, context, query)


async def free_text(update: Update, context: BotContext) -> None:
    await answer_query(update, context, (message_of(update).text or "").strip())


def handlers() -> list[BaseHandler]:
    private_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    return [
        MessageHandler(private_text & filters.ChatType.PRIVATE, free_text),
    ]
