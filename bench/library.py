"""Benchmark: start-up of the report library with many reports and warm caches.

Builds N distinct copies of the first report with cached briefings (bench/kits/report_copies.py),
then, each in a fresh interpreter, starts the library as the bot does and prints the time from
the folder's read to every report briefed, and the process's RSS then:

- before: every report parsed and every cached briefing read and held (the bot before #15),
- first: no catalogue yet: every report parsed, each cache file's header checked only,
- after: the catalogue read, nothing parsed; a report is parsed and its briefing read when
  asked for, at most KEPT of each held.

    .venv/bin/python bench/library.py [--reports 300]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.report_copies import write_copies  # noqa: E402
from briefings.load import SourceText  # noqa: E402
from briefings.model import Report  # noqa: E402

MAX_REPORTS = 2000
TIMEOUT = 600


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def parse_each_cold() -> None:
    """Every parse starts with fold's process-wide cache (briefings/text.py) empty: the copies
    share all their lines, and each would otherwise find the first copy's lines folded, which
    distinct reports never do."""
    import briefings.parse
    from briefings.text import fold

    parse_source = briefings.parse.parse_source

    def cold(source: SourceText) -> Report:
        fold.cache_clear()
        return parse_source(source)

    briefings.parse.parse_source = cold  # parse_file and parse_bytes look it up at each call


async def start(folder: Path, cache_dir: Path, mode: str) -> tuple[float, float, float]:
    from bot.library.briefer import Briefer
    from bot.library.reports import KEPT, ReportLibrary
    from briefings.catalogue import CATALOGUE_FILE

    if mode != "after":
        (cache_dir / CATALOGUE_FILE).unlink(missing_ok=True)
    eager = mode == "before"
    began = time.perf_counter()
    library = ReportLibrary(folder, cache_dir, kept=MAX_REPORTS if eager else KEPT)
    library.reload()
    loaded = time.perf_counter()
    briefer = Briefer(library)
    briefer.schedule(library.pending())
    await briefer.settled()
    if eager:
        for report in library.reports:
            library.report(report.digest)
            library.briefing(report.digest)
    done = time.perf_counter()
    await briefer.close()
    return loaded - began, done - began, rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args()
    count = min(args.reports, MAX_REPORTS)
    with tempfile.TemporaryDirectory() as root:
        folder, cache_dir = Path(root) / "reports", Path(root) / "cache"
        folder.mkdir()
        write_copies(folder, cache_dir, count)
        results = {}
        for mode in ("before", "first", "after"):
            command = [sys.executable, __file__, "--run", mode, str(folder), str(cache_dir)]
            out = subprocess.run(command, capture_output=True, text=True, check=True,
                                 timeout=TIMEOUT).stdout  # fmt: skip
            results[mode] = tuple(map(float, out.split()))
    print(f"{count} reports, warm caches: listed s, all briefed s, RSS MB")
    for mode, (parse, briefed, rss) in results.items():
        print(f"  {mode:<6} {parse:>7.2f} {briefed:>9.2f} {rss:>8.0f}")
    before, after = results["before"], results["after"]
    print(f"after/before: start-up {after[1] / before[1]:.2f}, RSS {after[2] / before[2]:.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        mode, folder, cache_dir = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
        parse_each_cold()
        print(*asyncio.run(start(folder, cache_dir, mode)))
    else:
        main()
