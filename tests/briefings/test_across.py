"""The domain of cross-report views on small invented reports: places and /use matching,
/compare rows, /diff of plans, their HTML, and Telegram's checks of an inline answer."""

from __future__ import annotations

import pytest

from bot.local.api_rules import RefusedRequest, check_inline_answer
from bot.present.render_across import compare_page, plan_diff
from bot.telegram.callbacks import decode, encode
from briefings.choice import listing, matching, place
from briefings.compare import Figures, compare, query_parts, report_rows
from briefings.diff import diff_items, previous
from briefings.model import Item, ItemList, Meta, Metric, Report


def _metric(n: int, label: str, raw: str, kind: str = "result", period: str = "2024") -> Metric:
    sentence = f"{label}{raw}。"
    unit = "%" if "%" in raw else raw[-1]  # 5%左右 is a percentage, bounded
    return Metric(f"m{n}", "1", raw, 1.0, unit, "", label, sentence, kind=kind, period=period)


def _report(
    title: str,
    issuer: str | None,
    year: int,
    plan: tuple[str, ...] = (),
) -> Report:
    items = tuple(Item(str(n), lead, lead + "。", "2") for n, lead in enumerate(plan, start=1))
    return Report(
        source=f"{title}.txt",
        digest=f"{abs(hash((title, issuer, year))):016x}",
        meta=Meta(title, issuer, year=year),
        preamble="",
        sections=[],
        problems=ItemList(None, ()),
        plan=ItemList("2" if items else None, items, year),
    )


def _figured(title: str, issuer: str, year: int, metrics: tuple[Metric, ...]) -> Figures:
    return Figures(_report(title, issuer, year), metrics)


SH_2024 = _report("2024年上海市政府工作报告", "上海市人民政府", 2024)
SH_2023 = _report("2023年上海市政府工作报告", "上海市人民政府", 2023)
NC_2020 = _report("关于南昌市2020年度法治政府建设工作的报告", "南昌市人民政府", 2020)
XZ_2025 = _report("2025年西藏政府工作报告", "自治区人民政府", 2025)
RC_2012 = _report("容城县2012年政府工作报告", "容城县第十四届人民政府", 2012)
ALL = [XZ_2025, SH_2024, SH_2023, NC_2020, RC_2012]


def test_place_is_the_issuer_without_its_office_else_the_titles() -> None:
    assert [place(r) for r in ALL] == ["西藏", "上海市", "上海市", "南昌市", "容城县"]
    assert place(_report("无题", None, 2020)) == ""
    assert place(_report("第一季度工作汇报", "东湖区人民政府", 2020)) == "东湖区"


def test_a_title_that_opens_with_its_place_names_it_before_the_hosting_sites_issuer() -> None:
    hosted = _report("关于南昌市2020年度法治政府建设工作的报告", "东湖区人民政府", 2020)
    assert place(hosted) == "南昌市"
    assert place(_report("关于进贤县2021年度法治政府建设工作的报告", None, 2021)) == "进贤县"
    assert place(_report("江西省南昌市2021年政府工作报告", "江西省人民政府", 2021)) == "南昌市"
    assert place(_report("2025年内蒙古自治区政府工作报告", None, 2025)) == "内蒙古自治区"
    assert place(_report("关于加快城市更新的报告", "东湖区人民政府", 2021)) == "东湖区"


def test_a_city_whose_name_ends_in_zhou_keeps_its_shi() -> None:
    # 州 ends a prefecture's name (甘孜州) and many a city's (兰州市): the city is 兰州市.
    assert place(_report("关于兰州市2022年度法治政府建设工作的报告", None, 2022)) == "兰州市"
    assert place(_report("2024年河南省郑州市政府工作报告", None, 2024)) == "郑州市"
    assert place(_report("关于甘孜州2021年度法治政府建设工作的报告", None, 2021)) == "甘孜州"


def test_listing_groups_a_place_newest_first() -> None:
    mixed = [SH_2023, XZ_2025, NC_2020, SH_2024]
    assert listing(mixed) == [XZ_2025, SH_2024, SH_2023, NC_2020]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("上海", [SH_2024, SH_2023]),
        ("2024", [SH_2024]),
        ("2024年", [SH_2024]),
        ("南昌 2020", [NC_2020]),
        ("南昌2020", [NC_2020]),
        ("关于南昌市2020年度法治政府", [NC_2020]),
        ("法治政府", [NC_2020]),
        ("上海 2020", []),
        ("北京", []),
        ("", []),
    ],
)
def test_use_words_name_reports_by_place_title_and_year(words: str, expected: list) -> None:
    assert matching(ALL, words) == expected


GDP = (
    _metric(1, "地区生产总值增长", "5.2%"),
    _metric(2, "人均地区生产总值增长", "5.0%"),  # another measure: a last choice
    _metric(3, "地区生产总值增长", "5%左右", kind="target", period="2025"),
    _metric(4, "全市地区生产总值增长", "5.5%", kind="target", period="2025"),
    _metric(5, "超百亿元地区生产总值", "100亿元", kind="threshold"),
)


def test_query_parts_cut_at_synonym_words() -> None:
    gdp, growth = query_parts("地区生产总值增长")
    assert "国内生产总值" in gdp and "生产总值" in gdp and growth == ("增长",)


def test_compare_keeps_the_closest_label_per_kind_and_period() -> None:
    rows = report_rows(
        _figured("2025年某省政府工作报告", "某省人民政府", 2025, GDP), "地区生产总值增长"
    )
    assert [(r.kind, r.period, r.value, r.label) for r in rows] == [
        ("result", "2024", "5.2%", "地区生产总值增长"),
        ("target", "2025", "5%左右", "地区生产总值增长"),
    ]
    assert (
        rows[0].issuer == "某省"
        and rows[0].year == 2025
        and rows[0].sentence == "地区生产总值增长5.2%。"
    )


def test_compare_words_may_ask_for_a_kind_or_a_year() -> None:
    report = _figured("2025年某省政府工作报告", "某省人民政府", 2025, GDP)
    (targets,) = compare([report], "地区生产总值增长 目标")
    assert [(row.kind, row.value) for row in targets] == [("target", "5%左右")]
    (of_2024,) = compare([report], "地区生产总值增长 2024年")
    assert [(row.kind, row.period) for row in of_2024] == [("result", "2024")]
    assert compare([report], "目标 2025") == []


def test_compare_matches_synonyms_and_leaves_out_reports_without_the_figure() -> None:
    national = _figured(
        "2019年国务院政府工作报告", "国务院", 2019, (_metric(1, "国内生产总值增长", "6.6%"),)
    )
    county = _figured(
        "2020年某县政府工作报告", "某县人民政府", 2020, (_metric(1, "生产总值增长", "7%"),)
    )
    other = _figured(
        "2020年某市政府工作报告", "某市人民政府", 2020, (_metric(1, "粮食产量", "100万吨"),)
    )
    groups = compare([national, other, county], "地区生产总值增长")
    assert [[row.value for row in rows] for rows in groups] == [["6.6%"], ["7%"]]
    assert compare([national], "GDP增长")[0][0].value == "6.6%"
    assert compare([national], "人均生产总值") == []


def test_compare_page_names_place_year_kind_and_period_escaped() -> None:
    report = _figured("2025年<某>省政府工作报告", "<某>省人民政府", 2025, GDP)
    html = compare_page("地区生产总值增长", compare([report], "地区生产总值增长"), 1)
    assert "<b>&lt;某&gt;省 · 2025年</b>" in html
    assert "• 2024年完成：<b>5.2%</b> 地区生产总值增长（第 1 部分）" in html
    assert "• 2025年目标：<b>5%左右</b>" in html


OLD_PLAN = (
    "深入实施扩大内需战略，积极融入全国统一大市场",
    "坚持和加强党的全面领导，建设人民满意的服务型政府",
    "以更大力度办教育、兴科技、育人才，加快建设具有全球重要影响力的产业科技创新中心",
)
NEW_PLAN = (
    "坚持扩大内需这个战略基点，积极融入和服务做强国内大循环",
    "一体推进教育科技人才发展，加快建设具有全球重要影响力的产业科技创新中心",
    "坚定扛起APEC会议举办城市责任",
)


def _items(leads: tuple[str, ...]) -> tuple[Item, ...]:
    return tuple(Item(str(n), lead, lead, "2") for n, lead in enumerate(leads, start=1))


def test_diff_counts_reworded_items_as_kept() -> None:
    diff = diff_items(_items(OLD_PLAN), _items(NEW_PLAN))
    assert [item.lead for item in diff.added] == ["坚定扛起APEC会议举办城市责任"]
    assert [item.lead for item in diff.dropped] == [OLD_PLAN[1]]
    assert [(old.lead, new.lead) for old, new in diff.kept] == [
        (OLD_PLAN[0], NEW_PLAN[0]),
        (OLD_PLAN[2], NEW_PLAN[1]),
    ]


def test_diff_pairs_each_item_once_and_honours_the_threshold() -> None:
    twice = diff_items(
        _items(("推进教育科技人才发展",)), _items(("推进教育科技人才发展", "推进教育科技人才"))
    )
    assert len(twice.kept) == 1 and len(twice.added) == 1
    none_alike = diff_items(_items(OLD_PLAN), _items(NEW_PLAN), threshold=1.01)
    assert len(none_alike.added) == 3 and len(none_alike.dropped) == 3 and not none_alike.kept


def test_previous_is_the_same_places_latest_earlier_report_with_a_plan() -> None:
    now = _report("2026年深圳市政府工作报告", "深圳市人民政府", 2026, plan=NEW_PLAN)
    before = _report("2024年深圳市政府工作报告", "深圳市人民政府", 2024, plan=OLD_PLAN)
    older = _report("2022年深圳市政府工作报告", "深圳市人民政府", 2022, plan=OLD_PLAN)
    planless = _report("2025年深圳市政府工作报告", "深圳市人民政府", 2025)
    elsewhere = _report("2025年上海市政府工作报告", "上海市人民政府", 2025, plan=OLD_PLAN)
    assert previous([now, planless, elsewhere, before, older], now) is before
    assert previous([now, elsewhere], now) is None
    html = plan_diff(before, now, diff_items(before.plan.items, now.plan.items))
    assert html.startswith(
        "<b>工作计划变化</b> · 深圳市\n2024年《2024年深圳市政府工作报告》 → 2026年"
    )
    assert "<b>新增（1 项）</b>\n1. 坚定扛起APEC会议举办城市责任" in html
    assert "<b>不再提及（1 项）</b>\n1. 坚持和加强党的全面领导" in html and "延续 2 项" in html
    kept = html[html.index("<b>延续 2 项（含措辞调整）</b>") :].splitlines()
    assert kept[1:] == [f"1. {NEW_PLAN[0]}", f"2. {NEW_PLAN[1]}"]  # in the newer words


def test_compare_buttons_carry_the_words_and_refuse_forgeries() -> None:
    tapped = decode(encode("cmp", "", "3~地区生产总值增长"))
    assert tapped is not None and tapped.arg == "3~地区生产总值增长"
    assert decode("cmp::3~") is None and decode("cmp::x~增长") is None
    assert decode(encode("use", "0123456789abcdef")) is not None
    assert decode("use:0123456789ab:7") is None and decode("rep::2") is not None


def _article(key: str, text: str = "<b>5%</b> 增长") -> dict:
    return {"type": "article", "id": key, "title": "t",
            "input_message_content": {"message_text": text, "parse_mode": "HTML"}}  # fmt: skip


@pytest.mark.parametrize(
    ("results", "refusal"),
    [
        ([_article(str(n)) for n in range(51)], "RESULTS_TOO_MUCH"),
        ([_article("a"), _article("a")], "RESULT_ID_DUPLICATE"),
        ([_article("x" * 65)], "RESULT_ID_INVALID"),
        ([_article("")], "RESULT_ID_INVALID"),
        ([_article("a", "<b>5%")], "can't parse entities"),
        ([{**_article("a"), "title": ""}], "RESULT_TITLE_EMPTY"),
    ],
)
def test_an_inline_answer_is_checked_as_telegram_does(results: list, refusal: str) -> None:
    with pytest.raises(RefusedRequest, match=refusal):
        check_inline_answer({"inline_query_id": "1", "results": results})
    check_inline_answer({"inline_query_id": "1", "results": results[:1] and [_article("ok")]})


def test_compare_gives_a_growth_printed_as_a_fall_its_growth_indicator_and_sign() -> None:
    fall = Metric(
        "m1", "1", "2.1%", 2.1, "%", "", "一般公共预算收入下降", "一般公共预算收入下降2.1%。"
    )
    rise = Metric(
        "m1", "1", "6.5%", 6.5, "%", "", "一般公共预算收入增长", "一般公共预算收入增长6.5%。"
    )
    fell = _figured("2025年某市政府工作报告", "某市人民政府", 2025, (fall,))
    grew = _figured("2025年某县政府工作报告", "某县人民政府", 2025, (rise,))
    groups = compare([fell, grew], "一般公共预算收入增长")
    assert [[(r.indicator, r.value, r.number) for r in rows] for rows in groups] == [
        [("fiscal_revenue_growth", "−2.1%", -2.1)],
        [("fiscal_revenue_growth", "6.5%", 6.5)],
    ]
    # a measure that is itself a fall keeps its own indicator and sign
    energy = Metric(
        "m1", "1", "3%", 3.0, "%", "", "单位生产总值能耗下降", "单位生产总值能耗下降3%。"
    )
    saved = _figured("2025年某省政府工作报告", "某省人民政府", 2025, (energy,))
    (rows,) = compare([saved], "单位生产总值能耗降低")
    assert [(r.indicator, r.value) for r in rows] == [("energy_intensity_reduction", "3%")]
