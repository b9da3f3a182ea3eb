"""The cross-report search index (briefings.corpus_index) kept in step with the library.

The index is a file under the cache folder. Every call runs in a thread: SQLite blocks. After a
start, a /reload or a briefing, the next `sync` adds the briefed reports the index lacks and
drops the ones the library no longer holds; a file found damaged is replaced and filled again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3

from briefings.corpus_index import FILE_NAME, CorpusIndex, CorpusResult, damaged
from briefings.model import Report
from briefings.search import SearchIndex

from .library import ReportLibrary

logger = logging.getLogger(__name__)


def search_index_of(library: ReportLibrary, report: Report) -> SearchIndex | None:
    """The one place a report's search index is read (None: not briefed yet)."""
    return library.indexes.get(report.digest)


class SearchShelf:
    def __init__(self, library: ReportLibrary) -> None:
        self.library = library
        self._index: CorpusIndex | None = None
        self._synced: frozenset[str] | None = None  # the briefed digests the index holds
        self._indexed: frozenset[str] = frozenset()  # the digests it held after the last update
        self._sync: asyncio.Task[None] | None = None
        self._opening = asyncio.Lock()

    def _wanted(self) -> frozenset[str]:
        return frozenset(
            r.digest for r in self.library.reports if r.digest in self.library.enriched
        )

    async def ready(self, timeout: float | None) -> None:
        """Bring the index up to date, waiting at most `timeout` seconds (a first build of a
        thousand reports takes a while: searches meanwhile see the reports indexed so far)."""
        if self._synced == self._wanted() and self._index is not None:
            return
        if self._sync is None or self._sync.done():
            self._sync = asyncio.create_task(self._update())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._sync), timeout)

    async def _opened(self) -> CorpusIndex:
        async with self._opening:
            if self._index is None:
                folder = self.library.cache_dir
                path = folder / FILE_NAME if folder is not None else None
                self._index = await asyncio.to_thread(CorpusIndex, path)
                self._indexed = frozenset(await asyncio.to_thread(self._index.digests))
            return self._index

    async def _update(self) -> None:
        reports = list(self.library.reports)
        indexes = {r.digest: search_index_of(self.library, r) for r in reports}
        wanted = self._wanted()
        index = await self._opened()
        try:
            added = await asyncio.to_thread(index.update, reports, lambda r: indexes[r.digest])
        except sqlite3.DatabaseError as error:  # replaced by an empty index: fill it once more
            if not damaged(error):
                raise
            added = await asyncio.to_thread(index.update, reports, lambda r: indexes[r.digest])
        if added:
            logger.info("search index: %d report(s) added", added)
        self._indexed = frozenset(await asyncio.to_thread(index.digests))
        self._synced = wanted

    async def holds(self, digest: str) -> bool:
        """Whether the index held report `digest` when last brought up to date (or opened)."""
        await self._opened()
        return digest in self._indexed

    async def search(
        self, query: str, first: str, limit: int, per_report: int, wait: float, first_limit: int
    ) -> CorpusResult:
        """Hits in every indexed report, report `first`'s first; the index brought up to date
        first (waiting at most `wait` seconds)."""
        await self.ready(wait)
        index = await self._opened()
        try:
            return await asyncio.to_thread(
                index.search, query, first, limit, per_report, first_limit
            )
        except sqlite3.DatabaseError as error:  # replaced by an empty index: fill it again
            if not damaged(error):
                raise
            self._synced = None
            await self.ready(wait)
            return await asyncio.to_thread(
                index.search, query, first, limit, per_report, first_limit
            )

    async def close(self) -> None:
        if self._sync is not None:
            self._sync.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._sync
        if self._index is not None:
            await asyncio.to_thread(self._index.close)
            self._index = None
