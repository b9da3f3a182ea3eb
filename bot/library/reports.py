"""The reports the bot serves: listed from the reports folder, newest first.

At start-up the library reads the folder's catalogue (briefings.catalogue: titles, issuers,
dates, digests, file sizes and times) and parses only the files that are new or changed; a
report is parsed when first asked for (`report()`, milliseconds). A report's `Briefing`
(figures, summaries, keywords, search index) is computed elsewhere (bot.library.briefer: a worker
process) and added by `add_briefings`, or found in the cache; until then `briefing()` is None
and the handlers show what the parsed report alone gives. With a cache, at most `kept` parsed
reports and `kept` briefings stay in memory, the least recently used going first: a library
of a thousand reports neither parses nor reads a thousand at start-up, nor holds them.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from briefings import cache
from briefings.briefing import Briefing
from briefings.catalogue import CATALOGUE_FILE, Listing, read_catalogue, write_catalogue
from briefings.derive import brief
from briefings.errors import ReportError
from briefings.folder import inside, read_shelf
from briefings.model import Report

KEPT = 64  # parsed reports, and briefings, held in memory when there is a cache
T = TypeVar("T")


def _touch(lru: OrderedDict[str, T], key: str, value: T, bound: int | None) -> None:
    lru[key] = value
    lru.move_to_end(key)
    while bound is not None and len(lru) > bound:
        lru.popitem(last=False)


@dataclass
class ReportLibrary:
    folder: Path
    cache_dir: Path | None = None
    max_bytes: int | None = None  # a larger report file is skipped unread
    link_roots: tuple[Path, ...] = ()  # folders besides `folder` a symbolic link may lead into
    reports: list[Listing] = field(default_factory=list)  # newest first
    errors: list[ReportError] = field(default_factory=list)
    kept: int = KEPT
    # digest -> report or briefing, the most recently used last; without a cache, all stay
    parsed: OrderedDict[str, Report] = field(default_factory=OrderedDict)
    briefings: OrderedDict[str, Briefing] = field(default_factory=OrderedDict)
    cached: set[str] = field(default_factory=set)  # digests whose briefing the cache holds
    lost: set[str] = field(default_factory=set)  # cached, yet unreadable when asked for
    # Counts the changes to the reports listed and to which of them are briefed (`is_briefed`):
    # what is worked out from them (the search index's wanted reports) is worked out again
    # when it moves, asked in constant time, not by reading 10,000 digests a search.
    changes: int = field(default=0, compare=False)
    # The memos above are read and changed from the event loop and from worker threads (a
    # report parsed, a briefing read from the cache): each touch holds this lock, never the
    # slow work between.
    _memo: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @property
    def _roots(self) -> tuple[Path, ...]:
        return tuple(root.resolve() for root in (self.folder, *self.link_roots))

    @property
    def _bound(self) -> int | None:
        return self.kept if self.cache_dir is not None else None

    def reload(self, held: Collection[str] = ()) -> list[Listing]:
        """Read the folder again (through the catalogue); return the reports new since. The
        `held` files (still being written) are not read: their listing, if any, stands. The
        library changes only once the whole folder is read: a failure leaves it as it was."""
        known = {listing.digest for listing in self.reports}
        catalogue = read_catalogue(self.cache_dir / CATALOGUE_FILE) if self.cache_dir else {}
        current = {listing.source: listing for listing in self.reports}
        shelf = read_shelf(self.folder, catalogue | current, self.max_bytes, self.link_roots, held)
        with self._memo:
            for report in shelf.parsed:
                _touch(self.parsed, report.digest, report, self._bound)
        self.reports, self.errors = shelf.listings, shelf.errors
        with self._memo:
            self.changes += 1
        if self.cache_dir is not None and (shelf.parsed or len(catalogue) != len(self.reports)):
            write_catalogue(self.cache_dir / CATALOGUE_FILE, self.reports)
        return [listing for listing in self.reports if listing.digest not in known]

    def report(self, digest: str) -> Report | None:
        """The parsed report `digest`: from memory, else parsed from its file (milliseconds;
        seconds for a very large one, so a handler runs it in a thread). None when the file
        is gone or changed since it was listed (the next /reload lists it anew)."""
        with self._memo:
            held = self.parsed.get(digest) or self._briefed_report(digest)
        held = held or self._parse(digest)
        if held is None:
            return None
        with self._memo:
            _touch(self.parsed, digest, held, self._bound)
        return held

    def _parse(self, digest: str) -> Report | None:
        """The report `digest` parsed from its file (None: gone, unreadable or changed)."""
        listing = self.listing(digest)
        if listing is None:
            return None
        path = self.folder / listing.source
        if path.is_symlink() and not inside(path, self._roots):  # a link moved since it was listed
            return None
        from briefings.parse import parse_file  # here: its patterns cost the bot's start-up

        try:
            report = parse_file(path)
        except ReportError:
            return None
        return report if report.digest == digest else None

    async def read(self, digest: str) -> Report | None:
        """`report(digest)`, parsed in a thread unless it is in memory (a large report takes
        seconds to parse)."""
        with self._memo:
            held = self.parsed.get(digest)
            if held is not None:
                self.parsed.move_to_end(digest)
                return held
        return await asyncio.to_thread(self.report, digest)

    def _briefed_report(self, digest: str) -> Report | None:
        briefing = self.briefings.get(digest)
        return briefing.report if briefing is not None else None

    def listing(self, digest: str) -> Listing | None:
        """The listing of exactly `digest`."""
        return next((listing for listing in self.reports if listing.digest == digest), None)

    def pending(self) -> list[Listing]:
        """The reports not briefed yet."""
        return [listing for listing in self.reports if not self.is_briefed(listing.digest)]

    def is_briefed(self, digest: str) -> bool:
        return digest in self.briefings or digest in self.cached

    def find_cached(self, listings: list[Listing]) -> list[Listing]:
        """Those of `listings` whose briefing the cache holds, noted as briefed; the briefings
        are read when asked for. Reads a few bytes a report, so run it in a thread."""
        if self.cache_dir is None:
            return []
        found = [item for item in listings if cache.is_current(self.cache_dir, item.digest)]
        with self._memo:
            self.cached.update(listing.digest for listing in found)
            self.changes += bool(found)
        return found

    def add_briefings(self, briefings: Iterable[Briefing]) -> None:
        """Briefings just computed (and cached, when there is a cache)."""
        with self._memo:
            for briefing in briefings:
                _touch(self.briefings, briefing.digest, briefing, self._bound)
                if self.cache_dir is not None:
                    self.cached.add(briefing.digest)
                self.lost.discard(briefing.digest)
            self.changes += 1

    def briefing(self, digest: str) -> Briefing | None:
        """The briefing of the report `digest` once it is briefed: from memory, else read from
        the cache (milliseconds: the event loop calls `load_briefing`). A cached one that cannot
        be read any more is `lost`."""
        with self._memo:
            held = self._held_briefing(digest)
            if held is not None or self.cache_dir is None or digest not in self.cached:
                return held
        report = self.report(digest)
        loaded = cache.load(self.cache_dir, report) if report is not None else None
        with self._memo:
            if loaded is None:
                self.cached.discard(digest)
                self.lost.add(digest)
                self.changes += 1
                return None
            _touch(self.briefings, digest, loaded, self._bound)
        return loaded

    def _held_briefing(self, digest: str) -> Briefing | None:
        held = self.briefings.get(digest)
        if held is not None:
            self.briefings.move_to_end(digest)
        return held

    async def load_briefing(self, digest: str) -> Briefing | None:
        """`briefing(digest)`, read in a thread unless it is in memory: reading the cache
        parses the report and its JSON, which the event loop must not wait on."""
        with self._memo:
            held = self._held_briefing(digest)
        return held if held is not None else await asyncio.to_thread(self.briefing, digest)

    def read_briefing(self, digest: str) -> Briefing | None:
        """The briefing of `digest` from memory, else read from the cache and not kept: a pass
        over every report (indexing, comparing) holds one at a time and leaves the briefings
        in use in memory. Milliseconds a report, so run a pass in a thread."""
        with self._memo:
            held = self.briefings.get(digest)
            if held is not None or self.cache_dir is None or digest not in self.cached:
                return held
            report = self.parsed.get(digest)
        report = report or self._parse(digest)
        return cache.load(self.cache_dir, report) if report is not None else None

    def by_digest(self, digest: str) -> Listing | None:
        """The report whose digest is or starts with `digest` (buttons carry a prefix)."""
        if not digest:
            return None
        return next((r for r in self.reports if r.digest.startswith(digest)), None)

    def for_choice(self, digest: str | None) -> Listing | None:
        """The report a chat chose (its digest, bot/store/chats.py), else the newest."""
        chosen = self.by_digest(digest or "")
        return chosen or (self.reports[0] if self.reports else None)


def brief_all(library: ReportLibrary) -> list[Briefing]:
    """The briefings of the library's pending reports: from the cache when it holds them,
    else computed (jieba: seconds), so run it in a thread."""
    reports = (library.report(listing.digest) for listing in library.pending())
    return [brief(report, library.cache_dir) for report in reports if report is not None]
