"""Fractions are shares, in % to two decimals, whether printed in digits or in words (RULES.md
of the figure labels): their bound as printed, and what kind of figure they are in a plan."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures
from briefings.figures.kinds import PLAN, Setting


def _shares(sentence: str) -> list[tuple[str, float, str, str]]:
    return [(m.raw, m.value, m.unit, m.bound) for m in sentence_figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新增头雁企业5家、占全市五分之一。", ("五分之一", 20.0, "%", "exact")),
        ("部门内设机构精简1／4。", ("1／4", 25.0, "%", "exact")),
        ("占全国比重超过1/9。", ("1/9", 11.11, "%", "more_than")),
        ("高新技术产品出口占全国1/5强。", ("1/5强", 20.0, "%", "more_than")),
        ("取消、调整1/3的行政审批事项。", ("1/3", 33.33, "%", "exact")),
        ("人员编制总数减少一半。", ("一半", 50.0, "%", "exact")),
        ("建筑面积一半以上完成节能改造。", ("一半以上", 50.0, "%", "at_least")),
        ("将全市近一半的土地划入生态控制线。", ("一半", 50.0, "%", "about")),
        ("一期工程主体过半。", ("过半", 50.0, "%", "more_than")),
    ],
)
def test_a_fraction_is_a_share_in_percent_with_its_bound(
    sentence: str, expected: tuple[str, float, str, str]
) -> None:
    assert expected in _shares(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["开通7/24小时热线。", "这是另一半的工作。", "过半数代表同意。", "实行5+2/3模式。"],
)
def test_what_is_no_fraction(sentence: str) -> None:
    assert not any(unit == "%" for _, _, unit, _ in _shares(sentence))


PLAN_1999 = Setting(PLAN, "1999")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("省级政府人员编制原则上减一半。", "target"),  # a cut the plan aims at
        ("国务院部门文件压减三分之一以上。", "target"),
        ("实行企业、社会、财政各负担三分之一的办法。", "plan"),  # a share of a cost borne
        ("新增财政补助一半用于大病保险。", "plan"),  # a share of money put to a use
    ],
)
def test_a_share_in_the_plan_is_a_target_when_it_is_a_cut_and_a_plan_when_it_is_spent(
    sentence: str, kind: str
) -> None:
    found = sentence_figures(sentence, setting=PLAN_1999, year=1999)
    assert [m.kind for m in found if m.unit == "%"] == [kind]
