"""What a figure is and when, read from the part and the paragraph it stands in: a part's role
(review or plan) from what it says when its title does not say it, and a time scope (过去五年,
“十四五”时期, 这一年) over the paragraph or list it opens. Short invented reports, one shape each."""

from __future__ import annotations

import pytest

from briefings.figures import extract_figures, sentence_figures
from briefings.figures.kinds import PLAN, REVIEW, Setting, part_role, report_year
from briefings.parse import parse_bytes

FILLER = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"
REVIEW_2021 = [
    "全市地区生产总值达到8036亿元，同比增长6.5%。",
    "社会消费品零售总额1374亿元，比上年增长9%。",
    "城镇新增就业10.7万人。",
    "一般公共预算收入完成520亿元，增长8%。",
]
PLAN_2022 = [
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业10万人以上。",
    f"我们要重点抓好以下工作。{FILLER}",
]


def _report(body: list[str], year: int = 2022) -> dict[str, tuple[str, str | None]]:
    lines = [
        f"{year}年某市政府工作报告",
        "各位代表：",
        f"现在，我代表市人民政府，向大会报告工作。{FILLER}",
        *body,
    ]
    report = parse_bytes("\n".join(lines).encode(), "scope.txt")
    return {m.raw: (m.kind, m.period) for m in extract_figures(report)}


@pytest.mark.parametrize(
    ("review", "plan"),
    [
        ("一、2021年主要工作情况", "二、2022年工作安排"),  # titled like a plan, naming last year
        ("2021年主要工作情况", "2022年重点工作"),  # the same headings printed unnumbered
        ("一、砥砺奋进，经济发展稳中提质", "二、坚定信心，奋力开创新局面"),  # titles say neither
    ],
)
def test_a_review_is_read_as_a_review_whatever_its_heading(review: str, plan: str) -> None:
    told = _report([review, *REVIEW_2021, plan, *PLAN_2022])
    assert told["8036亿元"] == ("result", "2021")
    assert told["1374亿元"] == ("result", "2021")
    assert told["10.7万人"] == ("result", "2021")
    assert told["6%左右"] == ("target", "2022")
    assert told["10万人以上"] == ("target", "2022")


def test_a_part_whose_title_says_nothing_is_a_plan_when_it_says_what_is_to_be_done() -> None:
    body = [
        "一、砥砺奋进，经济发展稳中提质", *REVIEW_2021,
        "二、坚定信心，奋力开创新局面",
        "我们要加快建设现代化产业体系，力争新增规上工业企业100家。",
        "要确保新建5G基站3000个，将继续推进城市更新。",
    ]  # fmt: skip
    report = parse_bytes(
        "\n".join(["2022年某市政府工作报告", "各位代表：", FILLER, *body]).encode(), "r.txt"
    )
    year = report_year(report)
    assert [part_role(part, year) for part in report.sections] == [REVIEW, PLAN]


def test_a_five_year_scope_governs_its_whole_paragraph() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，全市地区生产总值年均增长6%。城镇新增就业52.2万人。发行政府债券600亿元。",
            "2021年，城镇新增就业10.7万人，地区生产总值达到8036亿元。",
            "二、2022年工作安排",
            *PLAN_2022,
        ]
    )
    assert told["6%"] == ("cumulative", "2017-2021")
    assert told["52.2万人"] == ("cumulative", "2017-2021")  # not 2021's, beside the real 10.7万
    assert told["600亿元"] == ("cumulative", "2017-2021")
    assert told["10.7万人"] == ("result", "2021")
    assert told["8036亿元"] == ("result", "2021")


def test_in_a_five_year_review_what_was_done_adds_up_and_levels_are_of_the_last_year() -> None:
    told = _report(
        [
            "一、“十三五”时期工作回顾",
            f"“十三五”时期，全县上下团结奋斗。{FILLER}",
            "坚定不移推进项目建设。建成高速公路3条，新增规上工业企业45家。"
            "财政收入完成15.9亿元，比2015年增长52%。规上工业企业总数达到120家。",
            "各位代表，刚刚过去的2020年，极不平凡。",
            "这一年，我们新增规上工业企业12家，城镇新增就业4750人，地区生产总值年均增长8.2%。",
            "二、“十四五”时期主要目标任务",
            *PLAN_2022,
        ],
        year=2021,
    )
    assert told["3条"] == ("cumulative", "2016-2020")
    assert told["45家"] == ("cumulative", "2016-2020")
    assert told["15.9亿元"] == ("result", "2020")  # a yearly statistic 完成
    assert told["120家"] == ("result", "2020")
    assert told["12家"] == ("result", "2020")  # 这一年: the span's last year alone
    assert told["4750人"] == ("result", "2020")
    assert told["8.2%"] == ("cumulative", "2016-2020")  # a yearly average still spans


def test_the_paragraph_that_opens_a_list_scopes_its_items() -> None:
    told = _report(
        [
            "一、“十四五”时期发展成就和2025年主要工作",
            "“十四五”时期是砥砺前行的五年。五年来，新增企业180万家。",
            "2025年是“十四五”规划收官之年，地区生产总值增长5.5%。一年来，主要做了以下工作：",
            "（一）巩固经济向好态势。新增企业35.7万家，新建绿道150公里。",
            "（二）加快建设产业体系。新增国家高新技术企业730家。",
            "二、2026年工作安排",
            *PLAN_2022,
        ],
        year=2026,
    )
    assert told["180万家"] == ("cumulative", "2021-2025")
    assert told["5.5%"] == ("result", "2025")
    assert told["35.7万家"] == ("result", "2025")
    assert told["150公里"] == ("result", "2025")
    assert told["730家"] == ("result", "2025")


def test_a_scope_that_opens_a_list_of_paragraphs_governs_them_until_another_scope() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "2021年，全市地区生产总值增长6.5%。",
            "本届政府任期即将届满。五年来，我们主要做了以下工作：",
            "坚持创新驱动。新增高新技术企业500家。",
            "坚持民生优先。城镇新增就业52.2万人。",
            "2021年，城镇新增就业10.7万人。",
            "二、2022年工作安排",
            *PLAN_2022,
        ]
    )
    assert told["6.5%"] == ("result", "2021")
    assert told["500家"] == ("cumulative", "2017-2021")
    assert told["52.2万人"] == ("cumulative", "2017-2021")
    assert told["10.7万人"] == ("result", "2021")


def test_a_plan_period_since_its_start_runs_to_the_year_reviewed() -> None:
    told = _report(
        [
            "一、2024年工作回顾",
            "“十四五”以来，城镇新增就业300万人，累计建成5G基站12万个。",
            "2024年，城镇新增就业60万人。",
            "二、2025年工作安排",
            *PLAN_2022,
        ],
        year=2025,
    )
    assert told["300万人"] == ("cumulative", "2021-2024")
    assert told["12万个"] == ("cumulative", "2021-2024")
    assert told["60万人"] == ("result", "2024")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2002年高等学校在校生1600万人，是1997年的2.3倍。", ("result", "2002")),
        ("全社会研发投入达到643亿元，是五年前的2.3倍。", ("result", "2002")),
    ],
)
def test_a_multiple_of_a_base_year_is_a_level_of_its_own_year(
    sentence: str, expected: tuple[str, str]
) -> None:
    found = sentence_figures(sentence, "1", 1, Setting(REVIEW, "2002", span="1998-2002"), 2003)
    assert [(m.kind, m.period) for m in found if m.unit == "倍"] == [expected]


def test_a_part_holding_review_and_plan_turns_with_its_sub_headings() -> None:
    told = _report(
        [
            "一、2021年工作回顾和2022年工作安排",
            "（一）2021年工作回顾",
            *REVIEW_2021,
            "（二）2022年工作安排",
            *PLAN_2022,
            "新建5G基站3000个。",
        ]
    )
    assert told["8036亿元"] == ("result", "2021")
    assert told["6%左右"] == ("target", "2022")
    assert told["3000个"] == ("plan", "2022")


def test_sub_headings_after_the_years_own_paragraph_review_that_year_not_the_span() -> None:
    """过去五年，… then 刚刚过去的2025年，…, then （一）（二） with no list opened by a colon: the
    sub-headings report the year, so their 新增 is the year's, not five years' total."""
    found = _report(
        [
            "一、“十四五”时期和2025年工作回顾",
            f"过去五年，城镇新增就业52万人。{FILLER}",
            f"刚刚过去的2025年，全市地区生产总值增长5.2%。{FILLER}",
            f"（一）稳就业稳企业。城镇新增就业10.7万人。{FILLER}",
            f"（二）办好民生实事。新增普惠性托位9000个。{FILLER}",
            "二、2026年主要目标",
            f"今年的主要预期目标是：地区生产总值增长5%左右。{FILLER}",
        ],
        year=2026,
    )
    assert found["52万人"] == ("cumulative", "2021-2025")
    assert found["10.7万人"] == ("result", "2025")
    assert found["9000个"] == ("result", "2025")


def test_the_parts_of_a_five_year_plans_main_targets_state_its_goals() -> None:
    """二、“十五五”时期的主要目标任务 then （一）…明显提升: each part states goals of the span, not
    work to be done; changes printed in the span's review add up over it."""
    found = _report(
        [
            "一、“十四五”时期工作回顾",
            f"“十四五”时期是极不平凡的五年。{FILLER}",
            f"——这是产业升级的五年。新能源总装机达到8041.6万千瓦、增长2.4倍，刑事案件下降55.8%。{FILLER}",
            "二、“十五五”时期的主要目标任务",
            f"今后五年，我们要努力实现以下目标。{FILLER}",
            f"（一）高质量发展水平明显提升。全员劳动生产率年均增长5%，打造千亿级产业集群6个。{FILLER}",
            f"（二）人民生活品质明显提升。人均预期寿命达到78岁。{FILLER}",
            "三、2026年重点工作",
            f"新能源装机规模达到1亿千瓦，新建变电站20座。{FILLER}",
        ],
        year=2026,
    )
    assert found["8041.6万千瓦"] == ("result", "2025")
    assert found["2.4倍"] == ("cumulative", "2021-2025")
    assert found["55.8%"] == ("cumulative", "2021-2025")
    assert found["5%"] == ("target", "2026-2030")
    assert found["6个"] == ("target", "2026-2030")
    assert found["78岁"] == ("target", "2026-2030")
    assert found["1亿千瓦"] == ("target", "2026")
    assert found["20座"] == ("plan", "2026")


def test_the_items_of_a_list_are_said_with_the_words_before_its_first() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，刑事案件、治安案件、命案数分别下降55.8%、44.5%、43.7%。",
            "二、2022年工作安排",
            *PLAN_2022,
            "原煤、原油、天然气产量分别达到7000万吨、1280万吨、10亿立方米。",
        ]
    )
    assert told["44.5%"] == ("cumulative", "2017-2021")  # as 55.8%, not 2021's
    assert told["43.7%"] == ("cumulative", "2017-2021")
    assert told["1280万吨"] == ("target", "2022")  # as 7000万吨, a level the plan aims at
    assert told["10亿立方米"] == ("target", "2022")


def test_what_a_span_s_review_did_adds_up_over_it_and_its_stocks_are_of_its_last_year() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，我们坚定不移推进发展。关停“散乱污”企业374家，刑事拘留42人。"
            "向乡镇下放政务服务事项118项。国家高新技术企业1.28万家。"
            "高速公路通车里程突破1万公里。文化创意产业增加值1560亿元。",
            "二、2022年工作安排",
            *PLAN_2022,
        ]
    )
    assert told["374家"] == ("cumulative", "2017-2021")
    assert told["42人"] == ("cumulative", "2017-2021")
    assert told["118项"] == ("cumulative", "2017-2021")
    assert told["1.28万家"] == ("result", "2021")  # a stock: how many there are now
    assert told["突破1万公里"] == ("result", "2021")
    assert told["1560亿元"] == ("result", "2021")


def test_the_whole_year_in_a_span_s_review_is_its_last_year() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，我们坚定不移推进发展。全年共引荐项目76个。关停企业374家。",
            "二、2022年工作安排",
            *PLAN_2022,
        ]
    )
    assert told["76个"] == ("result", "2021")
    assert told["374家"] == ("cumulative", "2017-2021")


def test_a_change_from_the_end_of_the_last_plan_starts_in_its_last_year() -> None:
    told = _report(
        [
            "一、“十三五”时期和2020年工作回顾",
            "过去五年，我们坚定不移推进发展。地区生产总值由“十二五”末的29.1亿元增长到50.1亿元，年均增长11.5%。",
            "二、2021年工作安排",
            *PLAN_2022,
        ],
        year=2021,
    )
    assert told["29.1亿元"] == ("start", "2015")  # “十二五”末: 2015, not the year before the plan
    assert told["50.1亿元"] == ("result", "2020")  # the level reached, not the old plan's
    assert told["11.5%"] == ("cumulative", "2016-2020")


def test_a_streak_and_the_place_it_keeps_are_the_reviewed_year_s_results() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，我们坚定不移推进发展。规模以上工业总产值连续3年居全国城市首位。"
            "经济增速连续16个季度高于全国平均水平。",
            "二、2022年工作安排",
            *PLAN_2022,
            "争创全国文明城市“六连冠”。",
        ]
    )
    assert told["连续3年"] == ("result", "2021")
    assert told["居全国城市首位"] == ("result", "2021")  # not a place held over 2019-2021
    assert told["连续16个季度"] == ("result", "2021")
    assert told["六连冠"] == ("target", "2022")  # a streak the plan strives for


def test_a_goal_for_the_last_year_of_a_five_year_plan_is_the_plan_s() -> None:
    told = _report(
        [
            "一、2020年工作回顾",
            *REVIEW_2021,
            "二、“十四五”时期主要目标任务",
            "力争到2025年，常住人口城镇化率达到57%左右，高新技术企业达到60家。",
            "三、2021年重点工作",
            *PLAN_2022,
        ],
        year=2021,
    )
    assert told["57%左右"] == ("target", "2021-2025")  # not 2025's alone
    assert told["60家"] == ("target", "2021-2025")


@pytest.mark.parametrize(("year", "span"), [(2010, "2011-2015"), (2013, "2013-2017")])
def test_a_part_headed_the_next_five_years_sets_goals_for_the_coming_plans_five(
    year: int, span: str
) -> None:
    """今后五年 heading a part of a plan's closing year (2010) is the coming plan's five
    (2011-2015), so its goals dated the plan's last year are the span's; in another year the
    five run from the report's."""
    last = span.split("-")[1]
    told = _report(
        [
            "一、过去五年工作回顾",
            *REVIEW_2021,
            "二、今后五年目标与任务",
            f"到{last}年，本市生产总值超过1.5万亿元。力争全市每千人病床数达到3.9张。",
            f"三、{year}年主要工作",
            *PLAN_2022,
        ],
        year=year,
    )
    assert told["超过1.5万亿元"] == ("target", span)
    assert told["每千人病床数达到3.9张"] == ("target", span)  # no year printed: the part's


def test_a_plan_part_opening_on_the_next_five_years_gives_its_goals_the_span() -> None:
    told = _report(
        [
            "一、过去五年工作回顾",
            *REVIEW_2021,
            "二、争取经济再上一个新台阶",
            "今后五年是实现现代化建设目标的关键性五年。争取2026年粮食产量达到120万吨。",
            "今年地区生产总值计划增长百分之八。",
            *PLAN_2022,
        ],
    )
    assert told["120万吨"] == ("target", "2022-2026")  # not 2026's alone
    assert told["百分之八"] == ("target", "2022")


def test_a_comparison_with_a_base_year_opens_a_span_whose_levels_are_its_last_year_s() -> None:
    told = _report(
        [
            "一、改革开放和现代化建设取得伟大成就的五年",  # a title naming five years
            "工业总产值平均每年增长15%。乡镇企业现已吸纳农村劳动力1亿多人。",
            "1992年同1987年相比，钢产量增长42%，达到8000万吨。铁路货运周转量增长23%，达到11620亿吨。",
            "五年来，新增百亿县区26个，累计达到46个。五年来教育投入达3200亿元。",
            "二、1993年的主要任务",
            *PLAN_2022,
        ],
        year=1993,
    )
    assert told["15%"] == ("cumulative", "1988-1992")
    assert told["1亿多人"] == ("result", "1992")  # 现已: a level now
    assert told["42%"] == ("cumulative", "1988-1992")  # since 1987, not 1992's growth
    assert told["8000万吨"] == ("result", "1992")
    assert told["23%"] == ("cumulative", "1988-1992")  # the comparison governs the paragraph
    assert told["46个"] == ("result", "1992")  # a level reached over the span
    assert told["3200亿元"] == ("cumulative", "1988-1992")  # what the span spent adds up


def test_a_count_opening_its_clause_is_a_flow_when_an_action_follows() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，我们坚定不移推进发展。聚焦攻坚发力，164个贫困村全部脱贫摘帽。"
            "配套建设218个园区基地。先后有8个部队单位开展定点帮扶。全市国家高新技术企业1.28万家。",
            "二、2022年工作安排",
            *PLAN_2022,
        ]
    )
    assert told["164个"] == ("cumulative", "2017-2021")
    assert told["218个"] == ("cumulative", "2017-2021")
    assert told["8个"] == ("cumulative", "2017-2021")
    assert told["1.28万家"] == ("result", "2021")


def test_items_run_inline_after_the_last_year_s_paragraph_review_that_year() -> None:
    told = _report(
        [
            "一、“十三五”时期和2020年工作回顾",
            "过去五年，我们坚定不移推进发展，关停企业374家。",
            "刚刚过去的2020年，我们夺取了双胜利。一是有效应对处置疫情。发现2例确诊病例后，迅速开展救治。"
            "二是经济发展稳中有进。居民储蓄存款余额比年初增长17.5%。",
            "各位代表！回顾五年来的风雨历程，我们深深体会到：",
            "只要有信心，黄土变成金。",
            "二、2021年工作安排",
            *PLAN_2022,
        ],
        year=2021,
    )
    assert told["374家"] == ("cumulative", "2016-2020")
    assert told["2例"] == ("result", "2020")  # not the five years'
    assert told["17.5%"] == ("result", "2020")


def test_a_level_held_over_a_span_s_review_is_held_over_the_span() -> None:
    told = _report(
        [
            "一、2021年工作回顾",
            "过去五年，我们坚定不移推进发展。基本养老保险参保率稳定在98%以上。"
            "民间投资占全部投资比重保持在55%左右。",
            "2021年，粮食产量稳定在1300亿斤以上。",
            "二、2022年工作安排",
            *PLAN_2022,
        ]
    )
    assert told["98%以上"] == ("threshold", "2017-2021")  # a bar held over the span
    assert told["55%左右"] == ("result", "2017-2021")  # a level held over it
    assert told["1300亿斤以上"] != ("threshold", "2017-2021")  # the one year's


def test_a_review_part_quoting_the_coming_plan_s_main_indicators_reads_them_as_its_goals() -> None:
    """一、“十四五”时期发展成就和“十五五”时期主要目标任务: the part reviews the span, then quotes the
    draft outline's main indicators (《纲要草案》…设置了29项主要指标，包括：…): goals of the coming
    five years, not results of the span."""
    found = _report(
        [
            "一、“十四五”时期发展成就和“十五五”时期主要目标任务",
            f"过去五年，全市地区生产总值年均增长5.2%，公园总数达1136个。{FILLER}",
            "《纲要草案》明确了今后五年的发展目标。",
            "围绕上述目标，《纲要草案》设置了29项主要指标，包括：地区生产总值年均增速4.5%-5%，"
            "全员劳动生产率达58万元/人左右，城镇调查失业率控制在5%以内，等等。",
            "二、2026年重点工作",
            f"新建变电站20座。{FILLER}",
        ],
        year=2026,
    )
    assert found["5.2%"] == ("cumulative", "2021-2025")
    assert found["4.5%-5%"] == ("target", "2026-2030")
    assert found["58万元/人"] == ("target", "2026-2030")
    assert found["5%"] == ("target", "2026-2030")


def test_in_a_span_s_review_stocks_places_and_yearly_concentrations_are_of_its_last_year() -> None:
    """In a “十四五” review: the stock an item names after the span's flow (总量突破465万户), a
    place held (稳居全国城市首位) and a level lowered to (PM2.5年均浓度降至…: 年均浓度 is one
    year's measure) are of the span's last year; what was rebuilt, settled or raised (新改扩建,
    落户, 提升) adds up over the span."""
    found = _report(
        [
            "一、“十四五”时期发展成就",
            "“十四五”时期是极不平凡的五年。五年来，我们埋头苦干，各项事业取得新进展。",
            "商事主体五年净增106万户、总量突破465万户、稳居全国城市首位。"
            "PM2.5年均浓度降至16.8微克/立方米。新改扩建中小学校和幼儿园821所，"
            "中小学生体质优良率提升23.4个百分点，落户52家高端科研机构。",
            "二、2026年工作安排",
            f"新建变电站20座。{FILLER}",
        ],
        year=2026,
    )
    assert found["106万户"] == ("cumulative", "2021-2025")
    assert found["突破465万户"] == ("result", "2025")
    assert found["居全国城市首位"] == ("result", "2025")
    assert found["16.8微克/立方米"] == ("result", "2025")
    assert found["821所"] == ("cumulative", "2021-2025")
    assert found["23.4个百分点"] == ("cumulative", "2021-2025")
    assert found["52家"] == ("cumulative", "2021-2025")


def test_a_total_in_the_years_own_review_after_a_span_prints_no_span_unless_said() -> None:
    """Sub-headings reviewing the year after a span's review: 累计建成… adds up since a start
    the text does not print (cumulative, no period), not over the five years; a yearly average
    still runs over the span."""
    found = _report(
        [
            "一、“十四五”时期和2025年工作回顾",
            f"过去五年，城镇新增就业52万人。{FILLER}",
            f"刚刚过去的2025年，全市地区生产总值增长5.2%。{FILLER}",
            f"（一）壮大产业。累计建成高标准厂房面积超400万平方米。{FILLER}",
            "二、2026年主要目标",
            f"今年的主要预期目标是：地区生产总值增长5%左右。{FILLER}",
        ],
        year=2026,
    )
    assert found["52万人"] == ("cumulative", "2021-2025")
    assert found["超400万平方米"] == ("cumulative", None)


def test_a_span_opening_a_paragraph_after_an_address_governs_the_paragraph() -> None:
    body = [
        "一、2021年和“十三五”时期工作回顾", *REVIEW_2021,
        "各位代表！过去五年，我们始终坚持政治引领。坚持依法行政，提请审议法规议案26件，办理人大代表建议980件。",
        "二、2022年工作安排", *PLAN_2022,
    ]  # fmt: skip
    told = _report(body)
    assert told["26件"] == ("cumulative", "2017-2021")
    assert told["980件"] == ("cumulative", "2017-2021")
