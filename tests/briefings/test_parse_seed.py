"""The first report, checked against values written out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from bench.kits.paths import SEED
from briefings.model import Report
from briefings.parse import parse_file

SUBSECTION_TITLES = [
    "坚持高位谋划,强化法治政府建设保障",
    "坚持深化改革,推动政府职能履行转变",
    "坚持依法履职,持续优化法治化营商环境",
    "坚持良法善治,完善依法行政制度体系",
    "坚持依法执法,严格规范公正文明执法",
    "坚持依法监督,强化对行政权力制约",
    "坚持共建共治,加强创新社会综合治理",
    "坚持普治并举,夯实法治政府社会基础",
]
ITEM_LEADS = {
    "1.1": ["强化组织领导", "强化统筹推进", "强化督察考核"],
    "1.2": ["深化政务服务“一网通办”", "深化“六多合一”审批改革", "深化“减证便民”事项改革"],
    "1.3": ["扎实开展营商环境专项行动", "着力优化疫情防控营商环境", "全力推进信用南昌建设"],
    "1.4": ["强化重点领域立法", "坚持常态化清理机制", "加强规范性文件备案审查"],
    "1.5": [
        "着力深化行政执法体制改革",
        "全面推行行政执法“三项制度”",
        "扎实推进“双随机、一公开”监管",
    ],
    "1.6": ["推动政务信息公开", "自觉维护司法权威", "加强行政执法监督"],
    "1.7": ["推进市域社会治理现代化", "推进“智慧治理”工程", "推进矛盾纠纷多元化解"],
    "1.8": ["深入开展法治宣传教育", "切实加强法治乡村建设", "完善公共法律服务体系"],
}


@pytest.fixture(scope="module")
def report() -> Report:
    return parse_file(SEED)


def test_meta(report: Report) -> None:
    meta = report.meta
    assert meta.title == "关于南昌市2020年度法治政府建设工作的报告"
    assert meta.issuer == "东湖区人民政府"
    assert meta.published == date(2021, 2, 28)
    assert meta.signed == date(2021, 2, 20)
    assert meta.addressee == "省政府"
    assert meta.index_no == "i618267--2022-0003"
    assert meta.year == 2020


def test_three_top_level_parts(report: Report) -> None:
    assert [(s.id, s.ordinal, s.title) for s in report.sections] == [
        ("1", "一、", "主要举措和成效"),
        ("2", "二、", "存在的问题"),
        ("3", "三、", "2021年工作思路"),
    ]


def test_eight_subsections_with_titles(report: Report) -> None:
    part_one = report.sections[0]
    assert [c.title for c in part_one.children] == SUBSECTION_TITLES
    assert [c.ordinal for c in part_one.children] == [f"({n})" for n in "一二三四五六七八"]


def test_24_items_three_per_subsection(report: Report) -> None:
    part_one = report.sections[0]
    leads = {sub.id: [item.title for item in sub.children] for sub in part_one.children}
    assert leads == ITEM_LEADS
    items = [item for sub in part_one.children for item in sub.children]
    assert len(items) == 24
    assert [i.ordinal for i in items[:3]] == ["一是", "二是", "三是"]
    assert items[0].text.startswith("强化组织领导。2020年5月")


def test_problems_in_printed_order(report: Report) -> None:
    problems = report.problems
    assert problems.section == "2"
    assert [(i.ordinal, i.lead) for i in problems.items] == [
        ("一是", "依法行政水平还需加强"),
        ("三是", "执法规范化程度亟需提高"),
        ("三是", "法治队伍建设有待加强"),
    ]
    assert report.sections[1].text.startswith("2020年,虽然我市法治政府建设工作取得了一定成效")


def test_plan_has_seven_items_for_2021(report: Report) -> None:
    plan = report.plan
    assert plan.section == "3"
    assert plan.year == 2021
    assert len(plan.items) == 7
    assert plan.items[0].lead.startswith("抓好《法治政府建设规划(2020-2025年)》贯彻落实")
    assert plan.items[-1].ordinal == "七是"


def test_body_holds_no_web_chrome(report: Report) -> None:
    body = report.body_text()
    for chrome in (
        "微信",
        "分享到",
        "索引号",
        "【字体",
        "手机扫码",
        "ICP",
        "网站标识码",
        "Baidu",
        "主办",
    ):
        assert chrome not in body
    assert body.startswith("2020年,我市坚持以习近平新时代中国特色社会主义思想为指导")
    assert body.rstrip().endswith("不断提高政府工作人员的法治思维和法治素养。")


def test_plan_year_follows_the_text_not_a_constant() -> None:
    shifted = (
        SEED.read_text(encoding="utf-8").replace("2021年", "2022年").replace("2020年", "2021年")
    )
    from briefings.parse import parse_bytes

    report = parse_bytes(shifted.encode("utf-8"), "shifted.txt")
    assert report.meta.year == 2021
    assert report.plan.year == 2022
