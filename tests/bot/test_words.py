"""The catalogue of the bot's own words: every language says the same things."""

from __future__ import annotations

from importlib import resources
from string import Formatter

import pytest
import yaml

from bot.present.words import LANGUAGES, catalogue, flatten


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    chinese = catalogue("zh").messages
    for language in LANGUAGES:
        messages = catalogue(language).messages
        assert sorted(messages) == sorted(chinese), language
        differ = [k for k in chinese if _placeholders(messages[k]) != _placeholders(chinese[k])]
        assert not differ, f"{language}: placeholders differ in {differ}"


def test_every_message_formats_and_says_something() -> None:
    for language in LANGUAGES:
        words = catalogue(language)
        for key, text in words.messages.items():
            filled = words(key, **dict.fromkeys(_placeholders(text), "X"))
            assert filled.strip() and "{" not in filled, (language, key)


def test_an_unknown_language_or_key_is_an_error() -> None:
    with pytest.raises(ValueError):
        catalogue("xx")
    with pytest.raises(KeyError):
        catalogue("en")("no.such.key")


def test_the_catalogue_reads_as_pyyaml_safe_loading_reads_it() -> None:
    """libyaml reads the catalogue at start-up (faster): every message as the pure-Python
    safe loader reads it, spaces, quotes and line breaks included."""
    for language in LANGUAGES:
        path = resources.files("bot.present") / "data" / "words" / f"{language}.yaml"
        assert catalogue(language).messages == flatten(yaml.safe_load(path.read_text("utf-8")))
