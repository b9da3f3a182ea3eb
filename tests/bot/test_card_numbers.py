"""Figures on the card read the Chinese way and keep the hedges the report printed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.present.card import format_amount, format_figure
from briefings.model import Metric


def metric(raw: str, value: float, unit: str, qualifier: str = "") -> Metric:
    return Metric("m1", "1.1", raw, value, unit, qualifier, "指标", raw + "。")


@pytest.mark.parametrize(
    ("raw", "value", "unit", "qualifier", "shown"),
    [
        ("231万人", 2_310_000, "人", "", "231万人"),
        ("2.6亿条", 260_000_000, "条", "", "2.6亿条"),
        ("99.3%", 99.3, "%", "", "99.3%"),
        ("819项", 819, "项", "", "819项"),
        ("370余件", 370, "件", "approx", "370余件"),
        ("5.71万余人次", 57_100, "人次", "approx", "5.71万余人次"),
        ("约50家", 50, "家", "approx", "约50家"),
        ("12975件", 12_975, "件", "", "12975件"),
        ("5.715万人", 57_150, "人", "", "5.715万人"),
        ("231万人", 231, "万人", "", "231万人"),
        ("12亿元", 1_200_000_000, "元", "", "12亿元"),
        ("2.5个百分点", 2.5, "个百分点", "", "2.5个百分点"),
        ("50家", 50, "家", "余", "50余家"),
        ("6%－6.5%", 6, "%", "range", "6%－6.5%"),  # a range reads as printed
        ("提升3位", 3, "位", "change", "提升3位"),  # places gained, never 第3位
        ("突破90万亿元", 9e13, "元", "approx", "突破90万亿元"),
        ("约1.3万亿元", 1.3e12, "元", "approx", "约1.3万亿元"),
        ("2.76万亿元", 2.76e12, "元", "", "2.76万亿元"),
        ("1.3万亿斤以上", 1.3e12, "斤", "approx", "1.3万亿斤以上"),
        ("95%以上", 95, "%", "approx", "95%以上"),
        ("5.5%左右", 5.5, "%", "approx", "5.5%左右"),
        ("8397亿元", 8.397e11, "元", "", "8397亿元"),
        ("6.0%", 6.0, "%", "", "6.0%"),  # a printed trailing zero stays: it says the precision
        ("10.0亿元", 1e9, "元", "", "10.0亿元"),
        ("1.50个百分点", 1.5, "个百分点", "", "1.50个百分点"),
    ],
)
def test_figure_reads_as_printed(raw: str, value: float, unit: str, qualifier: str, shown: str):
    assert format_figure(metric(raw, value, unit, qualifier)).text == shown


def test_percent_sign_is_part_of_the_large_number() -> None:
    text = format_figure(metric("80%", 80, "%"))
    assert (text.number, text.unit) == ("80%", "")


def test_hedge_and_unit_are_drawn_apart_from_the_number() -> None:
    text = format_figure(metric("1700余支", 1700, "支", "approx"))
    assert (text.prefix, text.number, text.suffix, text.unit) == ("", "1700", "余", "支")


def _read_back(shown: str) -> float:
    scale = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
    match = re.fullmatch(r"(-?[\d.]+)(万亿|亿|万)?", shown)
    assert match, shown
    return float(match[1]) * scale.get(match[2] or "", 1)


@given(st.integers(min_value=0, max_value=10**15))
def test_amount_never_loses_a_digit(value: int) -> None:
    assert _read_back(format_amount(value)) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    ("raw", "value", "unit", "qualifier", "shown"),
    [
        ("排名第8位", 8, "位", "rank", "第8位"),
        ("名列第一", 1, "位", "rank", "第1位"),
        ("连续三年", 3, "年", "exact", "连续3年"),
        ("每2名执法人员配备1台", 0.5, "台/名", "ratio", "每2名执法人员配备1台"),
    ],
)
def test_rankings_streaks_and_ratios_read_as_a_reader_says_them(
    raw: str, value: float, unit: str, qualifier: str, shown: str
) -> None:
    assert format_figure(metric(raw, value, unit, qualifier)).text == shown
