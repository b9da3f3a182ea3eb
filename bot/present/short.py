"""The one-screen summary: what a reader takes in without scrolling on a phone (about a dozen
short lines).

Title, issuer and date; the year's headline results and the main targets (else a sentence or
two of the briefing, quoted verbatim in report order; more when it has no headline figure);
the plan, one line per item for the first few; how many problems there are, with the commands
that list everything. `/summary full` (render.overview) keeps the long form.
"""

from __future__ import annotations

from html import escape

from briefings.briefing import Briefing
from briefings.model import Metric, Report
from briefings.text import sentences

from .render import lead_sentences, report_title
from .words import CHINESE, Words

OVERVIEW_SENTENCES = 4  # at most this many of the briefing's sentences
OVERVIEW_BUDGET = 260  # characters of them (at least one is shown, whatever its length)
# A sentence longer than this (five lines on a phone) is passed over for shorter ones: two such
# sentences would fill the screen by themselves. The first too, on the short summary: the
# corpus's first sentences run to 230 characters of figures the figure lines already give.
LONGEST = 100
SUMMARY_FIGURES = 4
# The short summary: this many headline results and targets, and of the briefing's sentences
# this many (and characters) when there are figures, else the overview's.
SHORT_RESULTS = 3
SHORT_TARGETS = 2
SHORT_SENTENCES = 2
SHORT_BUDGET = 120
_NOT_HEADLINE = ("rank", "change", "ratio")
_RANKING_WORDS = ("位次", "排名", "排位")  # 提高3个位次: places gained in a ranking
PLAN_SHOWN = 3  # plan items, one line each
PLAN_LINE = 24  # characters of an item's line: one line on a phone
# A sentence shorter than this is a heading restated (强化组织领导。): it tells a reader the
# topic, not what was done, and a screen of them reads as stacked headings.
SHORTEST = 20
_LIST_LEAD = ("：", ":")  # a sentence announcing a list (仍有一些差距和不足：) says nothing alone


def byline(report: Report) -> str:
    meta = report.meta
    when = meta.published or meta.signed
    facts = [meta.issuer, when.isoformat() if when else None]
    return escape(" · ".join(fact for fact in facts if fact))


def overview_sentences(
    text: str,
    most: int = OVERVIEW_SENTENCES,
    budget: int = OVERVIEW_BUDGET,
    long_first: bool = True,
) -> list[str]:
    """Up to `most` of `text`'s sentences (the briefing's summary), in their order, within
    `budget` characters: headings restated and list lead-ins skipped, a sentence too long
    (for what room is left, or longer than LONGEST) passed over for a shorter one after it.
    The first is taken whatever its length when `long_first`."""
    found = sentences(text)
    telling = [s for s in found if len(s) >= SHORTEST and not s.endswith(_LIST_LEAD)]
    if long_first:
        telling = telling or found
    chosen: list[str] = []
    room = budget
    for sentence in telling:
        if len(chosen) == most:
            break
        if (chosen or not long_first) and len(sentence) > min(room, LONGEST):
            continue
        chosen.append(sentence)
        room -= len(sentence)
    return chosen


def figure_line(metric: Metric) -> str:
    return f"• <b>{escape(metric.raw)}</b> {escape(metric.label)}"


def key_metrics(briefing: Briefing | None) -> list[Metric]:
    """The key figures, headline results and targets first (briefings.figures.keys: imported
    with the first briefing shown, not with the bot, as its rules cost a start ~50 ms)."""
    from briefings.figures.keys import key_order

    return key_order(briefing.metrics) if briefing is not None else []


def headline_figures(briefing: Briefing | None, count: int = SUMMARY_FIGURES) -> list[Metric]:
    """The first `count` key figures, headline results and targets first."""
    return key_metrics(briefing)[:count]


def _title_block(report: Report) -> str:
    """The report's title in bold, over its byline when there is one."""
    lines = [f"<b>{report_title(report)}</b>", byline(report)]
    return "\n".join(line for line in lines if line)


def _gist(report: Report, briefing: Briefing | None) -> str:
    """What the summary's sentences are taken from: the briefing's summary, else the report's
    lead sentences."""
    gist = briefing.summary if briefing is not None and briefing.summary else ""
    return gist or lead_sentences(report.preamble or report.body_text())


def _figures_block(heading: str, figures: list[Metric]) -> str:
    return "\n".join([f"<b>{heading}</b>", *map(figure_line, figures)])


def _heading(figures: list[Metric], key: str, words: Words) -> str:
    """`figures.<key>`, with the year when all of them are of one."""
    years = {metric.period for metric in figures}
    year = years.pop() if len(years) == 1 else None
    if year and year.isdigit():
        return words(f"figures.{key}_of_year", year=year)
    return words(f"figures.{key}")


def _headline(metric: Metric) -> bool:
    """A figure fit to head the year: not a place in a ranking, places gained or a gap (rank,
    change, ratio, a label saying 位次), nor a streak of years (连续三年): those are figures,
    not headlines (tests/data/labels/figures/RULES.md)."""
    ranking = any(word in metric.label for word in _RANKING_WORDS)
    return metric.qualifier not in _NOT_HEADLINE and metric.unit != "年" and not ranking


def _plan_line(n: int, text: str) -> str:
    line = text if len(text) <= PLAN_LINE else text[: PLAN_LINE - 1] + "…"
    return f"{n}. {escape(line)}"


def short_summary(report: Report, briefing: Briefing | None, words: Words = CHINESE) -> str:
    """The one-screen summary: title and byline, the year's headline results and main targets,
    a sentence or two, the plan one line per item (the first PLAN_SHOWN), the number of
    problems, and how to get the full summary."""
    parts = [_title_block(report)]
    ordered = key_metrics(briefing)
    results = [m for m in ordered if m.kind == "result" and _headline(m)][:SHORT_RESULTS]
    targets = [m for m in ordered if m.kind == "target" and _headline(m)][:SHORT_TARGETS]
    if results:
        parts.append(_figures_block(_heading(results, "results", words), results))
    if targets:
        parts.append(_figures_block(_heading(targets, "targets", words), targets))
    # Results and targets tell the year; a sentence or two when a side is missing, and the
    # overview's sentences when there is no headline figure at all.
    if not (results and targets):
        text = _gist(report, briefing)
        said = (
            overview_sentences(text, SHORT_SENTENCES, SHORT_BUDGET, long_first=False)
            if results or targets
            else overview_sentences(text)
        )
        if said:
            parts.append("\n".join(map(escape, said)))
    tail = []
    plan = report.plan.items
    if plan:
        tail.append(words("summary.plans", count=len(plan)))
        tail += [
            _plan_line(n, item.lead or item.text) for n, item in enumerate(plan[:PLAN_SHOWN], 1)
        ]
    if report.problems.items:
        tail.append(words("summary.problems", count=len(report.problems.items)))
    tail.append(words("summary.full_hint"))
    parts.append("\n".join(tail))
    return "\n\n".join(parts)


def summary_head(report: Report, briefing: Briefing | None, words: Words = CHINESE) -> str:
    """Title, byline, the overview sentences and the headline figures."""
    said = overview_sentences(_gist(report, briefing))
    parts = [_title_block(report)]
    if said:
        parts.append("\n".join(map(escape, said)))
    figures = headline_figures(briefing)
    if figures:
        parts.append(_figures_block(words("figures.results"), figures))
    return "\n\n".join(parts)
