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

from ..context import BotContext
from ..reply import thread_of

logger = logging.getLogger(__name__)
SORRY = "抱歉，处理时出了点问题，请稍后再试。"
STORAGE_TROUBLE = (
    "抱歉，订阅数据暂时无法保存（{why}），这次的操作没有生效；已有的订阅不受影响。"
    "请稍后再试，或告知管理员。"
)
CALLBACK_ANSWER_CHARS = 200  # Telegram's limit for a button's answer
_WHY = {"full": "存储空间已满", "readonly": "数据库只读", "deleted": "数据库文件已被删除或替换"}


def storage_trouble(error: sqlite3.Error) -> str:
    """What the user is told when the database refuses a command (full disk, read-only)."""
    text = str(error)
    why = next((why for key, why in _WHY.items() if key in text), "数据库暂时无法访问")
    return STORAGE_TROUBLE.format(why=why)


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
    if isinstance(error, sqlite3.Error):
        logger.error("%s: database %s: %s", _what(update), context.state.config.database, error)
        answer = storage_trouble(error)
    else:
        logger.error("handling an update failed", exc_info=error)
        answer = SORRY
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
