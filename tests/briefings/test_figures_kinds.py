"""What a figure is and when (issue #14): result, target, plan, start, threshold, cumulative and
the year or span; key figures headline first; results and targets shown apart."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bench.kits.paths import CORPUS
from bot.present.card import card_layout
from bot.present.card.fonts import find_font, load_font
from bot.present.card.style import CONTENT, TITLE_SIZE
from bot.present.card.wrap import title_wrap
from bot.present.render import key_figures
from bot.present.words import catalogue
from bot.state import state_of
from briefings.export import export_document
from briefings.figures import sentence_figures
from briefings.figures.keys import key_groups, mark_keys
from briefings.figures.kinds import PLAN, REVIEW, Setting
from briefings.model import Metric
from briefings.parse import parse_file
from tests.kits.botkit import Chat, make_config, open_chat

REVIEW_2024 = Setting(REVIEW, "2024")
PLAN_2025 = Setting(PLAN, "2025")
FIVE_YEARS = Setting(REVIEW, "2020", span="2016-2020")


def told(sentence: str, setting: Setting = REVIEW_2024, targets: bool = False) -> list[tuple]:
    year = int((setting.period or "2024").split("-")[-1]) + (setting.phase == REVIEW)
    found = sentence_figures(sentence, "1", 1, setting, year, targets)
    return [(m.raw, m.kind, m.period) for m in found if m.unit != "年"]  # not 连续8年 itself


@pytest.mark.parametrize(
    ("sentence", "setting", "expected"),
    [
        ("全市地区生产总值增长5.2%。", REVIEW_2024, [("5.2%", "result", "2024")]),
        (
            "最低工资标准由2030元/月提高至2130元/月。",
            REVIEW_2024,
            [("2030元/月", "start", "2024"), ("2130元/月", "result", "2024")],
        ),
        (
            "营业收入超200亿元的县达到5个。",
            REVIEW_2024,
            [("超200亿元", "threshold", "2024"), ("5个", "result", "2024")],
        ),
        (
            "粮食总产量连续8年稳定在1300亿斤以上。",
            REVIEW_2024,
            [("1300亿斤以上", "threshold", "2017-2024")],
        ),
        # Held above a bar each year of a streak: 高于 too, and in a span's review the streak's
        # years up to the span's last.
        ("经济增长连续三年略高于8%。", REVIEW_2024, [("8%", "threshold", "2022-2024")]),
        ("一般性支出连续5年压减超5%。", FIVE_YEARS, [("超5%", "threshold", "2016-2020")]),
        (
            "“十三五”期间累计完成投资1.2万亿元。",
            REVIEW_2024,
            [("1.2万亿元", "cumulative", "2016-2020")],
        ),
        ("累计建设人才公寓30万套。", REVIEW_2024, [("30万套", "cumulative", None)]),
        (
            "过去五年，新增城镇就业120万人。",
            Setting(REVIEW, "2024"),
            [("120万人", "cumulative", "2020-2024")],
        ),
        ("县域生产总值年均增长8.2%。", FIVE_YEARS, [("8.2%", "cumulative", "2016-2020")]),
        ("PM2.5指数较2015年下降50%。", FIVE_YEARS, [("50%", "cumulative", "2016-2020")]),
        # The year of a change's start (从2021年的…) dates the starts, not what they rose to.
        ("收入从2021年的4万元和2万元分别提高到5万元和3万元。", REVIEW_2024, [
            ("4万元", "start", "2021"), ("2万元", "start", "2021"),
            ("5万元", "result", "2024"), ("3万元", "result", "2024")]),
        ("新建保障性住房5万套。", PLAN_2025, [("5万套", "plan", "2025")]),
        # A bare 五年 after the plan the sentence names, when the report's year is in its years,
        # is that plan's five; a plan named as past leaves it the next five.
        ("“十四五”期间，建成高速公路500公里；五年新增城镇就业100万人。", PLAN_2025, [
            ("500公里", "plan", "2021-2025"), ("100万人", "target", "2021-2025")]),
        ("“十三五”期间，建成高速公路500公里；五年新增城镇就业100万人。", PLAN_2025, [
            ("500公里", "cumulative", "2016-2020"), ("100万人", "target", "2026-2030")]),
        # A level or a rate the plan aims at is a goal; what it spends or a rate it sets, a plan.
        ("固定资产投资增长8%左右，民生支出增长10%。", PLAN_2025, [
            ("8%左右", "target", "2025"), ("10%", "plan", "2025")]),
        ("贫困发生率降到0.5%，增值税税率降至13%。", PLAN_2025, [
            ("0.5%", "target", "2025"), ("13%", "plan", "2025")]),
        ("用于这方面的支出总额将达到664亿元。", PLAN_2025, [("664亿元", "plan", "2025")]),
        # 由上年…，减为/转为…: a turn after a comma; what it turned from is a start, last year's.
        ("废水排放量由上年增长6.1%，减为增长1.5%。", REVIEW_2024, [
            ("6.1%", "start", "2023"), ("1.5%", "result", "2024")]),
        ("能耗由上年上升2.2%，转为下降1.3%。", REVIEW_2024, [
            ("2.2%", "start", "2023"), ("1.3%", "result", "2024")]),
        # A change in a span's review without 同比 is over the span.
        ("新探明大中型矿产地35处，完成交通投资4999亿元。", FIVE_YEARS, [
            ("35处", "cumulative", "2016-2020"), ("4999亿元", "cumulative", "2016-2020")]),
        # Works after a spend (投资…建设…) and hills closed to grow forest (封山育林) are done over
        # the span; a 建设 inside a name (生态文明建设示范区) or before an item after 、 is not.
        ("投资9000万元建设保障性住房1200套，封山育林30万亩。", FIVE_YEARS, [
            ("9000万元", "cumulative", "2016-2020"), ("1200套", "cumulative", "2016-2020"),
            ("30万亩", "cumulative", "2016-2020")]),
        ("国家生态文明建设示范区12个。", FIVE_YEARS, [("12个", "result", "2020")]),
        ("全市生产总值同比增长5.2%，治安案件下降44.5%。", FIVE_YEARS, [
            ("5.2%", "result", "2020"), ("44.5%", "cumulative", "2016-2020")]),
        # What the plan strives for (力争, 争取) is a goal, whatever its unit.
        ("力争技术合同成交额3000亿元。", PLAN_2025, [("3000亿元", "target", "2025")]),
        ("年内争取新增上市企业2家。", PLAN_2025, [("2家", "target", "2025")]),
        ("城镇新增就业41万人。", PLAN_2025, [("41万人", "target", "2025")]),  # a headline measure
        ("确保高考总评保持全市第一。", PLAN_2025, [("保持全市第一", "target", "2025")]),  # a place held
        ("2024年全市地区生产总值增长5.2%。", PLAN_2025, [("5.2%", "result", "2024")]),
        # A figure followed by 的(预定)目标 is a goal, even in the review.
        ("全市生产总值增长6.5%，略低于7%的预定目标。", REVIEW_2024, [
            ("6.5%", "result", "2024"), ("7%", "target", "2024")]),
        # A plan named as a document dates its own clause only; the year before still rules after it.
        ("2019年全市生产总值3.2万亿元，提前实现“十三五”规划3万亿元的目标；进出口总额4800亿元。",
         FIVE_YEARS, [("3.2万亿元", "result", "2019"), ("3万亿元", "target", "2016-2020"),
                      ("4800亿元", "result", "2019")]),
        # A bare 五年 in a review is the span reviewed, within its clause.
        ("人均生产总值五年增加1万美元，达到3万美元。", FIVE_YEARS, [
            ("1万美元", "cumulative", "2016-2020"), ("3万美元", "result", "2020")]),
        ("五年全县水利投资35亿元。", FIVE_YEARS, [("35亿元", "cumulative", "2016-2020")]),
        # What was done over a reviewed span adds up over it, whichever verb says it was done.
        ("耕地面积净增212万亩，筹集保障性租赁住房30.3万套。", FIVE_YEARS, [
            ("212万亩", "cumulative", "2016-2020"), ("30.3万套", "cumulative", "2016-2020")]),
        ("新设企业10.1万家，办理人大代表建议1293件。", FIVE_YEARS, [
            ("10.1万家", "cumulative", "2016-2020"), ("1293件", "cumulative", "2016-2020")]),
        ("PM2.5年均浓度28微克/立方米。", REVIEW_2024, [("28微克/立方米", "result", "2024")]),
        ("时隔5年客运量增长12%。", REVIEW_2024, [("12%", "result", "2024")]),
        # 2016年以来, 从2016年起: the span from that year to the year reviewed.
        ("2016年以来，全县下岗职工再就业3万多人。", FIVE_YEARS, [
            ("3万多人", "cumulative", "2016-2020")]),
        ("从2017年起教育支出占比每年提高一个百分点。", FIVE_YEARS, [
            ("一个百分点", "cumulative", "2017-2020")]),
        ("收入平均每年增加205亿元。", FIVE_YEARS, [("每年增加205亿元", "cumulative", "2016-2020")]),
        # A multiple of a base year is the level's year's, spaces printed round the numbers or not.
        ("储蓄存款余额 70.79 亿元，是 2015 年的 3.14 倍。", FIVE_YEARS, [
            ("70.79 亿元", "result", "2020"), ("3.14 倍", "result", "2020")]),
        # A change to a year printed beyond the plan's span runs from its base to that year.
        ("为到2010年国内生产总值比2000年翻一番奠定基础。", Setting(PLAN, "2001-2005"), [
            ("翻一番", "target", "2001-2010")]),
        # A change dated by a year printed in a span's review is that year's, its base too.
        ("2020年，园区规划面积由5平方公里调整为10平方公里。", FIVE_YEARS, [
            ("5平方公里", "start", "2020"), ("10平方公里", "result", "2020")]),
        ("社会保障基金已积累资金124亿元。", REVIEW_2024, [("124亿元", "cumulative", None)]),
        # A base that runs over years (是2000年到2015年总和的1.5倍) ends on its last year.
        ("五年水利投资是2000年到2015年总和的1.5倍。", FIVE_YEARS, [
            ("1.5倍", "cumulative", "2016-2020")]),
    ],
)  # fmt: skip
def test_kind_and_period(sentence: str, setting: Setting, expected: list[tuple]) -> None:
    assert told(sentence, setting) == expected


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("今年要大力推进扫盲工作，再扫除青壮年文盲200万人。", "200万人"),
        ("加强贫困人口动态监测，完成减贫900人。", "900人"),
        ("确保剩余300名贫困群众全部稳定脱贫。", "300名"),
    ],
)
def test_people_whose_lot_the_plan_changes_are_its_target(sentence: str, raw: str) -> None:
    assert told(sentence, PLAN_2025) == [(raw, "target", "2025")]


def test_a_goal_s_list_item_naming_only_its_thing_and_a_conversion_are_goals_too() -> None:
    assert told("高新技术企业达到1.2万家、科技型中小企业2.5万家。", PLAN_2025) == [
        ("1.2万家", "target", "2025"),
        ("2.5万家", "target", "2025"),
    ]
    assert told("每平方公里产出达1.6亿元(按现行汇率折算约2000万美元)。", PLAN_2025) == [
        ("每平方公里产出达1.6亿元", "target", "2025"),
        ("约2000万美元", "target", "2025"),
    ]


def test_the_main_targets_are_targets_of_the_coming_year() -> None:
    sentence = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业30万人以上。"
    assert told(sentence, PLAN_2025, targets=True) == [
        ("5%左右", "target", "2025"),
        ("30万人以上", "target", "2025"),
    ]


def _metric(n: int, raw: str, label: str, kind: str, period: str | None, unit: str = "%") -> Metric:
    return Metric(f"m{n}", "1", raw, 5.0, unit, "percent", label, raw, kind=kind, period=period)


FIGURES = [
    _metric(1, "3个", "新建公园", "result", "2024", "个"),
    _metric(2, "5.2%", "地区生产总值增长", "result", "2024"),
    _metric(3, "14亿人", "中国人饭碗", "result", "2024", "人"),
    _metric(4, "超200亿元", "生产总值县", "threshold", "2024", "元"),
    _metric(5, "5%左右", "地区生产总值增长", "target", "2025"),
    _metric(6, "4.5%", "城镇居民人均可支配收入增长", "result", "2024"),
]


def test_headline_results_and_targets_are_key_thresholds_and_rhetoric_never() -> None:
    figures = [*FIGURES, *(_metric(n, "1个", "项目", "plan", "2025", "个") for n in range(7, 30))]
    figures[2] = Metric(
        "m3", "1", "14亿人", 1.4e9, "人", "exact", "中国人饭碗", "14亿人", kind="result"
    )
    keys = {m.id for m in mark_keys(figures, 2025, frozenset({"m5"})) if m.key}
    assert {"m2", "m5", "m6"} <= keys
    assert not {"m3", "m4"} & keys


@pytest.mark.parametrize(
    ("label", "headline"),
    [
        ("全县生产总值增长", True),  # the place's own gross product
        ("我县生产总值增长", True),
        ("县域生产总值增长", False),
        ("各县生产总值增长", False),  # a part of the whole
        ("一般公共财政预算收入增长", True),  # the older name of 一般公共预算收入
        ("万元GDP用水量下降", False),  # per unit of gross product
        ("亿元GDP生产安全事故死亡率下降", False),
    ],
)
def test_headline_measures_by_their_usual_names(label: str, headline: bool) -> None:
    from briefings.figures.keys import GDP_SCORE, headline_rank, key_score

    metric = _metric(1, "8%", label, "result", "2024")
    assert (headline_rank(metric, 2025) is not None) == headline
    if "元GDP" in label:
        assert key_score(metric) < GDP_SCORE  # not scored as gross product itself


@pytest.mark.parametrize(
    ("raw", "label", "kind", "unit", "headline"),
    [
        ("2430人", "新增城乡就业", "target", "人", True),  # the place's new jobs, by another name
        ("14.1%", "规模以上工业增加值增长", "result", "%", True),  # every canonical indicator
        ("2717亿元", "固定资产投资", "result", "元", True),  # its level too
        ("27微克/立方米", "全省PM2.5平均浓度", "result", "微克/立方米", True),
        ("15.9亿元", "全部财政收入", "result", "元", False),  # all revenue, not the budget's
        ("4657亿元", "规上工业企业实现利润", "result", "元", False),  # no canonical indicator
        ("13.3%", "工业投资增长", "result", "%", False),  # a part of fixed investment
    ],
)
def test_headline_figures_are_the_canonical_indicators_of_the_year(
    raw: str, label: str, kind: str, unit: str, headline: bool
) -> None:
    from briefings.figures.indicators import indicator_of
    from briefings.figures.keys import headline_rank

    metric = replace(_metric(1, raw, label, kind, "2024" if kind == "result" else "2025", unit),
                     indicator=indicator_of(label, unit))  # fmt: skip
    assert (headline_rank(metric, 2025) is not None) == headline


def test_a_spans_yearly_average_is_the_headline_only_when_the_year_is_not_printed() -> None:
    from briefings.figures.keys import headlines

    average = replace(
        _metric(1, "7.7%", "国内生产总值平均每年增长", "cumulative", "2020-2024"),
        indicator="gdp_growth",
    )
    total = replace(
        _metric(2, "17.2万亿元", "五年全社会固定资产投资累计完成", "cumulative", "2020-2024", "元"),
        indicator="fixed_investment",
    )
    assert [m.raw for m in headlines([average, total], 2025)] == ["7.7%"]
    year = replace(_metric(3, "5.2%", "国内生产总值增长", "result", "2024"), indicator="gdp_growth")
    assert [m.raw for m in headlines([average, year], 2025)] == ["5.2%"]


def test_results_and_targets_are_shown_apart_with_their_year() -> None:
    figures = [Metric(**{**m.__dict__, "key": True}) for m in FIGURES if m.kind != "threshold"]
    groups = key_groups(figures)
    assert [(g.kind, g.year) for g in groups] == [("results", "2024"), ("targets", "2025")]
    assert [m.raw for m in groups[0].metrics][:2] == ["5.2%", "4.5%"]  # headline first
    assert [m.raw for m in groups[1].metrics] == ["5%左右"]


def test_export_json_carries_kind_and_period() -> None:
    report = (
        parse_file(CORPUS / "guowuyuan_2019.txt")
        if (CORPUS / "guowuyuan_2019.txt").exists()
        else None
    )
    if report is None:
        pytest.skip("corpus absent")
    from briefings.derive import brief

    briefing = brief(report)
    metrics = json.loads(json.dumps(export_document(report, briefing), ensure_ascii=False))[
        "metrics"
    ]
    first = metrics[0]
    assert (first["raw"], first["kind"], first["period"]) == ("6.6%", "result", "2018")
    assert {"result", "target", "plan"} <= {m["kind"] for m in metrics}
    assert "今年目标（2019年）" in key_figures(briefing.metrics)
    titles = [group.title for group in card_layout(report, briefing.metrics).groups]
    assert titles == ["关键数据（2018年）", "今年目标（2019年）"]
    english = card_layout(report, briefing.metrics, words=catalogue("en")).groups
    assert [group.title for group in english] == ["Key figures (2018)", "Targets (2019)"]


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("关于南昌市2020年度法治政府建设工作的报告", ("法治", "南昌市", "2020年度")),
        ("2019年中华人民共和国国务院政府工作报告", ("中华人民共和国", "政府工作报告")),
        ("河北省保定市满城区2022年政府工作报告", ("满城区", "政府工作报告")),
    ],
)
def test_the_card_title_never_splits_a_word(title: str, words: tuple[str, ...]) -> None:
    font = load_font(find_font(None), TITLE_SIZE)
    lines = title_wrap(title, font, CONTENT, words=True)
    assert "".join(lines) == title
    assert all(any(word in line for line in lines) for word in words), lines


async def test_metrics_shows_results_and_targets_apart(chat: Chat) -> None:
    library = state_of(chat.application).library
    report = library.report(library.reports[0].digest)
    assert report is not None
    sentence = next(line for line in report.body_text().splitlines() if "819项" in line)
    metrics = [
        Metric(
            "m1",
            "1.2.1",
            "819项",
            819,
            "项",
            "exact",
            "赣服通接入事项",
            sentence,
            True,
            period="2020",
        ),
        Metric(
            "m2",
            "3",
            "30项",
            30,
            "项",
            "exact",
            "新增接入事项",
            sentence,
            True,
            kind="plan",
            period="2021",
        ),
    ]
    briefing = library.briefing(report.digest)
    assert briefing is not None
    library.add_briefings([replace(briefing, metrics=tuple(metrics))])
    text = await chat.text("/metrics")
    assert (
        text
        == "关键数据（2020年）\n• 819项 赣服通接入事项（1.2.1）\n\n今年目标（2021年）\n• 30项 新增接入事项（3）"
    )


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        ("城镇、农村居民人均可支配收入分别增长4.3%、6.2%。",
         ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]),
        ("城乡居民人均可支配收入分别增长5%和7%左右。",
         ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]),
        ("城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%。",
         ["城镇居民人均可支配收入", "农村居民人均纯收入", "城镇居民人均可支配收入实际增长",
          "农村居民人均纯收入实际增长"]),
        ("国内生产总值增长6.6%，总量突破90万亿元。", ["国内生产总值增长", "国内生产总值总量"]),
        ("新增新能源装机1258万千瓦、总量达到6437万千瓦。", ["新增新能源装机", "新能源装机总量"]),
        ("最低工资标准由2030元/月提高至2130元/月。", ["最低工资标准", "最低工资标准提高至"]),  # the level reached
        ("地区生产总值增长7%以上、力争达到8%。", ["地区生产总值增长", "地区生产总值增长力争"]),
        # A list of changes right after a dealt list is dealt to the same subjects.
        ("科技、教育和卫生的支出分别为774亿元、536亿元和138亿元，比上年增长29.2%、39.4%和65.4%。",
         ["科技支出", "教育支出", "卫生支出", "科技支出增长", "教育支出增长", "卫生支出增长"]),
    ],
)  # fmt: skip
def test_labels_stand_alone(sentence: str, labels: list[str]) -> None:
    """Issue #14: each figure of a 分别 list its own item, a bare measure (总量, 同比下降) the
    subject before it; urban growth never labelled rural."""
    assert [m.label for m in sentence_figures(sentence)] == labels


async def test_search_gdp_in_a_government_work_report(api, tmp_path) -> None:
    """/search GDP answers with the report's 国内生产总值 sentences, the word in bold."""
    source = CORPUS / "guowuyuan_2019.txt"
    if not source.exists():
        pytest.skip("corpus absent")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / source.name).write_bytes(source.read_bytes())
    async with open_chat(api, make_config(tmp_path, reports_dir=folder)) as chat:
        (reply,) = [c for c in await chat.send("/search GDP") if c.method == "sendMessage"]
    html = reply.params["text"]
    assert html.startswith("<b>搜索“GDP”</b>") and "<b>国内生产总值</b>增长6.6%" in html


def test_what_the_plan_says_is_done_already_is_a_result() -> None:
    assert told("从1月1日起，关税总水平已由10.5%降到9.8%。", PLAN_2025) == [
        ("10.5%", "start", "2025"),
        ("9.8%", "result", "2025"),
    ]


def test_what_the_plan_says_the_place_has_or_has_done_already_is_a_result() -> None:
    """已经 with any verb, and a stock the place has now (全国有…), said in the plan."""
    assert told("省里已经组织了30户企业开展试点，今年要扩大到80户。", PLAN_2025) == [
        ("30户", "result", "2025"), ("80户", "plan", "2025"),
    ]  # fmt: skip
    # What the place has is as last counted (last year), or as it stands now when 现在 says so.
    assert told("全省有2万多户小微企业，现在全省有40多个县建立了救助制度。", PLAN_2025) == [
        ("2万多户", "result", "2024"), ("40多个", "result", "2025"),
    ]  # fmt: skip
    assert told("税收的70%以上来自民营企业，有一半的职工在民营企业就业。", PLAN_2025) == [
        ("70%以上", "result", "2024"), ("一半", "result", "2024"),
    ]  # fmt: skip
    # What the plan is to do with what the place has stays the plan's.
    assert told("全省有300个村要完成改造。", PLAN_2025) == [("300个", "plan", "2025")]


def test_people_the_span_lifted_said_with_you_add_up_and_a_floor_on_people_counts_them() -> None:
    """五年中有N人…解决了温饱问题: who did something over the span, no stock it ends on;
    N万以上贫困人口: a floor on the people counted, no bar picking them out."""
    assert told("五年中有300万贫困人口解决了温饱问题。", FIVE_YEARS) == [
        ("300万", "cumulative", "2016-2020")
    ]
    found = sentence_figures("争取今年再有100万以上贫困人口解决温饱。", "1", 1, PLAN_2025, 2025)
    assert [(m.raw, m.kind, m.label) for m in found] == [
        ("100万以上", "target", "贫困人口解决温饱")
    ]


def test_a_next_item_of_a_span_s_count_without_a_verb_adds_up_over_the_span_too() -> None:
    assert told("五年共培养本科毕业生300万人，研究生12万人。", FIVE_YEARS) == [
        ("300万人", "cumulative", "2016-2020"), ("12万人", "cumulative", "2016-2020"),
    ]  # fmt: skip
    # Nor does a span's total to a level whose clause is not right after it.
    found = told(
        "投资五年累计突破1万亿元，超过此前十年总和；社会消费品零售总额4844亿元。", FIVE_YEARS
    )
    assert found[-1] == ("4844亿元", "result", "2020")
    # A running total with no span lends nothing to the item after it.
    found = told("新增瞪羚企业6家、累计达到10家，新入库规上工业24家。")
    assert found[-1] == ("24家", "result", "2024")


def test_funds_the_budget_spends_in_a_run_of_targets_are_its_plan() -> None:
    found = told("今年中央财政安排就业补助资金90亿元，比去年增加12亿元。", PLAN_2025, targets=True)
    assert [kind for _, kind, _ in found] == ["plan", "plan"]
    # The economy's R&D is no spending of the budget.
    assert told("全社会研发经费投入年均增长8%以上。", PLAN_2025, targets=True)[0][1] == "target"
    # A rate of funds the label names is how much more the budget spends.
    assert told("低保补助资金比去年增长9.5%。", PLAN_2025)[0][1] == "plan"
    assert told("财政每年拿出预算收入2%的资金专项用于乡村振兴。", PLAN_2025)[0][1] == "plan"


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("可再生能源发电装机突破1亿千瓦。", ["target"]),  # a level the plan passes
        ("年内食用菌种植总面积发展到2.2万亩，新建高标准出菇棚300栋。", ["target", "plan"]),
        ("应届高校毕业生就业率保持95%以上、市场就业率70%以上。", ["target", "target"]),
        ("实现农牧民转移就业64万人以上。", ["target"]),
        ("推动外资高质量发展，实际利用外资100亿美元。", ["target"]),
        ("中央财政安排资金支持再就业109亿元。", ["plan"]),  # spent on jobs, no goal
        ("保持6%一档税率不变。", ["plan"]),  # a rate it sets
        ("深耕发展科技服务业，科技服务业营收超1700亿元。", ["target"]),  # a bar the level passes
        ("全社会研发投入增长10%以上。", ["target"]),  # the economy's R&D, no spending of its own
        ("市级财政科技投入增长10%。", ["plan"]),  # what the government spends
        # A level the plan holds or reaches, with or without a verb, is a goal.
        ("蔬菜产量稳定在150万吨左右，新建温室大棚800个。", ["target", "plan"]),
        ("粮食播种面积保持在90万亩以上。", ["target"]),
        ("服务贸易进出口额达900亿美元。", ["target"]),
        ("实现茶产业总产值500亿元以上。", ["target"]),
        ("企业研发投入增长12%以上。", ["target"]),  # the firms' R&D, no government spending
        ("设立首期规模20亿元的产业基金。", ["plan"]),  # the size of what it sets up
        # A total the plan is to reach, after the flow that adds to it too.
        ("今年要累计建成基站2.8万个。", ["target"]),
        ("新增500处信号灯联网、累计达6000处。", ["plan", "target"]),
        # A share of things the plan aims at; the economy's investment growth is no spending.
        ("实现政务服务事项85%以上“一网通办”。", ["target"]),
        ("全年工业投资增长10%以上。", ["target"]),
        # A sentence opening on 力争 strives in every clause; striving for a title (争创) does not.
        ("力争全年接待游客600万人次，实现旅游收入30亿元。", ["target", "target"]),
        ("争创国家级示范区，新增物流航线40条。", ["plan"]),
        # …and so does one opening on the year or the place before its 力争.
        (
            "年内力争全县蔬菜面积达到12万亩，奶牛存栏2.5万头，林果面积4万亩。",
            ["target", "target", "target"],
        ),
        ("今年全市要力争果园面积8万亩，肉牛存栏5万头。", ["target", "target"]),
    ],
)
def test_what_the_plan_aims_at_is_a_target_and_what_it_does_or_spends_a_plan(
    sentence: str, kinds: list[str]
) -> None:
    assert [kind for _, kind, _ in told(sentence, PLAN_2025)] == kinds


@pytest.mark.parametrize(
    ("sentence", "setting", "kinds"),
    [
        ("实施1000个以上省重点项目。", PLAN_2025, ["plan"]),  # a count with a floor counts them
        ("全县20户以上自然村全部通硬化路。", REVIEW_2024, ["threshold"]),  # households: a bar
        ("推动60%以上的县级特困供养机构三级达标。", PLAN_2025, ["target"]),  # a share of them
        ("其中30%以上投向基础研究和应用基础研究。", REVIEW_2024, ["result"]),
        ("加快推进空置率30%以下“空心村”治理。", PLAN_2025, ["threshold"]),  # the rate's bar
        ("单笔50万元以下拖欠企业账款全部清零。", REVIEW_2024, ["threshold"]),
        ("肉蛋奶、蔬菜产量均突破百万吨大关。", REVIEW_2024, ["result"]),  # a milestone passed
        ("产值超亿元企业13家。", REVIEW_2024, ["threshold", "result"]),
        ("产值过亿元企业16家。", REVIEW_2024, ["threshold", "result"]),  # 过 as 超
        # A share of things, then what each reaches: the level is the bar the share's things pass.
        ("确保70%以上的村经营性收入达到10万元以上。", PLAN_2025, ["target", "threshold"]),
        ("全县八成的规上企业营业收入超过5000万元。", REVIEW_2024, ["result", "threshold"]),
        ("全县经营性收入达到10万元以上。", REVIEW_2024, ["result"]),  # no share: the level itself
    ],
)
def test_a_bar_picks_out_things_while_a_floor_on_a_count_or_share_is_the_figure(
    sentence: str, setting: Setting, kinds: list[str]
) -> None:
    assert [kind for _, kind, _ in told(sentence, setting)] == kinds


def test_the_national_deficit_printed_alone_is_the_budget_s_target_and_a_part_a_plan() -> None:
    def kinds(sentence: str) -> list[tuple[str, str]]:
        found = sentence_figures(sentence, "2", 1, PLAN_2025, 2025, False, "国务院")
        return [(m.raw, m.kind) for m in found]

    assert kinds("拟安排中央财政赤字3000亿元，比上年预算减少198亿元。") == [
        ("3000亿元", "target"), ("198亿元", "plan"),
    ]  # fmt: skip
    assert kinds("拟安排财政赤字2.76万亿元，其中中央财政赤字1.83万亿元。") == [
        ("2.76万亿元", "target"), ("1.83万亿元", "plan"),
    ]  # fmt: skip


def test_a_yearly_average_under_a_five_year_plan_is_over_its_span() -> None:
    sentence = "按调整后的“十四五”规划，经济增长速度由原定平均每年百分之五调高到百分之六至七。"
    assert told(sentence, PLAN_2025)[-1] == ("百分之六至七", "target", "2021-2025")


def test_the_base_year_of_a_multiple_dates_neither_its_clause_nor_the_next() -> None:
    sentence = "经济总量为2020年的4.7倍，规上工业增加值增长26.0%。"
    assert told(sentence) == [("4.7倍", "result", "2024"), ("26.0%", "result", "2024")]


def test_a_place_a_ranking_rose_from_is_its_start() -> None:
    sentence = "金川集团在“世界500强”排名由369位上升到235位。"
    assert [kind for _, kind, _ in told(sentence)] == ["start", "result"]


def test_a_comparison_with_the_last_plan_s_end_is_its_start_and_changes_over_the_span() -> None:
    sentence = "全市地区生产总值达到5000亿元，较“十三五”末的3500亿元增加1500亿元，增长42.9%。"
    found = sentence_figures(sentence, "1", 1, Setting(REVIEW, "2025", span="2021-2025"), 2026)
    assert [(m.raw, m.kind, m.period) for m in found] == [
        ("5000亿元", "result", "2025"),
        ("3500亿元", "start", "2020"),
        ("1500亿元", "cumulative", "2021-2025"),
        ("42.9%", "cumulative", "2021-2025"),
    ]
    assert all("地区生产总值" in m.label for m in found)


def test_every_count_of_a_list_after_one_verb_adds_up_over_the_span() -> None:
    # 配套建设…、…: the later items are built too, not stocks of the span's last year.
    assert told("配套建设120个服务中心、45个就业驿站。", FIVE_YEARS) == [
        ("120个", "cumulative", "2016-2020"),
        ("45个", "cumulative", "2016-2020"),
    ]


def test_a_since_with_words_before_yilai_adds_up_from_that_year() -> None:
    # 自2010年对口支援以来: the years run from the one printed to the year reviewed.
    assert told("自2010年对口支援以来，先后选派30名干部挂职，投入资金8000万元。") == [
        ("30名", "cumulative", "2010-2024"),
        ("8000万元", "cumulative", "2010-2024"),
    ]


def test_a_sentence_opening_on_xianhou_adds_up_over_the_span_in_every_clause() -> None:
    assert told(
        "先后有12个市直单位结对帮扶，在35个村开展驻村帮扶，惠及群众1.3万人。", FIVE_YEARS
    ) == [
        ("12个", "cumulative", "2016-2020"),
        ("35个", "cumulative", "2016-2020"),
        ("1.3万人", "cumulative", "2016-2020"),
    ]


def test_a_share_of_spending_reached_in_a_span_review_is_the_last_years_level() -> None:
    # 研发投入 is spending, but its share of GDP is a level: the span's last year's, not a sum.
    span = Setting(REVIEW, "2016-2020", span="2016-2020")
    assert told("区域创新体系进一步完善，全社会研发投入占GDP比重达到4.2%。", span) == [
        ("4.2%", "result", "2020")
    ]


def test_two_years_joined_by_dao_print_the_span_a_figure_covers() -> None:
    assert told("从2019年到2023年年均超收200亿元。") == [("200亿元", "cumulative", "2019-2023")]
    assert told("2019年至2023年累计投入50亿元。") == [("50亿元", "cumulative", "2019-2023")]
    assert told("2023年全市生产总值增长5%。") == [("5%", "result", "2023")]


def test_a_span_past_recalled_in_the_plan_is_no_plan() -> None:
    # 五年来… quoted in a part that plans: what was done then is done, not planned.
    assert told("五年来，我国同20个国家建立了外交关系。", PLAN_2025) == [
        ("20个", "cumulative", "2020-2024")
    ]

    # 两年来 in a plan recalls the two years past (国债 issued then), no plan of the year.
    assert told("两年来通过财政发行2100亿元长期国债，带动银行贷款。", PLAN_2025) == [
        ("2100亿元", "cumulative", "2023-2024")
    ]


def test_an_average_over_n_years_or_a_printed_change_covers_those_years() -> None:
    assert told("全市地区生产总值增长6.7%，两年平均增长4.9%。")[-1] == (
        "4.9%",
        "cumulative",
        "2023-2024",
    )
    # In a five-year review, the change's own years, not the review's span.
    found = told("研发投入从2015年的100亿元增至2019年的150亿元、年均增长10.7%。", FIVE_YEARS)
    assert found[-1] == ("10.7%", "cumulative", "2016-2019")


def test_a_stock_the_span_ends_on_is_its_last_years() -> None:
    # 有 after the span's flows: how many there are now, not how many were added.
    assert told("过去五年，全县开工了一大批工程，全县在建工地有3000多个。") == [
        ("3000多个", "result", "2024")
    ]


def test_a_count_right_after_a_verb_its_things_precede_adds_up_over_the_span() -> None:
    # 融资平台退出…户: the things come first, the action right before the figure.
    assert told("落实化债方案，融资平台退出120户。", FIVE_YEARS) == [
        ("120户", "cumulative", "2016-2020")
    ]


def test_levels_per_head_shares_of_spending_and_levels_named_without_a_verb_are_plan_targets() -> (
    None
):
    sentence = (
        "到2025年，城镇居民每千户拥有电脑数650台，研究与开发支出占地区生产总值的比重达2.8%，"
        "集装箱吞吐量1500万标箱，人口平均预期寿命80岁。"
    )
    found = sentence_figures(sentence, "1", 1, Setting(PLAN, "2021-2025"), 2021)
    assert {m.raw: m.kind for m in found} == {
        "每千户拥有电脑数650台": "target",
        "2.8%": "target",
        "1500万标箱": "target",
        "80岁": "target",
    }


def test_a_level_the_plan_raises_to_is_a_target_and_what_the_budget_pays_per_head_a_plan() -> None:
    sentence = "农村低保月人均补差由20元提高到35元，新农合参合标准提高到100元。"
    found = {m.raw: m.kind for m in sentence_figures(sentence, "1", 1, Setting(PLAN, "2010"), 2010)}
    assert found["35元"] == "target"
    assert found["100元"] == "target"
    paid = "中央和地方财政对参加合作医疗农民的补助标准提高到50元。"
    assert [m.kind for m in sentence_figures(paid, "1", 1, Setting(PLAN, "2010"), 2010)] == ["plan"]


def test_a_target_the_review_recalls_from_last_year_s_report_is_a_target() -> None:
    sentence = "去年我在政府工作报告中曾提出，要把全年居民消费价格涨幅控制在3%左右。"
    found = sentence_figures(sentence, "1", 1, Setting(REVIEW, "2024"), 2025)
    assert [(m.kind, m.period) for m in found] == [("target", "2024")]


def test_a_goal_recalled_from_last_year_s_report_with_yao_is_its_target_and_its_start_before() -> (
    None
):
    sentence = "去年政府工作报告提出，房价涨幅要从12.5%降到8%左右，经过努力，实际回落到5.2%。"
    found = sentence_figures(sentence, "1", 1, Setting(REVIEW, "2024"), 2025)
    assert [(m.raw, m.kind, m.period) for m in found] == [
        ("12.5%", "start", "2023"), ("8%左右", "target", "2024"), ("5.2%", "result", "2024"),
    ]  # fmt: skip
    assert found[2].label == "房价涨幅实际回落到"


def test_a_streak_the_plan_says_is_already_run_is_last_year_s_result() -> None:
    sentence = "由于已经连续三年增长速度在10%以上，今年要适当放慢速度。"
    found = sentence_figures(sentence, "1", 1, Setting(PLAN, "2025"), 2025)
    assert (found[0].raw, found[0].kind, found[0].period) == ("连续三年", "result", "2024")


def test_every_item_of_a_plan_s_list_per_head_or_per_square_kilometre_is_a_target() -> None:
    sentence = "到2025年，每百人拥有固定电话70部、移动电话85部，每平方公里土地经济产出量达1.5亿元。"
    found = sentence_figures(sentence, "1", 1, Setting(PLAN, "2021-2025"), 2021)
    assert [m.kind for m in found] == ["target", "target", "target"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A count of things in a state at the span's end (达标, 上榜, 进入, 实现“…”, 全部建成…):
        # how many are so at its end, the last year's result, not how many were added.
        ("新增高新技术企业80家，9个县城空气质量全面达标。", ("9个", "result", "2020")),
        ("对外开放不断扩大，6家企业上榜中国民营企业500强。", ("6家", "result", "2020")),
        ("高校建设成效明显，15个学科进入全国排名前10%。", ("15个", "result", "2020")),
        ("数字政府加快建设，3000余项服务事项实现“一网通办”。", ("3000余项", "result", "2020")),
        ("义务教育均衡发展，4个乡镇全部建成教育强镇。", ("4个", "result", "2020")),
        # What was done over the span still adds up over it.
        ("新增高新技术企业80家，9个县城空气质量全面达标。", ("80家", "cumulative", "2016-2020")),
        ("建成安置小区12个，2000多户群众喜迁新居。", ("12个", "cumulative", "2016-2020")),
    ],
)
def test_a_count_in_a_state_at_a_spans_end_is_its_last_years_result(
    sentence: str, expected: tuple
) -> None:
    assert expected in told(sentence, FIVE_YEARS)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Things gained by people or places over the span (喝上, 入住, 用上): how many gained it.
        ("全县52个村、8万人喝上了“放心水”。", ("52个", "cumulative", "2016-2020")),
        ("全县52个村、8万人喝上了“放心水”。", ("8万人", "cumulative", "2016-2020")),
        ("棚户区改造加快，1200多户居民入住新居。", ("1200多户", "cumulative", "2016-2020")),
        # 达 inside a name the verb's list prints (祥达嘉园) reaches no level.
        ("投资5亿元建成了阳光花园、祥达嘉园等8个住宅小区。", ("8个", "cumulative", "2016-2020")),
        # 达 right before the figure still says the level reached.
        ("全县规模以上企业总数达120家。", ("120家", "result", "2020")),
        # Who benefited, was named or was listed over the span; what was repaid over it.
        ("改造农村薄弱学校，360所学校受益。", ("360所", "cumulative", "2016-2020")),
        ("全县12个村被命名为省级美丽乡村。", ("12个", "cumulative", "2016-2020")),
        ("培育科技型企业，4家企业主板上市。", ("4家", "cumulative", "2016-2020")),
        ("清理政府欠款，偿还拖欠工程款18亿元。", ("18亿元", "cumulative", "2016-2020")),
        # A count of listed companies is a stock at the span's end.
        ("全县上市公司总数达到6家。", ("6家", "result", "2020")),
    ],
)
def test_what_people_or_places_gained_over_a_span_adds_up_over_it(
    sentence: str, expected: tuple
) -> None:
    assert expected in told(sentence, FIVE_YEARS)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 累计 compared with last year or the year's plan: the year's total so far.
        (
            "全县规模以上企业累计实现工业增加值4.48亿元，同比增长18.9%。",
            ("4.48亿元", "result", "2024"),
        ),
        (
            "省列重大项目累计完成投资2000亿元，年度计划投资完成率110%。",
            ("2000亿元", "result", "2024"),
        ),
        # A place in a ranking after a 累计 count is held at a date.
        ("累计培育名特优新农产品120个、居全国第6。", ("居全国第6", "result", "2024")),
        # A running total with nothing dating it stays one.
        ("累计培育名特优新农产品120个、居全国第6。", ("120个", "cumulative", None)),
        ("累计建设保障房30万套，惠及群众百万人。", ("30万套", "cumulative", None)),
    ],
)
def test_a_total_so_far_the_year_compares_is_the_years_result(
    sentence: str, expected: tuple
) -> None:
    assert expected in told(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A span's total against an earlier span's (前九年总和, 前20年, 上个五年): a sum over the span.
        (
            "五年共利用外资600亿美元，相当于前九年总和的1.6倍。",
            ("1.6倍", "cumulative", "2016-2020"),
        ),
        ("累计向中央财政贡献2700多亿元，相当于前20年的3倍。", ("3倍", "cumulative", "2016-2020")),
        ("累计完成固定资产投资234亿元，是上个五年的两倍。", ("两倍", "cumulative", "2016-2020")),
        # A level against a base year's stays that year's level.
        ("2020年在校生1600万人，是2015年的2.3倍。", ("2.3倍", "result", "2020")),
    ],
)
def test_a_spans_total_against_an_earlier_spans_adds_up_over_it(
    sentence: str, expected: tuple
) -> None:
    assert expected in told(sentence, FIVE_YEARS)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 确保 and 不少于 decide no kind: what is counted does (RULES.md).
        ("确保PM2.5指数退出全省后30位、全市后10位。", ("30位", "target", "2025")),
        ("确保PM2.5指数退出全省后30位、全市后10位。", ("10位", "target", "2025")),
        ("一定要守住全国耕地不少于18亿亩这条红线。", ("18亿亩", "target", "2025")),
        ("全年争列省市重点项目不少于19个。", ("19个", "target", "2025")),
        # Things the plan brings in or adds stay its plan, however firmly said.
        ("确保年内引进亿元以上项目不少于35个。", ("35个", "plan", "2025")),
        ("今年邀请100位专家来县指导。", ("100位", "plan", "2025")),
    ],
)
def test_a_ranking_a_red_line_held_or_a_quantity_striven_for_is_a_plan_target(
    sentence: str, expected: tuple
) -> None:
    assert expected in told(sentence, PLAN_2025)
