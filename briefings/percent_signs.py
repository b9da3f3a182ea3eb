"""A percent sign an export mangled, read back as one.

Some exports print every percent sign of a report as another token (增长13.3_M_M_, 增长8□: a
glyph the converter had no character for). Left so, every figure of the report loses its unit:
its growth rates and targets are read as bare numbers, or not at all. A report printing no
percent sign at all, whose one odd token stands after numbers where a percent does (after
增长, 下降, 比重, …率), prints it mangled: the token is read as the sign wherever it follows a
number, before anything reads the text, so figures, promises and search all see the sign."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .lazy_re import LazyPattern

# A run of characters after a number that are no digit, Chinese character, space or punctuation.
_AFTER_NUMBER = LazyPattern(
    r"(?<![0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?"
    r"(?P<token>[^\s\u3400-\u9fff\uf900-\ufaff0-9０-９.．,，。;；:：、!！()（）\[\]［］【】〔〕<>《》"
    r"\"“”'‘’—\-－~～/／+＋×·…∶]{1,8})"
)
# Just before the number: a word a percentage follows (增长13.3%, 比重达到60%, 失业率控制在4.5%).
_PERCENT_BEFORE = re.compile(
    r"(?:增长|下降|降低|减少|提高|上升|上涨|回落|增幅|涨幅|增速|比重|占比|率)[^0-9０-９，。；,;、]{0,4}$"
)
# Signs a number may carry besides the percent sign: units, never a mangled percent.
_UNIT_SIGNS = frozenset("‰℃℉°′″㎡㎞㎏㎜㎝㎎㎥㎖㎘")
# How often the token must stand where a percent does, and its share of all its places after a
# number: a sign recurs, a stray character does not.
MIN_PERCENT_PLACES = 3
MIN_PERCENT_SHARE = 0.5


def _mangled_sign(lines: Sequence[str]) -> str | None:
    """The one token the report prints where a percent sign stands, if it prints no sign."""
    if any("%" in line or "％" in line for line in lines):
        return None
    after: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    for line in lines:
        for match in _AFTER_NUMBER.finditer(line):
            token = match["token"]
            # letters are a unit or a name (km, kV, 5G, 4A): a mangled glyph is no word
            if token.isalpha() or set(token) & _UNIT_SIGNS:
                continue
            after[token] += 1
            placed[token] += bool(
                _PERCENT_BEFORE.search(line[max(0, match.start() - 8) : match.start()])
            )
    signs = [
        token
        for token, count in placed.items()
        if count >= MIN_PERCENT_PLACES and count >= MIN_PERCENT_SHARE * after[token]
    ]
    return signs[0] if len(signs) == 1 else None  # two candidates: no telling which is the sign


def mend_percent_signs(lines: tuple[str, ...]) -> tuple[str, ...]:
    """`lines` with a mangled percent sign after each number read as %; as they are otherwise."""
    token = _mangled_sign(lines)
    if token is None:
        return lines
    after_number = re.compile(rf"(?<=[0-9０-９]){re.escape(token)}")
    return tuple(after_number.sub("%", line) for line in lines)
