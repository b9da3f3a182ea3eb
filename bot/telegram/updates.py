"""The parts of an update a handler was registered for, typed.

PTB's `Update` has every part optional; a handler is only given the updates its filters
admit, so a command's update has a message and a chat, and a button's a callback query.
These say so in one place, and fail loudly should a handler be wired to the wrong updates.
"""

from __future__ import annotations

from telegram import CallbackQuery, Chat, Message, Update


class MissingPart(LookupError):
    """A handler got an update without the part its registration promises."""


def message_of(update: Update) -> Message:
    message = update.effective_message
    if message is None:
        raise MissingPart(f"update {update.update_id} has no message")
    return message


def chat_of(update: Update) -> Chat:
    chat = update.effective_chat
    if chat is None:
        raise MissingPart(f"update {update.update_id} has no chat")
    return chat


def query_of(update: Update) -> CallbackQuery:
    query = update.callback_query
    if query is None:
        raise MissingPart(f"update {update.update_id} has no callback query")
    return query
