"""Keywords of a text by TF-IDF over jieba's words, with a stop-word list for government prose.

jieba is imported on first use only: it costs ~0.6 s and ~150 MB, and is needed when a report's
briefing is computed, never when it is read back from the cache or searched.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from types import ModuleType

from . import lexicon
from .lazy_re import LazyPattern
from .model import Report, Section

SECTION_KEYWORDS = 5
REPORT_KEYWORDS = 10

_CJK = LazyPattern(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9０-９]")
_ORDINAL_WORD = re.compile(r"^[一二三四五六七八九十]+[是个项条]?$")


@cache
def stopwords() -> frozenset[str]:
    """The keywords' stop words (briefings/data/stopwords.yaml)."""
    return frozenset(lexicon.words("stopwords", "keywords"))


@cache
def _jieba() -> ModuleType:
    jieba = importlib.import_module("jieba")
    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is debug output
    return jieba


def load_tables() -> None:
    """Load jieba's dictionary and IDF table now, not at the first sentence cut (a process
    forked afterwards has them: bot/library/warm_engine.py)."""
    _jieba().initialize()
    _idf()


@lru_cache(maxsize=32768)
def words(sentence: str) -> tuple[str, ...]:
    """jieba's segmentation of one sentence; memoised because summaries, keywords and the
    search index all read the same sentences."""
    return tuple(_jieba().lcut(sentence))


def is_content_word(word: str) -> bool:
    """A word that can say what a text is about: Chinese, two characters or more, no digits,
    not a numeral, not on the stop-word list."""
    return (
        len(word) >= 2
        and _CJK.search(word) is not None
        and _DIGIT.search(word) is None
        and _ORDINAL_WORD.match(word) is None
        and word not in stopwords()
    )


@cache
def _idf() -> tuple[dict[str, float], float]:
    import jieba.analyse

    table = jieba.analyse.default_tfidf
    return table.idf_freq, table.median_idf


def _counted_words(cut: tuple[str, ...]) -> Iterable[str]:
    """Content words, less those right after a number: jieba cuts "16.3万套" into "16.3" and
    "万套", and a measure word is never a topic."""
    for before, word in zip(("", *cut), cut, strict=False):
        if is_content_word(word) and _DIGIT.search(before) is None:
            yield word


@lru_cache(maxsize=32768)
def counted_words(sentence: str) -> tuple[str, ...]:
    """The words of `sentence` that count towards keywords; memoised: a sentence is counted
    for its section, each section above it and the whole report."""
    return tuple(_counted_words(words(sentence)))


def weights(sentences: Iterable[str]) -> dict[str, float]:
    """TF-IDF weight of each content word of `sentences`, with jieba.analyse's IDF table
    (the same weighting as `jieba.analyse.extract_tags`, over words already cut)."""
    counts = Counter(w for s in sentences for w in counted_words(s))
    total = sum(counts.values()) or 1
    idf, median = _idf()
    return {w: n / total * idf.get(w, median) for w, n in counts.items()}


def top_keywords(weighted: dict[str, float], count: int) -> list[str]:
    """The `count` heaviest words; ties go to the word seen first, so the result is stable."""
    ranked = sorted(weighted.items(), key=lambda item: -item[1])
    return [word for word, _ in ranked[:count]]


def section_sentences(section: Section) -> list[str]:
    """What a section says, headings included: its title and the sentences of its subtree."""
    titles = [node.title for node in section.walk()]
    return titles + section.subtree_sentences()


def report_sentences(report: Report) -> list[str]:
    """What the whole report says: the preamble, then every section's titles and sentences."""
    everything = list(report.preamble_sentences)
    for section in report.sections:
        everything += section_sentences(section)
    return everything
