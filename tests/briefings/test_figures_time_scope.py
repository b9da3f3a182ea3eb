"""What time a figure is for, read from the words of its sentence: invented sentences."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures
from briefings.figures.kinds import PLAN, Setting


@pytest.mark.parametrize(
    ("year", "span"),
    [
        (2010, "2011-2015"),  # the report of a plan's last year looks to the coming plan's five
        (2015, "2016-2020"),
        (2026, "2026-2030"),  # a plan's first year: its own five
        (2023, "2023-2027"),
    ],
)
def test_the_five_years_ahead_are_the_coming_plans_when_the_report_closes_one(
    year: int, span: str
) -> None:
    sentence = "未来五年，要实现万元地区生产总值能耗年均下降4%，全员劳动生产率年均增长6%。"
    found = sentence_figures(sentence, "1", 1, Setting(PLAN, str(year)), year)
    assert [m.period for m in found] == [span, span]
