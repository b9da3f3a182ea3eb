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


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` pixels (hanging punctuation aside)."""
    return _fill(_tokens(text, font, width), font, width)


def title_wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """As few lines as `wrap`, broken after a clause when that fits, else evenly balanced."""
    lines = wrap(text, font, width)
    if len(lines) < 2:
        return lines
    by_clause = _fill(_CLAUSES.findall(text.replace("\n", " ")), font, width)
    if len(by_clause) == len(lines) and all(font.getlength(ln) <= width for ln in by_clause):
        return by_clause
    low, high = 0.0, float(width)
    for _ in range(_BALANCE_STEPS):
        middle = (low + high) / 2
        if len(wrap(text, font, middle)) > len(lines):
            low = middle
        else:
            high = middle
    return wrap(text, font, high)


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


def _tokens(text: str, font: ImageFont.FreeTypeFont, width: float) -> Iterator[str]:
    for token in _TOKENS.findall(text.replace("\n", " ")):
        if len(token) > 1 and font.getlength(token) > width:
            yield from token
        else:
            yield token


def _split_openers(line: str) -> tuple[str, str]:
    cut = len(line)
    while cut > 1 and line[cut - 1] in _NO_LINE_END:
        cut -= 1
    return line[:cut], line[cut:]
