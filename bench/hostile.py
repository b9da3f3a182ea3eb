"""Benchmark: the bot while an admin /add-s hostile documents, against the same bot idle.

The bot runs as its own process (`python -m bot.cli run`) against the in-process Bot API
(bot/local/bot_api.py); a local site on 127.0.0.1 serves the hostile documents of
bench/kits/hostile_docs.py (zip bomb, broken XML, billion laughs, AES, Flate bomb, 200,000-entry
page tree) and a PDF within every limit that takes minutes to read. Another chat sends /start
one after another throughout. Printed: the bot process's RSS (peak, sampled every 20 ms) and
/start's p50/p99 latency, idle and while the documents are added, their ratio, and what /add
answered for each document.

    /work/venv/bin/python bench/hostile.py [--pings 200] [--rounds 2]
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

import yaml
from aiohttp import web

# Run as a script: the project root must be importable (bench/ imports nothing of tests/).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.kits.hostile_docs import HOSTILE, slow_pdf  # noqa: E402
from bot.local.bot_api import LocalBotApi  # noqa: E402

ADMIN, PINGER = 9001, 9002
TIMEOUT = 120.0
TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}  # fmt: skip


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def serve_documents(documents: dict[str, bytes]) -> tuple[web.AppRunner, int]:
    async def handle(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in documents:
            raise web.HTTPNotFound()
        kind = TYPES[name.rsplit(".", 1)[1]]
        return web.Response(body=documents[name], headers={"Content-Type": kind})

    app = web.Application()
    app.router.add_get("/files/{name}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


async def reply(api: LocalBotApi, text: str, chat: int) -> tuple[str, float]:
    """Send `text` from `chat`; the bot's first message back and how long it took."""
    seen = len(api.calls)
    began = time.monotonic()
    api.user_message(text, chat_id=chat, user_id=chat)
    while True:  # bounded: wait_calls times out
        for call in api.calls[seen:]:
            if call.method == "sendMessage" and int(call.params["chat_id"]) == chat:
                return str(call.params["text"]), time.monotonic() - began
        await asyncio.wait_for(api.wait_calls(len(api.calls)), TIMEOUT)


class Sampler:
    """The bot process's peak RSS, sampled every 20 ms while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._on = pid, 0.0, True
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while self._on:
            self.peak = max(self.peak, rss_mb(self.pid))
            await asyncio.sleep(0.02)

    async def stop(self) -> float:
        self._on = False
        await self._task
        return self.peak


async def pings(api: LocalBotApi, count: int | None, until: asyncio.Event | None) -> list[float]:
    """/start latencies from another chat: `count` of them, or until `until` is set."""
    took: list[float] = []
    while (count is None or len(took) < count) and not (until and until.is_set()):
        _, seconds = await reply(api, "/start", PINGER)
        took.append(seconds)
    return took


def quantiles(took: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(took, n=100, method="inclusive")
    return statistics.median(took) * 1000, cuts[98] * 1000


def write_config(folder: Path, api: LocalBotApi) -> Path:
    reports = folder / "reports"
    reports.mkdir()
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, reports / seed.name)
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config["telegram"]["base_url"] = api.base_url
    config.update(reports_dir=str(reports), database=str(folder / "db.sqlite3"),
                  cache_dir=str(folder / "cache"), http={"listen": "127.0.0.1", "port": 0},
                  admins=[ADMIN], fetching={"host_interval_seconds": 0.01})  # fmt: skip
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


async def main(count: int, rounds: int) -> None:
    documents = {file: make() for make, file in HOSTILE.values()} | {"slow.pdf": slow_pdf()}
    site, port = await serve_documents(documents)
    api = LocalBotApi()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        config = write_config(Path(folder), api)
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config), cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            await reply(api, "/start", PINGER)  # started
            await asyncio.sleep(5.0)  # the seed briefed (in its worker), the bot settled
            sampler = Sampler(process.pid)
            idle = await pings(api, count, None)
            idle_rss = await sampler.stop()

            sampler = Sampler(process.pid)
            done = asyncio.Event()
            pinging = asyncio.create_task(pings(api, None, done))
            answers: dict[str, list[tuple[str, float]]] = {name: [] for name in documents}
            for _ in range(rounds):
                for name in documents:
                    url = f"http://127.0.0.1:{port}/files/{name}"
                    answers[name].append(await reply(api, f"/add {url}", ADMIN))
            done.set()
            hostile = await pinging
            hostile_rss = await sampler.stop()
        finally:
            process.terminate()
            await asyncio.wait_for(process.wait(), TIMEOUT)
            await api.stop()
            await site.cleanup()
    (idle50, idle99), (bad50, bad99) = quantiles(idle), quantiles(hostile)
    print(f"{'':22}{'idle':>10}{'hostile':>10}{'ratio':>8}")
    print(
        f"{'bot RSS peak (MB)':22}{idle_rss:10.0f}{hostile_rss:10.0f}{hostile_rss / idle_rss:8.2f}"
    )
    print(f"{'/start p50 (ms)':22}{idle50:10.1f}{bad50:10.1f}{bad50 / idle50:8.2f}")
    print(f"{'/start p99 (ms)':22}{idle99:10.1f}{bad99:10.1f}{bad99 / idle99:8.2f}")
    print(f"{'/start pings':22}{len(idle):10d}{len(hostile):10d}")
    print("\n/add answers (seconds to answer, the answer):")
    for name, replies in answers.items():
        seconds = max(took for _, took in replies)
        print(f"  {name:12} {seconds:5.1f} s  {replies[-1][0][:110]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pings", type=int, default=200, help="/start pings while idle")
    parser.add_argument("--rounds", type=int, default=2, help="times each document is added")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.pings, arguments.rounds))
