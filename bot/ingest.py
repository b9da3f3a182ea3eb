"""New reports reaching the library while the bot runs: the watched reports folder, the sources
followed (bot.sources) and an admin's `/add`.

The folder is looked at every LOOK_SECONDS: the name, size and modification time of each report
file. A file is read once it is complete: unchanged across looks for `settle_seconds` (longer
than a writer's pause one can reasonably expect), or at once when its modification time is that
old already (renamed into place) or the sources' poller wrote it whole; dotfiles (`.x.part`)
are never read. A file still settling is held: not read, its previous listing (if any) standing,
so a half-written or soon-replaced file is never briefed or announced. Looking beats change
events here: the completeness check needs repeated looks anyway, and a look works the same on a
bind mount, a network share or a Docker volume, where events may not arrive. A change reloads
the library (new, changed and removed files alike), briefs what is new in the background and
announces it to subscribers.

Announcements wait `announce_window_seconds` for the reports arriving with them: a bulk drop is
one announcement round, in which each chat gets one message for all of them (bot/push/news.py).
A report replaced or removed within the window is not announced. Announcements still waiting
when the bot stops are not lost: a start announces every report not announced before.

A file name that is not UTF-8, or a symbolic link leading out of the folder, is skipped with one
log line (briefings.folder), and never stops the library from taking the other files.

The sources' poller writes each report whole (a dotfile renamed into place) and then only nudges
the look, so every report, whoever put it there, comes in by the same one path.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefings.catalogue import Listing
from briefings.folder import report_entries

from .library.briefer import Briefer
from .push.runner import Pusher
from .sources.settings import ADD_SOURCE, FetchPolicy, SourceSpec

if TYPE_CHECKING:
    from .sources.poller import Fetched, SourcePoller
    from .sources.store import SourceStore

log = logging.getLogger(__name__)

LOOK_SECONDS = 1.0
STOP_SECONDS = 2.0  # a poll in flight gets this long to finish before it is cancelled
MAX_RETRY_SECONDS = 60.0  # a reload that failed is tried again, backing off up to this
# Windows one announcing task runs back to back while news keeps arriving (a bound: what is
# left then goes with the next report to arrive)
ANNOUNCE_WINDOWS = 1000

Look = dict[str, tuple[int, int]]  # file name -> (size, mtime in ns)


@dataclass(frozen=True)
class Timing:
    """How the folder is watched and its news announced (from the config)."""

    settle_seconds: float = 10.0
    window_seconds: float = 10.0
    look_seconds: float = LOOK_SECONDS
    link_roots: tuple[Path, ...] = ()


def look_at(folder: Path, link_roots: tuple[Path, ...] = ()) -> Look:
    """The report files in `folder` as they stand: what a reload would read. Taken every
    LOOK_SECONDS in a thread beside the searches': one stat a file, no path objects (at 10,000
    files a look took ~190 ms of CPU, mostly holding the GIL, and searches asked meanwhile
    waited on it: /search p95 69-82 ms against 50-59 without looks, load 4.5-5)."""
    found: Look = {}
    for name, entry in report_entries(folder, link_roots)[0]:
        with contextlib.suppress(FileNotFoundError):  # removed between listing and stat
            stat = entry.stat()
            found[name] = (stat.st_size, stat.st_mtime_ns)
    return found


class Ingest:
    """Keeps the library in step with the reports folder and the sources; owns their poller."""

    def __init__(
        self,
        briefer: Briefer,
        pusher: Pusher,
        specs: tuple[SourceSpec, ...],
        policy: FetchPolicy,
        timing: Timing = Timing(),
    ) -> None:
        self.briefer, self.pusher = briefer, pusher
        self.folder = briefer.library.folder
        self.specs, self.policy = specs, policy
        self.timing = timing
        self.poller: SourcePoller | None = None
        self._loaded: Look | None = None  # what the library last read
        self._since: dict[str, tuple[tuple[int, int], float]] = {}  # name -> stat, first seen
        self._completed: tuple[Look, Look] | None = None  # the last look and its complete files
        self._whole: set[str] = set()  # files the poller wrote whole: complete at once
        self._skipped: set[str] = set()  # unreadable files already logged
        self._news: dict[str, Listing] = {}  # digest -> report, waiting for the window to close
        self._flush: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._nudge = asyncio.Event()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._adding: set[asyncio.Task[Any]] = set()  # the /add calls in flight
        self._corrected: set[str] = set()  # files a source republished corrected, not yet announced
        self.looks = 0  # looks taken and acted on (a test waits for one)

    async def start(self, store: SourceStore) -> None:
        """Watch the folder and poll the sources (recorded in `store`) in the background."""
        # The poller, its document readers and its link parsing are imported here, in a
        # thread, once the bot is polling: with the bot, they cost its first reply ~20 ms.
        await asyncio.to_thread(importlib.import_module, f"{__package__}.sources.runner")
        from .sources.http import PoliteClient
        from .sources.poller import SourcePoller
        from .sources.runner import SourceRunner

        self.poller = SourcePoller(PoliteClient(self.policy), store, self.folder)
        seen = await asyncio.to_thread(self._look)
        # what start-up's load read: a file added since is still to be read
        library = self.briefer.library
        read = {r.source for r in library.reports} | {e.source for e in library.errors}
        self._loaded = {name: stat for name, stat in seen.items() if name in read}
        self._since = {name: (stat, -math.inf) for name, stat in self._loaded.items()}
        self._skipped = {error.source for error in library.errors}  # start-up logged them
        self._tasks = [asyncio.create_task(self._watch(), name="reports-folder")]
        if self.specs:
            runner = SourceRunner(self.poller, self.specs, self._fetched)
            self._tasks.append(asyncio.create_task(runner.run(self._stop), name="sources"))

    async def stop(self) -> None:
        """Stop looking and polling: a poll in flight gets STOP_SECONDS, then is cancelled."""
        self._stop.set()
        if self._flush is not None:  # what it held is announced by the next start
            self._flush.cancel()
        running = [*self._tasks, *self._adding]
        if running:
            _, late = await asyncio.wait(running, timeout=STOP_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
        if self.poller is not None:
            await self.poller.close()  # the store it was given stays open: it is the bot's
            self.poller = None

    async def refresh(self) -> list[Listing]:
        """Reload the library from the complete files in the folder, brief what is new and
        announce it once the window closes; returns it."""
        async with self._lock:
            seen = await asyncio.to_thread(self._look)
            ready = self._complete(seen)
            new = await self.briefer.reload(held=seen.keys() - ready.keys())
            self._loaded = ready
            self._whole -= ready.keys()  # read: a later rewrite settles again
        self._log_skipped()
        if new:
            self._news.update((report.digest, report) for report in new)
            if self._flush is None or self._flush.done():
                self._flush = asyncio.create_task(self._announce_later(), name="announce")
            log.info("reports folder: %d new report(s): %s", len(new),
                     ", ".join(report.source for report in new[:20]))  # fmt: skip
        return new

    def _look(self) -> Look:
        return look_at(self.folder, self.timing.link_roots)

    def _complete(self, seen: Look) -> Look:
        """The files of `seen` complete by now (see the module's docstring). Every file
        complete at the last look and none changed since: the same, without going through them
        (on the event loop, every second: 10,000 files took ~10-20 ms, a reply's wait)."""
        last = self._completed
        if last is not None and len(last[1]) == len(seen) and last[0] == seen:
            return last[1]  # a complete file stays complete while it is unchanged
        now, wall = time.monotonic(), time.time_ns()
        settle = self.timing.settle_seconds
        ready: Look = {}
        for name, stat in seen.items():
            if self._since.get(name, (None, 0.0))[0] != stat:
                self._since[name] = (stat, now)
            first_seen = self._since[name][1]
            old = wall - stat[1] >= settle * 1e9  # its last write long past: renamed into place
            if name in self._whole or old or now - first_seen >= settle:
                ready[name] = stat
        for gone in self._since.keys() - seen.keys():
            del self._since[gone]
        self._completed = seen, ready
        return ready

    def _log_skipped(self) -> None:
        """One line per unreadable file (a bad name, a link out), when it is first met."""
        errors = {error.source: error for error in self.briefer.library.errors}
        for source in sorted(errors.keys() - self._skipped):
            log.warning("reports folder: skipped %s", errors[source])
        self._skipped = set(errors)

    async def _announce_later(self) -> None:
        """Once the window closes: announce the reports it gathered that are still listed (a
        file replaced within it is announced once, as its final version). Reports arriving
        while they are announced (which waits for a new report's briefing, bot/push/runner.py)
        get the next window of this same task: no new one starts while it runs."""
        for _ in range(ANNOUNCE_WINDOWS):
            await asyncio.sleep(self.timing.window_seconds)
            news, self._news = self._news, {}
            held = {listing.digest for listing in self.briefer.library.reports}
            listed = [report for report in news.values() if report.digest in held]
            corrected = [report for report in listed if report.source in self._corrected]
            self._corrected -= {report.source for report in corrected}
            fresh = [report for report in listed if report not in corrected]
            try:
                await self.pusher.announce(fresh)
                await self.pusher.announce(corrected, updated=True)
            except Exception:  # the database failing: the next start announces them
                log.exception("announcing %d new report(s) failed", len(listed))
                return
            await self.pusher.start()
            if not self._news:
                return

    async def add(self, url: str) -> list[Fetched]:
        """Fetch one URL now (an admin's `/add`) and load what it held; raises the fault
        (FetchError or a briefings ReportError, one line) when it holds no report."""
        if self.poller is None:
            raise RuntimeError("the sources' store is not open: the bot is not running")
        poller = self.poller
        me = asyncio.current_task()
        if me is not None:  # stop() lets it finish (bounded) before closing the store it writes
            self._adding.add(me)
        try:
            try:
                found = await poller.fetch_url(url, ADD_SOURCE)
            except Exception as error:
                await poller.store.note_source(ADD_SOURCE, poller.clock(), False, str(error))
                raise
            await poller.store.note_source(ADD_SOURCE, poller.clock(), True)
            self._note_corrections(found)
            await self.refresh()
            return found
        finally:
            if me is not None:
                self._adding.discard(me)

    def loaded(self, item: Fetched) -> Listing | None:
        """The library's report for a fetched one (it reads the file the poller wrote)."""
        name = item.path.name if item.path else None
        return next((r for r in self.briefer.library.reports if r.source == name), None)

    def _note_corrections(self, found: list[Fetched]) -> None:
        """A corrected republication replaces its file: announced as updated, not as new. The
        poller wrote each file whole: it is complete at once."""
        self._corrected |= {i.path.name for i in found if i.status == "updated" and i.path}
        self._whole |= {item.path.name for item in found if item.path}

    async def _fetched(self, found: list[Fetched]) -> None:
        for item in found:
            log.info("source %s: %s report %s (%s)", item.source, item.status,
                     item.report.meta.title, item.url)  # fmt: skip
        self._note_corrections(found)
        self._nudge.set()  # the files are in place: look now rather than within a second

    async def _watch(self) -> None:
        backoff, retry_at = 0.0, 0.0
        while not self._stop.is_set():
            await self._pause()
            try:
                seen = await asyncio.to_thread(self._look)
            except OSError as error:  # the folder gone or unreadable: keep what is loaded
                log.warning("reports folder %s cannot be read: %s", self.folder, error)
                continue
            ready = self._complete(seen)
            changed = ready is not self._loaded and ready != self._loaded  # as `_complete`
            if changed and time.monotonic() >= retry_at:
                try:
                    await self.refresh()
                    backoff = 0.0
                except Exception:  # a bug or a full disk must not stop the watching
                    log.exception("reloading the reports folder failed")
                    # not taken: tried again, backing off, until it is (nothing left behind)
                    backoff = min(max(backoff * 2, self.timing.look_seconds), MAX_RETRY_SECONDS)
                    retry_at = time.monotonic() + backoff
            self.looks += 1

    async def _pause(self) -> None:
        """Until the next look is due, a nudge comes, or the bot stops."""
        waits = [asyncio.create_task(event.wait()) for event in (self._stop, self._nudge)]
        try:
            await asyncio.wait(
                waits, timeout=self.timing.look_seconds, return_when="FIRST_COMPLETED"
            )
        finally:
            for wait in waits:
                wait.cancel()
        self._nudge.clear()
