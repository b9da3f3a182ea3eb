"""Topic alerts: which sentences of a report mention a chat's followed words (the alert's text
is bot/present/alerts.py).

A followed phrase is cut into terms (by spaces and punctuation); a sentence matches when it
holds every term, each as printed or as one of the genre's synonyms (GDP: 国内生产总值 …),
compared in the half-width, lower-case view. Sentences are quoted as printed, with their
section, in report order; an alert shows a bounded number of them and counts the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import UserInputError
from .lazy_re import LazyPattern
from .model import Report, Section
from .search import synonyms
from .text import fold, sentences

MAX_WORDS_CHARS = 40  # a followed phrase as typed
MAX_TERMS = 4
MIN_TERM_CHARS = 2  # a lone 的 or 和 would match nearly every sentence
MAX_SENTENCES = 5  # shown in one alert
MAX_TITLE_CHARS = 30  # a section named beside a sentence
_WORDLIKE = LazyPattern(r"[0-9a-z\u3400-\u9fff]")  # a lone & or + is no word
_SEPARATORS = re.compile(r"[\s,;:!?\"'()\[\]{}<>|/\\，、；：。！？“”‘’（）《》【】「」『』…·]+")


class WordsError(UserInputError):
    """Followed words that cannot be used (plain text)."""


@dataclass(frozen=True)
class Match:
    section_id: str  # "" for the preamble
    section_title: str
    sentence: str  # as printed


@dataclass(frozen=True)
class Alert:
    matches: tuple[Match, ...]  # the first MAX_SENTENCES, in report order
    total: int  # every matching sentence


def terms(words: str) -> tuple[str, ...]:
    """The followed words' terms, normalised (half-width, lower case, each once, sorted), so
    that the same words typed differently are one follow. WordsError when unusable."""
    if len(words.strip()) > MAX_WORDS_CHARS:
        raise WordsError("alerts.too_long", limit=MAX_WORDS_CHARS)
    found = sorted({t for t in _SEPARATORS.split(fold(words).lower()) if _WORDLIKE.search(t)})
    if not found:
        raise WordsError("alerts.no_terms")
    if len(found) > MAX_TERMS:
        raise WordsError("alerts.too_many_terms", limit=MAX_TERMS)
    short = next((t for t in found if len(t) < MIN_TERM_CHARS), None)
    if short is not None:
        raise WordsError("alerts.too_short", term=short, limit=MIN_TERM_CHARS)
    return tuple(found)


def key(found: Iterable[str]) -> str:
    """The stored form of normalised terms (one follow per chat and key)."""
    return " ".join(found)


def placed_sentences(report: Report) -> list[Match]:
    """Every sentence of the report as printed, with its section: the one place this module
    reads a report's content."""
    found = [Match("", "", s) for s in sentences(report.preamble)]  # "": the preamble
    _place(report.sections, ("", ""), found)
    return found


def _place(sections: Sequence[Section], above: tuple[str, str], found: list[Match]) -> None:
    for section in sections:
        own = (section.id, _short(section.title))
        for sentence in sentences(section.text):
            # An item's title is its own lead sentence: name the heading above it instead.
            found.append(Match(*(above if sentence.startswith(section.title) else own), sentence))
        _place(section.children, own, found)


def _short(title: str) -> str:
    return title if len(title) <= MAX_TITLE_CHARS else title[:MAX_TITLE_CHARS] + "…"


def ways(term: str) -> tuple[str, ...]:
    """The term and its synonyms: every way a report may print it."""
    return (term, *synonyms().get(term, ()))


def _matches(folded: str, wanted: tuple[tuple[str, ...], ...]) -> bool:
    return all(any(way in folded for way in ways) for ways in wanted)


def match_report(report: Report, follows: Mapping[str, tuple[str, ...]]) -> dict[str, Alert]:
    """For each follow (key: its terms) that the report mentions, its alert; the report's
    sentences are read and folded once for all of them."""
    placed = placed_sentences(report)
    folded = [fold(match.sentence).lower() for match in placed]
    alerts = {}
    for name, found in follows.items():
        wanted = tuple(ways(term) for term in found)
        hits = [placed[n] for n, text in enumerate(folded) if _matches(text, wanted)]
        if hits:
            alerts[name] = Alert(tuple(hits[:MAX_SENTENCES]), len(hits))
    return alerts
