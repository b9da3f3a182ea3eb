"""Two bot processes on one PostgreSQL database and the fake Bot API (webhooks, as behind a
proxy): the one pushing is killed with -9 mid-round, the other takes the lease over and
finishes it, every subscriber gets exactly one briefing, and both answer updates meanwhile; a
report dropped into the folder both watch is announced once and alerts once."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.kits.clikit import ADMIN, free_port, healthz
from bench.kits.fault_api import DropConnection, FakeBotApi
from bench.kits.gov_docs import report_lines
from bench.kits.paths import SEEDS
from bench.kits.pgserver import PgServer
from bench.kits.replicakit import LEASE, say, start_replicas, stop_replicas, subscribe_all, until
from tests.kits.push_fixtures import rows

CHATS = range(60_001, 60_401)
KILL_AT = 60  # the holder dies at this briefing


def _briefing(method: str, params: dict[str, Any]) -> bool:
    return method == "sendMessage" and str(params.get("text", "")).startswith("📖")


class KillHolder:
    """At the KILL_AT-th briefing, waits until the holder recorded every briefing answered so
    far, kills it with -9, and leaves its sends then in flight unanswered (as a dead process's
    are): the same sent-versus-recorded window as the one-machine kill -9 test, kept shut."""

    def __init__(self, url: str, api: FakeBotApi) -> None:
        self.url, self.api = url, api
        self.sends = 0
        self.killed: int | None = None  # the dead replica's pid
        self.dead = asyncio.Event()
        self.since = 0.0
        self.resumed: float | None = None  # when the other replica's first briefing came

    async def __call__(self, method: str, params: dict[str, Any]) -> None:
        if not _briefing(method, params):
            return
        self.sends += 1
        if self.sends == KILL_AT:
            await self._kill()
        if self.sends >= KILL_AT and (
            not self.dead.is_set() or time.monotonic() - self.since < 0.5
        ):
            # The dying one's last requests: no answer. The other replica sends only once the
            # lease ran out, well after this half second.
            await self.dead.wait()
            raise DropConnection
        if self.dead.is_set() and self.resumed is None:
            self.resumed = time.monotonic()

    async def _kill(self) -> None:
        answered = sum(1 for c in self.api.sent("sendMessage") if str(c.params["text"])[0] == "📖")
        for _ in range(500):  # 5 s at most
            recorded = rows(self.url, "SELECT count(*) AS n FROM deliveries WHERE state = 'sent'")
            if recorded[0]["n"] >= answered:
                break
            await asyncio.sleep(0.01)
        [lease] = rows(self.url, "SELECT holder FROM leases WHERE name = 'push'")
        self.killed = int(lease["holder"].split(":")[-2])  # host:pid:database
        os.kill(self.killed, signal.SIGKILL)
        self.since = time.monotonic()
        self.dead.set()


async def test_the_pushing_replica_killed_mid_round_the_other_finishes_it_once_each(
    tmp_path: Path, pg_server: PgServer, capsys: Any
) -> None:
    url = pg_server.fresh_database()
    await subscribe_all(url, CHATS)
    api = FakeBotApi()
    await api.start()
    killer = KillHolder(url, api)
    ports = [free_port(), free_port()]
    replicas = await start_replicas(tmp_path, api, url, ports)
    try:
        api.fault = killer
        for _ in range(20):  # the other's scheduled round may hold the lease a moment
            if "推送正在进行中" not in await say(api, ports[0], "/push_now", ADMIN):
                break
            await asyncio.sleep(0.5)
        await asyncio.wait_for(killer.dead.wait(), 60)
        alive = [port for port, p in zip(ports, replicas, strict=True) if p.pid != killer.killed]
        [survivor] = alive
        # An update during the round, to the replica still up, is answered.
        assert await say(api, survivor, "/help", 777)
        await until(lambda: len(_briefed(api)) == len(CHATS), "every subscriber briefed")
    finally:
        await stop_replicas(replicas)
        await api.stop()
    assert killer.killed in {p.pid for p in replicas}
    assert killer.resumed is not None
    took = killer.resumed - killer.since
    with capsys.disabled():
        print(f"\nfailover: holder killed at briefing {KILL_AT}, the other replica sent again after"
              f" {took:.1f} s (lease {LEASE:g} s + check interval 1 s)")  # fmt: skip
    assert took < LEASE + 1 + 5  # the stated bound, with room for a loaded machine
    assert _briefed(api) == Counter(CHATS), "every subscriber exactly one briefing"


def _briefed(api: FakeBotApi) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in api.sent("sendMessage")
                   if str(c.params["text"]).startswith("📖"))  # fmt: skip


READERS = range(61_001, 61_041)
FOLLOWER = 61_500
NEW_TITLE = "关于东湖区2021年度法治政府建设工作的报告"


def _texts_to(api: FakeBotApi, chat_id: int, mark: str) -> list[str]:
    return [str(c.params["text"]) for c in api.sent("sendMessage")
            if int(c.params["chat_id"]) == chat_id and mark in str(c.params["text"])]  # fmt: skip


async def test_a_report_dropped_into_the_shared_folder_is_announced_once_and_alerts_once(
    tmp_path: Path, pg_server: PgServer
) -> None:
    # Both replicas watch one folder (a shared volume), so both find the report: the ledger
    # in the database, not luck in timing, keeps each message to one.
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    url = pg_server.fresh_database()
    await subscribe_all(url, READERS, reports)
    api = FakeBotApi()
    await api.start()
    ports = [free_port(), free_port()]
    quick = {"reports_settle_seconds": 0.2, "push": {"announce_window_seconds": 0.5}}
    replicas = await start_replicas(tmp_path, api, url, ports, reports=reports, **quick)
    try:
        # Each has read the folder (a loaded machine may take longer than the second a start
        # waits for it): a report there then is one found at start, not one dropped later.
        for port in ports:
            await _until_async(port, lambda health: health["reports"] == 1)
        assert "依法行政" in await say(api, ports[1], "/follow 依法行政", FOLLOWER)
        part = reports / ".donghu.txt.part"
        part.write_text("\n".join(report_lines("东湖区", 2021)) + "\n", encoding="utf-8")
        part.rename(reports / "donghu.txt")

        def told() -> bool:
            everyone = all(_texts_to(api, chat, NEW_TITLE) for chat in READERS)
            return everyone and bool(_texts_to(api, FOLLOWER, "🔔"))

        await until(told, "every reader told and the follower alerted")
        for port in ports:  # both found it: the once below is not one replica missing it
            await _until_async(port, lambda health: health["reports"] == 2)
        await asyncio.sleep(4)  # four more check intervals, for a second message to show
        assert await say(api, ports[0], "/help", FOLLOWER)  # both still answer
        assert await say(api, ports[1], "/help", FOLLOWER)
    finally:
        _shown(url, await stop_replicas(replicas))
        await api.stop()
    for chat in READERS:
        [news] = _texts_to(api, chat, "🆕")
        assert re.findall(r"<b>([^<]+)</b>", news) == [NEW_TITLE]
    [alert] = _texts_to(api, FOLLOWER, "🔔")
    assert NEW_TITLE in alert and "依法行政" in alert
    assert not _texts_to(api, FOLLOWER, "🆕"), "the follower subscribed to nothing"
    assert rows(url, "SELECT count(*) AS n FROM alerts")[0]["n"] == 1


def _shown(url: str, logged: list[str]) -> None:
    """Printed, so shown if the test fails: what each replica logged (but the scheduler's two
    lines a second) and what the database recorded of the new report, in time order."""
    for n, log in enumerate(logged):
        lines = [line for line in log.splitlines() if "apscheduler" not in line]
        print(f"--- replica {n}", *lines, sep="\n")
    queries = {
        "matched": "SELECT matched, digest FROM report_news ORDER BY matched",
        "alerts": "SELECT updated, state, follow_id, digest FROM alerts ORDER BY updated",
        "news": "SELECT updated, state, count(*) AS n FROM deliveries WHERE slot LIKE 'report:%'"
        " GROUP BY updated, state ORDER BY updated",
    }  # fmt: skip
    for name, sql in queries.items():
        print(f"--- {name}", *(tuple(row) for row in rows(url, sql)), sep="\n")


async def _until_async(port: int, condition: Any, seconds: float = 60) -> None:
    for _ in range(int(seconds * 10)):
        health = await healthz(port)
        if health is not None and condition(health):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never happened: /healthz on {port}")


async def _until_briefed(port: int) -> None:
    await _until_async(port, lambda health: health["reports"] == health["briefed"] == 2)


async def test_a_new_report_in_the_shared_folder_is_briefed_once_and_both_replicas_answer_it(
    tmp_path: Path, pg_server: PgServer
) -> None:
    # Each replica has a cache folder of its own (the seed's briefing warm in both): only the
    # database can tell one replica that the other briefed the new report.
    reports = tmp_path / "reports"
    shutil.copytree(SEEDS, reports)
    url = pg_server.fresh_database()
    api = FakeBotApi()
    await api.start()
    ports = [free_port(), free_port()]
    replicas = await start_replicas(tmp_path, api, url, ports, reports=reports,
                                    reports_settle_seconds=0.2)  # fmt: skip
    try:
        part = reports / ".donghu.txt.part"
        part.write_text("\n".join(report_lines("东湖区", 2021)) + "\n", encoding="utf-8")
        part.rename(reports / "donghu.txt")
        for port in ports:
            await _until_briefed(port)
        answers = [await say(api, port, "/summary", FOLLOWER, timeout=30) for port in ports]
    finally:
        logged = await stop_replicas(replicas)
        await api.stop()
    briefed = [log.count("briefed donghu.txt in") for log in logged]
    loaded = [log.count("loaded the briefing of donghu.txt") for log in logged]
    assert sorted(briefed) == [0, 1] and sorted(loaded) == [0, 1], (briefed, loaded)
    assert briefed != loaded  # the one that did not brief it loaded it
    [job] = rows(url, "SELECT state, attempts FROM briefing_jobs")
    assert (job["state"], job["attempts"]) == ("done", 1)
    [stored] = rows(url, "SELECT format, length(data) AS size FROM shared_briefings")
    assert stored["format"] == 6 and stored["size"] > 0
    assert answers[0] == answers[1] and "东湖区" in answers[0], answers
    assert "关键数据" in answers[0]  # the briefing's figures, not the parsed report alone
