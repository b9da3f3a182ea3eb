"""Refuses overlong arguments: the first handler of the main group, so nothing else sees them."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from ..context import BotContext
from ..language import words_of
from ..reply import send_html
from ..updates import message_of
from .common import names_other_bot

MAX_ARGUMENT_CHARS = 200


def argument(message: Message) -> str:
    """A command's argument text, or a private chat's plain text (a search)."""
    text = message.text or ""
    if not text.startswith("/"):
        return text if message.chat.type == "private" else ""
    if names_other_bot(message, message.get_bot().username):
        return ""
    parts = text.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


class _Overlong(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return len(argument(message)) > MAX_ARGUMENT_CHARS


async def refuse(update: Update, context: BotContext) -> None:
    length = len(argument(message_of(update)))
    words = await words_of(update, context)
    await send_html(
        update, context, words("common.too_long", length=length, limit=MAX_ARGUMENT_CHARS)
    )


def handlers() -> list[BaseHandler]:
    # Edited messages too: command handlers answer edits, so an edit must not slip past.
    return [MessageHandler(filters.UpdateType.MESSAGES & filters.TEXT & _Overlong(), refuse)]
