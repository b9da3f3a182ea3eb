"""Polling every source on its own interval, handing what is new to the caller.

The first poll of each source runs at start: after a restart its conditional requests cost
a 304 each, and nothing already kept is reported again (the store remembers).

Replicas sharing a PostgreSQL database take turns: each interval, one of them polls a source
(SourceStore.my_turn), so a site is asked once, not once per replica.

Each source is followed by its own task, so a slow or huge source (hours of requests at one a
second) never holds back the next one; at most `fetching.sources_at_once` poll at a time, and
requests to one host stay paced by the client whichever source makes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from ..store.backends import Target
from .http import PoliteClient
from .poller import Fetched, SourcePoller, one_line
from .settings import ADD_SOURCE, FetchPolicy, SourceSpec
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
        self._at_once = asyncio.Semaphore(poller.client.policy.sources_at_once)

    def seconds_to_next(self) -> float:
        return max(0.0, min(self._due.values(), default=3600.0) - self.clock())

    async def poll_due(self) -> list[Fetched]:
        """Poll every source whose interval has run out, together; deliver and return what is
        new (once, for all of them)."""
        due = [spec for spec in self.specs if self._due[spec.name] <= self.clock()]
        polled = await asyncio.gather(*(self._poll(spec) for spec in due))
        found = [item for items in polled for item in items]
        await self._deliver(found)
        return found

    async def run(self, stop: asyncio.Event) -> None:
        """Follow every source, each on its own, until `stop` is set."""
        follows = [asyncio.create_task(self._follow(spec, stop)) for spec in self.specs]
        try:
            await asyncio.gather(*follows)
        finally:  # cancelled (the bot stops): no poll outlives the runner
            for task in follows:
                task.cancel()
            await asyncio.gather(*follows, return_exceptions=True)

    async def _follow(self, spec: SourceSpec, stop: asyncio.Event) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                wait = max(0.0, self._due[spec.name] - self.clock())
                await asyncio.wait_for(stop.wait(), wait)
            if not stop.is_set():
                await self._deliver(await self._poll(spec))

    async def _poll(self, spec: SourceSpec) -> list[Fetched]:
        """One poll of `spec` (waiting for a free slot); a crash is logged and shown by /sources."""
        self._due[spec.name] = self.clock() + spec.interval_seconds
        async with self._at_once:
            try:
                # Another replica's turn: it polls, and its reports reach the shared folder.
                if not await self.poller.store.my_turn(spec.name, spec.interval_seconds):
                    return []
                return await self.poller.poll_source(spec)
            except Exception as error:  # a store or parser bug must not stop the other sources
                log.error("source %s: poll failed: %s: %s", spec.name, type(error).__name__, error)
                with contextlib.suppress(Exception):  # the store may be what failed
                    await self.poller.store.note_source(
                        spec.name, self.poller.clock(), False, f"poll failed: {one_line(error)}"
                    )
                return []

    async def _deliver(self, found: list[Fetched]) -> None:
        if not found:
            return
        try:
            await self.deliver(found)
        except Exception as error:
            log.error("sources: delivering %d report(s) failed: %s", len(found), error)


async def add_url(
    url: str, database: Target, reports_dir: Path | None, policy: FetchPolicy
) -> list[Fetched]:
    """Fetch one URL now, as `/add URL` and `briefing-bot add URL` do: the reports found,
    or the fault raised as one line (FetchError or briefings' ReportError)."""
    store = await SourceStore.open(database)
    client = PoliteClient(policy)
    poller = SourcePoller(client, store, reports_dir)
    try:
        return await poller.fetch_url(url, ADD_SOURCE)
    finally:
        await poller.close()
