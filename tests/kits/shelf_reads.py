"""A library of copies of the seed report (bench/kits/report_copies.py), and a count of the index
reads a SearchShelf makes from it, for the tests of what the shelf keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.kits.report_copies import write_copies
from bot.library.reports import ReportLibrary
from briefings.corpus_index import CorpusIndex


def copies_library(folder: Path, count: int) -> ReportLibrary:
    """`count` copies of the seed report in `folder`/reports, briefed in `folder`/cache, loaded."""
    (folder / "reports").mkdir(exist_ok=True)
    library = ReportLibrary(folder / "reports", folder / "cache")
    grow(library, folder, count)
    return library


def grow(library: ReportLibrary, folder: Path, count: int) -> None:
    """The library of `folder` (copies_library's) made up to `count` copies, and reloaded."""
    write_copies(folder / "reports", folder / "cache", count)
    library.reload()
    library.find_cached(library.reports)


def count_calls(monkeypatch: pytest.MonkeyPatch, *names: str) -> dict[str, list[Any]]:
    """The arguments of every call to the named CorpusIndex methods, which still do their work."""
    calls: dict[str, list[Any]] = {name: [] for name in names}
    for name in names:
        method = getattr(CorpusIndex, name)

        def counted(index: CorpusIndex, *args: Any, name: str = name, method: Any = method) -> Any:
            calls[name].append(args)
            return method(index, *args)

        monkeypatch.setattr(CorpusIndex, name, counted)
    return calls
