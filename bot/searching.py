"""ADAPTER to briefings.search, which another branch is building.

Kept thin so the lead can replace it with direct imports once briefings.search has landed:
`SearchIndex.build(report)` and `search(index, query, limit)`. Until then search is reported as
unavailable rather than imitated.
"""

from __future__ import annotations

from typing import Any

from briefings.model import Report

try:
    from briefings import search as _search
except ImportError:  # briefings.search has not landed on this branch
    _search = None

RESULT_LIMIT = 10


def available() -> bool:
    return _search is not None


def build_index(report: Report) -> Any | None:
    """The report's search index (may load jieba: call it off the event loop)."""
    return _search.SearchIndex.build(report) if _search is not None else None


def run(index: Any, query: str) -> Any:
    return _search.search(index, query, limit=RESULT_LIMIT)
