"""The one sending budget, shared by replies and pushes: Telegram's limits (about 30 messages/s
per bot, 20/min per group) count them alike.

Pacing: evenly spaced overall, and slower per group chat. A token bucket of capacity one is a
schedule of slots 1/rate apart, and never bursts after an idle spell. Replies come first: a
reply takes the next free slot at once (a wait of at most one slot), while a push sender only
waits for the next free slot and takes it when it comes, so a reply that arrives meanwhile takes
it and the push waits for the one after. Push senders wait one at a time, in turn; Telegram's
"retry after" moves every slot back. A sender the event loop wakes a few milliseconds late may
go at once (LOOP_LAG), so the rate holds on a busy loop.

Replies reach the budget through PTB's rate limiter (`ReplyLimiter`): at once when no push
runs, and during a push the next free slot, which no push holds ahead of time: the pushes yield
and move back by as many slots. A reply refused with 429 is sent again after the wait Telegram
names (PTB's AIORateLimiter, used for its retries only), and that wait holds the pushes too.
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter
from telegram.warnings import PTBDeprecationWarning

LOOP_LAG = 0.005  # seconds of a late wake-up that the overall pace makes up
# What Telegram counts as messages sent; answering a callback or reading is not.
SENDS = frozenset({"sendMessage", "sendPhoto", "editMessageText", "editMessageCaption"})
FLOOD_RETRIES = 3  # a reply Telegram asks to wait for goes out after the wait, up to 3 times

Answer = bool | dict[str, Any] | list[dict[str, Any]]
# One Bot API request as PTB's rate limiter receives it, to be awaited when the budget allows.
ApiCall = Callable[..., Coroutine[Any, Any, Answer]]


class TokenBucket:
    def __init__(
        self, rate: float, capacity: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval = 1.0 / rate
        self.slack = (capacity - 1.0) * self.interval
        self.clock = clock
        self._next = float("-inf")

    def reserve(self) -> float:
        """Take the next slot; return how long to wait for it (0 when it is free now)."""
        now = self.clock()
        slot = max(self._next, now - self.slack)
        self._next = slot + self.interval
        return max(slot - now, 0.0)

    def until_free(self) -> float:
        """How long until the next slot, without taking it (0 when it is free now)."""
        return max(self._next - self.clock(), 0.0)

    def follow(self) -> None:
        """A send made outside the schedule just now: the next slot is at least one interval
        away. Never further: replies faster than the rate do not pile up a debt for pushes."""
        self._next = max(self._next, self.clock() + self.interval)

    def hold(self, seconds: float) -> None:
        """No slot before `seconds` from now: Telegram asked the whole bot to wait."""
        self._next = max(self._next, self.clock() + seconds)


class Pacer:
    """Overall rate for every send, plus a per-chat rate for groups (negative chat ids)."""

    def __init__(
        self, rate: float, group_per_minute: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        # A sender woken a little late by a busy event loop may go at once: lost milliseconds
        # are made up, so the rate holds, without ever allowing more than a few ms of burst.
        self.overall = TokenBucket(rate, capacity=1.0 + LOOP_LAG * rate, clock=clock)
        self.group_rate = group_per_minute / 60.0
        self.clock = clock
        self._groups: dict[int, TokenBucket] = {}
        # One push sender at a time watches for the next slot; the others queue behind it
        # instead of all waking for every slot.
        self._turn = asyncio.Lock()
        self._pushes_waiting = 0  # replies wait for a slot only while pushes want slots

    def _group(self, chat_id: int) -> TokenBucket:
        if chat_id not in self._groups:
            self._groups[chat_id] = TokenBucket(self.group_rate, clock=self.clock)
        return self._groups[chat_id]

    async def wait(self, chat_id: int) -> None:
        """A push's turn: the next overall slot no reply has taken, after the group's own."""
        self._pushes_waiting += 1
        try:
            # The group's slot first, so a sender waiting on a slow group holds no turn.
            if chat_id < 0:
                await asyncio.sleep(self._group(chat_id).reserve())
            async with self._turn:
                # Never reserved ahead: a reply arriving during the sleep takes that slot.
                while (wait := self.overall.until_free()) > 0:
                    await asyncio.sleep(wait)
                self.overall.reserve()
        finally:
            self._pushes_waiting -= 1

    async def reply(self, chat_id: int) -> None:
        """A reply's turn. With no push running it goes at once, its slot counted all the same;
        during a push it takes the next free slot, ahead of every push (a wait of at most one
        slot, or as many as there are replies ahead of it), so the two together never go
        faster than the rate and the pushes yield."""
        if chat_id < 0:
            self._group(chat_id).follow()  # counted, never waited for: someone is waiting
        if self._pushes_waiting:
            await asyncio.sleep(self.overall.reserve())
        else:
            self.overall.follow()

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram said wait: a group's flood limit is its own, a private chat's is the bot's."""
        (self._group(chat_id) if chat_id < 0 else self.overall).hold(seconds)


def retry_after_seconds(exc: RetryAfter) -> float:
    """How long Telegram asked us to wait (PTB 22 warns that retry_after becomes a timedelta;
    accept either, without the warning)."""
    with warnings.catch_warnings(action="ignore", category=PTBDeprecationWarning):
        retry_after = exc.retry_after
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)


class ReplyLimiter(AIORateLimiter):
    """PTB's rate limiter for replies: each send takes its slot in the shared `Pacer`."""

    def __init__(self, pacer: Pacer) -> None:
        # No throttling of its own: the pacer is the one budget.
        super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=FLOOD_RETRIES)
        self.pacer = pacer

    async def process_request(
        self, callback: ApiCall, args: Any, kwargs: dict[str, Any], endpoint: str,
        data: dict[str, Any], rate_limit_args: int | None,
    ) -> Answer:  # fmt: skip
        # PTB passes every argument by keyword: the names are its own.
        chat_id = _chat_id(data)
        if endpoint in SENDS and chat_id is not None:
            await self.pacer.reply(chat_id)
            callback = self._holding(callback, chat_id)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )

    def _holding(self, call: ApiCall, chat_id: int) -> ApiCall:
        async def send(*args: Any, **kwargs: Any) -> Answer:
            try:
                return await call(*args, **kwargs)
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
