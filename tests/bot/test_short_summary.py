"""The one-screen summary (/summary, an /add's answer): about a dozen short lines, leading with
the year's headline results and main targets, then the plan one line per item."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.kits.gov_docs import report_lines
from bench.kits.paths import corpus_files
from bot.local.plain_text import plain
from bot.present.short import short_summary
from briefings.derive import brief
from briefings.parse import parse_bytes
from tests.kits.corpus_briefings import corpus_briefing

CORPUS = corpus_files()
MOST_LINES = 15  # lines with text: about a dozen, a phone screen with the title wrapped
MOST_CHARS = 400
LONGEST_LINE = 100  # five lines on a phone; figure and plan lines are far shorter
SHORTEST_SENTENCE = 20  # shorter: a heading restated (强化组织领导。)

# A 政府工作报告 opening with a long sentence of results, then the year's main targets.
LONG_OPENING = (
    "2023年，全市地区生产总值增长5.6%，一般公共预算收入增长6.2%，规模以上工业增加值增长7.1%，"
    "固定资产投资增长4.3%，社会消费品零售总额增长6.8%，城乡居民人均可支配收入分别增长5.1%和7.2%，"
    "城镇新增就业5.3万人，主要经济指标增速高于全省平均水平，经济运行总体回升向好。"
)
TARGETS = "2024年主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。"


def _summary_lines(data: bytes) -> list[str]:
    report = parse_bytes(data, "short.txt")
    return plain(short_summary(report, brief(report))).splitlines()


def _invented() -> bytes:
    body = report_lines("宜春市", 2024)[3:]  # its sections and date
    lines = ["2024年宜春市政府工作报告", "各位代表：", LONG_OPENING + TARGETS, *body]
    return ("\n".join(lines) + "\n").encode()


def test_the_short_summary_leads_with_the_years_results_then_its_targets() -> None:
    lines = _summary_lines(_invented())
    assert lines[3] == "关键数据（2023年）"
    results = lines[4 : lines.index("", 4)]
    assert results[0] == "• 5.6% 全市地区生产总值增长" and 2 <= len(results) <= 3
    at = lines.index("今年目标（2024年）")
    assert lines[at + 1] == "• 6%左右 地区生产总值增长"


def test_a_long_first_sentence_is_left_to_the_full_summary() -> None:
    lines = _summary_lines(_invented())
    assert max(map(len, lines)) <= LONGEST_LINE
    assert not any(line.startswith("2023年，全市地区生产总值增长5.6%") for line in lines)


def test_the_short_summary_gives_the_plan_one_line_per_item() -> None:
    lines = _summary_lines(_invented())
    at = lines.index("工作计划 2 项：/plan")
    assert lines[at + 1 : at + 3] == [
        "1. 抓好法治政府建设规划贯彻落实,统筹推进宜春市各…",
        "2. 坚持严格规范公正文明执法,开展执法人员法律知识…",
    ]


@pytest.mark.skipif(not CORPUS, reason="corpus of 政府工作报告 not present")
@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_every_corpus_reports_short_summary_fits_one_phone_screen(path: Path) -> None:
    briefing = corpus_briefing(path)
    report = briefing.report
    lines = [line for line in plain(short_summary(report, briefing)).splitlines() if line]
    # Measures only in the messages: what the summary says is not printed here.
    chars = sum(map(len, lines))
    assert len(lines) <= MOST_LINES and chars <= MOST_CHARS, (len(lines), chars)
    assert max(map(len, lines)) <= LONGEST_LINE, max(map(len, lines))
    figures = [n for n, line in enumerate(lines) if line.startswith("• ")]
    if figures:  # the figures lead, straight after the title and byline
        assert figures[0] <= 3, figures[0]
    quoted = [line for line in lines[2:] if line in briefing.summary]  # after title, byline
    assert all(len(line) >= SHORTEST_SENTENCE for line in quoted), "a heading restated"
    assert all(not line.endswith(("：", ":")) for line in quoted), "a list's lead-in alone"
