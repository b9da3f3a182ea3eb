"""Benchmark: /compare across N reports, from the on-disk index's figures table against reading
every report's briefing from the cache (the baseline), in the same run.

N copies of the seed report with warm caches (bench/kits/report_copies.py), indexed as the bot does
(bot/library/search_index.py); each way answers the same queries ROUNDS times and must give the same
rows. Prints p50 and max per way and their ratio.

    .venv/bin/python bench/compare.py            # N = 100
    .venv/bin/python bench/compare.py 1000       # writing 1,000 copies takes a minute or two
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.report_copies import write_copies  # noqa: E402
from bot.library.reports import ReportLibrary  # noqa: E402
from bot.library.search_index import indexed_of  # noqa: E402
from briefings.compare import Row, compare, compare_found, first_part  # noqa: E402
from briefings.corpus_index import FILE_NAME, CorpusIndex  # noqa: E402

QUERIES = ("营商环境排名", "注册用户", "检查事项", "只跑一次事项")  # labels of the seed's figures
ROUNDS = 3


def _timed(way: Callable[[str], list[list[Row]]]) -> list[float]:
    times = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            began = time.perf_counter()
            way(query)
            times.append((time.perf_counter() - began) * 1000)
    return times


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        reports, cache_dir = Path(folder) / "reports", Path(folder) / "cache"
        reports.mkdir()
        write_copies(reports, cache_dir, count)
        library = ReportLibrary(reports, cache_dir)
        library.reload()
        library.find_cached(library.reports)
        index = CorpusIndex(cache_dir / FILE_NAME, reports)  # as the bot opens it
        began = time.perf_counter()
        index.update(library.reports, lambda digest: indexed_of(library, digest))
        print(f"{count} reports; index built in {time.perf_counter() - began:.1f} s")

        def from_index(query: str) -> list[list[Row]]:
            return compare_found(library.reports, index.figures(first_part(query)), query)

        def from_briefings(query: str) -> list[list[Row]]:
            briefings = map(library.read_briefing, [r.digest for r in library.reports])
            return compare((b for b in briefings if b is not None), query)

        for query in QUERIES:  # the same rows, but for the section titles only the index has
            untitled = [[replace(r, section_title="") for r in g] for g in from_index(query)]
            assert untitled == from_briefings(query), query
        index_ms, baseline_ms = _timed(from_index), _timed(from_briefings)
        for name, times in (("index", index_ms), ("briefings", baseline_ms)):
            print(f"{name:10} p50 {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms")
        ratio = statistics.median(baseline_ms) / statistics.median(index_ms)
        print(f"the index answers {ratio:.0f}x faster (p50)")
        index.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
