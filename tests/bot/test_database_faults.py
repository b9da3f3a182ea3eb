"""One connection discipline for every table: a follow and a source's record meet a database
locked by another process and a full disk the way a subscription does — the lock is waited out
and the write goes through; a full disk is said (or raised) with nothing written, and the next
write after space comes back succeeds without a restart."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

import bot.store.database as database_module
from bot.present.words import CHINESE
from bot.state import state_of
from tests.kits.push_fixtures import Clock, Harness, locked_by_another_process, push_bot, rows

HOLD = 2.0  # seconds another process holds the write lock: four busy timeouts
TROUBLE = CHINESE.messages["errors.storage"].split("（")[0]
UNCAPPED = 1_073_741_823


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # Shorter than HOLD: the write meets SQLITE_BUSY and the database's own retry carries it.
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_SECONDS", 0.5)


async def _full(
    bot: Harness, filler: Callable[[int], Awaitable[object]]
) -> Callable[[], Awaitable[None]]:
    """The disk is full for the bot's connection until the returned call frees it: capped at
    its size, then `filler(n)` rows written into the table until a page more is needed."""
    db = bot.connection  # max_page_count is per connection
    pages = (await (await db.execute("PRAGMA page_count")).fetchone())[0]
    await db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for n in range(100_000):
            await filler(n)

    async def free() -> None:
        await db.execute(f"PRAGMA max_page_count = {UNCAPPED}")

    return free


def _follows(bot: Harness, chat: int) -> list[str]:
    return [r[0] for r in rows(bot.config.database, "SELECT words FROM follows WHERE chat_id = ?",
                               (chat,))]  # fmt: skip


async def test_a_follow_waits_out_a_locked_database_and_a_full_disk_is_said(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00")) as bot:
        await bot.pusher.wait_idle()
        locker = await locked_by_another_process(bot.config.database, HOLD)
        waited = (await bot.say("/follow 营商环境", 8001)).params["text"]
        assert await locker.wait() == 0
        follows, now = state_of(bot.app).stores.follows, bot.clock()
        free = await _full(bot, lambda n: follows.follow(900_000 + n, 0, "词", (f"词{n}",), now))
        with caplog.at_level(logging.ERROR):
            full = (await bot.say("/follow 乡村振兴", 8002)).params["text"]
        await free()
        freed = (await bot.say("/follow 乡村振兴", 8002)).params["text"]
    assert waited == CHINESE("follow.followed", words="营商环境")
    assert _follows(bot, 8001) == ["营商环境"]
    assert full.startswith(TROUBLE) and "存储空间已满" in full
    assert freed == CHINESE("follow.followed", words="乡村振兴")
    assert _follows(bot, 8002) == ["乡村振兴"]  # once: the refused write left nothing
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is None and "full" in errors[0].getMessage()


async def test_a_source_record_waits_out_a_locked_database_and_a_full_disk_writes_nothing(
    tmp_path: Path,
) -> None:
    async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00")) as bot:
        await bot.pusher.wait_idle()
        sources = state_of(bot.app).stores.sources
        locker = await locked_by_another_process(bot.config.database, HOLD)
        await sources.note_source("gov-a", 100.0, True)  # waits the lock out
        assert await locker.wait() == 0
        free = await _full(bot, lambda n: sources.note_source(f"filler-{n:06d}", 1.0, True))
        with pytest.raises(sqlite3.OperationalError, match="full"):
            await sources.note_source("gov-b", 200.0, False, "HTTP 503")
        await free()
        await sources.note_source("gov-b", 300.0, False, "HTTP 500")
        statuses = {s.name: s for s in await sources.statuses()}
    assert statuses["gov-a"].last_success is not None
    assert statuses["gov-a"].last_success.timestamp() == 100.0
    assert statuses["gov-b"].last_error == "HTTP 500"  # the refused record left nothing
    assert statuses["gov-b"].last_error_at is not None
    assert statuses["gov-b"].last_error_at.timestamp() == 300.0
