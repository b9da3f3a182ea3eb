"""Scheduled delivery through the fake Bot API: local times, Telegram's errors, topics."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bench.kits.card_sample import has_cjk_font
from bench.kits.fault_api import FakeBotApi, Faults
from bot.local.bot_api import error
from tests.kits.push_fixtures import Clock, push_bot, rows

# PTB itself warns about the future type of RetryAfter.retry_after when it builds the error.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after:DeprecationWarning")
SHANGHAI, BERLIN = 5001, 5002


async def _subscribe(bot, chat: int, zone: str, *args: str) -> None:
    await bot.say(f"/timezone {zone}", chat_id=chat)
    await bot.say(" ".join(["/subscribe", *args]), chat_id=chat)


async def test_two_zones_fire_at_local_0800_across_berlin_dst(tmp_path: Path, database: Path | str):
    clock = Clock("2024-03-29T12:00:00+00:00")  # Friday; Berlin springs forward on Sunday 31st
    async with push_bot(tmp_path, clock, database=database) as bot:
        await _subscribe(bot, SHANGHAI, "Asia/Shanghai")
        await _subscribe(bot, BERLIN, "Europe/Berlin")
        expected = [  # (UTC now, who has been pushed so far)
            ("2024-03-29T23:59:00", {}),
            ("2024-03-30T00:00:00", {SHANGHAI: 1}),  # 08:00 CST
            ("2024-03-30T06:59:00", {SHANGHAI: 1}),
            ("2024-03-30T07:00:00", {SHANGHAI: 1, BERLIN: 1}),  # 08:00 CET (UTC+1)
            ("2024-03-31T00:00:00", {SHANGHAI: 2, BERLIN: 1}),
            ("2024-03-31T05:59:00", {SHANGHAI: 2, BERLIN: 1}),
            ("2024-03-31T06:00:00", {SHANGHAI: 2, BERLIN: 2}),  # 08:00 CEST (UTC+2)
        ]
        for now, pushed in expected:
            clock.set(now + "+00:00")
            await bot.push_round()
            counts = Counter(int(c.params["chat_id"]) for c in bot.api.sent("sendMessage")
                             if c.params["text"].startswith("📖"))  # fmt: skip
            assert counts == Counter(pushed), now
        chapters = [t.split("\n")[0] for t in bot.texts(BERLIN) if t.startswith("📖")]
        assert [c.split(" · ")[1] for c in chapters] == ["第 1/12 篇", "第 2/12 篇"]
        due = dict(
            tuple(r)
            for r in rows(bot.config.database, "SELECT chat_id, next_due FROM subscriptions")
        )
        assert due == {SHANGHAI: "2024-04-01T00:00:00Z", BERLIN: "2024-04-01T06:00:00Z"}


async def test_weekly_and_workdays_skip_the_right_days(tmp_path: Path, database: Path | str):
    clock = Clock("2024-05-03T12:00:00+00:00")  # Friday
    async with push_bot(tmp_path, clock, database=database) as bot:
        await bot.say("/subscribe 09:00 workdays", chat_id=6001)
        await bot.say("/subscribe weekly", chat_id=6002)
        due = dict(
            tuple(r)
            for r in rows(bot.config.database, "SELECT chat_id, next_due FROM subscriptions")
        )
        assert due == {6001: "2024-05-06T01:00:00Z", 6002: "2024-05-06T00:00:00Z"}  # Monday
        clock.set("2024-05-06T01:00:00+00:00")
        await bot.push_round()
        [weekly] = bot.texts(6002)[1:]
        assert weekly.startswith("🗞 本周简报")
        assert "2021年工作计划" in weekly
        if has_cjk_font():  # the weekly briefing carries the report's card
            [card] = [c for c in bot.api.sent("sendPhoto") if int(c.params["chat_id"]) == 6002]
            assert card.params["caption"].startswith("关于南昌市2020年度法治政府建设工作的报告")


async def test_flood_control_is_waited_out_and_the_message_delivered(
    tmp_path: Path, database: Path | str
):
    api = FakeBotApi()
    faults = Faults(flooded=Counter({7001: 1}))
    clock = Clock("2024-05-06T01:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database, api=api) as bot:
        await bot.say("/subscribe 08:00", chat_id=7001)
        api.fault = faults
        clock.set("2024-05-07T00:00:00+00:00")
        tally = await bot.push_round()
        assert (tally.sent, tally.failed) == (1, 0)
        assert faults.answered[429] == 1
        [row] = rows(
            bot.config.database,
            "SELECT state, attempts, error FROM deliveries WHERE state != 'known'",
        )
        assert tuple(row) == ("sent", 2, "429 retry after 1s")


async def test_blocked_chat_loses_its_subscription(tmp_path: Path, database: Path | str):
    api = FakeBotApi()
    clock = Clock("2024-05-06T01:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database, api=api) as bot:
        await bot.say("/subscribe", chat_id=7003)
        await bot.say("/subscribe", chat_id=7002)
        api.fault = Faults(blocked={7002})
        clock.set("2024-05-07T00:00:00+00:00")
        tally = await bot.push_round()
        assert (tally.sent, tally.blocked) == (1, 1)
        assert [
            r["chat_id"] for r in rows(bot.config.database, "SELECT chat_id FROM subscriptions")
        ] == [7003]
        [row] = rows(
            bot.config.database,
            "SELECT state, error FROM deliveries WHERE chat_id = 7002 AND state != 'known'",
        )
        assert tuple(row) == ("blocked", "403 Forbidden: bot was blocked by the user")


async def test_server_errors_are_retried_then_recorded_as_failed(
    tmp_path: Path, database: Path | str
):
    api = FakeBotApi()
    clock = Clock("2024-05-06T01:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database, api=api, max_attempts=3) as bot:
        await bot.say("/subscribe", chat_id=7004)
        await bot.say("/subscribe", chat_id=7005)
        api.fault = Faults(flaky=Counter({7004: 2, 7005: 5}))
        clock.set("2024-05-07T00:00:00+00:00")
        tally = await bot.push_round()
        assert (tally.sent, tally.failed) == (1, 1)
        assert bot.texts(7004)[-1].startswith("📖")
        state = {r["chat_id"]: tuple(r)[1:] for r in rows(
            bot.config.database, "SELECT s.chat_id, state, attempts, s.position, s.next_due FROM deliveries"
            " JOIN subscriptions s ON id = sub_id WHERE state != 'known'")}  # fmt: skip
        assert state[7004] == ("sent", 3, 1, "2024-05-08T00:00:00Z")
        assert state[7005] == ("failed", 3, 0, "2024-05-08T00:00:00Z")  # same chapter next time
        stats = await bot.say("/stats", chat_id=4242)
        assert "今日失败：1" in stats.params["text"]
        assert "最近错误：NetworkError: Internal Server Error" in stats.params["text"]


# Telegram's ~20 messages a minute to one group would space these tests' replies and pushes to
# their group 3 s apart; what they test is where the messages go (the pace: test_push_pacing.py).
QUICK_GROUPS = {"group_per_minute": 1200}


async def test_group_subscription_goes_to_its_topic(tmp_path: Path, database: Path | str):
    clock = Clock("2024-05-06T01:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database, **QUICK_GROUPS) as bot:
        group = -100123
        reply = await bot.say(
            "/subscribe", chat_id=group, user_id=9, chat_type="supergroup", thread_id=77
        )
        assert int(reply.params["message_thread_id"]) == 77
        await bot.say(
            "/subscribe 09:00", chat_id=group, user_id=9, chat_type="supergroup", thread_id=78
        )
        clock.set("2024-05-07T01:00:00+00:00")
        await bot.push_round()
        pushes = [
            c.params for c in bot.api.sent("sendMessage") if c.params["text"].startswith("📖")
        ]
        assert sorted(int(p["message_thread_id"]) for p in pushes) == [77, 78]
        assert {int(p["chat_id"]) for p in pushes} == {group}


async def test_replies_during_a_push_count_in_its_sending_budget(
    tmp_path: Path, database: Path | str
):
    """Telegram's limit counts replies and pushes alike: a push makes room for the replies sent
    beside it instead of adding to them, and the bot stays at its rate overall."""
    rate, subscribers, asker = 20.0, 40, 9001
    clock = Clock("2024-05-06T12:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database, rate_per_second=rate) as bot:
        for chat in range(7001, 7001 + subscribers):
            await bot.say("/subscribe", chat_id=chat)
        seen = len(bot.api.calls)
        clock.set("2024-05-07T00:00:00+00:00")  # 08:00 in Shanghai: every subscription is due
        push = asyncio.create_task(bot.push_round())
        await bot.api.wait_for(lambda c: c.method == "sendMessage" and c in bot.api.calls[seen:])
        for _ in range(subscribers // 2):
            bot.api.user_message("/start", asker, asker)
        tally = await push
        await bot.api.wait_for(lambda _: len(bot.texts(asker)) == subscribers // 2)
        sends = [c for c in bot.api.calls[seen:] if c.method == "sendMessage"]
    assert tally.sent == subscribers and len(sends) == subscribers * 3 // 2
    span = sends[-1].at - sends[0].at
    assert (len(sends) - 1) / span <= rate * 1.05  # without the shared budget: ~1.5 x rate


async def test_a_push_follows_a_group_that_became_a_supergroup(
    tmp_path: Path, database: Path | str
):
    group, supergroup = -7100, -1007100

    async def upgraded(method: str, params: dict[str, Any]) -> web.Response | None:
        if method == "sendMessage" and int(params["chat_id"]) == group:
            return error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                         migrate_to_chat_id=supergroup)  # fmt: skip
        return None

    api = FakeBotApi()
    clock = Clock("2024-05-06T01:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database, api=api, **QUICK_GROUPS) as bot:
        await bot.say("/timezone Europe/Berlin", chat_id=group, user_id=9, chat_type="group")
        await bot.say("/subscribe 07:00", chat_id=group, user_id=9, chat_type="group")
        api.fault = upgraded
        clock.set("2024-05-07T05:00:00+00:00")  # 07:00 in Berlin
        tally = await bot.push_round()
        assert (tally.sent, tally.failed) == (1, 0)
        assert bot.texts(supergroup)[-1].startswith("📖")
        listing = await bot.say("/subscriptions", chat_id=supergroup, user_id=9,
                                chat_type="supergroup")  # fmt: skip
        assert "07:00（Europe/Berlin）" in listing.params["text"]
        assert [
            tuple(r) for r in rows(bot.config.database, "SELECT chat_id FROM subscriptions")
        ] == [(supergroup,)]


async def test_the_upgrade_notice_moves_a_groups_subscription(tmp_path: Path, database: Path | str):
    group, supergroup = -7200, -1007200
    clock = Clock("2024-05-06T01:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database) as bot:
        await bot.say("/subscribe weekly", chat_id=group, user_id=9, chat_type="group")
        notice = {"message_id": 1, "date": 0, "chat": {"id": group, "type": "group"},
                  "migrate_to_chat_id": supergroup}  # fmt: skip
        bot.api.add_update({"message": notice})
        listing = await bot.say("/subscriptions", chat_id=supergroup, user_id=9,
                                chat_type="supergroup")  # fmt: skip
        assert "每周" in listing.params["text"]
        gone = await bot.say("/subscriptions", chat_id=group, user_id=9, chat_type="group")
        assert "每周" not in gone.params["text"]


async def test_a_push_overdue_at_start_goes_out_at_once_not_an_interval_later(
    tmp_path: Path, database: Path | str
):
    clock = Clock("2024-03-29T12:00:00+00:00")
    async with push_bot(tmp_path, clock, database=database) as bot:
        await _subscribe(bot, SHANGHAI, "Asia/Shanghai")
    clock.set("2024-03-30T03:00:00+00:00")  # 11:00 in Shanghai: today's 08:00 push is owed
    # An hour between scheduled rounds: only the round at start can send it.
    async with push_bot(tmp_path, clock, database=database, scheduler=True) as bot:
        pushed = await bot.api.wait_for(
            lambda c: c.method == "sendMessage" and c.params["text"].startswith("📖")
        )
        assert int(pushed.params["chat_id"]) == SHANGHAI


async def test_each_subscriber_is_pushed_the_report_its_chat_chose_else_the_newest(
    tmp_path: Path, reports: Path, database: Path | str
):
    # The choices are read a page of subscriptions at a time: each chat must still get its own.
    text = (reports / "seed.txt").read_text(encoding="utf-8")
    older = text.replace("2020", "2019").replace("2021", "2020")  # the year before's report
    (reports / "b_2019.txt").write_text(older, encoding="utf-8")
    api = FakeBotApi()
    clock = Clock("2024-05-06T01:00:00+00:00")
    chose, default = (7101, 7103), (7102, 7104)
    async with push_bot(tmp_path, clock, database=database, api=api, reports=reports) as bot:
        for chat in (*chose, *default):
            if chat in chose:
                assert "2019" in str((await bot.say("/use 2", chat_id=chat)).params["text"])
            await bot.say("/subscribe", chat_id=chat)
        clock.set("2024-05-07T00:00:00+00:00")
        assert (await bot.push_round()).sent == 4
    pushed = {int(c.params["chat_id"]): str(c.params["text"]) for c in api.sent("sendMessage")
              if str(c.params["text"]).startswith("📖")}  # fmt: skip
    for chat in chose:
        assert "南昌市2019年度" in pushed[chat] and "南昌市2020年度" not in pushed[chat]
    for chat in default:
        assert "南昌市2020年度" in pushed[chat]
