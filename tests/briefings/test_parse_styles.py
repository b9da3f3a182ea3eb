"""Numbering styles of the genre beyond the first report's, on short synthetic reports."""

from __future__ import annotations

from briefings.parse import parse_bytes

FILLER = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"


def _report(body: str, title: str = "关于某县2023年度法治政府建设情况的报告") -> bytes:
    return f"{title}\n市政府：\n{FILLER}\n{body}\n2024年1月10日\n".encode()


def test_di_and_arabic_and_parenthesised_arabic_levels() -> None:
    body = "\n".join([
        "第一部分 工作成效", f"第一，强化组织领导。{FILLER}", f"第二，完善制度体系。{FILLER}",
        "第二部分 存在的问题", f"1.执法能力不足。{FILLER}", f"2.队伍建设滞后。{FILLER}",
        "第三部分 2024年工作安排", "1、深化改革", f"（1）推进立法。{FILLER}", f"（2）规范执法。{FILLER}",
        "2、优化服务", f"（1）提升效能。{FILLER}",
    ])  # fmt: skip
    report = parse_bytes(_report(body), "styles.txt")
    assert [s.ordinal for s in report.sections] == ["第一部分", "第二部分", "第三部分"]
    assert [c.title for c in report.sections[0].children] == ["强化组织领导", "完善制度体系"]
    assert [i.lead for i in report.problems.items] == ["执法能力不足", "队伍建设滞后"]
    assert report.plan.year == 2024
    assert [i.lead for i in report.plan.items] == ["深化改革", "优化服务"]
    assert [c.id for c in report.sections[2].children[0].children] == ["3.1.1", "3.1.2"]


def test_inline_items_split_and_stray_ordinals_do_not() -> None:
    body = "\n".join([
        "一、主要成效", f"{FILLER}其中唯一是例外的情况已经整改。",
        "二、存在的问题", "主要表现在：一是能力不足。二是机制不顺。三是保障不够。",
        "三、下一步工作打算", f"一是加强学习。{FILLER}", f"二是完善机制。{FILLER}",
    ])  # fmt: skip
    report = parse_bytes(_report(body), "inline.txt")
    assert report.sections[0].children == ()
    assert [i.lead for i in report.problems.items] == ["能力不足", "机制不顺", "保障不够"]
    assert report.plan.year == 2024
    assert len(report.plan.items) == 2


def test_problems_stated_in_a_paragraph_without_a_heading() -> None:
    body = "\n".join([
        "一、2023年工作回顾", FILLER,
        "我们也清醒看到，发展中还存在不少问题，主要是：产业基础薄弱；财政收支紧平衡；公共服务有短板。",
        "二、2024年重点任务", "（一）扩大有效投资", FILLER, "（二）保障改善民生", FILLER,
    ])  # fmt: skip
    report = parse_bytes(_report(body, "2024年某市政府工作报告"), "gov.txt")
    assert report.problems.section == "1"
    assert [i.lead for i in report.problems.items] == [
        "产业基础薄弱",
        "财政收支紧平衡",
        "公共服务有短板",
    ]
    assert report.plan.year == 2024
    assert [i.lead for i in report.plan.items] == ["扩大有效投资", "保障改善民生"]
