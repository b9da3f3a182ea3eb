"""The rule lexicons (briefings/data/*_words.yaml, stopwords.yaml), read once.

The rules' words live in data files, each list under a comment naming the shape of text it
serves; the code keeps the grammar (where a word must stand, what must follow it).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def _lexicon(name: str) -> dict[str, object]:
    text = resources.files("briefings").joinpath(f"data/{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"briefings/data/{name}.yaml is not a mapping")
    return data


def words(name: str, key: str) -> tuple[str, ...]:
    """One list of a lexicon, in its order."""
    found = _lexicon(name)[key]
    if not isinstance(found, list) or not all(isinstance(w, str) for w in found):
        raise ValueError(f"{key} in briefings/data/{name}.yaml is not a list of strings")
    return tuple(found)


def alternation(name: str, key: str) -> str:
    """A list as one regular-expression alternation: its entries may be small patterns."""
    return "|".join(words(name, key))


def pattern(name: str, key: str) -> re.Pattern[str]:
    return re.compile(alternation(name, key))


def years(name: str, key: str) -> dict[str, int]:
    """A mapping of words to years (five-year plans to their first year), in its order."""
    found = _lexicon(name)[key]
    if not isinstance(found, dict) or not all(isinstance(y, int) for y in found.values()):
        raise ValueError(f"{key} in briefings/data/{name}.yaml is not a mapping to years")
    return {str(word): year for word, year in found.items()}
