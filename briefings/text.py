"""Text helpers shared by the parser: punctuation folding, numerals, sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from .lazy_re import LazyPattern

# Full-width ASCII forms (！ to ～) and the ideographic space fold to their half-width twins,
# so structure is recognised alike in either form; the printed text is never replaced.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』)）]*|$)")


# Only a few distinct wide characters occur in a line (，（）：；): replacing those is much
# faster than str.translate, which looks every CJK character up in its table.
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_HALF = {chr(wide): chr(half) for wide, half in _FOLD.items()}
_CJK = LazyPattern("[\u4e00-\u9fff]")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Half-width view of `text` for pattern matching; same length as the input.

    Each stage of a parse folds the same lines again, hence the cache. It is pure, so the
    cache is shared by every parse and thread alike; a timing bench clears it itself."""
    for wide in set(_WIDE.findall(text)):
        text = text.replace(wide, _HALF[wide])
    return text


def cn_number(numeral: str) -> int | None:
    """Value of a Chinese numeral such as 十一 or 二十三, or None if it is not one."""
    import cn2an  # ~95 ms to import: only pay it when a numeral needs reading

    try:
        value = cn2an.cn2an(numeral, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


def sentences(text: str) -> list[str]:
    """Split into sentences, each kept verbatim with its closing punctuation."""
    result: list[str] = []
    for line in text.splitlines():
        result.extend(s.strip() for s in _SENTENCE.findall(line) if s.strip())
    return result


def first_sentence(text: str) -> str:
    """Text up to and excluding the first 。 (the lead phrase of an item)."""
    head = re.split(r"[。！？!?]", text, maxsplit=1)[0]
    return head.strip()


def cjk_count(text: str) -> int:
    return len(text) - len(_CJK.sub("", text))  # no list of every character
