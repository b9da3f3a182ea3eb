"""Pacing sends to Telegram's limits: evenly spaced overall, and slower per group chat.

A token bucket of capacity one is a schedule of slots 1/rate apart: each caller reserves the
next free slot and sleeps until it. Reserving (not polling) keeps concurrent senders fair and the
rate exact even when the event loop wakes them late, and it never bursts after an idle spell.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


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

    def hold(self, seconds: float) -> None:
        """No slot before `seconds` from now: Telegram asked the whole bot to wait."""
        self._next = max(self._next, self.clock() + seconds)


class Pacer:
    """Overall rate for every send, plus a per-chat rate for groups (negative chat ids)."""

    def __init__(
        self, rate: float, group_per_minute: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.overall = TokenBucket(rate, clock=clock)
        self.group_rate = group_per_minute / 60.0
        self.clock = clock
        self._groups: dict[int, TokenBucket] = {}

    def _group(self, chat_id: int) -> TokenBucket:
        if chat_id not in self._groups:
            self._groups[chat_id] = TokenBucket(self.group_rate, clock=self.clock)
        return self._groups[chat_id]

    async def wait(self, chat_id: int) -> None:
        # The group's own slot first, so a sender waiting on a slow group holds no overall slot.
        if chat_id < 0:
            await asyncio.sleep(self._group(chat_id).reserve())
        await asyncio.sleep(self.overall.reserve())

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram said wait: a group's flood limit is its own, a private chat's is the bot's."""
        (self._group(chat_id) if chat_id < 0 else self.overall).hold(seconds)
