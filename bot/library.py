"""The reports the bot serves: loaded from the reports folder, newest first, chosen per chat."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefings.errors import ReportError
from briefings.library import load_folder
from briefings.model import Report


@dataclass
class ReportLibrary:
    folder: Path
    reports: list[Report] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    choices: dict[int, str] = field(default_factory=dict)  # chat id -> report digest

    def reload(self) -> list[Report]:
        """Read the folder again; return the reports that were not loaded before."""
        known = {report.digest for report in self.reports}
        loaded = load_folder(self.folder)
        self.reports, self.errors = loaded.reports, loaded.errors
        return [report for report in self.reports if report.digest not in known]

    def by_digest(self, digest: str) -> Report | None:
        return next((r for r in self.reports if r.digest == digest), None)

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
