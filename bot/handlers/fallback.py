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
from ..reply import send_html
from ..updates import message_of, query_of
from .common import STALE_BUTTON, command_target, speaks_to_me


async def unknown_command(update: Update, context: BotContext) -> None:
    message = message_of(update)
    if not speaks_to_me(message, context.bot.username):
        return
    name, _ = command_target(message)
    await send_html(update, context, f"没有 /{escape(name)} 这个命令。发送 /help 查看全部命令。")


async def stray_button(update: Update, context: BotContext) -> None:
    await query_of(update).answer(STALE_BUTTON)


def handlers() -> list[BaseHandler]:
    return [
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
        CallbackQueryHandler(stray_button),
    ]
