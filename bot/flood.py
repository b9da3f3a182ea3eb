"""Replies and Telegram's flood control: one sending budget with pushes, and a 429 retried.

Telegram's limits (about 30 messages/s per bot, 20/min per group) count replies and pushes
alike, so a reply takes its slot in the push pacer: at once when no push runs, and during a
push the next free slot, which no push holds ahead of time: the pushes yield and move back by
as many slots, and the two together keep the rate. A reply refused with 429 is sent again after the wait Telegram names
(PTB's AIORateLimiter, used for its retries only), and that wait holds the pushes too.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from .push.pacing import Pacer, retry_after_seconds

# What Telegram counts as messages sent; answering a callback or reading is not.
SENDS = frozenset({"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption"})
FLOOD_RETRIES = 3  # a reply Telegram asks to wait for goes out after the wait, up to 3 times

Answer = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, Answer]]


class SharedBudget(AIORateLimiter):
    def __init__(self, pacer: Pacer) -> None:
        # No throttling of its own: the pacer is the one budget.
        super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=FLOOD_RETRIES)
        self.pacer = pacer

    async def process_request(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], endpoint: str,
        data: dict[str, Any], rate_limit_args: int | None,
    ) -> Answer:  # fmt: skip
        chat_id = _chat_id(data)
        if endpoint in SENDS and chat_id is not None:
            await self.pacer.reply(chat_id)
            callback = self._holding(callback, chat_id)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )

    def _holding(self, callback: Callback, chat_id: int) -> Callback:
        async def send(*args: Any, **kwargs: Any) -> Answer:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self.pacer.hold(chat_id, retry_after_seconds(exc))
                raise

        return send


def _chat_id(data: dict[str, Any]) -> int | None:
    """The numeric chat id of a request; None for none or a @channel name."""
    try:
        return int(data["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None
