"""Group commit: concurrent claims and outcomes share one statement, and each caller still
gets its own answer, only once the write is committed."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.push.batch import Batch
from bot.push.schedule import Schedule
from bot.push.store import ANNOUNCE, Advance, Store, iso
from tests.kits.push_fixtures import rows

NOW = datetime(2026, 3, 2, tzinfo=UTC)


async def test_concurrent_items_go_in_one_run_and_answers_keep_their_order() -> None:
    runs: list[list[int]] = []

    async def run(items: list[int]) -> list[int]:
        runs.append(items)
        return [item * 10 for item in items]

    batch = Batch(run, limit=3)
    answers = await asyncio.gather(*(batch.submit(item) for item in range(5)))
    assert answers == [0, 10, 20, 30, 40]
    assert runs == [[0, 1, 2], [3, 4]]  # the limit splits; nothing waits for a timer


async def test_a_failed_write_fails_every_caller_in_its_batch_and_the_next_batch_runs() -> None:
    async def run(items: list[int]) -> list[int]:
        if 0 in items:
            raise sqlite3.OperationalError("database or disk is full")
        return items

    batch = Batch(run, limit=2)
    answers = await asyncio.gather(*(batch.submit(i) for i in range(3)), return_exceptions=True)
    assert [type(a).__name__ for a in answers[:2]] == ["OperationalError"] * 2
    assert answers[2] == 2


async def _subscribe(store: Store, chat_id: int) -> int:
    subscription = await store.subscribe(chat_id, 0, Schedule(), "Asia/Shanghai", NOW, [], NOW)
    return subscription.id


async def test_one_batch_of_claims_decides_each_row_as_single_claims_would(
    database: Path | str,
) -> None:
    store = await Store.open(database)
    assert await store.database.lock_pushes()  # claims are the push lock holder's
    try:
        due, sent, gone = [await _subscribe(store, chat) for chat in (1, 2, 3)]
        await store.enqueue_announcements(["abc"], NOW)
        assert await store.claim(sent, iso(NOW), NOW)
        advance = Advance(NOW + timedelta(days=1), "abc", 1)
        await store.finish(sent, iso(NOW), "sent", None, NOW, advance)
        await store.unsubscribe(3, 0)
        claims = [
            (due, iso(NOW)),  # due now: claimed
            (due, iso(NOW + timedelta(days=1))),  # not its due slot: refused
            (sent, iso(NOW)),  # sent already: refused
            (gone, iso(NOW)),  # unsubscribed: refused
            (sent, ANNOUNCE + "abc"),  # a pending announcement: claimed
            (due, ANNOUNCE + "abc"),  # the same, for another subscriber
            (due, ANNOUNCE + "zzz"),  # never enqueued: refused
        ]
        answers = await asyncio.gather(*(store.claim(sub, slot, NOW) for sub, slot in claims))
        assert answers == [True, False, False, False, True, True, False]
        again = await asyncio.gather(*(store.claim(sub, slot, NOW) for sub, slot in claims))
        assert not any(again)  # a claimed row is never claimed twice
    finally:
        await store.close()


async def test_outcomes_written_together_move_each_subscription_on(
    database: Path | str,
) -> None:
    store = await Store.open(database)
    assert await store.database.lock_pushes()
    try:
        subs = [await _subscribe(store, chat) for chat in range(1, 6)]
        assert all(await asyncio.gather(*(store.claim(s, iso(NOW), NOW) for s in subs)))
        tomorrow = NOW + timedelta(days=1)
        await asyncio.gather(
            *(store.finish(s, iso(NOW), "sent", None, NOW, Advance(tomorrow, "abc", s))
              for s in subs)
        )  # fmt: skip
    finally:
        await store.close()
    moved = rows(database, "SELECT id, next_due, position FROM subscriptions ORDER BY id")
    states = rows(database, "SELECT DISTINCT state, attempts FROM deliveries")
    assert [tuple(row) for row in moved] == [(s, iso(tomorrow), s) for s in subs]
    assert [tuple(row) for row in states] == [("sent", 1)]


@pytest.mark.parametrize("cancelled", [0, 1])
async def test_a_cancelled_caller_leaves_the_others_their_answers(cancelled: int) -> None:
    release = asyncio.Event()

    async def run(items: list[int]) -> list[int]:
        await release.wait()
        return items

    batch = Batch(run, limit=10)
    tasks = [asyncio.create_task(batch.submit(i)) for i in range(2)]
    await asyncio.sleep(0)
    tasks[cancelled].cancel()
    release.set()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(done[cancelled], asyncio.CancelledError)
    assert done[1 - cancelled] == 1 - cancelled
