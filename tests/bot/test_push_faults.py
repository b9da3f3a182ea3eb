"""Faults during a push (issue 12): a database locked by another process or full, a stuck round,
a refused `push --now`, and operator mistakes (a deleted database, corrupt pages, a deleted lock
file). Each test names the issue item it guards.

PUSH_FAULT_SECONDS sets how long the injected lock and full disk last: 3 s by default, the
issue's 30 s with PUSH_FAULT_SECONDS=30. A write waits out a lock for the connection's busy
timeout (10 s) before it fails; for a hold shorter than that the test shortens the busy
timeout, so that the lock still surfaces as failed writes the push has to retry.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

import bot.store.database as database_module
from bench.kits.fault_api import FakeBotApi
from bot.present.words import CHINESE
from bot.push.cli import EXIT_BUSY, run_push_command
from bot.push.schedule import Schedule
from bot.push.store import Store
from bot.repositories import Stores
from bot.web.server import build_web_app, serving
from tests.kits.push_fixtures import (
    ADMIN,
    Clock,
    Harness,
    locked_by_another_process,
    push_bot,
    rows,
    start_on_database,
    value,
)

HOLD = float(os.environ.get("PUSH_FAULT_SECONDS", "3"))
OWED = range(30_001, 30_301)  # 300 subscribers, each owed one briefing
TROUBLE = CHINESE.messages["errors.storage"].split("（")[0]
NOON = "2024-05-06T04:00:00+00:00"  # 12:00 in Shanghai
UNCAPPED = 1_073_741_823


async def _owe(bot: Harness, chats: range, due_now: bool = True) -> None:
    """Subscriptions due now (each owed one briefing), or tomorrow (owed nothing yet)."""
    await bot.pusher.wait_idle()  # the start-up round
    store = bot.store
    now = bot.clock()
    due = now if due_now else now + timedelta(days=1)
    known = [report.digest for report in bot.pusher.library.reports]
    for chat in chats:
        await store.subscribe(chat, 0, Schedule(), "Asia/Shanghai", due, known, now)


def _briefed(api: FakeBotApi) -> Counter[int]:
    return Counter(
        int(c.params["chat_id"]) for c in api.sent("sendMessage") if c.params["text"][0] == "📖"
    )


def _push_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("bot.push") and r.levelno >= logging.WARNING
    ]


class OnSend:
    """A fault hook that runs `actions[n]` when the n-th message is sent, before answering."""

    def __init__(self, actions: dict[int, Callable[[], Awaitable[None]]]) -> None:
        self.actions, self.sends = actions, 0

    async def __call__(self, method: str, params: dict[str, Any]) -> None:
        if method == "sendMessage":
            self.sends += 1
            action = self.actions.pop(self.sends, None)
            if action is not None:
                await action()


async def _fill(bot: Harness) -> Callable[[], Awaitable[None]]:
    """The disk is full for the bot's connection from now on; returns what frees it."""
    db = bot.connection  # max_page_count is per connection
    pages = (await (await db.execute("PRAGMA page_count")).fetchone())[0]
    await db.execute(f"PRAGMA max_page_count = {pages}")

    async def free() -> None:
        await db.execute(f"PRAGMA max_page_count = {UNCAPPED}")

    return free


def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    if HOLD < 10:
        monkeypatch.setattr(database_module, "BUSY_TIMEOUT_SECONDS", 0.5)


# -- item 1: a locked or full database during a push --------------------------------------
async def test_locked_db_and_full_disk_during_a_300_subscriber_push_deliver_all_once(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    _short_busy_timeout(monkeypatch)
    api = FakeBotApi()
    async with push_bot(tmp_path, Clock(NOON), api=api) as bot:
        await _owe(bot, OWED)
        locker: list[asyncio.subprocess.Process] = []
        freeing: list[asyncio.Task[None]] = []

        async def lock() -> None:
            locker.append(await locked_by_another_process(bot.config.database, HOLD))

        async def fill() -> None:
            free = await _fill(bot)

            async def later() -> None:
                await asyncio.sleep(HOLD)
                await free()

            freeing.append(asyncio.create_task(later()))

        api.fault = OnSend({60: lock, 180: fill})
        with caplog.at_level(logging.INFO, logger="bot.push"):
            tally = await asyncio.wait_for(bot.push_round(), 4 * HOLD + 60)
        await asyncio.gather(locker[0].wait(), *freeing)
        stats = (await bot.say("/stats", chat_id=ADMIN)).params["text"]
    briefed = _briefed(api)
    with capsys.disabled():
        print(f"\nlock {HOLD:g} s + full disk {HOLD:g} s: delivered {sum(briefed.values())} "
              f"of {len(OWED)} owed, duplicates {sum(briefed.values()) - len(briefed)}, "
              f"fault lines {_push_lines(caplog)}")  # fmt: skip
    assert briefed == Counter(OWED), "every owed briefing exactly once"
    assert tally.sent == len(OWED)
    states = Counter(s for (s,) in rows(bot.config.database, "SELECT state FROM deliveries"))
    assert states == Counter({"sent": len(OWED), "known": len(OWED)})
    lines = _push_lines(caplog)
    assert len(lines) == 2, lines  # one line per fault, not one per message
    assert "locked" in lines[0] and "full" in lines[1]
    assert "当前没有进行中的推送" in stats


async def test_a_stuck_round_is_ended_by_the_watchdog_and_the_next_delivers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    api = FakeBotApi()
    chats = range(31_001, 31_041)
    async with push_bot(tmp_path, Clock(NOON), api=api, stall_seconds=1) as bot:
        await _owe(bot, chats)
        frees: list[Callable[[], Awaitable[None]]] = []

        async def fill() -> None:
            frees.append(await _fill(bot))

        api.fault = OnSend({10: fill})
        with caplog.at_level(logging.INFO, logger="bot.push"):
            stuck = await asyncio.wait_for(bot.push_round(), 30)
        during = (await bot.say("/stats", chat_id=ADMIN)).params["text"]
        await frees[0]()
        resumed = await asyncio.wait_for(bot.push_round(), 30)
        after = (await bot.say("/stats", chat_id=ADMIN)).params["text"]
        briefed = _briefed(api)
        again = (await bot.say("/push_now", chat_id=ADMIN)).params["text"]
        await bot.pusher.wait_idle()
    assert stuck.stalled and stuck.sent < len(chats)
    assert "当前没有进行中的推送" in during and "推送数据库故障：database or disk is full" in during
    assert resumed.sent and not resumed.stalled and "故障" not in after
    assert briefed == Counter(chats), "every owed briefing exactly once"
    lines = _push_lines(caplog)
    assert len(lines) == 2, lines  # the fault, then the watchdog
    assert "full" in lines[0] and "no progress" in lines[1]
    assert again.startswith("已开始")


async def test_outcomes_that_cannot_be_written_are_kept_not_sent_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A double of the outcome write fails as a full disk does: the round is ended, the sent
    briefings' outcomes wait in memory, and the next round writes them instead of resending."""
    failing = True
    finish_batch = Store._finish_batch

    async def flaky_finish(self: Store, outcomes: list[Any]) -> list[None]:
        if failing:
            raise sqlite3.OperationalError("database or disk is full")
        return await finish_batch(self, outcomes)

    monkeypatch.setattr(Store, "_finish_batch", flaky_finish)
    api = FakeBotApi()
    chats = range(32_001, 32_021)
    async with push_bot(tmp_path, Clock(NOON), api=api, stall_seconds=1) as bot:
        await _owe(bot, chats)
        stuck = await asyncio.wait_for(bot.push_round(), 30)
        failing = False
        await asyncio.wait_for(bot.push_round(), 30)
    assert stuck.stalled
    assert _briefed(api) == Counter(chats), "every owed briefing exactly once"
    sent = value(bot.config.database, "SELECT count(*) FROM deliveries WHERE state = 'sent'")
    assert sent == len(chats)


# -- item 7: `push --now` refused as busy ------------------------------------------------
class Gate:
    """Holds every send while `holding`, until `open()`; counts the sends held."""

    def __init__(self) -> None:
        self.holding, self.held, self._open = True, 0, asyncio.Event()

    async def __call__(self, method: str, params: dict[str, Any]) -> None:
        if method == "sendMessage" and self.holding:
            self.held += 1
            await self._open.wait()

    def open(self) -> None:
        self.holding = False
        self._open.set()

    async def until_held(self, count: int) -> None:
        for _ in range(500):
            if self.held >= count:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"only {self.held} sends were held")


async def _busy_push(
    bot: Harness, gate: Gate, now: bool, capsys: pytest.CaptureFixture[str], tidy: bool = False
) -> tuple[int, str]:
    """`briefing-bot push [--now]` while the bot's own round has sends in flight; `tidy`: an
    operator deletes the lock files beside the database first."""
    round_task = asyncio.create_task(bot.push_round())
    await gate.until_held(10)
    for lock_file in bot.config.database.parent.glob("*lock*") if tidy else ():
        lock_file.unlink()
    gate.holding = False  # what the second pusher sends goes through
    capsys.readouterr()
    stores = Stores.at(bot.config.database)
    code = await asyncio.to_thread(run_push_command, bot.config, now, stores)
    said = capsys.readouterr().err
    gate.open()
    await asyncio.wait_for(round_task, 30)
    return code, said


async def test_push_now_refused_as_busy_flags_no_subscription(
    tmp_path: Path, database: Path | str, capsys: pytest.CaptureFixture[str]
):
    api, gate = FakeBotApi(), Gate()
    due, later = range(33_001, 33_041), range(33_101, 33_141)
    async with push_bot(tmp_path, Clock(NOON), api=api, database=database) as bot:
        await _owe(bot, due)
        await _owe(bot, later, due_now=False)
        api.fault = gate
        code, said = await _busy_push(bot, gate, True, capsys)
        hurried = rows(
            bot.config.database, "SELECT count(*) AS n FROM subscriptions WHERE hurry = 1"
        )
        await bot.push_round()
    assert code == EXIT_BUSY and "another push is running" in said
    assert hurried[0]["n"] == 0
    assert _briefed(api) == Counter(due), "served once, and the others not before their time"


async def test_push_now_in_the_chat_while_another_process_pushes_flags_nothing(
    tmp_path: Path, database: Path | str
):
    api = FakeBotApi()
    async with push_bot(tmp_path, Clock(NOON), api=api, database=database) as bot:
        await _owe(bot, range(33_201, 33_211), due_now=False)
        other = await Store.open(bot.config.database)  # as `briefing-bot push` opens it
        assert await other.database.lock_pushes()
        try:
            reply = (await bot.say("/push_now", chat_id=ADMIN)).params["text"]
        finally:
            await other.database.unlock_pushes()
            await other.close()
        hurried = rows(
            bot.config.database, "SELECT count(*) AS n FROM subscriptions WHERE hurry = 1"
        )
        await bot.push_round()
    assert reply == "推送正在进行中，请稍后再试。"
    assert hurried[0]["n"] == 0 and not _briefed(api)


# -- item 13: operator mistakes --------------------------------------------------------
async def test_deleting_the_push_lock_file_gives_no_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    api, gate = FakeBotApi(), Gate()
    chats = range(34_001, 34_061)
    async with push_bot(tmp_path, Clock(NOON), api=api) as bot:
        await _owe(bot, chats)
        api.fault = gate
        code, said = await _busy_push(bot, gate, False, capsys, tidy=True)
    assert code == EXIT_BUSY and "another push is running" in said
    assert _briefed(api) == Counter(chats), "every subscriber exactly one briefing"


async def _health(bot: Harness) -> tuple[int, str]:
    async with serving(build_web_app(bot.app), "127.0.0.1", 0) as port:
        url = f"http://127.0.0.1:{port}/healthz"
        async with aiohttp.ClientSession() as session, session.get(url) as answer:
            return answer.status, (await answer.json())["status"]


async def test_a_deleted_database_is_reported_never_subscribed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    async with push_bot(tmp_path, Clock(NOON)) as bot:
        assert "订阅成功" in (await bot.say("/subscribe", chat_id=35_001)).params["text"]
        bot.config.database.unlink()  # an operator's mistake while the bot runs
        with caplog.at_level(logging.WARNING):
            reply = (await bot.say("/subscribe 09:00", chat_id=35_002)).params["text"]
            zone = (await bot.say("/timezone Europe/Berlin", chat_id=35_001)).params["text"]
            tally = await asyncio.wait_for(bot.push_round(), 30)
        health = await _health(bot)
    assert "订阅成功" not in reply
    assert reply.startswith(TROUBLE) and "删除" in reply
    assert zone.startswith(TROUBLE) and "删除" in zone
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 3, lines  # one per command, one for the push round
    assert all(str(bot.config.database) in line and "deleted" in line for line in lines)
    assert tally.sent == 0 and tally.fault is not None
    assert health[0] == 503 and "deleted" in health[1]


def _corrupt_middle_pages(database: Path) -> None:
    page = value(database, "PRAGMA page_size")
    pages = database.stat().st_size // page
    assert pages >= 8, pages
    with database.open("r+b") as handle:
        for number in range(pages // 2, pages // 2 + 2):
            handle.seek(number * page)
            handle.write(bytes([0xA5]) * page)


async def test_a_database_with_corrupt_pages_is_refused_at_start(tmp_path: Path):
    database = tmp_path / "push.sqlite3"
    store, now = await Store.open(database), Clock(NOON)()
    try:
        for chat in range(36_001, 36_301):
            await store.subscribe(chat, 0, Schedule(), "UTC", now, [], now)
    finally:
        await store.close()
    _corrupt_middle_pages(database)
    status, text = await start_on_database(tmp_path, database)
    assert status == 2, text
    said = [line for line in text.splitlines() if line.startswith("briefing-bot:")]
    assert said == [text.splitlines()[-1]] and "Traceback" not in text, text
    assert said[0].startswith(f"briefing-bot: cannot use the push database {database}: ")
    assert "malformed" in said[0]
