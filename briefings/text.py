"""Text helpers shared by the parser: punctuation folding, numerals, sentences."""

from __future__ import annotations

import re

# Full-width ASCII forms (！ to ～) and the ideographic space fold to their half-width twins,
# so structure is recognised alike in either form; the printed text is never replaced.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』)）]*|$)")


def fold(text: str) -> str:
    """Half-width view of `text` for pattern matching; same length as the input."""
    return text.translate(_FOLD)


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
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
