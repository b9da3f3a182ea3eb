"""Pacing sends to Telegram's limits: evenly spaced overall, and slower per group chat.

A token bucket of capacity one is a schedule of slots 1/rate apart: a caller reserves the next
free slot and sleeps until it, and never bursts after an idle spell. Push senders take their
overall slot one at a time, in turn, so a slot is never promised far ahead: a reply that takes
a slot, or Telegram's "retry after", moves the very next push back. A sender the event loop
wakes a few milliseconds late may go at once (LOOP_LAG), so the rate holds on a busy loop.
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import Callable
from datetime import timedelta

from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

LOOP_LAG = 0.005  # seconds of a late wake-up that the overall pace makes up


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
        # One sender at a time holds an overall slot: a reservation made far ahead would go out
        # even after a reply took a slot or Telegram said wait meanwhile.
        self._turn = asyncio.Lock()

    def _group(self, chat_id: int) -> TokenBucket:
        if chat_id not in self._groups:
            self._groups[chat_id] = TokenBucket(self.group_rate, clock=self.clock)
        return self._groups[chat_id]

    async def wait(self, chat_id: int) -> None:
        # The group's own slot first, so a sender waiting on a slow group holds no overall slot.
        if chat_id < 0:
            await asyncio.sleep(self._group(chat_id).reserve())
        async with self._turn:
            await asyncio.sleep(self.overall.reserve())

    async def reply(self, chat_id: int) -> None:
        """A reply's turn. With no push running it goes at once, its slot counted all the same;
        during a push it takes the next slot, ahead of the pushes queued for theirs (a wait of
        at most two slots), so the two together never go faster than the rate."""
        if chat_id < 0:
            self._group(chat_id).follow()  # counted, never waited for: someone is waiting
        if self._turn.locked():
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
