"""A handful of figures per corpus report, picked by hand from the text: a GDP figure, a
growth rate, a count (and a ranking where the report gives one)."""

from __future__ import annotations

import math

import pytest

from bench.kits.paths import CORPUS
from briefings.figures import extract_figures
from briefings.figures.keys import MAX_HEADLINES, SPREAD_AFTER_HEADLINES
from briefings.model import Metric
from briefings.parse import parse_file

# report -> (raw as printed, value, unit, qualifier, a word the label must contain)
PICKS: dict[str, list[tuple[str, float, str, str, str]]] = {
    "beijing_2025": [
        ("5.2%左右", 5.2, "%", "approx", "地区生产总值"),
        ("3.1%", 3.1, "%", "percent", "一般公共预算收入"),
        ("7.1万套", 71_000, "套", "exact", "保障性租赁住房"),
        ("29.9万人", 299_000, "人", "exact", "新增就业"),
    ],
    "gansu_2025": [
        ("1.3万亿元", 1.3e12, "元", "exact", "地区生产总值"),
        ("5.8%", 5.8, "%", "percent", "增长"),
        ("10336场次", 10_336, "场次", "exact", "促消费活动"),
        ("2463家", 2_463, "家", "exact", "高新技术企业"),
    ],
    "guowuyuan_2019": [
        ("6.6%", 6.6, "%", "percent", "国内生产总值"),
        ("突破90万亿元", 9e13, "元", "approx", "总量"),
        ("1361万人", 13_610_000, "人", "exact", "新增就业"),
        ("6%－6.5%", 6, "%", "range", "国内生产总值"),  # the year's target, one figure
    ],
    "henan_2025": [
        ("6.36万亿元", 6.36e12, "元", "exact", "生产总值"),
        ("5.1%", 5.1, "%", "percent", "生产总值"),
        ("9718个", 9_718, "个", "exact", "先进制造业项目"),
    ],
    "jiangxi_2025": [
        ("5.1%", 5.1, "%", "percent", "地区生产总值"),
        ("突破1.3万亿元", 1.3e12, "元", "approx", "数字经济"),
        ("139个", 139, "个", "exact", "两重"),
    ],
    "xizang_2025": [
        ("6.3%", 6.3, "%", "percent", "地区生产总值"),
        ("突破110万吨", 1_100_000, "吨", "approx", "粮食产量"),
        ("118个", 118, "个", "exact", "老旧小区"),
    ],
}


def _has(metrics: list[Metric], pick: tuple[str, float, str, str, str]) -> bool:
    raw, value, unit, qualifier, word = pick
    return any(
        m.raw == raw
        and math.isclose(m.value, value, rel_tol=1e-9)
        and (m.unit, m.qualifier) == (unit, qualifier)
        and word in m.label
        for m in metrics
    )


@pytest.mark.parametrize("name", sorted(PICKS))
def test_hand_picked_figures_are_found(name: str) -> None:
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus report {path} is absent")
    metrics = extract_figures(parse_file(path))
    missing = [pick for pick in PICKS[name] if not _has(metrics, pick)]
    assert not missing, missing
    # 15 keys, more only to make room for every headline figure (results and targets)
    assert 15 <= sum(m.key for m in metrics) <= MAX_HEADLINES + SPREAD_AFTER_HEADLINES
    assert not any(m.raw.endswith("年") and m.value > 1900 for m in metrics)


@pytest.mark.parametrize("name", sorted(PICKS))
def test_gross_product_growth_is_a_key_figure(name: str) -> None:
    """The figure a reader of a 政府工作报告 looks for first: GDP growth, last year's and the
    target, is among the key figures; energy per unit of GDP or a share of it is not GDP."""
    path = CORPUS / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus report {path} is absent")
    keys = [m for m in extract_figures(parse_file(path)) if m.key]
    growth = [m for m in keys if "生产总值" in m.label and m.unit in ("%", "元")]
    assert growth, [(m.raw, m.label) for m in keys]
    # Per unit of GDP or a share of it is key only as a canonical indicator of its own (energy
    # intensity, R&D intensity: a headline result or target) or a main target, never as GDP.
    assert not [
        m
        for m in growth
        if ("单位" in m.label or "占" in m.label) and m.kind != "target" and m.indicator is None
    ]
