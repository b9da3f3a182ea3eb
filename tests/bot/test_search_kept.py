"""A search (bot/library/search_index.py) is read from the index once and kept until the index
changes: each page of its results, ◀ ▶, asks the same again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.kits.report_copies import write_copies
from bot.library.reports import ReportLibrary
from bot.library.search_index import SearchShelf
from briefings.corpus_index import CorpusIndex


async def test_a_search_asked_again_is_read_once_until_the_index_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reports").mkdir()
    write_copies(tmp_path / "reports", tmp_path / "cache", 2)
    library = ReportLibrary(tmp_path / "reports", tmp_path / "cache")
    library.reload()
    library.find_cached(library.reports)
    reads: list[Any] = []
    read = CorpusIndex.search

    def counted(index: CorpusIndex, *args: Any) -> Any:
        reads.append(args)
        return read(index, *args)

    monkeypatch.setattr(CorpusIndex, "search", counted)
    shelf = SearchShelf(library)
    try:
        first = await shelf.search("法治", library.reports[0].digest, 30, 3, 5.0, 10)
        assert first.matches and len(reads) == 1
        again = await shelf.search("法治", library.reports[0].digest, 30, 3, 5.0, 10)
        assert again == first and len(reads) == 1
        other = await shelf.search("法治", library.reports[1].digest, 30, 3, 5.0, 10)
        assert other.hits[0].report.digest == library.reports[1].digest and len(reads) == 2
        write_copies(tmp_path / "reports", tmp_path / "cache", 3)  # one more report
        library.reload()
        library.find_cached(library.reports)
        grown = await shelf.search("法治", library.reports[0].digest, 30, 3, 5.0, 10)
        assert grown.matches > first.matches and len(reads) == 3
    finally:
        await shelf.close()
