"""The one-screen summary: what a reader takes in without scrolling on a phone.

Title, issuer and date; a few of the briefing's sentences (quoted verbatim, in report order);
the headline figures; how many plan items and problems there are, with the commands that list
them. `/summary full` (render.overview) keeps the long form.
"""

from __future__ import annotations

from html import escape

from briefings.briefing import Briefing
from briefings.figures.keys import key_order
from briefings.model import Metric, Report
from briefings.text import sentences

from .render import lead_sentences, report_title
from .words import CHINESE, Words

OVERVIEW_SENTENCES = 4  # at most this many of the briefing's sentences
OVERVIEW_BUDGET = 260  # characters of them (at least one is shown, whatever its length)
# After the first, a sentence longer than this (five lines on a phone) is passed over for
# shorter ones: two such sentences would fill the screen by themselves.
LONGEST = 100
SUMMARY_FIGURES = 4
# A sentence shorter than this is a heading restated (强化组织领导。): it tells a reader the
# topic, not what was done, and a screen of them reads as stacked headings.
SHORTEST = 20
_LIST_LEAD = ("：", ":")  # a sentence announcing a list (仍有一些差距和不足：) says nothing alone


def byline(report: Report) -> str:
    meta = report.meta
    when = meta.published or meta.signed
    facts = [meta.issuer, when.isoformat() if when else None]
    return escape(" · ".join(fact for fact in facts if fact))


def overview_sentences(text: str) -> list[str]:
    """Up to OVERVIEW_SENTENCES of `text`'s sentences (the briefing's summary), in their
    order, within OVERVIEW_BUDGET characters: headings restated and list lead-ins skipped, a
    sentence too long (for what room is left, or after the first longer than LONGEST)
    passed over for a shorter one after it."""
    found = sentences(text)
    telling = [s for s in found if len(s) >= SHORTEST and not s.endswith(_LIST_LEAD)] or found
    chosen: list[str] = []
    room = OVERVIEW_BUDGET
    for sentence in telling:
        if len(chosen) == OVERVIEW_SENTENCES:
            break
        if chosen and len(sentence) > min(room, LONGEST):
            continue
        chosen.append(sentence)
        room -= len(sentence)
    return chosen


def figure_line(metric: Metric) -> str:
    return f"• <b>{escape(metric.raw)}</b> {escape(metric.label)}"


def headline_figures(briefing: Briefing | None, count: int = SUMMARY_FIGURES) -> list[Metric]:
    """The first `count` key figures, headline results and targets first (figures.keys)."""
    return key_order(briefing.metrics)[:count] if briefing is not None else []


def summary_head(report: Report, briefing: Briefing | None, words: Words = CHINESE) -> str:
    """Title, byline, the overview sentences and the headline figures."""
    gist = briefing.summary if briefing is not None and briefing.summary else ""
    said = overview_sentences(gist or lead_sentences(report.preamble or report.body_text()))
    lines = [f"<b>{report_title(report)}</b>", byline(report)]
    parts = ["\n".join(line for line in lines if line)]
    if said:
        parts.append("\n".join(map(escape, said)))
    figures = headline_figures(briefing)
    if figures:
        parts.append("\n".join([f"<b>{words('figures.results')}</b>", *map(figure_line, figures)]))
    return "\n\n".join(parts)


def short_summary(report: Report, briefing: Briefing | None, words: Words = CHINESE) -> str:
    """The one-screen summary: `summary_head`, then the counts of plan items and problems
    with the commands listing them, and how to get the full summary."""
    counts = [
        words(key, count=len(items.items))
        for key, items in (("summary.plans", report.plan), ("summary.problems", report.problems))
        if items.items
    ]
    tail = "\n".join([*counts, words("summary.full_hint")])
    return f"{summary_head(report, briefing, words)}\n\n{tail}"
