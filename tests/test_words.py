"""The catalogue of the bot's own words: every language says the same things."""

from __future__ import annotations

import shutil
from pathlib import Path
from string import Formatter

import pytest

from briefings import cache
from briefings.words import LANGUAGES, catalogue


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


def test_the_catalogue_is_not_in_the_cache_fingerprint(tmp_path: Path) -> None:
    """Editing a message changes no briefing: the cache must not be rebuilt for it; editing a
    rule still does."""
    package = tmp_path / "briefings"
    shutil.copytree(
        Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    before = cache.fingerprint_of(package)
    for edited in ("data/words/en.yaml", "data/words/zh.yaml", "words.py"):
        with (package / edited).open("a", encoding="utf-8") as file:
            file.write("\n# reworded\n")
    assert cache.fingerprint_of(package) == before
    with (package / "render.py").open("a", encoding="utf-8") as file:
        file.write("\n# a changed rule\n")
    assert cache.fingerprint_of(package) != before
