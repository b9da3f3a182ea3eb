"""A report and its briefing as a readable Markdown briefing (its JSON export, the contract
other tools rely on, is briefings/export.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from briefings.briefing import Briefing, section_brief
from briefings.export import metrics_of
from briefings.figures.keys import key_groups
from briefings.model import ItemList, Metric, Report, Section

from .render import figure_text, group_title, part_name, plan_title


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in text)


def _md_section(section: Section, briefing: Briefing | None, depth: int) -> list[str]:
    heading = "#" * min(depth + 1, 6)
    lines = [f"{heading} {section.id} {_md_escape(section.ordinal)}{_md_escape(section.title)}", ""]
    brief = section_brief(briefing, section.id)
    body = brief.summary or section.text
    if body:
        lines += [_md_escape(body), ""]
    if brief.keywords:
        lines += ["关键词：" + "、".join(map(_md_escape, brief.keywords)), ""]
    for child in section.children:
        lines += _md_section(child, briefing, depth + 1)
    return lines


def _md_items(title: str, items: ItemList) -> list[str]:
    if not items.items:
        return []
    lines = [f"## {title}（第 {items.section} 部分）", ""]
    lines += [f"{n}. {_md_escape(i.lead)}" for n, i in enumerate(items.items, start=1)]
    return [*lines, ""]


def _md_metrics(metrics: Sequence[Metric]) -> list[str]:
    """The key figures: the year's results, then the coming year's targets, each under its year."""
    lines: list[str] = []
    for group in key_groups(metrics):
        lines += [f"## {group_title(group)}", "", "| 数据 | 指标 | 章节 |", "| --- | --- | --- |"]
        lines += [
            f"| {_md_escape(figure_text(m))} | {_md_escape(m.label)} | {part_name(m.section, numbered=False)} |"
            for m in group.metrics
        ]
        lines.append("")
    return lines


def to_markdown(report: Report, briefing: Briefing | None = None) -> str:
    meta = report.meta
    facts = [("发布机构", meta.issuer), ("发布日期", _iso(meta.published)),
             ("成文日期", _iso(meta.signed)), ("来源文件", report.source),
             ("原文链接", meta.source_url)]  # fmt: skip
    lines = [f"# {_md_escape(report.display_title)}", ""]
    lines += [f"- {name}：{_md_escape(value)}" for name, value in facts if value]
    lines.append("")
    if briefing and briefing.summary:
        lines += ["## 概要", "", _md_escape(briefing.summary), ""]
    lines += _md_metrics(metrics_of(briefing))
    lines += _md_items("存在的问题", report.problems)
    lines += _md_items(plan_title(report.plan), report.plan)
    lines += ["## 全文结构", ""]
    for section in report.sections:
        lines += _md_section(section, briefing, 2)
    return "\n".join(lines).rstrip() + "\n"
