"""The library with many reports: briefings read from the cache when asked for, a bounded
number kept in memory, and one that cannot be read any more briefed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.briefer import Briefer
from bot.library import ReportLibrary
from briefings import cache
from tests.report_copies import write_copies

COPIES = 3


@pytest.fixture(scope="module")
def shelves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("library")
    (root / "reports").mkdir()
    write_copies(root / "reports", root / "cache", COPIES)
    return root / "reports", root / "cache"


async def _started(folder: Path, cache_dir: Path, kept: int) -> tuple[ReportLibrary, Briefer]:
    library = ReportLibrary(folder, cache_dir, kept=kept)
    library.reload()
    briefer = Briefer(library)
    briefer.schedule(library.pending())
    await briefer.settled()
    return library, briefer


async def test_start_up_reads_no_briefing_until_one_is_asked_for(shelves) -> None:
    library, briefer = await _started(*shelves, kept=2)
    try:
        assert len(library.reports) == COPIES and library.pending() == []
        assert len(library.briefings) == 0  # all cached, none read yet
        first = library.reports[0]
        briefing = await briefer.wait(first, timeout=1)
        assert briefing is not None and briefing.report is first and briefing.summary
        assert list(library.briefings) == [first.digest]
    finally:
        await briefer.close()


async def test_at_most_kept_briefings_stay_in_memory(shelves) -> None:
    library, briefer = await _started(*shelves, kept=2)
    try:
        digests = [report.digest for report in library.reports]
        for digest in digests:
            briefing = library.briefing(digest)
            assert briefing is not None and briefing.digest == digest
        assert list(library.briefings) == digests[1:]  # the least recently used went
        assert library.briefing(digests[0]) is not None  # read back from the cache
        assert list(library.briefings) == [digests[2], digests[0]]
    finally:
        await briefer.close()


async def test_a_cached_briefing_that_cannot_be_read_is_briefed_again(shelves, tmp_path) -> None:
    folder, warm = shelves
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    for path in warm.iterdir():
        (cache_dir / path.name).write_bytes(path.read_bytes())
    library, briefer = await _started(folder, cache_dir, kept=2)
    try:
        report = library.reports[0]
        path = cache.cache_path(cache_dir, report.digest)
        path.write_bytes(path.read_bytes()[:200])  # the header still current, the rest cut
        assert library.briefing(report.digest) is None
        assert report.digest in library.lost
        briefing = await briefer.wait(report, timeout=120)  # the worker briefs it again
        assert briefing is not None and briefing.digest == report.digest
        assert cache.load(cache_dir, report) is not None  # and rewrote its cache file
    finally:
        await briefer.close()
