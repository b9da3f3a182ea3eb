"""Canonical indicators: the data file, what a figure measures (only the report's own place's,
only in the indicator's family), and the names /compare and /metrics take."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest

from briefings.compare import Figures, compare
from briefings.figures import sentence_figures
from briefings.figures.indicators import indicator_of, indicators, named
from briefings.model import ItemList, Meta, Metric, Report

REQUIRED = [
    "gdp",
    "gdp_growth",
    "gdp_per_capita",
    "cpi",
    "urban_new_jobs",
    "unemployment_surveyed",
    "unemployment_registered",
    "fiscal_revenue",
    "fiscal_revenue_growth",
    "fiscal_deficit",
    "deficit_ratio",
    "income_per_capita_growth",
    "urban_income_growth",
    "rural_income_growth",
    "grain_output",
    "energy_intensity_reduction",
    "industrial_value_added_growth",
    "fixed_investment_growth",
    "retail_sales_growth",
    "trade_total",
    "trade_growth",
    "rd_intensity",
    "urbanisation_rate",
    "pm25",
]


def test_the_data_file_has_every_required_indicator_with_names_family_and_direction() -> None:
    table = indicators()
    for key in REQUIRED:
        item = table.get(key)
        assert item is not None, key
        assert item.names and item.zh and item.en, key
        assert item.family in ("amount", "growth", "level", "count"), key
        assert item.direction in ("higher", "lower"), key
    assert len({item.id for item in table.items}) == len(table.items)


@pytest.mark.parametrize(
    ("label", "unit", "expected"),
    [
        ("全省地区生产总值增长", "%", "gdp_growth"),
        ("经济增长预期目标", "%", "gdp_growth"),
        ("全市地区生产总值", "元", "gdp"),
        ("国内生产总值增加到", "元", "gdp"),
        ("人均地区生产总值", "元", "gdp_per_capita"),
        ("单位地区生产总值能耗下降", "%", "energy_intensity_reduction"),
        ("全社会研发投入占地区生产总值比重", "%", "rd_intensity"),
        ("一般公共预算收入", "元", "fiscal_revenue"),
        ("一般公共预算收入增长", "%", "fiscal_revenue_growth"),
        ("赤字率", "%", "deficit_ratio"),
        ("城镇调查失业率", "%", "unemployment_surveyed"),
        ("城镇登记失业率", "%", "unemployment_registered"),
        ("城镇新增就业", "人", "urban_new_jobs"),
        ("居民消费价格涨幅", "%", "cpi"),
        ("农村居民人均可支配收入增长", "%", "rural_income_growth"),
        ("粮食总产量", "斤", "grain_output"),
        ("规上工业增加值增长", "%", "industrial_value_added_growth"),
        ("社会消费品零售总额增长", "%", "retail_sales_growth"),
        ("社会消费品零售总额", "元", "retail_sales"),
        ("外贸进出口总额", "元", "trade_total"),
        ("常住人口城镇化率", "%", "urbanisation_rate"),
        ("细颗粒物年均浓度", "微克/立方米", "pm25"),
        # Older and county names of the same measures.
        ("完成地方生产总值同比增长", "%", "gdp_growth"),
        ("完成地方生产总值", "元", "gdp"),
        ("万元GDP综合能耗下降", "%", "energy_intensity_reduction"),
        ("地方一般预算收入增长", "%", "fiscal_revenue_growth"),
        ("全区地方财政收入", "元", "fiscal_revenue"),
        ("入统工业增加值同比增长", "%", "industrial_value_added_growth"),
        ("城镇固定资产投资增长", "%", "fixed_investment_growth"),
        ("城乡居民人均可支配收入增长", "%", "income_per_capita_growth"),
        ("城乡居民人均可支配收入", "元", "income_per_capita"),
        ("规上企业工业增加值同比增长", "%", "industrial_value_added_growth"),
        ("规模以上企业工业增加值", "元", "industrial_value_added"),
        ("城镇失业率控制", "%", "unemployment_registered"),
        ("单位地区生产总值综合能耗下降", "%", "energy_intensity_reduction"),
        ("城镇以上固定资产投资增长", "%", "fixed_investment_growth"),
        # 增加值 is value added, not a rise; 提高到 says the level reached.
        ("规上工业增加值", "元", "industrial_value_added"),
        ("完成规模以上工业增加值", "元", "industrial_value_added"),
        ("常住人口城镇化率提高到", "%", "urbanisation_rate"),
        ("城镇人均可支配收入", "元", "urban_income"),
        ("城镇居民人均生活费收入增长", "%", "urban_income_growth"),  # the 1990s measure
        # 城乡居民收入分别增长6%和8%, dealt to each: the per-head incomes with no per-head word
        ("城镇居民收入增长", "%", "urban_income_growth"),
        ("农村居民收入增长", "%", "rural_income_growth"),
        ("计划国内生产总值增长", "%", "gdp_growth"),
        ("零售物价上涨幅度", "%", "retail_price_index"),
        ("新增城乡就业", "人", "urban_new_jobs"),
        ("全部财政收入", "元", None),  # all revenue raised, not the budget's
        # Targets reports set beyond the headline list: bonds, re-employment, R&D spending,
        # the 1990s retail price target; a use of bond money is not the issue.
        ("拟发行长期建设国债", "元", "government_bonds"),
        ("继续发行建设国债", "元", "government_bonds"),
        ("今年拟发行长期国债", "元", "government_bonds"),  # the 1998-2004 construction bonds
        ("国债资金", "元", None),
        ("下岗失业人员再就业", "人", "reemployment"),
        ("再就业补助资金", "元", None),
        # 再就业 is the laid-off and unemployed back at work, whether the label says who or not;
        # a narrower group is a part of it.
        ("国民经济增长速度", "%", "gdp_growth"),  # the 1990s national reports' growth
        ("国民经济计划增长速度", "%", "gdp_growth"),
        ("实现再就业", "人", "reemployment"),
        ("下岗职工实现再就业", "人", "reemployment"),
        ("就业困难人员实现再就业", "人", None),
        # A county's own tax revenue, apart from its budget revenue; a company's or a zone's
        # taxes and a share are not it. 户籍人口城镇化率 is not the resident population's rate.
        ("税收收入增长", "%", "tax_revenue_growth"),
        ("全县税收收入", "元", "tax_revenue"),
        ("长城公司在徐水实现税收", "元", None),
        ("开发区税收", "元", None),
        ("税收占比", "%", None),
        ("户籍人口城镇化率", "%", "hukou_urbanisation_rate"),
        ("全省研发经费", "元", "rd_expenditure"),
        ("研发经费投入增长", "%", None),
        ("研发经费投入强度", "%", "rd_intensity"),
        ("商品零售价格涨幅控制", "%", "retail_price_index"),
        # New jobs counted as posts.
        ("城镇新增就业岗位", "个", "urban_new_jobs"),
        ("城镇新增就业", "个", None),
        # Not the place's own, or not of the indicator's family: no indicator.
        ("某州经济总量", "元", None),
        ("其中中央财政赤字", "元", None),
        ("常住人口城镇化率提高", "个百分点", None),
        # An amount with no growth id: its printed change in % is the same indicator.
        ("细颗粒物年均浓度下降", "%", "pm25"),
        ("PM2.5浓度同比下降", "%", "pm25"),
        ("财政赤字比上年减少", "元", None),
        ("每平方公里产出GDP", "元", None),
        ("经济增长贡献率", "%", None),  # a share of growth, not growth
        ("经济总量占比", "%", None),
        ("跨境电商进出口额", "元", None),
        ("地区生产总值", "位", None),
        ("全省地区生产总值跨千亿台阶", "个", None),
        # A price index printed as a level (last year = 100) is its own indicator, never the
        # rise; the index said with a rise word is the rise.
        # Names reports print beside the usual ones; a part (限额以上) stays none.
        ("对外贸易进出口总额", "元", "trade_total"),
        ("对外贸易总额增长", "%", "trade_growth"),
        ("全县社会消费品零售额", "元", "retail_sales"),
        ("全社会消费品零售额增长", "%", "retail_sales_growth"),
        ("消费品零售总额增长", "%", "retail_sales_growth"),
        ("限额以上消费品零售总额", "元", None),
        ("我国年进出口总额增加到", "美元", "trade_total"),  # the yearly total
        # A span's goal or average of the place's own measure.
        ("十四五时期地区生产总值年均增长", "%", "gdp_growth"),
        ("十五年均经济增长速度预期目标", "%", "gdp_growth"),
        ("五年来城镇新增就业", "人", "urban_new_jobs"),
        ("累计完成固定资产投资", "元", "fixed_investment"),
        ("经济年均增长", "%", "gdp_growth"),  # the average inside the name
        # More names: the registered rate without 城镇, energy use written out. 研发投入 alone
        # is no name: firms print theirs (省属企业…研发投入133.5亿元), and a label may lose them.
        ("居民登记失业率控制", "%", "unemployment_registered"),
        ("提出十一五单位国内生产总值能源消耗降低", "%", "energy_intensity_reduction"),
        ("研发投入", "元", None),
        ("争取粮食产量", "吨", "grain_output"),  # 争取 as 力争
        ("年内新增就业岗位", "个", "urban_new_jobs"),  # within the year, as 全年
        ("规模以上工业企业实现增加值", "元", "industrial_value_added"),
        ("规模以上工业企业实现增加值增长", "%", "industrial_value_added_growth"),
        ("年底城镇登记失业率", "%", "unemployment_registered"),
        ("居民消费价格指数", "%", "cpi_index"),
        ("全市居民消费价格总指数", "%", "cpi_index"),
        ("居民消费价格指数上涨", "%", "cpi"),
        ("商品零售价格指数", "%", "retail_price_index_level"),
        ("零售物价指数上涨", "%", "retail_price_index"),
    ],
)
def test_a_figure_measures_an_indicator_of_its_own_place_and_family(
    label: str, unit: str, expected: str | None
) -> None:
    assert indicator_of(label, unit) == expected


def test_all_revenue_keeps_its_whole_name_and_is_not_the_budget_revenue() -> None:
    found = sentence_figures(
        "全部财政收入完成47.3亿元，同比增长53.6%，其中一般公共预算收入13.6亿元。"
    )
    assert [(m.label, m.indicator) for m in found] == [
        ("全部财政收入完成", None), ("全部财政收入同比增长", None),
        ("一般公共预算收入", "fiscal_revenue"),
    ]  # fmt: skip


def test_the_reports_own_place_names_its_scope() -> None:
    assert indicator_of("北京地区进出口总额", "元", place="北京市") == "trade_total"
    assert indicator_of("北京地区进出口总额", "元", place="天津市") is None
    assert indicator_of("县域生产总值", "元", place="某县") == "gdp"
    assert indicator_of("县域生产总值", "元", place="某市") is None


def test_figures_of_a_sentence_carry_their_indicator_and_the_export_says_it() -> None:
    found = sentence_figures("全市地区生产总值3.46万亿元、增长6.0%，其中服务业增加值占62%。")
    assert [(m.raw, m.indicator) for m in found] == [
        ("3.46万亿元", "gdp"),
        ("6.0%", "gdp_growth"),
        ("62%", None),
    ]
    assert {"bound", "indicator"} <= set(asdict(found[0]))


@pytest.mark.parametrize(
    "query", ["GDP", "经济增长", "地区生产总值增长", "国内生产总值", "gdp增速"]
)
def test_any_name_of_an_indicator_names_its_group(query: str) -> None:
    assert [item.id for item in named(query)] == ["gdp_growth", "gdp"]


def test_a_query_naming_no_indicator_names_none() -> None:
    assert named("治安高清探头") == ()
    assert named("") == ()


def _report(title: str, issuer: str, year: int) -> Report:
    return Report(
        f"{title}.txt", f"{abs(hash(title)):016x}", Meta(title, issuer, year=year), "", (),
        ItemList(None, ()), ItemList(None, ()),
    )  # fmt: skip


def _said(sentence: str, kind: str, period: str) -> tuple[Metric, ...]:
    return tuple(replace(m, kind=kind, period=period) for m in sentence_figures(sentence))


def test_compare_by_any_name_gives_the_same_table_amounts_and_rates_apart() -> None:
    province = Figures(
        _report("2025年某省政府工作报告", "某省人民政府", 2025),
        _said("全省地区生产总值1.3万亿元、增长5.8%。", "result", "2024")
        + _said("经济增长5.5%左右。", "target", "2025"),
    )
    county = Figures(
        _report("2024年某县政府工作报告", "某县人民政府", 2024),
        _said("生产总值同比增长6.4%，粮食产量60万吨。", "result", "2023"),
    )
    queries = ("GDP", "经济增长", "地区生产总值增长")
    tables = [compare([province, county], query) for query in queries]
    assert tables[0] == tables[1] == tables[2]
    first, second = tables[0]
    assert [(row.indicator, row.kind, row.value) for row in first] == [
        ("gdp_growth", "result", "5.8%"),
        ("gdp_growth", "target", "5.5%左右"),
        ("gdp", "result", "1.3万亿元"),  # the amount in its own slot, after the rates
    ]
    assert [(row.indicator, row.value) for row in second] == [("gdp_growth", "6.4%")]


def test_a_scope_word_of_another_level_of_government_is_not_the_places_own() -> None:
    # 全省 or 全国 in a city's report is the province's or the country's figure, not the city's
    assert indicator_of("全省地区生产总值增长", "%", place="临川市") is None
    assert indicator_of("全国国内生产总值增长", "%", place="江西省") is None
    assert indicator_of("全市地区生产总值增长", "%", place="顺平县") is None  # its prefecture
    assert indicator_of("全市地区生产总值增长", "%", place="临川市") == "gdp_growth"
    assert indicator_of("全国国内生产总值增长", "%", place="国务院") == "gdp_growth"
    # a district that was a county says 全县 of itself; an autonomous region 全区
    assert indicator_of("全县地区生产总值增长", "%", place="清江区") == "gdp_growth"
    assert indicator_of("全区地区生产总值增长", "%", place="西藏自治区") == "gdp_growth"
    # a place of unknown level keeps every scope word
    assert indicator_of("全省地区生产总值增长", "%", place="西藏") == "gdp_growth"


def test_the_national_governments_own_scope_is_the_centre_and_no_one_elses() -> None:
    assert indicator_of("拟安排中央财政赤字", "元", place="国务院") == "fiscal_deficit"
    assert indicator_of("中央提出经济增长预期目标", "%", place="国务院") == "gdp_growth"
    assert indicator_of("拟安排中央财政赤字", "元", place="临川市") is None
    assert indicator_of("中央提出经济增长预期目标", "%", place="临川市") is None


@pytest.mark.parametrize(
    ("sentence", "raw", "expected"),
    [
        ("常住人口城镇化率提高至64.8%。", "64.8%", "urbanisation_rate"),  # the level reached
        ("九大类民生支出超过3000亿元、增长9%，新增就业16万人。", "16万人", "urban_new_jobs"),
        ("扣除价格因素，城镇居民人均可支配收入实际增长5.1%。", "5.1%", "urban_income_growth"),
        ("今年发行800亿元长期国债，主要投向基础设施建设。", "800亿元", "government_bonds"),
        # Beside the budget's revenue, 财政收入 is all revenue raised; the part is the budget's.
        ("财政收入突破3亿元，同比增长18.1%，其中一般预算收入增幅首次超过总收入，完成1.1亿元。",
         "突破3亿元", None),
        ("财政收入突破3亿元，同比增长18.1%，其中一般预算收入增幅首次超过总收入，完成1.1亿元。",
         "1.1亿元", "fiscal_revenue"),
        # So is it beside 公共财政预算收入, the budget's revenue under its 2010s name.
        ("全县财政收入突破9亿元，增长12%，公共财政预算收入完成4亿元。", "突破9亿元", None),
        ("全县财政收入突破9亿元，增长12%，公共财政预算收入完成4亿元。", "12%", None),
        ("全县财政收入突破9亿元，增长12%，公共财政预算收入完成4亿元。", "4亿元", "fiscal_revenue"),
        # Beside the whole society's investment, the towns' is a part of it.
        ("全社会固定资产投资完成60亿元，其中城镇固定资产投资45亿元，同比增长30%。", "60亿元",
         "fixed_investment"),
        ("全社会固定资产投资完成60亿元，其中城镇固定资产投资45亿元，同比增长30%。", "45亿元", None),
        ("全社会固定资产投资完成60亿元，其中城镇固定资产投资45亿元，同比增长30%。", "30%", None),
        # A level reached after a change: the level, though the label keeps the change's word.
        ("粮食总产量在上年丰收的基础上，又增产12亿斤，达到980亿斤。", "980亿斤", "grain_output"),
        ("粮食总产量在上年丰收的基础上，又增产12亿斤，达到980亿斤。", "12亿斤", None),
        # A bare head (总产) of the name the sentence opened on.
        ("粮食生产再获丰收，总产达到31.5万吨。", "31.5万吨", "grain_output"),
        ("全年粮食播种面积稳定在80万亩，总产量达到30万吨。", "30万吨", "grain_output"),
        # The first of a list sharing its head.
        ("粮食、油料、蔬菜产量均稳定在50万吨以上。", "50万吨以上", "grain_output"),
        # An average growth naming no measure is of the measure the clauses before named.
        ("实现地区生产总值8000亿元，比上年增长5.5%，两年平均增长5.1%。", "5.1%", "gdp_growth"),
        ("全市地区生产总值增长6.7%，两年平均增长4.9%。", "4.9%", "gdp_growth"),
        ("物价涨幅要从12%降到8%左右，经过各方面的努力，实际回落到6.5%。", "6.5%", "cpi"),
        # The government proposing its target says it of its own place.
        ("提出今年国内生产总值增长7%左右的目标，是综合考虑的结果。", "7%左右", "gdp_growth"),
        # The name qualifying another measure printed after it (每平方公里…的GDP和…的税收).
        ("全市每平方公里土地产生2亿元的GDP和5000万元的税收。", "5000万元", None),
        ("每平方公里土地产生3亿元的生产总值和1亿元的财政收入。", "1亿元", None),
        # One number printed for several items (均, or 分别 with a single number): the first
        # item's indicator that has one; a number per item stays each item's own.
        ("全部财政收入和一般预算收入均增长15%以上。", "15%以上", "fiscal_revenue_growth"),
        ("城镇居民人均可支配收入、农村居民人均可支配收入均增长9%。", "9%", "urban_income_growth"),
        ("农民人均纯收入及城镇居民人均可支配收入分别增长11%。", "11%", "rural_income_growth"),
        ("城镇居民人均可支配收入和农民人均纯收入分别增长9%和11%。", "11%", "rural_income_growth"),
        ("城镇、农村居民人均可支配收入分别增长9.5%、 11%。", "9.5%", "urban_income_growth"),
        # The year's estimate after a part of it: the year's, its measure the clause before's.
        ("前三季度地区生产总值增长5.5%，预计全年增长5.3%左右。", "5.3%左右", "gdp_growth"),
        ("全市前三季度地区生产总值增长5.5%，预计全年增长5.3%左右。", "5.3%左右", "gdp_growth"),
        # A group of residents alone, after the per-head income: that group's income.
        ("全体居民人均可支配收入增长5.1%，城镇、农村居民分别增长4.2%、6.3%。", "6.3%",
         "rural_income_growth"),
        ("全体居民人均可支配收入增长5.1%，其中城镇居民增长4.2%。", "4.2%", "urban_income_growth"),
        ("城镇居民增长4.2%。", "4.2%", None),
        # R&D printed with its ampersand: the label keeps no punctuation, nor does the name read.
        ("全社会R&D经费投入强度达到2.5%。", "2.5%", "rd_intensity"),
        ("R&D经费占GDP比重达到3%。", "3%", "rd_intensity"),
        # A clause on developing an area is the topic of the subjectless figures after it: the
        # area's, not the place's; the place said outright, or a project built, leaves it the place's.
        ("加快滨江新区开发建设，全年完成固定资产投资80亿元，实现地区生产总值30亿元。", "80亿元", None),
        ("加快滨江新区开发建设，全年完成固定资产投资80亿元，实现地区生产总值30亿元。", "30亿元", None),
        ("推进临港片区建设，固定资产投资增长20%。", "20%", None),
        ("加快滨江开发建设，全市固定资产投资增长10%。", "10%", "fixed_investment_growth"),
        ("加快轨道交通三期等项目建设，固定资产投资增长12%左右。", "12%左右",
         "fixed_investment_growth"),
    ],
)  # fmt: skip
def test_a_figure_s_indicator_is_read_from_its_sentence(
    sentence: str, raw: str, expected: str | None
) -> None:
    found = {m.raw: m for m in sentence_figures(sentence)}
    assert found[raw].indicator == expected, found[raw].label


def test_gross_national_product_is_the_gdp_of_reports_of_its_time_only() -> None:
    # 国民生产总值 was the headline gross product until GDP replaced it in the 1990s
    assert indicator_of("国民生产总值增长", "%", year=1992) == "gdp_growth"
    assert indicator_of("全省国民生产总值", "亿元", year=1993) == "gdp"
    # later (or undated) it is another measure than the place's GDP
    assert indicator_of("国民生产总值增长", "%", year=2005) is None
    assert indicator_of("国民生产总值增长", "%") is None
    assert indicator_of("人均国民生产总值", "元", year=1992) is None


def test_the_retail_sales_of_the_early_1990s_are_retail_sales() -> None:
    assert indicator_of("社会商品零售总额增长", "%") == "retail_sales_growth"
    assert indicator_of("社会商品零售总额", "亿元") == "retail_sales"


def test_a_price_index_level_never_shares_a_table_with_the_rise() -> None:
    """居民消费价格指数102% (last year = 100) is the index, not prices rising 102%: /compare CPI
    shows the rise alone, /compare 居民消费价格指数 the index alone."""
    city = Figures(
        _report("2005年某市政府工作报告", "某市人民政府", 2005),
        _said("居民消费价格上涨1.8%。", "result", "2004")
        + _said("城镇登记失业率控制在3%以内，居民消费价格指数102%。", "target", "2005"),
    )
    (rise,) = compare([city], "CPI")
    assert [(row.indicator, row.value) for row in rise] == [("cpi", "1.8%")]
    (level,) = compare([city], "居民消费价格指数")
    assert [(row.indicator, row.value) for row in level] == [("cpi_index", "102%")]
