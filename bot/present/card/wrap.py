"""Line breaking for Chinese text in a pixel width, with the usual punctuation rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PIL import ImageFont

# Latin words and numbers stay whole (2020-2025, file names) unless wider than a line.
_TOKENS = re.compile(r"[A-Za-z0-9_.,%\-/]+|\s+|.", re.DOTALL)
# Closing marks hang at the end of a line; opening marks move down with what they open.
_NO_LINE_START = set("，。、；：！？）》」』”’〕】,.;:!?)%")
_NO_LINE_END = set("（《「『“‘〔【(")
_CLAUSES = re.compile(r"[^,，、;；:：]+[,，、;；:：]*|[,，、;；:：]+")
_BALANCE_STEPS = 8
# Where a report's title may break without splitting a word: after 关于, a year (2020年度),
# a place (南昌市, 河北省), 的, 、; before the kind of document (政府工作报告, 工作报告, 的报告).
_TITLE_BREAKS = re.compile(
    r"(?<=关于)|(?<=[0-9]年度)|(?<=[0-9]年)(?!度)|(?<=[省市县区州旗])(?=[^省市县区州委政人级0-9])"
    r"|(?=的)|(?<=的)|(?<=、)|(?=(?:人民)?政府工作报告|工作报告|国务院|人民政府)"
)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, words: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` pixels (hanging punctuation aside);
    with `words`, only where a title may break (a word wider than a line still breaks)."""
    return _fill(_tokens(text, font, width, words), font, width)


def title_wrap(
    text: str, font: ImageFont.FreeTypeFont, width: float, words: bool = False
) -> list[str]:
    """As few lines as `wrap`, broken after a clause when that fits, else evenly balanced;
    with `words`, never inside a word (the report's title)."""
    lines = wrap(text, font, width, words)
    if len(lines) < 2:
        return lines
    by_clause = _fill(_CLAUSES.findall(text.replace("\n", " ")), font, width)
    if len(by_clause) == len(lines) and all(font.getlength(ln) <= width for ln in by_clause):
        return by_clause
    # Balanced lines never narrower than the widest word: it would be split.
    widest = max((font.getlength(t) for t in _TITLE_BREAKS.split(text) if t), default=0.0)
    low, high = (min(widest, float(width)) if words else 0.0), float(width)
    for _ in range(_BALANCE_STEPS):
        middle = (low + high) / 2
        if len(wrap(text, font, middle, words)) > len(lines):
            low = middle
        else:
            high = middle
    return wrap(text, font, high, words)


def _fill(tokens: Iterable[str], font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in tokens:
        if not line or token in _NO_LINE_START or font.getlength(line + token) <= width:
            line += token
            continue
        kept, carried = _split_openers(line)
        lines.append(kept.rstrip())
        line = carried + token.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _tokens(
    text: str, font: ImageFont.FreeTypeFont, width: float, words: bool = False
) -> Iterator[str]:
    text = text.replace("\n", " ")
    pieces = _TITLE_BREAKS.split(text) if words else _TOKENS.findall(text)
    for token in filter(None, pieces):
        if len(token) > 1 and font.getlength(token) > width:
            yield from token
        else:
            yield token


def _split_openers(line: str) -> tuple[str, str]:
    cut = len(line)
    while cut > 1 and line[cut - 1] in _NO_LINE_END:
        cut -= 1
    return line[:cut], line[cut:]
