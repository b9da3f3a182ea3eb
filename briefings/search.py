"""Full-text search over loaded reports: sentences ranked by relevance to a query of Chinese
words or a phrase.

The query path never loads jieba (it costs ~0.6 s and ~150 MB, and searches are answered
interactively). jieba runs once, when an index is built: it supplies the index's vocabulary.
A query is cut by forward maximum matching against that vocabulary, and every term is matched
as a substring of the sentence through a character-bigram index, so 营商环境 matches however
jieba cut the sentence that contains it. Ranking is BM25 over sentences, plus a bonus when a
term is in the titles of the sentence's section and its ancestors (a sentence under a heading
about 信用 is about 信用), and a bonus when a query phrase occurs whole.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from importlib import resources
from itertools import zip_longest
from typing import Any

import yaml

from .keywords import is_content_word
from .model import Report, Section
from .text import fold, sentences

MAX_QUERY_CHARS = 100
MAX_TERMS = 16
MAX_LIMIT = 100
SUGGESTIONS = 5
INDEX_KEYWORDS = 50
_LONGEST_WORD = 8
_K1, _B = 1.2, 0.75
_TITLE_WEIGHT = 0.5
_PHRASE_WEIGHT = 1.0
_RUN = re.compile(r"[0-9a-z\u3400-\u9fff]+")
_MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Hit:
    report_digest: str
    section_id: str  # "" for the preamble, which precedes the numbered sections
    section_title: str
    sentence: str  # verbatim from the report
    score: float


@dataclass(frozen=True)
class SearchResult:
    query: str  # the query as searched: capped, special characters dropped, words spaced
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...]  # nearest keywords, offered only when nothing matched
    # The words matched, the query's synonyms included (GDP: 国内生产总值 …), for highlighting.
    words: tuple[str, ...] = field(default=(), compare=False)


class IndexFormatError(ValueError):
    """A serialised search index does not have the expected structure."""


@dataclass(frozen=True)
class Place:
    """Where indexed sentences stand: a section's id, its title, and the titles above it."""

    id: str
    title: str
    context: str


def _grams(text: str) -> set[str]:
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def _searchable(text: str) -> str:
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

    @cached_property
    def _folded(self) -> tuple[str, ...]:
        return tuple(_searchable(text) for _, text in self.sentences)

    @cached_property
    def _contexts(self) -> tuple[str, ...]:
        return tuple(_searchable(place.context) for place in self.places)

    @cached_property
    def length(self) -> int:
        """Characters in all sentences, for BM25's length normalisation."""
        return sum(len(text) for text in self._folded)

    @cached_property
    def _postings(self) -> dict[str, list[int]]:
        # Built on first search, not stored: cheap to derive, and the cache stays small.
        postings: dict[str, list[int]] = {}
        for n, text in enumerate(self._folded):
            for gram in _grams(text):
                postings.setdefault(gram, []).append(n)
        return postings

    def matching(self, term: str) -> list[int]:
        """Numbers of the sentences that contain `term` (folded, lower case)."""
        keys = [term] if len(term) == 1 else [term[i : i + 2] for i in range(len(term) - 1)]
        lists = [self._postings.get(key, []) for key in keys]
        shortest: list[int] = min(lists, key=len)
        common = set(shortest).intersection(*lists)
        return sorted(n for n in common if term in self._folded[n])

    def count(self, term: str, n: int) -> int:
        return self._folded[n].count(term)

    def contains(self, text: str, n: int) -> bool:
        return text in self._folded[n]

    def in_titles(self, term: str, n: int) -> bool:
        return term in self._contexts[self.sentences[n][0]]

    def hit(self, n: int, score: float) -> Hit:
        place_no, sentence = self.sentences[n]
        place = self.places[place_no]
        return Hit(self.digest, place.id, place.title, sentence, round(score, 4))

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


def _walk_with_context(sections: list[Section], above: str = "") -> Iterator[tuple[Section, str]]:
    for section in sections:
        context = f"{above}\n{section.title}" if above else section.title
        yield section, context
        yield from _walk_with_context(section.children, context)


def _collect(report: Report) -> tuple[list[Place], list[tuple[int, str]]]:
    places = [Place("", "", "")]
    found = [(0, text) for text in sentences(report.preamble)]
    for section, context in _walk_with_context(report.sections):
        found += [(len(places), text) for text in sentences(section.text)]
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
    return {_searchable(k): tuple(_searchable(w) for w in v) for k, v in table.items()}


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
    runs = _RUN.findall(_MARKUP.sub(" ", _searchable(query[:MAX_QUERY_CHARS])))
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


def _idf(matches: int, total: int) -> float:
    return math.log(1 + (total - matches + 0.5) / (matches + 0.5))


def _scores(indexes: Sequence[SearchIndex], query: Query) -> dict[tuple[int, int], float]:
    """BM25 score of every sentence that holds a term, keyed by (index number, sentence number)."""
    matches = {
        t: [(i, n) for i, x in enumerate(indexes) for n in x.matching(t)] for t in query.terms
    }
    total = sum(len(x.sentences) for x in indexes) or 1
    average = sum(x.length for x in indexes) / total or 1.0
    idf = {term: _idf(len(found), total) for term, found in matches.items()}
    scores: defaultdict[tuple[int, int], float] = defaultdict(float)
    for term, found in matches.items():
        for i, n in found:
            tf = indexes[i].count(term, n)
            size = len(indexes[i].sentences[n][1]) / average
            scores[i, n] += idf[term] * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * size))
            scores[i, n] += _TITLE_WEIGHT * idf[term] * indexes[i].in_titles(term, n)
    for (i, n), score in scores.items():
        whole = [words for run, words in query.phrases if indexes[i].contains(run, n)]
        # a phrase's one-character words were dropped from the terms: they add no weight
        bonus = sum(idf.get(t, 0.0) for words in whole for t in words)
        scores[i, n] = score + _PHRASE_WEIGHT * bonus
    return scores


def _interleaved(lists: Iterable[Iterable[str]]) -> list[str]:
    """Items of several ranked lists, best of each first, without repeats."""
    rows = zip_longest(*lists, fillvalue="")
    return list(dict.fromkeys(item for row in rows for item in row if item))


def _suggest(indexes: Sequence[SearchIndex], query: Query) -> tuple[str, ...]:
    """Keywords nearest the query by shared characters (Dice), the report's top keywords
    if none shares one."""
    keywords = _interleaved(x.keywords for x in indexes)
    others = sorted(
        {w for x in indexes for w in x.vocabulary if is_content_word(w)} - set(keywords)
    )
    wanted = set("".join(query.terms))

    def nearness(word: str) -> float:
        return 2 * len(wanted & set(word)) / (len(wanted) + len(set(word)))

    near = [w for w in keywords + others if wanted & set(w)]
    near.sort(key=nearness, reverse=True)  # stable: keywords stay ahead of equals
    return tuple((near or keywords)[:SUGGESTIONS])


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


def search(
    index_or_indexes: SearchIndex | Iterable[SearchIndex], query: str, limit: int = 10
) -> SearchResult:
    """Sentences of the indexed reports that match `query`, most relevant first (at most
    `limit`); when none matches, suggestions of nearby keywords instead.

    A sentence matches when it says at least one of the query's runs (words typed together),
    whole or with all its words, the run or a synonym (GDP: 国内生产总值 …): 低空经济 does not
    match a sentence that only shares 经济. Sentences saying more of the runs rank first, then
    those saying them whole, then by BM25."""
    if isinstance(index_or_indexes, SearchIndex):
        indexes: list[SearchIndex] = [index_or_indexes]
    else:
        indexes = list(index_or_indexes)
    parsed = parse_query(query, lambda word: any(word in x.vocabulary for x in indexes))
    scores = _scores(indexes, parsed)
    cover = {(i, n): coverage(partial(indexes[i].contains, n=n), parsed) for i, n in scores}
    matched = [key for key in scores if cover[key][0]]
    order = sorted(matched, key=lambda key: (-cover[key][0], -cover[key][1], -scores[key], key))
    ranked = order[: max(0, min(limit, MAX_LIMIT))]
    hits = tuple(indexes[i].hit(n, scores[i, n]) for i, n in ranked)
    words = tuple(dict.fromkeys(w for concept in parsed.concepts for w, _ in concept))
    suggestions = () if hits else _suggest(indexes, parsed)
    return SearchResult(parsed.text, hits, suggestions, tuple(dict.fromkeys(words + parsed.terms)))
