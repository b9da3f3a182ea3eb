"""/search and, in a private chat, any plain text: matching sentences with their section."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from briefings.render import search_results
from briefings.search import search as search_reports

from ..context import BotContext
from ..reply import send_html
from .common import arguments, await_briefing, current_report

RESULT_LIMIT = 10


async def answer_query(update: Update, context: BotContext, query: str) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    briefing = await await_briefing(context, report)
    if briefing is None:
        await send_html(update, context, "搜索索引正在建立，请稍后再试。")
        return
    found = search_reports(briefing.index, query, limit=RESULT_LIMIT)
    await send_html(update, context, search_results(found))


async def search(update: Update, context: BotContext) -> None:
    query = arguments(context).strip()
    if not query:
        await send_html(update, context, "请在 /search 后写上要找的词，例如：/search 营商环境")
        return
    await answer_query(update, context, query)


async def free_text(update: Update, context: BotContext) -> None:
    await answer_query(update, context, update.effective_message.text.strip())


def handlers() -> list[BaseHandler]:
    private_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    return [
        MessageHandler(private_text & filters.ChatType.PRIVATE, free_text),
    ]
