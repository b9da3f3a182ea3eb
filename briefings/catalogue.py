"""The catalogue of a reports folder: what a library lists of each report without parsing it.

One JSON file (in the cache directory) holds, per report file, its size and modification time,
its digest and its facts (title, issuer, dates, year). A start-up reads it and parses only the
files that are new or changed since, so a thousand reports are listed in a moment and parsed
when first asked for. A catalogue written by other code, or unreadable, is ignored and
rewritten: the worst it costs is one full parse of the folder.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import code_fingerprint, write_atomically
from .model import Meta, Report

CATALOGUE_VERSION = 1
CATALOGUE_FILE = "catalogue.json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Listing:
    """A report as the library lists it: its file and digest, and the facts of its heading."""

    source: str  # the file's name in the reports folder, as Report.source
    size: int
    mtime_ns: int
    digest: str
    meta: Meta

    @property
    def display_title(self) -> str:
        return self.meta.title or self.source

    @classmethod
    def of(cls, report: Report, path: Path) -> Listing:
        stat = path.stat()
        return cls(report.source, stat.st_size, stat.st_mtime_ns, report.digest, report.meta)

    def describes(self, path: Path) -> bool:
        """Whether `path` is still the file this listing was made from (same size and time)."""
        try:
            stat = path.stat()
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == (self.size, self.mtime_ns)


def _row(listing: Listing) -> dict[str, Any]:
    return {
        "source": listing.source,
        "size": listing.size,
        "mtime_ns": listing.mtime_ns,
        "digest": listing.digest,
        "meta": listing.meta.as_record(),
    }


def _listing(row: dict[str, Any]) -> Listing:
    meta = Meta.from_record(row["meta"])
    listing = Listing(row["source"], row["size"], row["mtime_ns"], row["digest"], meta)
    if not (isinstance(listing.size, int) and isinstance(listing.mtime_ns, int)):
        raise TypeError("size and mtime_ns must be integers")
    return listing


def read_catalogue(path: Path) -> dict[str, Listing]:
    """The catalogue's listings by file name; empty when it is missing, stale or damaged."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if data.get("version") != CATALOGUE_VERSION or data.get("code") != code_fingerprint():
            return {}
        listings = [_listing(row) for row in data["reports"]]
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        log.info("not using catalogue %s: %s", path, error)
        return {}
    return {listing.source: listing for listing in listings}


def write_catalogue(path: Path, listings: Iterable[Listing]) -> None:
    """Write the catalogue; failing to only costs a full parse at the next start (logged), so
    no failure here may stop the reload that asked for it (a name JSON cannot encode: ValueError)."""
    data = {
        "version": CATALOGUE_VERSION,
        "code": code_fingerprint(),
        "reports": [_row(listing) for listing in listings],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, ensure_ascii=False))
    except (OSError, ValueError) as error:
        log.warning("could not write catalogue %s: %s", path, error)
