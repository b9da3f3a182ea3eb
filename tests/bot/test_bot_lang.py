"""/lang: a chat reads the bot's own words in English or Chinese; the report stays as printed.

Through the real PTB and the fake Bot API (tests/kits/botkit.py, tests/kits/push_fixtures.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from bench.kits.clikit import ADMIN
from bench.kits.paths import SEEDS
from bot.present.words import CHINESE, catalogue
from bot.state import state_of
from tests.kits.botkit import GROUP, USER, Chat, buttons
from tests.kits.push_fixtures import Clock, push_bot

ENGLISH = catalogue("en")
TITLE = "关于南昌市2020年度法治政府建设工作的报告"
QUOTE = "2020年,我市坚持以习近平新时代中国特色社会主义思想为指导"  # the seed's own summary
HAN = re.compile(r"[\u4e00-\u9fff]")


def _figure_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("•")]


async def test_lang_en_switches_the_bots_words_not_the_reports(chat: Chat) -> None:
    summary_zh, metrics_zh = await chat.text("/summary full"), await chat.text("/metrics")
    assert await chat.text("/lang en") == ENGLISH("language.set")

    help_en = await chat.text("/help")
    assert "/summary — The report's summary, or one section's" in help_en
    assert "e.g. /metrics 人口" in help_en  # the example is a word of the report
    # Examples quote words of the reports (人口, 深圳 2024): only the bot's own words change.
    own = [line for line in help_en.splitlines() if not line.startswith("  e.g. ")]
    assert not HAN.search("\n".join(own).replace("中文", ""))

    summary_en = await chat.text("/summary full")
    assert summary_en.startswith(f"{TITLE}\nIssued by: 东湖区人民政府\nPublished: 2021-02-28")
    assert "\nSummary\n" in summary_en and "\nMain parts\n1 一、主要举措和成效" in summary_en
    assert QUOTE in summary_en and "概要" not in summary_en and "发布机构" not in summary_en
    quoted = [line for line in summary_zh.splitlines() if len(line) > 20]
    assert quoted and all(line in summary_en.splitlines() for line in quoted)

    short_en = await chat.text("/summary")
    assert short_en.startswith(f"{TITLE}\n东湖区人民政府 · 2021-02-28\n\n")
    assert short_en.endswith("Problems: 3 items, /problems\nFull summary: /summary full")
    assert "\nKey figures (2020)\n" in short_en and "\nWork plan: 7 items, /plan\n1. " in short_en

    metrics_en = await chat.text("/metrics")
    assert metrics_en.startswith("Key figures (2020)") and "关键数据" not in metrics_en
    assert _figure_lines(metrics_en) == _figure_lines(metrics_zh)  # labels as printed
    assert _figure_lines(metrics_en)

    assert await chat.text("/lang zh") == CHINESE("language.set")
    assert await chat.text("/summary full") == summary_zh  # byte for byte as before
    assert await chat.text("/metrics") == metrics_zh


async def test_lang_alone_shows_the_choice_and_its_buttons_switch(chat: Chat) -> None:
    (shown,) = [c for c in await chat.send("/lang") if c.method == "sendMessage"]
    assert shown.params["text"] == "当前语言：中文\n可选：/lang zh（中文）、/lang en（English）"
    assert buttons(shown) == [("中文", "lang::zh"), ("English", "lang::en")]
    tapped = await chat.tap(shown, "lang::en")
    edited = [c.params["text"] for c in tapped if c.method == "editMessageText"]
    assert edited == [ENGLISH("language.set")]
    assert await chat.text("/lang") == (
        "Current language: English\nChoices: /lang zh (中文), /lang en (English)"
    )
    (menu,) = [c for c in await chat.send("/start") if c.method == "sendMessage"]
    assert [label for label, _ in buttons(menu)][:3] == ["Summary", "Contents", "Key figures"]


@pytest.mark.parametrize("argument", ["xx", "english", "<b>"])
async def test_an_unknown_language_gets_a_clear_answer(chat: Chat, argument: str) -> None:
    reply = await chat.text(f"/lang {argument}")
    assert reply == f"不支持“{argument}”。可选：/lang zh（中文）、/lang en（English）"
    assert await chat.text("/lang") == "当前语言：中文\n可选：/lang zh（中文）、/lang en（English）"


async def test_in_a_group_only_admins_change_the_language(chat: Chat) -> None:
    chat.api.group_admins[GROUP] = {ADMIN}
    member = await chat.text("/lang en", chat_id=GROUP, chat_type="supergroup", user_id=USER)
    assert member == CHINESE("common.admins_only")
    admin = await chat.text("/lang en", chat_id=GROUP, chat_type="supergroup", user_id=ADMIN)
    assert admin == ENGLISH("language.set")
    # The group's setting, not the user's: the member now reads English there, Chinese alone.
    group_help = await chat.text("/help", chat_id=GROUP, chat_type="supergroup", user_id=USER)
    assert group_help.startswith("Government report briefings")
    assert (await chat.text("/help")).startswith("政务简报")


async def test_the_menu_has_english_descriptions_for_english_users(chat: Chat) -> None:
    menus = {c.params.get("language_code"): c.params for c in chat.api.sent("setMyCommands")}
    assert set(menus) == {None, "en"}
    english = {c["command"]: c["description"] for c in menus["en"]["commands"]}
    assert english["summary"] == "The report's summary, or one section's"
    assert english["lang"] == "Switch language: 中文 / English" and "push_now" not in english
    assert [c["command"] for c in menus["en"]["commands"]] == [
        c["command"] for c in menus[None]["commands"]
    ]


@pytest.fixture
def clock() -> Clock:
    return Clock("2024-05-06T04:00:00+00:00")


async def test_pushes_and_announcements_go_out_in_the_chats_language(
    tmp_path: Path, clock: Clock
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), reports / "a.txt")
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/lang en", chat_id=7001)
        subscribed = await bot.say("/subscribe", chat_id=7001)
        assert subscribed.params["text"].startswith("Subscribed!\n• daily at 08:00 (Asia/Shanghai)")
        assert f"What: briefing series on 《{TITLE}》, next: part 1/12" in subscribed.params["text"]
        await bot.say("/subscribe", chat_id=7002)  # a Chinese chat beside it
        await bot.say("/push_now", chat_id=ADMIN)
        await bot.pusher.wait_idle()
        assert bot.texts(7001)[-1].startswith(f"📖 {TITLE} · part 1/12\n\n<b>{TITLE}</b>")
        assert bot.texts(7002)[-1].startswith(f"📖 {TITLE} · 第 1/12 篇\n\n<b>{TITLE}</b>")

        (reports / "b.txt").write_bytes((reports / "a.txt").read_bytes() + b"\n")
        await bot.say("/reload", chat_id=ADMIN)
        await bot.push_round()
        assert [t for t in bot.texts(7001) if t.startswith("🆕")] == [
            f"🆕 New report: <b>{TITLE}</b>\n东湖区人民政府\n"
            "Tap below for this report's briefing; make it this chat's report and /summary and"
            " the other commands read it. /reports lists every report."
        ]
        assert [t for t in bot.texts(7002) if t.startswith("🆕")] == [
            f"🆕 新报告：<b>{TITLE}</b>\n东湖区人民政府\n点下方按钮查看这份报告的简报；"
            "设为当前报告后，/summary 等命令都看这份。/reports 查看全部报告。"
        ]


def test_every_command_is_described_in_every_language() -> None:
    """A row added to bot/commands.py needs its `commands.<name>` in each catalogue."""
    from bot.commands import COMMANDS

    for words in (CHINESE, ENGLISH):
        missing = [c.name for c in COMMANDS if f"commands.{c.name}" not in words.messages]
        assert not missing, f"{words.language}: add commands.<name> for {missing}"


async def test_errors_and_hints_come_in_english_too(chat: Chat) -> None:
    await chat.text("/lang en")
    assert await chat.text("/nosuch") == "There is no /nosuch command. Send /help for all commands."
    assert await chat.text("/summary 9.9") == (
        "There is no section 9.9. Send /sections for the table of contents."
    )
    (toc,) = [c for c in await chat.send("/sections") if c.method == "sendMessage"]
    assert toc.params["text"].startswith(f"<b>Contents</b> · {TITLE}")
    answers = await chat.tap(toc, "toc:000000000000:0")  # a button of no loaded report
    assert [c.params.get("text") for c in answers] == [ENGLISH("common.stale_button")]


async def test_a_refused_write_is_told_in_the_chats_language(chat: Chat) -> None:
    """The language is read, never written, to reply: a database refusing writes answers in
    English, and the /lang zh it refused leaves the chat in English."""
    await chat.text("/lang en")
    db = state_of(chat.application).stores.database._db  # the bot's own connection
    await db.execute("PRAGMA query_only = ON")
    refused = ENGLISH("errors.storage", why=ENGLISH("errors.readonly"))
    assert await chat.text("/lang zh") == refused
    assert await chat.text("/subscribe") == refused
    assert (await chat.text("/help")).startswith("Government report briefings")


async def test_replies_read_the_chats_language_from_memory_not_the_database(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chats' settings are read once; a reply then waits on no SQLite read for its words."""
    await chat.text("/lang en")
    # the start-up push round (news of the library) reads the database on its own; on a busy
    # machine it is still running here: what is counted is the replies' reads only
    await state_of(chat.application).pusher.wait_idle()
    database = state_of(chat.application).stores.database
    reads: list[str] = []
    real_rows = database.rows

    async def counted(sql: str, params: Any = ()) -> list[Any]:
        reads.append(sql)
        return await real_rows(sql, params)

    monkeypatch.setattr(database, "rows", counted)
    for _ in range(3):
        assert (await chat.text("/help")).startswith("Government report briefings")
    (toc,) = [c for c in await chat.send("/sections") if c.method == "sendMessage"]
    assert toc.params["text"].startswith(f"<b>Contents</b> · {TITLE}")  # the chat's report too
    assert reads == []


async def test_english_compare_rows_and_counts_read_as_english(tmp_path: Path, clock: Clock):
    async with push_bot(tmp_path, clock) as bot:
        await bot.say("/lang en", chat_id=ADMIN)
        await bot.say("/subscribe", chat_id=ADMIN)
        started = (await bot.say("/push_now", chat_id=ADMIN)).params["text"]
        assert started.startswith("Started pushing briefings to 1 subscription.")
        compared = (await bot.say("/compare 注册用户", chat_id=ADMIN)).params["text"]
        assert "· 1 report has it" in compared
        rows = [line for line in compared.splitlines() if line.startswith("•")]
        kinds = r"(result|target|plan|cumulative)"
        assert rows and all(re.match(rf"• (\d{{4}} )?{kinds}: <b>", row) for row in rows), rows
