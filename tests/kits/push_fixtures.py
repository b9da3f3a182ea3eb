"""Fixtures for the push tests: a controllable clock, a config, and a bot on the fake Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import yaml
from telegram.ext import Application

from bench.kits.clikit import ADMIN, finish, start_cli
from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEEDS
from bench.kits.report_copies import warm_cache
from bot.app import build_application, running
from bot.config import Config
from bot.local.bot_api import Call
from bot.push.runner import Pusher, Tally
from bot.push.store import Store
from bot.state import state_of
from bot.store.backends import Target
from bot.store.postgres import row_maker, spelled
from tests.kits.botkit import USER, make_config


class Clock:
    """The bot's idea of now (aware UTC); tests move it instead of sleeping."""

    def __init__(self, iso: str) -> None:
        self.set(iso)

    def __call__(self) -> datetime:
        return self.now

    def set(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso).astimezone(UTC)


def push_config(
    folder: Path,
    api: FakeBotApi,
    reports: Path = SEEDS,
    extra: Mapping[str, Any] | None = None,
    database: Target | None = None,
    **push: Any,
) -> Config:
    """The push tests' config; `extra`: other top-level keys (sources:, fetching: …);
    `database`: a PostgreSQL URL or another file (default: data/push.sqlite3)."""
    data = folder / "data"
    return make_config(
        folder,
        reports,
        env={"TELEGRAM_BOT_TOKEN": api.token},
        telegram={"base_url": api.base_url},
        database=str(database or data / "push.sqlite3"),
        cache_dir=str(warm_cache(data)),
        admins=[ADMIN],
        push={
            "rate_per_second": 200,
            "check_interval_seconds": 3600,
            "max_attempts": 3,
            "first_retry_seconds": 0.01,
            "announce_window_seconds": 0.2,
            **push,
        },
        **{"reports_settle_seconds": 1.0, **(extra or {})},
    )


FROZEN = ("chat_id", "thread_id", "at", "frequency", "timezone", "created")


def rows(database: Target, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """Read the push database the way an operator would, beside the running bot (or after it):
    sqlite3 on a file, psql's way (a connection of its own) on a PostgreSQL URL."""
    if isinstance(database, str):
        with psycopg.connect(database, autocommit=True, row_factory=row_maker) as connection:
            return connection.execute(spelled(sql), params).fetchall()
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.row_factory = sqlite3.Row
        return list(db.execute(sql, params))


def value(database: Target, sql: str) -> Any:
    """The one value a one-row, one-column query reads."""
    [(found,)] = rows(database, sql)
    return found


def subscription_rows(database: Target) -> set[tuple[Any, ...]]:
    """What a subscription is, as its owner set it: changes only when they change it."""
    return {tuple(r) for r in rows(database, f"SELECT {', '.join(FROZEN)} FROM subscriptions")}


@dataclass
class Harness:
    api: FakeBotApi
    app: Application
    pusher: Pusher
    config: Config
    clock: Clock

    async def say(self, text: str, chat_id: int = USER, user_id: int | None = None,
                  chat_type: str = "private", thread_id: int | None = None) -> Call:  # fmt: skip
        """Send `text` as a user and return the bot's reply to that chat."""
        seen = len(self.api.calls)
        self.api.user_message(text, chat_id, user_id or chat_id, chat_type, thread_id)
        return await self.api.wait_for(
            lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id
            and c in self.api.calls[seen:]
        )  # fmt: skip

    async def push_round(self) -> Tally:
        """Run one push round to the end, after any round already running."""
        for _ in range(50):
            await self.pusher.wait_idle()
            task = await self.pusher.start()
            if task is not None:
                return await task
        raise AssertionError("the pusher never became idle")

    @property
    def store(self) -> Store:
        """The bot's subscriptions and deliveries."""
        return state_of(self.app).subscriptions

    @property
    def connection(self) -> Any:
        """The bot's own database connection (query_only and max_page_count are per connection)."""
        return state_of(self.app).stores.database._db

    def texts(self, chat_id: int) -> list[str]:
        return [c.params["text"] for c in self.api.sent("sendMessage")
                if int(c.params["chat_id"]) == chat_id]  # fmt: skip


@asynccontextmanager
async def push_bot(
    folder: Path,
    clock: Clock,
    api: FakeBotApi | None = None,
    reports: Path = SEEDS,
    scheduler: bool = False,
    extra: Mapping[str, Any] | None = None,
    database: Target | None = None,
    **push: Any,
) -> AsyncIterator[Harness]:
    """A bot on the fake Bot API. Rounds run when the test calls `push_round`; with
    `scheduler`, the bot's own scheduled rounds run too (the first one at start)."""
    api = api or FakeBotApi()
    await api.start()
    config = push_config(folder, api, reports, extra, database, **push)
    app = build_application(config, clock=clock)
    try:
        async with running(app, poll_timeout=1):
            if not scheduler and app.job_queue is not None:
                for job in app.job_queue.get_jobs_by_name("push-scheduler"):
                    job.schedule_removal()
            enrichment = state_of(app).enrichment
            if enrichment is not None:  # None: the folder is still being read (a test holds it)
                await enrichment
            pusher = state_of(app).pusher
            yield Harness(api, app, pusher, config, clock)
    finally:
        await api.stop()


async def start_on_database(
    folder: Path, database: Target, command: str = "run"
) -> tuple[int | None, str]:
    """Run the real `briefing-bot COMMAND` on `database` (Telegram unreachable): its exit
    status and what it printed on stderr."""
    config = folder / "config.yaml"
    raw = {"telegram": {"base_url": "http://127.0.0.1:9/bot"}, "reports_dir": str(SEEDS),
           "database": str(database), "cache_dir": str(folder / "cache")}  # fmt: skip
    config.write_text(yaml.safe_dump(raw), encoding="utf-8")
    finished = await finish(await start_cli(config, command, token="123:TOKEN"))
    return finished.status, finished.stderr


# Another process takes the write lock and holds it; it prints once it has it.
LOCKER = (
    "import sqlite3, sys, time\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "db.execute('ROLLBACK')\n"
)


async def locked_by_another_process(database: Path, seconds: float) -> asyncio.subprocess.Process:
    """Another process holds the database's write lock for `seconds` (from when this returns)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", LOCKER, str(database), str(seconds), stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    assert await asyncio.wait_for(process.stdout.readline(), 30) == b"locked\n"
    return process
