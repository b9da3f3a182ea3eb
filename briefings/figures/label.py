"""What a figure measures: a short phrase built from the words of its clause (jieba.posseg)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from . import patterns as p
from .scan import Found
from .words import figure_words

LABEL_MAX = 16
RANK_WORD = "排名"
# Own words this short and noun-less (同比增长, 共) cannot name what a figure measures.
BORROW_MAX = 4
# Parts of speech that never say what is measured: numerals, measure words, time and place
# words, prepositions, particles, conjunctions, pronouns, adverbs, interjections, punctuation.
_DROP_FLAGS = ("q", "t", "f", "p", "u", "c", "r", "x", "d", "y", "e", "o", "w")
_NOUN_FLAGS = ("n", "vn", "eng")
_BRACKETED = re.compile(r"\([^()]*\)|“[^”]*”")
_NOISE = re.compile(r"\([^()]*\)|[0-9][0-9., ]*(?:年度|年初|年底|年|月|日|号)?")


@dataclass(frozen=True)
class Word:
    text: str
    flag: str

    @property
    def is_noun(self) -> bool:
        return self.flag.startswith(_NOUN_FLAGS) or self.flag == "nz"


@cache
def _posseg() -> ModuleType:
    # Imported here: loading jieba costs ~0.6 s, which importing briefings must not pay.
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def label_figures(text: str, found: list[Found]) -> list[str]:
    """A label for each figure of the folded sentence `text`, in order."""
    labels: list[str] = []
    for index, figure in enumerate(found):
        label = _label(text, found, index, labels[-1] if labels else "")
        if figure.qualifier == "rank" and RANK_WORD not in label:
            label += RANK_WORD
        labels.append(label)
    return labels


def _label(text: str, found: list[Found], index: int, previous: str) -> str:
    left, right = _context(text, found, index)
    attributive = text[: found[index].start].rstrip().endswith("的")
    before, after = _compose(left, right, attributive)
    own = "".join(word.text for word in before + after)
    if previous and len(own) <= BORROW_MAX and not any(w.is_noun for w in before + after):
        # 共1193项, 同比增长55%: the thing counted was named by the figure before.
        previous = previous.removesuffix(RANK_WORD)
        before, after = [Word(previous, "n")], ([] if own in previous else before + after)
    return "".join(word.text for word in _fit(before, after))


def _context(text: str, found: list[Found], index: int) -> tuple[list[Word], list[Word]]:
    """Words of the clause before and after the figure, stopping at its neighbours."""
    figure = found[index]
    breaks = [m.start() for m in p.CLAUSE_BREAK.finditer(text)]
    start = max([b + 1 for b in breaks if b < figure.start], default=0)
    end = min([b for b in breaks if b >= figure.end], default=len(text))
    if index > 0:
        start = max(start, found[index - 1].end)
    if index + 1 < len(found):
        end = min(end, found[index + 1].start)
    end = min(end, _list_break(text, figure.end))
    if text.startswith("每", figure.start):
        # 每2名执法人员配备1台: the words between the two numbers say what is rationed.
        return _words(text[figure.start + 1 : figure.end]), []
    return _words(text[start : figure.start]), _words(text[figure.end : end])


def _list_break(text: str, start: int) -> int:
    """In a list of figures (视频探头5万路、整合接入…7万路) the next item is not this one's;
    a 、 inside brackets or quotes (法治县(市、区)) separates nothing here."""
    masked = _BRACKETED.sub(lambda m: "_" * len(m.group()), text)
    found = masked.find("、", start)
    return len(text) if found < 0 else found


@cache
def _atoms() -> re.Pattern[str]:
    """Quoted names, titles and known slogans: kept whole rather than segmented."""
    slogans = p.alternation(figure_words().slogans)
    return re.compile(
        rf"“(?P<quoted>[^”]{{1,12}})”|《(?P<title>[^》]{{1,20}})》|(?P<slogan>{slogans})"
    )


def _words(fragment: str) -> list[Word]:
    words: list[Word] = []
    position = 0
    for atom in _atoms().finditer(fragment):
        words += _segment(fragment[position : atom.start()])
        words.append(Word(next(group for group in atom.groups() if group), "nz"))
        position = atom.end()
    return words + _segment(fragment[position:])


def _segment(fragment: str) -> list[Word]:
    cleaned = _NOISE.sub(" ", fragment).strip()
    return [Word(w.word, w.flag) for w in _posseg().cut(cleaned)] if cleaned else []


def _content(words: list[Word]) -> list[Word]:
    stopwords = figure_words().stopwords
    return [w for w in words if not w.flag.startswith(_DROP_FLAGS) and w.text not in stopwords]


def _compose(
    left: list[Word], right: list[Word], attributive: bool
) -> tuple[list[Word], list[Word]]:
    """Number before its noun (15个法治文化公园) labels with the noun; else the clause around it."""
    before, after = _content(left), _content(right)
    run = _noun_run(right)
    generic = figure_words().generic_nouns
    # A lone short noun (十一大任务, 3个链条) needs the clause before it to say what it is.
    telling = sum(len(word.text) for word in run) > 2 and not all(w.text in generic for w in run)
    if before and telling:
        return (before[-1:] if attributive else []), run
    return before, after


def _noun_run(words: list[Word]) -> list[Word]:
    run: list[Word] = []
    for word in words:
        if not word.is_noun:
            break
        run.append(word)
    return run


def _fit(before: list[Word], after: list[Word]) -> list[Word]:
    """Drop the words farthest from the figure until the label is short enough."""
    before, after = list(before), list(after)
    while len(before) + len(after) > 1 and sum(len(w.text) for w in before + after) > LABEL_MAX:
        if len(before) > 1 or not after:
            before.pop(0)
        else:
            after.pop()
    return before + after
