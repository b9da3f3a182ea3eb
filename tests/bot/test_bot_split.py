"""Splitting long HTML replies: each part within the limit and well-formed on its own."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from bench.kits.fault_api import FakeBotApi
from bot.local.plain_text import plain
from bot.telegram.split import TELEGRAM_LIMIT, split_html
from tests.kits.botkit import make_config, open_chat, visible

_TAG = re.compile(r"<(/?)(\w+)[^>]*>")


def balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, name in _TAG.findall(html):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def lines_of(parts: list[str]) -> list[str]:
    return [line for part in parts for line in plain(part).splitlines() if line.strip()]


def test_a_short_reply_is_one_part() -> None:
    assert split_html("<b>短</b>\n内容") == ["<b>短</b>\n内容"]


def test_ten_thousand_characters_split_at_line_ends() -> None:
    text = "\n".join(f"{n}. <b>第{n}项</b> " + "内容" * 40 + " &amp; 完" for n in range(120))
    assert len(text) > 10_000
    parts = split_html(text)
    assert len(parts) >= 3
    assert all(len(part) <= TELEGRAM_LIMIT and balanced(part) for part in parts)
    assert lines_of(parts) == lines_of([text])  # no line was cut or lost


def test_cuts_prefer_a_blank_line_between_sections() -> None:
    sections = ["\n".join(["<b>标题</b>"] + ["句子。" * 30] * 8) for _ in range(8)]
    parts = split_html("\n\n".join(sections))
    assert all(part.startswith("<b>标题</b>") for part in parts)


def test_an_overlong_line_is_cut_outside_tags_and_entities() -> None:
    text = "<b>" + "长&amp;" * 3000 + "</b>"
    parts = split_html(text)
    assert all(len(p) <= TELEGRAM_LIMIT and balanced(p) and p.startswith("<b>") for p in parts)
    assert "".join(plain(p) for p in parts) == plain(text)


@given(st.lists(st.sampled_from(["字", "<b>粗</b>", "&lt;", "\n", "\n\n", "<i>斜", "</i>", "x"]),
                max_size=3000), st.integers(min_value=64, max_value=600))  # fmt: skip
@example(["<b>粗</b>", *["<i>斜"] * 5, *["<b>粗</b>"] * 4], 64)  # nesting ate a part's room
def test_every_part_fits_and_no_text_is_lost(tokens: list[str], limit: int) -> None:
    opened = tokens.count("<i>斜") - tokens.count("</i>")
    text = "".join(tokens) + "</i>" * max(opened, 0)
    if not balanced(text):
        return
    parts = split_html(text, limit)
    assert all(len(part) <= limit and balanced(part) for part in parts)
    assert "".join(plain(p) for p in parts).replace("\n", "") == plain(text).replace("\n", "")


def _long_plan_report(folder: Path) -> None:
    lead = "全面推进" + "重点领域改革创新" * 20
    items = "\n".join(f"（{n}）{lead}第{n}项。具体内容。" for n in range(1, 61))
    text = f"关于某市2030年度工作的报告\n某市人民政府\n\n一、工作回顾\n完成了工作。\n二、2031年工作计划\n{items}\n"
    (folder / "long.txt").write_text(text, encoding="utf-8")


async def test_a_ten_thousand_character_reply_arrives_in_parts(
    api: FakeBotApi, tmp_path: Path
) -> None:
    _long_plan_report(tmp_path)
    async with open_chat(api, make_config(tmp_path, reports_dir=tmp_path)) as chat:
        calls = await chat.send("/plan")
    sent = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert sum(map(len, sent)) > 10_000 and len(sent) >= 3
    assert all(len(text) <= TELEGRAM_LIMIT and balanced(text) for text in sent)
    numbered = [line for line in visible(calls).splitlines() if re.match(r"\d+\. ", line)]
    assert len(numbered) == 60 and numbered[-1].startswith("60. 全面推进")
