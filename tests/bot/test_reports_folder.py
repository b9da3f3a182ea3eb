"""The watched reports folder against what an operator, a slow writer or a bulk drop puts there:
file names that are not UTF-8, half-written and replaced files, links leading out of the folder,
thousands of reports at once. Through the fake Bot API, as subscribers see it."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import threading
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from bench.kits.fault_api import FakeBotApi
from bot.config import REPORTS_SETTLE_SECONDS
from bot.library.reports import ReportLibrary
from bot.state import state_of
from briefings.catalogue import Listing
from tests.kits import push_fixtures as fixtures
from tests.kits.push_fixtures import Clock, Harness, rows
from tests.kits.sizes import size
from tests.kits.sources_bot import (
    DONGHU,
    SUBSCRIBER,
    announced_titles,
    announcements,
    answer_until,
    push_bot,
    report_text,
    settle,
    until,
)

BAD_NAME = b"\xff\xfe_bad.txt"
# A settle time long enough for a writer's pause of half of it, with the bot looking (once a
# second) twice meanwhile: what the shipped 10 s would prove too, in less than half the wait,
# and 2 s of margin for a loaded machine's late wake-up before the half file would look settled.
SETTLE_SECONDS = 4.0
PAUSE_SECONDS = SETTLE_SECONDS / 2
XIHU = "关于西湖区2021年度法治政府建设工作的报告"


def drop_badly_named(folder: Path) -> None:
    """A report whose file name is not UTF-8 (as a Windows share or an old zip may leave)."""
    with open(os.path.join(os.fsencode(folder), BAD_NAME), "wb") as file:
        file.write(report_text("青山湖区").encode())


def skipped_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "xff" in r.getMessage()]


async def test_a_report_file_whose_name_is_not_utf8_is_skipped_and_start_up_goes_on(
    tmp_path: Path, clock: Clock, reports: Path, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO)
    drop_badly_named(reports)
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        listing = (await bot.say("/reports")).params["text"]
        assert "共 1 份" in listing and "青山湖区" not in listing
        reloaded = (await bot.say("/reload", chat_id=4242)).params["text"]
        assert "\\xff\\xfe_bad.txt" in reloaded and "not UTF-8" in reloaded
    assert len([line for line in skipped_lines(caplog) if "skipped" in line]) == 1


async def test_a_good_report_dropped_beside_a_badly_named_one_is_briefed_announced_and_searchable(
    tmp_path: Path, clock: Clock, reports: Path, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO)
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        drop_badly_named(reports)
        (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
        await until(lambda: announcements(bot))
        await settle(bot)
        assert announced_titles(bot) == [DONGHU]
        found = await answer_until(bot, "/search 政务服务事项", "办理时限平均压缩21%")
        assert "正在建立" not in found
        (reports / "xihu.txt").write_text(report_text("西湖区"), encoding="utf-8")
        await until(lambda: len(announced_titles(bot)) == 2)
        await settle(bot)
        assert announced_titles(bot) == [DONGHU, XIHU]
    # one line for the bad name, however many looks and reloads met it
    assert len(skipped_lines(caplog)) == 1


async def test_a_writer_pausing_mid_file_gets_only_the_complete_report_announced(
    tmp_path: Path, clock: Clock, reports: Path
):
    text = report_text("西湖区")
    half = text.index("二、存在的问题")  # the first half is a report too: read, it would show
    settled = {"reports_settle_seconds": SETTLE_SECONDS}
    async with push_bot(tmp_path, clock, reports=reports, **settled) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        library = state_of(bot.app).library
        with (reports / "xihu.txt").open("w", encoding="utf-8") as file:
            file.write(text[:half])
            file.flush()
            await asyncio.sleep(PAUSE_SECONDS)  # the writer pauses, the bot looking meanwhile
            assert all(r.source != "xihu.txt" for r in library.reports)
            file.write(text[half:])
        listing = await until(
            lambda: next((r for r in library.reports if r.source == "xihu.txt"), None), tries=400
        )
        report = library.report(listing.digest)
        assert [section.title for section in report.sections][-1].startswith("下一步工作安排")
        await until(lambda: announcements(bot))
        await settle(bot)
        assert announced_titles(bot) == [XIHU]


async def test_a_report_replaced_soon_after_it_was_dropped_is_announced_once_as_itself(
    tmp_path: Path, clock: Clock, reports: Path
):
    settled = {"reports_settle_seconds": SETTLE_SECONDS}
    async with push_bot(tmp_path, clock, reports=reports, **settled) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        library = state_of(bot.app).library
        (reports / "new.txt").write_text(report_text("东湖区"), encoding="utf-8")
        await asyncio.sleep(PAUSE_SECONDS)
        (reports / "new.txt").write_text(report_text("西湖区"), encoding="utf-8")
        await until(lambda: any(r.source == "new.txt" for r in library.reports), tries=400)
        await until(lambda: announcements(bot))
        await settle(bot)
        assert announced_titles(bot) == [XIHU]
        assert DONGHU not in (await bot.say("/reports")).params["text"]


async def test_a_report_renamed_into_place_is_taken_without_waiting_to_settle(
    tmp_path: Path, clock: Clock, reports: Path
):
    settled = {"reports_settle_seconds": REPORTS_SETTLE_SECONDS}
    async with push_bot(tmp_path, clock, reports=reports, **settled) as bot:
        library = state_of(bot.app).library
        part = reports / ".donghu.txt.part"
        part.write_text(report_text("东湖区"), encoding="utf-8")
        written = time.time() - 2 * REPORTS_SETTLE_SECONDS  # written a while ago, then moved in
        os.utime(part, (written, written))
        began = time.monotonic()
        part.rename(reports / "donghu.txt")
        await until(lambda: any(r.source == "donghu.txt" for r in library.reports))
        assert time.monotonic() - began < REPORTS_SETTLE_SECONDS / 2


async def test_a_link_leading_out_of_the_reports_folder_is_neither_listed_nor_served(
    tmp_path: Path, clock: Clock, reports: Path
):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
    (reports / "donghu.txt").symlink_to(outside / "donghu.txt")
    (reports / "inner").mkdir()
    (reports / "inner" / "xihu.html.bak").write_text(report_text("西湖区"), encoding="utf-8")
    (reports / "xihu.txt").symlink_to(reports / "inner" / "xihu.html.bak")  # inside: followed
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        listing = (await bot.say("/reports")).params["text"]
        assert DONGHU not in listing and XIHU in listing
        reloaded = (await bot.say("/reload", chat_id=4242)).params["text"]
        assert "donghu.txt" in reloaded and "outside reports_dir" in reloaded
    allowed = {"reports_links_into": [str(outside)]}  # the operator allows that folder
    async with push_bot(tmp_path, clock, reports=reports, **allowed) as bot:
        assert DONGHU in (await bot.say("/reports")).params["text"]


BULK = int(size("BULK_REPORTS", 5000, 5000))  # ~55 s on a busy 2-core machine
SUBSCRIBERS = (SUBSCRIBER, 3002, 3003)
HANDFUL = 3


def told_of(bot: Harness, chat: int) -> int:
    """How many reports the chat's news messages counted, all together."""
    texts = announcements(bot, chat)
    return sum(int(n) for text in texts for n in re.findall(r"新报告 (\d+) 份", text))


@pytest.mark.soak
async def test_thousands_of_reports_dropped_at_once_are_a_handful_of_messages_listed_and_searchable(
    tmp_path: Path, clock: Clock, reports: Path
):
    staging = tmp_path / "staging"
    staging.mkdir()
    for n in range(BULK):
        text = report_text(f"样本{n:04d}区", 2000 + n % 25)
        (staging / f"bulk_{n:04d}.txt").write_text(text, encoding="utf-8")
    window = {"announce_window_seconds": 2.0}
    async with fixtures.push_bot(tmp_path, clock, reports=reports, scheduler=True, **window) as bot:
        for chat in SUBSCRIBERS:
            await bot.say("/subscribe", chat_id=chat)
        library = state_of(bot.app).library
        began = time.monotonic()
        for path in staging.iterdir():  # moved into the folder at once
            path.rename(reports / path.name)
        await until(lambda: len(library.reports) == BULK + 1, tries=1200)
        listed = time.monotonic() - began
        # every report told of, however many batches it took (a surplus fails the sum below)
        await until(lambda: all(told_of(bot, chat) >= BULK for chat in SUBSCRIBERS), tries=600)
        await settle(bot)
        listing = (await bot.say("/reports")).params["text"]
        assert f"共 {BULK + 1} 份" in listing
        last = f"样本{BULK - 1:04d}区"
        # the last report's sentences are found; the chat's own report may still be queued for
        # briefing (newest first, two workers), which the reply says, and that is no failure
        await answer_until(bot, f"/search {last}", last, tries=600)
        searchable = time.monotonic() - began
        for chat in SUBSCRIBERS:
            told = announcements(bot, chat)
            assert 1 <= len(told) <= HANDFUL, told
            assert told_of(bot, chat) == BULK
        database = bot.config.database
        sent = rows(database, "SELECT sub_id, slot, count(*) AS n FROM deliveries"
                              " WHERE slot LIKE 'report:%' GROUP BY sub_id, slot")  # fmt: skip
        assert all(row["n"] == 1 for row in sent)
        states = rows(database, "SELECT state, count(*) AS n FROM deliveries"
                                " WHERE slot LIKE 'report:%' GROUP BY state")  # fmt: skip
        by_state = {row["state"]: row["n"] for row in states}
        assert by_state.pop("sent") == len(SUBSCRIBERS) * BULK
        assert set(by_state) <= {"known"}  # the seed, there when they subscribed
        print(f"{BULK} reports: listed in {listed:.1f} s, the last searchable in {searchable:.1f} s;"
              " messages per subscriber "
              f"{[len(announcements(bot, chat)) for chat in SUBSCRIBERS]}")  # fmt: skip


async def test_a_chat_gets_at_most_its_hourly_cap_of_news_messages_and_the_rest_waits(
    tmp_path: Path, clock: Clock, reports: Path
):
    capped = {"announcements_per_hour": 1}
    async with fixtures.push_bot(tmp_path, clock, reports=reports, **capped) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        library = state_of(bot.app).library
        (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
        await until(lambda: announcements(bot))
        (reports / "xihu.txt").write_text(report_text("西湖区"), encoding="utf-8")
        await until(lambda: any(r.source == "xihu.txt" for r in library.reports))
        await asyncio.sleep(0.5)  # its window closed: queued
        await settle(bot)
        assert announced_titles(bot) == [DONGHU]  # the hour's one message went
        clock.set("2024-05-06T02:01:00+00:00")  # an hour on
        await settle(bot)
        assert announced_titles(bot) == [DONGHU, XIHU]


async def test_a_report_dropped_while_a_round_is_sending_is_announced_when_that_round_ends(
    tmp_path: Path, clock: Clock, reports: Path
):
    # No scheduled rounds here: only the round asked for while the busy one ran can send it.
    api, release, held = FakeBotApi(), asyncio.Event(), []
    owed = 777_001

    async def hold_the_owed_chat(method: str, params: dict[str, Any]) -> None:
        if method == "sendMessage" and int(params.get("chat_id") or 0) == owed:
            held.append(params)
            await release.wait()

    async with fixtures.push_bot(tmp_path, clock, api=api, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        await bot.say("/subscribe", chat_id=owed)
        await settle(bot)  # both had their first briefings
        api.fault = hold_the_owed_chat
        busy = asyncio.create_task(bot.pusher.run(hurry=True))  # due now: the send is held
        await until(lambda: held)
        (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
        pending = (
            "SELECT count(*) AS n FROM deliveries WHERE state = 'pending' AND slot LIKE 'report:%'"
        )
        await until(lambda: rows(bot.config.database, pending)[0]["n"] >= 2)
        await asyncio.sleep(0.5)  # the window's round was asked for, and refused as busy
        assert not announcements(bot)
        release.set()
        await busy
        await until(lambda: announcements(bot))
        assert announced_titles(bot) == [DONGHU]


async def test_the_hourly_cap_of_news_messages_counts_what_another_process_sent(
    tmp_path: Path, clock: Clock, reports: Path, database: Path | str
):
    # The process that sent the hour's message stopped (or is another replica on the same
    # PostgreSQL): the one pushing now reads the hour from the delivery log, not its memory.
    capped = {"announcements_per_hour": 1}
    async with fixtures.push_bot(tmp_path, clock, reports=reports, database=database,
                                 **capped) as first:  # fmt: skip
        await first.say("/subscribe", chat_id=SUBSCRIBER)
        (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
        await until(lambda: announcements(first))
        assert announced_titles(first) == [DONGHU]
    (reports / "xihu.txt").write_text(report_text("西湖区"), encoding="utf-8")
    clock.set("2024-05-06T01:30:00+00:00")  # half an hour on: the cap still holds
    async with fixtures.push_bot(tmp_path, clock, reports=reports, database=database,
                                 **capped) as second:  # fmt: skip
        await settle(second)
        assert announced_titles(second) == []
        clock.set("2024-05-06T02:01:00+00:00")  # an hour after the first message
        await settle(second)
        assert announced_titles(second) == [XIHU]


async def test_a_report_that_came_while_the_bot_was_down_is_announced_when_the_first_round_beats_the_folder(
    tmp_path: Path, clock: Clock, reports: Path, monkeypatch: pytest.MonkeyPatch
):
    # A folder read slowly at start (thousands of reports never read before): the first round
    # may come before it is read, and must not take the empty library for what start-up found.
    async with fixtures.push_bot(tmp_path, clock, reports=reports) as first:
        await first.say("/subscribe", chat_id=SUBSCRIBER)
    (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
    release = threading.Event()
    reload = ReportLibrary.reload

    def held_reload(library: ReportLibrary, held: Collection[str] = ()) -> list[Listing]:
        release.wait(60)  # as parsing ten thousand files does
        return reload(library, held)

    monkeypatch.setattr(ReportLibrary, "reload", held_reload)
    monkeypatch.setattr("bot.app.LOAD_WAIT", 0.1)
    async with fixtures.push_bot(tmp_path, clock, reports=reports) as again:
        state = state_of(again.app)
        await again.push_round()  # the first round, the folder not read yet
        release.set()
        assert state.loading is not None
        await state.loading
        await settle(again)
        assert announced_titles(again) == [DONGHU]
