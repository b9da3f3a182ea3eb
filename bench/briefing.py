"""Benchmark: briefing a large report in the worker process, beside the seed report.

Builds a report of about --megabytes MB from a corpus report (its long paragraphs repeated,
so the outline stays) and puts it beside the seed, with an empty cache and the size limit
raised to fit. Then, in this process as the bot would: parse time; when the seed's briefing
is in (it must not wait for the large one); the large one's briefing time; the worker's peak
memory; the longest stall of this process's event loop meanwhile, against the same loop idle
beforehand; this process's memory and whether it imported jieba; and how long a stop takes
when it comes --stop-after seconds in.

    .venv/bin/python bench/briefing.py [--megabytes 5] [--stop-after 600]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this folder leads sys.path and would shadow the bot package's modules.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.paths import CORPUS, SEED  # noqa: E402
from bot.library.briefer import Briefer  # noqa: E402
from bot.library.reports import ReportLibrary  # noqa: E402

TICK = 0.01  # seconds the loop sleeps between lag samples


def rss_mb(pid: int | str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def build_folder(folder: Path, megabytes: float) -> int:
    """The seed and a large report in `folder`; returns the large file's size in bytes."""
    text = next(CORPUS.glob("*.txt")).read_text(encoding="utf-8")
    times = max(1, int(megabytes * 2**20 / len(text.encode())))
    lines = [line if len(line) < 60 else "\n".join([line] * times) for line in text.splitlines()]
    large = folder / "large.txt"
    large.write_text("\n".join(lines), encoding="utf-8")
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return large.stat().st_size


async def loop_lag(seconds: float) -> float:
    """The longest extra delay of a TICK sleep over `seconds`."""
    worst, end = 0.0, time.monotonic() + seconds
    while time.monotonic() < end:
        began = time.monotonic()
        await asyncio.sleep(TICK)
        worst = max(worst, time.monotonic() - began - TICK)
    return worst


def worker_rss(briefer: Briefer) -> float:
    pool = briefer._pool
    pids = list(pool._processes or {}) if pool is not None else []
    return max((rss_mb(pid) for pid in pids if Path(f"/proc/{pid}").exists()), default=0.0)


async def watch(briefer: Briefer, library: ReportLibrary, seed: str, until: float) -> dict:
    began, figures = time.monotonic(), {"lag": 0.0, "worker": 0.0, "seed": None}
    settled = asyncio.ensure_future(briefer.settled())
    while not settled.done() and time.monotonic() < until:
        figures["lag"] = max(figures["lag"], await loop_lag(0.2))
        figures["worker"] = max(figures["worker"], worker_rss(briefer))
        if figures["seed"] is None and any(r.source == seed for r in library.reports
                                           if library.briefing(r.digest)):  # fmt: skip
            figures["seed"] = time.monotonic() - began
    figures["done"] = time.monotonic() - began if settled.done() else None
    settled.cancel()
    return figures


async def main(megabytes: float, stop_after: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        size = build_folder(folder, megabytes)
        library = ReportLibrary(folder, Path(tmp) / "cache", max_bytes=size)
        began = time.monotonic()
        library.reload()
        parsed = time.monotonic() - began
        idle_lag = await loop_lag(1.0)
        briefer = Briefer(library)
        briefer.schedule(library.pending())
        seed = next(r.source for r in library.reports if r.source != "large.txt")
        figures = await watch(briefer, library, seed, time.monotonic() + stop_after)
        began = time.monotonic()
        await briefer.close()
        stop = time.monotonic() - began
    done = f"{figures['done']:.1f} s" if figures["done"] is not None else "not yet (stopped)"
    print(f"large report {size / 2**20:.1f} MB: parsed in {parsed:.1f} s, briefed in {done}")
    print(f"seed briefed after {figures['seed']:.1f} s (not held back by the large one)")
    print(f"worker peak RSS {figures['worker']:.0f} MB; bot process RSS {rss_mb('self'):.0f} MB, "
          f"jieba imported: {'jieba' in sys.modules}")  # fmt: skip
    print(f"event loop's longest stall {figures['lag'] * 1000:.0f} ms "
          f"(idle: {idle_lag * 1000:.0f} ms); stop took {stop:.2f} s")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--stop-after", type=float, default=600.0)
    args = parser.parse_args()
    asyncio.run(main(args.megabytes, args.stop_after))
