"""Replicas on one PostgreSQL database brief each report once: a job per report, claimed by one
replica (FOR UPDATE SKIP LOCKED), held while renewed and taken over once its claim expires;
the briefing stored for the others to load."""

from __future__ import annotations

import asyncio
import functools
import time
from pathlib import Path

import psycopg

from bench.kits.gov_docs import report_lines
from bench.kits.pgserver import PgServer
from bot.library.briefer import WATCH_SECONDS, Briefer
from bot.library.reports import ReportLibrary
from bot.store.briefings import SharedBriefings
from bot.store.postgres import PostgresDatabase
from briefings import cache
from tests.kits.push_fixtures import rows
from tests.kits.slow_work import brief_stalling_on
from tests.kits.sources_bot import until

TERM = 1.0  # a claim's term, short so a takeover comes within seconds


async def _replica(url: str, holder: str, term: float = TERM) -> SharedBriefings:
    database = PostgresDatabase(url, TERM)
    await database.open()
    return SharedBriefings(database, holder, term)


def _library(tmp_path: Path, name: str) -> ReportLibrary:
    reports = tmp_path / "reports"
    reports.mkdir(exist_ok=True)
    path = reports / "donghu.txt"
    if not path.exists():
        path.write_text("\n".join(report_lines("东湖区", 2021)) + "\n", encoding="utf-8")
    library = ReportLibrary(reports, cache_dir=tmp_path / name / "cache")
    library.reload()
    return library


async def test_a_briefing_job_is_held_while_renewed_and_free_once_its_claim_expires(
    pg_server: PgServer,
) -> None:
    url = pg_server.fresh_database()
    one, two = await _replica(url, "one"), await _replica(url, "two")
    code = cache.code_fingerprint()
    try:
        assert await one.claim("d1", code)
        assert not await two.claim("d1", code) and await two.ready(["d1"]) == []
        await asyncio.sleep(TERM * 0.6)
        assert await one.renew("d1")
        await asyncio.sleep(TERM * 0.6)  # past the first term, within the renewed one
        assert not await two.claim("d1", code)
        await asyncio.sleep(TERM * 0.6)  # past the renewed term: the holder is taken for dead
        assert await two.ready(["d1"]) == ["d1"]
        assert await two.claim("d1", code)
        assert not await one.renew("d1")  # the late holder finds it passed on
        await two.finish("d1", code, b"the briefing")
        assert await one.stored("d1", code) == b"the briefing"
        assert await one.stored("d1", "other code") is None
        assert not await one.claim("d1", code)  # stored: nothing left to brief
        assert await one.claim("d1", "other code")  # stale to a replica of other code
    finally:
        await one.database.close()
        await two.database.close()
    [job] = rows(url, "SELECT attempts FROM briefing_jobs WHERE digest = 'd1'")
    assert job["attempts"] == 3


async def test_a_claim_skips_a_job_row_another_replica_is_claiming_instead_of_waiting(
    pg_server: PgServer,
) -> None:
    url = pg_server.fresh_database()
    one = await _replica(url, "one")
    code = cache.code_fingerprint()
    try:
        assert await one.claim("d1", code)
        await one.give_back("d1", "failed")  # free again, for the next to claim
        async with await psycopg.AsyncConnection.connect(url) as other:
            # Another replica's claim, mid-transaction, holds the row's lock.
            await other.execute("SELECT * FROM briefing_jobs WHERE digest = 'd1' FOR UPDATE")
            began = time.monotonic()
            assert not await asyncio.wait_for(one.claim("d1", code), 5)
            assert time.monotonic() - began < 1  # skipped, not waited for
            await other.rollback()
        assert await one.claim("d1", code)  # the lock gone, the job is claimed
    finally:
        await one.database.close()


async def test_a_report_whose_briefing_job_a_dead_replica_holds_is_briefed_once_its_claim_expires(
    tmp_path: Path, pg_server: PgServer
) -> None:
    url = pg_server.fresh_database()
    library = _library(tmp_path, "live")
    [listing] = library.reports
    dead = await _replica(url, "dead-host:1:abc")
    assert await dead.claim(listing.digest, cache.code_fingerprint())
    await dead.database.close()  # and it dies: no renewal, no briefing
    live = await _replica(url, "live-host:2:def")
    briefer = Briefer(library, sharing=live)
    try:
        began = time.monotonic()
        briefer.schedule(library.pending())
        briefing = await briefer.wait(listing, 60)
        took = time.monotonic() - began
    finally:
        await briefer.close()
        await live.database.close()
    assert briefing is not None and briefing.metrics
    # Not before the dead one's claim expired; after it, within a look (WATCH_SECONDS) and the
    # briefing itself (a worker started, jieba loaded: seconds on a loaded machine).
    assert TERM * 0.9 <= took < TERM + WATCH_SECONDS + 30
    [job] = rows(url, "SELECT state, attempts, holder FROM briefing_jobs")
    assert (job["state"], job["attempts"]) == ("done", 2)
    [stored] = rows(url, "SELECT digest, format, code FROM shared_briefings")
    assert stored["digest"] == listing.digest and stored["format"] == cache.CACHE_VERSION


async def test_a_replica_stopped_mid_briefing_frees_the_job_at_once(
    tmp_path: Path, pg_server: PgServer
) -> None:
    # A restart (or the next replica) briefs the report now, not once the claim has expired.
    url = pg_server.fresh_database()
    library = _library(tmp_path, "stopped")
    [listing] = library.reports
    pid_file = tmp_path / "worker.pid"
    stopped = await _replica(url, "stopped-host:1:abc", term=600)
    work = functools.partial(brief_stalling_on, listing.source, pid_file)
    briefer = Briefer(library, work=work, sharing=stopped)
    try:
        briefer.schedule(library.pending())
        await until(pid_file.exists)  # mid-briefing
    finally:
        await briefer.close()
        await stopped.database.close()
    next_one = await _replica(url, "next-host:2:def")
    try:
        assert await next_one.claim(listing.digest, cache.code_fingerprint())
    finally:
        await next_one.database.close()


async def test_a_replica_loads_the_briefing_another_stored_instead_of_briefing_it(
    tmp_path: Path, pg_server: PgServer
) -> None:
    url = pg_server.fresh_database()
    first, second = _library(tmp_path, "first"), _library(tmp_path, "second")
    one, two = await _replica(url, "one"), await _replica(url, "two")
    briefers = [Briefer(first, sharing=one), Briefer(second, sharing=two, work=_never)]
    try:
        [listing] = first.reports
        briefers[0].schedule(first.pending())
        assert await briefers[0].wait(listing, 60) is not None
        briefers[1].schedule(second.pending())
        loaded = await briefers[1].wait(listing, 30)
    finally:
        for briefer in briefers:
            await briefer.close()
        await one.database.close()
        await two.database.close()
    assert loaded is not None
    assert cache.to_bytes(loaded) == cache.to_bytes(first.briefings[listing.digest])
    # Kept in the second replica's own cache folder too: a restart reads it there.
    assert second.cache_dir is not None and cache.is_current(second.cache_dir, listing.digest)


def _never(report: object, cache_dir: object) -> object:
    raise AssertionError("briefed again: the stored briefing should have been loaded")
