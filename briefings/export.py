"""A report and its briefing as JSON (the contract other tools rely on; the readable Markdown
briefing is bot/present/markdown.py). Without a briefing, what is derived (summaries, keywords,
figures) is empty."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from .briefing import Briefing, section_brief
from .model import ItemList, Metric, Report, Section


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
        "metrics": [asdict(metric) for metric in metrics_of(briefing)],
    }


def metrics_of(briefing: Briefing | None) -> Sequence[Metric]:
    return briefing.metrics if briefing else ()


def to_json(report: Report, briefing: Briefing | None = None) -> str:
    return json.dumps(export_document(report, briefing), ensure_ascii=False, indent=2)
