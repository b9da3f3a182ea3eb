"""Regular expressions compiled when first used.

sre compiles a character class reaching past Latin-1 (every class of Chinese characters) with a
Python loop over a 65,536-entry map: 1–2 ms a class. Compiled at import, the patterns of the
domain cost the bot's start-up ~13 ms before its first reply, which uses none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A pattern compiled by its first use; from then on as fast as the compiled one, whose
    methods become this object's own attributes (no lookup through this class)."""

    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # as re.Pattern.pattern: other patterns are built from it
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for a name not set yet: one of _METHODS before the first use.
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
