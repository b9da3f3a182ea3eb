"""/start latency while the bot polls hostile sources, against the same bot idle, in one run.

The bot runs as it is deployed, its own process (`briefing-bot run`), on an in-process local
Bot API (bot/local/bot_api.py) and a local site that serves a feed of 10,000 entries and an index
page of 150,000 .pdf links (8.9 MB), every linked document missing. Round one: no sources, the
bot idle. Round two: both sources, their listings held back until the bot has started and
answered five /start, then /start asked the same way from the moment they are served until
the bot has read both and follows their links, and `--after` seconds longer. Printed:
/start p50/p99/max for each round, their ratio, and the bot's peak resident memory.

    .venv/bin/python bench/hostile_sources.py [--asks 200] [--after 10] [--limit 300]
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
from pathlib import Path
from typing import Any

import yaml
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.local.bot_api import LocalBotApi  # noqa: E402

FEED_ENTRIES = 10_000
PAGE_LINKS = 150_000
ASKER = 4242
TIMEOUT = 120.0


class HostileSite:
    """The two big listings; any other path is a 404. Counts what was asked."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.gate = asyncio.Event()  # the listings are served once it is set
        self.port = 0
        self._runner: web.AppRunner | None = None
        base = "http://127.0.0.1:{port}"
        self._feed = "".join(
            f"<item><title>关于第{n}区2021年度法治政府建设工作的报告</title>"
            f"<link>{base}/missing/{n}.html</link></item>"
            for n in range(FEED_ENTRIES)
        )
        self._page = "".join(
            f'<li><a href="/files/{n}.pdf">附件{n}.pdf</a></li>' for n in range(PAGE_LINKS)
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def asked(self, prefix: str) -> int:
        return sum(count for path, count in self.hits.items() if path.startswith(prefix))

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        feed = self._feed.replace("{port}", str(self.port))
        self.feed = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                     f"<title>政务公开</title><link>{self.url('/')}</link>{feed}</channel></rss>"
                     ).encode()  # fmt: skip
        self.page = (f'<html><head><meta charset="utf-8"></head><body><ul>{self._page}</ul>'
                     "</body></html>").encode()  # fmt: skip

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        self.hits[request.path] = self.hits.get(request.path, 0) + 1
        if request.path in {"/feed.xml", "/page.html"}:
            await self.gate.wait()
        if request.path == "/feed.xml":
            return web.Response(body=self.feed, content_type="application/rss+xml")
        if request.path == "/page.html":
            return web.Response(body=self.page, content_type="text/html", charset="utf-8")
        raise web.HTTPNotFound()


def write_config(folder: Path, api: LocalBotApi, sources: list[dict[str, Any]]) -> Path:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["telegram"]["base_url"] = api.base_url
    reports = folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "seeds" / next(p.name for p in (ROOT / "seeds").glob("*.txt")), reports)
    config.update(reports_dir=str(reports), database=str(folder / "db.sqlite3"),
                  cache_dir=str(folder / "cache"), http={"listen": "127.0.0.1", "port": 0},
                  sources=sources)  # fmt: skip
    config["fetching"]["host_interval_seconds"] = 0.05
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


async def start_reply(api: LocalBotApi) -> float:
    """Seconds from a /start sent to the bot's reply."""
    seen = len(api.calls)
    began = time.perf_counter()
    api.user_message("/start", ASKER, ASKER)
    while not any(c.method == "sendMessage" and int(c.params["chat_id"]) == ASKER
                  for c in api.calls[seen:]):  # fmt: skip
        await asyncio.wait_for(api.wait_calls(len(api.calls)), TIMEOUT)
    return time.perf_counter() - began


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def one_round(
    folder: Path, site: HostileSite, hostile: bool, asks: int, after: float, limit: float
) -> tuple[list[float], float]:
    api = LocalBotApi()
    await api.start()
    sources = [{"name": "巨型订阅源", "feed": site.url("/feed.xml")},
               {"name": "巨型栏目页", "index": site.url("/page.html"), "pattern": r"\.pdf"}]  # fmt: skip
    config = write_config(folder, api, sources if hostile else [])
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--config", str(config), env=env, cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await start_reply(api)  # started
        for _ in range(5):  # warmed up
            await start_reply(api)
        took: list[float] = []
        if hostile:  # from the listings served until both are read and followed, and then some
            site.gate.set()
            end: float | None = None
            give_up = time.monotonic() + limit  # a bot that never reads both still gets a line
            while (end is None or time.monotonic() < end) and time.monotonic() < give_up:
                took.append(await start_reply(api))
                if end is None and site.asked("/missing/") and site.asked("/files/"):
                    end = time.monotonic() + after
                await asyncio.sleep(0.02)
        else:
            for _ in range(asks):
                took.append(await start_reply(api))
                await asyncio.sleep(0.02)
        return took, peak_rss_mb(process.pid)
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), TIMEOUT)
        await api.stop()


def line(name: str, took: list[float], rss: float) -> str:
    ordered = sorted(took)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{name}: /start n={len(took)} p50 {statistics.median(took) * 1000:.0f} ms, "
            f"p99 {p99 * 1000:.0f} ms, max {max(took) * 1000:.0f} ms; bot peak RSS {rss:.0f} MB")  # fmt: skip


async def main(asks: int, after: float, limit: float) -> None:
    site = HostileSite()
    await site.start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            idle, idle_rss = await one_round(Path(folder) / "idle", site, False, asks, after, limit)
            busy, busy_rss = await one_round(
                Path(folder) / "hostile", site, True, asks, after, limit
            )
    finally:
        await site.stop()
    print(f"sources: a feed of {FEED_ENTRIES:,} entries and a page of {PAGE_LINKS:,} .pdf links "
          f"({len(site.page) / 1e6:.1f} MB); links followed: feed {site.asked('/missing/')}, "
          f"page {site.asked('/files/')}")  # fmt: skip
    print(line("idle   ", idle, idle_rss))
    print(line("hostile", busy, busy_rss))
    for name, pick in (
        ("p50", statistics.median),
        ("p99", lambda t: sorted(t)[int(len(t) * 0.99)]),
    ):
        print(f"{name} ratio hostile/idle: {pick(busy) / pick(idle):.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asks", type=int, default=200, help="/start asked in the idle round")
    parser.add_argument("--after", type=float, default=10.0,
                        help="seconds asked on once both listings are read")  # fmt: skip
    parser.add_argument("--limit", type=float, default=300.0,
                        help="seconds the hostile round lasts at most")  # fmt: skip
    args = parser.parse_args()
    asyncio.run(main(max(10, args.asks), max(0.0, args.after), max(1.0, args.limit)))
