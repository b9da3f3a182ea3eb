"""The briefing series: chapters in tour order, verbatim sentences, one message each."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from bench.kits.paths import SEED
from bot.present import series
from bot.present.short import summary_head
from briefings.briefing import Briefing
from briefings.derive import brief
from briefings.model import Metric, Report
from briefings.parse import parse_file
from briefings.text import sentences

LIMIT = 4096


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return brief(parse_file(SEED))


@pytest.fixture(scope="module")
def report(briefing: Briefing) -> Report:
    return briefing.report


def _plain(html: str) -> str:
    return unescape(re.sub(r"</?b>", "", html))


def test_tour_order(report: Report, briefing: Briefing):
    tour = [_plain(text) for text in series.chapters(report, briefing)]
    assert tour[0].startswith(report.meta.title)
    assert tour[1].startswith("一、主要举措和成效\n(一)坚持高位谋划,强化法治政府建设保障")
    assert tour[-3].startswith("关键数据\n• 连续三年 荣获先进单位")
    assert tour[-2].startswith("存在的问题\n1. 依法行政水平还需加强。")
    assert tour[-1].startswith("2021年工作计划\n1. 抓好《法治政府建设规划(2020-2025年)》贯彻落实")
    assert len(tour) == 1 + 8 + 3


def test_every_sentence_is_quoted_verbatim(report: Report, briefing: Briefing):
    body = report.body_text()
    quoted = 0
    for text in [*series.chapters(report, briefing), series.weekly(report, briefing)]:
        unlabelled = unescape(re.sub(r"<b>.*?</b>", "", text))  # headings are our labels
        for line in unlabelled.splitlines():
            item = re.match(r"^\d+\. (.+)$", line)
            if item:  # a numbered item is its verbatim lead or first sentence
                assert item[1] in body, item[1]
            for sentence in sentences(re.sub(r"^(• |\d+\. )", "", line.strip())):
                if sentence.endswith("。"):  # report sentences; other lines are our labels
                    assert sentence in body, sentence
                    quoted += 1
    assert quoted > 30


def test_chapters_wrap_round_and_fit_one_message(report: Report, briefing: Briefing):
    count = len(series.chapters(report, briefing))
    first, following = series.chapter(report, 0, briefing)
    assert following == 1
    again, _ = series.chapter(report, count, briefing)
    assert again == first
    last, back = series.chapter(report, count - 1, briefing)
    assert back == 0
    assert f"第 {count}/{count} 篇" in last
    assert all(len(series.chapter(report, n, briefing)[0]) < LIMIT for n in range(count))


def test_key_figures_chapter_and_weekly_top_figures(report: Report, briefing: Briefing):
    sentence = "“赣服通” 全市接入事项819项,其中578项政务服务事项,241项电子证照,累计注册用户231万人,占全市人口42%。"
    metric = Metric("m1", "1.2.1", "819项", 819, "项", "", "接入事项", sentence, key=True)
    with_figures = replace(briefing, metrics=(metric,))
    tour = series.chapters(report, with_figures)
    assert _plain(tour[-3]) == f"关键数据\n• 819项 接入事项\n  {sentence}"
    assert "• <b>819项</b> 接入事项" in series.weekly(report, with_figures)


def test_weekly_is_one_screen_with_plan_headings(report: Report, briefing: Briefing):
    weekly = _plain(series.weekly(report, briefing))
    assert weekly.startswith("🗞 本周简报\n\n" + report.meta.title)
    for n, item in enumerate(report.plan.items, start=1):
        assert f"{n}. {item.lead}" in weekly
    assert len(weekly) < LIMIT


def test_weekly_opens_with_the_one_screen_summary_head(report: Report, briefing: Briefing):
    weekly = series.weekly(report, briefing)
    head = summary_head(report, briefing)
    assert weekly.startswith(f"🗞 本周简报\n\n{head}\n\n<b>2021年工作计划</b>\n1. ")
    assert len(_plain(weekly)) < 1000  # the whole summary made it ~1,600 characters


def test_html_is_escaped():
    from briefings.model import ItemList, Meta, Section

    section = Section("1", "一、", "A<B>", "甲&乙。丙。", "cn")
    tiny = Report(
        "x.txt", "d", Meta(title="<标题>"), "", (section,), ItemList(None, ()), ItemList(None, ())
    )
    text = "\n".join(series.chapters(tiny))
    assert "&lt;标题&gt;" in text and "A&lt;B&gt;" in text and "甲&amp;乙。" in text
