"""What keeps the web server up under a flood of slow clients (slow-loris), secret or not.

aiohttp alone waits an hour for a request's headers and accepts connections until the process
runs out of file descriptors, after which asyncio logs every failed accept. Here: a deadline
for the headers and for an update's body, and a cap on connections at which a new client
evicts the oldest one that is not being answered, so a flood can neither exhaust the process
nor lock out Telegram and the health check. What was cut is logged once a minute, not per
connection.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

logger = logging.getLogger(__name__)

# Telegram opens at most 40 connections to a webhook unless told otherwise (setWebhook's
# max_connections); health probes add a few. A quarter of the descriptors the process may
# open leaves the rest to the bot's own Telegram connections, the database and the reports.
MAX_CONNECTIONS = 100
REPORT_EVERY_SECONDS = 60.0


@dataclass(frozen=True)
class WebLimits:
    max_connections: int = MAX_CONNECTIONS
    header_seconds: float = 10.0  # from connecting (or the last answer) to complete headers
    body_seconds: float = 10.0  # to read an update's body once its headers are in

    def connections(self) -> int:
        """The cap, lowered when the process may open few files (`ulimit -n`)."""
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft == resource.RLIM_INFINITY:
            return self.max_connections
        return max(1, min(self.max_connections, soft // 4))


class _Refused(asyncio.Protocol):
    """A connection over the cap with no idle one to evict: closed at once."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        transport.close()


class Tally:
    """Counts events and logs them at most once per period, so a flood is one line a minute."""

    def __init__(self, what: str, period: float = REPORT_EVERY_SECONDS) -> None:
        self.what, self.period = what, period
        self.count = 0
        self._unreported = 0
        self._reported_at = float("-inf")

    def add(self) -> None:
        self.count += 1
        self._unreported += 1
        now = time.monotonic()
        if now - self._reported_at >= self.period:
            logger.warning("%s: %d since the last report", self.what, self._unreported)
            self._unreported, self._reported_at = 0, now


class ConnectionGuard:
    """The protocol factory for the listening socket, in front of aiohttp's server."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.server: web.Server | None = None  # aiohttp's, once the runner is set up
        self.answering: set[RequestHandler] = set()  # connections inside a request handler
        self.cut = Tally(f"web server at its cap of {limit} connections, slow clients cut")

    def open(self) -> list[RequestHandler]:
        """The connections not closed yet, oldest first."""
        assert self.server is not None
        return [h for h in self.server.connections if h.transport is not None]

    def __call__(self) -> asyncio.BaseProtocol:
        live = self.open()
        if len(live) >= self.limit:
            self.cut.add()
            idle = next((h for h in live if h not in self.answering), None)
            if idle is None:
                return _Refused()
            idle.force_close()
        assert self.server is not None
        return self.server()

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[Any]]
    ) -> Any:
        self.answering.add(request.protocol)
        try:
            return await handler(request)
        finally:
            self.answering.discard(request.protocol)


class QuietAcceptErrors:
    """A loop exception handler that logs each kind of error once a minute with its count: a
    process out of descriptors fails every accept, and logged each time that is 60 MB in 30 s."""

    def __init__(self) -> None:
        self.tallies: dict[str, Tally] = {}

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        message = str(context.get("message", "unhandled error in the event loop"))
        if "socket.accept()" not in message:
            loop.default_exception_handler(context)
            return
        tally = self.tallies.setdefault(message, Tally(f"{message} ({context.get('exception')})"))
        tally.add()
