"""/reports and /use: which report a chat reads (the newest unless it chose another)."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from briefings.render import report_choices

from ..context import BotContext
from ..reply import send_html
from .common import NO_REPORT, arguments


async def reports(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_html(update, context, NO_REPORT)
        return
    current = library.for_chat(update.effective_chat.id)
    text = report_choices(library.reports, current.digest)
    await send_html(update, context, text + "\n\n发送 /use 编号 切换报告，例如 /use 1")


async def use(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_html(update, context, NO_REPORT)
        return
    wanted = arguments(context).strip()
    try:
        report = library.choose(update.effective_chat.id, int(wanted))
    except (ValueError, IndexError):
        await send_html(
            update,
            context,
            f"请发送 /use 加报告编号（1–{len(library.reports)}），发送 /reports 查看全部报告。",
        )
        return
    store = await context.state.pusher.store()
    await store.choose_report(update.effective_chat.id, report.digest)  # kept across restarts
    await send_html(
        update, context, f"已切换到：<b>{escape(report.meta.title or report.source)}</b>"
    )


def handlers() -> list[BaseHandler]:
    return [CommandHandler("reports", reports), CommandHandler("use", use)]
