"""Polling every source on its own interval, handing what is new to the caller.

The first poll of each source runs at start: after a restart its conditional requests cost
a 304 each, and nothing already kept is reported again (the store remembers).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from .http import PoliteClient
from .poller import ADD_SOURCE, Fetched, SourcePoller
from .settings import FetchPolicy, SourceSpec
from .store import SourceStore

log = logging.getLogger(__name__)

Deliver = Callable[[list[Fetched]], Awaitable[None]]


class SourceRunner:
    def __init__(
        self,
        poller: SourcePoller,
        specs: Sequence[SourceSpec],
        deliver: Deliver,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.poller = poller
        self.specs = tuple(specs)
        self.deliver = deliver
        self.clock = clock
        self._due = {spec.name: clock() for spec in self.specs}

    def seconds_to_next(self) -> float:
        return max(0.0, min(self._due.values(), default=3600.0) - self.clock())

    async def poll_due(self) -> list[Fetched]:
        """Poll every source whose interval has run out; deliver and return what is new."""
        found: list[Fetched] = []
        for spec in self.specs:
            if self._due[spec.name] > self.clock():
                continue
            self._due[spec.name] = self.clock() + spec.interval_seconds
            try:
                found += await self.poller.poll_source(spec)
            except Exception as error:  # a store or parser bug must not stop the other sources
                log.error("source %s: poll failed: %s: %s", spec.name, type(error).__name__, error)
        if found:
            try:
                await self.deliver(found)
            except Exception as error:
                log.error("sources: delivering %d report(s) failed: %s", len(found), error)
        return found

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set."""
        while not stop.is_set():
            await self.poll_due()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.seconds_to_next())


async def add_url(
    url: str, database: Path, reports_dir: Path | None, policy: FetchPolicy
) -> list[Fetched]:
    """Fetch one URL now, as `/add URL` and `briefing-bot add URL` do: the reports found,
    or the fault raised as one line (FetchError or briefings' ReportError)."""
    store = await SourceStore.open(database)
    client = PoliteClient(policy)
    try:
        return await SourcePoller(client, store, reports_dir).fetch_url(url, ADD_SOURCE)
    finally:
        await client.close()
        await store.close()
