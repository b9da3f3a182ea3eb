"""The tests' fake Telegram: the terminal chat's LocalBotApi, plus what only tests need —
fault hooks, group permissions, call times, and waiting for a call.

A fault hook is a callable `(method, params) -> response | None`; None lets the server answer,
and raising DropConnection makes it hang up without answering. `Faults` and `RateLimit` are
ready-made hooks: a Telegram that rate-limits, is blocked by some chats, and fails.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.local.bot_api import Call, LocalBotApi, error

FaultHook = Callable[[str, dict[str, Any]], Awaitable[web.StreamResponse | None]]


class DropConnection(Exception):
    """Raised by a fault hook: the server hangs up instead of answering, and records no call."""


@dataclass
class TimedCall(Call):
    at: float = field(default_factory=time.monotonic)  # when the server took the call


class FakeBotApi(LocalBotApi):
    """LocalBotApi with fault injection through `fault` and admins per group in `group_admins`
    (in a chat not listed everyone is an admin, so only tests about permissions say who is)."""

    def __init__(self, token: str = "123456:LOCAL-TOKEN") -> None:
        super().__init__(token)
        self.fault: FaultHook | None = None
        self.group_admins: dict[int, set[int]] = {}
        self.calls: list[TimedCall] = []  # type: ignore[assignment]

    def sent(self, method: str | None = None) -> list[TimedCall]:
        return [c for c in self.calls if method is None or c.method == method]

    async def wait_for(
        self, predicate: Callable[[TimedCall], bool], timeout: float = 5.0
    ) -> TimedCall:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for call in self.calls[seen:]:
                if predicate(call):
                    return call
            seen = len(self.calls)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the bot made no matching call in time")
            self._new_call.clear()
            try:
                await asyncio.wait_for(self._new_call.wait(), remaining)
            except TimeoutError:
                continue

    async def _answer(
        self, request: web.Request, method: str, params: dict[str, Any]
    ) -> web.StreamResponse:
        if self.fault is not None:
            try:
                answer = await self.fault(method, params)
            except DropConnection:
                return _hang_up(request)
            if answer is not None:
                return answer
        return await super()._answer(request, method, params)

    def _record(self, call: Call) -> None:
        super()._record(TimedCall(call.method, call.params, call.result))

    def _member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        admins = self.group_admins.get(chat_id)
        if admins is None or user_id in admins:
            return super()._member(chat_id, user_id)
        return {"status": "member", "user": {"id": user_id, "is_bot": False, "first_name": "用户"}}


def _hang_up(request: web.Request) -> web.Response:
    # Closing the transport first makes aiohttp drop the response it is handed, quietly: the
    # client sees the connection close before any answer (a reset link, a crashed proxy).
    if request.transport is not None:
        request.transport.close()
    return error(500, "connection dropped")


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
    answered: Counter[int] = field(default_factory=Counter)  # by HTTP status

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
