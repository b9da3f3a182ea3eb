"""/search and plain text in a private chat."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from bench.kits.fault_api import FakeBotApi
from bench.kits.gov_docs import report_lines
from bot.config import Config
from bot.present.words import CHINESE
from bot.state import state_of
from briefings.derive import brief
from briefings.folder import load_folder
from tests.kits.botkit import GROUP, Chat, bot_working, buttons, make_config, open_chat, visible
from tests.kits.slow_work import brief_stalling_on


async def test_search_lists_matching_sentences_with_their_section(chat: Chat) -> None:
    text = await chat.text("/search 赣服通")
    assert text.startswith("搜索“赣服通”")
    assert "1.2.1" in text and "赣服通" in text


async def test_plain_text_in_a_private_chat_is_a_search(chat: Chat) -> None:
    assert (await chat.text("赣服通")).startswith("搜索“赣服通”")
    assert await chat.text("赣服通", chat_id=GROUP, chat_type="supergroup") == ""


async def test_no_match_says_so(chat: Chat) -> None:
    assert "没有找到与“量子计算机”相关的内容" in await chat.text("/search 量子计算机")


async def test_a_results_page_still_turns_after_a_restart(api: FakeBotApi, tmp_path: Path) -> None:
    """The chat's recent searches are kept with its settings, not in the process's memory."""
    config = make_config(tmp_path)
    async with open_chat(api, config) as chat:
        (first,) = await chat.send("/search 法治")
        assert "（第 1/" in visible([first])
        forward = dict(buttons(first))["▶"]
    async with open_chat(api, config) as chat:
        turned = visible(await chat.tap(first, forward))
    assert "（第 2/" in turned and "搜索“法治”" in turned
    assert CHINESE("search.expired") not in turned


def five_reports(folder: Path, note: str = "") -> Path:
    """Five short invented reports, each saying `note` in its opening paragraph."""
    reports = folder / "reports"
    reports.mkdir()
    places = ("东湖区", "西湖区", "青山湖区", "进贤县", "新建区")
    for number, place in enumerate(places):
        text = "\n".join(report_lines(place, 2017 + number, note=note)) + "\n"
        (reports / f"r{number}.txt").write_text(text, encoding="utf-8")
    return reports


def briefed(tmp_path: Path, note: str) -> Config:
    """A bot's config on `five_reports`, all briefed (and so searchable) as it starts."""
    reports = five_reports(tmp_path, note)
    for report in load_folder(reports).reports:
        brief(report, tmp_path / "cache")
    return make_config(tmp_path, reports, cache_dir=str(tmp_path / "cache"))


async def test_search_counts_every_match_not_only_those_it_lists(
    api: FakeBotApi, tmp_path: Path
) -> None:
    note = "".join(f"低空飞行器试点{n}项。" for n in range(1, 5))  # four sentences a report
    async with open_chat(api, briefed(tmp_path, note)) as chat:
        text = await chat.text("/search 低空飞行器")
    # 4 of the chat's report, then at most 3 of each other one: 16 listed of the 20 there are
    assert text.startswith("搜索“低空飞行器” 共 20 条，列出最相关的 16 条（第 1/4 页）")
    assert "整理中" not in text  # every report is in


async def test_a_search_and_its_pages_read_the_index_without_parsing_the_chats_report(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """A search needs the chat's report's digest only: the report is not parsed (the parser's
    patterns and a large report cost ~0.1-0.3 s the first time), nor by a page turned."""
    note = "".join(f"低空飞行器试点{n}项。" for n in range(1, 5))
    async with open_chat(api, briefed(tmp_path, note)) as chat:
        library = state_of(chat.application).library
        library.parsed.clear()
        library.briefings.clear()
        (first,) = await chat.send("/search 低空飞行器")
        assert "（第 1/4 页）" in visible([first])
        turned = visible(await chat.tap(first, dict(buttons(first))["▶"]))
        assert "（第 2/4 页）" in turned
        assert not library.parsed


async def test_the_query_is_echoed_as_typed(api: FakeBotApi, tmp_path: Path) -> None:
    async with open_chat(api, briefed(tmp_path, "GDP增长5%。")) as chat:
        assert (await chat.text("/search GDP")).startswith("搜索“GDP” 共 5 条")
        assert (await chat.text("/search ▶")).startswith("没有找到与“▶”相关的内容。")
        assert (await chat.text("/search QWERTY")).startswith("没有找到与“QWERTY”相关的内容。")


async def test_a_search_while_reports_are_being_briefed_says_its_results_are_partial(
    api: FakeBotApi, tmp_path: Path
) -> None:
    reports = five_reports(tmp_path, "低空飞行器试点3项。")
    # A cold cache; the worker briefs newest first and never gets past the oldest report.
    work = functools.partial(brief_stalling_on, "r0.txt", tmp_path / "worker.pid")
    config = make_config(tmp_path, reports, cache_dir=str(tmp_path / "cold"))
    async with bot_working(api, config, work) as chat:
        briefer = state_of(chat.application).briefer
        for _ in range(1200):  # a minute at most for the other four
            if briefer.progress()[0] == 4:
                break
            await asyncio.sleep(0.05)
        text = await chat.text("/search 低空飞行器")
    assert text.startswith("搜索“低空飞行器” 共 4 条")
    assert text.endswith("另有 1 份报告还在整理中，结果尚不完整，稍后再搜可包括它们。")


async def test_a_number_typed_right_after_a_list_of_reports_chooses_that_report(
    api: FakeBotApi, tmp_path: Path
) -> None:
    async with open_chat(api, briefed(tmp_path, "")) as chat:
        calls = await chat.send("/use 2019")  # one report: chosen at once
        offer = await chat.send("/use 法治")  # all five: offered with their /reports numbers
        lines = [line for line in visible(offer).splitlines() if line[:1].isdigit()]
        labels = [label for call in offer for label, _ in buttons(call)]
        assert [line.split(".")[0] for line in lines] == [label.split(".")[0] for label in labels]
        fourth = next(line for line in lines if line.startswith("4. "))
        assert await chat.text("4") == f"已切换到：{fourth.removeprefix('4. ')}"
        # only right after the list: once the chat has said something else, 4 is a search
        assert (await chat.text("4")).startswith(("搜索“4”", "没有找到与“4”"))
        await chat.text("/reports")
        await chat.text("/summary")
        assert (await chat.text("2")).startswith(("搜索“2”", "没有找到与“2”"))
        listed = await chat.text("/reports")
        second = next(line for line in listed.splitlines() if line.startswith("2. "))
        assert await chat.text("2") == f"已切换到：{second.removeprefix('2. ').split(' ✅')[0]}"
    assert "已切换到" in visible(calls)


def test_a_count_of_candidates_is_said_to_be_about_so_many() -> None:
    """Past the candidates the index checks, the count is a bound (CorpusResult.exact): the
    heading says 约 (about), not 共."""
    from bot.handlers.search import results_page
    from briefings.corpus_index import CorpusHit, CorpusResult, Entry

    hit = CorpusHit(
        Entry("a" * 64, "报告", "某市人民政府", 2024), "1", "一、发展", "城市更新提速。"
    )
    exact = CorpusResult("城市更新", (hit,), ("城市更新",), 6742)
    bound = CorpusResult("城市更新", (hit,), ("城市更新",), 6974, exact=False)
    assert "共 6742 条" in results_page(exact, 0, "a")[0]
    assert "约 6974 条" in results_page(bound, 0, "a")[0]
