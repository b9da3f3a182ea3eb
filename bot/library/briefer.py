"""Briefing the loaded reports in the background: their figures, summaries and search index.

A report whose briefing is cached is read back in a thread (no jieba). Any other is briefed in
a pool of `workers` processes (config `briefing_workers`: by default one per core), forked from
a fork server that holds the engine (`pool_of`), so the bot process never imports jieba (~150
MB) and a large report's minutes of CPU hold a worker's GIL, not the bot's. Each worker takes one report at a time: the one a user waits for
first, else the newest (the reports users read first); each briefing is added to the library
as it arrives, and `progress` says how many are in. The workers are started when there is work,
let go when there is none, and killed on stop: a briefing cut short costs only its
recomputation next time (cache files are written atomically).

Replicas sharing a PostgreSQL database share the work too (`Sharing`, bot/store/briefings.py):
before a worker briefs a report, the briefing another replica stored is loaded instead (and
kept in this replica's cache folder); else the report's job is claimed, and only the replica
that claims it briefs it and stores the result. A report whose job another replica holds is
set aside and looked at again every WATCH_SECONDS, until its briefing is stored (loaded then)
or the job is free again (its holder failed, or died and its claim expired: claimed then).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import heapq
import logging
import multiprocessing
import os
import signal
import sqlite3
import time
from collections.abc import Callable, Collection, Coroutine
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from pathlib import Path
from typing import Any, Literal, Protocol

from briefings import cache
from briefings.briefing import Briefing
from briefings.catalogue import Listing
from briefings.derive import brief
from briefings.model import Listed, Report

from .processes import end_pool, follow_parent, lifeline
from .reports import ReportLibrary

logger = logging.getLogger(__name__)

# What the worker runs: a picklable module-level function (tests pass a slow one).
Work = Callable[[Report, Path | None], Briefing]
WATCH_SECONDS = 1.0  # how often a replica looks whether a job another one holds is over


class Sharing(Protocol):
    """The briefing jobs and results replicas share (bot/store/briefings.py)."""

    seconds: float  # a claim's term, renewed every third of it while the worker runs

    async def stored(self, digest: str, code: str) -> bytes | None: ...
    async def claim(self, digest: str, code: str) -> bool: ...
    async def renew(self, digest: str) -> bool: ...
    async def finish(self, digest: str, code: str, data: bytes) -> None: ...
    async def give_back(self, digest: str, error: str) -> None: ...
    async def ready(self, digests: list[str]) -> list[str]: ...


# What a replica does with a report, having asked the others: loaded what one stored, briefs it
# having claimed it, leaves it to the one holding it, or briefs it alone (database unreachable).
Turn = Literal["loaded", "claimed", "elsewhere", "alone"]
WARM_ENGINE = "bot.library.warm_engine"  # imported by the workers' fork server (pool_of)


@functools.cache
def _end_server_at_exit() -> None:
    atexit.register(_end_server)


def _end_server() -> None:
    """End the fork server at once (at exit, or a stop while it starts): it exits by itself
    when it sees the bot gone, but one still loading the engine sees that only seconds later,
    holding the bot's stdout and stderr open meanwhile (and whoever waits for them to close: a
    supervisor, a test), and the submits waiting for it."""
    server: Any = forkserver._forkserver  # no public handle on it (nor on its pid)
    with server._lock:
        if server._forkserver_pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(server._forkserver_pid, signal.SIGKILL)
        server._stop_unlocked()  # reaps and forgets it: the next pool starts a fresh one


def pool_of(workers: int) -> ProcessPoolExecutor:
    """`workers` briefing processes (started as work comes), each ending with the process that
    made the pool. They are forked from a fork server (started with the first pool, exiting
    with the bot) that has the briefing engine loaded (bot/library/warm_engine.py): a fresh
    pool briefs its first report without first loading jieba, which costs a spawned worker
    1-4 s. The bot process itself still never imports jieba; the server holds it (~150 MB,
    shared copy-on-write with the workers) for as long as the bot runs."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([WARM_ENGINE])
    _end_server_at_exit()
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=follow_parent, initargs=(lifeline(),)
    )


class Briefer:
    def __init__(
        self,
        library: ReportLibrary,
        work: Work = brief,
        workers: int = 1,
        sharing: Sharing | None = None,
    ) -> None:
        self.library = library
        self._work = work
        self._workers = workers
        self._sharing = sharing
        self._elsewhere: dict[str, Listing] = {}  # digest -> report another replica briefs
        self._watching: asyncio.Task[None] | None = None
        self._done: dict[str, asyncio.Event] = {}  # digest -> set once briefed (or failed)
        self._queue: dict[str, Listing] = {}  # digest -> report waiting for a worker
        # (rank in the library, newest 0; digest): the queue's order, stale entries skipped
        self._order: list[tuple[int, str]] = []
        self._wanted: list[str] = []  # digests users wait for, the latest last
        self._tasks: set[asyncio.Task[None]] = set()
        self._runners: set[asyncio.Task[None]] = set()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._submitting = 0  # submits waiting in a thread for the fork server to fork
        self._code: str | None = None  # cache.code_fingerprint(), once worked out

    def progress(self) -> tuple[int, int]:
        """(reports briefed, reports listed): how far background briefing has got."""
        reports = self.library.reports
        return sum(1 for r in reports if self.library.is_briefed(r.digest)), len(reports)

    async def reload(self, held: Collection[str] = ()) -> list[Listing]:
        """Read the reports folder again (not its `held` files: still being written) and brief
        what is new; returns the new reports."""
        new = await asyncio.to_thread(self.library.reload, held)
        self.schedule(self.library.pending())
        return new

    def schedule(self, reports: list[Listing]) -> None:
        """Brief `reports` in the background (those not scheduled already)."""
        if self._closed:  # a /reload answered while the bot stops: no worker outlives it
            return
        fresh = [report for report in reports if report.digest not in self._done]
        for report in fresh:
            self._done[report.digest] = asyncio.Event()
        if fresh:
            self._track(self._from_cache(fresh))

    async def wait(self, report: Listed, timeout: float) -> Briefing | None:
        """`report`'s briefing, if it is in or comes within `timeout` (else None); only this
        report's briefing is waited for, and it goes to the worker next. A cached briefing
        that cannot be read any more is briefed again."""
        briefing = await self.library.load_briefing(report.digest)
        if briefing is not None:
            return briefing
        if report.digest in self.library.lost and not self._closed:
            self._brief_again(report.digest)
        done = self._done.get(report.digest)
        if done is not None and not done.is_set():
            self._wanted.append(report.digest)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), timeout)
        return await self.library.load_briefing(report.digest)

    def pending(self, digest: str) -> bool:
        """Whether the report's briefing is scheduled and neither done nor failed yet."""
        done = self._done.get(digest)
        return done is not None and not done.is_set()

    async def settled(self) -> None:
        """Return once every report scheduled, before or while waiting, is briefed or failed."""
        while busy := [task for task in (*self._tasks, *self._runners) if not task.done()]:
            await asyncio.wait(busy)

    async def close(self) -> None:
        """Stop briefing at once: the queue is dropped, the workers killed, and commands waiting
        for a briefing answer now, so that they do not hold up the stop either."""
        self._closed = True
        self._queue.clear()
        self._elsewhere.clear()
        for done in self._done.values():
            done.set()
        tasks = [*self._tasks, *self._runners]
        for task in tasks:
            task.cancel()
        pool, self._pool = self._pool, None
        if self._submitting:  # the fork server is still loading the engine: a stop does not
            _end_server()  # wait for it (its submits see it end, and their threads return)
        if pool is not None:
            await asyncio.to_thread(end_pool, pool)
        await asyncio.gather(*tasks, return_exceptions=True)

    def _track(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _from_cache(self, reports: list[Listing]) -> None:
        """The reports whose briefing is cached are briefed (it is read when asked for); the
        others go to the worker."""
        try:
            hits = await asyncio.to_thread(self.library.find_cached, reports)
        except Exception:  # a bug here must not leave commands waiting: the worker recomputes
            logger.exception("looking for cached briefings failed")
            hits = []
        if hits:
            logger.info("found %d briefing(s) in the cache", len(hits))
        for report in hits:
            self._settle(report.digest)
        found = {report.digest for report in hits}
        self._enqueue([report for report in reports if report.digest not in found])

    def _enqueue(self, reports: list[Listing]) -> None:
        self._queue.update((report.digest, report) for report in reports)
        rank = {listing.digest: n for n, listing in enumerate(self.library.reports)}
        self._order = [(rank.get(digest, len(rank)), digest) for digest in self._queue]
        heapq.heapify(self._order)
        self._start()

    def _brief_again(self, digest: str) -> None:
        listing = self.library.listing(digest)
        self.library.lost.discard(digest)
        if listing is not None:
            self._done[digest] = asyncio.Event()
            self._enqueue([listing])

    def _start(self) -> None:
        self._runners = {runner for runner in self._runners if not runner.done()}
        while self._queue and len(self._runners) < min(self._workers, len(self._queue)):
            self._runners.add(asyncio.create_task(self._run()))

    async def _run(self) -> None:
        try:
            while self._queue:
                await self._brief(self._queue.pop(self._next()))
        finally:
            if not self._queue and all(
                runner.done() or runner is asyncio.current_task() for runner in self._runners
            ):
                self._let_go(self._pool)

    def _next(self) -> str:
        wanted = [digest for digest in self._wanted if digest in self._queue]
        if wanted:
            return wanted[-1]
        while self._order[0][1] not in self._queue:  # taken already, as a wanted one
            heapq.heappop(self._order)
        return heapq.heappop(self._order)[1]

    async def _brief(self, listing: Listing) -> None:
        began = time.monotonic()
        report = await asyncio.to_thread(self.library.report, listing.digest)
        if report is None:  # gone or changed since listed: the next reload lists it anew
            logger.error("briefing %s failed: the file changed or is gone", listing.source)
            self._fail(listing.digest)
            return
        turn: Turn = "alone" if self._sharing is None else await self._turn(report)
        if turn == "loaded":
            return
        if turn == "elsewhere":
            self._set_aside(listing)
            return
        renewing = self._track_renewal(report.digest) if turn == "claimed" else None
        pool = self._worker()
        try:
            # Submitted from a thread: a pool's first worker waits for the fork server, which
            # loads the engine when it starts (seconds the event loop must not stall for).
            work = functools.partial(self._work, report, self.library.cache_dir)
            self._submitting += 1
            try:
                submitted = await asyncio.to_thread(pool.submit, work)
            finally:
                self._submitting -= 1
            briefing = await asyncio.wrap_future(submitted)
        except asyncio.CancelledError:  # the bot stops: whoever comes next (another replica,
            # this one restarted) may claim the job now, not once the claim expires
            await self._give_back(turn, report.digest, "its replica stopped mid-briefing")
            raise
        except BrokenProcessPool as error:  # a worker died: killed, or out of memory
            logger.error("briefing %s failed: the worker process ended (%s)", report.source, error)
            self._let_go(pool)
            await self._give_back(turn, report.digest, f"the worker process ended ({error})")
            self._fail(report.digest)
        except Exception as error:
            logger.exception("briefing %s failed", report.source)
            await self._give_back(turn, report.digest, f"{type(error).__name__}: {error}")
            self._fail(report.digest)
        else:
            if turn == "claimed":
                await self._share(briefing)
            self._add([briefing])
            logger.info("briefed %s in %.1f s", report.source, time.monotonic() - began)
        finally:
            if renewing is not None:
                renewing.cancel()

    # -- sharing the work with other replicas ---------------------------------------------------
    async def _turn(self, report: Report) -> Turn:
        """Load `report`'s briefing if another replica stored it, else claim its job. A database
        that cannot be reached costs the sharing, not the briefing: this replica briefs alone."""
        assert self._sharing is not None
        code = await self._code_fingerprint()
        try:
            data = await self._sharing.stored(report.digest, code)
            if data is not None and await self._load(report, data):
                return "loaded"
            return "claimed" if await self._sharing.claim(report.digest, code) else "elsewhere"
        except sqlite3.Error as error:
            logger.warning("briefing %s without the other replicas: %s", report.source, error)
            return "alone"

    async def _code_fingerprint(self) -> str:
        """The fingerprint shared briefings are stored under: worked out in a thread the first
        time (it reads every module that briefs), then kept, not asked of a thread per report."""
        if self._code is None:
            self._code = await asyncio.to_thread(cache.code_fingerprint)
        return self._code

    async def _load(self, report: Report, data: bytes) -> bool:
        """Add the briefing another replica stored (and keep it in the cache folder)."""
        briefing = await asyncio.to_thread(cache.from_bytes, data, report, "the database")
        if briefing is None:
            return False
        if self.library.cache_dir is not None:
            await asyncio.to_thread(cache.keep, self.library.cache_dir, report.digest, data)
        self._add([briefing])
        logger.info("loaded the briefing of %s that another replica stored", report.source)
        return True

    async def _share(self, briefing: Briefing) -> None:
        """Store the briefing for the other replicas and close its job; one that cannot be
        stored is given back when its claim expires, and briefed again by whoever claims it."""
        assert self._sharing is not None
        code = await self._code_fingerprint()
        data = await asyncio.to_thread(cache.to_bytes, briefing)
        try:
            await self._sharing.finish(briefing.digest, code, data)
        except sqlite3.Error as error:
            logger.warning("the briefing of %s is not shared: %s", briefing.report.source, error)

    async def _give_back(self, turn: Turn, digest: str, error: str) -> None:
        if turn != "claimed" or self._sharing is None:
            return
        with contextlib.suppress(sqlite3.Error):  # else the claim expires by itself
            await self._sharing.give_back(digest, error)

    def _track_renewal(self, digest: str) -> asyncio.Task[None]:
        async def renew(sharing: Sharing) -> None:
            while True:  # ends: cancelled once the worker is done
                await asyncio.sleep(sharing.seconds / 3)
                try:
                    if not await sharing.renew(digest):
                        logger.warning("the claim on briefing %s expired and passed on", digest)
                        return
                except sqlite3.Error as error:
                    logger.warning("the claim on briefing %s not renewed: %s", digest, error)

        assert self._sharing is not None
        return asyncio.create_task(renew(self._sharing), name=f"claim:{digest[:12]}")

    def _set_aside(self, listing: Listing) -> None:
        """Another replica briefs `listing`: look again every WATCH_SECONDS."""
        self._elsewhere[listing.digest] = listing
        if self._watching is None or self._watching.done():
            self._watching = asyncio.create_task(self._watch(), name="briefings elsewhere")
            self._tasks.add(self._watching)
            self._watching.add_done_callback(self._tasks.discard)

    async def _watch(self) -> None:
        """Put back in the queue each report set aside whose job is over (its briefing to load)
        or free (to claim); ends when none is left."""
        assert self._sharing is not None
        while self._elsewhere and not self._closed:  # each report leaves when its job ends
            await asyncio.sleep(WATCH_SECONDS)
            try:
                ready = await self._sharing.ready(list(self._elsewhere))
            except sqlite3.Error as error:  # back to the queue, briefed alone if it lasts
                logger.warning("cannot see the other replicas' briefing jobs: %s", error)
                ready = list(self._elsewhere)
            back = [self._elsewhere.pop(digest) for digest in ready if digest in self._elsewhere]
            if back and not self._closed:
                self._enqueue(back)

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = pool_of(self._workers)
        return self._pool

    def _let_go(self, pool: ProcessPoolExecutor | None) -> None:
        """`pool`'s workers exit once idle (a broken pool's are gone); the next report starts a
        fresh pool. Only the pool in use is let go: one broken earlier was replaced already."""
        if pool is not None and pool is self._pool:
            self._pool = None
            pool.shutdown(wait=False)

    def _add(self, briefings: list[Briefing]) -> None:
        self.library.add_briefings(briefings)
        for briefing in briefings:
            self._settle(briefing.digest)

    def _settle(self, digest: str) -> None:
        self._done[digest].set()
        self._unwant(digest)

    def _fail(self, digest: str) -> None:
        """Waiters stop waiting; the next reload tries this report again."""
        self._done.pop(digest).set()
        self._unwant(digest)

    def _unwant(self, digest: str) -> None:
        self._wanted = [wanted for wanted in self._wanted if wanted != digest]
