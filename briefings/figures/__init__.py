"""Key figures of a report: every quantitative figure of its body, labelled, the key ones marked.

What counts as a figure and what does not (dates, titles, names and slogans with numerals,
page chrome) is decided in `scan`; labels come from `label`, what a figure is and when
(result, target …, its year) from `kinds`, key selection from `keys`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..choice import place
from ..model import Metric, Report
from .bounds import read_bound
from .indicators import in_own_clause, in_sentence, indicator_of, of_area, of_shared_number
from .keys import KEY_COUNT, key_score, mark_keys
from .kinds import (
    KINDS,
    Setting,
    carried_span,
    classify,
    list_setting,
    opening,
    opens_targets,
    paragraph_setting,
    plan_draft_goals,
    report_year,
    section_settings,
)
from .label import label_figures, topic
from .scan import Found, figure_text, scan_sentence

# The text before the first heading belongs to no section; its figures are filed under "0".
PREAMBLE_SECTION = "0"
_NO_SETTING = Setting("review", None)

__all__ = [
    "KEY_COUNT",
    "KINDS",
    "PREAMBLE_SECTION",
    "Found",
    "extract_figures",
    "key_score",
    "scan_sentence",
    "sentence_figures",
]


def extract_figures(report: Report) -> list[Metric]:
    """Every figure of the preamble and the sections' own text, ids m1..mN in report order."""
    metrics: list[Metric] = []
    main: set[str] = set()  # the figures stated among the coming year's main targets
    settings = section_settings(report)
    year = report_year(report)
    where = place(report)
    for section, paragraphs in _paragraphs(report):
        setting = settings.get(section, _NO_SETTING)
        # What a paragraph ending in ：(五年来，主要做了以下工作：) says of the ones after it.
        items = setting
        for paragraph in paragraphs:
            in_targets = False  # a run of target sentences ends with its paragraph
            scope = paragraph_setting(opening(paragraph), setting, year) if paragraph else setting
            if scope == setting:
                scope = items
            items = list_setting(paragraph, setting, year) or items
            named = ""  # what a topic line before names (服装产业再上新水平。)
            previous = ""  # the sentence before in the paragraph
            for sentence in paragraph:
                text = figure_text(sentence)
                in_targets = in_targets or opens_targets(text, scope, year)
                said = (
                    plan_draft_goals(text, scope, year)
                    or carried_span(previous, text, scope, year)
                    or scope
                )
                previous = text
                found = sentence_figures(
                    sentence, section, len(metrics) + 1, said, year, in_targets, where, named
                )
                named = "" if found else topic(text)
                if in_targets or said.targets:
                    main.update(m.id for m in found if m.kind == "target")
                metrics += found
    return mark_keys(metrics, year, frozenset(main))


def _indicator(label: str, figure: Found, text: str, where: str, year: int | None) -> str | None:
    """The canonical indicator a figure measures: read from its label, then as its clause, its
    sentence, a number shared by a list, and an area the sentence is on tell (indicators.py)."""
    unit = (figure.unit, figure.qualifier)
    found = indicator_of(label, figure.unit, figure.qualifier, where, year)
    found = in_own_clause(found, label, unit, text, figure.start, where, year)
    found = in_sentence(found, label, text)
    found = of_shared_number(found, unit, text, (figure.start, figure.end), where, year)
    return of_area(found, text, figure.start, where)


def _paragraphs(report: Report) -> Iterator[tuple[str, tuple[tuple[str, ...], ...]]]:
    yield PREAMBLE_SECTION, report.preamble_paragraphs
    for section in report.walk():
        yield section.id, section.paragraphs


def sentence_figures(
    sentence: str,
    section: str = PREAMBLE_SECTION,
    first: int = 1,
    setting: Setting = _NO_SETTING,
    year: int | None = None,
    in_targets: bool = False,
    where: str = "",
    named: str = "",
) -> list[Metric]:
    """The figures of one sentence, ids numbered from m{first}; none is marked key. `where`:
    the report's place, whose scope words (全市, 北京地区) leave a figure its indicator; `named`:
    what a topic line right before the sentence names."""
    found = scan_sentence(sentence)
    if not found:
        return []
    text = figure_text(sentence)
    labels = label_figures(text, found, named)
    told = classify(text, found, labels, setting, year, in_targets, where)
    return [
        Metric(
            id=f"m{first + n}",
            section=section,
            raw=sentence[figure.start : figure.end],
            value=figure.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            label=label,
            sentence=sentence,
            upper=figure.upper,
            kind=what.kind,
            period=what.period,
            bound=read_bound(text, figure.start, figure.end, figure.qualifier, figure.unit),
            indicator=_indicator(label, figure, text, where, year),
        )
        for n, (figure, label, what) in enumerate(zip(found, labels, told, strict=True))
    ]
