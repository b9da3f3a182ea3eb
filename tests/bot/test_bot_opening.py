"""A figure printed in a report's opening (the text before its first heading) is shown as from
the opening (开篇 / opening), never as a part 0 that no heading of the report prints: through the
real bot and the fake Telegram, on an invented 政府工作报告 whose opening gives its figures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bot.present.words import catalogue
from tests.kits.botkit import Chat, make_config, open_chat
from tests.kits.many_reports import invented_lines

ENGLISH = catalogue("en")
GROWTH = "8.0%"  # the year before's growth, printed in the opening only


@pytest.fixture
async def chat(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Chat]:
    folder = tmp_path / "reports"
    folder.mkdir()
    lines = invented_lines("九江市", 2020)
    assert lines[1] == "各位代表：" and GROWTH in lines[2] and lines[3].startswith("一、")
    (folder / "work_2020.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    async with open_chat(api, make_config(tmp_path, folder)) as chat:
        yield chat


def _line_of(text: str, figure: str) -> str:
    return next(line for line in text.splitlines() if figure in line)


def _never_part_zero(text: str) -> None:
    assert "（0）" not in text and "第 0 部分" not in text, text
    assert "(0)" not in text and "section 0" not in text, text


async def test_a_figure_of_the_opening_is_shown_as_from_the_opening_in_metrics_and_compare(
    chat: Chat,
) -> None:
    metrics = await chat.text("/metrics")
    assert _line_of(metrics, GROWTH).endswith("（开篇）"), metrics
    compared = await chat.text("/compare 地区生产总值增长")
    assert _line_of(compared, GROWTH).endswith("（开篇）"), compared
    for text in (metrics, compared):
        _never_part_zero(text)


async def test_a_figure_of_the_opening_is_shown_as_from_the_opening_in_english(chat: Chat) -> None:
    assert await chat.text("/lang en") == ENGLISH("language.set")
    metrics = await chat.text("/metrics")
    assert _line_of(metrics, GROWTH).endswith("（opening）"), metrics
    compared = await chat.text("/compare 地区生产总值增长")
    assert _line_of(compared, GROWTH).endswith("(opening)"), compared
    for text in (metrics, compared):
        _never_part_zero(text)
