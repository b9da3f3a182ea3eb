"""A comparison across every report (bot/library/search_index.py) is read from the index once and kept
until the index or the library changes: a compare page's filters, sorts and pages, and the
chat's ◀ ▶, ask the same again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.kits.report_copies import write_copies
from bot.library.reports import ReportLibrary
from bot.library.search_index import SearchShelf
from briefings.corpus_index import CorpusIndex

QUERY = "注册用户"  # said by two labels of the seed report's figures


def _library(folder: Path, count: int) -> ReportLibrary:
    write_copies(folder / "reports", folder / "cache", count)
    library = ReportLibrary(folder / "reports", folder / "cache")
    library.reload()
    library.find_cached(library.reports)
    return library


async def test_a_comparison_asked_again_is_read_once_until_the_library_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reports").mkdir()
    library = _library(tmp_path, 2)
    reads: list[Any] = []
    read = CorpusIndex.figures

    def counted(index: CorpusIndex, *args: Any) -> Any:
        reads.append(args)
        return read(index, *args)

    monkeypatch.setattr(CorpusIndex, "figures", counted)
    shelf = SearchShelf(library)
    try:
        first = await shelf.compare(QUERY, 5.0)
        assert len(first) == 2 and await shelf.compare(QUERY, 5.0) == first
        assert len(reads) == 1
        assert await shelf.compare(QUERY + " 2020", 5.0) != first and len(reads) == 2
        write_copies(tmp_path / "reports", tmp_path / "cache", 3)  # one more report
        library.reload()
        library.find_cached(library.reports)
        assert len(await shelf.compare(QUERY, 5.0)) == 3 and len(reads) == 3
    finally:
        await shelf.close()
