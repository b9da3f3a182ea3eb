"""Data safety: the push database survives kill -9, and a database that cannot be written (read
only, a full disk, an unusable path) is said so clearly instead of losing data silently.

KILL_SEED seeds where the pusher is killed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import signal
import sqlite3
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import load_config
from bot.library import ReportLibrary
from bot.local_api import DropConnection, LocalBotApi
from bot.push.handlers import STORAGE_TROUBLE
from bot.push.schedule import Frequency, Schedule
from bot.push.store import Store
from tests.push_fixtures import ROOT, SEEDS, Clock, Harness, push_bot

KILL_SEED = int(os.environ.get("KILL_SEED", "11"))
KILLS = 4
CHATS = range(20_001, 20_301)
SENT = "sendMessage"
FROZEN = ("chat_id", "thread_id", "at", "frequency", "timezone", "created")
TROUBLE = STORAGE_TROUBLE.split("（")[0]  # the reply's fixed opening


# -- kill -9 at random points of a push ------------------------------------------------------
def _write_config(folder: Path, api: LocalBotApi) -> Path:
    raw = {
        "telegram": {"base_url": api.base_url},
        "reports_dir": str(SEEDS),
        "database": str(folder / "push.sqlite3"),
        "cache_dir": str(folder / "cache"),
        "push": {"rate_per_second": 300, "max_attempts": 3},
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


def _query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as db:
        return list(db.execute(sql))


def _subscriptions(database: Path) -> set[tuple[Any, ...]]:
    return set(_query(database, f"SELECT {', '.join(FROZEN)} FROM subscriptions"))


def _sent_rows(database: Path) -> int:
    return _query(database, "SELECT count(*) FROM deliveries WHERE state = 'sent'")[0][0]


class Killer:
    """Kills the pusher on its `at`-th send: from then on sends are held and never answered (nor
    recorded), the pusher is given time to commit every answer it has had, then it goes on
    claiming more for a random few milliseconds, and gets SIGKILL in the middle of that."""

    def __init__(self, api: LocalBotApi, database: Path, rng: random.Random) -> None:
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


async def _push(config_path: Path, api: LocalBotApi, *args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "push", *args, "--config", str(config_path),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _killed_runs(config_path: Path, killer: Killer, rng: random.Random) -> list[int]:
    """`push --now`, then `push` again after each kill; returns the sends each run made."""
    made = []
    for run in range(KILLS):
        process = await _push(config_path, killer.api, *(["--now"] if run == 0 else []))
        killer.arm(process, rng.randint(1, 60))
        await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == -signal.SIGKILL, f"run {run} was not killed"
        made.append(killer.sends)
    return made


async def test_kill_9_at_random_points_loses_and_repeats_nothing(tmp_path: Path, capsys: Any):
    rng = random.Random(KILL_SEED)
    api = LocalBotApi()
    await api.start()
    try:
        config_path = _write_config(tmp_path, api)
        database = tmp_path / "push.sqlite3"
        await _subscribe_all(config_path, rng)
        before = _subscriptions(database)
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
        print(f"\nkill -9: seed={KILL_SEED} sends per killed run={made} final: {out.decode()}")
    assert _query(database, "PRAGMA integrity_check") == [("ok",)]
    assert _subscriptions(database) == before  # no subscription lost or altered
    assert delivered == Counter(CHATS), "each subscriber exactly one briefing"
    states = Counter(state for (state,) in _query(database, "SELECT state FROM deliveries"))
    assert states == Counter({"sent": len(CHATS), "known": len(CHATS)})


# -- a database that cannot be written, while the bot runs ---------------------------------
async def _subscribed(harness: Harness, chats: range) -> set[tuple[Any, ...]]:
    for chat in chats:
        assert "订阅成功" in (await harness.say("/subscribe 07:30 workdays", chat)).params["text"]
    return _subscriptions(harness.config.database)


def _store_connection(harness: Harness) -> Any:
    # The bot's own connection: query_only and max_page_count are per connection.
    return harness.pusher._store._db


def _storage_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_read_only_database_is_said_and_logged_once_per_command(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00")) as harness:
        before = await _subscribed(harness, range(6001, 6004))
        await _store_connection(harness).execute("PRAGMA query_only = ON")
        with caplog.at_level(logging.ERROR):
            new = (await harness.say("/subscribe 09:00", 6100)).params["text"]
            change = (await harness.say("/subscribe weekly", 6001)).params["text"]
            zone = (await harness.say("/timezone Europe/Berlin", 6002)).params["text"]
            listed = (await harness.say("/subscriptions", 6003)).params["text"]
        await _store_connection(harness).execute("PRAGMA query_only = OFF")
        again = (await harness.say("/subscribe 09:00", 6100)).params["text"]
    for text in (new, change, zone):
        assert text.startswith(TROUBLE) and "数据库只读" in text and "Traceback" not in text
    assert "工作日" in listed  # reading still works
    assert "订阅成功" in again
    after = _subscriptions(harness.config.database)
    assert before <= after and {row[0] for row in after - before} == {6100}  # nothing changed
    lines = _storage_lines(caplog)
    assert len(lines) == 3 and all(r.exc_info is None for r in lines)
    assert all(str(harness.config.database) in r.getMessage() for r in lines)
    assert "readonly" in lines[0].getMessage()


async def _fill(harness: Harness) -> int:
    """Cap the database at its current size, then add subscriptions until SQLite says full."""
    db = _store_connection(harness)
    pages = (await (await db.execute("PRAGMA page_count")).fetchone())[0]
    await db.execute(f"PRAGMA max_page_count = {pages}")
    store = await harness.pusher.store()
    now = harness.clock()
    for filler in range(100_000):
        try:
            await store.subscribe(900_000 + filler, 0, Schedule(), "UTC", now, [], now)
        except sqlite3.OperationalError as error:
            assert "full" in str(error)
            return filler
    raise AssertionError("the capped database never filled up")


async def test_a_full_disk_is_said_and_existing_subscriptions_survive(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00")) as harness:
        await _subscribed(harness, range(7001, 7004))
        await _fill(harness)
        before = _subscriptions(harness.config.database)
        with caplog.at_level(logging.ERROR):
            full = (await harness.say("/subscribe 06:45 daily", 7999)).params["text"]
        listed = (await harness.say("/subscriptions", 7001)).params["text"]
        await _store_connection(harness).execute("PRAGMA max_page_count = 1073741823")
        freed = (await harness.say("/subscribe 06:45 daily", 7999)).params["text"]
    assert full.startswith(TROUBLE) and "存储空间已满" in full
    assert "07:30（Asia/Shanghai）" in listed
    assert "订阅成功" in freed  # space again: the bot carries on without a restart
    after = _subscriptions(harness.config.database)
    assert before <= after and {row[0] for row in after - before} == {7999}
    assert _query(harness.config.database, "PRAGMA integrity_check") == [("ok",)]
    lines = _storage_lines(caplog)
    assert len(lines) == 1 and lines[0].exc_info is None and "full" in lines[0].getMessage()


# -- start-up with a database that cannot be used ------------------------------------------
def _unusable(kind: str, folder: Path) -> Path:
    """A database path the bot cannot write, and why."""
    if kind == "parent is a file":
        (folder / "data").write_text("not a folder", encoding="utf-8")
        return folder / "data" / "push.sqlite3"
    if kind == "path is a folder":
        (folder / "push.sqlite3").mkdir()
        return folder / "push.sqlite3"
    if kind == "not a database":
        (folder / "push.sqlite3").write_bytes(b"these are notes, not SQLite\n" * 200)
        return folder / "push.sqlite3"
    sqlite3.connect(folder / "push.sqlite3").close()
    if kind == "read-only file":
        (folder / "push.sqlite3").chmod(0o444)
    else:
        folder.chmod(0o555)
    return folder / "push.sqlite3"


UNUSABLE = ("parent is a file", "path is a folder", "not a database", "read-only file",
            "read-only folder")  # fmt: skip
CASES = [("run", kind) for kind in UNUSABLE]
CASES.append(("push", "not a database"))  # the cron command opens the store the same way


@pytest.mark.parametrize(("command", "kind"), CASES)
async def test_start_up_with_an_unusable_database_fails_in_one_line(
    tmp_path: Path, command: str, kind: str
):
    if kind.startswith("read-only") and os.geteuid() == 0:
        pytest.skip("root writes read-only files and folders")
    folder = tmp_path / "db"
    folder.mkdir()
    database = _unusable(kind, folder)
    config = tmp_path / "config.yaml"
    raw = {"telegram": {"base_url": "http://127.0.0.1:9/bot"}, "reports_dir": str(SEEDS),
           "database": str(database), "cache_dir": str(tmp_path / "cache")}  # fmt: skip
    config.write_text(yaml.safe_dump(raw), encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:TOKEN"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", command, "--config", str(config), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        _, err = await asyncio.wait_for(process.communicate(), 30)
    finally:
        folder.chmod(0o755)
    text = err.decode()
    said = [line for line in text.splitlines() if line.startswith("briefing-bot:")]
    assert process.returncode == 2
    assert said == [text.splitlines()[-1]] and "Traceback" not in text, text
    assert said[0].startswith(f"briefing-bot: cannot use the push database {database}: ")
