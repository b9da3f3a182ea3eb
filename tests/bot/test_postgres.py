"""The bot's database on PostgreSQL: the same answers as SQLite from the same migrations, one
pusher at a time by a lease, and a clear line when the server is wrong or away."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest

from bench.kits.clikit import ADMIN
from bench.kits.fault_api import FakeBotApi
from bench.kits.gov_site import GovSite
from bench.kits.pgserver import PgServer, running_server
from bot.config import ConfigError, parse_config
from bot.push.follows import NewAlert
from bot.push.schedule import Frequency, Schedule
from bot.push.store import Advance
from bot.repositories import Stores
from bot.sources import FetchPolicy, SourcePoller, SourceRunner, SourceSpec, SourceStore
from bot.sources.http import PoliteClient, Validators
from bot.store import database
from bot.store.database import LeaseLost
from bot.store.postgres import PostgresDatabase, redacted
from bot.web.server import build_web_app, serving
from tests.kits.push_fixtures import Clock, push_bot, rows, start_on_database

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
    said.append(await chats.reports([7, -1001, 12345]))
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


async def test_one_replica_pushes_at_a_time_and_another_takes_over_once_the_lease_expires(
    pg_server: PgServer,
) -> None:
    url = pg_server.fresh_database()
    first, second = Stores.at(url, lease_seconds=1.5), Stores.at(url, lease_seconds=1.5)
    await first.open()
    await second.open()
    try:
        sub = await first.subscriptions.subscribe(5, 0, Schedule(), "UTC", NOW, [], NOW)
        assert await first.database.lock_pushes()
        assert not await second.database.lock_pushes()
        await asyncio.sleep(2)  # renewed meanwhile: still the first's
        assert not await second.database.lock_pushes()
        # The first stalls (its renewals stop, as in a frozen process) past the expiry.
        assert isinstance(first.database, PostgresDatabase) and first.database._renewing
        first.database._renewing.cancel()
        await asyncio.sleep(1.7)
        assert await second.database.lock_pushes()
        with pytest.raises(LeaseLost):  # fenced: the stalled one claims nothing any more
            await first.subscriptions.claim(sub.id, sub.slot, NOW)
        assert await second.subscriptions.claim(sub.id, sub.slot, NOW)
        [row] = rows(url, "SELECT token FROM leases WHERE name = 'push'")
        assert row["token"] == 2
    finally:
        await first.close()
        await second.close()


def test_a_password_in_the_database_url_is_refused_without_being_printed(tmp_path: Path) -> None:
    raw = {"database": "postgresql://bot:s3cret@db.example:5432/briefing"}
    with pytest.raises(ConfigError) as refused:
        parse_config(raw, tmp_path, env={})
    assert "PGPASSWORD" in str(refused.value) and "s3cret" not in str(refused.value)
    assert redacted(raw["database"]) == "postgresql://bot@db.example:5432/briefing"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("postgresql://briefing@127.0.0.1:{closed}/none", "127.0.0.1"),  # nothing listens
        ("postgresql://briefing@127.0.0.1:{port}/no_such_database", "no_such_database"),
        ("postgresql://briefing@127.0.0.1:notaport/x", "not a valid postgresql:// URL"),
    ],
)
async def test_a_wrong_or_unreachable_database_stops_start_up_with_one_line(
    tmp_path: Path, pg_server: PgServer, url: str, said: str
) -> None:
    target = url.format(closed=9, port=pg_server.port)
    status, stderr = await start_on_database(tmp_path, target)
    assert status == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], stderr
    assert "Traceback" not in stderr


async def test_a_statement_that_finds_the_server_away_before_the_pool_opens_is_retried(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only open() says "cannot use the push database" (start-up's one line); a statement that
    # opens the pool itself (before open(), or after close()) fails as a lost server does
    # mid-run: an OperationalError, retried, which the handlers and the push round catch.
    monkeypatch.setattr(database, "LOCK_PATIENCE", 0.5)
    attempts = 0
    connect = psycopg.AsyncConnection.connect

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal attempts
        attempts += 1
        return await connect(*args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncConnection, "connect", counted)
    away = PostgresDatabase("postgresql://briefing@127.0.0.1:9/none")
    with pytest.raises(sqlite3.OperationalError):
        await away.rows("SELECT 1")
    assert attempts > 1
    closed = await PostgresDatabase(pg_server.fresh_database()).open()
    await closed.close()
    assert [tuple(row) for row in await closed.rows("SELECT 1")] == [(1,)]  # reopened
    await closed.close()


class ServerAway:
    """Stops the PostgreSQL server at the `at`-th briefing sent, and starts it again `away`
    seconds later, while the round goes on."""

    def __init__(self, server: PgServer, at: int, away: float) -> None:
        self.server, self.at, self.away = server, at, away
        self.sends = 0
        self.back: asyncio.Task[None] | None = None

    async def __call__(self, method: str, params: dict[str, Any]) -> None:
        if method == "sendMessage" and params["text"].startswith("📖"):
            self.sends += 1
            if self.sends == self.at:
                await asyncio.to_thread(self.server.stop)
                self.back = asyncio.create_task(self._start_later())

    async def _start_later(self) -> None:
        await asyncio.sleep(self.away)
        await asyncio.to_thread(self.server.start)


async def test_a_server_stopped_mid_round_is_waited_for_and_nothing_is_lost_or_doubled(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    chats = range(50_001, 50_301)
    caplog.set_level(logging.WARNING, logger="bot.push")
    api = FakeBotApi()
    with running_server() as server:  # its own: the session's server is not stopped
        url = server.fresh_database()
        away = ServerAway(server, at=40, away=3.0)
        async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00"), api=api,
                            database=url) as bot:  # fmt: skip
            await bot.pusher.wait_idle()
            known = [report.digest for report in bot.pusher.library.reports]
            for chat in chats:
                await bot.store.subscribe(chat, 0, Schedule(), "UTC", bot.clock(), known,
                                          bot.clock())  # fmt: skip
            api.fault = away
            first = await bot.push_round()
            assert away.back is not None
            await away.back
            await bot.push_round()  # what a lost commit left in flight, requeued
        states = Counter(r["state"] for r in rows(url, "SELECT state FROM deliveries"))
    briefed = Counter(int(c.params["chat_id"]) for c in api.sent("sendMessage")
                      if c.params["text"].startswith("📖"))  # fmt: skip
    assert briefed == Counter(chats), "every subscriber exactly one briefing"
    assert states["sent"] == len(chats) and states["sending"] == 0
    said = [r.getMessage() for r in caplog.records if "waits and retries" in r.getMessage()]
    assert said and all(line.startswith(f"push database {redacted(url)}") for line in said)
    assert first.fault is None


async def test_replicas_take_turns_each_source_polled_once_an_interval(
    tmp_path: Path, pg_server: PgServer, site: GovSite
) -> None:
    url = pg_server.fresh_database()
    spec = SourceSpec("常", "url", site.url("/art/a4.html"), interval_seconds=1.5)
    found: list[str] = []

    async def deliver(fetched: list[Any]) -> None:
        found.extend(item.status for item in fetched)

    runners = []
    for _ in range(2):  # two replicas: a store and a poller each, one database, one folder
        store = await SourceStore.open(url)
        poller = SourcePoller(PoliteClient(FetchPolicy(host_interval_seconds=0.0)), store,
                              tmp_path / "reports")  # fmt: skip
        runners.append(SourceRunner(poller, [spec], deliver))
    try:
        for _ in range(2):  # two intervals
            await asyncio.gather(*(runner.poll_due() for runner in runners))
            await asyncio.sleep(1.6)
    finally:
        for runner in runners:
            await runner.poller.close()
    assert len(site.hits_of("/art/a4.html")) == 2, "once an interval, by one replica"
    assert found == ["new"]  # reported once; the second poll's copy is known


async def test_a_setting_or_search_made_through_one_replica_is_seen_by_the_other(
    pg_server: PgServer,
) -> None:
    url = pg_server.fresh_database()
    one, other = Stores.at(url), Stores.at(url)
    await one.open()
    await other.open()  # both read every setting at start
    try:
        assert await other.chats.language(5) == "zh"
        await one.chats.set_language(5, "en")
        await one.chats.set_zone(5, "Europe/Berlin")
        await one.chats.remember_search(5, "k1", "营商环境", 3)
        assert await other.chats.language(5) == "en"
        assert await other.chats.zone(5, "Asia/Shanghai") == "Europe/Berlin"
        assert await other.chats.languages() == {5: "en"}
        assert await other.chats.search(5, "k1") == "营商环境"
        await one.chats.choose_report(5, "abc")
        assert await other.chats.reports([5, 6]) == {5: "abc", 6: None}  # what a push reads
    finally:
        await one.close()
        await other.close()


async def _health(bot: Any) -> tuple[int, dict[str, Any]]:
    async with serving(build_web_app(bot.app), "127.0.0.1", 0) as port:
        url = f"http://127.0.0.1:{port}/healthz"
        async with aiohttp.ClientSession() as session, session.get(url) as answer:
            return answer.status, await answer.json()


async def test_healthz_says_whether_the_postgresql_server_can_be_reached(tmp_path: Path) -> None:
    # A load balancer sends updates away from a replica cut off from the shared database.
    with running_server() as server:  # its own: the session's server is not stopped
        url = server.fresh_database()
        async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00"), database=url) as bot:
            await bot.pusher.wait_idle()
            up = await _health(bot)
            server.stop("immediate")
            away = await _health(bot)
            server.start()
            back = await _health(bot)
    assert up[0] == 200 and up[1]["database"] == "ok"
    assert away[0] == 503 and away[1]["database"] == "the database server cannot be reached"
    assert "127.0.0.1" not in str(away[1])  # /healthz may be public: no host named
    assert back[0] == 200 and back[1]["database"] == "ok"


async def test_stats_names_the_other_replica_pushing(tmp_path: Path, pg_server: PgServer) -> None:
    url = pg_server.fresh_database()
    async with push_bot(tmp_path, Clock("2024-05-06T01:00:00+00:00"), database=url) as bot:
        await bot.pusher.wait_idle()
        idle = (await bot.say("/stats", chat_id=ADMIN)).params["text"]
        # Another replica's lease, as its lock_pushes leaves it, for a minute to come.
        rows(url, "INSERT INTO leases (name, holder, expires, token) VALUES ('push',"
                  " 'other-host:4242:abcdef', extract(epoch FROM clock_timestamp()) + 60, 1)"
                  " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                  " expires = excluded.expires RETURNING token")  # fmt: skip
        elsewhere = (await bot.say("/stats", chat_id=ADMIN)).params["text"]
    assert "当前没有进行中的推送" in idle
    assert "推送在另一副本进行中（other-host:4242:abcdef）" in elsewhere.splitlines()


async def test_statements_run_side_by_side_on_at_most_the_configured_connections(
    pg_server: PgServer,
) -> None:
    url = pg_server.fresh_database()
    database = PostgresDatabase(url, connections=3)
    await database.open()
    try:
        sleeping = [
            asyncio.create_task(database.rows("SELECT pg_sleep(0.5) AS slept")) for _ in range(8)
        ]
        busy = 0
        for _ in range(20):  # until the pool has grown to its bound
            await asyncio.sleep(0.1)
            [row] = rows(url, "SELECT count(*) AS n FROM pg_stat_activity"
                              " WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'")  # fmt: skip
            busy = max(busy, row["n"])
        await asyncio.gather(*sleeping)
    finally:
        await database.close()
    assert busy == 3  # more than one at a time, never more than configured
