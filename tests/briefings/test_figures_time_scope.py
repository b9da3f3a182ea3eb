"""What time a figure is for, read from the words of its sentence: invented sentences."""

from __future__ import annotations

import pytest

from briefings.figures import extract_figures, sentence_figures
from briefings.figures.kinds import PLAN, REVIEW, Setting, paragraph_setting
from briefings.parse import parse_bytes


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


def test_levels_and_shares_in_a_span_s_review_are_of_its_last_year() -> None:
    """A level reached (even printed with a space before it), a count of firms that invested
    (what reached is the firms, not an investment) and a share of a stock are the span's last
    year's; a share of what the span added is over the span."""
    sentence = (
        "五年来，金融业总资产达到 2.15万亿元，来深投资的世界500强企业达到120家，"
        "本地上市企业占全省上市企业数的35%，新设外资企业占全省比重18%。"
    )
    found = {
        m.raw: (m.kind, m.period)
        for m in sentence_figures(sentence, "1", 1, Setting(REVIEW, "2025"), 2026)
    }
    assert found["2.15万亿元"] == ("result", "2025")
    assert found["120家"] == ("result", "2025")
    assert found["35%"] == ("result", "2025")
    assert found["18%"] == ("cumulative", "2021-2025")


def test_a_total_over_the_year_reviewed_is_its_result_and_a_running_total_is_not() -> None:
    found = {
        m.raw: (m.kind, m.period)
        for m in sentence_figures(
            "全年累计减免税费3.1亿元，累计建成5G基站2000个。", "1", 1, Setting(REVIEW, "2024"), 2025
        )
    }
    assert found["3.1亿元"] == ("result", "2024")
    assert found["2000个"] == ("cumulative", None)


def test_a_start_said_of_last_year_is_the_year_before_the_result() -> None:
    def found(sentence: str) -> dict[str, tuple[str, str | None]]:
        figures = sentence_figures(sentence, "1", 1, Setting(REVIEW, "2024"), 2025)
        return {m.raw: (m.kind, m.period) for m in figures}

    assert found("补助资金由上年46亿元增加到92亿元。")["46亿元"] == ("start", "2023")
    changed = found("全年空气质量优良天数290天，比上年270天增加20天。")
    assert changed["270天"] == ("start", "2023")
    assert changed["290天"] == ("result", "2024")


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        # The plan's years from this one: 用三年时间, 五年内, 今明两年, 从今年开始连续三年.
        ("用三年时间新建公办中小学校120所。", "2025-2027"),
        ("五年内财政将投入80亿元改造乡镇卫生院。", "2025-2029"),
        ("今明两年再安排60亩土地建设创业基地。", "2025-2026"),
        ("从今年开始，连续三年每年为每个村培训2名致富带头人。", "2025-2027"),
    ],
)  # fmt: skip
def test_a_plan_s_work_over_the_next_years_is_dated_over_them(sentence: str, period: str) -> None:
    figures = sentence_figures(sentence, "1", 1, Setting(PLAN, "2025"), 2025)
    assert figures[-1].period == period


def test_a_count_after_named_examples_opens_its_clause_in_a_span_s_review() -> None:
    """A count after the examples it names (…等120项) opens its clause: an action after it is
    what was done over the span; a share the things hold (占全国比重) is no action."""
    span = Setting(REVIEW, "2025", span="2021-2025", flows_over_span=True)

    def found(sentence: str) -> dict[str, tuple[str, str | None]]:
        return {m.raw: (m.kind, m.period) for m in sentence_figures(sentence, "1", 1, span, 2026)}

    assert found("“甲型钢”“乙型铜”等120项技术和产品实现国产化替代。")["120项"] == (
        "cumulative",
        "2021-2025",
    )
    assert found("集成电路、智能手机等25种工业产品产量占全国比重超8%。")["25种"] == (
        "result",
        "2025",
    )


def test_what_a_span_s_review_says_grew_to_is_a_level_of_its_last_year() -> None:
    """发展到 N (as 达到, 增加到) in a span's review says where a stock stands at its end, even
    with a space printed on each side of the number; 新建 N adds up over the span."""
    sentence = "大枣种植发展到 25.55 万亩，电商服务网点发展到209家，新建寄宿制学校 13 所。"
    review = Setting(REVIEW, "2025", span="2021-2025")  # a paragraph under 过去五年
    found = {m.raw: (m.kind, m.period) for m in sentence_figures(sentence, "1", 1, review, 2026)}
    assert found["25.55 万亩"] == ("result", "2025")
    assert found["209家"] == ("result", "2025")
    assert found["13 所"] == ("cumulative", "2021-2025")


def test_a_year_inside_a_quoted_title_does_not_date_the_clauses_after_it() -> None:
    sentence = "荣获“2023年全省五保工作先进县”称号；新农合参合率达95%以上，发放补偿款1.2亿元。"
    review = Setting(REVIEW, "2025", span="2021-2025")  # a paragraph under 过去五年
    found = {m.raw: (m.kind, m.period) for m in sentence_figures(sentence, "1", 1, review, 2026)}
    assert found["95%以上"][1] == "2025"
    assert found["1.2亿元"] == ("cumulative", "2021-2025")


def test_a_sentence_opening_on_gong_adds_up_each_clause_over_the_span() -> None:
    """共实施…项目150个，总投资130亿元 in a span's review: the projects' total adds up over it;
    共有 names a stock."""
    review = Setting(REVIEW, "2025", span="2021-2025")
    found = {
        m.raw: (m.kind, m.period)
        for m in sentence_figures("共实施重点项目150个，总投资130亿元。", "1", 1, review, 2026)
    }
    assert found["130亿元"] == ("cumulative", "2021-2025")


def test_what_was_done_from_a_year_on_adds_up_since_that_year() -> None:
    review = Setting(REVIEW, "2025", span="2021-2025")
    sentence = "从 2023 年开始，共补偿大病住院患者 898 人、资金 689.9 万元。"
    found = {m.raw: (m.kind, m.period) for m in sentence_figures(sentence, "1", 1, review, 2026)}
    assert found["898 人"] == ("cumulative", "2023-2025")


def test_a_paragraph_of_the_plan_opening_on_the_past_year_reviews_it() -> None:
    opening = "在过去的一年里，我国外交工作取得重要进展。"
    setting = paragraph_setting(opening, Setting(PLAN, "2025"), 2025)
    found = sentence_figures("30多位外国元首和政府首脑先后访华。", "1", 1, setting, 2025)
    assert [(m.kind, m.period) for m in found] == [("result", "2024")]


def test_foreign_capital_used_over_a_plan_period_adds_up() -> None:
    review = Setting(REVIEW, "2025", span="2021-2025")
    sentence = "“十四五”期间实际利用外资总额达150亿美元。"
    found = sentence_figures(sentence, "1", 1, review, 2026)
    assert [(m.kind, m.period) for m in found] == [("cumulative", "2021-2025")]


def test_a_start_year_printed_with_spaces_dates_only_the_start() -> None:
    review = Setting(REVIEW, "2025", span="2021-2025")
    sentence = "供热面积由 2020 年的 30 万平米达到现在的 140 万平米。"
    found = {m.raw: m.period for m in sentence_figures(sentence, "1", 1, review, 2026)}
    assert found["140 万平米"] == "2025"


def test_things_counted_right_before_they_are_completed_add_up_over_the_span() -> None:
    review = Setting(REVIEW, "2025", span="2021-2025")
    sentence = "12 所农村寄宿制学校 10 所建成投用。"
    found = {m.raw: (m.kind, m.period) for m in sentence_figures(sentence, "1", 1, review, 2026)}
    assert found["10 所"] == ("cumulative", "2021-2025")


def _report_figures(*plan: str) -> dict[str, tuple[str, str | None]]:
    lines = [
        "2012年某县政府工作报告",
        "各位代表：",
        "现在，我代表县人民政府，向大会报告工作，请予审议。",
        "一、2011年工作回顾",
        "全县生产总值完成60亿元，比上年增长9%。",
        "二、2012年工作安排",
        *plan,
    ]
    report = parse_bytes("\n".join(lines).encode(), "carried.txt")
    return {m.raw: (m.kind, m.period) for m in extract_figures(report)}


def test_what_the_plan_says_is_built_already_after_a_past_span_adds_up_over_that_span() -> None:
    found = _report_figures(
        "两年来，县财政发行债券21亿元，共建设51个项目。已建成的主要有：加固河堤61公里；"
        "新增公路通车里程120公里，其中高速公路33公里；新建农村电网线路900公里。"
        "今年新建农村公路80公里。"
    )
    for raw in ("61公里", "120公里", "33公里", "900公里"):
        assert found[raw] == ("cumulative", "2010-2011"), raw
    assert found["80公里"] == ("plan", "2012")


def test_a_share_of_a_base_the_plan_raises_to_is_a_target() -> None:
    sentence = "今年，基本普及九年义务教育的地区要增加到全县人口的85%，再扫除3万青壮年文盲。"
    found = {
        m.raw: (m.kind, m.unit)
        for m in sentence_figures(sentence, "1", 1, Setting(PLAN, "2012"), 2012)
    }
    assert found["85%"] == ("target", "%")
    # People whose lot the plan changes are its target too (RULES.md kind), as new jobs are.
    assert found["3万"] == ("target", "人")


def test_a_paragraph_opening_on_the_last_year_s_level_and_the_span_s_average_reviews_the_span() -> (
    None
):
    span = Setting(REVIEW, "2010", span="2006-2010")
    opening = "2010年全县生产总值达到120亿元，平均每年增长11%。"
    assert paragraph_setting(opening, span, 2011) == span
    found = {
        m.raw: (m.kind, m.period)
        for m in sentence_figures("高速公路增加83公里。", "1", 1, span, 2011)
    }
    assert found["83公里"] == ("cumulative", "2006-2010")
    # Opening on the last year alone, the paragraph is that year's.
    assert not paragraph_setting("2010年全县生产总值达到120亿元。", span, 2011).flows_over_span


@pytest.mark.parametrize(
    "opening",
    [
        "这里要特别指出，刚刚过去的2010年，全县发展进入了新阶段。",
        "需要指出的是，2010年，全县发展进入了新阶段。",
        "值得一提的是，2010年全县新开放了5个口岸。",
    ],
)
def test_a_stress_before_the_span_s_last_year_leaves_the_paragraph_on_that_year(
    opening: str,
) -> None:
    # 这里要特别指出 dates nothing: the year after it is the paragraph's, its flows that year's.
    span = Setting(REVIEW, "2010", span="2006-2010")
    assert not paragraph_setting(opening, span, 2011).flows_over_span


def test_a_sub_part_headed_by_the_span_reviews_it_its_levels_of_the_last_year() -> None:
    # （一）过去五年，… heads a part of the span's review: its flows add up over the span, its
    # levels (a level per a base, a rate held) are of the span's last year, not of the span.
    lines = [
        "2011年某市政府工作报告",
        "各位代表：",
        "一、过去五年工作回顾",
        "过去五年，全市人民团结奋斗，各项事业取得新成就。",
        "（一）过去五年，综合经济实力稳步增长。",
        "经济增长的质量明显提高。每平方公里土地产生4.5亿元的生产总值。",
        "城镇登记失业率保持在3%以内。五年新建公厕400个。",
        "二、2011年工作安排",
        "全市生产总值增长10%。",
    ]
    report = parse_bytes("\n".join(lines).encode(), "span_part.txt")
    found = {m.raw: (m.kind, m.period) for m in extract_figures(report)}
    assert found["3%"] == ("result", "2010")
    assert found["400个"] == ("cumulative", "2006-2010")
    assert [v for k, v in found.items() if "4.5亿元" in k] == [("result", "2010")]
