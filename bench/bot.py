"""Benchmark: this bot against a bare PTB echo bot, both polling the same FakeBotApi.

For each bot, run as a subprocess: cold start (process start to the first reply), replies per
second for a burst of 1,000 /summary and /metrics updates, and resident memory once idle after
the burst. Prints the figures and this bot's ratios to the echo bot's.

    .venv/bin/python bench/bot.py [--burst 1000] [--rounds 3] [--cold] [--reports N]

--cold starts every round with an empty report cache, as a first start does: the report is
briefed by the worker process while the bot answers (its memory is not the bot's).
--reports N serves N distinct copies of the first report (bench/kits/report_copies.py), their
briefings cached, instead of the seeds folder: a large library's start-up and memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

# Run as a script, this folder leads sys.path and this file's name would shadow the bot package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.fault_api import FakeBotApi  # noqa: E402
from bench.kits.paths import ROOT, SEEDS  # noqa: E402
from bench.kits.report_copies import write_copies  # noqa: E402

TIMEOUT = 120.0  # seconds any one phase may take
MAX_COPIES = 2000
TARGETS = {"cold_start_s": ("≤", 2.0), "replies_per_s": ("≥", 0.8), "idle_rss_mb": ("≤", 2.0)}


@dataclass
class Figures:
    cold_start_s: float
    replies_per_s: float
    idle_rss_mb: float


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def replies(api: FakeBotApi, count: int) -> None:
    """Wait until the bot has sent `count` messages in all."""
    await api.wait_for(lambda _: len(api.sent("sendMessage")) >= count, timeout=TIMEOUT)


Launcher = Callable[[FakeBotApi], list[str]]  # the command line for a bot using this API


async def measure(launch: Launcher, burst: int) -> Figures:
    api = FakeBotApi()
    await api.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "BENCH_BASE_URL": api.base_url}
    api.user_message("/summary")
    began = time.monotonic()
    process = await asyncio.create_subprocess_exec(*launch(api), env=env, cwd=ROOT,
                                                   stdout=asyncio.subprocess.DEVNULL)  # fmt: skip
    try:
        await replies(api, 1)
        cold = time.monotonic() - began
        burst_began = time.monotonic()
        for n in range(burst):
            api.user_message("/summary" if n % 2 else "/metrics", chat_id=2000 + n % 50)
        await replies(api, 1 + burst)
        rate = burst / (time.monotonic() - burst_began)
        await asyncio.sleep(1.0)  # let the process settle before reading its memory
        return Figures(cold, rate, rss_mb(process.pid))
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), TIMEOUT)
        await api.stop()


def echo_bot(api: FakeBotApi) -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "echo_bot.py")]


def this_bot(folder: Path, reports: Path = SEEDS) -> Launcher:
    def launch(api: FakeBotApi) -> list[str]:
        config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
        config["telegram"]["base_url"] = api.base_url
        config.update(reports_dir=str(reports), database=str(folder / "db.sqlite3"),
                      cache_dir=str(folder / "cache"), http={"listen": "127.0.0.1", "port": 0})  # fmt: skip
        path = folder / "config.yaml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return [sys.executable, "-m", "bot.cli", "run", "--config", str(path)]

    return launch


def table(echo: Figures, ours: Figures) -> str:
    lines = [f"{'':16}{'echo bot':>10}{'this bot':>10}{'ratio':>8}  target"]
    for name, (sign, bound) in TARGETS.items():
        a, b = getattr(echo, name), getattr(ours, name)
        met = b / a <= bound if sign == "≤" else b / a >= bound
        verdict = "ok" if met else "MISSED"
        lines.append(f"{name:16}{a:10.2f}{b:10.2f}{b / a:8.2f}  {sign} {bound}× {verdict}")
    return "\n".join(lines)


def median(runs: list[Figures]) -> Figures:
    return Figures(*(statistics.median(getattr(r, f.name) for r in runs) for f in fields(Figures)))


async def warm_cache(folder: Path) -> None:
    warm = [sys.executable, "-c", "import sys; from briefings.derive import brief; "
            "from briefings.folder import load_folder; "
            "[brief(r, sys.argv[2]) for r in load_folder(sys.argv[1]).reports]", str(SEEDS),
            str(folder / "cache")]  # fmt: skip
    await (await asyncio.create_subprocess_exec(*warm, cwd=ROOT)).wait()


async def main(burst: int, rounds: int, cold: bool, copies: int) -> None:
    echo_runs: list[Figures] = []
    our_runs: list[Figures] = []
    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder) / "reports" if copies else SEEDS
        # Production state: caches built once (image build, or the first start); every round
        # then starts from a warm cache, as a restarted bot does.
        if copies:
            reports.mkdir()
            write_copies(reports, Path(folder) / "cache", min(copies, MAX_COPIES))
        elif not cold:
            await warm_cache(Path(folder))
        for _ in range(rounds):  # alternating, so a busy moment hits both bots alike
            if cold:
                shutil.rmtree(Path(folder) / "cache", ignore_errors=True)
            echo_runs.append(await measure(echo_bot, burst))
            our_runs.append(await measure(this_bot(Path(folder), reports), burst))
    served = f"{copies} reports" if copies else "the seed report"
    print(f"burst of {burst} updates (/summary and /metrics), each bot a subprocess, "
          f"median of {rounds} rounds, {served}, caches {'cold' if cold else 'warm'}")  # fmt: skip
    print(table(median(echo_runs), median(our_runs)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="an empty report cache each round")
    parser.add_argument("--reports", type=int, default=0, help="serve N copies of the seed")
    args = parser.parse_args()
    asyncio.run(main(args.burst, args.rounds, args.cold, args.reports))
