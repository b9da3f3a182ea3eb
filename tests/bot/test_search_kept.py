"""A search (bot/library/search_index.py) is read from the index once and kept until the index
changes: each page of its results, ◀ ▶, asks the same again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.library.search_index import SearchShelf
from briefings import cache
from tests.kits.shelf_reads import copies_library, count_calls, grow


async def test_a_search_asked_again_is_read_once_until_the_index_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = copies_library(tmp_path, 2)
    reads = count_calls(monkeypatch, "search")["search"]
    shelf = SearchShelf(library)
    try:
        first = await shelf.search("法治", library.reports[0].digest, 30, 3, 5.0, 10)
        assert first.matches and len(reads) == 1
        again = await shelf.search("法治", library.reports[0].digest, 30, 3, 5.0, 10)
        assert again == first and len(reads) == 1
        other = await shelf.search("法治", library.reports[1].digest, 30, 3, 5.0, 10)
        assert other.hits[0].report.digest == library.reports[1].digest and len(reads) == 2
        grow(library, tmp_path, 3)  # one more report
        grown = await shelf.search("法治", library.reports[0].digest, 30, 3, 5.0, 10)
        assert grown.matches > first.matches and len(reads) == 3
    finally:
        await shelf.close()


async def test_a_report_found_in_the_cache_as_another_is_lost_is_indexed(tmp_path: Path) -> None:
    """Which reports the index wants follows the library even when as many are briefed as
    before: one briefing found in the cache, another lost."""
    library = copies_library(tmp_path, 3)
    first, _, last = (report.digest for report in library.reports)
    last_cached = cache.cache_path(tmp_path / "cache", last)
    held = last_cached.read_bytes()
    last_cached.unlink()
    library.cached.discard(last)  # as a start that found no briefing of it
    shelf = SearchShelf(library)
    try:
        await shelf.ready(5.0)
        assert not await shelf.holds(last)
        last_cached.write_bytes(held)
        library.find_cached(library.reports)
        cache.cache_path(tmp_path / "cache", first).write_bytes(held[:200])
        assert library.briefing(first) is None  # lost: as many cached as before
        await shelf.ready(5.0)
        assert await shelf.holds(last)
    finally:
        await shelf.close()
