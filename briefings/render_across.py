"""Views across reports as Telegram-flavoured HTML: one figure compared (/compare), one issuer's
plan from one year to the next (/diff), a sentence or figure offered inline. Every report value
escaped, every sentence quoted as printed."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .choice import place
from .compare import Row
from .diff import PlanDiff
from .model import Item, Report
from .render import highlight, report_title

KIND_NAMES = {"result": "完成", "target": "目标", "plan": "计划", "cumulative": "累计"}
COMPARE_HEADING = "<b>对比“{query}”</b> · {count} 份报告有此数据{where}"
PAGE_WHERE = "（第 {page}/{pages} 页）"
COMPARE_ROW = "• {period}{kind}：<b>{value}</b> {label}（第 {section} 部分）"
REPORT_HEADING = "\n<b>{place} · {year}</b>"
NO_YEAR = "年份不详"
DIFF_HEADING = "<b>工作计划变化</b> · {place}\n{old} → {new}"
DIFF_ADDED = "<b>新增（{count} 项）</b>"
DIFF_DROPPED = "<b>不再提及（{count} 项）</b>"
DIFF_KEPT = "延续 {count} 项（含措辞调整）。"
DIFF_NONE = "无"
FROM_REPORT = "—— 《{title}》{section}"


def _year(year: int | None) -> str:
    return f"{year}年" if year else NO_YEAR


def _row_line(row: Row) -> str:
    return COMPARE_ROW.format(
        period=escape(f"{row.period}年") if row.period else "",
        kind=KIND_NAMES.get(row.kind, escape(row.kind)),
        value=escape(row.value),
        label=escape(row.label),
        section=escape(row.section),
    )


def compare_page(
    query: str, groups: Sequence[Sequence[Row]], count: int, page: int = 0, pages: int = 1
) -> str:
    """One page of a comparison: per report its place and year, then its rows."""
    where = PAGE_WHERE.format(page=page + 1, pages=pages) if pages > 1 else ""
    lines = [COMPARE_HEADING.format(query=escape(query), count=count, where=where)]
    for rows in groups:
        first = rows[0]
        lines.append(
            REPORT_HEADING.format(place=escape(first.issuer or first.title), year=_year(first.year))
        )
        lines += [_row_line(row) for row in rows]
    return "\n".join(lines)


def _items(items: Sequence[Item]) -> list[str]:
    return [f"{n}. {escape(item.lead)}" for n, item in enumerate(items, start=1)] or [DIFF_NONE]


def plan_diff(older: Report, newer: Report, diff: PlanDiff) -> str:
    """New and dropped plan items of one issuer from `older`'s report to `newer`'s."""
    heading = DIFF_HEADING.format(
        place=escape(place(newer)),
        old=f"{_year(older.meta.year)}《{report_title(older)}》",
        new=f"{_year(newer.meta.year)}《{report_title(newer)}》",
    )
    parts = [
        heading,
        "\n".join([DIFF_ADDED.format(count=len(diff.added)), *_items(diff.added)]),
        "\n".join([DIFF_DROPPED.format(count=len(diff.dropped)), *_items(diff.dropped)]),
        DIFF_KEPT.format(count=len(diff.kept)),
    ]
    return "\n\n".join(parts)


def _source(report: Report, section_id: str, section_title: str) -> str:
    section = f" {section_id} {section_title}".rstrip() if section_id else ""
    return FROM_REPORT.format(title=report_title(report), section=escape(section))


def quoted_sentence(
    report: Report, sentence: str, words: Sequence[str], section_id: str, section_title: str
) -> str:
    """A sentence as inserted into a chat: highlighted, with its report and section."""
    return f"{highlight(sentence, words)}\n{_source(report, section_id, section_title)}"


def quoted_figure(report: Report, row: Row) -> str:
    """A figure as inserted into a chat: value and label, its sentence, report and section."""
    section = report.find(row.section)
    title = section.title if section else ""
    return (
        f"<b>{escape(row.value)}</b> {escape(row.label)}\n{escape(row.sentence)}\n"
        f"{_source(report, row.section, title)}"
    )
