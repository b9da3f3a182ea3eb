"""Targets of one year against the next report's results for it (briefings/promises.py): the
verdict rules on shapes of figures, and pairing on small invented reports — the same indicator
and year only, never a part of the year, an average of several, or a shared word alone."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from bot.cli import main
from bot.present.render_promises import promises_page, to_markdown
from briefings.figures.indicators import indicators
from briefings.model import Bound, Meta, Metric
from briefings.promises import (
    Promises,
    as_record,
    judge,
    pair_for,
    pairs_of_year,
    promises,
)
from tests.kits.promises import RESULTS, TARGETS, _briefed


@pytest.fixture(scope="module")
def paired() -> Promises:
    return promises(_briefed(TARGETS, "a.txt"), _briefed(RESULTS, "b.txt"))


def _verdicts(found: Promises) -> dict[str, tuple[str, str | None]]:
    return {
        item.indicator: (item.verdict, item.result.metric.raw if item.result else None)
        for item in found.items
    }


def test_each_target_meets_the_result_of_its_own_indicator_and_year(paired: Promises) -> None:
    assert paired.issuer == "临川市" and paired.year == 2024
    assert _verdicts(paired) == {
        # the full year's 4.7%, not 前三季度 5.3% nor the five-year average 6.1%, nor the
        # per-capita 6.2% that shares the words 地区生产总值增长
        "gdp_growth": ("missed", "4.7%"),
        "cpi": ("unclear", None),  # 保持总体平稳: said in words only
        "urban_new_jobs": ("met", "3.4万人"),
        "unemployment_surveyed": ("missed", "5.7%"),  # 控制在5.5%以内: a ceiling
        "fiscal_revenue_growth": ("not_reported", None),
        "grain_output": (
            "unclear",
            "突破100亿斤",
        ),  # 亿斤 against 万吨: the report converts nothing
    }


def test_never_missed_without_a_result_figure(paired: Promises) -> None:
    assert all(item.result is not None for item in paired.items if item.verdict == "missed")
    unclear = next(item for item in paired.items if item.verdict == "unclear")
    assert (
        unclear.statement is not None and unclear.statement.sentence == "居民消费价格保持总体平稳。"
    )


def test_plan_items_get_the_review_sentences_that_report_on_them(paired: Promises) -> None:
    reported = {item.lead: [q.sentence for q in item.reported] for item in paired.plan}
    assert reported == {
        "大力发展数字经济": ["城市算力中心建成投用，数据要素市场化配置改革稳步推进。"],
        "持续改善农村人居环境": ["农村生活污水治理率提高到60%，村庄清洁行动实现全覆盖。"],
        "建设海上风电基地": [],
    }
    assert paired.plan[0].reported[0].section == "1"


def test_the_export_record_follows_the_contract(paired: Promises) -> None:
    record = json.loads(json.dumps(as_record(paired), ensure_ascii=False))
    assert set(record) == {"issuer", "year", "items", "plan"}
    first = record["items"][0]
    assert set(first) == {"indicator", "name", "target", "result", "verdict"}
    assert set(first["target"]) == {"raw", "value", "bound", "unit", "sentence", "section"}
    assert first["name"] == "地区生产总值增长" and first["target"]["bound"] == "about"
    absent = next(i for i in record["items"] if i["verdict"] == "not_reported")
    assert absent["result"] is None
    assert record["plan"][0] == {
        "lead": "大力发展数字经济",
        "reported": [{"sentence": "城市算力中心建成投用，数据要素市场化配置改革稳步推进。",
                      "section": "1"}],
    }  # fmt: skip


def _metric(
    raw: str, value: float, unit: str = "%", bound: Bound = "exact", **more: object
) -> Metric:
    fields = dict(id="m1", section="1", raw=raw, value=value, unit=unit, qualifier="", label="",
                  sentence=raw, bound=bound)  # fmt: skip
    return replace(Metric(**fields), **more)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("indicator", "target", "result", "verdict"),
    [
        # 左右 on a rate: met within 0.1 percentage point, and above it
        ("gdp_growth", _metric("5%左右", 5, bound="about"), _metric("4.9%", 4.9), "met"),
        ("gdp_growth", _metric("5%左右", 5, bound="about"), _metric("4.8%", 4.8), "missed"),
        ("gdp_growth", _metric("5%左右", 5, bound="about"), _metric("6.2%", 6.2), "met"),
        # for CPI and unemployment a 左右 target is a ceiling
        ("cpi", _metric("2%左右", 2, bound="about"), _metric("0.2%", 0.2), "met"),
        ("cpi", _metric("2%左右", 2, bound="about"), _metric("2.5%", 2.5), "missed"),
        (
            "unemployment_surveyed",
            _metric("5.5%左右", 5.5, bound="about"),
            _metric("5.6%", 5.6),
            "met",
        ),
        # 以上 / 不低于 at or above; 以内 / 控制在 at or below
        (
            "urban_new_jobs",
            _metric("1200万人以上", 1.2e7, "人", "at_least"),
            _metric("1256万人", 1.256e7, "人"),
            "met",
        ),
        (
            "urban_new_jobs",
            _metric("1200万人以上", 1.2e7, "人", "at_least"),
            _metric("1190万人", 1.19e7, "人"),
            "missed",
        ),
        (
            "unemployment_registered",
            _metric("4.5%", 4.5, bound="at_most"),
            _metric("4.6%", 4.6),
            "missed",
        ),
        # 超过 is over: the figure itself is not
        (
            "urbanisation_rate",
            _metric("超过60%", 60, bound="more_than"),
            _metric("60%", 60),
            "missed",
        ),
        # a range: a higher-is-better result at or above its low end
        (
            "gdp_growth",
            _metric("6%-6.5%", 6, bound="range", upper=6.5),
            _metric("6.1%", 6.1),
            "met",
        ),
        # a fall printed as such is below any growth target
        (
            "gdp_growth",
            _metric("3%左右", 3, bound="about"),
            _metric("2%", 2, label="地区生产总值下降"),
            "missed",
        ),
        # units that do not convert: unclear, never missed
        (
            "grain_output",
            _metric("1300亿斤以上", 1.3e11, "斤", "at_least"),
            _metric("600亿元", 6e10, "元"),
            "unclear",
        ),
    ],
)
def test_verdict_rules(indicator: str, target: Metric, result: Metric, verdict: str) -> None:
    item = indicators().get(indicator)
    assert item is not None
    assert judge(target, result, item)[0] == verdict


@dataclass(frozen=True)
class _Listing:
    source: str
    digest: str
    meta: Meta

    @property
    def display_title(self) -> str:
        return self.meta.title


def _listing(issuer: str, year: int) -> _Listing:
    return _Listing(
        f"{issuer}{year}.txt", f"{issuer}{year}", Meta(f"{year}年工作报告", issuer, year=year)
    )


def test_pairs_are_one_place_and_level_in_consecutive_years() -> None:
    city, district = _listing("北京市人民政府", 2025), _listing("北京市海淀区人民政府", 2024)
    later = _listing("北京市人民政府", 2026)
    reports = [later, city, district, _listing("北京市海淀区人民政府", 2026)]
    pair = pair_for(reports, later)
    assert (pair.target, pair.result) == (city, later)
    assert pair_for(reports, city).result == later  # the earlier report pairs with the next
    lone = pair_for(reports, district)  # 海淀区 2026 does not review 2024
    assert lone.target is None and lone.missing_year == 2023 and lone.place == "北京市海淀区"
    assert pairs_of_year(reports, 2025) == [(city, later)]


def test_the_export_command_prints_json_and_markdown(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    earlier, later = tmp_path / "a.txt", tmp_path / "b.txt"
    earlier.write_text(TARGETS, "utf-8")
    later.write_text(RESULTS, "utf-8")
    args = ["promises", "--target-report", str(earlier), "--result-report", str(later)]
    assert main(args) == 0
    record = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert (record["issuer"], record["year"], len(record["items"])) == ("临川市", 2024, 6)
    assert main([*args, "--format", "md"]) == 0
    markdown = capsysbinary.readouterr().out.decode("utf-8")
    assert markdown.startswith(
        "# 临川市 2024年主要目标：达成 1 项，未达成 2 项，未提及 1 项，难以判断 2 项"
    )
    assert "| 1 | 地区生产总值增长 | 5%左右 | 4.7% | ❌ 未达成 |" in markdown
    missing = ["promises", "--target-report", str(tmp_path / "none.txt"), "--result-report",
               str(later)]  # fmt: skip
    assert main(missing) == 2
    assert "briefing-bot:" in capsysbinary.readouterr().err.decode("utf-8")


FIVE_YEARS = """2026年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、“十四五”时期和2025年工作回顾
过去的五年极不寻常。全市上下砥砺前行。
民生福祉不断增进。城镇新增就业16.2万人，常住人口城镇化率61.5%。
刚刚过去的2025年，全市地区生产总值增长5.2%。扣除房地产开发投资后，固定资产投资增长2.7%。
（一）稳就业。城镇新增就业3.3万人。
二、2026年主要目标
今年的主要预期目标是：地区生产总值增长5%左右。
"""
FIVE_YEAR_TARGETS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.1%。
二、2025年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业3.5万人以上，固定资产投资增长5%左右。
（一）推进新型城镇化。全市常住人口城镇化率超过61.5%。
"""


def test_a_five_year_review_gives_levels_not_flows_and_a_narrowed_figure_is_unclear() -> None:
    found = promises(_briefed(FIVE_YEAR_TARGETS, "a.txt"), _briefed(FIVE_YEARS, "b.txt"))
    assert _verdicts(found) == {
        "gdp_growth": ("met", "5.2%"),
        # the year's 3.3万人, not the five years' 16.2万人 said before it
        "urban_new_jobs": ("missed", "3.3万人"),
        # 扣除房地产开发投资后: the indicator on another scope
        "fixed_investment_growth": ("unclear", "2.7%"),
        # a level said in the five-year review is where the year ended; 超过 is strict
        "urbanisation_rate": ("missed", "61.5%"),
    }


NATIONAL_TARGETS = """1 9 9 6 年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、过去一年的工作
去年国内生产总值增长9 ．6 ％。
二、今年的主要任务
今年经济增长速度的调控目标定为８％，商品零售价格涨幅控制在6 ％以内。
中央提出今年下岗失业人员再就业预期目标为300万人。
拟安排中央财政赤字500亿元，比上年减少80亿元；拟发行长期建设国债400亿元。
"""
NATIONAL_RESULTS = """1 9 9 7 年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、过去五年的工作
过去五年，国民经济持续快速发展。1 9 9 6 年国内生产总值达到6 7 8 8 4 亿元，按可比价格计算，平均每年增长1 2 ．1 ％。去年经济增长9 ．7 ％，商品零售价格涨幅为6 ．1 ％，下岗失业人员再就业310万人。
中央安排30亿元国债资金支持乡镇卫生院建设。
二、今年的主要任务
今年经济增长速度的调控目标定为８％。
"""


def test_a_national_report_pairs_spaced_figures_budget_targets_and_the_year_in_a_span() -> None:
    earlier = _briefed(NATIONAL_TARGETS, "a.txt")
    found = promises(earlier, _briefed(NATIONAL_RESULTS, "b.txt"))
    # a bond issue the budget arranges is a plan figure, judged as a target from the work plan
    bonds = [m for m in earlier.metrics if m.indicator == "government_bonds"]
    assert [(m.raw, m.kind) for m in bonds] == [("400亿元", "plan")]
    assert found.issuer == "国务院" and found.year == 1996
    assert _verdicts(found) == {
        # 去年 opens its sentence inside the five-year paragraphs: the year's own growth, not
        # the span's; spaced full-width digits (9 ．7 ％) read as 9.7
        "gdp_growth": ("met", "9 ．7 ％"),
        "retail_price_index": ("missed", "6 ．1 ％"),
        "reemployment": ("met", "310万人"),
        # the centre's deficit and bonds are the national government's own; a use of bond
        # money (国债资金) is not the year's issue
        "fiscal_deficit": ("not_reported", None),
        "government_bonds": ("not_reported", None),
    }


GNP_TARGETS = """１９９２年某省人民政府工作报告
现在，我代表省人民政府，向大会作政府工作报告，请予审议。
一、一九九一年的工作
去年全省国民生产总值增长百分之七。
二、今年的任务
今年计划要求，全省国民生产总值增长百分之六，社会商品零售总额增长百分之十，零售物价上涨幅度控制在百分之六以内。
"""
GNP_RESULTS = """１９９３年某省人民政府工作报告
现在，我代表省人民政府，向大会作政府工作报告，请予审议。
一、一九九二年的工作
去年全省国内生产总值比上年增长百分之十一，社会商品零售总额增长百分之九。
二、今年的任务
今年计划要求，全省国内生产总值增长百分之八。
"""


def test_the_gross_national_product_of_the_early_1990s_is_the_years_gdp() -> None:
    found = promises(_briefed(GNP_TARGETS, "a.txt"), _briefed(GNP_RESULTS, "b.txt"))
    assert found.year == 1992
    assert _verdicts(found) == {
        # a target on 国民生产总值 meets the next report's 国内生产总值: one measure, renamed
        "gdp_growth": ("met", "百分之十一"),
        "retail_sales_growth": ("missed", "百分之九"),
        "retail_price_index": ("not_reported", None),  # 零售物价: the retail price index, not cpi
    }


REACHED_RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长率达到预期目标，城镇新增就业3.4万人。
二、2025年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
"""


def test_a_target_said_reached_in_words_is_unclear_not_absent() -> None:
    found = promises(_briefed(TARGETS, "a.txt"), _briefed(REACHED_RESULTS, "b.txt"))
    gdp = next(item for item in found.items if item.indicator == "gdp_growth")
    # 达到预期目标 reports on the target (the reader has no figure to check): never a
    # sentence setting targets, which the later report's words on the year never are
    assert (gdp.verdict, gdp.result) == ("unclear", None)
    assert gdp.statement is not None and "达到预期目标" in gdp.statement.sentence


PLAN_TARGETS = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%。
二、2024年工作安排
（一）推进制造业数字化转型。实施中小企业数字化改造，建设工业互联网平台。
（二）加强生态环境保护。推进大气污染防治，开展河湖治理。
（三）办好民生实事。新建幼儿园，改造老旧小区。
"""
PLAN_RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%。
（一）推进制造业数字化转型。
完成中小企业数字化改造120家。
工业互联网平台投入运行，一批工厂实现设备联网和生产数据实时采集。
要继续推进中小企业数字化改造。
（二）生态环境持续改善。
大气污染防治成效明显，空气优良天数比例提高到85%。
河湖治理全面推开，城市黑臭水体基本消除。
（三）民生福祉不断增进。
新建幼儿园12所，改造老旧小区40个。
过去五年，我们新建幼儿园50所，改造老旧小区150个。
二、2025年工作安排
（一）推进制造业数字化转型。
"""


def test_a_plan_item_gets_the_sentences_of_the_review_part_on_it_and_no_heading_or_exhortation() -> (
    None
):
    found = promises(_briefed(PLAN_TARGETS, "a.txt"), _briefed(PLAN_RESULTS, "b.txt"))
    reported = {item.lead: [q.sentence for q in item.reported] for item in found.plan}
    assert reported == {
        # the rare words it shares (工业互联网平台) and the part it sits in say the second sentence
        # is on the item; the part's heading and 要继续… report nothing
        "推进制造业数字化转型": [
            "完成中小企业数字化改造120家。",
            "工业互联网平台投入运行，一批工厂实现设备联网和生产数据实时采集。",
        ],
        "加强生态环境保护": ["大气污染防治成效明显，空气优良天数比例提高到85%。"],
        # the five years' 50所 is not the year's report
        "办好民生实事": ["新建幼儿园12所，改造老旧小区40个。"],
    }


# The review closes a part that is all about one item with an address to the congress, which the
# parser files under the part itself: the part's bonus alone would make it a report on the item.
ADDRESS_RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%。
（一）推进制造业数字化转型。
完成中小企业数字化改造120家。
二、办好民生实事，改造老旧小区
新建幼儿园12所，改造老旧小区40个。
新建幼儿园全部开园。
{address}
三、2025年工作安排
（一）推进制造业数字化转型。
"""


@pytest.mark.parametrize("address", ["各位代表！", "各位委员！"])
def test_an_address_to_the_congress_closing_a_review_part_reports_on_no_plan_item(
    address: str,
) -> None:
    results = ADDRESS_RESULTS.format(address=address)
    found = promises(_briefed(PLAN_TARGETS, "a.txt"), _briefed(results, "b.txt"))
    reported = {item.lead: [q.sentence for q in item.reported] for item in found.plan}
    assert reported["办好民生实事"] == [
        "新建幼儿园12所，改造老旧小区40个。",
        "新建幼儿园全部开园。",
    ]
    assert not [s for said in reported.values() for s in said if s.startswith("各位")], reported


COUNTY_TARGETS = """2018年临川县政府工作报告
现在，我代表临川县人民政府，向大会报告政府工作，请予审议。
一、2017年工作回顾
过去一年，全县生产总值增长6.5%。
二、2018年主要目标和工作安排
经济社会发展的主要预期目标是：生产总值增长7%；规模以上工业增加值增长5%；社会消费品零售总额增长11%。
"""
COUNTY_RESULTS = """2019年临川县政府工作报告
现在，我代表临川县人民政府，向大会报告政府工作，请予审议。
一、2018年工作回顾
预计全县生产总值完成122.4亿元；规模以上工业增加值完成12亿元；社会消费品零售总额完成58.55亿元，增长11%。
二、2019年主要目标和工作安排
经济社会发展的主要预期目标是：生产总值增长6.5%。
"""


def test_a_growth_target_whose_year_is_reported_only_as_the_amount_is_shown_and_unclear() -> None:
    found = promises(_briefed(COUNTY_TARGETS, "a.txt"), _briefed(COUNTY_RESULTS, "b.txt"))
    assert _verdicts(found) == {
        # the later report prints the year's amount alone: shown beside the target, another
        # unit, so neither met nor missed (and not 未提及: the reader sees what it says)
        "gdp_growth": ("unclear", "122.4亿元"),
        "industrial_value_added_growth": ("unclear", "12亿元"),
        # the rate of the same measure, printed too, is the result
        "retail_sales_growth": ("met", "11%"),
    }


DONE_RESULTS = """2019年临川县政府工作报告
现在，我代表临川县人民政府，向大会报告政府工作，请予审议。
一、2018年工作回顾
预计全县社会消费品零售总额完成58.55亿元，增长11%。
城镇新增就业任务圆满完成，城乡居民基本医疗、养老保险覆盖面进一步扩大。
二、2019年主要目标和工作安排
经济社会发展的主要预期目标是：生产总值增长6.5%。
"""
DONE_TARGETS = COUNTY_TARGETS.replace(
    "社会消费品零售总额增长11%。", "社会消费品零售总额增长11%；城镇新增就业4000人。"
)


def test_a_target_said_fully_done_in_words_is_unclear_not_absent() -> None:
    found = promises(_briefed(DONE_TARGETS, "a.txt"), _briefed(DONE_RESULTS, "b.txt"))
    jobs = next(item for item in found.items if item.indicator == "urban_new_jobs")
    # 任务圆满完成: the later report speaks of it (never 报告未提及), with no figure to check
    assert (jobs.verdict, jobs.result) == ("unclear", None)
    assert jobs.statement is not None and "圆满完成" in jobs.statement.sentence


PLAN_SHARE_TARGETS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.1%。
二、2025年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业4万人，规模以上工业增加值增长6%。
"""
PLAN_SHARE_RESULTS = """2026年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2025年工作回顾
过去一年，全市地区生产总值增长5.3%。
新增发放创业担保贷款、城镇新增就业分别完成年计划的248.6%、96.5%，城镇、农村居民人均可支配收入分别增长4.3%、5.7%。
规模以上工业增加值完成年度目标的102%。
二、2026年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
"""


def test_a_result_given_as_a_share_of_the_years_plan_is_met_at_a_hundred_percent() -> None:
    found = promises(_briefed(PLAN_SHARE_TARGETS, "a.txt"), _briefed(PLAN_SHARE_RESULTS, "b.txt"))
    assert _verdicts(found) == {
        "gdp_growth": ("met", "5.3%"),
        # the second subject of a 分别 list takes the second share; under 100%: missed
        "urban_new_jobs": ("missed", "96.5%"),
        # a share of the year's target for a growth rate says neither the rate nor by how much
        "industrial_value_added_growth": ("unclear", "102%"),
    }
    jobs = next(item for item in found.items if item.indicator == "urban_new_jobs")
    assert jobs.rule == "plan_share"


def test_a_review_sentence_on_the_later_reports_own_year_reports_on_no_plan_item() -> None:
    later = PLAN_RESULTS.replace(
        "要继续推进中小企业数字化改造。", "2025年是推进制造业数字化转型的关键一年。"
    )
    found = promises(_briefed(PLAN_TARGETS, "a.txt"), _briefed(later, "b.txt"))
    reported = {item.lead: [q.sentence for q in item.reported] for item in found.plan}
    # it says what the coming year is for, not what was done in the year reviewed
    assert reported["推进制造业数字化转型"] == [
        "完成中小企业数字化改造120家。",
        "工业互联网平台投入运行，一批工厂实现设备联网和生产数据实时采集。",
    ]


HARVEST_TARGETS = FIVE_YEAR_TARGETS.replace(
    "全市常住人口城镇化率超过61.5%。", "确保粮食产量稳定在100万吨以上。"
)
HARVEST_RESULTS = """2026年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2025年工作回顾
过去一年，全市地区生产总值增长5.2%，城镇新增就业3.6万人，固定资产投资增长5.5%。
粮食生产再获丰收，肉蛋奶、蔬菜产量均突破百万吨大关。
二、2026年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
"""


def test_a_harvest_said_in_words_is_unclear_for_the_grain_target() -> None:
    found = promises(_briefed(HARVEST_TARGETS, "a.txt"), _briefed(HARVEST_RESULTS, "b.txt"))
    grain = next(item for item in found.items if item.indicator == "grain_output")
    # 粮食生产再获丰收: the later report speaks of the grain, with no figure (never 报告未提及)
    assert (grain.verdict, grain.result) == ("unclear", None)


LISTED_TARGETS = """2000年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、1999年工作回顾
去年国内生产总值增长7.1%，国民经济保持了较快增长，改革开放和现代化建设取得新的成就。
二、2000年的主要任务
今年经济增长的预期目标为7%左右。
城镇居民人均可支配收入和农民人均纯收入分别增长5%和3%。
拟增发长期建设国债1000亿元。
"""
LISTED_RESULTS = """2001年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、“九五”时期和2000年的工作回顾
“九五”期间国内生产总值年均增长8.3%，去年增长8%。
前三季度城镇居民人均可支配收入增长7.9%，全年城镇居民人均可支配收入和农民人均纯收入实际增长6.4%和2.1%。
二、2001年的主要任务
今年经济增长的预期目标为7%左右，我们要坚持扩大内需，推进结构调整，深化改革开放。
"""


def test_the_years_results_pair_after_a_span_or_part_of_it_and_a_listed_change_deals_out() -> None:
    found = promises(_briefed(LISTED_TARGETS, "a.txt"), _briefed(LISTED_RESULTS, "b.txt"))
    assert found.year == 2000
    assert _verdicts(found) == {
        # 去年 opens its clause: the year's 8%, not the five-year average 8.3% before it
        "gdp_growth": ("met", "8%"),
        # 实际增长6.4%和2.1% deals the list out as 分别 would, and 全年 is not 前三季度
        "urban_income_growth": ("met", "6.4%"),
        "rural_income_growth": ("missed", "2.1%"),
        # 增发 bonds is the year's issue
        "government_bonds": ("not_reported", None),
    }


QUOTED_TARGETS = """1 9 9 8 年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、1997年的工作
去年国内生产总值增长8．8％，国民经济保持了较快增长，改革开放和现代化建设取得新的成就。
二、1998年的主要任务
今年商品零售物价上涨幅度控制在百分之十以内。
"""
QUOTED_RESULTS = """1 9 9 9 年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、1998年的工作
去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内。虽然在这方面做了很大努力，涨幅仍然高达百分之十二点五，群众反映强烈。
二、1999年的主要任务
今年经济增长的预期目标为7%左右，我们要坚持扩大内需，推进结构调整，深化改革开放。
"""


def test_a_rise_said_without_its_subject_is_the_measure_of_the_target_quoted_before_it() -> None:
    found = promises(_briefed(QUOTED_TARGETS, "a.txt"), _briefed(QUOTED_RESULTS, "b.txt"))
    # 百分之十 quotes last year's target (曾提出): not its result; 涨幅…百分之十二点五 is, its
    # subject the sentence before's
    assert _verdicts(found) == {"retail_price_index": ("missed", "百分之十二点五")}
    # a target named as done (提出的…) quotes nothing: the figure after it is the year's
    done = QUOTED_RESULTS.replace(
        "去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内。虽然在这方面做了很大努力，涨幅仍然高达百分之十二点五，群众反映强烈。",
        "去年提出的目标任务全面完成，商品零售物价上涨幅度为百分之九。",
    )
    found = promises(_briefed(QUOTED_TARGETS, "a.txt"), _briefed(done, "b.txt"))
    assert _verdicts(found) == {"retail_price_index": ("met", "百分之九")}


BROAD_PLAN = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%，城镇新增就业3.1万人。
二、2024年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
（一）大力发展数字经济。建设城市算力中心，推动数据要素市场化配置，培育软件和信息服务企业，建设工业互联网平台，推进智能制造示范工厂，发展跨境电商。
（二）持续改善农村人居环境。推进农村生活污水治理，开展村庄清洁行动，实施农村厕所改造。
"""
BROAD_REVIEW = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
（一）数字经济加快发展
城市算力中心建成投用。
数据要素市场化配置改革稳步推进。
新培育软件和信息服务企业120家。
工业互联网平台接入企业3000家。
建成智能制造示范工厂15个。
跨境电商交易额增长30%。
数字经济核心产业增加值增长12%。
数据交易所挂牌运营，数字经济发展水平进入全省前列。
（二）农村人居环境持续改善
农村生活污水治理率提高到60%。
村庄清洁行动实现全覆盖。
完成农村厕所改造1.2万户。
二、2025年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，我们要坚持稳中求进，推动高质量发展。
"""


def test_a_broad_review_part_on_one_plan_item_gives_it_all_its_sentences_past_the_usual_few() -> (
    None
):
    found = promises(_briefed(BROAD_PLAN, "a.txt"), _briefed(BROAD_REVIEW, "b.txt"))
    digital, villages = ([q.sentence for q in item.reported] for item in found.plan)
    # every sentence of the part on the digital economy, past the 6 given an item by default:
    # each is about that item far more than about the other
    assert sorted(digital) == sorted(s for s in BROAD_REVIEW.splitlines()[4:12]), digital
    assert len(villages) == 3


TERM_REVIEW = """2001年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、“九五”时期经济和社会发展的回顾
“九五”计划的主要目标胜利实现。国民经济持续快速健康发展，2000年国内生产总值达到89404亿元，按可比价格计算比上年增长8%，“九五”期间平均每年增长8.3%。
五年来全社会固定资产投资累计完成13万亿元，平均每年增长11%。
二、“十五”计划的主要任务
今年经济增长的预期目标为7%左右，我们要坚持扩大内需，推进结构调整，深化改革开放。
"""


def test_in_a_review_of_several_years_a_figure_dated_the_year_is_its_result() -> None:
    found = promises(_briefed(LISTED_TARGETS, "a.txt"), _briefed(TERM_REVIEW, "b.txt"))
    verdicts = _verdicts(found)
    # 2000年…按可比价格计算比上年增长8%: the year's growth, inside the five-year paragraphs;
    # the five years' average is not
    assert verdicts["gdp_growth"] == ("met", "8%")


AVERAGED_TARGETS = """1 9 9 3 年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、过去五年的回顾
去年国民经济增长百分之十二，国民经济保持了较快增长，改革开放和现代化建设取得新的成就。
二、今年的主要任务
按调整后的“八五”计划，国民经济增长速度由原定平均每年百分之六调高到百分之九。
今年国民经济计划增长速度定为百分之八，细颗粒物年均浓度控制在40微克/立方米以内。
"""
AVERAGED_RESULTS = """1 9 9 4 年国务院政府工作报告
现在，我代表国务院，向大会作政府工作报告，请予审议。
一、1993年的工作
去年国民经济增长百分之十三，细颗粒物年均浓度38微克/立方米，改革开放和现代化建设取得新的成就。
二、今年的主要任务
今年国民经济计划增长速度定为百分之九，我们要坚持扩大内需，推进结构调整，深化改革开放。
"""


def test_a_target_averaged_over_several_years_is_not_the_years_and_a_yearly_mean_is_the_years() -> (
    None
):
    found = promises(_briefed(AVERAGED_TARGETS, "a.txt"), _briefed(AVERAGED_RESULTS, "b.txt"))
    targets = {item.indicator: item.target.metric.raw for item in found.items}
    # the revised five-year plan's yearly average (百分之九) is not 1993's target (百分之八)
    assert targets["gdp_growth"] == "百分之八"
    # 年均浓度: a concentration's mean over the year, the year's own figure
    assert _verdicts(found)["pm25"] == ("met", "38微克/立方米")


# A national-style review: the part reviewing the year also sets out the next one's general
# requirements, so its title names both years; short lines stand over the paragraphs of detail.
COMBINED_REVIEW = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾和2025年工作的总体要求
过去一年，全市经济运行总体平稳，地区生产总值增长5.2%。
（一）生态环境
生态环境明显改善。
大气污染防治成效明显，空气优良天数比例提高到85%。河湖治理全面推开，城市黑臭水体基本消除。
（二）民生福祉
民生福祉不断增进。
新建幼儿园12所，改造老旧小区40个。新建幼儿园全部开园。
二、2025年工作安排
（一）推进制造业数字化转型。
"""


def _reported(later: str) -> dict[str, list[str]]:
    found = promises(_briefed(PLAN_TARGETS, "a.txt"), _briefed(later, "b.txt"))
    return {item.lead: [q.sentence for q in item.reported] for item in found.plan}


def test_a_review_part_whose_title_also_names_the_coming_year_still_reviews_the_year() -> None:
    reported = _reported(COMBINED_REVIEW)
    assert "大气污染防治成效明显，空气优良天数比例提高到85%。" in reported["加强生态环境保护"]
    assert "新建幼儿园12所，改造老旧小区40个。" in reported["办好民生实事"]


def test_a_short_line_heading_the_paragraph_of_detail_reports_on_no_plan_item() -> None:
    reported = _reported(COMBINED_REVIEW.replace("和2025年工作的总体要求", ""))
    given = [sentence for said in reported.values() for sentence in said]
    # 生态环境明显改善。 says what the paragraph under it is about; the paragraph reports
    assert "生态环境明显改善。" not in given and "民生福祉不断增进。" not in given
    assert "大气污染防治成效明显，空气优良天数比例提高到85%。" in reported["加强生态环境保护"]


# A plan item printed as a part whose measures are its numbered sub-parts: what the item says is
# in them, not in its one-line opening.
NESTED_PLAN = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%。
二、2024年工作安排
（一）巩固和加强农业基础地位
解决好农业农村问题，是全部工作的重中之重。
第一，保护和提高粮食综合生产能力。坚持最严格的耕地保护制度，建设高标准农田。
第二，继续推进农村税费改革。降低农业税税率，取消农业特产税。
（二）加快发展数字经济
建设城市算力中心，推动数据要素市场化配置。
第一，推进制造业数字化转型。实施中小企业数字化改造。
第二，培育软件和信息服务业。建设软件园。
"""
NESTED_REVIEW = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%。
新建高标准农田20万亩，耕地保护责任全面落实。取消农业特产税，农业税税率降低一个百分点。城市算力中心建成投用。完成中小企业数字化改造120家，软件园开园运营。
二、2025年工作安排
（一）推进制造业数字化转型。
"""


def test_a_plan_item_with_numbered_sub_parts_is_matched_on_what_they_say() -> None:
    found = promises(_briefed(NESTED_PLAN, "a.txt"), _briefed(NESTED_REVIEW, "b.txt"))
    reported = {item.lead: [q.sentence for q in item.reported] for item in found.plan}
    assert set(reported) == {"巩固和加强农业基础地位", "加快发展数字经济"}
    # the opening says only 农业农村问题; the sub-parts say 耕地保护, 高标准农田, 农业特产税
    assert sorted(reported["巩固和加强农业基础地位"]) == [
        "取消农业特产税，农业税税率降低一个百分点。",
        "新建高标准农田20万亩，耕地保护责任全面落实。",
    ]
    assert "完成中小企业数字化改造120家，软件园开园运营。" in reported["加快发展数字经济"]


# A review closing a five-year term, then a part setting the next term's goals before the plan.
GOALS_REVIEW = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%。
完成中小企业数字化改造120家，工业互联网平台投入运行。
二、“十五五”时期的主要目标任务
到2030年，大气污染防治取得决定性成效，河湖治理体系基本完善。
三、2025年工作安排
（一）推进制造业数字化转型。
"""


def test_a_part_setting_the_coming_terms_goals_reports_on_no_plan_item() -> None:
    reported = _reported(GOALS_REVIEW)
    given = [sentence for said in reported.values() for sentence in said]
    assert "到2030年，大气污染防治取得决定性成效，河湖治理体系基本完善。" not in given
    assert (
        "完成中小企业数字化改造120家，工业互联网平台投入运行。" in reported["推进制造业数字化转型"]
    )


# A five-year review that gives the last year's grain harvest only as the level it reached, and
# the trade total only beside the span's average growth.
LEVEL_TARGETS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.1%。
二、2025年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，粮食产量稳定在95万吨以上，外贸进出口总额120亿元。
"""
LEVEL_REVIEW = """2026年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、“十四五”时期工作回顾
过去的五年极不寻常。全市地区生产总值年均增长5.6%。
粮食总产量突破100万吨，创历史新高。外贸进出口总额首次突破130亿元、年均增长8.2%。
二、2026年主要目标
今年的主要预期目标是：地区生产总值增长5%左右。
"""


def test_a_five_year_review_gives_an_amount_said_as_the_level_reached_as_the_years() -> None:
    found = promises(_briefed(LEVEL_TARGETS, "a.txt"), _briefed(LEVEL_REVIEW, "b.txt"))
    verdicts = _verdicts(found)
    # 突破100万吨 is where the harvest stood in the span's last year: at least 95万吨, met
    assert verdicts["grain_output"] == ("met", "突破100万吨")
    # the trade total said with the span's average growth in its clause is the span's
    assert verdicts["trade_total"] == ("not_reported", None)
    # the span's average growth is no year's
    assert verdicts["gdp_growth"] == ("not_reported", None)


@pytest.mark.parametrize(
    ("dealt", "verdict"),
    [
        # a run of years dealt out one figure a year: the last is the year's growth
        ("1998年至2000年，国内生产总值分别增长7.8%、7.1%和8%。", ("met", "8%")),
        # fewer figures than years: none is said to be the year's
        ("1998－2000年，国内生产总值分别增长7.8%和8%。", ("not_reported", None)),
    ],
)
def test_a_run_of_years_dealt_out_in_a_term_review_gives_the_years_growth_only_one_a_year(
    dealt: str, verdict: tuple[str, str | None]
) -> None:
    review = TERM_REVIEW.replace(
        "2000年国内生产总值达到89404亿元，按可比价格计算比上年增长8%，", dealt
    )
    found = promises(_briefed(LISTED_TARGETS, "a.txt"), _briefed(review, "b.txt"))
    assert _verdicts(found)["gdp_growth"] == verdict


ADMITTING_REVIEW = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市经济运行总体平稳，地区生产总值增长5.2%。
（一）生态环境
大气污染防治成效明显，空气优良天数比例提高到85%。河湖治理全面推开，城市黑臭水体基本消除。
（二）民生福祉
新建幼儿园12所，改造老旧小区40个。新建幼儿园全部开园。
同时，我们也清醒地看到，发展中还存在一些困难和问题。{shortfall}
二、2025年工作安排
（一）推进制造业数字化转型。
"""


@pytest.mark.parametrize(
    ("shortfall", "reported"),
    [
        # the state of things admitted: no report on the item it shares words with
        ("中小企业数字化改造进展不平衡，工业互联网平台应用不够广泛。", []),
        # an admission of what the year did (去年) is a report on it
        (
            "去年中小企业数字化改造进展不平衡，工业互联网平台应用不够广泛。",
            ["去年中小企业数字化改造进展不平衡，工业互联网平台应用不够广泛。"],
        ),
    ],
)
def test_a_shortcoming_admitted_reports_on_no_plan_item_unless_it_speaks_of_the_year(
    shortfall: str, reported: list[str]
) -> None:
    given = _reported(ADMITTING_REVIEW.format(shortfall=shortfall))
    assert given["推进制造业数字化转型"] == reported


def test_a_short_line_opening_on_a_dash_heads_the_results_after_it_and_reports_nothing() -> None:
    review = COMBINED_REVIEW.replace("和2025年工作的总体要求", "").replace(
        "生态环境明显改善。\n", "——生态环境明显改善。"
    )
    reported = _reported(review)
    assert reported["加强生态环境保护"][0] == "大气污染防治成效明显，空气优良天数比例提高到85%。"
    assert "——生态环境明显改善。" not in reported["加强生态环境保护"]


def test_a_review_part_titled_as_the_targets_done_still_reviews_the_year() -> None:
    review = COMBINED_REVIEW.replace("2024年工作回顾和2025年工作的总体要求", "主要目标任务完成情况")
    reported = _reported(review)
    assert "新建幼儿园12所，改造老旧小区40个。" in reported["办好民生实事"]


SHARED_TARGETS = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长6.1%。
二、2024年主要目标和工作安排
今年的主要预期目标是：地区生产总值增长 9%左右，城镇居民人均可支配收入、农民人均纯收入分别增长9%，固定资产投资增长12%。
"""
SHARED_RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长9.2%，城镇居民人均可支配收入增长9.5%，农民人均纯收入增长8.1%。
二、2025年主要目标和工作安排
今年的主要预期目标是：地区生产总值增长8%左右。
"""


def test_one_number_printed_for_two_measures_is_a_target_of_each() -> None:
    found = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(SHARED_RESULTS, "b.txt"))
    # 分别增长9% with one number: both incomes' target, each judged on its own result (the
    # same 9% printed before for GDP is not the list's)
    assert _verdicts(found) == {
        "gdp_growth": ("met", "9.2%"),
        "urban_income_growth": ("met", "9.5%"),
        "rural_income_growth": ("missed", "8.1%"),
        "fixed_investment_growth": ("not_reported", None),
    }


AREA_TARGETS = SHARED_TARGETS.replace(
    "固定资产投资增长12%。",
    "固定资产投资增长12%。\n加快滨江新区开发建设，全年完成固定资产投资80亿元，实现地区生产总值30亿元。",
)


def test_a_zones_investment_set_in_the_work_plan_is_not_the_places_target() -> None:
    found = promises(_briefed(AREA_TARGETS, "a.txt"), _briefed(SHARED_RESULTS, "b.txt"))
    targets = {item.indicator: item.target.metric.raw for item in found.items}
    # 80亿元 and 30亿元 are the new district's: its development is the clause's topic
    assert "fixed_investment" not in targets and "gdp" not in targets
    assert targets["fixed_investment_growth"] == "12%"


GRAIN_PLAN = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%。
二、2024年工作安排
（一）巩固农业基础，稳定粮食生产。建设高标准农田，推广良种良法。
（二）加快发展数字经济。建设城市算力中心，推动数据要素市场化配置。
"""
GRAIN_REVIEW = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%。
全年粮食总产量达到52万吨，增产1.2万吨。城市算力中心建成投用。
二、2025年工作安排
（一）推进制造业数字化转型。
"""


def test_a_review_sentence_giving_the_result_of_an_indicator_the_item_names_reports_on_it() -> None:
    found = promises(_briefed(GRAIN_PLAN, "a.txt"), _briefed(GRAIN_REVIEW, "b.txt"))
    reported = {item.lead: [q.sentence for q in item.reported] for item in found.plan}
    # the item names 粮食生产 (grain output): the year's grain output reports on it, though the
    # two share few words; the item naming no indicator gets it not
    assert reported["巩固农业基础，稳定粮食生产"] == ["全年粮食总产量达到52万吨，增产1.2万吨。"]
    assert reported["加快发展数字经济"] == ["城市算力中心建成投用。"]


FALLEN_RESULTS = SHARED_RESULTS.replace(
    "过去一年，全市地区生产总值增长9.2%，城镇居民人均可支配收入增长9.5%，农民人均纯收入增长8.1%。",
    "过去一年，全市地区生产总值增长9.2%，固定资产投资同比下降8.5%，居民消费价格下降0.3%。",
)


def test_a_growth_rate_printed_as_a_fall_is_the_years_result_shown_with_its_minus(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    earlier, later = tmp_path / "a.txt", tmp_path / "b.txt"
    earlier.write_text(SHARED_TARGETS, "utf-8")
    later.write_text(FALLEN_RESULTS, "utf-8")
    found = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(FALLEN_RESULTS, "b.txt"))
    # 固定资产投资同比下降8.5% is the year's investment growth (−8.5%), not nothing said
    assert _verdicts(found)["fixed_investment_growth"] == ("missed", "8.5%")
    record = as_record(found)
    investment = next(i for i in record["items"] if i["indicator"] == "fixed_investment_growth")
    assert investment["result"]["value"] == -8.5 and investment["result"]["raw"] == "8.5%"
    args = ["promises", "--target-report", str(earlier), "--result-report", str(later)]
    assert main([*args, "--format", "md"]) == 0
    markdown = capsysbinary.readouterr().out.decode("utf-8")
    assert "| 固定资产投资增长 | 12% | −8.5% | ❌ 未达成 |" in markdown


def test_the_years_estimate_after_a_part_of_the_year_is_its_result() -> None:
    estimated = SHARED_RESULTS.replace(
        "全市地区生产总值增长9.2%", "全市前三季度地区生产总值增长9.5%，预计全年增长8.9%左右"
    )
    found = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(estimated, "b.txt"))
    # 预计全年 opens its clause: the year's estimate (an estimate counts), not the quarters' 9.5%
    assert _verdicts(found)["gdp_growth"] == ("met", "8.9%左右")


def test_a_result_printed_as_a_bar_gives_way_to_the_exact_figure_of_its_sentence() -> None:
    barred = SHARED_RESULTS.replace(
        "城镇居民人均可支配收入增长9.5%", "城镇居民人均可支配收入增长9%以上、达到9.5%"
    )
    found = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(barred, "b.txt"))
    assert _verdicts(found)["urban_income_growth"] == ("met", "9.5%")


def test_the_countrys_gdp_is_named_as_its_reports_name_it_and_a_regions_as_theirs() -> None:
    national = promises(_briefed(NATIONAL_TARGETS, "a.txt"), _briefed(NATIONAL_RESULTS, "b.txt"))
    names = {i["indicator"]: i["name"] for i in as_record(national)["items"]}
    assert names["gdp_growth"] == "国内生产总值增长"
    target, result = _listing("国务院", 1996), _listing("国务院", 1997)
    assert "国内生产总值增长" in promises_page(national, target, result)
    assert "| 国内生产总值增长 |" in to_markdown(national, target, result)
    city = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(SHARED_RESULTS, "b.txt"))
    assert {i["name"] for i in as_record(city)["items"]} >= {"地区生产总值增长"}


def test_the_provinces_growth_quoted_in_a_citys_review_is_not_the_citys_result() -> None:
    quoting = SHARED_RESULTS.replace(
        "过去一年，全市地区生产总值增长9.2%",
        "过去一年，全省地区生产总值增长7.1%，全市地区生产总值增长9.2%",
    )
    found = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(quoting, "b.txt"))
    assert _verdicts(found)["gdp_growth"] == ("met", "9.2%")


def test_a_target_said_reached_after_its_name_is_unclear_not_absent() -> None:
    for said in (
        "年初确定的固定资产投资增长12%的目标圆满完成。",
        "实现了年初确定的固定资产投资增长12%的目标。",
    ):
        reached = SHARED_RESULTS.replace("二、2025年", f"{said}\n二、2025年")
        found = promises(_briefed(SHARED_TARGETS, "a.txt"), _briefed(reached, "b.txt"))
        # the 12% quoted is the target, no result; the report says it was reached, in words
        item = next(i for i in found.items if i.indicator == "fixed_investment_growth")
        assert (item.verdict, item.result) == ("unclear", None), said
        assert item.statement is not None and item.statement.sentence == said


# An item's lead names what it is about; its text runs on to measures another item shares
# (智慧…平台, 电商服务), so a review sentence on the item may share as much with the other item.
LEAD_TARGETS = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%。
二、2024年工作安排
（一）巩固和加强农业基础地位。建设智慧农业平台，发展农村电商服务站。
（二）加快发展数字经济。建设城市算力中心，推进智慧城市平台建设，发展电商服务业。
（三）办好民生实事。新建幼儿园，改造老旧小区。
"""
LEAD_RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%。
农业基础地位进一步巩固加强，智慧平台建设和电商服务业加快发展。
城市算力中心建成投用。
新建幼儿园12所，改造老旧小区40个。
二、2025年工作安排
（一）推进制造业数字化转型。
"""


def test_a_review_sentence_saying_a_plan_items_lead_reports_on_that_item() -> None:
    found = promises(_briefed(LEAD_TARGETS, "a.txt"), _briefed(LEAD_RESULTS, "b.txt"))
    reported = {item.lead: [q.sentence for q in item.reported] for item in found.plan}
    assert reported["巩固和加强农业基础地位"] == [
        "农业基础地位进一步巩固加强，智慧平台建设和电商服务业加快发展。"
    ]
    assert reported["加快发展数字经济"] == ["城市算力中心建成投用。"]


# Town and country incomes printed once with 分别 and no per-head word, in both reports.
INCOME_TARGETS = """2024年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，全市地区生产总值增长4.6%。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城乡居民收入分别增长6%和8%。
我们要重点抓好以下工作。
"""
INCOME_RESULTS = """2025年临川市政府工作报告
现在，我代表临川市人民政府，向大会报告政府工作，请予审议。
一、2024年工作回顾
过去一年，全市地区生产总值增长5.2%，城乡居民收入分别增长5.5%和8.3%。
农村居民收入增速比城镇居民高2.8个百分点。
二、2025年工作安排
今年的主要预期目标是：地区生产总值增长5%左右。
"""


def test_town_and_country_incomes_said_without_per_head_pair_target_and_result() -> None:
    found = promises(_briefed(INCOME_TARGETS, "a.txt"), _briefed(INCOME_RESULTS, "b.txt"))
    assert {key: value for key, value in _verdicts(found).items() if "income" in key} == {
        "urban_income_growth": ("missed", "5.5%"),
        "rural_income_growth": ("met", "8.3%"),
    }
