"""A report and its briefing as JSON (the contract other tools rely on) and as a readable
Markdown briefing. Without a briefing, what is derived (summaries, keywords, figures) is empty."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from .briefing import Briefing, section_brief
from .figures.bounds import shown_sign
from .figures.keys import key_groups
from .model import ItemList, Metric, Report, Section
from .plan import plan_title


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def section_document(section: Section, briefing: Briefing | None) -> dict[str, Any]:
    brief = section_brief(briefing, section.id)
    return {
        "id": section.id,
        "ordinal": section.ordinal,
        "title": section.title,
        "lead": section.title,  # kept for the tools that read it: it always was the title
        "text": section.text,
        "summary": brief.summary,
        "keywords": list(brief.keywords),
        "children": [section_document(child, briefing) for child in section.children],
    }


def _items_dict(items: ItemList) -> dict[str, Any]:
    result: dict[str, Any] = {
        "section": items.section,
        "items": [
            {"ordinal": i.ordinal, "lead": i.lead, "text": i.text, "section": i.section}
            for i in items.items
        ],
    }
    if items.year is not None:
        result["year"] = items.year
    return result


def export_document(report: Report, briefing: Briefing | None = None) -> dict[str, Any]:
    """The JSON export: the report as parsed, with what its briefing derived."""
    return {
        "source": report.source,
        "digest": report.digest,
        "meta": report.meta.as_record(),
        "preamble": report.preamble,
        "summary": briefing.summary if briefing else "",
        "keywords": list(briefing.keywords) if briefing else [],
        "sections": [section_document(section, briefing) for section in report.sections],
        "problems": _items_dict(report.problems),
        "plan": {**_items_dict(report.plan), "year": report.plan.year},
        "metrics": [asdict(metric) for metric in _metrics(briefing)],
    }


def _metrics(briefing: Briefing | None) -> Sequence[Metric]:
    return briefing.metrics if briefing else ()


def to_json(report: Report, briefing: Briefing | None = None) -> str:
    return json.dumps(export_document(report, briefing), ensure_ascii=False, indent=2)


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
        lines += [f"## {group.title}", "", "| 数据 | 指标 | 章节 |", "| --- | --- | --- |"]
        lines += [
            f"| {_md_escape(shown_sign(m.bound, m.raw) + m.raw)} | {_md_escape(m.label)} | {m.section} |"
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
    lines += _md_metrics(_metrics(briefing))
    lines += _md_items("存在的问题", report.problems)
    lines += _md_items(plan_title(report.plan), report.plan)
    lines += ["## 全文结构", ""]
    for section in report.sections:
        lines += _md_section(section, briefing, 2)
    return "\n".join(lines).rstrip() + "\n"
