"""The words a chat reads the bot in: its /lang choice (bot/store/chats.py), Chinese by default."""

from __future__ import annotations

import logging
import sqlite3

from telegram import Update

from bot.present.words import CHINESE, Words, spoken

from ..state import BotContext

logger = logging.getLogger(__name__)


async def chat_words(context: BotContext, chat_id: int) -> Words:
    """The catalogue of the chat's language. A database that cannot be read answers in the
    default language rather than not at all: a setting must never stop a reply."""
    try:
        language = await context.state.chats.language(chat_id)
    except (sqlite3.Error, OSError) as error:
        logger.warning("chat %s: language unreadable, answering in Chinese: %s", chat_id, error)
        return CHINESE
    return spoken(language)


async def words_of(update: object, context: BotContext) -> Words:
    """The catalogue of the chat an update came from (Chinese when it names no chat)."""
    chat = update.effective_chat if isinstance(update, Update) else None
    return CHINESE if chat is None else await chat_words(context, chat.id)
