"""Across reports through the real bot and the fake Telegram, on corpus reports (linked into
the reports folder, never copied): /compare, /diff, /use by place and year, /reports paged
with buttons, and inline queries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot.handlers.across
import bot.handlers.reports
from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import CORPUS
from bot.local.bot_api import Call
from tests.kits.botkit import USER, Chat, buttons, corpus_chat, visible

COMPARED = ("beijing_2025.txt", "gansu_2025.txt", "jiangxi_2025.txt")
SHENZHEN = ("more/深圳市_2024.txt", "more/深圳市_2026.txt")
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is absent")


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module's bots: each corpus report is briefed once."""
    return tmp_path_factory.mktemp("across-cache")


@pytest.fixture
async def across(api: FakeBotApi, tmp_path: Path, briefings: Path) -> AsyncIterator[Chat]:
    async with corpus_chat(api, tmp_path, briefings, COMPARED + SHENZHEN, admins=[USER]) as chat:
        yield chat


def _block(text: str, heading: str) -> list[str]:
    """The lines under `heading` up to the next blank line."""
    return text.split(f"\n{heading}\n", 1)[1].split("\n\n", 1)[0].splitlines()


def _data(calls: list[Call], label: str) -> str:
    return next(data for call in calls for text, data in buttons(call) if text == label)


async def test_compare_lists_each_reports_result_and_target_with_kind_and_period(
    across: Chat,
) -> None:
    text = await across.text("/compare 地区生产总值增长")
    assert text.startswith("对比“地区生产总值增长” · 5 份报告有此数据")
    assert _block(text, "北京市 · 2025年") == [
        "• 2024年完成：5.2%左右 地区生产总值增长（第 1 部分）",
        "• 2025年目标：5%左右 地区生产总值增长（第 2 部分）",
    ]
    # The query names the gdp indicators: the growth rates, then the amount on its own line.
    assert _block(text, "甘肃省 · 2025年") == [
        "• 2024年完成：5.8% 全省地区生产总值跨千亿增长（第 1 部分）",
        "• 2025年目标：5.5%左右 地区生产总值增长（第 2 部分）",
        "• 2024年完成：1.3万亿元 全省地区生产总值跨千亿台阶（第 1 部分）",
    ]
    assert _block(text, "江西省 · 2025年") == [
        "• 2024年完成：5.1% 地区生产总值增长（第 1.1 部分）",
        "• 2025年目标：5%左右 地区生产总值增长（第 2 部分）",
    ]


async def test_compare_may_ask_for_the_targets_only(across: Chat) -> None:
    text = await across.text("/compare 地区生产总值增长 目标")
    assert text.startswith("对比“地区生产总值增长 目标” · 5 份报告有此数据")
    assert _block(text, "北京市 · 2025年") == ["• 2025年目标：5%左右 地区生产总值增长（第 2 部分）"]
    assert "完成" not in text


async def test_compare_says_when_nothing_matches_and_how_to_ask(across: Chat) -> None:
    assert "都没有找到“量子纠缠率”这项数据" in await across.text("/compare 量子纠缠率")
    assert "例如：/compare 地区生产总值增长" in await across.text("/compare")


async def test_compare_pages_with_buttons(across: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.handlers.across, "COMPARE_PAGE", 2)
    (first,) = await across.send("/compare 地区生产总值增长")
    shown = visible([first])
    assert "（第 1/3 页）" in shown and shown.count(" · 20") == 2 and "深圳市 · 2026年" in shown
    assert [label for label, _ in buttons(first)] == ["1/3", "▶"]
    second = await across.tap(first, _data([first], "▶"))
    assert "（第 2/3 页）" in visible(second) and "深圳市 · 2026年" not in visible(second)
    assert [label for label, _ in buttons(second[-1])] == ["◀", "2/3", "▶"]


async def test_diff_lists_plan_items_added_and_dropped_since_the_previous_year(
    across: Chat,
) -> None:
    assert "已切换到：2026年深圳市政府工作报告" in await across.text("/use 深圳 2026")
    text = await across.text("/diff")
    assert text.startswith("工作计划变化 · 深圳市\n2024年《2024年深圳市政府工作报告》 → 2026年")
    added = text[text.index("新增") : text.index("不再提及")]
    dropped = text[text.index("不再提及") : text.index("延续")]
    # Checked by hand against both plans: new in 2026, and gone since 2024.
    assert "全力抓好标志性改革举措落地见效" in added
    assert "坚定扛起APEC会议举办城市责任" in added
    assert "坚持和加强党的全面领导" in dropped
    assert "落实“百县千镇万村高质量发展工程”" in dropped
    # Reworded, not new: 以更大力度办教育、兴科技、育人才 → 一体推进教育科技人才发展.
    kept = text[text.index("延续") :]
    for reworded in ("一体推进教育科技人才发展", "加大保障和改善民生力度"):
        assert reworded not in added + dropped and reworded in kept
    # The kept items are listed too, in the newer report's words.
    assert kept.startswith("延续 6 项（含措辞调整）\n1. ") and len(kept.splitlines()) == 7


async def test_diff_without_a_previous_report_says_so(across: Chat) -> None:
    await across.text("/use 深圳 2024")
    assert "没有找到深圳市2024年之前的报告" in await across.text("/diff")
    await across.text("/use 北京")
    assert "没有找到北京市2025年之前的报告" in await across.text("/diff")


async def test_use_by_place_year_and_number(across: Chat) -> None:
    assert await across.text("/use 北京") == "已切换到：2025年北京市政府工作报告"
    assert await across.text("/use 深圳 2024") == "已切换到：2024年深圳市政府工作报告"
    calls = await across.send("/use 2025")
    assert visible(calls).startswith("有 3 份报告与“2025”相符，请选择：")
    offered = [label for call in calls for label, _ in buttons(call)]
    assert len(offered) == 3 and any("甘肃省" in label for label in offered)
    chosen = await across.tap(calls[-1], _data(calls, next(x for x in offered if "甘肃省" in x)))
    assert visible(chosen) == "已切换到：2025年甘肃省政府工作报告"
    assert "没有找到与“上海”相符的报告" in await across.text("/use 上海")
    listed = await across.text("/reports")
    number = next(line for line in listed.splitlines() if "江西" in line).split(".")[0]
    assert await across.text(f"/use {number}") == "已切换到：2025年江西省政府工作报告"
    assert "请发送 /use 加报告编号（1–5）" in await across.text("/use 9")


async def test_reports_pages_group_by_place_and_buttons_survive_a_reload(
    across: Chat, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(bot.handlers.reports, "REPORTS_PAGE", 2)
    (first,) = await across.send("/reports")
    text = visible([first])
    assert text.startswith("已载入的报告（共 5 份，第 1/3 页）")
    assert "深圳市\n1. 2026年深圳市政府工作报告 ✅\n2. 2024年深圳市政府工作报告" in text
    labels = [label for label, _ in buttons(first)]
    assert labels == ["1. 深圳市 2026", "2. 深圳市 2024", "1/3", "▶"]
    tapped = await across.tap(first, _data([first], "▶"))
    (second,) = [call for call in tapped if call.method == "editMessageText"]
    assert "第 2/3 页" in visible([second])
    label, third = buttons(second)[0]
    assert label.startswith("3. ") and label.endswith(" 2025")
    (tmp_path / "reports" / "深圳市_2022.txt").symlink_to(
        CORPUS / "more/深圳市_2022.txt"
    )  # added before it
    assert "新增 1 份" in await across.text("/reload")
    assert await across.text("/use 3") == "已切换到：2022年深圳市政府工作报告"
    chosen = await across.tap(second, third)  # the button still means the report it named
    place = label.removeprefix("3. ").removesuffix(" 2025")
    assert visible(chosen) == f"已切换到：2025年{place}政府工作报告"
    reopened = await across.text("/reports")  # on the page of the chat's current report
    assert "第 2/3 页" in reopened and f"2025年{place}政府工作报告 ✅" in reopened


async def test_inline_query_offers_figures_and_sentences_with_report_and_section(
    across: Chat,
) -> None:
    (answer,) = [c for c in await across.inline("地区生产总值") if c.method == "answerInlineQuery"]
    results = answer.params["results"]
    assert 0 < len(results) <= 50
    ids = [result["id"] for result in results]
    assert len(set(ids)) == len(ids) and all(len(key.encode()) <= 64 for key in ids)
    texts = [result["input_message_content"]["message_text"] for result in results]
    assert all("—— 《" in text for text in texts)
    figures = {(r["title"], r["description"]) for r in results if "-f" in r["id"]}
    assert ("5%左右 地区生产总值增长", "北京市 2025年 · 第 2 部分") in figures
    assert ("5.1% 地区生产总值增长", "江西省 2025年 · 第 1.1 部分") in figures
    sentences = [r for r in results if "-s" in r["id"]]
    assert sentences and all("<b>地区生产总值</b>" in r["input_message_content"]["message_text"]
                             for r in sentences if "地区生产总值" in r["title"])  # fmt: skip


async def test_inline_query_without_words_or_matches_answers_empty(across: Chat) -> None:
    for query in ("", "火星移民局"):
        calls = await across.inline(query)
        (answer,) = [c for c in calls if c.method == "answerInlineQuery"]
        assert answer.params["results"] == []


async def test_inline_query_puts_the_askers_chosen_report_first(across: Chat) -> None:
    await across.text("/use 深圳 2024")
    (answer,) = [c for c in await across.inline("地区生产总值") if c.method == "answerInlineQuery"]
    results = answer.params["results"]
    figures = [r for r in results if "-f" in r["id"]]
    sentences = [r for r in results if "-s" in r["id"]]
    assert figures[0]["description"].startswith("深圳市 2024年")
    assert sentences[0]["description"].startswith("深圳市 2024年")
    assert "《2024年深圳市政府工作报告》" in sentences[0]["input_message_content"]["message_text"]
