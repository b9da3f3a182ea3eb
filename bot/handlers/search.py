"""/search and, in a private chat, any plain text: matching sentences with their section."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from briefings.render import search_results
from briefings.search import search as search_reports

from ..context import BotContext
from ..reply import send_html
from ..updates import message_of
from .common import arguments, current_report, with_enrichment

RESULT_LIMIT = 10


async def answer_query(update: Update, context: BotContext, query: str) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    report = await with_enrichment(context, report)
    index = context.library.indexes.get(report.digest)
    if index is None:
        await send_html(update, context, "搜索索引正在建立，请稍后再试。")
        return
    await send_html(
        update, context, search_results(search_reports(index, query, limit=RESULT_LIMIT))
    )


async def search(update: Update, context: BotContext) -> None:
    query = arguments(context).strip()
    if not query:
        await send_html(update, context, "请在 /search 后写上要找的词，例如：/search 营商环境")
        return
    await answer_query(update, context, query)


async def free_text(update: Update, context: BotContext) -> None:
    await answer_query(update, context, (message_of(update).text or "").strip())


def handlers() -> list[BaseHandler]:
    private_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    return [
        MessageHandler(private_text & filters.ChatType.PRIVATE, free_text),
    ]
