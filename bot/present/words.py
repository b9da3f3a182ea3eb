"""The bot's own words (headings, replies, buttons, errors) in each language it speaks.

A report's text is quoted as printed, whatever the language: only what the bot adds around it
comes from here. Each language is one YAML file under data/words/, nested keys read as dotted
names ("reply.browse"); every file has the same keys with the same {placeholders}
(tests/bot/test_words.py). YAML rather than Python dicts: the catalogue is data a translator edits
side by side, with no code to break, and pyyaml is already a dependency.

These files shape no briefing: they live outside briefings/, so the cache fingerprint
(briefings/cache.py) never sees them and rewording a message rebuilds no cached briefing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

DEFAULT_LANGUAGE = "zh"
_NUMBER_FORMS = re.compile(r"\[([^\[\]|{}]*)\|([^\[\]|{}]*)\]")  # [one|other]
LANGUAGES = ("zh", "en")  # the order /lang offers them in


class Words:
    """One language's messages: `words("reply.cut_short", shown=5, more=...)`."""

    def __init__(self, language: str, messages: Mapping[str, str]) -> None:
        self.language = language
        self.messages = dict(messages)

    def __call__(self, key: str, **values: object) -> str:
        """The message under `key` with `values` filled in; a missing key is a KeyError. A
        message with a {count} may say `[one|other]` (1 [report is|reports are]): the first
        form when the count is 1, else the second."""
        text = self.messages[key].format_map(values)
        count = values.get("count")
        if isinstance(count, int) and "|" in text:
            text = _NUMBER_FORMS.sub(lambda m: m.group(1 if count == 1 else 2), text)
        return text


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Nested mappings as one level of dotted keys; every leaf must be a string."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise TypeError(f"words: {name} is not a string")
    return flat


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> Words:
    """The messages of `language` (one of LANGUAGES), read once."""
    if language not in LANGUAGES:
        raise ValueError(f"no catalogue for language {language!r}")
    path = resources.files("bot.present") / "data" / "words" / f"{language}.yaml"
    # libyaml's parser when pyyaml has it: both catalogues are read at every start (the
    # menus), ~20 ms each in pure Python, ~3 ms in C; the same safe loading either way.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Words(language, flatten(yaml.load(path.read_text(encoding="utf-8"), Loader=loader)))


def spoken(language: str | None) -> Words:
    """The catalogue of a chat's stored language; the default for none, or for one this
    version no longer speaks."""
    return catalogue(language if language in LANGUAGES else DEFAULT_LANGUAGE)


CHINESE = catalogue(DEFAULT_LANGUAGE)  # what renderers say unless told another language
