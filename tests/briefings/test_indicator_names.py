"""Indicators by the names and wordings of older and smaller reports (年均递增, 地方预算内财政收入,
a price index's rise in points, 物价 of the 1990s), and which targets are headlines first."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefings.figures import sentence_figures
from briefings.figures.indicators import indicator_of
from briefings.figures.keys import headline_rank, headlines
from briefings.model import Metric


def _indicators(sentence: str) -> list[tuple[str, str | None]]:
    return [(m.raw, m.indicator) for m in sentence_figures(sentence)]


def test_a_yearly_rise_said_as_digeng_measures_its_indicator() -> None:
    found = _indicators("全县生产总值完成53.42亿元，比2006年增长24.47亿元，年均递增13%。")
    assert found == [("53.42亿元", "gdp"), ("24.47亿元", None), ("13%", "gdp_growth")]
    assert indicator_of("城镇居民人均可支配收入年均递增", "%") == "urban_income_growth"
    assert indicator_of("单位生产总值能耗年均递减", "%") == "energy_intensity_reduction"


@pytest.mark.parametrize(
    ("label", "unit", "expected"),
    [
        ("地方预算内财政收入", "元", "fiscal_revenue"),
        ("一般地方预算财政收入", "元", "fiscal_revenue"),
        ("一般地方预算财政收入增长", "%", "fiscal_revenue_growth"),
        ("一般公共预算同比增长", "%", "fiscal_revenue_growth"),  # the budget's name alone
        ("一般公共预算支出增长", "%", None),  # its spending
        ("一般公共预算安排", "元", None),  # an amount of the budget may be spent
    ],
)
def test_older_and_shorter_names_of_the_budget_revenue(
    label: str, unit: str, expected: str | None
) -> None:
    assert indicator_of(label, unit) == expected


def test_growth_reckoned_on_a_comparable_basis_is_the_growth_of_the_measure_before() -> None:
    found = _indicators("地方预算内财政收入221．9亿元，按可比口径计算增长16．5％，居第3位。")
    assert found[:2] == [("221．9亿元", "fiscal_revenue"), ("16．5％", "fiscal_revenue_growth")]


def test_a_price_indexs_rise_in_points_is_the_price_rise_and_a_headline() -> None:
    found = sentence_figures("居民消费价格总指数和商品零售价格总指数分别上升2．8和0．6个百分点。")
    assert [(m.value, m.unit, m.indicator) for m in found] == [
        (2.8, "个百分点", "cpi"),
        (0.6, "个百分点", "retail_price_index"),
    ]
    for metric in found:
        assert headline_rank(replace(metric, kind="result", period="2000"), 2001) is not None
    # a change of the rate of rise in points is a gap between two rates, no price figure
    assert indicator_of("居民消费价格涨幅回落", "个百分点") is None


def test_bare_prices_of_a_1990s_report_are_the_retail_price_index() -> None:
    assert indicator_of("物价上涨幅度", "%", year=1995) == "retail_price_index"
    assert indicator_of("物价上涨幅度", "%", year=2008) == "cpi"
    assert indicator_of("物价上涨幅度", "%") == "cpi"
    assert indicator_of("居民消费价格上涨", "%", year=1995) == "cpi"


def test_value_added_of_the_firms_the_sentence_counted_first() -> None:
    found = _indicators("全县规模以上工业企业达到55家，预计完成增加值15亿元，年均递增17.6%。")
    assert found[1:] == [("15亿元", "industrial_value_added"),
                         ("17.6%", "industrial_value_added_growth")]  # fmt: skip
    # a park's firms and their value added are not the place's industry
    assert _indicators("工业园区入驻企业50家，完成增加值3亿元。")[1:] == [("3亿元", None)]
    assert indicator_of("全县规模以上企业累计实现工业增加值", "元") == "industrial_value_added"


def _target(n: int, label: str, indicator: str | None) -> Metric:
    return Metric(f"m{n}", "3", "5%", 5.0, "%", "percent", label, label, kind="target",
                  period="2025", indicator=indicator)  # fmt: skip


def test_targets_of_headline_indicators_come_before_the_other_main_targets() -> None:
    others = [_target(n, f"指标{n}增长", None) for n in range(1, 40)]
    revenue = _target(40, "一般公共预算收入增长", "fiscal_revenue_growth")
    main = frozenset(m.id for m in [*others, revenue])
    chosen = headlines([*others, revenue], 2025, main)
    assert chosen[0] is revenue
    assert len(chosen) == 30


def test_a_clause_striving_for_a_measure_sets_the_places_goal_whatever_came_before() -> None:
    sentence = "今年要抓紧水稻特别是南方早稻的生产，力争粮食产量达到４５５０亿公斤以上。"
    assert _indicators(sentence) == [("４５５０亿公斤以上", "grain_output")]
    # without striving, words carried from another clause leave the measure unsure
    assert _indicators("开发区招商引资成效明显，粮食产量达到45万吨。")[-1][1] is None


def test_last_years_target_recalled_is_no_headline() -> None:
    recalled = replace(_target(1, "商品零售物价上涨幅度", "retail_price_index"), period="1994")
    coming = replace(recalled, id="m2", period="1995")
    assert headline_rank(recalled, 1995) is None
    assert headline_rank(coming, 1995) is not None


def test_research_and_experimental_development_named_kaifa_keeps_its_words_and_its_share() -> None:
    found = sentence_figures(
        "全国研究与试验开发经费达到900亿元，占国内生产总值的比重从0.7%提高到1.1%。"
    )
    assert "研究与试验开发经费" in found[0].label
    assert [m.indicator for m in found] == ["rd_expenditure", "rd_intensity", "rd_intensity"]
