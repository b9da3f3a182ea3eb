"""Issue #13's shapes of the genre, each on a short synthetic report: the plan heading
families, the list that holds the tasks, plans spread over parts, problem lead-ins, the
report's end, and the dates and addressee a page prints."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.model import Report
from briefings.parse import parse_bytes

FILLER = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"


def _gov(
    body: list[str], head: list[str] | None = None, title: str = "2025年某市政府工作报告"
) -> bytes:
    lines = [
        title,
        *(head or []),
        "各位代表：",
        f"现在，我代表市人民政府，向大会报告工作。{FILLER}",
        *body,
    ]
    return "\n".join(lines).encode()


def _review_then_plan(*review: str) -> Report:
    """A report whose review part says `review` after a filler paragraph, then a plan."""
    body = [
        "一、2024年工作回顾", FILLER, *review,
        "二、2025年工作安排", f"（一）稳增长。{FILLER}", f"（二）促改革。{FILLER}",
    ]  # fmt: skip
    return parse_bytes(_gov(body), "review.txt")


def test_tasks_after_principles_are_the_plan() -> None:
    body = [
        "一、2024年工作回顾", FILLER,
        "二、2025年工作总体要求和主要目标", FILLER,
        "具体工作中，突出抓好三个方面。一是坚持稳中求进。二是坚持改革创新。三是坚持民生为本，重点做好以下4项工作：",
        f"（一）扩大有效投资。{FILLER}", f"（二）壮大实体经济。{FILLER}",
        f"（三）推进乡村振兴。{FILLER}", f"（四）办好民生实事。{FILLER}",
        "三、全面加强政府自身建设", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "tasks.txt")
    assert report.plan.year == 2025
    assert [i.lead for i in report.plan.items] == [
        "扩大有效投资",
        "壮大实体经济",
        "推进乡村振兴",
        "办好民生实事",
    ]


def test_plan_heading_families_and_the_year_they_name() -> None:
    for heading in (
        "对今年政府工作的建议",
        "关于2025年工作",
        "2025年主要目标任务",
        "目标任务和主要工作",
    ):
        body = [
            "一、2024年工作回顾",
            FILLER,
            f"二、{heading}",
            f"（一）稳增长。{FILLER}",
            f"（二）促改革。{FILLER}",
        ]
        report = parse_bytes(_gov(body), "families.txt")
        assert report.plan.section == "2", heading
        assert report.plan.year == 2025, heading
        assert [i.lead for i in report.plan.items] == ["稳增长", "促改革"], heading


@pytest.mark.parametrize(
    "heading",
    [
        "扎实做好2025年各项工作",
        "2025年重点抓好以下几方面工作",
        "全力做好今年经济社会发展工作",
        "今后一个时期的工作",
    ],
)
def test_a_plan_heading_that_ends_in_the_years_work(heading: str) -> None:
    """A plan part headed by what it does with the year's work (扎实做好2025年各项工作), then a
    part on the government's own conduct: the plan is the first part's tasks only."""
    body = [
        "一、2024年工作回顾", FILLER,
        f"二、{heading}", f"（一）稳增长。{FILLER}", f"（二）促改革。{FILLER}",
        "三、加强政府自身建设", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "heading.txt")
    assert report.plan.section == "2"
    assert [i.lead for i in report.plan.items] == ["稳增长", "促改革"]


def test_this_years_plan_wins_over_the_five_year_one() -> None:
    body = [
        "一、过去五年工作回顾", FILLER,
        "二、今后五年的目标任务", f"（一）建设创新城市。{FILLER}", f"（二）建设生态城市。{FILLER}",
        "三、2025年主要工作", f"（一）稳住经济大盘。{FILLER}", f"（二）抓好项目建设。{FILLER}",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "five.txt")
    assert report.plan.section == "3"
    assert [i.lead for i in report.plan.items] == ["稳住经济大盘", "抓好项目建设"]


def test_a_five_year_plan_that_is_the_reports_only_plan() -> None:
    """A report at the start of a term plans only the five years ahead, its lead-in speaking of
    them (今后五年…的总体要求是): its tasks are the plan, as the year's would be."""
    body = [
        "一、过去五年工作回顾", FILLER,
        "二、今后五年的主要任务", "今后五年政府工作的总体要求是：稳中求进。",
        f"（一）坚持工业强县。{FILLER}", f"（二）坚持城乡统筹。{FILLER}", f"（三）坚持民生优先。{FILLER}",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "term.txt")
    assert [i.lead for i in report.plan.items] == ["坚持工业强县", "坚持城乡统筹", "坚持民生优先"]


def test_a_plan_spread_over_thematic_parts() -> None:
    body = [
        "一、2024年国内工作的回顾", FILLER,
        "二、加快经济发展", FILLER, "三、深化改革开放", FILLER, "四、推进社会事业", FILLER,
        "五、关于外交工作", FILLER, "结束语", "各位代表！让我们团结奋斗。",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "spread.txt")
    assert [s.title for s in report.sections][-1] == "结束语"
    assert report.plan.year == 2025
    assert [i.lead for i in report.plan.items] == ["加快经济发展", "深化改革开放", "推进社会事业"]


def test_a_thematic_part_numbering_its_measures_first_second() -> None:
    body = [
        "一、2024年国内工作的回顾", FILLER,
        "二、加快经济发展", FILLER, "三、推进国有企业改革", "当前企业困难较多。主要原因，",
        "一是", "机制不活。", "二是", "负担较重。",
        "第一，抓好大型企业。", FILLER, "第二，放活小型企业。", FILLER, "第三，多渠道增资减债。", FILLER,
        "四、关于外交工作", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "measures.txt")
    assert [i.lead for i in report.plan.items] == [
        "加快经济发展",
        "抓好大型企业",
        "放活小型企业",
        "多渠道增资减债",
    ]


def test_many_task_parts_are_the_plan_whatever_they_number_inside() -> None:
    """Five task parts or more already name the year's tasks: each is one item by its title,
    the 第一…/（一）… a part numbers being that task's measures; framed by a part of 总体要求
    or not."""
    parts = [
        "二、扩大国内需求", FILLER,
        "三、促进农业发展", "第一，调整农业结构。", FILLER, "第二，加强水利建设。", FILLER,
        "四、推进企业改革", f"（一）抓好大型企业。{FILLER}", f"（二）放活小型企业。{FILLER}",
        "五、防范金融风险", FILLER,
        "六、建设廉洁政府", "第一，依法行政。", FILLER, "第二，从严治政。", FILLER,
        "七、关于外交工作", FILLER,
    ]  # fmt: skip
    titles = ["扩大国内需求", "促进农业发展", "推进企业改革", "防范金融风险", "建设廉洁政府"]
    for opening in (
        ["一、2024年工作回顾", FILLER],
        ["一、2024年工作回顾和2025年工作的总体要求", FILLER],
    ):
        report = parse_bytes(_gov([*opening, *parts]), "many.txt")
        assert [i.lead for i in report.plan.items] == titles


def test_few_task_parts_are_read_as_the_points_they_number() -> None:
    """Two to four task parts are broad areas: the points a part numbers (printed （一）… or
    第一，… paragraphs) are the tasks, a part numbering none gives its title; framed by a part
    of the year's 总体要求 or not."""
    framed = [
        "一、2024年工作回顾和2025年工作的总体要求", FILLER, "今年政府工作总的要求是：稳中求进。",
        "二、扩大国内需求", FILLER,
        "三、促进农业发展", "今年要着重抓好以下两项工作。",
        "第一，调整农业结构。", FILLER, "第二，加强水利建设。", FILLER,
        "四、推进企业改革", FILLER,
        "五、关于外交工作", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(framed), "framed.txt")
    assert [i.lead for i in report.plan.items] == [
        "扩大国内需求", "调整农业结构", "加强水利建设", "推进企业改革",
    ]  # fmt: skip
    every = [
        "一、2024年工作回顾", FILLER, "二、2025年工作总体部署", FILLER,
        "三、保持经济增长", f"（一）扩大消费。{FILLER}", f"（二）稳定投资。{FILLER}",
        "四、深化各项改革", "第一，深化国企改革。", FILLER, "第二，深化财税改革。", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(every), "framed.txt")
    assert [i.lead for i in report.plan.items] == [
        "扩大消费", "稳定投资", "深化国企改革", "深化财税改革",
    ]  # fmt: skip


def test_parts_the_report_counts_as_the_years_tasks_include_standing_policy() -> None:
    body = [
        "一、2024年工作回顾", FILLER, "按照这个总体要求，今年要着重做好以下三个方面工作。",
        "二、扩大国内需求", FILLER, "三、深化各项改革", FILLER, "四、进一步做好外交工作", FILLER,
        "五、积极推进祖国和平统一大业", FILLER, "结束语", "各位代表！让我们团结奋斗。",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "counted.txt")
    assert [i.lead for i in report.plan.items] == [
        "扩大国内需求", "深化各项改革", "进一步做好外交工作",
    ]  # fmt: skip


def test_an_unnumbered_opening_part_before_the_numbered_ones() -> None:
    body = [
        "首先报告2024年的工作", FILLER, "按照这个总体要求，今年要着重做好以下两个方面工作。",
        "一、扩大国内需求", FILLER, "二、进一步做好外交工作", FILLER, "结束语", "各位代表！让我们团结奋斗。",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "opening.txt")
    assert [s.title for s in report.sections] == [
        "首先报告2024年的工作", "扩大国内需求", "进一步做好外交工作", "结束语",
    ]  # fmt: skip
    assert FILLER in report.sections[0].text
    assert [i.lead for i in report.plan.items] == ["扩大国内需求", "进一步做好外交工作"]


def test_unnumbered_parts_with_their_tasks_numbered_like_parts() -> None:
    """2024年工作回顾 and 2024年工作安排 printed unnumbered, the tasks under the second numbered
    一、二、三、: the tasks belong to the plan part, not parts of their own (unlike one
    unnumbered opening part before 一、…, which ends where they start)."""
    body = [
        "2024年工作回顾", FILLER, "2025年工作安排", "今年政府工作的总体要求是：稳中求进。",
        "一、全力扩大有效投资", FILLER, "二、加快产业转型升级", FILLER, "三、持续增进民生福祉", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "unnumbered.txt")
    assert [s.title for s in report.sections] == ["2024年工作回顾", "2025年工作安排"]
    assert [i.lead for i in report.plan.items] == [
        "全力扩大有效投资", "加快产业转型升级", "持续增进民生福祉",
    ]  # fmt: skip


def test_a_task_lead_ends_at_its_colon_and_a_dash_is_no_part_of_it() -> None:
    colon = [
        f"一是聚焦项目建设：{FILLER}",
        f"二是聚焦产业升级：{FILLER}",
        f"三是聚焦民生改善：{FILLER}",
    ]
    dash = [f"——坚持项目为王。{FILLER}", f"——坚持产业强县。{FILLER}", f"——坚持民生为本。{FILLER}"]
    for tasks, leads in (
        (colon, ["聚焦项目建设", "聚焦产业升级", "聚焦民生改善"]),
        (dash, ["坚持项目为王", "坚持产业强县", "坚持民生为本"]),
    ):
        body = [
            "一、2024年工作回顾",
            FILLER,
            "二、2025年工作安排",
            "今年重点抓好以下工作：",
            *tasks,
        ]
        assert [i.lead for i in parse_bytes(_gov(body), "leads.txt").plan.items] == leads


def test_problem_lead_ins_and_what_is_not_a_problem() -> None:
    report = _review_then_plan(
        "我们既要看到成绩，更要看到前进中的困难和挑战。经济下行压力加大，企业经营困难，财政收支矛盾突出，"
        "就业压力较大。对这些问题，我们将采取有力措施认真解决。",
    )  # fmt: skip
    assert report.problems.section == "1"
    assert [i.lead for i in report.problems.items] == [
        "经济下行压力加大",
        "企业经营困难",
        "财政收支矛盾突出",
        "就业压力较大",
    ]


def test_a_problem_with_its_particulars_and_a_strength_not_yet_used() -> None:
    report = _review_then_plan(
        "我们也清醒地认识到，发展还存在不少困难挑战。产业基础还有不少短板，创新能力依然不强，"
        "特别是营商环境与企业期待仍有差距，民生领域还存在一些老问题。资源优势有待深度挖掘。"
        "边境建设需要持续加力。我们将直面问题，努力解决。",
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "产业基础还有不少短板，创新能力依然不强，特别是营商环境与企业期待仍有差距，民生领域还存在一些老问题",
        "资源优势有待深度挖掘",
        "边境建设需要持续加力",
    ]


def test_particulars_after_a_general_admission_are_the_problems() -> None:
    report = _review_then_plan(
        "我们清醒地看到，前进中还有不少困难。在经济加快发展的过程中，又出现一些新的矛盾，特别是投资规模偏大，"
        "部分行业重复建设比较严重，能源供求关系紧张。对这些问题，我们将认真解决。",
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "投资规模偏大",
        "部分行业重复建设比较严重",
        "能源供求关系紧张",
    ]


def test_comma_problems_named_by_slowing_slack_or_waste() -> None:
    report = _review_then_plan(
        "我们清醒地看到，前进中还有不少困难和问题。有效需求不足，结构矛盾仍很突出，就业压力增大，"
        "居民收入增长减缓。一些单位管理松懈，效率低下，安全事故时有发生。财政资金浪费惊人。"
        "对于这些问题，我们要切实解决。",
    )  # fmt: skip
    # a bare predicate (效率低下) says more of the subject before it: no problem of its own
    assert [i.lead for i in report.problems.items] == [
        "有效需求不足", "结构矛盾仍很突出", "就业压力增大", "居民收入增长减缓",
        "一些单位管理松懈，效率低下", "安全事故时有发生", "财政资金浪费惊人",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "lead_in",
    [
        "同时也要看到，",
        "在看到成绩的同时，我们也深知，",
        "成绩来之不易，问题不容忽视。",
        "在肯定成绩的同时，我们也深刻认识到，",
        "回顾一年来的工作，我们也清楚地看到存在的差距和不足：",
        "发展中也面临不少困难和挑战，",
        "这些成绩来之不易。与此同时，我们也必须正视，",
    ],
)
def test_lead_ins_that_admit_problems(lead_in: str) -> None:
    report = _review_then_plan(
        f"{lead_in}经济总量偏小；产业结构不优；财政收支矛盾突出。",
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "经济总量偏小",
        "产业结构不优",
        "财政收支矛盾突出",
    ]


def test_seeing_what_is_strong_admits_nothing() -> None:
    report = _review_then_plan("同时也要看到，我县经济长期向好的基本面没有变，发展潜力大。")
    assert report.problems.items == ()


@pytest.mark.parametrize(
    "passage",
    [
        [
            "在肯定成绩的同时，我们也清醒地认识到，还存在一些困难和问题：",
            "（1）产业结构不优；",
            "（2）财政收支矛盾突出；",
            "（3）民生短板较多。",
        ],
        [
            "各位代表！成绩来之不易。我们也清醒地看到，产业结构不优，财政收支矛盾突出，"
            "民生短板较多，还有不少短板。我们将采取有力措施加以解决。"
        ],
        [
            "但也要清醒看到，我们的发展仍面临一些突出问题，主要表现在：一是产业结构不优，"
            "二是财政收支矛盾突出，三是民生短板较多。"
        ],
    ],
)
def test_problems_listed_by_parenthesis_comma_or_number(passage: list[str]) -> None:
    report = _review_then_plan(
        *passage,
    )  # fmt: skip
    assert [i.lead for i in report.problems.items][:3] == [
        "产业结构不优",
        "财政收支矛盾突出",
        "民生短板较多",
    ]


def test_problems_go_on_in_the_paragraph_after_a_numbered_list() -> None:
    report = _review_then_plan(
        "我们在前进中还存在一些问题和困难。突出的问题是物价上涨过快。主要原因：",
        "一是需求增长过快。", "二是管理有所放松。",
        "除物价问题外，农业和企业的问题也比较突出。农业基础脆弱，抗灾能力不强。部分企业缺乏活力。"
        "此外，收入分配关系存在扭曲现象。上述这些问题，我们正在切实加以解决。",
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "突出的问题是物价上涨过快",
        "需求增长过快",
        "管理有所放松",
        "农业基础脆弱，抗灾能力不强",
        "部分企业缺乏活力",
        "收入分配关系存在扭曲现象",
    ]


def test_shortcomings_after_we_also_realise_and_going_further() -> None:
    report = _review_then_plan(
        "我们还认识到，政府工作中存在不少缺点和不足。职能转变滞后，一些工作落实不够，办事效率不高，"
        "一些工作人员弄虚作假，甚至贪污腐败。",
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "职能转变滞后",
        "一些工作落实不够",
        "办事效率不高",
        "一些工作人员弄虚作假，甚至贪污腐败",
    ]


def test_problems_numbered_inside_the_review_belong_to_the_part() -> None:
    body = [
        "一、2024年工作回顾", f"（一）经济运行稳中有进。{FILLER}", f"（二）民生保障有力。{FILLER}",
        "在肯定成绩的同时，我们也清醒认识到，发展中还存在一些问题：一是产业结构不优；二是创新能力不强；三是民生短板较多。",
        "二、2025年工作安排", f"（一）稳增长。{FILLER}", f"（二）促改革。{FILLER}",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "numbered.txt")
    assert report.problems.section == "1"
    assert [i.lead for i in report.problems.items] == [
        "产业结构不优",
        "创新能力不强",
        "民生短板较多",
    ]


def test_glossary_and_licence_are_not_the_report() -> None:
    body = [
        "一、2024年工作回顾", FILLER, "二、2025年工作安排", f"（一）稳增长。{FILLER}", f"（二）促改革。{FILLER}",
        "各位代表！让我们团结奋斗。", "※名词解释※", "[1]“双碳”：指碳达峰与碳中和。", "[2]“四下基层”：指宣传在基层。",
        "注：中文维基文库社群认为，公务演讲不总是具有立法性质的文件。", "Public domain",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "end.txt")
    assert len(report.sections) == 2
    body = report.body_text()
    assert "各位代表！让我们团结奋斗。" in body
    for after_the_end in ("名词解释", "双碳", "四下基层", "维基文库", "Public domain"):
        assert after_the_end not in body


def test_dates_issuer_and_addressee_from_the_page() -> None:
    head = ["来源：某市人民政府", "——2025年1月14日在某市第十六届人民代表大会第三次会议上"]
    report = parse_bytes(
        _gov(["一、2024年工作回顾", FILLER, "二、2025年工作安排", FILLER], head), "head.txt"
    )
    assert report.meta.published == date(2025, 1, 14)
    assert report.meta.issuer == "某市人民政府"
    assert report.meta.addressee == "各位代表"

    law = "\n".join([
        "关于某县2020年度法治政府建设情况的报告", "发布时间：2021-03-02", "现将有关情况报告如下：",
        "一、主要成效", FILLER, "二、存在的问题", f"一是能力不足。{FILLER}", f"二是机制不顺。{FILLER}",
        "三、2021年工作打算", f"一是加强学习。{FILLER}", f"二是完善机制。{FILLER}",
        "某县人民政府", "二〇二一年二月二十日",
    ]).encode()  # fmt: skip
    report = parse_bytes(law, "law.txt")
    assert report.meta.published == date(2021, 3, 2)
    assert report.meta.signed == date(2021, 2, 20)
    assert report.meta.addressee is None
    assert report.meta.issuer == "某县人民政府"
    assert report.plan.year == 2021


def test_a_problems_part_without_a_lead_in() -> None:
    law = "\n".join([
        "关于某县2023年度法治政府建设情况的报告", "市政府：", FILLER,
        "一、主要成效", FILLER,
        "二、存在的问题", "执法人员力量不足。部门之间协调不畅，信息共享还不够。我们将认真加以解决。",
        "三、下一步工作打算", f"一是加强学习。{FILLER}", f"二是完善机制。{FILLER}",
    ]).encode()  # fmt: skip
    report = parse_bytes(law, "law.txt")
    assert report.problems.section == "2"
    # two shortfalls, each with its own subject, in a sentence: a reader counts two
    assert [i.lead for i in report.problems.items] == [
        "执法人员力量不足",
        "部门之间协调不畅",
        "信息共享还不够",
    ]
    assert report.plan.year == 2024


@pytest.mark.parametrize(
    ("review", "problems", "plan"),
    [
        (
            "2023年推进法治政府建设的主要举措和成效",
            "存在的不足和原因",
            "2024年推进法治政府建设的主要安排",
        ),
        ("主要举措和成效", "存在的不足及原因", "下一年度推进法治政府建设的主要安排"),
        ("主要工作成效", "存在的问题", "下步工作打算"),
        ("工作开展情况", "存在问题", "下步工作措施"),
        ("主要工作成效", "困难与问题", "2024年工作展望"),
        ("主要做法", "存在的薄弱环节", "今后努力方向"),
    ],
)
def test_the_law_based_government_reports_own_headings(
    review: str, problems: str, plan: str
) -> None:
    law = "\n".join([
        "某市2023年法治政府建设情况报告", "发布日期：2024-03-28", "现将有关情况报告如下：",
        f"一、{review}", f"（一）加强党的领导。{FILLER}", f"（二）深化放管服改革。{FILLER}",
        f"二、{problems}",
        "一是执法队伍专业化水平有待提高。二是行政复议纠错功能发挥不够。三是法治宣传教育针对性不强。",
        f"三、{plan}", f"（一）坚持党的领导。{FILLER}", f"（二）严格规范执法。{FILLER}",
        "某市人民政府", "2024年3月25日",
    ]).encode()  # fmt: skip
    report = parse_bytes(law, "law.txt")
    assert report.plan.section == "3"
    assert report.plan.year == 2024
    assert [i.lead for i in report.plan.items] == ["坚持党的领导", "严格规范执法"]
    assert report.problems.section == "2"
    assert [i.lead for i in report.problems.items] == [
        "执法队伍专业化水平有待提高",
        "行政复议纠错功能发挥不够",
        "法治宣传教育针对性不强",
    ]


def test_a_year_end_summary_plans_next_year() -> None:
    for title, review in (
        ("某县人民政府2023年工作总结和2024年工作计划", "一、2023年工作总结"),
        ("关于某县2023年度法治政府建设情况的报告", "一、2023年工作情况"),
    ):
        law = "\n".join([
            title, review, f"（一）抓学习。{FILLER}", f"（二）抓机制。{FILLER}",
            "二、存在的问题", "主要是：执法人员力量不足；部门协调不畅。",
            "三、2024年工作计划", f"（一）抓项目。{FILLER}", f"（二）强产业。{FILLER}",
        ]).encode()  # fmt: skip
        report = parse_bytes(law, "summary.txt")
        assert (report.plan.section, report.plan.year) == ("3", 2024), title
        assert [i.lead for i in report.plan.items] == ["抓项目", "强产业"], title
        assert [i.lead for i in report.problems.items] == ["执法人员力量不足", "部门协调不畅"]


def test_the_task_part_after_the_overall_deployment() -> None:
    body = [
        "一、2024年工作回顾", FILLER,
        "二、2025年工作总体部署", f"一是坚持稳中求进。{FILLER}", f"二是坚持改革创新。{FILLER}",
        "三、2025年主要任务", f"（一）扩大国内需求。{FILLER}", f"（二）发展实体经济。{FILLER}", f"（三）保障改善民生。{FILLER}",
        "四、加强政府自身建设", FILLER,
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "deploy.txt")
    assert report.plan.section == "3"
    assert [i.lead for i in report.plan.items] == ["扩大国内需求", "发展实体经济", "保障改善民生"]


def test_a_new_list_after_another_lists_last_item_starts_beside_it() -> None:
    body = [
        "一、2024年工作回顾", FILLER,
        "二、深化国有企业改革", "当前企业面临三个问题。", "一是机制不活。", "二是负担较重。", "三是债务偏高。",
        "第一，抓好大型企业。", "第二，放活小型企业，主要是：一是兼并重组；二是出售转让。", "第三，加强经营管理。",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "lists.txt")
    part = report.sections[1]
    assert [c.ordinal for c in part.children] == [
        "一是",
        "二是",
        "三是",
        "第一，",
        "第二，",
        "第三，",
    ]
    assert [c.ordinal for c in part.children[4].children] == ["一是", "二是"]


def test_unnumbered_parts_are_still_parts() -> None:
    body = [
        "过去五年工作回顾", FILLER, "我们也清醒地看到，发展中还存在一些困难和问题：一是产业层次偏低；二是财政收支矛盾突出。",
        "今后五年工作思路和目标任务", f"（一）建设创新之城。{FILLER}", f"（二）建设生态之城。{FILLER}",
    ]  # fmt: skip
    report = parse_bytes(_gov(body, title="2025年某县政府工作报告"), "bare.txt")
    assert [s.title for s in report.sections] == ["过去五年工作回顾", "今后五年工作思路和目标任务"]
    assert [i.lead for i in report.plan.items] == ["建设创新之城", "建设生态之城"]
    assert [i.lead for i in report.problems.items] == ["产业层次偏低", "财政收支矛盾突出"]


def test_a_problems_sub_heading_inside_the_review() -> None:
    law = "\n".join([
        "关于某县2023年度法治政府建设情况的报告", "市政府：", FILLER,
        "一、主要做法和成效", "（一）强化组织领导", FILLER, "（二）存在的问题", "执法人员力量不足。制度建设滞后。",
        "二、下一步工作打算", f"一是加强学习。{FILLER}", f"二是完善机制。{FILLER}",
    ]).encode()  # fmt: skip
    report = parse_bytes(law, "law.txt")
    assert report.problems.section == "1.2"
    assert [i.lead for i in report.problems.items] == ["执法人员力量不足", "制度建设滞后"]


def test_a_speech_titled_without_a_year_plans_the_year_it_was_given() -> None:
    head = ["——2025年1月20日在某县第十八届人民代表大会第四次会议上"]
    body = [
        "一、过去一年工作回顾",
        "2024年是极不平凡的一年。",
        "二、今年工作安排",
        f"（一）稳增长。{FILLER}",
        f"（二）惠民生。{FILLER}",
    ]
    report = parse_bytes(_gov(body, head, title="政府工作报告"), "noyear.txt")
    assert report.meta.year == 2025
    assert report.plan.year == 2025


def test_an_attachment_ends_the_report() -> None:
    law = "\n".join([
        "关于某县2023年度法治政府建设情况的报告", "市政府：", FILLER,
        "一、主要成效", FILLER, "二、存在的问题", "执法人员力量不足。",
        "三、下一步工作打算", f"一是加强学习。{FILLER}", f"二是完善机制。{FILLER}",
        "附件：1.2023年度行政复议案件统计表", "一、行政复议案件", "二、行政诉讼案件",
    ]).encode()  # fmt: skip
    report = parse_bytes(law, "annex.txt")
    assert [s.title for s in report.sections] == ["主要成效", "存在的问题", "下一步工作打算"]
    assert "统计表" not in report.body_text()


@pytest.mark.parametrize(
    "lead_in",
    [
        "我们也清醒地看到，发展中还存在不少困难和问题，主要是：",
        "同时也要看到，前进道路上仍然存在一些突出矛盾和问题。",
        "但是，我们的工作还有不少差距和不足。",
        "当前存在的主要问题是：",
        "成绩来之不易，但困难和挑战依然不少。",
        "我们深知，尽管取得一定成绩，但前方还有一座座山峰需要翻越。",
        "虽然取得了一些成绩，但与群众期盼相比还有距离。",
    ],
)
def test_lead_ins_of_the_genre(lead_in: str) -> None:
    body = [
        "一、2024年工作回顾", FILLER, f"{lead_in}产业结构不优；创新能力不强；民生短板较多。",
        "二、2025年工作安排", f"（一）稳增长。{FILLER}", f"（二）促改革。{FILLER}",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "leadin.txt")
    assert [i.lead for i in report.problems.items] == [
        "产业结构不优",
        "创新能力不强",
        "民生短板较多",
    ]


def test_unnumbered_tasks_are_the_run_in_leads_of_the_plan() -> None:
    body = [
        "一、2024年工作回顾", FILLER,
        "二、2025年工作安排", f"今年政府工作的总体要求是：稳中求进。{FILLER}",
        f"全力以赴稳增长促发展。{FILLER}", f"坚定不移推进改革开放。{FILLER}", f"用心用情保障改善民生。{FILLER}",
    ]  # fmt: skip
    report = parse_bytes(_gov(body), "runin.txt")
    assert [i.lead for i in report.plan.items] == [
        "全力以赴稳增长促发展",
        "坚定不移推进改革开放",
        "用心用情保障改善民生",
    ]


def test_no_plan_is_made_of_the_problems_part() -> None:
    law = "\n".join([
        "关于某县2023年度法治政府建设情况的报告", "市政府：", FILLER,
        "一、主要成效", FILLER, "二、存在的问题", "执法人员力量不足。", "三、主要负责人履职情况", FILLER,
    ]).encode()  # fmt: skip
    report = parse_bytes(law, "noplan.txt")
    assert report.plan.items == ()
    assert [i.lead for i in report.problems.items] == ["执法人员力量不足"]
