"""Hints for what no other handler took: unknown commands and buttons this bot never made.

These run in their own later group so they never shadow a handler registered after them (the
push helper's); they act only when no handler in another group would take the update.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from ..context import BotContext
from ..reply import send_html
from . import groups
from .common import STALE_BUTTON, command_target, speaks_to_me


def taken_elsewhere(update: Update, context: BotContext) -> bool:
    """Whether a handler outside the fallback group (and not a catch-all) matches `update`."""
    for group, handlers in context.application.handlers.items():
        if group == groups.FALLBACK:
            continue
        for handler in handlers:
            if not isinstance(handler, TypeHandler) and handler.check_update(update):
                return True
    return False


async def unknown_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if taken_elsewhere(update, context) or not speaks_to_me(message, context.bot.username):
        return
    name, _ = command_target(message)
    await send_html(update, context, f"没有 /{escape(name)} 这个命令。发送 /help 查看全部命令。")


async def stray_button(update: Update, context: BotContext) -> None:
    if not taken_elsewhere(update, context):
        await update.callback_query.answer(STALE_BUTTON)


def handlers() -> list[BaseHandler]:
    return [
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, unknown_command),
        CallbackQueryHandler(stray_button),
    ]
