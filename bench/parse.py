"""Report engine speed and memory: parse, key figures, summaries/keywords/index, cache, search.

    .venv/bin/python bench/parse.py [--runs N] [--parse-only]

For the seed, each corpus report (../shared/corpus and more/) and a 100 KB report: the median
parse time over N runs, that time per 100 KB (median over all reports, the figure issue #13
bounds at 50 ms) and the peak memory of one parse (tracemalloc); figure extraction and summaries+keywords+index with jieba
warm (best of three, in this process) and cold (a fresh interpreter, jieba's load included).
Then start-up from a warm cache, and search over every report.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.kits.paths import SEED, corpus_files
from briefings.corpus_index import CorpusIndex, Entry
from briefings.derive import brief, derive_briefing
from briefings.figures import extract_figures
from briefings.keywords import words
from briefings.parse import parse_bytes, parse_file
from briefings.text import fold

PARSE_ONLY = False
QUERIES = ("信用", "营商环境", "生态环境保护", "新质生产力", "信贷", "<b>就业</b>")


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peak_kib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def cold_parse(data: bytes, name: str) -> object:
    """One parse as a new report gets it: fold's process-wide cache (briefings/text.py) emptied
    first, so that the runs after the first do not time the earlier runs' folded lines."""
    fold.cache_clear()
    return parse_bytes(data, name)


def inputs() -> list[tuple[str, bytes]]:
    items = [(SEED.name, SEED.read_bytes())]
    items += [(path.name, path.read_bytes()) for path in corpus_files()]
    if len(items) > 1:  # a 100 KB report: the largest corpus report, its body repeated
        largest = max(items[1:], key=lambda item: len(item[1]))[1]
        items.append(("synthetic_100KB", (largest * 3)[: 100 * 1024].rsplit(b"\n", 1)[0]))
    return items


def derive(path: Path) -> tuple[float, float]:
    """Seconds for (key figures, keywords + summaries + index) of one parsed report."""
    report = parse_file(path)
    start = time.perf_counter()
    extract_figures(report)
    figured = time.perf_counter()
    derive_briefing(report)  # figures again, then keywords, summaries and the index
    return figured - start, time.perf_counter() - figured - (figured - start)


def warm(path: Path) -> tuple[float, float]:
    words("预热")  # jieba loaded before timing
    runs = []
    for _ in range(3):
        words.cache_clear()
        runs.append(derive(path))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def cold(path: Path) -> float:
    """Seconds for figures + summaries + index in a fresh interpreter (jieba's load included)."""
    command = [sys.executable, __file__, "--cold", str(path)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout
    return float(out)


# Run in a fresh interpreter, so that the package's import is timed too.
STARTUP = """
import sys, time
start = time.perf_counter()
from briefings.derive import brief_file
loaded = time.perf_counter()
briefing = brief_file(sys.argv[1], cache_dir=sys.argv[2])
done = time.perf_counter()
assert briefing.summary and "jieba" not in sys.modules
print(done - start, done - loaded)
"""


def startup(cache_dir: str) -> tuple[float, float]:
    """(import + load, load alone) in seconds for the seed report from a warm cache."""
    command = [sys.executable, "-c", STARTUP, str(SEED), cache_dir]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout
    total, load = map(float, out.split())
    return total, load


def search_times(paths: list[Path]) -> tuple[float, float]:
    """(first query, mean of later ones) in seconds, in the engine (in memory) holding every
    path's index."""
    corpus = CorpusIndex(None)
    for path in paths:
        index = brief(parse_file(path)).index
        corpus.add(Entry(index.digest, index.digest, "", None), index)
    start = time.perf_counter()
    corpus.search(QUERIES[0], None, 10, 10, 10)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for query in QUERIES:
        corpus.search(query, None, 10, 10, 10)
    return first, (time.perf_counter() - start) / len(QUERIES)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--parse-only", action="store_true", help="parse times alone, no derivations"
    )
    args = parser.parse_args()
    runs = args.runs
    global PARSE_ONLY
    PARSE_ONLY = args.parse_only
    print(
        f"{'report':<40}{'KB':>6}{'parse ms':>9}{'peak KiB':>9}{'figures':>9}{'summ+idx':>9}{'cold':>7}"
    )
    paths = {SEED.name: SEED, **{p.name: p for p in corpus_files()}}
    per_100kb = []
    for name, data in inputs():
        parse = lambda data=data, name=name: cold_parse(data, name)  # noqa: E731
        parse()
        parse_ms = median_ms(parse, runs)
        per_100kb.append(parse_ms * 100 * 1024 / len(data))
        row = f"{name:<40}{len(data) / 1024:>6.1f}{parse_ms:>9.2f}{peak_kib(parse):>9.0f}"
        if name in paths and not PARSE_ONLY:
            figures, derived = warm(paths[name])
            row += f"{figures * 1000:>9.1f}{derived * 1000:>9.1f}{cold(paths[name]) * 1000:>7.0f}"
        print(row)
    print(f"parse time per 100 KB over {len(per_100kb)} reports: median {statistics.median(per_100kb):.1f} ms,"
          f" max {max(per_100kb):.1f} ms")  # fmt: skip
    if PARSE_ONLY:
        return
    print("(figures and summ+idx in ms with jieba warm; cold = both in a fresh interpreter)")
    with tempfile.TemporaryDirectory() as cache_dir:
        brief(parse_file(SEED), Path(cache_dir))
        total, load = min(startup(cache_dir) for _ in range(3))
    print(
        f"warm-cache start-up, seed: load {load * 1000:.1f} ms (with package import {total * 1000:.0f} ms)"
    )
    first, later = search_times(list(paths.values()))
    print(f"search over {len(paths)} reports: first query {first * 1000:.1f} ms"
          f" (builds the bigram postings), then {later * 1000:.2f} ms per query")  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:2] == ["--cold"]:
        report = parse_file(Path(sys.argv[2]))
        start = time.perf_counter()
        brief(report)
        print(time.perf_counter() - start)
    else:
        main()
