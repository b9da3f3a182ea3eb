"""Report pieces as Telegram-flavoured HTML: headings in <b>, every report value escaped.

Pure functions of the model. Every sentence shown is quoted verbatim from the report: where a
summary has not been computed yet, the section's lead sentences stand in for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from .briefing import NO_BRIEF, SectionBrief
from .figures.keys import key_groups
from .model import ItemList, Listed, Metric, Report, Section
from .text import sentences

if TYPE_CHECKING:
    from .search import SearchResult

LEAD_BUDGET = 200  # characters of lead sentences standing in for a missing summary
# Sections named in one reply: a huge outline is paged (/sections), not sent whole.
LISTED = 30
TOC_CHILDREN = 10  # sub-sections named under each part of a table-of-contents page


def lead_sentences(text: str, budget: int = LEAD_BUDGET) -> str:
    """The opening sentences of `text`'s first paragraph, verbatim, as many as fit `budget`
    (at least one)."""
    paragraph = next((line for line in text.splitlines() if line.strip()), "")
    chosen: list[str] = []
    for sentence in sentences(paragraph):
        if chosen and sum(map(len, chosen)) + len(sentence) > budget:
            break
        chosen.append(sentence)
    return "".join(chosen)


def report_title(report: Listed) -> str:
    """The report's title (its file name when it has none), escaped: the one way a title
    reaches a reply, since a title or file name may hold `<` or `&`."""
    return escape(report.display_title)


def report_heading(report: Listed) -> str:
    meta = report.meta
    facts = [("发布机构", meta.issuer), ("发布日期", meta.published or meta.signed)]
    lines = [f"<b>{report_title(report)}</b>"]
    lines += [f"{name}：{escape(str(value))}" for name, value in facts if value]
    return "\n".join(lines)


def section_name(section: Section) -> str:
    return f"{escape(section.id)} {escape(section.ordinal)}{escape(section.title)}"


def _section_body(section: Section, brief: SectionBrief) -> str:
    return brief.summary or lead_sentences(section.full_text())


def _names(sections: Sequence[Section], shown: int, indent: str = "") -> list[str]:
    """The first `shown` sections' names, one a line, and how many more there are."""
    lines = [indent + section_name(s) for s in sections[:shown]]
    if len(sections) > shown:
        lines.append(f"{indent}…… 另有 {len(sections) - shown} 项")
    return lines


def overview(report: Report, summary: str = "") -> str:
    """The report's overview: heading, `summary` (the briefing's; while there is none, the
    report's opening sentences) and its top-level parts."""
    body = summary or lead_sentences(report.preamble or report.body_text())
    parts = [report_heading(report), f"<b>概要</b>\n{escape(body)}"]
    parts.append("<b>主要部分</b>\n" + "\n".join(_names(report.sections, LISTED)))
    if len(report.sections) > LISTED:
        parts.append("发送 /sections 分页查看全部目录。")
    return "\n\n".join(parts)


def section_summary(section: Section, brief: SectionBrief = NO_BRIEF) -> str:
    """One section: its id and title, summary (or lead sentences while it is not briefed),
    keywords and sub-sections."""
    parts = [f"<b>{section_name(section)}</b>", escape(_section_body(section, brief))]
    if brief.keywords:
        parts.append("关键词：" + escape("、".join(brief.keywords)))
    if section.children:
        parts.append("下设：\n" + "\n".join(_names(section.children, LISTED)))
    return "\n\n".join(part for part in parts if part)


def table_of_contents(
    report: Report, parts: Sequence[Section], page: int = 0, pages: int = 1
) -> str:
    """One page of the outline: `parts` (top-level sections) with their first sub-sections."""
    where = f"（第 {page + 1}/{pages} 页）" if pages > 1 else ""
    lines = [f"<b>目录</b> · {report_title(report)}{where}"]
    for part in parts:
        lines.append(section_name(part))
        lines += _names(part.children, TOC_CHILDREN, indent="　")
    return "\n".join(lines)


def metric_line(metric: Metric) -> str:
    label = f" {escape(metric.label)}" if metric.label else ""
    return f"• <b>{escape(metric.raw)}</b>{label}（{escape(metric.section)}）"


def metrics_list(title: str, metrics: Sequence[Metric]) -> str:
    return "\n".join([f"<b>{escape(title)}</b>", *map(metric_line, metrics)])


def key_figures(metrics: Sequence[Metric]) -> str:
    """The key figures of a report's `metrics`: results of the year reviewed, then the coming
    year's targets apart, each group headed with its year; empty when there are none."""
    groups = key_groups(metrics)
    return "\n\n".join(metrics_list(group.title, group.metrics) for group in groups)


def item_list(title: str, items: ItemList) -> str:
    """A numbered list of problems or plan items under its title and section id."""
    where = f"（第 {escape(items.section)} 部分）" if items.section else ""
    lines = [f"<b>{escape(title)}</b>{where}"]
    lines += [f"{n}. {escape(item.lead)}" for n, item in enumerate(items.items, start=1)]
    return "\n".join(lines)


def highlight(sentence: str, words: Sequence[str]) -> str:
    """`sentence` escaped, with each occurrence of the query words in bold."""
    wanted = [w for w in words if w]
    if not wanted:
        return escape(sentence)
    pattern = re.compile("|".join(map(re.escape, sorted(wanted, key=len, reverse=True))))
    pieces, last = [], 0
    for match in pattern.finditer(sentence):
        pieces += [escape(sentence[last : match.start()]), f"<b>{escape(match.group())}</b>"]
        last = match.end()
    return "".join([*pieces, escape(sentence[last:])])


def search_results(result: SearchResult) -> str:
    """Matching sentences with their section; suggestions when nothing matched."""
    words = list(result.words) or result.query.split()
    if not result.hits:
        text = f"没有找到与“{escape(result.query)}”相关的内容。"
        if result.suggestions:
            text += "\n你可以试试：" + escape("、".join(result.suggestions))
        return text
    lines = [f"<b>搜索“{escape(result.query)}”</b> 共 {len(result.hits)} 条"]
    for n, hit in enumerate(result.hits, start=1):
        where = f"{escape(hit.section_id)} {escape(hit.section_title)}"
        lines.append(f"\n{n}. {highlight(hit.sentence, words)}\n　—— {where}")
    return "\n".join(lines)


def report_choices(reports: Sequence[Listed], current: str | None) -> str:
    """Every loaded report, numbered as /use expects, the chat's current one marked."""
    titles = Counter(report.display_title for report in reports)
    lines = ["<b>已载入的报告</b>"]
    for n, report in enumerate(reports, start=1):
        shared = titles[report.display_title] > 1
        mark = " ✅" if report.digest == current else ""
        lines.append(f"{n}. {report_title(report)}{_told_apart(report, shared)}{mark}")
    return "\n".join(lines)


def _told_apart(report: Listed, shared: bool) -> str:
    """For a title that several reports share: the date and file name that tell them apart."""
    if not shared or not report.meta.title:  # an untitled report is listed by its file name
        return ""
    dated = report.meta.published or report.meta.signed
    return escape(f"（{f'{dated:%Y-%m-%d}，' if dated else ''}{report.source}）")
