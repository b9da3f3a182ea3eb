"""kill -9 at random points of a push, then restart: the database intact, no subscription lost,
every subscriber served exactly once. KILL_SEED seeds where the pusher is killed."""

from __future__ import annotations

import asyncio
import os
import random
import signal
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.kits.clikit import start_cli
from bench.kits.fault_api import DropConnection, FakeBotApi
from bench.kits.paths import SEEDS
from bench.kits.report_copies import warm_cache
from bot.cli import main
from bot.config import load_config
from bot.library.reports import ReportLibrary
from bot.push.schedule import Frequency, Schedule
from bot.push.store import Store
from tests.kits.push_fixtures import rows, subscription_rows, value

KILL_SEED = int(os.environ.get("KILL_SEED", "11"))
KILLS = 4
CHATS = range(20_001, 20_301)
SENT = "sendMessage"


# -- kill -9 at random points of a push ------------------------------------------------------
LEASE = 1.0  # PostgreSQL's push lease: a killed pusher's passes to the next this soon


def _write_config(folder: Path, api: FakeBotApi, database: Path | str) -> Path:
    raw = {
        "telegram": {"base_url": api.base_url},
        "reports_dir": str(SEEDS),
        "database": str(database),
        "cache_dir": str(warm_cache(folder)),  # the kills come at sends, after briefing
        "push": {"rate_per_second": 300, "max_attempts": 3, "lease_seconds": LEASE},
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


async def _subscribe_all(config_path: Path, rng: random.Random) -> None:
    config = load_config(config_path, env={})
    library = ReportLibrary(config.reports_dir)
    library.reload()
    known = [report.digest for report in library.reports]
    store = await Store.open(config.database)
    now = datetime.now(UTC)
    later = now.replace(year=now.year + 1)
    for chat in CHATS:
        schedule = Schedule(frequency=rng.choice((Frequency.DAILY, Frequency.WORKDAYS)))
        await store.subscribe(chat, 0, schedule, rng.choice(("Asia/Shanghai", "UTC")), later,
                              known, now)  # fmt: skip
    await store.close()


def _sent_rows(database: Path | str) -> int:
    return value(database, "SELECT count(*) FROM deliveries WHERE state = 'sent'")


class Killer:
    """Kills the pusher on its `at`-th send: from then on sends are held and never answered (nor
    recorded), the pusher is given time to commit every answer it has had, then it goes on
    claiming more for a random few milliseconds, and gets SIGKILL in the middle of that."""

    def __init__(self, api: FakeBotApi, database: Path | str, rng: random.Random) -> None:
        self.api, self.database, self.rng = api, database, rng
        self.process: asyncio.subprocess.Process | None = None
        self.at: int | None = None
        self.sends = 0
        self.killed = asyncio.Event()

    def arm(self, process: asyncio.subprocess.Process, at: int | None) -> None:
        self.process, self.at, self.sends = process, at, 0
        self.killed.clear()

    async def __call__(self, method: str, params: dict[str, Any]) -> None:
        if method != SENT or self.at is None:
            return None
        self.sends += 1
        if self.sends == self.at:
            await self._kill()
        if self.sends >= self.at:
            await self.killed.wait()
            raise DropConnection
        return None

    async def _kill(self) -> None:
        delivered = len(self.api.sent(SENT))
        for _ in range(500):
            if _sent_rows(self.database) >= delivered:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(self.rng.uniform(0.0, 0.05))
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.killed.set()


async def _push(config_path: Path, api: FakeBotApi, *args: str) -> asyncio.subprocess.Process:
    return await start_cli(config_path, "push", *args, token=api.token)


async def _killed_runs(config_path: Path, killer: Killer, rng: random.Random) -> list[int]:
    """`push --now`, then `push` again after each kill; returns the sends each run made."""
    made = []
    for run in range(KILLS):
        process = await _push(config_path, killer.api, *(["--now"] if run == 0 else []))
        killer.arm(process, rng.randint(1, 60))
        await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == -signal.SIGKILL, f"run {run} was not killed"
        made.append(killer.sends)
        if isinstance(killer.database, str):  # the dead pusher's lease runs out first
            await _lease_expired(killer.database)
    return made


async def _lease_expired(database: str) -> None:
    """Once the killed pusher's lease has expired by the server's clock (within LEASE of its last
    renewal, which came every third of it), not a fixed LEASE and a half later."""
    for _ in range(int(LEASE * 40) + 40):
        held = value(database, "SELECT count(*) FROM leases WHERE name = 'push'"
                               " AND expires >= extract(epoch FROM clock_timestamp())")  # fmt: skip
        if not held:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the killed pusher's lease never expired")


async def test_kill_9_at_random_points_loses_and_repeats_nothing(
    tmp_path: Path, database: Path | str, capsys: Any
):
    rng = random.Random(KILL_SEED)
    api = FakeBotApi()
    await api.start()
    try:
        config_path = _write_config(tmp_path, api, database)
        await _subscribe_all(config_path, rng)
        before = subscription_rows(database)
        killer = Killer(api, database, rng)
        api.fault = killer
        made = await _killed_runs(config_path, killer, rng)
        killer.arm(await _push(config_path, api), None)
        out, err = await asyncio.wait_for(killer.process.communicate(), 30)
        assert killer.process.returncode == 0, err.decode()
    finally:
        await api.stop()
    delivered = Counter(int(c.params["chat_id"]) for c in api.sent(SENT))
    with capsys.disabled():
        backend = "postgresql" if isinstance(database, str) else "sqlite"
        print(f"\nkill -9 ({backend}): seed={KILL_SEED} sends per killed run={made} final: "
              f"{out.decode()}")  # fmt: skip
    if isinstance(database, Path):
        assert value(database, "PRAGMA integrity_check") == "ok"
    assert subscription_rows(database) == before  # no subscription lost or altered
    assert delivered == Counter(CHATS), "each subscriber exactly one briefing"
    states = Counter(state for (state,) in rows(database, "SELECT state FROM deliveries"))
    assert states == Counter({"sent": len(CHATS), "known": len(CHATS)})


def test_push_command_without_token_says_so_and_exits_2(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    config = tmp_path / "config.yaml"
    config.write_text("reports_dir: .\n", encoding="utf-8")
    assert main(["push", "--now", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err == "briefing-bot: no bot token: set TELEGRAM_BOT_TOKEN in the environment\n"


@pytest.fixture(autouse=True)
def _no_stray_token(monkeypatch):
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET", raising=False)
