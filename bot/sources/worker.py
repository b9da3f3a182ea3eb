"""Reading listings (feeds, index pages, a page's attachments) in one spawned worker process.

A feed of 10,000 entries or a page of 150,000 links is seconds of pure-Python parsing: on the
event loop it stalled every chat for as long, and in a thread it would still hold the bot's
GIL. In a process it holds neither, and a listing that takes longer than
`fetching.listing_seconds` is killed with its worker (the next listing starts a fresh one).
One listing at a time: the time limit counts the reading, not the wait for the worker.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..library.processes import end_pool, follow_parent, lifeline
from .links import Offered


class ListingWorker:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._pool: ProcessPoolExecutor | None = None
        self._one = asyncio.Lock()

    async def read(self, parse: Callable[..., Offered], *args: Any) -> Offered:
        """`parse(*args)` in the worker; a failure becomes the Offered's one-line problem."""
        async with self._one:
            loop = asyncio.get_running_loop()
            try:
                future = loop.run_in_executor(self._worker(), parse, *args)
                return await asyncio.wait_for(future, self.seconds)
            except TimeoutError:
                await self.close()
                return Offered(problem=f"not read within {self.seconds:g} s (listing_seconds)")
            except BrokenProcessPool:  # killed, or out of memory
                await self.close()
                return Offered(problem="its reader process ended (out of memory?)")
            except Exception as error:  # a parser's bug is this listing's fault, not the poll's
                return Offered(problem=f"unreadable ({type(error).__name__}: {error})")

    async def close(self) -> None:
        """Kill the worker, mid-listing or not (a stop must not wait for a 10 MB listing)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(end_pool, pool)

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                1, mp_context=context, initializer=follow_parent, initargs=(lifeline(),)
            )
        return self._pool
