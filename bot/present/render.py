"""Report pieces as Telegram-flavoured HTML: headings in <b>, every report value escaped.

Pure functions of the model. Every sentence shown is quoted verbatim from the report: where a
summary has not been computed yet, the section's lead sentences stand in for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from html import escape
from typing import TYPE_CHECKING

from briefings.briefing import NO_BRIEF, SectionBrief
from briefings.choice import place
from briefings.model import ItemList, Listed, Metric, Report, Section
from briefings.text import sentences

from .words import CHINESE, Words

if TYPE_CHECKING:
    from briefings.figures.keys import KeyGroup

# briefings.figures is imported where a figure is shown, not with this module: its rules
# compile ~50 ms of patterns, and the first reply after a start (/start's heading) shows none.

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


def report_heading(report: Listed, words: Words = CHINESE) -> str:
    meta = report.meta
    facts = [("report.issuer", meta.issuer), ("report.published", meta.published or meta.signed)]
    lines = [f"<b>{report_title(report)}</b>"]
    lines += [
        words("report.fact", name=words(key), value=escape(str(value)))
        for key, value in facts
        if value
    ]
    return "\n".join(lines)


def section_name(section: Section) -> str:
    return f"{escape(section.id)} {escape(section.ordinal)}{escape(section.title)}"


def _section_body(section: Section, brief: SectionBrief) -> str:
    return brief.summary or lead_sentences(section.full_text())


def _names(sections: Sequence[Section], shown: int, words: Words, indent: str = "") -> list[str]:
    """The first `shown` sections' names, one a line, and how many more there are."""
    lines = [indent + section_name(s) for s in sections[:shown]]
    if len(sections) > shown:
        lines.append(indent + words("report.more", count=len(sections) - shown))
    return lines


def overview(report: Report, words: Words = CHINESE, summary: str = "") -> str:
    """The report's overview: heading, `summary` (the briefing's; while there is none, the
    report's opening sentences) and its top-level parts."""
    body = summary or lead_sentences(report.preamble or report.body_text())
    parts = [report_heading(report, words), f"<b>{words('report.summary')}</b>\n{escape(body)}"]
    names = _names(report.sections, LISTED, words)
    parts.append(f"<b>{words('report.parts')}</b>\n" + "\n".join(names))
    if len(report.sections) > LISTED:
        parts.append(words("report.all_toc"))
    return "\n\n".join(parts)


def section_summary(
    section: Section, brief: SectionBrief = NO_BRIEF, words: Words = CHINESE
) -> str:
    """One section: its id and title, summary (or lead sentences while it is not briefed),
    keywords and sub-sections."""
    parts = [f"<b>{section_name(section)}</b>", escape(_section_body(section, brief))]
    if brief.keywords:
        parts.append(words("report.keywords") + escape("、".join(brief.keywords)))
    if section.children:
        children = _names(section.children, LISTED, words)
        parts.append(words("report.children") + "\n" + "\n".join(children))
    return "\n\n".join(part for part in parts if part)


def table_of_contents(
    report: Report,
    parts: Sequence[Section],
    page: int = 0,
    pages: int = 1,
    words: Words = CHINESE,
) -> str:
    """One page of the outline: `parts` (top-level sections) with their first sub-sections."""
    where = words("report.page", page=page + 1, pages=pages) if pages > 1 else ""
    lines = [f"<b>{words('report.toc')}</b> · {report_title(report)}{where}"]
    for part in parts:
        lines.append(section_name(part))
        lines += _names(part.children, TOC_CHILDREN, words, indent="　")
    return "\n".join(lines)


def part_name(section: str, words: Words = CHINESE, *, numbered: bool = True) -> str:
    """Where in a report a section id points, as users read it (escaped): 第 3 部分 (or the
    bare id 3.1 when not `numbered`), and the report's opening (the text before its first
    heading, filed under id "0") by name, never as a part 0 no heading of the report prints."""
    from briefings.figures import PREAMBLE_SECTION

    if not section or section == PREAMBLE_SECTION:
        return words("report.opening")
    return words("report.part", section=escape(section)) if numbered else escape(section)


def part_heading(section: str, title: str, words: Words = CHINESE) -> str:
    """A section's bare id and title as a heading (3.1 一、稳增长), escaped; the opening by name."""
    return f"{part_name(section, words, numbered=False)} {escape(title)}".rstrip()


def figure_text(metric: Metric) -> str:
    """The figure as printed, its bound shown as a sign when the printed text does not say it
    (plain text: every reply, page and export shows a figure so)."""
    from briefings.figures.bounds import shown_sign

    # The bound as printed stays in the raw text (5%左右); one printed apart (控制在5%以内)
    # is shown as a sign, so no figure reads as exact when the report bounded it.
    return shown_sign(metric.bound, metric.raw) + metric.raw


def metric_line(metric: Metric, words: Words = CHINESE) -> str:
    label = f" {escape(metric.label)}" if metric.label else ""
    where = part_name(metric.section, words, numbered=False)
    return f"• <b>{escape(figure_text(metric))}</b>{label}（{where}）"


def metrics_list(title: str, metrics: Sequence[Metric], words: Words = CHINESE) -> str:
    lines = [metric_line(metric, words) for metric in metrics]
    return "\n".join([f"<b>{escape(title)}</b>", *lines])


def key_figures(metrics: Sequence[Metric], words: Words = CHINESE) -> str:
    """The key figures of a report's `metrics`: results of the year reviewed, then the coming
    year's targets apart, each group headed with its year; empty when there are none."""
    from briefings.figures.keys import key_groups

    return "\n\n".join(
        metrics_list(group_title(g, words), g.metrics, words) for g in key_groups(metrics)
    )


def group_title(group: KeyGroup, words: Words = CHINESE) -> str:
    """The heading of a group of key figures: 关键数据（2024年）, Targets (2025)."""
    if group.year:
        return words(f"figures.{group.kind}_of_year", year=group.year)
    return words(f"figures.{group.kind}")


def item_list(title: str, items: ItemList, words: Words = CHINESE) -> str:
    """A numbered list of problems or plan items under its title and where they are: the
    section the list begins in, or the parts it runs over (第 3–6 部分) when its items come
    from several."""
    lines = [f"<b>{escape(title)}</b>{_where_items(items, words)}"]
    lines += [f"{n}. {escape(item.lead)}" for n, item in enumerate(items.items, start=1)]
    return "\n".join(lines)


def _where_items(items: ItemList, words: Words) -> str:
    if not items.section:
        return ""
    ids = [items.section, *(item.section for item in items.items)]
    parts = sorted({int(part) for i in ids if (part := i.split(".")[0]).isdigit()})
    if len(parts) > 1:
        return words("report.in_parts", first=parts[0], last=parts[-1])
    return words("report.in_part", section=escape(items.section))


def plan_title(plan: ItemList, words: Words = CHINESE) -> str:
    """The stock heading of the plan: 2021年工作计划, or 工作计划 when its year is unknown."""
    return words("report.plan_of_year", year=plan.year) if plan.year else words("report.plan")


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


def report_choices(
    numbered: Sequence[tuple[int, Listed]],
    current: str | None,
    shared: Collection[str] = (),
    words: Words = CHINESE,
) -> str:
    """Reports numbered as /use expects, under a heading per place, the chat's current one
    marked; `shared`: titles several loaded reports have, told apart by date and file name."""
    lines: list[str] = []
    heading = None
    for n, report in numbered:
        if place(report) != heading:
            heading = place(report)
            lines.append(f"\n<b>{escape(heading or words('reports.other_place'))}</b>")
        told = _told_apart(report, report.display_title in shared)
        mark = " ✅" if report.digest == current else ""
        lines.append(f"{n}. {report_title(report)}{told}{mark}")
    return "\n".join(lines).lstrip("\n")


def shared_titles(reports: Sequence[Listed]) -> set[str]:
    titles = Counter(report.display_title for report in reports)
    return {title for title, count in titles.items() if count > 1}


def _told_apart(report: Listed, shared: bool) -> str:
    """For a title that several reports share: the date and file name that tell them apart."""
    if not shared or not report.meta.title:  # an untitled report is listed by its file name
        return ""
    dated = report.meta.published or report.meta.signed
    return escape(f"（{f'{dated:%Y-%m-%d}，' if dated else ''}{report.source}）")
