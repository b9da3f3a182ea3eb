"""Reply latency while the bot ingests 50 reports from a government site, against a baseline.

The fake Bot API and the local government site run in their own process (so their work does
not count against the bot). Users send /help at a steady rate; each reply is timed from the
moment the fake Telegram received the message to the moment it received the reply (p50/p99).

  baseline:  the bot running with no source, nothing to ingest, for --seconds;
  ingesting: the bot started with one index source whose pages link 50 reports (the shared
             corpus and the seed as article pages; synthetic reports where the corpus is
             absent), fetched with no pause between requests (the worst case: the default
             etiquette waits 1 s per request to a host), written to reports_dir, picked up by
             the folder watcher, briefed in the worker process (cold cache: jieba) and
             announced; measured from start-up until the last report is briefed.

    .venv/bin/python bench/ingest.py [--reports 50] [--rate 10] [--seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sources import fill, report_texts  # noqa: E402

from bench.kits.fault_api import FakeBotApi  # noqa: E402
from bench.kits.gov_site import GovSite  # noqa: E402
from bench.kits.paths import SEEDS  # noqa: E402
from bot.app import build_application, running  # noqa: E402
from bot.config import Config, parse_config  # noqa: E402
from bot.local.bot_api import ok  # noqa: E402
from bot.state import state_of  # noqa: E402

USERS_BASE = 10_000_000  # chat ids of the users who send /help
LONGEST = 600.0  # seconds any phase may take


class ChatterApi(FakeBotApi):
    """The fake Bot API plus: users send /help at a rate until told to stop; their reply times."""

    def __init__(self) -> None:
        super().__init__()
        self.said: dict[int, float] = {}
        self._chatter: asyncio.Task[None] | None = None
        self._next = USERS_BASE

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_post("/bench/chatter", self._start)
        app.router.add_post("/bench/stop", self._stop)
        return app

    async def _start(self, request: web.Request) -> web.Response:
        self.said.clear()
        self._chatter = asyncio.create_task(self._chat(float(await request.text())))
        return ok(True)

    async def _chat(self, rate: float) -> None:
        began = time.monotonic()
        for i in range(int(rate * LONGEST)):  # bounded; stopped by /bench/stop
            await asyncio.sleep(max(began + i / rate - time.monotonic(), 0.0))
            self._next += 1
            self.said[self._next] = time.monotonic()
            self.user_message("/help", chat_id=self._next, user_id=self._next)

    async def _stop(self, request: web.Request) -> web.Response:
        if self._chatter is not None:
            self._chatter.cancel()
        await asyncio.sleep(1.0)  # the last messages' replies
        answered: dict[int, float] = {}
        for call in self.sent("sendMessage"):
            chat = int(call.params["chat_id"])
            if chat in self.said and chat not in answered:
                answered[chat] = call.at - self.said[chat]
        return ok([answered.get(chat) for chat in self.said])


def serve(pipe: Any, count: int) -> None:
    async def main() -> None:
        api, site = ChatterApi(), GovSite()
        await api.start()
        await site.start()
        fill(site, report_texts(count))
        pipe.send((api.port, site.port))
        await asyncio.Event().wait()

    asyncio.run(main())


def bench_config(folder: Path, api_port: int, sources: list[dict[str, Any]]) -> Config:
    reports = folder / "reports"
    reports.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), reports / "seed.txt")
    raw = {
        "telegram": {"base_url": f"http://127.0.0.1:{api_port}/bot"},
        "reports_dir": str(reports),
        "database": str(folder / "bot.sqlite3"),
        "cache_dir": str(folder / "cache"),
        "push": {"check_interval_seconds": 3600},
        "sources": sources,
        "fetching": {"host_interval_seconds": 0.001, "timeout_seconds": 30},
    }
    return parse_config(raw, folder, {"TELEGRAM_BOT_TOKEN": FakeBotApi().token})


async def ingested(app: Any, count: int) -> float:
    """Seconds until `count` reports beside the seed are loaded and briefed."""
    began = time.monotonic()
    state = state_of(app)
    for _ in range(int(LONGEST * 10)):
        library = state.library
        if len(library.reports) > count and not library.pending():
            return time.monotonic() - began
        await asyncio.sleep(0.1)
    raise RuntimeError(f"only {len(state.library.reports) - 1} of {count} reports came in")


async def phase(ports: tuple[int, int], count: int, rate: float, seconds: float | None) -> Any:
    """Reply latencies while the bot idles `seconds`, or (None) ingests `count` reports."""
    api_port, site_port = ports
    site = f"http://127.0.0.1:{site_port}"
    sources = [] if seconds else [{"name": "bench", "index": f"{site}/list/0.html",
                                   "pattern": "报告", "max_pages": 10}]  # fmt: skip
    bench = f"http://127.0.0.1:{api_port}/bench"
    with tempfile.TemporaryDirectory() as folder:
        app = build_application(bench_config(Path(folder), api_port, sources))
        async with ClientSession() as http:
            began = time.monotonic()
            async with running(app, poll_timeout=1):
                if seconds:
                    await state_of(app).briefer.settled()
                    await http.post(f"{bench}/chatter", data=str(rate))
                    await asyncio.sleep(seconds)
                    took = seconds
                else:
                    await http.post(f"{bench}/chatter", data=str(rate))
                    took = await ingested(app, count)
                async with http.post(f"{bench}/stop") as response:
                    latencies = (await response.json())["result"]
            return latencies, took, time.monotonic() - began


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(latencies: list[float | None]) -> tuple[int, int, float, float, float]:
    answered = [value for value in latencies if value is not None]
    if not answered:
        return 0, len(latencies), float("nan"), float("nan"), float("nan")
    p50, p99 = percentile(answered, 0.5), percentile(answered, 0.99)
    return len(answered), len(latencies), p50, p99, max(answered)


def line(name: str, latencies: list[float | None]) -> str:
    answered, asked, p50, p99, most = figures(latencies)
    return (f"{name}: /help answered {answered} of {asked}, latency p50 {p50 * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, max {most * 1000:.1f} ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--rate", type=float, default=10.0, help="/help messages a second")
    parser.add_argument("--seconds", type=float, default=15.0, help="the baseline's length")
    args = parser.parse_args()
    count = max(1, min(args.reports, 500))
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(child, count), daemon=True)
    server.start()
    try:
        ports = parent.recv()
        base, _, _ = asyncio.run(phase(ports, count, args.rate, args.seconds))
        during, took, _ = asyncio.run(phase(ports, count, args.rate, None))
    finally:
        server.terminate()
        server.join()
    print(f"ingest: {count} reports fetched, written, loaded and briefed in {took:.1f} s "
          f"({took / count:.2f} s each), /help at {args.rate:g}/s throughout")  # fmt: skip
    print(line("baseline ", base))
    print(line("ingesting", during))
    _, _, p50, p99, _ = figures(base)
    _, _, q50, q99, _ = figures(during)
    print(f"ratios ingesting/baseline: p50 {q50 / p50:.2f}, p99 {q99 / p99:.2f}; "
          f"p99 during ingestion {q99 * 1000:.1f} ms (target < 100 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
