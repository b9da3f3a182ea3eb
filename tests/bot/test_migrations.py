"""Numbered schema migrations: a database made before them (tests/data/schema_v0.sql, the
CREATE statements as they stood, with rows) upgrades itself at open with nothing lost; a
database newer than the code stops start-up with one line."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bench.kits.paths import ROOT
from bot.exits import describe
from bot.push.follows import Follows
from bot.push.store import Advance, Store
from bot.repositories import Stores
from bot.sources.store import SourceStore
from bot.store import schema
from bot.store.chats import ChatSettings
from bot.store.database import StoreError

V0_SQL = ROOT / "tests" / "data" / "schema_v0.sql"
# Rows every version keeps as they are (the chats' settings are checked through their store).
KEPT = ("subscriptions", "deliveries", "source_urls", "source_reports", "source_report_urls",
        "source_digests", "source_status")  # fmt: skip


def _settings(store: Store) -> ChatSettings:
    return ChatSettings(store.database)


def _v0_database(folder: Path) -> Path:
    path = folder / "old.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript(V0_SQL.read_text(encoding="utf-8"))
    return path


def _table(path: Path, table: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return sorted(db.execute(f"SELECT * FROM {table}"), key=repr)


def _version(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return schema.version(db)


async def test_a_database_made_before_migrations_upgrades_with_every_row_kept(
    tmp_path: Path,
) -> None:
    path = _v0_database(tmp_path)
    assert _version(path) == 0
    before = {table: _table(path, table) for table in KEPT}
    assert all(before.values())  # the fixture has rows in every table
    store = await Store.open(path)
    try:
        chats = _settings(store)
        assert await chats.zone(101, "UTC") == "Asia/Shanghai"
        assert await chats.zone(-1002, "UTC") == "Europe/Berlin"
        assert await chats.zone(303, "Asia/Shanghai") == "UTC"
        assert await chats.zone(404, "Asia/Shanghai") == "Asia/Shanghai"  # never set: default
        assert [await chats.report(chat) for chat in (101, 404, 303)] == [
            "digest-aaa", "digest-bbb", None
        ]  # fmt: skip
        assert {await chats.language(chat) for chat in (101, 404, 303)} == {"zh"}
        (first,) = await store.subscriptions_of(101)
        assert (first.report, first.position, first.hurry) == ("digest-aaa", 2, False)
    finally:
        await store.close()
    sources = await SourceStore.open(path)
    try:
        (status,) = await sources.statuses()
        assert (status.name, status.reports, status.last_error) == ("city", 1, "HTTP 500")
    finally:
        await sources.close()
    assert _version(path) == schema.LATEST
    assert {table: _table(path, table) for table in KEPT} == before


async def test_an_upgraded_database_still_moves_a_subscription_on_when_sent(
    tmp_path: Path,
) -> None:
    """The old schema's triggers give way to the code: a sent briefing moves on once."""
    path = _v0_database(tmp_path)
    store = await Store.open(path)
    try:
        (sub,) = await store.subscriptions_of(101)
        assert await store.claim(sub.id, sub.slot, sub.next_due)
        later = sub.next_due + timedelta(days=1)
        await store.finish(sub.id, sub.slot, "sent", None, sub.next_due, Advance(later, "d2", 3))
        (moved,) = await store.subscriptions_of(101)
        assert (moved.next_due, moved.report, moved.position) == (later, "d2", 3)
    finally:
        await store.close()


async def test_a_database_newer_than_the_code_stops_start_up_with_one_line(
    tmp_path: Path,
) -> None:
    path = _v0_database(tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {schema.LATEST + 5}")
    with pytest.raises(StoreError) as raised:
        await Store.open(path)
    line, status = describe(raised.value) or ("", 0)
    assert status == 2 and "\n" not in line
    assert str(path) in line and f"version {schema.LATEST + 5}" in line and "newer" in line
    with pytest.raises(StoreError, match="newer"):  # the sources' store: the same one line
        await SourceStore.open(path)
    assert _version(path) == schema.LATEST + 5  # left as it was
    assert _table(path, "subscriptions")


def test_a_failing_migration_leaves_the_version_before_it(tmp_path: Path) -> None:
    def fail(db: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    migrations = (["CREATE TABLE a (x)"], ["CREATE TABLE b (x)", fail])
    with contextlib.closing(sqlite3.connect(tmp_path / "f.sqlite3", isolation_level=None)) as db:
        with pytest.raises(sqlite3.OperationalError):
            schema.upgrade(db, migrations)
        assert schema.version(db) == 1
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert tables == {"a"}  # b's CREATE was rolled back with the failed step
        assert schema.upgrade(db, migrations[:1]) == 1


async def test_chat_settings_are_kept_per_chat_and_follow_a_group_that_becomes_a_supergroup(
    tmp_path: Path,
) -> None:
    stores = Stores.at(tmp_path / "bot.sqlite3")
    await stores.open()
    chats = stores.chats
    try:
        assert await chats.language(7) == "zh" and await chats.zone(7, "UTC") == "UTC"
        await chats.set_language(7, "en")
        await chats.set_zone(7, "Europe/Berlin")
        await chats.choose_report(7, "digest-old")
        await chats.choose_report(-1009, "digest-new")  # the supergroup chose for itself
        await stores.migrate_chat(7, -1009)
        assert (await chats.report(-1009), await chats.report(7)) == ("digest-new", None)
        assert await chats.zone(-1009, "UTC") == "Europe/Berlin"
        assert await chats.zone(7, "UTC") == "UTC"  # the old id keeps nothing
        await chats.set_language(8, "en")
        await stores.migrate_chat(8, -1010)
        assert await chats.language(-1010) == "en"
    finally:
        await stores.close()


async def test_a_version_2_database_gains_the_follows_with_every_row_kept(tmp_path: Path) -> None:
    """Migration 3 (topic alerts) adds its tables to a database of version 2, rows untouched."""
    path = _v0_database(tmp_path)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        assert schema.upgrade(db, schema.MIGRATIONS[:2]) == 2
        db.execute("INSERT INTO chat_settings (chat_id, language) VALUES (505, 'en')")
    kept = (*KEPT, "chat_settings")
    before = {table: _table(path, table) for table in kept}
    store = await Store.open(path)
    try:
        follows = Follows(store.database)
        assert await follows.follow(
            101, 0, "营商环境", ("营商环境",), datetime(2024, 5, 6, tzinfo=UTC)
        )
        ((follow, chat),) = [(f.words, f.chat_id) for f in await follows.of_chat(101)]
        assert (follow, chat) == ("营商环境", 101)
        assert await _settings(store).language(505) == "en"
    finally:
        await store.close()
    assert _version(path) == schema.LATEST >= 3
    assert {table: _table(path, table) for table in kept} == before
