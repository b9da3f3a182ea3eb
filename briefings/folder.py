"""Loading a folder of reports: every readable report parsed, each bad file reported, none
blocking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from .errors import ReportError, TooLargeReportError
from .load import REPORT_SUFFIXES
from .model import Listed, Report
from .parse import parse_file

L = TypeVar("L", bound=Listed)


@dataclass
class LoadedFolder:
    reports: list[Report] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)


def report_files(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in REPORT_SUFFIXES and not path.name.startswith(".")
    )  # fmt: skip


def _recency(report: Listed) -> tuple[int, date, str]:
    """A total order: every part has one type, whatever the report leaves out."""
    dated = report.meta.published or report.meta.signed or date.min
    return report.meta.year or 0, dated, report.source


def newest_first(reports: list[L]) -> list[L]:
    """Newest report first: by the year covered, then publication date (an undated report
    after the dated ones of its year), then name."""
    return sorted(reports, key=_recency, reverse=True)


def check_size(path: Path, max_bytes: int | None) -> None:
    """Refuse a file over `max_bytes` before reading it: parsing and briefing cost grows with
    the size (a 20 MB file: seconds to parse, minutes and ~700 MB to brief)."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it will say what is wrong
    if max_bytes is not None and size > max_bytes:
        raise TooLargeReportError(
            path.name, f"too large, not read: {size:,} bytes, over max_report_bytes ({max_bytes:,})"
        )


def load_folder(folder: Path | str, max_bytes: int | None = None) -> LoadedFolder:
    """Every report in `folder`, parsed (not briefed: see briefings.derive), newest first; a
    file over `max_bytes` is skipped unread."""
    loaded = LoadedFolder()
    for path in report_files(Path(folder)):
        try:
            check_size(path, max_bytes)
            loaded.reports.append(parse_file(path))
        except ReportError as error:
            loaded.errors.append(error)
    loaded.reports = newest_first(loaded.reports)
    return loaded
