"""What full-text search is made of: a report's search index (its sentences, where each stands,
its vocabulary), a query cut into terms, which sentences match it and how they rank. The one
engine that stores and answers searches is briefings.corpus_index.

The query path never loads jieba (it costs ~0.6 s and ~150 MB, and searches are answered
interactively). jieba runs once, when an index is built: it supplies the index's vocabulary.
A query is cut by forward maximum matching against that vocabulary, and every term is matched
as a substring of the sentence, so 营商环境 matches however jieba cut the sentence that
contains it. A sentence matches when it says one of the query's runs (`coverage`); matching
sentences rank by how many runs they say, then how many whole, then by BM25 over the report's
sentences, plus a bonus when a term is in the titles of the sentence's section and its
ancestors (a sentence under a heading about 信用 is about 信用), and a bonus when a query
phrase occurs whole (`Ranking`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from .keywords import is_content_word
from .lazy_re import LazyPattern
from .model import Report, Section
from .text import fold

MAX_QUERY_CHARS = 100
MAX_TERMS = 16
SUGGESTIONS = 5
INDEX_KEYWORDS = 50
_LONGEST_WORD = 8
_K1, _B = 1.2, 0.75
_TITLE_WEIGHT = 0.5
_PHRASE_WEIGHT = 1.0
# A run: what a query or sentence holds between separators (folded, lower case).
RUN = LazyPattern(r"[0-9a-z\u3400-\u9fff]+")
_MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")
_CJK = LazyPattern(r"[\u3400-\u9fff]")


class IndexFormatError(ValueError):
    """A serialised search index does not have the expected structure."""


@dataclass(frozen=True)
class Place:
    """Where indexed sentences stand: a section's id, its title, and the titles above it."""

    id: str
    title: str
    context: str


def searchable(text: str) -> str:
    """`text` as matched: half-width, lower case."""
    return fold(text).lower()


class SearchIndex:
    """The sentences of one report, where each stands, and the report's vocabulary."""

    def __init__(
        self,
        digest: str,
        places: Sequence[Place],
        sentences: Sequence[tuple[int, str]],
        vocabulary: Iterable[str],
        keywords: Sequence[str],
    ) -> None:
        self.digest = digest
        self.places = tuple(places)
        self.sentences = tuple(sentences)  # (place number, sentence), in report order
        self.vocabulary = frozenset(vocabulary)
        self.keywords = tuple(keywords)

    @classmethod
    def build(cls, report: Report) -> SearchIndex:
        """Index a parsed report (loads jieba, for the vocabulary and keywords)."""
        from .keywords import top_keywords, weights, words

        places, sentences = _collect(report)
        texts = [text for _, text in sentences]
        vocabulary = {w for text in texts for w in words(text) if len(w) > 1 and _CJK.search(w)}
        keywords = top_keywords(weights(texts), INDEX_KEYWORDS)
        return cls(report.digest, places, sentences, vocabulary, keywords)

    @classmethod
    def of(cls, report: Report, vocabulary: Iterable[str], keywords: Sequence[str]) -> SearchIndex:
        """The index of a parsed report whose vocabulary and keywords are known (read back from
        the cache): its sentences and places are the report's, so no jieba."""
        places, sentences = _collect(report)
        return cls(report.digest, places, sentences, vocabulary, keywords)

    @cached_property
    def length(self) -> int:
        """Characters in all sentences (folded), for BM25's length normalisation."""
        return sum(len(searchable(text)) for _, text in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "digest": self.digest,
            "places": [[p.id, p.title, p.context] for p in self.places],
            "sentences": [[place, text] for place, text in self.sentences],
            "vocabulary": sorted(self.vocabulary),
            "keywords": list(self.keywords),
        }

    @classmethod
    def from_dict(cls, data: Any) -> SearchIndex:
        """Rebuild a serialised index; raises IndexFormatError on any structural fault."""
        if not isinstance(data, dict) or not isinstance(data.get("digest"), str):
            raise IndexFormatError("search index: not an object with a digest")
        places = [Place(*_strings(row, 3)) for row in _rows(data, "places")]
        sentences = [_sentence(row, len(places)) for row in _rows(data, "sentences")]
        vocabulary = _strings(data.get("vocabulary"), None)
        return cls(
            data["digest"], places, sentences, vocabulary, _strings(data.get("keywords"), None)
        )


def _rows(data: dict[str, Any], key: str) -> list[Any]:
    rows = data.get(key)
    if not isinstance(rows, list):
        raise IndexFormatError(f"search index: {key} is not a list")
    return rows


def _strings(value: Any, length: int | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise IndexFormatError("search index: expected a list of strings")
    if length is not None and len(value) != length:
        raise IndexFormatError(f"search index: expected {length} strings")
    return tuple(value)


def _sentence(row: Any, places: int) -> tuple[int, str]:
    if not (isinstance(row, list) and len(row) == 2 and isinstance(row[1], str)):
        raise IndexFormatError("search index: a sentence is not [place, text]")
    place = row[0]
    if isinstance(place, bool) or not isinstance(place, int) or not 0 <= place < places:
        raise IndexFormatError("search index: a sentence's place is out of range")
    return place, row[1]


def _walk_with_context(
    sections: Sequence[Section], above: str = ""
) -> Iterator[tuple[Section, str]]:
    for section in sections:
        context = f"{above}\n{section.title}" if above else section.title
        yield section, context
        yield from _walk_with_context(section.children, context)


def _collect(report: Report) -> tuple[list[Place], list[tuple[int, str]]]:
    places = [Place("", "", "")]
    found = [(0, text) for text in report.preamble_sentences]
    for section, context in _walk_with_context(report.sections):
        found += [(len(places), text) for text in section.sentences]
        places.append(Place(section.id, section.title, context))
    return places, found


@dataclass(frozen=True)
class Query:
    text: str  # as searched: runs of letters, digits and Chinese, space-separated
    terms: tuple[str, ...]
    phrases: tuple[tuple[str, tuple[str, ...]], ...]  # a run cut into several terms, and those
    # Each run of the query as the ways a sentence may say it: the run or a synonym, each
    # whole and cut into terms (GDP增长: gdp增长, 国内生产总值增长 …).
    concepts: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = ()


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    """The genre's synonym table (briefings/data/search_synonyms.yaml), keys folded to lower case."""
    text = resources.files("briefings").joinpath("data/search_synonyms.yaml").read_text("utf-8")
    table = yaml.safe_load(text)
    return {searchable(k): tuple(searchable(w) for w in v) for k, v in table.items()}


def _alternatives(run: str) -> list[str]:
    """The run and the run with a word of the synonym table replaced by each of its synonyms."""
    found = [run]
    for word, others in synonyms().items():
        if word in run:
            found += [run.replace(word, other) for other in others]
    return list(dict.fromkeys(found))


def _segment(run: str, known: Callable[[str], bool]) -> list[str]:
    """Forward maximum matching: the longest known word at each point; stretches of unknown
    characters stay whole, so an unknown name still matches as a substring."""
    terms: list[str] = []
    unknown = ""
    i = 0
    while i < len(run):
        longest = min(_LONGEST_WORD, len(run) - i)
        word = next((run[i : i + n] for n in range(longest, 1, -1) if known(run[i : i + n])), "")
        if not word:
            unknown, i = unknown + run[i], i + 1
            continue
        terms += [unknown, word] if unknown else [word]
        unknown, i = "", i + len(word)
    return [*terms, unknown] if unknown else terms


def parse_query(query: str, known: Callable[[str], bool]) -> Query:
    """Cut a raw query into terms. Tags and entities are dropped and anything else but
    letters, digits and Chinese is a separator, so markup such as <b>, *, _ or & is inert;
    the query is capped in length."""
    runs = RUN.findall(_MARKUP.sub(" ", searchable(query[:MAX_QUERY_CHARS])))
    concepts = [[(alt, tuple(_segment(alt, known))) for alt in _alternatives(run)] for run in runs]
    cut = [alt for concept in concepts for alt in concept]
    terms = list(dict.fromkeys(term for _, words in cut for term in words))
    if any(len(term) > 1 for term in terms):
        terms = [term for term in terms if len(term) > 1]  # a lone 的 or 和 only adds noise
        concepts = [
            [(w, tuple(t for t in ts if len(t) > 1) or ts) for w, ts in c]
            for c in concepts
            if any(len(w) > 1 for w, _ in c)
        ]
    phrases = tuple((run, tuple(words)) for run, words in cut if len(words) > 1)
    # A sentence says a run with all its known words; an unknown stretch (a typo, 啊啊啊) is
    # not required.
    whole = tuple(
        tuple((w, tuple(t for t in ts if known(t)) or tuple(ts)) for w, ts in concept)
        for concept in concepts
    )
    return Query(" ".join(runs), tuple(terms[:MAX_TERMS]), phrases, whole)


def idf(matches: int, total: int) -> float:
    """BM25's inverse document frequency of a term `matches` of `total` sentences hold."""
    return math.log(1 + (total - matches + 0.5) / (matches + 0.5))


@dataclass(frozen=True)
class Ranking:
    """How a report's matching sentences rank for a query: each term's idf among the report's
    sentences and their average length (folded characters) are the report's own."""

    query: Query
    idf: Mapping[str, float]
    average: float

    def key(self, sentence: str, titles: str) -> tuple[int, int, float]:
        """Sort key of a sentence (folded) under the titles of its section and those above it
        (folded): sentences saying more of the query's runs first, then those saying them
        whole, then by score."""
        said, whole = coverage(sentence.__contains__, self.query)
        return -said, -whole, -self.score(sentence, titles)

    def score(self, sentence: str, titles: str) -> float:
        """BM25, plus half a term's idf when the titles name it, plus the idf of a phrase's
        words when the sentence says the phrase whole."""
        size = len(sentence) / (self.average or 1.0)
        score = 0.0
        for term in self.query.terms:
            tf = sentence.count(term)
            if tf:
                weight = self.idf.get(term, 0.0)
                score += weight * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * size))
                score += _TITLE_WEIGHT * weight * (term in titles)
        whole = [words for run, words in self.query.phrases if run in sentence]
        # a phrase's one-character words were dropped from the terms: they add no weight
        return score + _PHRASE_WEIGHT * sum(self.idf.get(t, 0.0) for ws in whole for t in ws)


def coverage(says: Callable[[str], bool], query: Query) -> tuple[int, int]:
    """(query runs a sentence says, whole or with all their words; runs it says whole), where
    `says(text)` tells whether the sentence, folded, holds `text`."""
    said = whole = 0
    for concept in query.concepts:
        if any(says(text) for text, _ in concept):
            said, whole = said + 1, whole + 1
        elif any(terms and all(says(t) for t in terms) for _, terms in concept):
            said += 1
    return said, whole


def suggest(index: SearchIndex, query: str) -> tuple[str, ...]:
    """Words to try when `query` found nothing in the report: its keywords and vocabulary
    nearest the query by shared characters (Dice), its top keywords if none shares one."""
    wanted = set("".join(parse_query(query, index.vocabulary.__contains__).terms))
    keywords = list(dict.fromkeys(index.keywords))
    others = sorted({w for w in index.vocabulary if is_content_word(w)} - set(keywords))

    def nearness(word: str) -> float:
        return 2 * len(wanted & set(word)) / (len(wanted) + len(set(word)))

    near = [w for w in keywords + others if wanted & set(w)]
    near.sort(key=nearness, reverse=True)  # stable: keywords stay ahead of equals
    return tuple((near or keywords)[:SUGGESTIONS])
