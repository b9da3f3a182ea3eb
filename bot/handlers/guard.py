"""Refuses overlong arguments and arguments holding control characters: the first handler of
the main group, so nothing else sees them (a NUL stored in a follow and echoed back, a
terminal escape in a search)."""

from __future__ import annotations

import unicodedata

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from ..replies.language import words_of
from ..replies.send import send_html
from ..state import BotContext
from ..telegram.updates import message_of
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


_LINE_BREAKS = frozenset("\t\n\r")  # a multi-line message is still words


def _controlled(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in _LINE_BREAKS for c in text)


class _Refused(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        said = argument(message)
        return len(said) > MAX_ARGUMENT_CHARS or _controlled(said)


async def refuse(update: Update, context: BotContext) -> None:
    said = argument(message_of(update))
    words = await words_of(update, context)
    if len(said) > MAX_ARGUMENT_CHARS:
        answer = words("common.too_long", length=len(said), limit=MAX_ARGUMENT_CHARS)
    else:
        answer = words("common.control_characters")
    await send_html(update, context, answer)


def handlers() -> list[BaseHandler]:
    # Edited messages too: command handlers answer edits, so an edit must not slip past.
    return [MessageHandler(filters.UpdateType.MESSAGES & filters.TEXT & _Refused(), refuse)]
