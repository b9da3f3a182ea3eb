"""Telegram's "typing…" while a reply takes longer than a moment.

A reply that waits on a worker, a fetch or a search index can take seconds; without a sign the
chat looks dead. Every command and free-text handler runs under `showing_typing`: once it has
run TYPING_AFTER seconds the chat shows the typing action, renewed until the handler ends
(Telegram shows it for about 5 s, or until the bot's next message). Quick replies send none.
A button's tap does the same (`tap_handler`): a tap can prepare a reply as slow as a command's.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Bot, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from ..telegram.callbacks import ButtonKind, pattern
from .send import thread_of

TYPING_AFTER = 0.5  # seconds a reply may take before the chat shows "typing…"
TYPING_EVERY = 4.0  # Telegram clears the action after about 5 s: renew it before
TYPING_TIMES = 30  # at most this many renewals (two minutes), however long the handler runs

Handler = Callable[[Update, Any], Coroutine[Any, Any, None]]


async def _keep_typing(bot: Bot, chat_id: int, thread: int | None) -> None:
    await asyncio.sleep(TYPING_AFTER)
    for _ in range(TYPING_TIMES):
        # Only a sign: a chat that refuses it (the bot was removed) still gets its reply tried.
        with contextlib.suppress(TelegramError):
            await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread)
        await asyncio.sleep(TYPING_EVERY)


def showing_typing(handler: Handler) -> Handler:
    """`handler`, with the typing action shown in its chat while it runs past TYPING_AFTER."""

    @functools.wraps(handler)
    async def wrapped(update: Update, context: Any) -> None:
        chat = update.effective_chat
        if chat is None:
            await handler(update, context)
            return
        typing = asyncio.create_task(_keep_typing(context.bot, chat.id, thread_of(update)))
        try:
            await handler(update, context)
        finally:
            typing.cancel()
            await asyncio.wait([typing])  # ended before the handler's caller goes on

    return wrapped


def tap_handler(kind: ButtonKind, handler: Handler, slow: bool = False) -> CallbackQueryHandler:
    """The handler of `kind`'s buttons, showing typing as commands do. A `slow` one (it may
    wait on a briefing, the search index or a thread) runs beside other updates, as a slow
    command does: a tap waiting a minute for a briefing holds up no other chat."""
    return CallbackQueryHandler(showing_typing(handler), pattern=pattern(kind), block=not slow)
