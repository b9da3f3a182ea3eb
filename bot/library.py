"""The reports the bot serves: loaded from the reports folder, newest first, chosen per chat.

Loading only parses (fast, no jieba). A report's `Briefing` (figures, summaries, keywords,
search index) is read from the cache (`cached_briefings`) or computed elsewhere (bot.briefer:
a worker process) and added by `add_briefings`; until then `briefing()` is None and the
handlers show what the parsed report alone gives.
"""

from __future__ import annotations

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


def cached_briefings(reports: list[Report], cache_dir: Path | None) -> list[Briefing]:
    """The briefings of those of `reports` that the cache holds (no jieba)."""
    if cache_dir is None:
        return []
    found = (cache.load(cache_dir, report) for report in reports)
    return [briefing for briefing in found if briefing is not None]


@dataclass
class ReportLibrary:
    folder: Path
    cache_dir: Path | None = None
    max_bytes: int | None = None  # a larger report file is skipped unread
    reports: list[Report] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    choices: dict[int, str] = field(default_factory=dict)  # chat id -> report digest
    # digest -> its briefing; kept when its file goes, so the same bytes back need no rework
    briefings: dict[str, Briefing] = field(default_factory=dict)

    def reload(self) -> list[Report]:
        """Read the folder again; return the reports that were not loaded before."""
        known = {report.digest: report for report in self.reports}
        loaded = load_folder(self.folder, max_bytes=self.max_bytes)
        self.reports = [known.get(report.digest, report) for report in loaded.reports]
        self.errors = loaded.errors
        return [report for report in self.reports if report.digest not in known]

    def pending(self) -> list[Report]:
        """The reports not briefed yet."""
        return [report for report in self.reports if report.digest not in self.briefings]

    def add_briefings(self, briefings: Iterable[Briefing]) -> None:
        for briefing in briefings:
            self.briefings[briefing.digest] = briefing

    def briefing(self, digest: str) -> Briefing | None:
        """The briefing of the report `digest`, once it is briefed."""
        return self.briefings.get(digest)

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
