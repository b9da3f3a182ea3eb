"""The report as JSON (the contract other tools rely on) and as a readable Markdown briefing."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from .model import ItemList, Metric, Report, Section


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def section_dict(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "ordinal": section.ordinal,
        "title": section.title,
        "lead": section.lead,
        "text": section.text,
        "summary": section.summary,
        "keywords": section.keywords,
        "children": [section_dict(child) for child in section.children],
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


def to_dict(report: Report) -> dict[str, Any]:
    meta = report.meta
    return {
        "source": report.source,
        "digest": report.digest,
        "meta": {
            "title": meta.title,
            "issuer": meta.issuer,
            "published": _iso(meta.published),
            "signed": _iso(meta.signed),
            "addressee": meta.addressee,
            "index_no": meta.index_no,
            "year": meta.year,
            "source_url": meta.source_url,
            "fetched": meta.fetched.isoformat() if meta.fetched else None,
        },
        "preamble": report.preamble,
        "summary": report.summary,
        "keywords": report.keywords,
        "sections": [section_dict(section) for section in report.sections],
        "problems": _items_dict(report.problems),
        "plan": {**_items_dict(report.plan), "year": report.plan.year},
        "metrics": [asdict(metric) for metric in report.metrics],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in text)


def _md_section(section: Section, depth: int) -> list[str]:
    heading = "#" * min(depth + 1, 6)
    lines = [f"{heading} {section.id} {_md_escape(section.ordinal)}{_md_escape(section.title)}", ""]
    body = section.summary or section.text
    if body:
        lines += [_md_escape(body), ""]
    if section.keywords:
        lines += ["关键词：" + "、".join(map(_md_escape, section.keywords)), ""]
    for child in section.children:
        lines += _md_section(child, depth + 1)
    return lines


def _md_items(title: str, items: ItemList) -> list[str]:
    if not items.items:
        return []
    lines = [f"## {title}（第 {items.section} 部分）", ""]
    lines += [f"{n}. {_md_escape(i.lead)}" for n, i in enumerate(items.items, start=1)]
    return [*lines, ""]


def _md_metrics(metrics: list[Metric]) -> list[str]:
    if not metrics:
        return []
    lines = ["## 关键数据", "", "| 数据 | 指标 | 章节 |", "| --- | --- | --- |"]
    lines += [
        f"| {_md_escape(m.raw)} | {_md_escape(m.label)} | {m.section} |" for m in metrics if m.key
    ]
    return [*lines, ""]


def to_markdown(report: Report) -> str:
    meta = report.meta
    facts = [("发布机构", meta.issuer), ("发布日期", _iso(meta.published)),
             ("成文日期", _iso(meta.signed)), ("来源文件", report.source),
             ("原文链接", meta.source_url)]  # fmt: skip
    lines = [f"# {_md_escape(meta.title or report.source)}", ""]
    lines += [f"- {name}：{_md_escape(value)}" for name, value in facts if value]
    lines.append("")
    if report.summary:
        lines += ["## 概要", "", _md_escape(report.summary), ""]
    lines += _md_metrics(report.metrics)
    lines += _md_items("存在的问题", report.problems)
    plan_title = f"{report.plan.year}年工作计划" if report.plan.year else "工作计划"
    lines += _md_items(plan_title, report.plan)
    lines += ["## 全文结构", ""]
    for section in report.sections:
        lines += _md_section(section, 2)
    return "\n".join(lines).rstrip() + "\n"
