"""The push commands as a user sees them, through the fake Bot API, and what they store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.kits.clikit import ADMIN
from bench.kits.paths import SEEDS
from bot.config import ConfigError, parse_config
from tests.kits.push_fixtures import Clock, push_bot, rows

TITLE = "关于南昌市2020年度法治政府建设工作的报告"


async def test_subscribe_defaults_to_daily_0800_and_stores_the_row(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        reply = await bot.say("/subscribe")
        text = reply.params["text"]
        assert text.startswith("订阅成功！")
        assert "每天 08:00（Asia/Shanghai）" in text
        assert f"《{TITLE}》简报系列，下一篇：第 1/12 篇" in text
        assert "下次推送：2024-05-07 08:00" in text
        [row] = rows(bot.config.database, "SELECT * FROM subscriptions")
        assert (row["chat_id"], row["thread_id"], row["at"], row["frequency"]) == (
            1001,
            0,
            "08:00",
            "daily",
        )
        assert row["timezone"] == "Asia/Shanghai"
        assert row["next_due"] == "2024-05-07T00:00:00Z"


async def test_subscribe_again_changes_it_in_place(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        await bot.say("/subscribe")
        reply = await bot.say("/subscribe weekly 07:30")
        assert reply.params["text"].startswith("订阅已更新。")
        assert "每周一 07:30（Asia/Shanghai）" in reply.params["text"]
        assert "一周简报" in reply.params["text"]
        assert "下次推送：2024-05-13 07:30" in reply.params["text"]
        [row] = rows(bot.config.database, "SELECT * FROM subscriptions")
        assert (row["id"], row["at"], row["frequency"]) == (1, "07:30", "weekly")
        assert row["next_due"] == "2024-05-12T23:30:00Z"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ("25:00", "看不懂“25:00”"),
        ("monthly", "看不懂“monthly”"),
        ("08:00 daily extra", "参数太多了"),
    ],
)
async def test_bad_arguments_get_a_clear_chinese_message(tmp_path: Path, clock: Clock, args, says):
    async with push_bot(tmp_path, clock) as bot:
        reply = await bot.say(f"/subscribe {args}")
        assert says in reply.params["text"]
        assert "HH:MM" in reply.params["text"]
        assert rows(bot.config.database, "SELECT * FROM subscriptions") == []


async def test_unsubscribe_ends_it(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        await bot.say("/subscribe 18:00 workdays")
        reply = await bot.say("/unsubscribe")
        assert reply.params["text"].startswith("已取消订阅")
        assert rows(bot.config.database, "SELECT * FROM subscriptions") == []
        again = await bot.say("/unsubscribe")
        assert again.params["text"].startswith("这里还没有订阅")


async def test_subscriptions_lists_what_when_and_next_push(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        empty = await bot.say("/subscriptions")
        assert empty.params["text"].startswith("本聊天没有订阅")
        await bot.say("/subscribe 18:00 workdays")
        reply = await bot.say("/subscriptions")
        assert reply.params["text"].splitlines() == [
            "本聊天的订阅：",
            "• 工作日（周一至周五） 18:00（Asia/Shanghai）",
            f"  内容：《{TITLE}》简报系列，下一篇：第 1/12 篇",
            "  下次推送：2024-05-06 18:00",
        ]


async def test_timezone_moves_the_next_push_to_local_time(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        await bot.say("/subscribe 08:00")
        reply = await bot.say("/timezone Europe/Berlin")
        assert reply.params["text"].startswith("时区已设为 Europe/Berlin。")
        assert "下次推送：2024-05-06 08:00" in reply.params["text"]  # 06:00 UTC, still ahead
        [row] = rows(bot.config.database, "SELECT timezone, next_due FROM subscriptions")
        assert tuple(row) == ("Europe/Berlin", "2024-05-06T06:00:00Z")
        bad = await bot.say("/timezone Mars/Olympus")
        assert "不是有效的时区名称" in bad.params["text"]
        shown = await bot.say("/timezone")
        assert shown.params["text"].startswith("当前时区：Europe/Berlin")


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "posix/Asia/Shanghai"])
async def test_timezone_takes_only_canonical_zone_names(tmp_path: Path, clock: Clock, name: str):
    async with push_bot(tmp_path, clock) as bot:
        bad = await bot.say(f"/timezone {name}")
        assert "不是有效的时区名称" in bad.params["text"]
        shown = await bot.say("/timezone")
        assert shown.params["text"].startswith("当前时区：Asia/Shanghai")


def test_config_takes_only_canonical_zone_names(tmp_path: Path):
    for name in ("localtime", "posixrules", "Factory"):
        with pytest.raises(ConfigError, match="'timezone'"):
            parse_config({"timezone": name}, tmp_path, {})
    assert parse_config({"timezone": "Asia/Urumqi"}, tmp_path, {}).timezone == "Asia/Urumqi"


async def test_admin_commands_refuse_other_users(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        for command in ("/push_now", "/stats", "/reload"):
            reply = await bot.say(command)
            assert reply.params["text"] == "抱歉，这个命令只有管理员可以使用。"


async def test_push_now_sends_to_every_subscriber_and_stats_count_it(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        for chat in (2001, 2002, 2003):
            await bot.say("/subscribe", chat_id=chat)
        reply = await bot.say("/push_now", chat_id=ADMIN)
        assert reply.params["text"] == "已开始向 3 个订阅推送简报。进度见 /stats"
        await bot.pusher.wait_idle()
        for chat in (2001, 2002, 2003):
            assert bot.texts(chat)[-1].startswith(f"📖 {TITLE} · 第 1/12 篇")
        stats = await bot.say("/stats", chat_id=ADMIN)
        assert stats.params["text"].splitlines()[:4] == [
            "订阅数：3", "今日已推送：3", "今日失败：0", "最近错误：无",
        ]  # fmt: skip
        [row] = rows(bot.config.database, "SELECT DISTINCT next_due, position FROM subscriptions")
        assert tuple(row) == ("2024-05-08T00:00:00Z", 1)  # the due 05-07 push went early


async def test_reload_announces_a_new_report_once(tmp_path: Path, clock: Clock):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), reports / "a.txt")
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=3001)
        nothing = await bot.say("/reload", chat_id=ADMIN)
        assert nothing.params["text"].startswith("报告目录已重新加载：共 1 份，新增 0 份。")
        (reports / "b.txt").write_bytes((reports / "a.txt").read_bytes() + b"\n")
        reply = await bot.say("/reload", chat_id=ADMIN)
        assert reply.params["text"].splitlines()[:2] == [
            "报告目录已重新加载：共 2 份，新增 1 份。", f"《{TITLE}》",
        ]  # fmt: skip
        await bot.api.wait_for(lambda c: int(c.params.get("chat_id", 0)) == 3001
                               and "新报告" in c.params.get("text", ""))  # fmt: skip
        await bot.say("/reload", chat_id=ADMIN)
        await bot.push_round()
        assert [t for t in bot.texts(3001) if "新报告" in t] == [
            f"🆕 新报告：<b>{TITLE}</b>\n东湖区人民政府\n点下方按钮查看这份报告的简报；"
            "设为当前报告后，/summary 等命令都看这份。/reports 查看全部报告。"
        ]


async def test_an_overdue_push_is_listed_as_going_out_shortly_not_at_a_past_time(
    tmp_path: Path, clock: Clock
):
    async with push_bot(tmp_path, clock) as bot:
        await bot.say("/subscribe 08:00")
        clock.set("2024-05-09T12:00:00+00:00")  # days later, no round has run (the bot was down)
        listed = await bot.say("/subscriptions")
        assert "下次推送：即将推送" in listed.params["text"]
        await bot.push_round()
        after = await bot.say("/subscriptions")
        assert "下次推送：2024-05-10 08:00" in after.params["text"]
