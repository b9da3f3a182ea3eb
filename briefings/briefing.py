"""What is derived from a parsed report: its figures, summaries, keywords and search index.

A `Report` is what the file says, frozen once parsed; a `Briefing` is what we make of it,
computed by briefings.derive (jieba: seconds) or read back from briefings.cache. The report
is never changed by briefing it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Metric, Report
from .search import SearchIndex


@dataclass(frozen=True)
class SectionBrief:
    """What is derived from one section: its summary (verbatim sentences within a budget,
    one a line) and keywords."""

    summary: str = ""
    keywords: tuple[str, ...] = ()


NO_BRIEF = SectionBrief()


@dataclass(frozen=True)
class Briefing:
    """A report and everything derived from it."""

    report: Report
    metrics: tuple[Metric, ...]  # every figure, ids m1..mN in report order; key ones marked
    summary: str  # the report's summary: verbatim sentences, one a line
    keywords: tuple[str, ...]
    sections: Mapping[str, SectionBrief]  # section id -> its brief, in outline order
    index: SearchIndex

    @property
    def digest(self) -> str:
        return self.report.digest

    def section(self, section_id: str) -> SectionBrief:
        """The section's brief (an empty one for an id the report does not have)."""
        return self.sections.get(section_id, NO_BRIEF)


def section_brief(briefing: Briefing | None, section_id: str) -> SectionBrief:
    """The section's brief, or an empty one while its report is not briefed yet."""
    return briefing.section(section_id) if briefing is not None else NO_BRIEF
