"""Fault hooks for LocalBotApi: a Telegram that rate-limits, is blocked by some chats, and fails.

Each hook is a callable `(method, params) -> response | None`; None lets the server answer.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.local_api import error

SEND = "sendMessage"


@dataclass
class RateLimit:
    """Answers 429 to sends beyond `rate` per second (a token bucket holding `burst` tokens)."""

    rate: float
    burst: float = 1.0
    refused: int = 0
    _tokens: float = field(init=False)
    _at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self._tokens = self.burst

    def admit(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        self.refused += 1
        return False


@dataclass
class Faults:
    """Per-chat misbehaviour: blocked chats (403), flaky chats (500 the first n times),
    flooded chats (429 the first n times), and an optional overall rate limit."""

    blocked: set[int] = field(default_factory=set)
    flaky: Counter[int] = field(default_factory=Counter)
    flooded: Counter[int] = field(default_factory=Counter)
    limit: RateLimit | None = None
    retry_after: int = 1
    answered: Counter[str] = field(default_factory=Counter)

    async def __call__(self, method: str, params: dict[str, Any]) -> web.Response | None:
        if method != SEND:
            return None
        chat = int(params.get("chat_id") or 0)
        answer = self._answer(chat)
        self.answered[answer.status if answer is not None else 200] += 1
        return answer

    def _answer(self, chat: int) -> web.Response | None:
        if self.limit is not None and not self.limit.admit():
            return error(429, f"Too Many Requests: retry after {self.retry_after}",
                         retry_after=self.retry_after)  # fmt: skip
        if chat in self.blocked:
            return error(403, "Forbidden: bot was blocked by the user")
        if self.flooded[chat] > 0:
            self.flooded[chat] -= 1
            return error(429, f"Too Many Requests: retry after {self.retry_after}",
                         retry_after=self.retry_after)  # fmt: skip
        if self.flaky[chat] > 0:
            self.flaky[chat] -= 1
            return error(500, "Internal Server Error")
        return None
