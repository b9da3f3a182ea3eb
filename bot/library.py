"""The reports the bot serves: loaded from the reports folder, newest first, chosen per chat.

Loading only parses (fast, no jieba). A report's `Briefing` (figures, summaries, keywords,
search index) is computed elsewhere (bot.briefer: a worker process) and added by
`add_briefings`, or found in the cache; until then `briefing()` is None and the handlers show
what the parsed report alone gives. With a cache, briefings are read from it when first asked
for and at most `kept` stay in memory, the least recently used going first: a library of a
thousand reports neither reads a thousand briefings at start-up nor holds them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefings import cache
from briefings.briefing import Briefing
from briefings.derive import brief
from briefings.errors import ReportError
from briefings.folder import load_folder
from briefings.model import Report


def brief_all(reports: list[Report], cache_dir: Path | None = None) -> list[Briefing]:
    """The briefings of `reports`: from the cache when it holds them, else computed (jieba:
    seconds), so run it in a thread."""
    return [brief(report, cache_dir) for report in reports]


BRIEFINGS_KEPT = 64  # briefings held in memory when there is a cache to read others from


@dataclass
class ReportLibrary:
    folder: Path
    cache_dir: Path | None = None
    max_bytes: int | None = None  # a larger report file is skipped unread
    reports: list[Report] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    choices: dict[int, str] = field(default_factory=dict)  # chat id -> report digest
    kept: int = BRIEFINGS_KEPT
    # digest -> briefing, the most recently used last; without a cache, every briefing stays
    briefings: OrderedDict[str, Briefing] = field(default_factory=OrderedDict)
    cached: set[str] = field(default_factory=set)  # digests whose briefing the cache holds
    lost: set[str] = field(default_factory=set)  # cached, yet unreadable when asked for

    def reload(self) -> list[Report]:
        """Read the folder again; return the reports that were not loaded before."""
        known = {report.digest: report for report in self.reports}
        loaded = load_folder(self.folder, max_bytes=self.max_bytes)
        self.reports = [known.get(report.digest, report) for report in loaded.reports]
        self.errors = loaded.errors
        return [report for report in self.reports if report.digest not in known]

    def pending(self) -> list[Report]:
        """The reports not briefed yet."""
        return [report for report in self.reports if not self.is_briefed(report.digest)]

    def is_briefed(self, digest: str) -> bool:
        return digest in self.briefings or digest in self.cached

    def find_cached(self, reports: list[Report]) -> list[Report]:
        """Those of `reports` whose briefing the cache holds, noted as briefed; the briefings
        are read when asked for. Reads a few bytes a report, so run it in a thread."""
        if self.cache_dir is None:
            return []
        found = [r for r in reports if cache.is_current(self.cache_dir, r.digest)]
        self.cached.update(report.digest for report in found)
        return found

    def add_briefings(self, briefings: Iterable[Briefing]) -> None:
        """Briefings just computed (and cached, when there is a cache)."""
        for briefing in briefings:
            self._keep(briefing)
            if self.cache_dir is not None:
                self.cached.add(briefing.digest)
            self.lost.discard(briefing.digest)

    def briefing(self, digest: str) -> Briefing | None:
        """The briefing of the report `digest` once it is briefed: from memory, else read from
        the cache (milliseconds). A cached one that cannot be read any more is `lost`."""
        held = self.briefings.get(digest)
        if held is not None:
            self.briefings.move_to_end(digest)
            return held
        report = next((r for r in self.reports if r.digest == digest), None)
        if report is None or self.cache_dir is None or digest not in self.cached:
            return None
        loaded = cache.load(self.cache_dir, report)
        if loaded is None:
            self.cached.discard(digest)
            self.lost.add(digest)
            return None
        self._keep(loaded)
        return loaded

    def _keep(self, briefing: Briefing) -> None:
        self.briefings[briefing.digest] = briefing
        self.briefings.move_to_end(briefing.digest)
        while self.cache_dir is not None and len(self.briefings) > self.kept:
            self.briefings.popitem(last=False)

    def by_digest(self, digest: str) -> Report | None:
        """The report whose digest is or starts with `digest` (buttons carry a prefix)."""
        if not digest:
            return None
        return next((r for r in self.reports if r.digest.startswith(digest)), None)

    def for_chat(self, chat_id: int) -> Report | None:
        """The chat's chosen report, else the newest."""
        chosen = self.by_digest(self.choices.get(chat_id, ""))
        return chosen or (self.reports[0] if self.reports else None)

    def choose(self, chat_id: int, number: int) -> Report:
        """Remember the chat's choice of the `number`-th report (1-based, as /reports lists)."""
        if not 1 <= number <= len(self.reports):
            raise IndexError(number)
        report = self.reports[number - 1]
        self.choices[chat_id] = report.digest
        return report

    def move_choice(self, old: int, new: int) -> None:
        """A group's choice follows it to its new supergroup id, unless that chose already."""
        if old in self.choices:
            self.choices.setdefault(new, self.choices.pop(old))
