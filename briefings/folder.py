"""Reading a folder of reports: every readable report listed (through the folder's catalogue,
briefings.catalogue, when there is one) or parsed, each bad file reported, none blocking.

A file name is bytes until proven text: one that is not UTF-8 (`\\xff\\xfe_bad.txt`) is
reported as skipped, never listed, since every later step (the catalogue's JSON, log lines,
messages) needs text. A symbolic link is followed only when it resolves inside the folder, or
inside one of the folders the operator allowed: a link leaving them is neither listed nor read.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from .catalogue import Listing
from .errors import ReportError, TooLargeReportError, UnreadableReportError
from .load import REPORT_SUFFIXES
from .model import Listed, Report

L = TypeVar("L", bound=Listed)
_SUFFIXES = {suffix.encode() for suffix in REPORT_SUFFIXES}


@dataclass(frozen=True)
class FolderView:
    """What a folder holds for the library: its report files, and those skipped unread."""

    files: list[Path]
    skipped: list[ReportError]


def shown_name(raw: bytes) -> str:
    """A file name as a log line or message can carry it, undecodable bytes escaped."""
    return raw.decode("utf-8", "backslashreplace")


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether `path`, its links followed, lies inside one of `roots` (resolved already)."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, a loop, unreadable
        return False
    return any(real.is_relative_to(root) for root in roots)


def report_entries(
    folder: Path, link_roots: tuple[Path, ...] = ()
) -> tuple[list[tuple[str, os.DirEntry[bytes]]], list[ReportError]]:
    """The report files in `folder`, by name with their directory entry (which knows its kind
    without a stat, and stats once: a look at 10,000 files every second is that light), and the
    files skipped unread. Dotfiles are files still being written: never read."""
    roots = (folder.resolve(), *(root.resolve() for root in link_roots))
    files: list[tuple[str, os.DirEntry[bytes]]] = []
    skipped: list[ReportError] = []
    with os.scandir(os.fsencode(folder)) as entries:
        for entry in entries:
            raw = entry.name
            if raw.startswith(b".") or os.path.splitext(raw)[1].lower() not in _SUFFIXES:
                continue
            try:
                name = raw.decode("utf-8")
            except UnicodeDecodeError:
                skipped.append(UnreadableReportError(shown_name(raw), "file name is not UTF-8"))
                continue
            if entry.is_symlink() and not inside(folder / name, roots):
                skipped.append(
                    ReportError(name, "a symbolic link leading outside reports_dir, not followed")
                )
                continue
            if _is_file(entry):
                files.append((name, entry))
    files.sort(key=lambda file: file[0])  # in one folder, the order of their paths
    return files, sorted(skipped, key=lambda error: error.source)


def _is_file(entry: os.DirEntry[bytes]) -> bool:
    """Whether `entry` is a file, a link followed (as Path.is_file: unreadable is not)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def look_into(folder: Path, link_roots: tuple[Path, ...] = ()) -> FolderView:
    """The report files in `folder` (see `report_entries`)."""
    files, skipped = report_entries(folder, link_roots)
    return FolderView([folder / name for name, _ in files], skipped)


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


def read_shelf(
    folder: Path,
    catalogue: dict[str, Listing],
    max_bytes: int | None,
    link_roots: tuple[Path, ...] = (),
    held: Collection[str] = (),
) -> Shelf:
    """Every report in `folder`: its catalogue listing when the file is unchanged, else parsed
    (a file over `max_bytes` skipped unread, a bad file reported). A `held` file (still being
    written) is not read: its catalogue listing stands, if it has one."""
    view = look_into(folder, link_roots)
    shelf = Shelf(errors=list(view.skipped))
    for path in view.files:
        known = catalogue.get(path.name)
        if path.name in held:
            if known is not None:
                shelf.listings.append(known)
            continue
        if known is not None and known.describes(path):
            shelf.listings.append(known)
            continue
        try:
            check_size(path, max_bytes)
            from .parse import parse_file  # here: a folder read from its catalogue needs no parser

            report = parse_file(path)
        except ReportError as error:
            shelf.errors.append(error)
            continue
        try:
            listing = Listing.of(report, path)
        except OSError:  # removed since it was read: the next look finds it gone
            continue
        shelf.parsed.append(report)
        shelf.listings.append(listing)
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
