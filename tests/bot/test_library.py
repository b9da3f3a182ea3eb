"""The library with many reports: briefings read from the cache when asked for, a bounded
number kept in memory, and one that cannot be read any more briefed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.kits.report_copies import write_copies
from bot.library.briefer import Briefer
from bot.library.reports import ReportLibrary
from briefings import cache
from briefings.catalogue import CATALOGUE_FILE, read_catalogue

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
        assert briefing is not None and briefing.digest == first.digest and briefing.summary
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
        parsed = library.report(report.digest)
        assert parsed is not None and cache.load(cache_dir, parsed) is not None  # rewritten
    finally:
        await briefer.close()


def _shelves_copy(shelves, tmp_path: Path) -> tuple[Path, Path]:
    folder, cache_dir = tmp_path / "reports", tmp_path / "cache"
    for source, target in zip(shelves, (folder, cache_dir), strict=True):
        target.mkdir()
        for path in source.iterdir():
            (target / path.name).write_bytes(path.read_bytes())
    return folder, cache_dir


def test_a_restart_lists_the_reports_from_the_catalogue_without_parsing(shelves, tmp_path):
    folder, cache_dir = _shelves_copy(shelves, tmp_path)
    first = ReportLibrary(folder, cache_dir)
    first.reload()
    assert len(first.parsed) == COPIES and (cache_dir / CATALOGUE_FILE).is_file()
    again = ReportLibrary(folder, cache_dir)
    again.reload()
    assert again.reports == first.reports and len(again.parsed) == 0
    report = again.report(again.reports[0].digest)  # parsed when asked for
    assert report is not None and report.digest == again.reports[0].digest
    assert report.meta == again.reports[0].meta


def test_changed_removed_and_added_files_are_read_again(shelves, tmp_path):
    folder, cache_dir = _shelves_copy(shelves, tmp_path)
    ReportLibrary(folder, cache_dir).reload()
    library = ReportLibrary(folder, cache_dir)
    library.reload()  # listed from the catalogue, none parsed
    old = {listing.source: listing.digest for listing in library.reports}
    changed, removed = sorted(old)[:2]
    (folder / changed).write_bytes((folder / changed).read_bytes() + "\n（改）\n".encode())
    (folder / removed).unlink()
    (folder / "added.txt").write_bytes((folder / changed).read_bytes() + b"\n")
    assert library.report(old[changed]) is None  # changed since it was listed
    new = library.reload()
    now = {listing.source: listing.digest for listing in library.reports}
    assert set(now) == set(old) - {removed} | {"added.txt"}
    assert now[changed] != old[changed]
    assert {listing.source for listing in new} == {changed, "added.txt"}
    assert len(library.parsed) == 2  # only the changed and the added file
    assert ReportLibrary(folder, cache_dir).reload() and read_catalogue(
        cache_dir / CATALOGUE_FILE
    ) == {listing.source: listing for listing in library.reports}


@pytest.mark.parametrize("damage", [b"", b"{", b'{"version": 1, "code": "x", "reports": []}'])
def test_a_damaged_or_stale_catalogue_is_rebuilt(shelves, tmp_path, damage):
    folder, cache_dir = _shelves_copy(shelves, tmp_path)
    ReportLibrary(folder, cache_dir).reload()
    (cache_dir / CATALOGUE_FILE).write_bytes(damage)
    library = ReportLibrary(folder, cache_dir)
    library.reload()
    assert len(library.reports) == COPIES and len(library.parsed) == COPIES
    assert read_catalogue(cache_dir / CATALOGUE_FILE) == {r.source: r for r in library.reports}


def test_the_change_count_moves_with_which_reports_are_briefed_not_with_reading(shelves, tmp_path):
    """What depends on which reports are briefed (the search index's wanted reports) asks
    the count, not every digest: it moves with a reload, a briefing found in the cache, added
    or lost, even when as many are briefed as before, and not with a briefing read."""
    folder, cache_dir = _shelves_copy(shelves, tmp_path)
    library = ReportLibrary(folder, cache_dir, kept=1)
    counts = [library.changes]

    def moved() -> bool:
        counts.append(library.changes)
        return counts[-1] != counts[-2]

    library.reload()
    assert moved()
    first, second, third = (report.digest for report in library.reports)
    third_cached = cache.cache_path(cache_dir, third)
    held = third_cached.read_bytes()
    third_cached.unlink()
    library.find_cached(library.reports)
    assert moved() and library.cached == {first, second}
    for digest in (first, second, first):  # read, one kept in memory at a time
        assert library.briefing(digest) is not None and library.read_briefing(digest) is not None
    library.find_cached([])
    assert not moved()
    third_cached.write_bytes(held)
    library.find_cached(library.reports[2:])
    assert moved()
    cache.cache_path(cache_dir, second).write_bytes(held[:200])  # lost: as many briefed as before
    assert library.briefing(second) is None and second in library.lost
    assert moved()
    library.add_briefings([library.briefing(first)])
    assert moved()
