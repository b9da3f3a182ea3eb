"""Key figures of a report: every quantitative figure of its body, labelled, the key ones marked.

What counts as a figure and what does not (dates, titles, names and slogans with numerals,
page chrome) is decided in `scan`; labels come from `label`, key selection from `keys`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Metric, Report
from ..text import fold, sentences
from .keys import KEY_COUNT, key_score, mark_keys
from .label import label_figures
from .scan import Found, scan_sentence

# The text before the first heading belongs to no section; its figures are filed under "0".
PREAMBLE_SECTION = "0"

__all__ = [
    "KEY_COUNT",
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
    for section, text in _texts(report):
        for sentence in sentences(text):
            metrics += sentence_figures(sentence, section, len(metrics) + 1)
    return mark_keys(metrics)


def _texts(report: Report) -> Iterator[tuple[str, str]]:
    yield PREAMBLE_SECTION, report.preamble
    for section in report.walk():
        yield section.id, section.text


def sentence_figures(
    sentence: str, section: str = PREAMBLE_SECTION, first: int = 1
) -> list[Metric]:
    """The figures of one sentence, ids numbered from m{first}; none is marked key."""
    found = scan_sentence(sentence)
    if not found:
        return []
    labels = label_figures(fold(sentence), found)
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
        )
        for n, (figure, label) in enumerate(zip(found, labels, strict=True))
    ]
