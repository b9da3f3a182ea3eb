"""A pattern compiled on first use answers as the compiled pattern does."""

from __future__ import annotations

import re

import pytest

from briefings.lazy_re import LazyPattern

TEXT = "南昌市2020年GDP增长3.6%，城镇新增就业5.3万人。Nanchang grew."
SOURCE = r"[0-9a-z\u3400-\u9fff]+"


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("search", (TEXT,)),
        ("search", (TEXT, 5, 20)),
        ("match", (TEXT,)),
        ("fullmatch", ("南昌市",)),
        ("findall", (TEXT,)),
        ("split", (TEXT,)),
        ("sub", ("_", TEXT)),
        ("subn", ("_", TEXT)),
    ],
)
def test_a_lazy_pattern_answers_as_the_compiled_one(method: str, args: tuple[object, ...]):
    lazy, compiled = LazyPattern(SOURCE, re.IGNORECASE), re.compile(SOURCE, re.IGNORECASE)
    for _ in range(2):  # compiling on the first call, then the compiled pattern's own method
        mine, theirs = getattr(lazy, method)(*args), getattr(compiled, method)(*args)
        if isinstance(theirs, re.Match):
            assert isinstance(mine, re.Match) and mine.span() == theirs.span()
        else:
            assert mine == theirs


def test_a_lazy_pattern_is_compiled_by_its_first_use_and_not_before():
    lazy = LazyPattern(SOURCE)
    assert lazy.pattern == SOURCE  # read without compiling: other patterns are built from it
    assert "search" not in vars(lazy)
    assert [m.group() for m in lazy.finditer("gdp 增长")] == ["gdp", "增长"]
    assert "search" in vars(lazy) and "finditer" in vars(lazy)
    with pytest.raises(AttributeError):
        lazy.groupindex  # noqa: B018 — only the methods are the compiled pattern's
