"""Reading a folder of reports: every readable report listed (through the folder's catalogue,
briefings.catalogue, when there is one) or parsed, each bad file reported, none blocking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from .catalogue import Listing
from .errors import ReportError, TooLargeReportError
from .load import REPORT_SUFFIXES
from .model import Listed, Report
from .parse import parse_file

L = TypeVar("L", bound=Listed)


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


@dataclass
class Shelf:
    """A reports folder read through its catalogue."""

    listings: list[Listing] = field(default_factory=list)  # newest first
    parsed: list[Report] = field(default_factory=list)  # the files that had to be parsed
    errors: list[ReportError] = field(default_factory=list)


def read_shelf(folder: Path, catalogue: dict[str, Listing], max_bytes: int | None) -> Shelf:
    """Every report in `folder`: its catalogue listing when the file is unchanged, else parsed
    (a file over `max_bytes` skipped unread, a bad file reported)."""
    shelf = Shelf()
    for path in report_files(folder):
        known = catalogue.get(path.name)
        if known is not None and known.describes(path):
            shelf.listings.append(known)
            continue
        try:
            check_size(path, max_bytes)
            report = parse_file(path)
        except ReportError as error:
            shelf.errors.append(error)
            continue
        shelf.parsed.append(report)
        shelf.listings.append(Listing.of(report, path))
    shelf.listings = newest_first(shelf.listings)
    return shelf


@dataclass
class LoadedFolder:
    reports: list[Report] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)


def load_folder(folder: Path | str, max_bytes: int | None = None) -> LoadedFolder:
    """Every report in `folder`, parsed (not briefed: see briefings.derive), newest first; a
    file over `max_bytes` is skipped unread."""
    shelf = read_shelf(Path(folder), {}, max_bytes)
    return LoadedFolder(newest_first(shelf.parsed), shelf.errors)
