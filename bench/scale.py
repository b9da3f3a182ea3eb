"""Benchmark: the bot with N reports (N = 1, 100; 1000 with --full) against a bare PTB echo bot.

N distinct reports are copies of the corpus reports (../shared/corpus and its more/), each with
a line of its own appended, in a temporary folder. Their caches (briefings and the search index)
are warmed by `briefing-bot warm`, as an image build does. Then, for each N, each bot runs as a
subprocess polling the same fake Bot API, and the bench prints:

- first reply: process start to the answer of the first update (/help; the echo bot echoes it)
- RSS after start (at the first reply), and once the reports' briefings are read in
- cross-report /search reply latency p50/p95 (the echo bot: its echo's latency)
- /compare latency, when this tree has /compare (skipped otherwise, and said so)

each with its ratio to the echo bot's, and the #15 targets at 1000 reports.

    .venv/bin/python bench/scale.py            # --quick: N = 1 and 100 (a few minutes)
    .venv/bin/python bench/scale.py --full     # N = 1, 100 and 1000 (warming 1000: ~20 min)
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.fault_api import FakeBotApi  # noqa: E402
from tests.paths import ROOT, corpus_files  # noqa: E402

TIMEOUT = 300.0  # seconds any one phase may take
SETTLE = 1.0  # seconds after the first reply before RSS is read
QUERIES = (
    "营商环境", "法治政府", "低空经济", "乡村振兴", "地区生产总值", "GDP", "人工智能",
    "新质生产力", "行政复议", "就业", "教育", "医疗", "住房", "税", "科技创新", "城市更新",
    "数字政府", "养老服务", "安全生产", "生态环境保护 碳达峰",
)  # fmt: skip
ROUNDS = 3  # each query this many times
TARGETS_1000 = {"first_reply_s": 1.5, "rss_start_mb": 150.0, "search_p95_ms": 50.0}


@dataclass
class Run:
    first_reply_s: float
    rss_start_mb: float
    rss_settled_mb: float
    search_p50_ms: float
    search_p95_ms: float


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def make_reports(folder: Path, n: int) -> None:
    """`n` distinct reports in `folder`: the corpus's in turn, each with its own last line."""
    sources = corpus_files()
    if not sources:
        raise SystemExit("no corpus at ../shared/corpus: nothing to scale")
    folder.mkdir(parents=True)
    for i in range(n):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        (folder / f"{i:04d}_{source.name}").write_text(
            f"{text.rstrip()}\n（本文件为第{i}号副本。）\n", encoding="utf-8"
        )


def write_config(folder: Path, reports: Path, base_url: str = "http://127.0.0.1:9/bot") -> Path:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["telegram"]["base_url"] = base_url
    config.update(reports_dir=str(reports), database=str(folder / "db.sqlite3"),
                  cache_dir=str(folder / "cache"), http={"listen": "127.0.0.1", "port": 0})  # fmt: skip
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def warm(folder: Path) -> float:
    began = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "warm", "--config", str(folder / "config.yaml")],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL, timeout=7200,
    )  # fmt: skip
    return time.monotonic() - began


async def reply_ms(api: FakeBotApi, text: str) -> float:
    """Milliseconds from an update to the bot's first message in answer."""
    before = len(api.sent("sendMessage"))
    began = time.monotonic()
    api.user_message(text)
    await api.wait_for(lambda _: len(api.sent("sendMessage")) > before, timeout=TIMEOUT)
    return (time.monotonic() - began) * 1000


async def settled(log: Path, process: asyncio.subprocess.Process) -> None:
    """Until the bot logs that its reports are briefed (the echo bot has none)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and process.returncode is None:
        if "briefed" in log.read_text(encoding="utf-8", errors="replace"):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the bot did not finish reading its briefings")


async def measure(command: list[str], folder: Path, search: bool) -> Run:
    api = FakeBotApi()
    await api.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "BENCH_BASE_URL": api.base_url}
    if search:
        write_config(folder, folder / "reports", api.base_url)
    log = folder / f"log-{time.monotonic_ns()}.txt"
    api.user_message("/help")
    began = time.monotonic()
    with log.open("w") as err:
        process = await asyncio.create_subprocess_exec(
            *command, env=env, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=err
        )
    try:
        await api.wait_for(lambda c: c.method == "sendMessage", timeout=TIMEOUT)
        first = time.monotonic() - began
        await asyncio.sleep(SETTLE)
        rss_start = rss_mb(process.pid)
        if search:
            await settled(log, process)
        rss_settled = rss_mb(process.pid)
        texts = [f"/search {q}" if search else q for q in QUERIES] * ROUNDS
        times = [await reply_ms(api, text) for text in texts]
        return Run(first, rss_start, rss_settled, statistics.median(times), percentile(times, 0.95))
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), TIMEOUT)
        await api.stop()


def has_compare() -> bool:
    from bot.commands import COMMANDS

    return any(command.name == "compare" for command in COMMANDS)


def table(n: int, echo: Run, ours: Run) -> str:
    lines = [f"N = {n}: {'':12}{'echo bot':>10}{'this bot':>10}{'ratio':>8}  target at 1000"]
    for name in Run.__dataclass_fields__:
        a, b = getattr(echo, name), getattr(ours, name)
        target = TARGETS_1000.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≤ {target:g}" + (
                f" {'ok' if b <= target else 'MISSED'}" if n >= 1000 else ""
            )
        lines.append(f"  {name:22}{a:10.2f}{b:10.2f}{b / a:8.2f}  {verdict}")
    return "\n".join(lines)


async def main(sizes: list[int]) -> None:
    compare = has_compare()
    with tempfile.TemporaryDirectory() as temporary:
        for n in sizes:
            folder = Path(temporary) / f"n{n}"
            make_reports(folder / "reports", n)
            write_config(folder, folder / "reports")
            warmed = warm(folder)
            echo = await measure(
                [sys.executable, str(ROOT / "bench" / "echo_bot.py")], folder, False
            )
            ours = await measure(
                [sys.executable, "-m", "bot.cli", "run", "--config", str(folder / "config.yaml")],
                folder, True,
            )  # fmt: skip
            index = folder / "cache" / "search.sqlite3"
            size = index.stat().st_size / 2**20 if index.exists() else 0.0
            print(f"N = {n}: warm {warmed:.0f} s, search index {size:.1f} MB")
            print(table(n, echo, ours))
            if not compare:
                print("  /compare: skipped (not in this tree)")
            print(flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also N = 1000 (long: warming)")
    parser.add_argument("--reports", type=int, nargs="+", help="the N to run, instead")
    args = parser.parse_args()
    asyncio.run(main(args.reports or ([1, 100, 1000] if args.full else [1, 100])))
