"""What a briefing card shows, decided without drawing: the card's content model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefings.figures.keys import key_groups
from briefings.model import Metric, Report
from briefings.promises import Promises, Verdict

from ..render import group_title, plan_title
from ..words import CHINESE, Words
from .numbers import FigureText, format_figure

MAX_FIGURES = 9
TARGETS_MAX = 4  # of the MAX_FIGURES, at most this many are the coming year's targets
GROUP_DEPTH = 2  # figures gather under their part's subsection (1.2), not the whole part (1)


@dataclass(frozen=True)
class CardFigure:
    metric_id: str
    text: FigureText
    label: str


@dataclass(frozen=True)
class FigureGroup:
    section: str
    title: str
    figures: tuple[CardFigure, ...]


@dataclass(frozen=True)
class PromisePanel:
    """How many of a year's targets the next year's report says were met, missed, not
    mentioned (and unclear, when any are): a heading, a note naming the two reports' years,
    and one (count, label) cell per verdict."""

    heading: str
    note: str
    cells: tuple[tuple[int, str, Verdict], ...]


@dataclass(frozen=True)
class CardLayout:
    title: str
    byline: str
    kicker: str
    figures_heading: str
    groups: tuple[FigureGroup, ...]
    plan_heading: str
    plan_items: tuple[str, ...]
    footer: str
    promises: PromisePanel | None = None

    @property
    def figures(self) -> tuple[CardFigure, ...]:
        return tuple(figure for group in self.groups for figure in group.figures)


def card_layout(
    report: Report,
    metrics: Sequence[Metric],
    promises: Promises | None = None,
    words: Words = CHINESE,
) -> CardLayout:
    """The card's content: title, byline, key figures of `metrics` (the report's, from its
    briefing: the year's results and the coming year's targets apart, or by section when the
    report sets no targets), the promises panel of the report's pair with the same place's
    report of the adjacent year (`promises`, in the chat's `words`), plan headings, source."""
    meta = report.meta
    title = report.display_title
    day = meta.published or meta.signed
    when = words("card.date", year=day.year, month=day.month, day=day.day) if day else ""
    source = " · ".join(filter(None, [title, meta.issuer, report.source]))
    return CardLayout(
        title=title,
        byline=" · ".join(filter(None, [meta.issuer, when])),
        kicker=words("card.kicker"),
        figures_heading=words("card.figures_heading"),
        groups=_kind_groups(metrics, words) or _groups(report, key_figures(metrics)),
        plan_heading=_plan_heading(report, words),
        plan_items=tuple(item.lead for item in report.plan.items),
        footer=words("card.source", source=source),
        promises=promise_panel(promises, words) if promises and promises.items else None,
    )


_SHOWN: tuple[Verdict, ...] = ("met", "missed", "not_reported")


def promise_panel(found: Promises, words: Words = CHINESE) -> PromisePanel:
    """The panel of `found`: met, missed, not mentioned always; unclear when there are any."""
    shown = [*_SHOWN, "unclear"] if found.count("unclear") else list(_SHOWN)
    year = found.year or 0
    return PromisePanel(
        heading=words("card.promises_heading", year=year),
        note=words("card.promises_note", year=year, later=year + 1),
        cells=tuple((found.count(v), words(f"card.promises_{v}"), v) for v in shown),
    )


def key_figures(metrics: Sequence[Metric]) -> list[Metric]:
    """The first MAX_FIGURES key metrics in the order `metrics` gives them."""
    return [metric for metric in metrics if metric.key][:MAX_FIGURES]


def _kind_groups(metrics: Sequence[Metric], words: Words) -> tuple[FigureGroup, ...]:
    """关键数据（2024年） and 今年目标（2025年） (in `words`), when the report sets targets: the
    results' headline figures first, as many targets as fit after them (at most TARGETS_MAX)."""
    groups = key_groups(metrics)
    if not any(group.kind == "targets" for group in groups):
        return ()
    targets = min(TARGETS_MAX, len(groups[-1].metrics))
    room = [MAX_FIGURES - targets, targets] if len(groups) == 2 else [targets]
    return tuple(
        FigureGroup(
            "", group_title(group, words), tuple(_card_figure(m) for m in group.metrics[:n])
        )
        for group, n in zip(groups, room, strict=True)
    )


def _card_figure(metric: Metric) -> CardFigure:
    return CardFigure(metric.id, format_figure(metric), metric.label)


def _groups(report: Report, metrics: list[Metric]) -> tuple[FigureGroup, ...]:
    grouped: dict[str, list[CardFigure]] = {}
    for metric in metrics:
        grouped.setdefault(_group_id(metric.section), []).append(_card_figure(metric))
    return tuple(
        FigureGroup(section, _section_title(report, section), tuple(figures))
        for section, figures in grouped.items()
    )


def _group_id(section: str) -> str:
    return ".".join(section.split(".")[:GROUP_DEPTH])


def _section_title(report: Report, section_id: str) -> str:
    section = report.find(section_id)
    return section.title if section else ""


def _plan_heading(report: Report, words: Words) -> str:
    """The plan part's own heading when it names the year (2021年工作思路) and the chat reads
    Chinese, else the catalogue's (Work plan for 2021): a heading is the card's words, and an
    English card does not head its plan in Chinese."""
    year = report.plan.year
    section = report.find(report.plan.section) if report.plan.section else None
    if words.language == CHINESE.language and section and year and str(year) in section.title:
        return section.title
    return plan_title(report.plan, words)
