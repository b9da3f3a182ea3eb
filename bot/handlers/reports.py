"""/reports and /use: which report a chat reads (the newest unless it chose another)."""

from __future__ import annotations

from telegram import Update

from briefings.render import report_choices, report_title

from ..context import BotContext
from ..language import words_of
from ..reply import send_html
from ..updates import chat_of
from .common import arguments, send_no_report
from .permissions import may_change_settings


async def reports(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_no_report(update, context)
        return
    words = await words_of(update, context)
    current = library.for_chat(chat_of(update).id)
    text = report_choices(library.reports, current.digest if current else None, words)
    await send_html(update, context, text + words("reports.use_hint"))


async def use(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_no_report(update, context)
        return
    if not await may_change_settings(update, context):
        return
    words = await words_of(update, context)
    number = _number(arguments(context))
    if not 1 <= number <= len(library.reports):
        await send_html(update, context, words("reports.use_usage", count=len(library.reports)))
        return
    chat_id = chat_of(update).id
    # Stored first, so a database that refuses it (a full disk) leaves the choice as it was.
    await context.state.chats.choose_report(chat_id, library.reports[number - 1].digest)
    report = library.choose(chat_id, number)
    await send_html(update, context, words("reports.switched", title=report_title(report)))


def _number(text: str) -> int:
    """The report number asked for; 0 for none."""
    try:
        return int(text.strip())
    except ValueError:
        return 0
