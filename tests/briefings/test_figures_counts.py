"""Counts printed in Chinese numerals (一所, 三条, 两届) and medals won (三金、五银): which are figures
and which are names, rhetoric or the count of things already listed (RULES.md of the figure labels)."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures
from briefings.figures.kinds import REVIEW, Setting

FIVE_YEARS = Setting(REVIEW, "2020", span="2016-2020")


def _found(sentence: str) -> list[tuple[str, float, str, str]]:
    return [(m.raw, m.value, m.unit, m.bound) for m in sentence_figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Right after a verb that builds, completes or brings in things one can point at.
        ("在新区新建一所小学，缓解入学压力。", [("一所", 1, "所", "exact")]),
        ("去年修建了两条园区道路和一座人行天桥。", [("两条", 2, "条", "exact"), ("一座", 1, "座", "exact")]),
        ("今年对接省城一家三甲医院。", [("一家", 1, "家", "exact")]),
        ("完成三座农村危桥改造。", [("三座", 3, "座", "exact")]),
        ("连续两年成功举办三届茶文化节。", [("连续两年", 2, "年", "exact"), ("三届", 3, "届", "exact")]),
        ("在全县范围内开展两轮安全隐患排查。", [("两轮", 2, "轮", "exact")]),
        # The things first, their count closing the clause.
        ("建成农业科技示范园区三家，带动农户增收。", [("三家", 3, "家", "exact")]),
        # After the 等 closing a list it outnumbers: the list names some of them.
        ("改造东关、西关等五所乡镇卫生院。", [("五所", 5, "所", "exact")]),
        ("南方大学、东海学院等十余所高校参与帮扶。", [("十余所", 10, "所", "more_than")]),
        # Zones whose building the place pushes, counted in words (两个文明建设 is a name).
        (
            "加快推进三个物流集中区和两个电商产业园区建设，推进两个文明建设。",
            [("三个", 3, "个", "exact"), ("两个", 2, "个", "exact")],
        ),
    ],
)  # fmt: skip
def test_a_chinese_numeral_after_a_verb_of_works_counts_the_things(
    sentence: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "努力建设一支忠诚干净担当的干部队伍。",  # rhetoric
        "走出一条具有本地特色的发展新路。",
        "建设一个人民满意的服务型政府。",
        "基本完成了九届人大一次会议确定的任务。",  # a meeting
        "高水平举办一届精彩的运动会。",  # the one event itself
        "把县城建成一座生态宜居的现代化城市。",  # what the place is to become
        "建立“三险一金一网”保障机制。",  # a name
        # The count of the things listed right before it, 以及 joining the last one.
        "机构编制、行政审批、薪酬制度以及平台建设等四项改革基本完成。",
    ],
)
def test_a_chinese_numeral_naming_rhetoric_a_meeting_or_a_listed_count_is_no_figure(
    sentence: str,
) -> None:
    assert _found(sentence) == []


def test_medals_won_are_counted_by_colour_each_labelled_with_its_colour() -> None:
    found = sentence_figures("全市运动员在省运会上获得七金、十一银、三铜的好成绩。")
    assert [(m.raw, m.value, m.unit) for m in found] == [
        ("七金", 7, "金"),
        ("十一银", 11, "银"),
        ("三铜", 3, "铜"),
    ]
    assert [m.label[-2:] for m in found] == ["金牌", "银牌", "铜牌"]
    assert all("省运会" in m.label for m in found), [m.label for m in found]
    arabic = sentence_figures("我市选手在全国赛事中夺得12金9银、奖牌总数全省第二。")
    assert [(m.raw, m.unit) for m in arabic][:2] == [("12金", "金"), ("9银", "银")]
    assert sentence_figures("建立“四险一金一网”机制，夺得先机。") == []


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # A package of measures known by its slogan (N个…) and its size is a name.
        ("严格落实“八个坚持”25项防控措施，守住底线。", []),
        ("出台25项稳岗措施。", ["25项"]),
        # Things numbered one by one right after their count, or one named after it.
        ("年内完成12项民生工程，其中道路工程6项：①东环路建设②西环路改造。", ["12项"]),
        ("卫生工程1项：县医院门诊楼建设。", []),
        # A sentence ending on a colon right after what it counts sets those parts out next.
        ("全面落实规划纲要要求，着力完成五项任务：", []),
        ("重点抓好以下6个方面：", []),
        # The count of the projects, villages or plants named one by one before it (an
        # investment describing a project is part of its name; 和 may join the last one).
        ("力争投资2亿元的甲厂扩建、投资1.5亿元的乙厂技改、投资1亿元的丙厂新建3个过亿元项目投产。", ["过亿元"]),
        ("实施东村镇、西村镇和南村镇等3个乡镇的水利项目。", []),
        ("完成甲庄、乙村、丙屯3座水厂扩建任务。", []),
        # The time of year the report is given in.
        ("今年已经过去4个多月，我们要抓紧工作。", []),
    ],
)  # fmt: skip
def test_names_numbered_lists_and_things_named_one_by_one_are_no_counts(
    sentence: str, kept: list[str]
) -> None:
    assert [m.raw for m in sentence_figures(sentence)] == kept


@pytest.mark.parametrize("count", ["六座", "6座"])
def test_money_spent_on_a_count_of_works_is_labelled_with_the_works(count: str) -> None:
    spent, bridges = sentence_figures(f"投资500万元完成{count}农村危桥改造。")
    assert (spent.raw, bridges.raw) == ("500万元", count)
    assert "危桥" in spent.label and "投资" in spent.label, spent.label


@pytest.mark.parametrize(
    ("sentence", "raws"),
    [
        ("竞技体育取得突破，在两届奥运会上为国家赢得一金一铜。", ["一金", "一铜"]),
        ("积极推动体制创新，通过两轮行政体制改革，精简了审批。", ["两轮"]),
        ("成功举办三届国际茶文化节。", ["三届"]),
    ],
)  # fmt: skip
def test_events_held_medals_won_and_rounds_gone_through_add_up_over_a_span(
    sentence: str, raws: list[str]
) -> None:
    found = sentence_figures(sentence, "1", 1, FIVE_YEARS, 2021)
    assert [(m.raw, m.kind, m.period) for m in found] == [
        (raw, "cumulative", "2016-2020") for raw in raws
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A count opening its clause, what it counts then recognised or done.
        ("今年，三家陶瓷企业被认定为省级文化产业示范基地。", [("三家", 3, "家")]),
        ("五个乡镇全部建成省级卫生乡镇。", [("五个", 5, "个")]),
        # Yearly rises in a row, quoted or not: a streak of years.
        ("粮食生产实现“八连增”，总产达到30万吨。", [("八连增", 8, "年"), ("30万吨", 300_000, "吨")]),
        ("确保粮食生产实现九连增。", [("九连增", 9, "年")]),
    ],
)  # fmt: skip
def test_counts_opening_a_clause_and_rises_in_a_row(
    sentence: str, expected: list[tuple[str, float, str]]
) -> None:
    assert [(m.raw, m.value, m.unit) for m in sentence_figures(sentence)] == expected


def test_one_opening_a_clause_is_rhetoric() -> None:
    assert sentence_figures("一个更有活力的城市全部建成，人民满意。") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("市级科技专项资金增长近一倍。", ("近一倍", 1, "about")),
        ("一产总产值比五年前增长一倍多。", ("一倍多", 1, "more_than")),
        ("现代服务业增加值增长超一倍。", ("超一倍", 1, "more_than")),
        ("五年间，进出口总额增长两倍。", ("两倍", 2, "exact")),
    ],
)
def test_a_rise_in_multiples_written_in_words_is_a_figure(
    sentence: str, expected: tuple[str, float, str]
) -> None:
    (rise,) = sentence_figures(sentence)
    assert (rise.raw, rise.value, rise.unit, rise.bound) == (*expected[:2], "倍", expected[2])
