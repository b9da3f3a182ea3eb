"""Shapes real reports print that the corpus does not, each on a short invented report: a plan
under 2024年工作安排, 今后五年 or 下一步工作打算; problems under 存在的问题和不足 or 工作中的差距,
run together in one long sentence, or right after a list of achievements; a glossary, notes,
an attachment or the site's footer at the end. The plan and the problems as a reader counts them."""

from __future__ import annotations

import pytest

from briefings.parse import parse_bytes

F = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"
OPENING = ["各位代表：", f"现在，我代表人民政府，向大会报告工作。{F}"]

SHAPES = [
    pytest.param(
        ["某县人民政府关于2023年工作情况的报告", *OPENING,
         "一、2023年工作情况", F, f"（一）经济运行稳中向好。{F}", f"（二）民生保障持续加强。{F}",
         "二、存在的问题和不足",
         "一是经济总量偏小，产业结构不优；二是科技创新能力不强，高端人才短缺；三是民生领域还有不少短板。",
         "三、2024年工作安排", f"（一）全力扩大有效投资。{F}", f"（二）加快产业转型升级。{F}",
         "名词解释", "1.三个一批：指签约一批、开工一批、投产一批。", "2.两区一带：指开发区和沿河发展带，差距较大。"],
        ["全力扩大有效投资", "加快产业转型升级"],
        ["经济总量偏小，产业结构不优", "科技创新能力不强，高端人才短缺", "民生领域还有不少短板"],
        id="a part for the problems, a glossary at the end",
    ),
    pytest.param(
        ["2024年某市政府工作报告", *OPENING,
         "一、2023年工作回顾", F,
         "一年来，我们主要做了以下工作：一是综合实力再上台阶，地区生产总值增长6%；二是创新引领成势见效，"
         "高新技术企业突破500家；三是民生福祉持续增进。",
         "在肯定成绩的同时，我们也清醒地看到，经济持续回升向好的基础还不稳固，创新潜力释放不充分，"
         "部分企业生产经营困难，居民就业增收压力较大，一些干部担当作为不够。我们将认真加以解决。",
         "二、今后五年的目标任务", "今后五年，我们要努力实现以下目标：（一）经济实力大幅跃升。（二）创新能力显著增强。",
         "三、2024年工作安排", "2024年是关键之年。重点抓好以下工作：",
         f"1.着力扩大内需。{F}", f"2.着力推动创新。{F}"],
        ["着力扩大内需", "着力推动创新"],
        ["经济持续回升向好的基础还不稳固", "创新潜力释放不充分", "部分企业生产经营困难",
         "居民就业增收压力较大", "一些干部担当作为不够"],
        id="achievements right before one long sentence of problems, five-year goals before the year",
    ),
    pytest.param(
        ["某区2023年度法治政府建设情况报告", f"2023年，区政府深入学习贯彻习近平法治思想。{F}",
         "一、主要举措和成效", f"（一）政府职能依法全面履行。{F}",
         "二、工作中的差距",
         "对照法治政府建设要求，我区工作还存在一些差距：行政执法人员素质参差不齐，执法规范化水平有待提高；"
         "基层法治力量相对薄弱；法治宣传教育的针对性还不够强。",
         "三、下一步工作打算", f"（一）深入学习贯彻习近平法治思想。{F}", f"（二）全面提升基层法治水平。{F}",
         "区人民政府", "2024年1月15日"],
        ["深入学习贯彻习近平法治思想", "全面提升基层法治水平"],
        ["行政执法人员素质参差不齐，执法规范化水平有待提高", "基层法治力量相对薄弱", "法治宣传教育的针对性还不够强"],
        id="a part for the gaps, then the next steps",
    ),
    pytest.param(
        ["2025年某县政府工作报告", *OPENING,
         "一、过去五年工作回顾", F,
         "同时，我们也清醒地认识到，发展中还存在不少困难和问题：产业层次总体偏低，新动能培育不足，"
         "财政收支矛盾突出，政府职能转变还不到位。对此，我们将高度重视，切实加以解决。",
         "二、今后五年总体要求和奋斗目标", "今后五年，我们将着力做好以下工作：",
         f"（一）坚持产业强县。{F}", f"（二）坚持城乡统筹。{F}",
         "三、2025年重点工作", f"（一）抓项目扩投资。{F}", f"（二）抓产业促转型。{F}", f"（三）抓民生增福祉。{F}",
         "附件：2025年县政府十件民生实事", "1.新建改扩建学校3所。", "2.新增养老床位200张。"],
        ["抓项目扩投资", "抓产业促转型", "抓民生增福祉"],
        ["产业层次总体偏低", "新动能培育不足", "财政收支矛盾突出", "政府职能转变还不到位"],
        id="the five years then the year, an attachment at the end",
    ),
    pytest.param(
        ["2024年某县政府工作报告", *OPENING,
         "一、2023年工作回顾", "过去的一年，我们主要抓了以下几个方面：",
         f"（一）综合实力再上台阶。{F}", f"（二）改革开放纵深推进。{F}",
         "成绩来之不易。同时，我们也清醒地看到，我县发展中仍面临一些困难和问题，主要表现在：",
         "1.经济总量不大，工业支撑不强。", "2.财政收支矛盾突出，偿债压力较大。",
         "对此，我们一定采取有力措施，切实加以解决。",
         "二、2024年工作安排", "今年政府工作的总体要求是：稳中求进。重点抓好以下工作：",
         f"一是坚持项目为王，扩大有效投资。{F}", f"二是坚持创新驱动，培育发展新动能。{F}",
         "注释：", "[1]三个一批：签约一批、开工一批、投产一批。", "来源：某县人民政府网", "打印本页 关闭窗口"],
        ["坚持项目为王，扩大有效投资", "坚持创新驱动，培育发展新动能"],
        ["经济总量不大，工业支撑不强", "财政收支矛盾突出，偿债压力较大"],
        id="achievements as headings before numbered problems, notes and a footer at the end",
    ),
    pytest.param(
        ["2024年某区政府工作报告", *OPENING,
         "一、2023年工作回顾", F,
         "我们也清醒地认识到，我区发展还存在不少短板和不足：经济增长内生动力不强，新兴产业规模偏小；"
         "财政收支平衡难度加大，债务风险不容忽视。我们将直面问题，切实加以解决。",
         "二、2024年工作安排",
         f"——坚持稳中求进，全力推动经济高质量发展。{F}{F}", f"——坚持人民至上，不断增进民生福祉。{F}{F}",
         "附表：2024年区重点项目表", "序号 项目名称 总投资", "1 某某产业园 10亿元"],
        ["坚持稳中求进，全力推动经济高质量发展", "坚持人民至上，不断增进民生福祉"],
        ["经济增长内生动力不强，新兴产业规模偏小", "财政收支平衡难度加大，债务风险不容忽视"],
        id="problems grouped with semicolons, tasks led by dashes, a table at the end",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "plan", "problems"), SHAPES)
def test_a_shape_the_corpus_lacks(lines: list[str], plan: list[str], problems: list[str]) -> None:
    report = parse_bytes("\n".join(lines).encode(), "shape.txt")
    assert [i.lead for i in report.plan.items] == plan
    assert [i.lead for i in report.problems.items] == problems


@pytest.mark.parametrize(
    "heading", ["短板弱项", "需要改进的方面", "存在的困难和问题", "工作中存在的不足", "问题和差距"]
)
def test_a_part_headed_for_the_problems(heading: str) -> None:
    """A year-end summary's part for its problems, however headed: its points are the problems."""
    lines = [
        "某区2023年工作总结", F, "一、2023年工作情况", F,
        f"二、{heading}", "一是经济总量偏小；二是产业结构不优；三是财政收支矛盾突出。",
        "三、2024年工作计划", f"（一）扩大内需。{F}", f"（二）创新驱动。{F}",
    ]  # fmt: skip
    report = parse_bytes("\n".join(lines).encode(), "summary.txt")
    assert [i.lead for i in report.problems.items] == [
        "经济总量偏小",
        "产业结构不优",
        "财政收支矛盾突出",
    ]
    assert [i.lead for i in report.plan.items] == ["扩大内需", "创新驱动"]
