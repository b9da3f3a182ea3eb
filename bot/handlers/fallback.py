"""Hints for what no other handler took: unknown commands and buttons this bot never made.

They are the last handlers of the main group, registered after every other (the push commands'
too): PTB gives an update to the first handler of a group that takes it, so these see only what
nothing else took.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from ..context import BotContext
from ..language import words_of
from ..reply import send_html
from ..updates import message_of
from .common import answer_stale, command_target, speaks_to_me


async def unknown_command(update: Update, context: BotContext) -> None:
    message = message_of(update)
    if not speaks_to_me(message, context.bot.username):
        return
    name, _ = command_target(message)
    words = await words_of(update, context)
    await send_html(update, context, words("common.unknown_command", name=escape(name)))


async def stray_button(update: Update, context: BotContext) -> None:
    await answer_stale(update, context)


def handlers() -> list[BaseHandler]:
    return [
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
        CallbackQueryHandler(stray_button),
    ]
