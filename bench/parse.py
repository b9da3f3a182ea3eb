"""Parse speed and memory: the seed, each corpus report and a 100 KB report.

    .venv/bin/python bench/parse.py [--runs N]

Prints the median time over N runs and the peak memory (tracemalloc) of one parse.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.parse import parse_bytes
from tests.paths import SEED, corpus_files


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


def inputs() -> list[tuple[str, bytes]]:
    items = [(SEED.name, SEED.read_bytes())]
    items += [(path.name, path.read_bytes()) for path in corpus_files()]
    if len(items) > 1:  # a 100 KB report: the largest corpus report, its body repeated
        largest = max(items[1:], key=lambda item: len(item[1]))[1]
        items.append(("synthetic_100KB", (largest * 3)[: 100 * 1024].rsplit(b"\n", 1)[0]))
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    print(f"{'report':<44}{'KB':>7}{'parse ms':>10}{'peak KiB':>10}")
    for name, data in inputs():
        parse = lambda data=data, name=name: parse_bytes(data, name)  # noqa: E731
        parse()
        print(
            f"{name:<44}{len(data) / 1024:>7.1f}{median_ms(parse, runs):>10.2f}{peak_kib(parse):>10.0f}"
        )


if __name__ == "__main__":
    main()
