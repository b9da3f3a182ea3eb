"""A figure's bound, read from the words printed around its number: 5%左右 is about 5%,
不低于2000亿元 at least, 控制在5%以内 at most, 突破110万辆 more than, 6%－6.5% a range.

The words are read where they stand: inside the figure as printed (近3.3万, 620多万套, 8%以上),
just after it, across a shared list (分别增长5%和7%左右: both about, 控制在5%和3%以内: both at
most), and just before it (不低于, 不超过, 控制在). A comparison with another figure is no bound
of this one: 略低于8%的预定目标 states the target itself.
"""

from __future__ import annotations

import re
from typing import get_args

from ..model import Bound
from . import patterns as p

BOUNDS: tuple[Bound, ...] = get_args(Bound)
# The sign a reply shows before a figure whose printed text does not say its bound itself.
SIGNS: dict[Bound, str] = {
    "about": "≈", "at_least": "≥", "at_most": "≤", "more_than": ">", "less_than": "<",
}  # fmt: skip

# Words that say a bound, each with what it says; longer words first where they overlap.
_AFTER: dict[str, Bound] = {"左右": "about", "上下": "about", "以上": "at_least",
                            "以内": "at_most", "以下": "at_most",
                            # 增长10%或者更多一些, 10%或更多: the figure or more, a floor.
                            "或者更多一些": "at_least", "或更多一些": "at_least",
                            "或者更多": "at_least", "或更多": "at_least"}  # fmt: skip
_BEFORE: dict[str, Bound] = {
    "不低于": "at_least", "不少于": "at_least", "不小于": "at_least", "至少": "at_least",
    "不超过": "at_most", "不高于": "at_most", "不多于": "at_most", "最多": "at_most",
    "控制在": "at_most", "最高达": "at_most", "最高": "at_most",
    "不到": "less_than", "不足": "less_than", "低于": "less_than", "少于": "less_than",
    "小于": "less_than",
    "超过": "more_than", "突破": "more_than", "高于": "more_than", "多于": "more_than",
    "大于": "more_than", "逾": "more_than", "超": "more_than", "首破": "more_than",
    "接近": "about", "将近": "about", "近": "about", "约": "about",
    # 达到或略高于10%, 达到或超过: reached or passed, a floor.
    "或略高于": "at_least", "或高于": "at_least", "或超过": "at_least",
}  # fmt: skip
_BEFORE_WORDS = re.compile(rf"(?:{p.bound_words(_BEFORE)})(?:分别)?$")
_AFTER_WORDS = re.compile(p.alternation(_AFTER))
_LEADING = re.compile(p.bound_words(_BEFORE))
# 620多万套, 3000余家, 1万多个, 4亿余元: more than the number printed (not 余额, a balance).
# 十余所高校: a Chinese numeral too.
_MULTIPLIED = rf"(?:{p.ARABIC}|{p.CN_NUMERAL})(?:{p.alternation(p.MULTIPLIERS)})?"
# 增长一倍多: more than the multiple printed.
# 翻了一番多, 四成多: more than the doubling or the tenths printed.
_MORE_INSIDE = re.compile(
    rf"{_MULTIPLIED}\s?[多余](?!额)|[多余](?:{p.alternation(p.MULTIPLIERS)})|[倍番成]多"
)
# 进入ESI排名前1%, 退出全省后30位: a band of the top or the bottom, its edge printed.
_BAND_EDGE = re.compile(r"(?<![0-9])[前后]$")
_BAND_UNITS = ("%", "位", "名")
# 破万亿元: a magnitude passed (the scanner takes 破 only where it is no part of 突破, 打破).
_PASSED = re.compile("[破过]")
# The other members of a list sharing one bound word: 5%和7%左右, 5%、6.5%左右 (of the same
# unit: in 2家、500亿元以上 the 以上 bounds the 500亿元 alone).
_LIST_TAIL = re.compile(
    rf"(?:[、和及与](?:{p.ARABIC})(?:{p.alternation(p.MULTIPLIERS)})?"
    rf"(?P<unit>{p.alternation(p.UNITS)})?)+"
)
# The members after the first of a 分别 list whose bound is printed before it (合格率分别超98%、99%).
_LIST_HEAD = re.compile(
    rf"分别(?P<word>{p.alternation(_BEFORE)})(?:{_MULTIPLIED}(?:{p.alternation(p.UNITS)})?[、和及与])+$"
)
# A comparison word before a figure followed by 的 compares with it: 低于8%的预定目标 (an
# approximation does not: 近一半的土地).
_COMPARED = re.compile("的")
# 控制在 gives a ceiling only when nothing after the figure says otherwise (控制在3%左右).
_CEILING = "控制在"


def read_bound(text: str, start: int, end: int, qualifier: str = "", unit: str = "") -> Bound:
    """The bound of the figure of `unit` printed at text[start:end] (`text`: its folded
    sentence)."""
    if qualifier == "range":
        return "range"
    raw = text[start:end]
    if qualifier == "rank" and (p.RANK_BAND.fullmatch(raw) or raw.endswith("强")):
        return "at_most"  # 居全国前10位: the 10th place or better
    for word, bound in _AFTER.items():
        if raw.endswith(word):
            return bound
    leading = _LEADING.match(raw)
    if leading:
        # The word may end a longer one printed before the figure (不超过): read them whole.
        said = _BEFORE_WORDS.search(text[max(start - 5, 0) : start + leading.end()])
        return _BEFORE[said.group().removesuffix("分别") if said else leading.group()]
    if _MORE_INSIDE.search(raw) or _PASSED.match(raw) or raw.endswith("强"):
        return "more_than"  # 1/5强: a little more than a fifth
    if unit in _BAND_UNITS and _BAND_EDGE.search(text, 0, start):
        return "at_most"
    head = _LIST_HEAD.search(text, 0, start)
    if head:
        return _BEFORE[head["word"]]  # 分别超98%、99%: the bound before the list governs it
    rest = text[end:]
    listed = _LIST_TAIL.match(rest)
    shared = listed and (not listed["unit"] or unit.endswith(listed["unit"][-1:]))
    after = _AFTER_WORDS.match(rest, listed.end() if listed and shared else 0)
    if after:
        return _AFTER[after.group()]
    before = _BEFORE_WORDS.search(text[max(start - 5, 0) : start])
    if before is None:
        return "exact"
    word = before.group().removesuffix("分别")
    if _COMPARED.match(rest) and _BEFORE[word] != "about":
        return "exact"  # 低于8%的预定目标 compares; 近一半的土地 is about half
    return _BEFORE[word]


def shown_sign(bound: Bound, raw: str) -> str:
    """The sign to show before `raw` when it does not print its bound itself: 5% stored from
    控制在5%以内 reads ≤5%; 5%左右 reads as printed."""
    if bound not in SIGNS:
        return ""
    if any(word in raw for word in (*_AFTER, *_BEFORE)) or _MORE_INSIDE.search(raw):
        return ""
    return SIGNS[bound]
