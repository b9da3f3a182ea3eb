"""Numbers that are part of what a thing is called or how it is described, not a quantity of the
work: a plant's or a mine's capacity, a reach naming a service area, a rating naming a class, the
whole people, the size of one thing financed (RULES.md of the figure labels); and a place among the
largest (第三大…城市), which is a ranking."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # Capacities naming the projects of a list, a mine named by its reserves.
        ("谋划启动甲公司200兆瓦光伏发电+储能、乙公司100兆瓦风电项目建设。", []),
        ("启动年出栏10万只肉鸡养殖项目建设。", []),
        ("新探明某某大型铜矿、某县超30吨金矿等矿产地12处。", ["12处"]),
        ("出栏生猪20万头。", ["20万头"]),
        # A reach in time or distance naming a service area or a measure.
        ("打造10分钟便民生活圈。", []),
        ("公交与轨道30米内换乘比例达90%。", ["90%"]),
        # A rating naming a class of things, whatever the bound word.
        ("累计建成360千瓦以上超充站500座。", ["500座"]),
        # 片区 is a word, not pieces; hours naming a service.
        ("启动12片区社区公园建设。", []),
        ("建成24小时自助图书馆。", []),
        # The whole people, and the size of one thing financed.
        ("凝聚14亿人民的智慧和力量。", []),
        ("融资近亿元的城区供热工程加紧实施。", []),
    ],
)  # fmt: skip
def test_numbers_that_name_or_describe_a_thing_are_no_figures(
    sentence: str, kept: list[str]
) -> None:
    assert [m.raw for m in sentence_figures(sentence)] == kept


@pytest.mark.parametrize(
    ("sentence", "value", "label_word"),
    [
        ("我市成为全国第三大专利申请城市。", 3, "专利申请城市"),
        ("我国成为世界第二大经济体。", 2, "经济体"),
    ],
)
def test_a_place_among_the_largest_is_a_ranking(
    sentence: str, value: float, label_word: str
) -> None:
    (place,) = sentence_figures(sentence)
    assert (place.value, place.unit, place.qualifier) == (value, "位", "rank")
    assert label_word in place.label, place.label


def test_a_place_said_with_de_after_it_is_still_a_place_and_groups_are_counted() -> None:
    found = sentence_figures("安装路灯1200组，在评比中获得全市第5名、平原县第2名的好成绩。")
    assert [(m.raw, m.value, m.unit) for m in found] == [
        ("1200组", 1200, "组"),
        ("全市第5名", 5, "位"),
        ("第2名", 2, "位"),
    ]
    assert sentence_figures("把就业放在第一位。") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("我市连续第三次荣获全国文明城市称号。", ("连续第三次", 3, "次")),  # honours won in a row
        ("新打机井120眼。", ("120眼", 120, "眼")),  # wells
        ("开行中欧班列800班次。", ("800班次", 800, "班次")),
        (
            "农村低保标准提高到5000元/年/人。",
            ("5000元/年/人", 5000, "元/年/人"),
        ),  # per year per person
    ],
)
def test_streaks_of_honours_and_more_measure_words(
    sentence: str, expected: tuple[str, float, str]
) -> None:
    (found,) = sentence_figures(sentence)
    assert (found.raw, found.value, found.unit) == expected


def test_a_bare_number_before_households_counts_them() -> None:
    (found,) = sentence_figures("对全县2600多贫困户开展结对帮扶。")
    assert (found.raw, found.value, found.unit, found.bound) == ("2600多", 2600, "户", "more_than")
