"""The new-report announcement tells, in one line, how many of the place's targets of the year
before the new report says were met, missed or not mentioned, with a button to the /promises
page of the pair; a report with no report of the year before in the library gets no such line."""

from __future__ import annotations

from pathlib import Path

from bot.local.bot_api import Call
from tests.kits.botkit import buttons
from tests.kits.promises import RESULTS, TARGETS
from tests.kits.push_fixtures import Clock
from tests.kits.sources_bot import SUBSCRIBER, announcements, push_bot, settle, until

SCORE = "<b>临川市 2024年主要目标</b>：达成 1 项，未达成 2 项，未提及 1 项，难以判断 2 项"


def _announcement(calls: list[Call]) -> Call:
    return next(c for c in calls if "新报告" in c.params["text"])


async def test_a_new_report_says_how_many_of_last_years_targets_were_met_with_a_button(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "linchuan_2024.txt").write_text(TARGETS, encoding="utf-8")
    async with push_bot(tmp_path, clock, reports=folder) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        await bot.say("/lang en", chat_id=SUBSCRIBER + 1)
        await bot.say("/subscribe", chat_id=SUBSCRIBER + 1)
        (folder / "linchuan_2025.txt").write_text(RESULTS, encoding="utf-8")
        await until(lambda: announcements(bot), tries=600)  # it waits for the briefing
        await settle(bot)
        [text] = announcements(bot)
        lines = text.split("\n")
        assert lines[0] == "🆕 新报告：<b>2025年临川市政府工作报告</b>"
        assert lines[-2:] == [
            f"🎯 {SCORE}",
            "点下方按钮查看这份报告的简报；设为当前报告后，/summary 等命令都看这份。/reports 查看全部报告。",
        ]
        told = _announcement(bot.api.sent("sendMessage"))
        # the report's own buttons (open it, make it current), then the promises page's
        assert [label for label, _ in buttons(told)] == [
            "打开这份报告的简报",
            "设为当前报告",
            "目标完成情况",
        ]
        data = buttons(told)[-1][1]
        english = next(text for text in bot.texts(SUBSCRIBER + 1) if "New report" in text)
        assert (
            "\n🎯 <b>临川市 2024 main targets</b>: 1 met, 2 missed, 1 not mentioned, 2 unclear\n"
            in english
        )
        # the button opens the pair's /promises page, its buttons to each sentence with it
        seen = len(bot.api.calls)
        bot.api.tap(told.result, data, user_id=SUBSCRIBER)
        page = await bot.api.wait_for(
            lambda c: c in bot.api.calls[seen:] and c.method == "sendMessage"
            and int(c.params["chat_id"]) == SUBSCRIBER
        )  # fmt: skip
        assert page.params["text"].startswith(SCORE)
        assert (
            "对照：2024《2024年临川市政府工作报告》的目标 ↔ 2025《2025年临川市政府工作报告》的回顾"
            in page.params["text"]
        )
        assert [label for label, _ in buttons(page)][:2] == ["1 原文", "2 原文"]


async def test_a_new_report_without_last_years_report_gets_no_promises_line(
    tmp_path: Path, clock: Clock
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    async with push_bot(tmp_path, clock, reports=folder) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        (folder / "linchuan_2025.txt").write_text(RESULTS, encoding="utf-8")
        await until(lambda: announcements(bot))
        await settle(bot)
        [text] = announcements(bot)
        assert "🎯" not in text and "主要目标" not in text
        told = next(c for c in bot.api.sent("sendMessage") if "新报告" in c.params["text"])
        assert [label for label, _ in buttons(told)] == ["打开这份报告的简报", "设为当前报告"]
