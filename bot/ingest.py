"""New reports reaching the library while the bot runs: the watched reports folder, the sources
followed (bot.sources) and an admin's `/add`.

The folder is looked at every LOOK_SECONDS: the name, size and modification time of each report
file. A change is taken once two looks in a row agree, so a file still being written (its size
or time still moving) is not read until it is complete; dotfiles (`.x.part`) are never read.
Looking beats change events here: the completeness check needs a second look anyway, and a
look works the same on a bind mount, a network share or a Docker volume, where events may not
arrive. A taken change reloads the library (new, changed and removed files alike), briefs what
is new in the background and announces it once to subscribers (the push outbox is keyed by
subscription and report digest).

The sources' poller writes each report whole (a dotfile renamed into place) and then only nudges
the look, so every report, whoever put it there, comes in by the same one path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from briefings.catalogue import Listing
from briefings.folder import report_files

from .briefer import Briefer
from .push.runner import Pusher
from .sources import ADD_SOURCE, Fetched, PoliteClient, SourcePoller, SourceRunner, SourceStore
from .sources.settings import FetchPolicy, SourceSpec

log = logging.getLogger(__name__)

LOOK_SECONDS = 1.0
STOP_SECONDS = 2.0  # a poll in flight gets this long to finish before it is cancelled

Look = dict[str, tuple[int, int]]  # file name -> (size, mtime in ns)


def look_at(folder: Path) -> Look:
    """The report files in `folder` as they stand: what a reload would read."""
    found: Look = {}
    for path in report_files(folder):
        with contextlib.suppress(FileNotFoundError):  # removed between listing and stat
            stat = path.stat()
            found[path.name] = (stat.st_size, stat.st_mtime_ns)
    return found


class Ingest:
    """Keeps the library in step with the reports folder and the sources; owns their poller."""

    def __init__(
        self,
        briefer: Briefer,
        pusher: Pusher,
        specs: tuple[SourceSpec, ...],
        policy: FetchPolicy,
        look_seconds: float = LOOK_SECONDS,
    ) -> None:
        self.briefer, self.pusher = briefer, pusher
        self.folder = briefer.library.folder
        self.specs, self.policy = specs, policy
        self.look_seconds = look_seconds
        self.poller: SourcePoller | None = None
        self._loaded: Look | None = None  # what the library last read
        self._lock = asyncio.Lock()
        self._nudge = asyncio.Event()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._corrected: set[str] = set()  # files a source republished corrected, not yet announced
        self.looks = 0  # looks taken and acted on (a test waits for one)

    async def start(self, store: SourceStore) -> None:
        """Watch the folder and poll the sources (recorded in `store`) in the background."""
        self.poller = SourcePoller(PoliteClient(self.policy), store, self.folder)
        seen = await asyncio.to_thread(look_at, self.folder)
        # what start-up's load read: a file added since is still to be read
        library = self.briefer.library
        read = {r.source for r in library.reports} | {e.source for e in library.errors}
        self._loaded = {name: stat for name, stat in seen.items() if name in read}
        self._tasks = [asyncio.create_task(self._watch(), name="reports-folder")]
        if self.specs:
            runner = SourceRunner(self.poller, self.specs, self._fetched)
            self._tasks.append(asyncio.create_task(runner.run(self._stop), name="sources"))

    async def stop(self) -> None:
        """Stop looking and polling: a poll in flight gets STOP_SECONDS, then is cancelled."""
        self._stop.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=STOP_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.poller is not None:
            await self.poller.client.close()
            self.poller = None

    async def refresh(self) -> list[Listing]:
        """Reload the library from the folder, brief and announce what is new; returns it."""
        async with self._lock:
            seen = await asyncio.to_thread(look_at, self.folder)
            new = await self.briefer.reload()
            self._loaded = seen
        if new:
            corrected = [report for report in new if report.source in self._corrected]
            self._corrected -= {report.source for report in corrected}
            fresh = [report for report in new if report not in corrected]
            await self.pusher.announce(fresh)
            await self.pusher.announce(corrected, updated=True)
            self.pusher.start()
            log.info("reports folder: %d new report(s): %s", len(new),
                     ", ".join(report.source for report in new))  # fmt: skip
        return new

    async def add(self, url: str) -> list[Fetched]:
        """Fetch one URL now (an admin's `/add`) and load what it held; raises the fault
        (FetchError or a briefings ReportError, one line) when it holds no report."""
        if self.poller is None:
            raise RuntimeError("the sources' store is not open: the bot is not running")
        poller = self.poller
        try:
            found = await poller.fetch_url(url, ADD_SOURCE)
        except Exception as error:
            await poller.store.note_source(ADD_SOURCE, poller.clock(), False, str(error))
            raise
        await poller.store.note_source(ADD_SOURCE, poller.clock(), True)
        self._note_corrections(found)
        await self.refresh()
        return found

    def loaded(self, item: Fetched) -> Listing | None:
        """The library's report for a fetched one (it reads the file the poller wrote)."""
        name = item.path.name if item.path else None
        return next((r for r in self.briefer.library.reports if r.source == name), None)

    def _note_corrections(self, found: list[Fetched]) -> None:
        """A corrected republication replaces its file: announced as updated, not as new."""
        self._corrected |= {i.path.name for i in found if i.status == "updated" and i.path}

    async def _fetched(self, found: list[Fetched]) -> None:
        for item in found:
            log.info("source %s: %s report %s (%s)", item.source, item.status,
                     item.report.meta.title, item.url)  # fmt: skip
        self._note_corrections(found)
        self._nudge.set()  # the files are in place: look now rather than within a second

    async def _watch(self) -> None:
        previous = self._loaded
        while not self._stop.is_set():
            await self._pause()
            try:
                seen = await asyncio.to_thread(look_at, self.folder)
            except OSError as error:  # the folder gone or unreadable: keep what is loaded
                log.warning("reports folder %s cannot be read: %s", self.folder, error)
                continue
            if seen == previous and seen != self._loaded:  # settled, and not what was read
                try:
                    await self.refresh()
                except Exception:  # a bug or a full disk must not stop the watching
                    log.exception("reloading the reports folder failed")
                    self._loaded = seen  # tried once: the next change tries again
            previous = seen
            self.looks += 1

    async def _pause(self) -> None:
        """Until the next look is due, a nudge comes, or the bot stops."""
        waits = [asyncio.create_task(event.wait()) for event in (self._stop, self._nudge)]
        try:
            await asyncio.wait(waits, timeout=self.look_seconds, return_when="FIRST_COMPLETED")
        finally:
            for wait in waits:
                wait.cancel()
        self._nudge.clear()
