"""A figure's bound read from the words printed around it, on short invented sentences, and
shown wherever the figure is: the reply line, /compare, the export."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench.kits.card_sample import sample_report
from bot.present.card.numbers import format_figure
from bot.present.markdown import to_markdown
from bot.present.render import metric_line
from briefings.briefing import Briefing
from briefings.export import export_document
from briefings.figures import sentence_figures
from briefings.figures.bounds import BOUNDS, shown_sign
from briefings.search import SearchIndex


def bounds(sentence: str) -> list[tuple[str, str]]:
    return [(m.raw, m.bound) for m in sentence_figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("地区生产总值增长5%左右。", [("5%左右", "about")]),
        # Reached or passed: a floor; a doubling or tenths with 多: more than printed.
        ("经济增长连续三年达到或略高于8%。", [("连续三年", "exact"), ("8%", "at_least")]),
        ("财政收入达到或超过12亿元。", [("超过12亿元", "at_least")]),
        ("存款余额五年增长1倍多。", [("1倍多", "more_than")]),
        # The figure or more (X或者更多一些, X或更多): a floor.
        ("全社会投资预定增长12%或者更多一些。", [("12%", "at_least")]),
        ("出口增长6%或更多。", [("6%", "at_least")]),
        # 约 ending a word (条约, 签约) bounds nothing; standing alone it is about.
        (
            "缔结国际条约95个，签约项目20个，投资约30亿元。",
            [("95个", "exact"), ("20个", "exact"), ("约30亿元", "about")],
        ),
        (
            "生产总值翻了一番多，审批时限缩短了三成多。",
            [("翻了一番多", "more_than"), ("三成多", "more_than")],
        ),
        # The edge of a band of the top or the bottom.
        ("12个学科进入ESI排名前1%。", [("12个", "exact"), ("1%", "at_most")]),
        ("确保空气质量退出全省后20位。", [("20位", "at_most")]),
        ("新建学校约30所。", [("约30所", "about")]),
        ("近3.3万名工作人员完成搬迁。", [("近3.3万名", "about")]),
        ("粮食产量稳定在650亿斤以上。", [("650亿斤以上", "at_least")]),
        ("推介项目总投资不低于2000亿元。", [("2000亿元", "at_least")]),
        ("投资过千万元项目开工42个。", [("过千万元", "more_than"), ("42个", "exact")]),
        ("新增就业不少于5000人。", [("5000人", "at_least")]),
        ("城镇调查失业率控制在5.5%以内。", [("5.5%", "at_most")]),
        ("居民消费价格涨幅控制在3%。", [("3%", "at_most")]),
        ("居民消费价格涨幅控制在2%左右。", [("2%左右", "about")]),
        ("城镇登记失业率在4%以下。", [("4%", "at_most")]),
        ("债务余额不超过30亿元。", [("30亿元", "at_most")]),
        ("进出口总额超过3.6万亿元。", [("超过3.6万亿元", "more_than")]),
        ("汽车产量突破110万辆。", [("突破110万辆", "more_than")]),
        ("减税降费超1500亿元。", [("超1500亿元", "more_than")]),
        ("改造棚户区620多万套。", [("620多万套", "more_than")]),
        ("培育龙头企业3000余家。", [("3000余家", "more_than")]),
        ("全市在建工地1万多个。", [("1万多个", "more_than")]),
        ("财政投入资金4亿余元。", [("4亿余元", "more_than")]),
        ("门诊用药报销比例最高达80%。", [("80%", "at_most")]),
        ("空置率不到5%。", [("5%", "less_than")]),
        ("国内生产总值增长6%－6.5%。", [("6%－6.5%", "range")]),
        ("全年增长7.8%，略低于8%的预定目标。", [("7.8%", "exact"), ("8%", "exact")]),
        ("城乡居民收入分别增长5%和7%左右。", [("5%", "about"), ("7%左右", "about")]),
        ("失业率和物价涨幅分别控制在5%和3%以内。", [("5%", "at_most"), ("3%", "at_most")]),
        ("新建公园12个。", [("12个", "exact")]),
        # A bound printed before the first of a 分别 list governs the items after it.
        ("食品、药品抽检合格率分别超98%、99%。", [("超98%", "more_than"), ("99%", "more_than")]),
        ("两项指标分别不低于90%和95%。", [("90%", "at_least"), ("95%", "at_least")]),
        (
            "新增企业2家、500亿元以上项目3个。",
            [("2家", "exact"), ("500亿元以上", "at_least"), ("3个", "exact")],
        ),
    ],
)
def test_bound_is_read_from_the_printed_words(sentence: str, expected: list) -> None:
    assert bounds(sentence) == expected


@pytest.mark.parametrize("word", ["不低于", "不少于", "至少", "不小于"])
def test_a_floor_is_never_read_as_a_ceiling(word: str) -> None:
    ((_, bound),) = bounds(f"完成投资{word}80亿元。")
    assert bound == "at_least"


@pytest.mark.parametrize("word", ["不超过", "不高于", "控制在"])
def test_a_ceiling_is_never_read_as_a_floor(word: str) -> None:
    ((_, bound),) = bounds(f"负债率{word}60%。")
    assert bound == "at_most"


def test_every_figure_has_a_known_bound() -> None:
    sentence = "增长6.5%左右，超过90万亿元，不低于60%，3-5个，5%以内，12个。"
    assert {m.bound for m in sentence_figures(sentence)} <= set(BOUNDS)


def test_reply_line_shows_a_bound_printed_apart_as_a_sign() -> None:
    (ceiling,) = sentence_figures("城镇调查失业率控制在5.5%以内。")
    (floor,) = sentence_figures("推介项目总投资不低于2000亿元。")
    (about,) = sentence_figures("地区生产总值增长5%左右。")
    assert "<b>≤5.5%</b>" in metric_line(ceiling)
    assert "<b>≥2000亿元</b>" in metric_line(floor)
    assert "<b>5%左右</b>" in metric_line(about)  # the printed word is the bound: no sign


def test_a_bound_the_raw_text_says_gets_no_second_sign() -> None:
    assert shown_sign("more_than", "突破110万辆") == ""
    assert shown_sign("at_least", "650亿斤以上") == ""
    assert shown_sign("exact", "12个") == ""
    assert shown_sign("at_most", "5%") == "≤"


def test_the_card_shows_a_bound_printed_apart() -> None:
    (ceiling,) = sentence_figures("城镇调查失业率控制在5.5%以内。")
    (about,) = sentence_figures("地区生产总值增长5%左右。")
    assert format_figure(ceiling).text == "≤5.5%"
    assert "≈" not in format_figure(about).text


def test_the_export_carries_the_bound_and_the_markdown_shows_it() -> None:
    report = sample_report()
    (ceiling,) = sentence_figures("城镇调查失业率控制在5.5%以内。")
    figure = replace(ceiling, key=True, kind="target", period="2025")
    index = SearchIndex(report.digest, (), (), (), ())
    briefing = Briefing(report, (figure,), "", (), {}, index)
    (exported,) = export_document(report, briefing)["metrics"]
    assert (exported["bound"], exported["indicator"]) == ("at_most", "unemployment_surveyed")
    assert "| ≤5.5% |" in to_markdown(report, briefing)
