"""/reports and /use: which report a chat reads (the newest unless it chose another)."""

from __future__ import annotations

from telegram import Update

from briefings.render import report_choices, report_title

from ..context import BotContext
from ..reply import send_html
from ..updates import chat_of
from .common import NO_REPORT, arguments
from .permissions import may_change_settings


async def reports(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_html(update, context, NO_REPORT)
        return
    current = library.for_chat(chat_of(update).id)
    text = report_choices(library.reports, current.digest if current else None)
    await send_html(update, context, text + "\n\n发送 /use 编号 切换报告，例如 /use 1")


async def use(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_html(update, context, NO_REPORT)
        return
    if not await may_change_settings(update, context):
        return
    number = _number(arguments(context))
    if not 1 <= number <= len(library.reports):
        await send_html(
            update,
            context,
            f"请发送 /use 加报告编号（1–{len(library.reports)}），发送 /reports 查看全部报告。",
        )
        return
    chat_id = chat_of(update).id
    # Stored first, so a database that refuses it (a full disk) leaves the choice as it was.
    await context.state.chats.choose_report(chat_id, library.reports[number - 1].digest)
    report = library.choose(chat_id, number)
    await send_html(update, context, f"已切换到：<b>{report_title(report)}</b>")


def _number(text: str) -> int:
    """The report number asked for; 0 for none."""
    try:
        return int(text.strip())
    except ValueError:
        return 0
