"""A comparison across every report (bot/library/search_index.py) is read from the index once and kept
until the index or the library changes: a compare page's filters, sorts and pages, and the
chat's ◀ ▶, ask the same again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.library.reports import ReportLibrary
from bot.library.search_index import SearchShelf
from tests.kits.shelf_reads import copies_library, count_calls, grow

QUERY = "注册用户"  # said by two labels of the seed report's figures


async def _whole_comparison(library: ReportLibrary) -> list[Any]:
    """The whole comparison of QUERY, from a shelf of its own (so that nothing is kept)."""
    whole = SearchShelf(library)
    try:
        return await whole.compare(QUERY, 5.0)
    finally:
        await whole.close()


async def test_a_comparison_asked_again_is_read_once_until_the_library_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = copies_library(tmp_path, 2)
    reads = count_calls(monkeypatch, "figures")["figures"]
    shelf = SearchShelf(library)
    try:
        first = await shelf.compare(QUERY, 5.0)
        assert len(first) == 2 and await shelf.compare(QUERY, 5.0) == first
        assert len(reads) == 1
        assert await shelf.compare(QUERY + " 2020", 5.0) != first and len(reads) == 2
        grow(library, tmp_path, 3)  # one more report
        assert len(await shelf.compare(QUERY, 5.0)) == 3 and len(reads) == 3
    finally:
        await shelf.close()


async def test_a_chat_page_reads_which_reports_compare_once_and_only_its_own_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chat's /compare page is the page of the whole comparison; asked again (◀ ▶), which
    reports have rows is not worked out again, and only the page's reports' figures are read."""
    library = copies_library(tmp_path, 8)
    every = await _whole_comparison(library)
    calls = count_calls(monkeypatch, "shown", "figures")
    shelf = SearchShelf(library)
    try:
        for number in (0, 1, 2, 5):  # 5: past the last page, which it gives
            page, total = await shelf.compare_page(QUERY, number, 3, 5.0)
            assert (page, total) == (every[min(number, 2) * 3 : min(number, 2) * 3 + 3], 8)
            assert len(calls["figures"][-1][2]) == len(page)  # the page's reports only
        assert len(calls["shown"]) == 1
    finally:
        await shelf.close()


async def test_the_first_reports_of_a_comparison_read_only_their_own_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inline mode's few figures: the first reports with rows, the asker's ahead, as the whole
    comparison has them, from the figures of those reports only."""
    library = copies_library(tmp_path, 8)
    every = await _whole_comparison(library)
    reads = count_calls(monkeypatch, "figures")["figures"]
    shelf = SearchShelf(library)
    try:
        mine = every[5][0].digest
        assert await shelf.compare_first(QUERY, mine, 3, 5.0) == [every[5], every[0], every[1]]
        assert [len(args[2]) for args in reads] == [3]
        assert await shelf.compare_first(QUERY, None, 20, 5.0) == every
    finally:
        await shelf.close()
