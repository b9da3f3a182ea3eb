"""The bot's database on PostgreSQL: the same answers as SQLite from the same migrations, one
pusher at a time by a lease, and a clear line when the server is wrong or away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.push.follows import NewAlert
from bot.push.schedule import Frequency, Schedule
from bot.push.store import Advance
from bot.sources.http import Validators
from bot.stores import Stores
from tests.pgserver import PgServer
from tests.push_fixtures import rows

NOW = datetime(2026, 3, 2, 1, tzinfo=UTC)
TABLES = ("subscriptions", "deliveries", "chat_settings", "chat_searches", "follows", "alerts",
          "report_news", "source_urls", "source_reports", "source_report_urls", "source_digests",
          "source_status")  # fmt: skip


async def _story(stores: Stores) -> list[Any]:
    """A bit of everything the bot does to its database; returns what the reads answered."""
    subs, follows, chats, sources = (
        stores.subscriptions,
        stores.follows,
        stores.chats,
        stores.sources,
    )
    said: list[Any] = []
    for chat in (-1001, 7, 8):
        await subs.subscribe(chat, 0, Schedule(frequency=Frequency.WORKDAYS), "UTC", NOW,
                             ["old"], NOW)  # fmt: skip
    await subs.subscribe(7, 3, Schedule(), "Asia/Shanghai", NOW + timedelta(hours=2), [], NOW)
    said.append(await subs.enqueue_announcements(["new1", "new2"], NOW))
    said.append(await subs.pending_announcements(0, 10))
    assert await stores.database.lock_pushes()
    first = (await subs.subscriptions_of(7))[0]
    said.append(await subs.claim(first.id, first.slot, NOW))
    said.append(await subs.claim(first.id, first.slot, NOW))
    await subs.finish(
        first.id, first.slot, "sent", None, NOW, Advance(NOW + timedelta(days=1), "r", 2)
    )
    [blocked] = await subs.subscriptions_of(8)
    said.append(await subs.claim(blocked.id, "report:new1", NOW))
    await subs.finish(blocked.id, "report:new1", "blocked", "Forbidden", NOW)
    said.append(await subs.hurry_all())
    said.append(await subs.due(NOW, 0, 10))
    await chats.set_zone(7, "Europe/Berlin")
    await chats.set_language(-1001, "en")
    await chats.choose_report(7, "abc")
    for n in range(4):
        await chats.remember_search(7, f"k{n}", f"query {n}", 3)
    said.append(await follows.follow(7, 0, "营商环境", ("营商", "环境"), NOW))
    said.append(await follows.follow(-1001, 0, "营商环境", ("营商", "环境"), NOW))
    said.append(await follows.unmatched(["new1", "new2"]))
    everyone = await follows.everyone()
    said.append(everyone)
    alerts = [NewAlert(f.id, f.chat_id, "<b>alert</b> 100%", "s") for f in everyone]
    await follows.record_news("new1", False, alerts, NOW)
    await follows.record_news("new1", True, [], NOW)
    said.append(await follows.updated_reports())
    [pending, *_] = await follows.pending((0, ""), 10)
    said.append(await follows.claim(pending.follow_id, pending.slot, NOW))
    await follows.finish(pending.follow_id, pending.slot, "sent", None, NOW)
    await sources.record_fetched("http://a/1", "gov", Validators('"e"', "Mon"), "d1", 1.5)
    said.append(await sources.record_failure("http://a/2", "gov", "500", 2.0, (300.0, 3600.0)))
    said.append(await sources.record_failure("http://a/2", "gov", "500", 3.0, (300.0, 3600.0)))
    said.append(await sources.save_report("http://a/1", "gov", "dg1", "T", None, 4.25))
    said.append(await sources.save_report("http://a/1", "gov", "dg2", "T2", Path("/r/x.txt"), 5.0))
    said.append(await sources.report_by_digest("dg1"))
    await sources.note_source("gov", 6.0, succeeded=False, error="timeout")
    await sources.note_source("gov", 7.0, succeeded=True)
    said.append(await sources.statuses())
    await stores.migrate_chat(7, 9)
    said.append(await subs.recover())
    said.append(await follows.recover())
    said.append(await subs.stats(NOW - timedelta(days=1)))
    await stores.database.unlock_pushes()
    return said


def _tables(target: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted((tuple(r) for r in rows(target, f"SELECT * FROM {t}")), key=repr)
            for t in TABLES}  # fmt: skip


async def test_the_same_calls_leave_the_same_rows_on_sqlite_and_postgresql(
    tmp_path: Path, pg_server: PgServer
) -> None:
    answers, tables = [], []
    for target in (tmp_path / "bot.sqlite3", pg_server.fresh_database()):
        stores = Stores.at(target)
        await stores.open()
        try:
            answers.append(await _story(stores))
        finally:
            await stores.close()
        tables.append(_tables(target))
    sqlite, postgres = tables
    assert all(sqlite.values()), "the story leaves rows in every table"
    assert postgres == sqlite
    assert answers[1] == answers[0]
