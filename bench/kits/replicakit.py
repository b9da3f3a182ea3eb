"""Bot processes as replicas behind a proxy: each `briefing-bot run` in webhook mode on a port of
its own, on one database (a PostgreSQL URL, or a SQLite path for one replica), and the fake Bot
API; updates are posted to whichever replica's webhook a test chooses. Used by the replica
tests and bench/replicas.py."""

from __future__ import annotations

import asyncio
import signal
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bench.kits.clikit import ADMIN, healthz, start_cli
from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEEDS
from bench.kits.report_copies import warm_cache
from bot.library.reports import ReportLibrary
from bot.push.schedule import Schedule
from bot.repositories import Stores

SECRET = "replica-secret"
LEASE = 2.0  # short, so a takeover comes within seconds


def replica_config(
    folder: Path, api: FakeBotApi, database: str, port: int, reports: Path = SEEDS, **raw: Any
) -> Path:
    """A replica's config file in `folder` (its own briefing cache); `raw` keys added, a
    `push` mapping merged into the push section."""
    push = {"rate_per_second": 200, "check_interval_seconds": 1, "lease_seconds": LEASE}
    raw = {
        "telegram": {"base_url": api.base_url, "mode": "webhook",
                     "webhook": {"listen": "127.0.0.1", "port": port}},
        "reports_dir": str(reports),
        "database": database,
        "cache_dir": str(warm_cache(folder)),
        "briefing_workers": 1,
        "admins": [ADMIN],
        **raw,
        "push": push | raw.get("push", {}),
    }  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


async def subscribe_all(database: str | Path, chats: range, reports: Path = SEEDS) -> None:
    """`chats` subscribed, due tomorrow (only /push_now sends them today), the reports in
    `reports` known to them (not news)."""
    library = ReportLibrary(reports)
    library.reload()
    known = [report.digest for report in library.reports]
    now = datetime.now(UTC)
    stores = Stores.at(database)
    await stores.open()
    try:
        for chat in chats:
            await stores.subscriptions.subscribe(chat, 0, Schedule(), "UTC",
                                                 now + timedelta(days=1), known, now)  # fmt: skip
    finally:
        await stores.close()


async def say(api: FakeBotApi, port: int, text: str, chat_id: int, timeout: float = 5.0) -> str:
    """Post `text` from `chat_id` to the replica's webhook and wait for the reply's text."""
    seen = len(api.calls)
    update = api.user_message(text, chat_id, chat_id)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as session:
        url = f"http://127.0.0.1:{port}/telegram"
        async with session.post(url, json=update, headers=headers) as response:
            assert response.status == 200
    call = await api.wait_for(
        lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id
        and c in api.calls[seen:], timeout
    )  # fmt: skip
    return str(call.params["text"])


async def until(condition: Any, what: str, seconds: float = 60) -> None:
    for _ in range(int(seconds * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


@dataclass(frozen=True)
class Replica:
    process: asyncio.subprocess.Process
    # What it logs, in its folder: a pipe nobody reads until the end would fill in a minute or
    # two of a replica's logging and stall it mid-write.
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


async def start_replicas(
    folder: Path, api: FakeBotApi, database: str, ports: list[int], **raw: Any
) -> list[Replica]:
    """One replica on each of `ports` (configs under `folder`), each answering /healthz."""
    env = {"TELEGRAM_WEBHOOK_SECRET": SECRET}
    configs = [replica_config(folder / f"r{n}", api, database, port, **raw)
               for n, port in enumerate(ports)]  # fmt: skip
    replicas = []
    for config in configs:
        log = config.parent / "replica.log"
        with log.open("wb") as out:  # the process has its own copy of the file
            process = await start_cli(config, "run", token=api.token, env=env,
                                      stdout=out, stderr=out)  # fmt: skip
        replicas.append(Replica(process, log))
    for port in ports:
        for _ in range(600):
            if await healthz(port) is not None:
                break
            await asyncio.sleep(0.1)
    return replicas


async def stop_replicas(replicas: list[Replica]) -> list[str]:
    """Stop the replicas (SIGTERM); return what each logged."""
    for replica in replicas:
        if replica.process.returncode is None:
            replica.process.send_signal(signal.SIGTERM)
    for replica in replicas:
        await asyncio.wait_for(replica.process.wait(), 60)
    return [replica.log.read_text(encoding="utf-8", errors="replace") for replica in replicas]
