"""Timing of summaries, keywords and the search index; start-up from a warm cache; search.

Run: .venv/bin/python bench/summaries.py
Cold figures run in a fresh interpreter each (jieba's import and dictionary load included);
warm ones in this process after jieba has loaded, best of three. Parsing is excluded from both.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefings.enrich import enrich_report, search_index
from briefings.keywords import tag_keywords, words
from briefings.parse import parse_file
from briefings.search import SearchIndex, search
from briefings.summaries import write_summaries

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nanchang_2020_fazhi_zhengfu_report.txt"
CORPUS = sorted(Path("/work/shared/corpus").glob("*.txt"))
QUERIES = ("信用", "营商环境", "生态环境保护", "新质生产力", "信贷", "<b>就业</b>")


def derive(path: Path) -> float:
    """Seconds for keywords, summaries and index of one parsed report."""
    report = parse_file(path)
    start = time.perf_counter()
    tag_keywords(report)
    write_summaries(report)
    SearchIndex.build(report)
    return time.perf_counter() - start


def warm(path: Path) -> float:
    words("预热")  # jieba loaded before timing
    best = float("inf")
    for _ in range(3):
        words.cache_clear()
        best = min(best, derive(path))
    return best


def cold(path: Path) -> float:
    command = [sys.executable, __file__, "--cold", str(path)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout
    return float(out)


# Run in a fresh interpreter, so that the package's import is timed too.
STARTUP = """
import sys, time
start = time.perf_counter()
from briefings.library import load_report
loaded = time.perf_counter()
report = load_report(sys.argv[1], cache_dir=sys.argv[2])
done = time.perf_counter()
assert report.summary and "jieba" not in sys.modules
print(done - start, done - loaded)
"""


def startup(cache_dir: str) -> tuple[float, float]:
    """(import + load, load alone) in seconds for the seed report from a warm cache."""
    command = [sys.executable, "-c", STARTUP, str(SEED), cache_dir]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout
    total, load = map(float, out.split())
    return total, load


def search_times(paths: list[Path]) -> tuple[float, float]:
    """(first query, mean of later ones) in seconds, over the indexes of all `paths`."""
    indexes = [search_index(enrich_report(parse_file(path))) for path in paths]
    start = time.perf_counter()
    search(indexes, QUERIES[0])
    first = time.perf_counter() - start
    start = time.perf_counter()
    for query in QUERIES:
        search(indexes, query)
    return first, (time.perf_counter() - start) / len(QUERIES)


def main() -> None:
    paths = [SEED, *CORPUS]
    print(f"{'report':<44} {'KB':>5} {'cold ms':>8} {'warm ms':>8}")
    for path in paths:
        kb = path.stat().st_size / 1024
        print(f"{path.name:<44} {kb:5.0f} {cold(path) * 1000:8.0f} {warm(path) * 1000:8.0f}")
    with tempfile.TemporaryDirectory() as cache_dir:
        enrich_report(parse_file(SEED), Path(cache_dir))
        size = next(Path(cache_dir).iterdir()).stat().st_size / 1024
        total, load = min(startup(cache_dir) for _ in range(3))
    print(f"warm-cache start-up, seed: load {load * 1000:.1f} ms (import + load {total * 1000:.0f} ms),"
          f" cache file {size:.0f} KB")  # fmt: skip
    first, later = search_times(paths)
    print(f"search over {len(paths)} reports: first query {first * 1000:.1f} ms"
          f" (builds the bigram postings), then {later * 1000:.2f} ms per query")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold"]:
        print(derive(Path(sys.argv[2])))
    else:
        main()
