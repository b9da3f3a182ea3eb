"""Issue 12, the handlers' part: escaped titles (6), group settings for group admins only (10),
bounded keyboards and replies for a huge report (11), clear answers instead of tracebacks (14).

Every test drives the real bot through the fake Telegram, which refuses what Telegram refuses
(malformed HTML, a keyboard of over 100 buttons: bot/local/api_rules.py).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bench.kits.card_sample import has_cjk_font
from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEEDS
from bot.local.api_rules import KEYBOARD_LIMIT
from bot.local.bot_api import Call, error
from bot.present.words import CHINESE
from bot.replies.send import MAX_MESSAGES
from bot.state import state_of
from bot.telegram.callbacks import decode
from tests.kits.botkit import GROUP, USER, Chat, buttons, make_config, open_chat, visible
from tests.kits.push_fixtures import Clock, push_bot

STALE_BUTTON = CHINESE("common.stale_button")
ADMINS_ONLY = CHINESE("common.admins_only")
UNCONFIRMED = CHINESE("common.unconfirmed")
SEED_FILE = next(SEEDS.glob("*.txt"))
MARKED_TITLE = "关于<b>&市2020年度<法治>政府建设工作的报告"
ADMIN = 4242
ANONYMOUS_ADMIN_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                       "username": "GroupAnonymousBot"}  # fmt: skip


def _texts(calls: list[Call]) -> list[str]:
    return [c.params["text"] for c in calls if c.method in {"sendMessage", "editMessageText"}]


def _errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def _marked_reports(folder: Path) -> Path:
    """The seed report retitled with HTML-like text, in a file named so."""
    folder.mkdir()
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if "关于南昌市" in line)
    lines[at] = MARKED_TITLE
    (folder / "a<i>&b.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def marked_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report cache for the module's bots on the retitled seed: briefed once, not per test."""
    return tmp_path_factory.mktemp("marked-cache")


@pytest.fixture
async def marked(api: FakeBotApi, tmp_path: Path, marked_cache: Path) -> AsyncIterator[Chat]:
    folder = _marked_reports(tmp_path / "reports")
    config = make_config(tmp_path, folder, admins=[USER], cache_dir=str(marked_cache))
    async with open_chat(api, config) as opened:
        yield opened


# -- item 6: report text reaches every reply escaped ------------------------------------------
async def test_the_fake_api_refuses_what_telegram_refuses(chat: Chat) -> None:
    bot = chat.application.bot
    for bad in ("<b>&", "a <法治> b", "<b>x</i>", "</b>", "<script>x</script>"):
        with pytest.raises(BadRequest, match="parse entities"):
            await bot.send_message(USER, bad)
    await bot.send_message(USER, "&lt;b&gt; &amp; a & b <b>ok</b>")  # a bare & is text
    many = [[InlineKeyboardButton(str(n), callback_data=str(n))] for n in range(KEYBOARD_LIMIT + 1)]
    with pytest.raises(BadRequest, match="markup is too long"):
        await bot.send_message(USER, "目录", reply_markup=InlineKeyboardMarkup(many))


async def test_titles_with_markup_reach_push_command_replies(marked: Chat) -> None:
    replies = {}
    for command in ("/subscribe 08:00", "/subscriptions", "/timezone Europe/Berlin"):
        calls = await marked.send(command)
        (replies[command],) = _texts(calls)  # the fake Telegram accepted the reply
        assert f"《{MARKED_TITLE}》" in visible(calls), command
    assert replies["/subscribe 08:00"].startswith("订阅成功")
    folder = state_of(marked.application).library.folder
    copy = (folder / "a<i>&b.txt").read_text(encoding="utf-8") + "\n特此报告。"
    (folder / "b<u>.txt").write_text(copy, encoding="utf-8")  # another report, the same title
    (folder / "c<u>.txt").write_bytes(b"\x00\x01 not a report")
    reload = await marked.text("/reload")
    assert "新增 1 份" in reload and f"《{MARKED_TITLE}》" in reload
    assert "c<u>.txt" in reload  # the skipped file is named as it is


async def test_titles_with_markup_reach_every_other_reply(marked: Chat) -> None:
    for command in ("/start", "/summary", "/sections", "/reports", "/use 1"):
        calls = await marked.send(command)
        assert _texts(calls), command
        assert MARKED_TITLE in visible(calls), command


@pytest.mark.skipif(not has_cjk_font(), reason="no CJK font: the weekly push has no card")
async def test_a_title_with_markup_reaches_the_weekly_card_caption(tmp_path: Path) -> None:
    reports = _marked_reports(tmp_path / "reports")
    clock = Clock("2024-05-03T12:00:00+00:00")  # a Friday
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/subscribe weekly", chat_id=6002)
        clock.set("2024-05-06T01:00:00+00:00")  # Monday, after the weekly time
        await bot.push_round()
        (card,) = bot.api.sent("sendPhoto")  # accepted by the fake Telegram
        assert card.params["caption"].startswith(MARKED_TITLE)
        assert bot.texts(6002)[-1].startswith("🗞 本周简报")


# -- item 10: a group's settings are changed by its admins only --------------------------------
async def _group_subscriptions(chat: Chat) -> list[Any]:
    return await state_of(chat.application).subscriptions.subscriptions_of(GROUP)


async def _in_group(chat: Chat, text: str, user_id: int) -> str:
    return await chat.text(text, chat_id=GROUP, chat_type="supergroup", user_id=user_id)


async def _as_anonymous_admin(chat: Chat, text: str) -> str:
    message = {"message_id": 1, "date": 1, "text": text, "from": ANONYMOUS_ADMIN_BOT,
               "chat": {"id": GROUP, "type": "supergroup", "title": "群"},
               "sender_chat": {"id": GROUP, "type": "supergroup", "title": "群"},
               "entities": [{"type": "bot_command", "offset": 0,
                             "length": len(text.split()[0])}]}  # fmt: skip
    return visible(await chat.deliver({"message": message}))


async def test_group_members_who_are_not_admins_cannot_change_group_settings(
    chat: Chat,
) -> None:
    chat.api.group_admins[GROUP] = {ADMIN}
    assert await _in_group(chat, "/subscribe 08:00", USER) == ADMINS_ONLY
    assert await _group_subscriptions(chat) == []
    assert (await _in_group(chat, "/subscribe 08:00", ADMIN)).startswith("订阅成功")
    for command in ("/unsubscribe", "/timezone Europe/Berlin", "/subscribe 09:00", "/use 1"):
        assert await _in_group(chat, command, USER) == ADMINS_ONLY, command
    (sub,) = await _group_subscriptions(chat)
    assert (sub.schedule.at.hour, sub.timezone) == (8, "Asia/Shanghai")
    # Reading the settings is for everyone.
    assert "08:00" in await _in_group(chat, "/subscriptions", USER)
    assert "当前时区：Asia/Shanghai" in await _in_group(chat, "/timezone", USER)
    asked = [c for c in chat.api.calls if c.method == "getChatMember"]
    assert {int(c.params["user_id"]) for c in asked} == {USER, ADMIN}


async def test_anonymous_admins_and_private_chats_may_change_settings(chat: Chat) -> None:
    chat.api.group_admins[GROUP] = {ADMIN}
    assert (await _in_group(chat, "/subscribe 08:00", ADMIN)).startswith("订阅成功")
    assert (await _as_anonymous_admin(chat, "/unsubscribe")).startswith("已取消订阅")
    assert await _group_subscriptions(chat) == []
    assert (await chat.text("/subscribe 07:00")).startswith("订阅成功")  # private: no check
    assert not [c for c in chat.api.calls if int(c.params.get("chat_id") or 0) == USER
                and c.method == "getChatMember"]  # fmt: skip


async def test_when_telegram_cannot_say_who_is_admin_nothing_changes(chat: Chat) -> None:
    async def unreachable(method: str, params: dict[str, Any]) -> web.Response | None:
        return error(500, "Internal Server Error") if method == "getChatMember" else None

    chat.api.fault = unreachable
    assert await _in_group(chat, "/subscribe 08:00", USER) == UNCONFIRMED
    assert await _group_subscriptions(chat) == []


# -- item 11: a huge report gets bounded keyboards and replies ---------------------------------
def _huge_report(folder: Path, parts: int, children: int = 0) -> None:
    """A report of `parts` top-level items (numbered 1.–50. over and over, as long lists are),
    or of one part holding `children` items."""
    lines = ["关于某市2023年度政府工作情况的报告", "", "市人大常委会：", ""]
    if children:
        lines.append("一、主要工作")
        parts = children
    for n in range(parts):
        lines.append(f"{n % 50 + 1}. 第{n + 1}项工作任务。全年完成投资{n}亿元，同比增长{n % 9}%。")
    folder.mkdir()
    (folder / "huge.txt").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def huge_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report cache for the module's bots on the huge report: the first bot briefs it
    (seconds of a worker's CPU for its 3,000 items), the next ones read that briefing."""
    return tmp_path_factory.mktemp("huge-cache")


@pytest.fixture
async def huge(api: FakeBotApi, tmp_path: Path, huge_cache: Path) -> AsyncIterator[Chat]:
    _huge_report(tmp_path / "reports", parts=3000)
    config = make_config(tmp_path, tmp_path / "reports", cache_dir=str(huge_cache))
    async with open_chat(api, config) as opened:
        opened.timeout = 60.0  # a reply of 1000+ figures: seconds on a loaded machine
        yield opened


def _sent(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage"]


async def test_sections_of_a_huge_report_are_paged_in_one_message(huge: Chat) -> None:
    library = state_of(huge.application).library
    report = library.report(library.reports[0].digest)
    assert report is not None and len(report.sections) == 3000
    (toc,) = _sent(await huge.send("/sections"))
    labels = [label for label, _ in buttons(toc)]
    assert labels[:2] == ["1 第1项工作任务", "2 第2项工作任务"]
    assert labels[-2:] == ["1/300", "▶"] and len(labels) <= 12
    assert "第 1/300 页" in visible([toc])
    data = dict(buttons(toc))
    (page,) = [c for c in await huge.tap(toc, data["▶"]) if c.method == "editMessageText"]
    assert [label for label, _ in buttons(page)][:1] == ["11 第11项工作任务"]
    assert "第 2/300 页" in visible([page]) and "第1项工作任务" not in visible([page])
    (back,) = [
        c
        for c in await huge.tap(page, dict(buttons(page))["◀"])
        if c.method != "answerCallbackQuery"
    ]
    assert "第 1/300 页" in visible([back])
    (section,) = [
        c for c in await huge.tap(toc, data["2 第2项工作任务"]) if c.method == "editMessageText"
    ]
    (toc_again,) = [c for c in await huge.tap(section, dict(buttons(section))["返回目录"])
                    if c.method == "editMessageText"]  # fmt: skip
    assert "第 1/300 页" in visible([toc_again])


async def test_a_huge_overview_is_one_bounded_reply(huge: Chat) -> None:
    calls = _sent(await huge.send("/summary full"))
    assert 1 <= len(calls) <= MAX_MESSAGES
    assert "另有 2970 项" in visible(calls) and "/sections" in visible(calls)


async def test_a_section_with_thousands_of_items_has_a_small_keyboard(
    api: FakeBotApi, tmp_path: Path
) -> None:
    _huge_report(tmp_path / "reports", parts=0, children=2500)
    async with open_chat(api, make_config(tmp_path, tmp_path / "reports")) as chat:
        (reply,) = _sent(await chat.send("/summary 1"))
        assert len(buttons(reply)) <= 13 < KEYBOARD_LIMIT
        assert "另有 2470 项" in visible([reply])
        (toc,) = _sent(await chat.send("/sections"))
        assert len(visible([toc]).splitlines()) <= 13


async def test_any_reply_is_cut_at_a_bounded_number_of_messages(huge: Chat) -> None:
    library = state_of(huge.application).library
    briefing = library.briefing(library.reports[0].digest)
    # Every item holds figures: "/metrics 亿元" finds them all.
    assert briefing is not None and len(briefing.metrics) > 1000
    calls = _sent(await huge.send("/metrics 亿元"))
    assert len(calls) == MAX_MESSAGES
    assert "只显示了前 5 条消息" in visible(calls[-1:]) and "/metrics all" in visible(calls[-1:])


# -- item 14: clear answers, no tracebacks -----------------------------------------------------
async def test_a_time_zone_naming_a_folder_is_refused_clearly(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        for name in ("Asia", "America", "zone.tab", "Asia/Shanghai/"):
            assert "不是有效的时区名称" in await chat.text(f"/timezone {name}"), name
    assert not _errors(caplog)


async def test_forged_button_data_gets_the_stale_button_answer(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    digest = state_of(chat.application).library.reports[0].digest[:12]
    (toc,) = await chat.send("/sections")
    with caplog.at_level(logging.ERROR):
        for data in (f"met:{digest}:²", f"met:{digest}:٣", f"toc:{digest}:²", f"sec:{digest}:١",
                     f"met:{digest}:99999999999999999999", "menu::"):  # fmt: skip
            calls = await chat.tap(toc, data)
            assert [c.params.get("text") for c in calls] == [STALE_BUTTON], data
    assert not _errors(caplog)
    assert decode(f"met:{digest}:12").page == 12


async def test_a_tap_under_a_deleted_message_is_answered_anew(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    (toc,) = await chat.send("/sections")
    data = dict(buttons(toc))["2 存在的问题"]

    async def deleted(method: str, params: dict[str, Any]) -> web.Response | None:
        if method == "editMessageText":
            return error(400, "Bad Request: message to edit not found")
        return None

    chat.api.fault = deleted
    with caplog.at_level(logging.ERROR):
        calls = await chat.tap(toc, data)
        too_old = {"message_id": toc.result["message_id"], "date": 0, "chat": toc.result["chat"]}
        old_calls = await chat.tap(Call("sendMessage", {}, too_old), data)
    for answer in (calls, old_calls):
        (sent,) = _sent(answer)
        assert visible([sent]).startswith("2 ") and "返回目录" in dict(buttons(sent))
    assert not _errors(caplog)


async def test_use_on_a_full_disk_gets_the_storage_message(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    state = state_of(chat.application)
    db = state.stores.database._db  # the bot's own connection: max_page_count is per connection
    pages = (await (await db.execute("PRAGMA page_count")).fetchone())[0]
    await db.execute(f"PRAGMA max_page_count = {pages}")
    digest = state.library.reports[0].digest
    with pytest.raises(sqlite3.OperationalError, match="full"):  # fill it up
        for filler in range(100_000):
            await state.chats.choose_report(900_000 + filler, digest)
    with caplog.at_level(logging.ERROR):
        reply = await chat.text("/use 1")
    assert reply == CHINESE("errors.storage", why=CHINESE("errors.full"))
    (line,) = _errors(caplog)
    assert line.exc_info is None and "/use" in line.getMessage() and "full" in line.getMessage()
    assert await state.chats.report(USER) is None  # nothing changed
