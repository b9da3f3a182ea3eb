"""Data safety: a database that cannot be written (read only, a full disk, an unusable path) is
said so clearly instead of losing data silently. kill -9 mid-push: tests/bot/test_push_crash.py."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.present.words import CHINESE
from bot.push.schedule import Schedule
from tests.kits.push_fixtures import (
    Clock,
    Harness,
    push_bot,
    start_on_database,
    subscription_rows,
    value,
)

TROUBLE = CHINESE.messages["errors.storage"].split("（")[0]  # the reply's fixed opening


# -- a database that cannot be written, while the bot runs ---------------------------------
async def _subscribed(harness: Harness, chats: range) -> set[tuple[Any, ...]]:
    for chat in chats:
        assert "订阅成功" in (await harness.say("/subscribe 07:30 workdays", chat)).params["text"]
    return subscription_rows(harness.config.database)


def _store_connection(harness: Harness) -> Any:
    # The bot's own connection: query_only and max_page_count are per connection.
    return harness.connection


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
    after = subscription_rows(harness.config.database)
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
    store = harness.store
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
        before = subscription_rows(harness.config.database)
        with caplog.at_level(logging.ERROR):
            full = (await harness.say("/subscribe 06:45 daily", 7999)).params["text"]
        listed = (await harness.say("/subscriptions", 7001)).params["text"]
        await _store_connection(harness).execute("PRAGMA max_page_count = 1073741823")
        freed = (await harness.say("/subscribe 06:45 daily", 7999)).params["text"]
    assert full.startswith(TROUBLE) and "存储空间已满" in full
    assert "07:30（Asia/Shanghai）" in listed
    assert "订阅成功" in freed  # space again: the bot carries on without a restart
    after = subscription_rows(harness.config.database)
    assert before <= after and {row[0] for row in after - before} == {7999}
    assert value(harness.config.database, "PRAGMA integrity_check") == "ok"
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
    try:
        status, text = await start_on_database(tmp_path, database, command)
    finally:
        folder.chmod(0o755)
    said = [line for line in text.splitlines() if line.startswith("briefing-bot:")]
    assert status == 2
    assert said == [text.splitlines()[-1]] and "Traceback" not in text, text
    assert said[0].startswith(f"briefing-bot: cannot use the push database {database}: ")
    # said before any report is briefed (the push's minutes, on a large library)
    cache = tmp_path / "cache"
    assert not cache.exists() or not any(cache.iterdir())
