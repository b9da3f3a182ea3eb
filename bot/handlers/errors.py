"""The one error handler: log the exception (the log redacts secrets), tell the user briefly.

A database that refuses a write (a full disk, a read-only file) is a known condition, not a
bug: one log line without a traceback, and a reply saying what happened and that nothing
changed, whichever command met it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3

from telegram import Update
from telegram.error import TelegramError

from bot.present.words import CHINESE, Words

from ..replies.language import words_of
from ..replies.send import thread_of
from ..state import BotContext

logger = logging.getLogger(__name__)
CALLBACK_ANSWER_CHARS = 200  # Telegram's limit for a button's answer
_WHY = ("full", "readonly", "deleted")  # words in SQLite's message, and keys of errors.*


def storage_trouble(error: sqlite3.Error, words: Words = CHINESE) -> str:
    """What the user is told when the database refuses a command (full disk, read-only)."""
    text = str(error)
    why = next((key for key in _WHY if key in text), "unknown")
    return words("errors.storage", why=words(f"errors.{why}"))


def _what(update: object) -> str:
    """The command or button an update carried, for the log line."""
    if not isinstance(update, Update):
        return "an update"
    if update.callback_query is not None:
        return f"button {update.callback_query.data!r}"
    message = update.effective_message
    return (message.text or "a message").split(maxsplit=1)[0] if message else "an update"


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    words = await words_of(update, context)
    if isinstance(error, sqlite3.Error):
        logger.error(
            "%s: database %s: %s", _what(update), context.state.stores.database.name, error
        )
        answer = storage_trouble(error, words)
    else:
        logger.error("handling an update failed", exc_info=error)
        answer = words("errors.sorry")
    if not isinstance(update, Update):
        return
    with contextlib.suppress(TelegramError):  # the failure may be Telegram itself
        if update.callback_query is not None:
            await update.callback_query.answer(answer[:CALLBACK_ANSWER_CHARS])
        elif update.effective_chat is not None:
            await context.bot.send_message(
                update.effective_chat.id,
                answer,
                parse_mode=None,
                message_thread_id=thread_of(update),
            )
