"""/promises through the real bot and the fake Telegram, on corpus reports (linked into the
reports folder, never copied): a year's targets against the next report's results, the
sentences behind each line, the plan review, places ranked, and the line when a pair is
missing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import CORPUS
from bot.local.bot_api import Call
from bot.present.card import FontNotFoundError, find_font
from tests.kits.botkit import Chat, buttons, corpus_chat, visible

PAIRED = ("beijing_2025.txt", "2026/beijing_2026.txt", "gansu_2025.txt", "2026/gansu_2026.txt")
ALONE = ("jiangxi_2025.txt",)
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module's bots: each corpus report is briefed once."""
    return tmp_path_factory.mktemp("promises-cache")


@pytest.fixture
async def chat(api: FakeBotApi, tmp_path: Path, briefings: Path) -> AsyncIterator[Chat]:
    async with corpus_chat(api, tmp_path, briefings, PAIRED + ALONE) as opened:
        yield opened


def _data(calls: list[Call], label: str) -> str:
    return next(data for call in calls for text, data in buttons(call) if text == label)


async def test_promises_scores_last_years_targets_against_this_years_results(chat: Chat) -> None:
    await chat.text("/use 北京 2026")
    calls = await chat.send("/promises")
    text = visible(calls)
    # Checked by hand against both reports: 5.4% ≥ 5%左右, 4.8% ≥ 4%左右, 4.1% ≤ 5%; the 2026
    # report says prices only in words (总体平稳) and gives no figure of new urban jobs.
    assert text.startswith(
        "北京市 2025年主要目标：达成 3 项，未达成 0 项，未提及 1 项，难以判断 1 项"
    )
    assert "对照：2025《" in text and "的目标 ↔ 2026《" in text
    assert "1. 地区生产总值增长：目标 5%左右 → 实际 5.4% · ✅ 达成" in text
    assert "3. 城镇调查失业率：目标 ≤5% → 实际 4.1% · ✅ 达成" in text
    assert "4. 居民消费价格涨幅：目标 2%左右 → 未给出数字 · ❔ 难以判断" in text
    assert "5. 城镇新增就业：目标 ≥26万人 → 未给出数字 · 报告未提及" in text
    assert "判定规则" in text and "未提及不等于未完成" in text
    labels = [label for call in calls for label, _ in buttons(call)]
    assert labels[:5] == ["1 原文", "2 原文", "3 原文", "4 原文", "5 原文"]
    assert "工作计划回顾" in labels


async def test_each_line_has_a_button_to_both_sentences(chat: Chat) -> None:
    calls = await chat.send("/promises 北京")
    shown = visible(await chat.tap(calls[-1], _data(calls, "1 原文")))
    assert "目标（2025年报告 第 2 部分）" in shown
    assert "今年经济社会发展主要预期目标是：地区生产总值增长5%左右" in shown
    assert "回顾（2026年报告 第 1 部分）" in shown and "增长5.4%" in shown
    words = visible(await chat.tap(calls[-1], _data(calls, "4 原文")))
    assert "2026年报告只有文字表述" in words and "居民消费价格总体平稳" in words
    plan = visible(await chat.tap(calls[-1], _data(calls, "工作计划回顾")))
    assert plan.startswith("北京市 2025年工作计划的回顾")


async def test_promises_without_the_adjacent_years_report_says_which_is_missing(
    chat: Chat,
) -> None:
    text = await chat.text("/promises 江西")
    assert "需要江西省相邻两年的政府工作报告：已载入 2025年，还缺 2024年（或 2026年）" in text
    assert "没有找到与“上海”相符的报告" in await chat.text("/promises 上海")


async def test_promises_all_ranks_places_by_targets_met(chat: Chat) -> None:
    text = await chat.text("/promises all 2025")
    lines = text.splitlines()
    assert lines[0] == "2025年主要目标完成情况 · 2 个地区（按达成项数排列）"
    assert lines[1].startswith("1. 甘肃省：达成 ") and lines[2].startswith("2. 北京市：达成 3/5 项")
    assert "没有哪个地区同时载入了 2019 年和 2020 年" in await chat.text("/promises all 2019")
    assert "用法：/promises all 2025" in await chat.text("/promises all")


async def test_promises_speaks_english(chat: Chat) -> None:
    await chat.text("/lang en")
    text = await chat.text("/promises 北京")
    assert text.startswith("北京市 2025 main targets: 3 met, 0 missed, 1 not mentioned, 1 unclear")
    assert "1. GDP growth: target 5%左右 → result 5.4% · ✅ met" in text


async def test_a_forged_or_out_of_range_promise_button_gets_a_polite_answer(chat: Chat) -> None:
    calls = await chat.send("/promises 北京")
    real = _data(calls, "1 原文")
    for data in ("prm:ffffffffffff:ffffffffffff-1", real.rsplit("-", 1)[0] + "-99"):
        tapped = await chat.tap(calls[-1], data)
        (answer,) = [c for c in tapped if c.method == "answerCallbackQuery"]
        assert "请重新发送" in answer.params["text"]
        assert not [c for c in tapped if c.method in {"sendMessage", "editMessageText"}]


async def test_the_card_of_a_paired_report_carries_its_promises_score(chat: Chat) -> None:
    try:
        find_font()
    except FontNotFoundError:
        pytest.skip("no CJK font installed")
    await chat.text("/use 北京 2026")
    photo = next(call for call in await chat.send("/card") if call.method == "sendPhoto")
    assert photo.params["caption"].endswith("\n2025年主要目标：达成 3 项，未达成 0 项，未提及 1 项")
    await chat.text("/use 江西")  # no report of 2024 or 2026 for it here
    photo = next(call for call in await chat.send("/card") if call.method == "sendPhoto")
    assert "主要目标" not in photo.params["caption"]
