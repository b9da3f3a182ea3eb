"""The one error handler: log the exception (the log redacts secrets), tell the user briefly."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError

from ..context import BotContext

logger = logging.getLogger(__name__)
SORRY = "抱歉，处理时出了点问题，请稍后再试。"


async def on_error(update: object, context: BotContext) -> None:
    logger.error("handling an update failed", exc_info=context.error)
    if not isinstance(update, Update):
        return
    with contextlib.suppress(TelegramError):  # the failure may be Telegram itself
        if update.callback_query is not None:
            await update.callback_query.answer(SORRY)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, SORRY)
