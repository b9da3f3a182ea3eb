"""The cross-report index (briefings.corpus_index: every report's sentences, and the figures
/compare and inline mode read) kept in step with the library.

The index is a file under the cache folder. Every call runs in a thread: SQLite blocks. After a
start, a /reload or a briefing, the next `sync` adds the briefed reports the index lacks and
drops the ones the library no longer holds; a file found damaged is replaced and filled again.
A cache folder that cannot hold the file (read-only, full, a folder in its place) costs only
speed: the index is kept in memory and filled from the briefings, so search still answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from briefings.model import Listed, Metric
from briefings.search import SearchIndex

from ..telegram.paging import page_of
from .reports import ReportLibrary

if TYPE_CHECKING:
    from briefings.compare import Row
    from briefings.corpus_index import CorpusIndex, CorpusResult, Indexed

# briefings.corpus_index is imported in a thread when the index is first opened (in the
# background after a start, or by a first /search), not with the bot.
CORPUS_INDEX = "briefings.corpus_index"

logger = logging.getLogger(__name__)
T = TypeVar("T")
# Comparisons kept, the least recently asked going first, until the index or the library
# changes: the chat's ◀ ▶ and a compare page's next page ask the same again.
# One across a thousand reports is ~2,500 rows (a few MB).
COMPARED_KEPT = 16
SEARCHES_KEPT = 64  # a result holds at most a few dozen sentences: ~10 KB


def indexed_of(library: ReportLibrary, digest: str) -> Indexed | None:
    """The one place a report's search index and figures are read (None: not briefed yet):
    from memory or the cache, not kept, so indexing a thousand reports holds one briefing at
    a time."""
    briefing = library.read_briefing(digest)
    return (briefing.index, briefing.metrics) if briefing is not None else None


def search_index_of(library: ReportLibrary, digest: str) -> SearchIndex | None:
    indexed = indexed_of(library, digest)
    return indexed[0] if indexed is not None else None


def _damaged(error: sqlite3.DatabaseError) -> bool:
    from briefings.corpus_index import damaged  # imported when the index was opened

    return damaged(error)


def _load_compare() -> None:
    from briefings.compare import ask

    ask("地区生产总值增长").parts()  # its indicators' and synonyms' tables, read once
    # A search reply names the parts its hits are in (bot.present.render.part_name imports
    # briefings.figures, ~0.16 s of patterns compiled): not while the first /search waits.
    importlib.import_module("briefings.figures")


def _log_failure(task: asyncio.Task[None]) -> None:
    """An update nobody waited for to the end still says why it failed, once."""
    if not task.cancelled() and (error := task.exception()) is not None:
        logger.error("search index: update failed: %s", error)


class SearchShelf:
    def __init__(self, library: ReportLibrary) -> None:
        self.library = library
        self._index: CorpusIndex | None = None
        self._synced: frozenset[str] | None = None  # the briefed digests the index holds
        # The library's list the index was last brought up to date with: a list read again
        # (/reload) may name a report's file anew (renamed), where the index reads it.
        self._synced_from: object = None
        self._indexed: frozenset[str] = frozenset()  # the digests it held after the last update
        self._sync: asyncio.Task[None] | None = None
        self._opening = asyncio.Lock()
        self._generation = 0  # counts the updates: what a kept comparison was made from
        self._compared: OrderedDict[str, list[list[Row]]] = OrderedDict()
        self._shown: OrderedDict[str, list[Listed]] = OrderedDict()  # the reports with rows
        self._compared_from: tuple[object, int] = (None, -1)  # the library's reports, generation
        # What `_wanted` and `unindexed` gave last, and what from.
        self._wanted_from: tuple[object, int, frozenset[str]] | None = None
        self._unindexed: tuple[object, frozenset[str], list[Listed]] | None = None
        self._preparing: asyncio.Task[None] | None = None  # see `prepare_soon`
        # Recent searches' results, and the generation of the index they were read from.
        self._searched: OrderedDict[tuple[object, ...], tuple[int, CorpusResult]] = OrderedDict()

    def _wanted(self) -> frozenset[str]:
        """The briefed reports' digests: worked out again only when the library's reports or
        its change count (which of them are briefed) moved, which every search asks in
        constant time (across 10,000 reports working it out takes a few milliseconds)."""
        library = self.library
        reports, changes = library.reports, library.changes  # before the digests are read
        kept = self._wanted_from
        if kept is None or kept[0] is not reports or kept[1] != changes:
            briefed = library.is_briefed
            kept = reports, changes, frozenset(r.digest for r in reports if briefed(r.digest))
            self._wanted_from = kept
        return kept[2]

    async def unindexed(self, reports: Sequence[Listed]) -> list[Listed]:
        """Those of `reports` the index did not hold when last brought up to date; kept while
        the list and the index stay the same (a search's note on reports not searched yet, a
        comparison's count of reports compared, read a set 10,000 times otherwise)."""
        indexed = await self.indexed()
        kept = self._unindexed
        if kept is None or kept[0] is not reports or kept[1] is not indexed:
            kept = reports, indexed, [r for r in reports if r.digest not in indexed]
            self._unindexed = kept
        return kept[2]

    async def ready(self, timeout: float | None) -> None:
        """Bring the index up to date, waiting at most `timeout` seconds (a first build of a
        thousand reports takes a while: searches meanwhile see the reports indexed so far)."""
        current = self._synced == self._wanted() and self._synced_from is self.library.reports
        if current and self._index is not None:
            return
        if self._sync is None or self._sync.done():
            self._sync = asyncio.create_task(self._update())
            self._sync.add_done_callback(_log_failure)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._sync), timeout)

    async def _opened(self) -> CorpusIndex:
        async with self._opening:
            if self._index is None:
                await asyncio.to_thread(importlib.import_module, CORPUS_INDEX)
                from briefings.corpus_index import FILE_NAME, CorpusIndex

                folder = self.library.cache_dir
                path = folder / FILE_NAME if folder is not None else None
                try:
                    self._index = await asyncio.to_thread(CorpusIndex, path, self.library.folder)
                    self._indexed = frozenset(await asyncio.to_thread(self._index.digests))
                except (sqlite3.Error, OSError) as error:
                    self._index = await self._in_memory(error)
            return self._index

    async def _in_memory(self, error: Exception) -> CorpusIndex:
        """An empty index in memory, for a cache folder that cannot hold the file."""
        logger.warning(
            "search index: %s cannot be written (%s); keeping the index in memory",
            self.library.cache_dir,
            error,
        )
        self._synced, self._indexed = None, frozenset()
        from briefings.corpus_index import CorpusIndex  # imported when the index was opened

        return await asyncio.to_thread(CorpusIndex, None, self.library.folder)

    async def _unwritable(self, index: CorpusIndex, error: sqlite3.Error) -> None:
        """Move to an index in memory when the file refused a write; anything else is raised."""
        if not isinstance(error, sqlite3.OperationalError) or index.path is None:
            raise error
        async with self._opening:
            if self._index is index:
                await asyncio.to_thread(index.close)
                self._index = await self._in_memory(error)

    async def _update(self) -> None:
        listed = self.library.reports
        reports = list(listed)
        wanted = self._wanted()
        index = await self._opened()

        def index_of(digest: str) -> Indexed | None:
            return indexed_of(self.library, digest) if digest in wanted else None

        try:
            added = await asyncio.to_thread(index.update, reports, index_of)
        except sqlite3.DatabaseError as error:  # replaced by an empty index: fill it once more
            if not _damaged(error):
                await self._unwritable(index, error)
                index = await self._opened()
            added = await asyncio.to_thread(index.update, reports, index_of)
        if added:
            logger.info("search index: %d report(s) added", added)
        self._indexed = frozenset(await asyncio.to_thread(index.digests))
        await asyncio.to_thread(index.prepare)  # not by the first search after it
        self._synced, self._synced_from = wanted, listed
        self._generation += 1

    async def holds(self, digest: str) -> bool:
        """Whether the index held report `digest` when last brought up to date (or opened)."""
        await self._opened()
        return digest in self._indexed

    async def _read(self, wait: float, call: Callable[[CorpusIndex], T]) -> T:
        """`call` on the index in a thread, the index brought up to date first (waiting at most
        `wait` seconds); a file found damaged meanwhile is replaced, filled again and read again."""
        await self.ready(wait)
        index = await self._opened()
        try:
            return await asyncio.to_thread(call, index)
        except sqlite3.DatabaseError as error:
            if not _damaged(error):
                raise
            self._synced = None
            await self.ready(wait)
            return await asyncio.to_thread(call, index)

    async def search(
        self, query: str, first: str, limit: int, per_report: int, wait: float, first_limit: int
    ) -> CorpusResult:
        """Hits in every indexed report, report `first`'s first; the last SEARCHES_KEPT
        searches' kept until the index changes (each page of results, ◀ ▶, asks the same
        again: a common word across 10,000 reports takes tens of milliseconds)."""
        await self.ready(wait)
        key, generation = (query, first, limit, per_report, first_limit), self._generation
        if (kept := self._searched.get(key)) is not None and kept[0] == generation:
            self._searched.move_to_end(key)
            return kept[1]
        result = await self._read(
            wait, lambda index: index.search(query, first, limit, per_report, first_limit)
        )
        if not self._updating() and generation == self._generation:  # as `_keep`
            self._searched[key] = (generation, result)
            self._searched.move_to_end(key)
            while len(self._searched) > SEARCHES_KEPT:
                self._searched.popitem(last=False)
        return result

    async def compare(self, query: str, wait: float) -> list[list[Row]]:
        """Each indexed report's rows for the /compare `query` (briefings.compare), in the
        library's order: from the index's figures, matched in a thread (tens of ms across a
        thousand reports), and kept until the index or the library changes."""
        # Imported by the first /compare, not at start-up: it loads the figures' rules (~50 ms).
        from briefings.compare import ask, compare_found

        wanted = ask(query)
        parts = wanted.parts()
        if not parts:
            return []
        await self.ready(wait)
        reports, generation = self.library.reports, self._generation
        if (found := self._kept(self._compared, query, reports, generation)) is not None:
            return found
        rows = await self._read(
            wait,
            lambda index: compare_found(reports, index.figures(parts[0], wanted.indicators), query),
        )
        self._keep(self._compared, query, rows, reports, generation)
        return rows

    def _kept(
        self, kept: OrderedDict[str, T], query: str, reports: object, generation: int
    ) -> T | None:
        """What `kept` holds for `query`, made from these reports and this index."""
        if not self._made_from(reports, generation):
            self._compared.clear()
            self._shown.clear()
            self._compared_from = (reports, generation)
        if (found := kept.get(query)) is not None:
            kept.move_to_end(query)
        return found

    def _keep(
        self, kept: OrderedDict[str, T], query: str, found: T, reports: object, generation: int
    ) -> None:
        if not self._updating() and self._made_from(reports, generation):
            kept[query] = found
            while len(kept) > COMPARED_KEPT:
                kept.popitem(last=False)

    async def compare_page(
        self, query: str, number: int, size: int, wait: float
    ) -> tuple[list[list[Row]], int]:
        """Page `number` (`size` reports a page; one past either end gives the nearest) of
        what `compare` gives, and how many reports it holds in all, reading the figures of that
        page's reports only (a comparison across 10,000 reports holds ~9,000: working out every
        report's rows took a second): the index says which reports have rows, in SQL."""
        found = await self.compared_reports(
            query, wait, lambda listed: page_of(listed, number, size).items
        )
        return found[0], len(found[1])

    async def compare_first(
        self, query: str, first: str | None, count: int, wait: float
    ) -> list[list[Row]]:
        """What `compare` gives for the first `count` reports that have rows, report `first`
        (a digest) ahead of the others: inline mode's few figures, read as a page is."""

        def chosen(listed: list[Listed]) -> list[Listed]:
            return sorted(listed, key=lambda report: report.digest != first)[:count]

        return (await self.compared_reports(query, wait, chosen))[0]

    async def compared_reports(
        self, query: str, wait: float, chosen: Callable[[list[Listed]], Sequence[Listed]]
    ) -> tuple[list[list[Row]], list[Listed]]:
        """The rows of the reports `chosen` picks, in its order, of those (in the library's
        order) that have rows for `query`: those the index says in SQL, kept; only the figures
        of the reports picked are read."""
        from briefings.compare import ask, compare_found

        wanted = ask(query)
        parts = wanted.parts()
        if not parts:
            return [], []
        await self.ready(wait)
        reports, generation = self.library.reports, self._generation
        if (every := self._kept(self._compared, query, reports, generation)) is not None:
            by_digest = {rows[0].digest: rows for rows in every}
            having: list[Listed] = [report for report in reports if report.digest in by_digest]
            return [by_digest[report.digest] for report in chosen(having)], having
        kept = self._kept(self._shown, query, reports, generation)

        def read(index: CorpusIndex) -> tuple[list[Listed], list[list[Row]]]:
            listed: list[Listed] | None = kept
            if listed is None:
                shown = index.shown(wanted)
                listed = [report for report in reports if report.digest in shown]
            picked = list(chosen(listed))
            if not picked:
                return listed, []
            found = index.figures(parts[0], wanted.indicators, [r.digest for r in picked])
            return listed, compare_found(picked, found, query)

        listed, rows = await self._read(wait, read)
        self._keep(self._shown, query, listed, reports, generation)
        return rows, listed

    def _updating(self) -> bool:
        """Whether the index is being brought up to date: it grows report by report, so what
        is read meanwhile is not kept."""
        return self._sync is not None and not self._sync.done()

    def _made_from(self, reports: object, generation: int) -> bool:
        """Whether the kept comparisons were made from these reports and this index."""
        return self._compared_from[0] is reports and self._compared_from[1] == generation

    async def indicator_figures(self, years: Sequence[int], wait: float) -> dict[str, list[Metric]]:
        """By digest, the indexed reports of `years`' figures measuring a canonical indicator
        (see CorpusIndex.indicator_figures)."""
        return await self._read(wait, lambda index: index.indicator_figures(years))

    def prepare_soon(self, delay: float) -> None:
        """Load what a comparison reads besides the index (briefings.compare and the figures'
        rules: ~0.2 s CPU, a few MB) in a thread `delay` seconds from now, once: the first
        /compare, /search or inline query after a start does not wait on it."""
        if self._preparing is None:
            self._preparing = asyncio.create_task(self._prepare(delay))

    async def _prepare(self, delay: float) -> None:
        await asyncio.sleep(delay)
        await asyncio.to_thread(_load_compare)

    async def indexed(self) -> frozenset[str]:
        """The digests the index held when last brought up to date."""
        await self._opened()
        return self._indexed

    async def close(self) -> None:
        if self._preparing is not None:
            self._preparing.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._preparing
        if self._sync is not None:
            self._sync.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._sync
        if self._index is not None:
            await asyncio.to_thread(self._index.close)
            self._index = None
