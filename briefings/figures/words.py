"""The word lists that steer figure extraction, read once from briefings/data (the labels'
stop words from the one stop-word file, stopwords.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..lexicon import words


@dataclass(frozen=True)
class FigureWords:
    slogans: frozenset[str]
    stopwords: frozenset[str]
    generic_nouns: frozenset[str]


@cache
def figure_words() -> FigureWords:
    text = resources.files("briefings").joinpath("data/figure_words.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return FigureWords(
        slogans=frozenset(data["slogans"]),
        stopwords=frozenset(words("stopwords", "labels")),
        generic_nouns=frozenset(data["generic_nouns"]),
    )
