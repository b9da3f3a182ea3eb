"""The reports the bot serves: loaded from the reports folder, newest first, chosen per chat.

Loading only parses (fast, no jieba); the derived views (figures, summaries, search index) are
read from the cache onto copies (`cached_copies`) or computed elsewhere (bot.briefer: a worker
process) and swapped in by `swap_in`, so the handlers always read a complete report, enriched
or not yet.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from briefings import cache
from briefings.enrich import enrich_report, search_index
from briefings.errors import ReportError
from briefings.library import load_folder
from briefings.model import Report
from briefings.search import SearchIndex


@dataclass(frozen=True)
class Enriched:
    report: Report
    index: SearchIndex


def enrich_copies(reports: list[Report], cache_dir: Path | None = None) -> list[Enriched]:
    """Enriched copies of `reports` with their search indexes: from the cache when it holds
    them, else computed (jieba: seconds), so run it in a thread."""
    enriched = []
    for report in reports:
        twin = enrich_report(copy.deepcopy(report), cache_dir)
        enriched.append(Enriched(twin, search_index(twin)))
    return enriched


def cached_copies(reports: list[Report], cache_dir: Path | None) -> list[Enriched]:
    """Enriched copies of those of `reports` whose briefing is in the cache (no jieba)."""
    found = []
    for report in reports:
        briefing = cache.load(cache_dir, report) if cache_dir is not None else None
        if briefing is not None:
            twin = copy.deepcopy(report)
            briefing.apply(twin)
            found.append(Enriched(twin, briefing.index))
    return found


@dataclass
class ReportLibrary:
    folder: Path
    cache_dir: Path | None = None
    max_bytes: int | None = None  # a larger report file is skipped unread
    reports: list[Report] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    choices: dict[int, str] = field(default_factory=dict)  # chat id -> report digest
    indexes: dict[str, SearchIndex] = field(default_factory=dict)  # digest -> search index
    enriched: set[str] = field(default_factory=set)  # digests whose derived views are in

    def reload(self) -> list[Report]:
        """Read the folder again; return the reports that were not loaded before."""
        known = {report.digest: report for report in self.reports}
        loaded = load_folder(self.folder, enrich=False, max_bytes=self.max_bytes)
        self.reports = [known.get(report.digest, report) for report in loaded.reports]
        self.errors = loaded.errors
        return [report for report in self.reports if report.digest not in known]

    def pending(self) -> list[Report]:
        return [report for report in self.reports if report.digest not in self.enriched]

    def swap_in(self, enriched: list[Enriched]) -> None:
        by_digest = {item.report.digest: item for item in enriched}
        self.reports = [
            by_digest[r.digest].report if r.digest in by_digest else r for r in self.reports
        ]
        for digest, item in by_digest.items():
            self.enriched.add(digest)
            self.indexes[digest] = item.index

    def by_digest(self, digest: str) -> Report | None:
        """The report whose digest is or starts with `digest` (buttons carry a prefix)."""
        if not digest:
            return None
        return next((r for r in self.reports if r.digest.startswith(digest)), None)

    def for_chat(self, chat_id: int) -> Report | None:
        """The chat's chosen report, else the newest."""
        chosen = self.by_digest(self.choices.get(chat_id, ""))
        return chosen or (self.reports[0] if self.reports else None)

    def choose(self, chat_id: int, digest: str) -> Report | None:
        """Remember the chat's choice of the report with this digest (None: no such report)."""
        report = self.by_digest(digest)
        if report is not None:
            self.choices[chat_id] = report.digest
        return report

    def move_choice(self, old: int, new: int) -> None:
        """A group's choice follows it to its new supergroup id, unless that chose already."""
        if old in self.choices:
            self.choices.setdefault(new, self.choices.pop(old))
