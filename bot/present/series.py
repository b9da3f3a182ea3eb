"""A report as a briefing series: the chapters of a daily tour and the one-screen weekly briefing.

Pure functions from a `Report` and its `Briefing` (None while it is not briefed yet: the
report's own lead sentences stand in for the summaries) to Telegram HTML text. Every sentence
shown is quoted verbatim from the report; only headings and labels are ours. Each text stays
within one message.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from briefings.briefing import Briefing, section_brief
from briefings.model import Item, ItemList, Listed, Metric, Report, Section
from briefings.text import sentences

from .render import plan_title, report_title
from .short import figure_line, key_metrics, summary_head
from .words import CHINESE, Words

CHAPTER_BUDGET = 1500  # characters of quoted text per chapter; a message holds 4096
LEAD_SENTENCES = 2


def _lead(said: Sequence[str], budget: int, count: int = LEAD_SENTENCES) -> list[str]:
    """The first `count` sentences of `said`, fewer if they overrun `budget`."""
    chosen: list[str] = []
    for sentence in said[:count]:
        if chosen and sum(map(len, chosen)) + len(sentence) > budget:
            break
        chosen.append(sentence)
    return chosen


def _gist(section: Section, briefing: Briefing | None, budget: int) -> str:
    """The section's summary, else its own lead sentences (the heading sentence excluded)."""
    summary = section_brief(briefing, section.id).summary
    if summary:
        return summary
    quoted = [
        s
        for s in _lead(section.sentences, budget, LEAD_SENTENCES + 1)
        if s.rstrip("。") != section.title
    ]
    return "".join(quoted[:LEAD_SENTENCES])


def _heading(section: Section) -> str:
    return f"<b>{escape(section.ordinal + section.title)}</b>"


def _section_chapter(
    section: Section, briefing: Briefing | None, parent: Section | None = None
) -> str:
    lines = [_heading(parent)] if parent else []
    lines.append(_heading(section))
    gist = _gist(section, briefing, CHAPTER_BUDGET)
    if gist:
        lines.append(escape(gist))
    share = CHAPTER_BUDGET // max(len(section.children), 1)
    for child in section.children:
        text = _gist(child, briefing, share)
        lines.append(
            f"• <b>{escape(child.ordinal + child.title)}</b>" + (f" {escape(text)}" if text else "")
        )
    return "\n".join(lines)


def _is_long(section: Section) -> bool:
    return len(section.full_text()) > 2 * CHAPTER_BUDGET


def _body_sections(report: Report) -> list[Section]:
    """Top-level sections, less a short one that is just the problems or plan list."""
    lists = {report.problems.section, report.plan.section} - {None}
    return [s for s in report.sections if s.id not in lists or _is_long(s)]


def _overview(report: Report, briefing: Briefing | None) -> str:
    lines = [f"<b>{report_title(report)}</b>"]
    facts = [report.meta.issuer, report.meta.published and report.meta.published.isoformat()]
    if any(facts):
        lines.append(escape(" · ".join(fact for fact in facts if fact)))
    summary = briefing.summary if briefing is not None else ""
    gist = summary or "".join(_lead(report.preamble_sentences, CHAPTER_BUDGET))
    if gist:
        lines.append(escape(gist))
    return "\n".join(lines)


def _figures_chapter(metrics: list[Metric], words: Words) -> str:
    lines = [f"<b>{words('figures.results')}</b>"]
    lines += [f"{figure_line(m)}\n  {escape(m.sentence)}" for m in metrics]
    return "\n".join(lines)


def _items_chapter(title: str, items: ItemList) -> str:
    lines = [f"<b>{escape(title)}</b>"]
    lines += [f"{n}. {escape(_item_text(item))}" for n, item in enumerate(items.items, start=1)]
    return "\n".join(lines)


def _item_text(item: Item) -> str:
    first = sentences(item.text)[:1]
    return first[0] if first else item.lead


def chapters(report: Report, briefing: Briefing | None = None, words: Words = CHINESE) -> list[str]:
    """The tour: overview, each body section (or its subsections), key figures, problems, plan."""
    result = [_overview(report, briefing)]
    for section in _body_sections(report):
        if section.children and _is_long(section):
            result += [_section_chapter(child, briefing, section) for child in section.children]
        else:
            result.append(_section_chapter(section, briefing))
    metrics = key_metrics(briefing)
    if metrics:
        result.append(_figures_chapter(metrics, words))
    if report.problems.items:
        result.append(_items_chapter(words("report.problems"), report.problems))
    if report.plan.items:
        result.append(_items_chapter(plan_title(report.plan, words), report.plan))
    return result


def chapter(
    report: Report, position: int, briefing: Briefing | None = None, words: Words = CHINESE
) -> tuple[str, int]:
    """The text of the tour's chapter at `position` (wrapping round) and the next position."""
    tour = chapters(report, briefing, words)
    index = position % len(tour)
    title = report_title(report)
    header = words("series.chapter", title=title, number=index + 1, total=len(tour))
    return f"{header}\n\n{tour[index]}", (index + 1) % len(tour)


def weekly(report: Report, briefing: Briefing | None = None, words: Words = CHINESE) -> str:
    """The one-screen briefing: /summary's head (overview sentences, headline figures), then
    the plan's headings."""
    parts = [words("series.weekly"), summary_head(report, briefing, words)]
    if report.plan.items:
        heads = [f"{n}. {escape(item.lead)}" for n, item in enumerate(report.plan.items, start=1)]
        parts.append("\n".join([f"<b>{escape(plan_title(report.plan, words))}</b>", *heads]))
    return "\n\n".join(parts)


def announcement(report: Listed, words: Words = CHINESE, updated: bool = False) -> str:
    """Telling a subscriber that a new report is in the library, or (`updated`) that a
    corrected version replaced one announced before."""
    key = "series.announcement_updated" if updated else "series.announcement"
    lines = [words(key, title=report_title(report))]
    if report.meta.issuer:
        lines.append(escape(report.meta.issuer))
    lines.append(words("series.announcement_hint"))
    return "\n".join(lines)
