"""A push killed with SIGKILL mid-way and restarted: every message exactly once, none twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from bot.config import load_config
from bot.library import ReportLibrary
from bot.local_api import LocalBotApi, error
from bot.push.schedule import Schedule
from bot.push.store import Store
from tests.push_fixtures import ROOT, SEEDS

CHATS = range(10_001, 10_301)
KILL_AT = 120  # the send on which the process dies


def _write_config(folder: Path, api: LocalBotApi) -> Path:
    raw = {
        "telegram": {"base_url": api.base_url},
        "reports_dir": str(SEEDS),
        "database": str(folder / "push.sqlite3"),
        "push": {"rate_per_second": 300, "max_attempts": 3},
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


async def _subscribe_all(config_path: Path) -> None:
    config = load_config(config_path, env={})
    library = ReportLibrary(config.reports_dir)
    library.reload()
    known = [report.digest for report in library.reports]
    store = await Store.open(config.database)
    now = datetime.now(UTC)
    for chat in CHATS:
        await store.subscribe(
            chat, 0, Schedule(), "Asia/Shanghai", now.replace(year=now.year + 1), known, now
        )
    await store.close()


def _count(database: Path, state: str) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM deliveries WHERE state = ?", (state,)).fetchone()[0]


class KillMidPush:
    """On the KILL_AT-th send, stop serving sends, let the pusher commit every answer it has
    had, then SIGKILL it: the sends it has in flight at that moment never reach Telegram."""

    def __init__(self, api: LocalBotApi, database: Path) -> None:
        self.api, self.database = api, database
        self.process: asyncio.subprocess.Process | None = None
        self.sends = 0
        self.killed = asyncio.Event()

    async def __call__(self, method: str, params: dict[str, Any]):
        if method != "sendMessage":
            return None
        self.sends += 1
        if self.sends == KILL_AT:
            await self._kill()
        if self.sends >= KILL_AT:
            await self.killed.wait()
            return error(500, "Internal Server Error")
        return None

    async def _kill(self) -> None:
        delivered = len(self.api.sent("sendMessage"))
        for _ in range(500):
            if _count(self.database, "sent") >= delivered:
                break
            await asyncio.sleep(0.01)
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.killed.set()


async def _push(config_path: Path, api: LocalBotApi, *args: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "push", *args, "--config", str(config_path),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_killed_push_resumes_without_loss_or_duplicates(tmp_path: Path):
    api = LocalBotApi()
    await api.start()
    try:
        config_path = _write_config(tmp_path, api)
        await _subscribe_all(config_path)
        database = tmp_path / "push.sqlite3"
        killer = KillMidPush(api, database)
        api.fault = killer
        killer.process = await _push(config_path, api, "--now")
        await asyncio.wait_for(killer.process.wait(), 30)
        assert killer.process.returncode == -signal.SIGKILL
        first = Counter(int(c.params["chat_id"]) for c in api.sent("sendMessage"))
        assert 0 < len(first) < len(CHATS)
        assert _count(database, "sending") > 0  # sends were in flight when it died

        api.fault = None
        resumed = await _push(config_path, api)
        out, err = await asyncio.wait_for(resumed.communicate(), 30)
        assert resumed.returncode == 0, err.decode()
        assert out.decode().startswith(f"sent {len(CHATS) - len(first)}, failed 0")
        delivered = Counter(int(c.params["chat_id"]) for c in api.sent("sendMessage"))
        assert delivered == Counter(CHATS)
        assert _count(database, "sent") == len(CHATS)
        assert _count(database, "sending") == 0
    finally:
        await api.stop()


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
