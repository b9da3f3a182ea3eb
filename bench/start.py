"""Benchmark: the bot's cold start against a bare PTB echo bot, in the same run, on the seed.

With --reports N it serves N distinct corpus reports (bench/scale.py's copies) instead.
Each round starts the echo bot (bench/echo_bot.py), then this bot (`briefing-bot run` over the
seeds folder, its briefing cached as after a first start), each a subprocess polling its own
fake Bot API with a /start waiting, and reads:

- first reply: process start to the first sendMessage (the echo bot echoes /start)
- CPU by the first reply: the process's user + system seconds then, steadier than the wall
  time on a machine others share
- RSS at the first reply, and RSS after start (SETTLE seconds later, as bench/scale.py reads it)

Rounds alternate the two bots so that a busy moment on a shared machine hits both alike; the
bench prints the medians and this bot's ratios to the echo bot's (the target: ≤ 1.5× each). One
round's ratio swings by ±0.2 on a shared 2-core machine: 11 rounds by default keep the median
within a few hundredths of the next run's.
The project is byte-compiled first, as `pip install .` does in the image.

    /work/venv/bin/python bench/start.py [--rounds 11] [--reports 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.paths import ROOT, SEEDS  # noqa: E402
from bench.scale import SETTLE, compiled, make_reports, rss_mb, started, warm, write_config  # noqa: E402

TARGET = 1.5  # each figure's ratio to the echo bot's


@dataclass
class Start:
    first_reply_s: float
    cpu_first_s: float  # CPU seconds the process had used by its first reply
    rss_first_mb: float  # at the first reply
    rss_start_mb: float  # SETTLE seconds after it


async def start(command: list[str], folder: Path | None, reports: Path = SEEDS) -> Start:
    def configure(base_url: str) -> None:
        if folder is not None:
            write_config(folder, reports, base_url)

    async with started(command, configure) as (process, first):
        cpu, rss_first = cpu_seconds(process.pid), rss_mb(process.pid)
        await asyncio.sleep(SETTLE)
        return Start(first, cpu, rss_first, rss_mb(process.pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (/proc/PID/stat, after its name)."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def median(runs: list[Start]) -> Start:
    return Start(*(statistics.median(getattr(r, f.name) for r in runs) for f in fields(Start)))


async def main(rounds: int, copies: int) -> None:
    compiled()
    echo_bot = [sys.executable, str(ROOT / "bench" / "echo_bot.py")]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        reports = SEEDS
        if copies:
            reports = folder / "reports"
            make_reports(reports, copies)
        bot = [sys.executable, "-m", "bot.cli", "run", "--config", str(folder / "config.yaml")]
        write_config(folder, reports)
        warm(folder)  # as the image build does: every start then finds its briefings cached
        echo: list[Start] = []
        ours: list[Start] = []
        for _ in range(rounds):
            echo.append(await start(echo_bot, None))
            ours.append(await start(bot, folder, reports))
    a, b = median(echo), median(ours)
    served = f"{copies} distinct corpus reports" if copies else "the seed only"
    print(f"{served}, median of {rounds} rounds, load average {os.getloadavg()[0]:.1f}")
    print(f"{'':16}{'echo bot':>10}{'this bot':>10}{'ratio':>8}  target")
    for field in fields(Start):
        x, y = getattr(a, field.name), getattr(b, field.name)
        print(f"{field.name:16}{x:10.2f}{y:10.2f}{y / x:8.2f}  ≤ {TARGET}×")
    ratios = sorted(o.first_reply_s / e.first_reply_s for e, o in zip(echo, ours, strict=True))
    print("first reply ratio per round: " + " ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--reports", type=int, default=0, help="N distinct corpus reports")
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.reports))
