"""Inline-button payloads: ids only, well under Telegram's 64-byte callback_data limit.

A payload names its kind, the report (by a digest prefix) and one argument, so a tap still means
the same thing after the chat switches reports. `decode` is the one parser of what a tap
carries: a stale or forged payload (any that this bot could not have written) is None, so a
handler reads only well-formed digests, section ids and page numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

MAX_BYTES = 64
DIGEST_PREFIX = 12
_DIGEST = rf"[0-9a-f]{{{DIGEST_PREFIX}}}"
_PAGE = r"(?:0|[1-9][0-9]{0,4})"
COMPARE_SEPARATOR = "~"
# The buttons this bot writes: its menu, a report's contents, section, figures page, a topic
# alert's report, a follow to end, a language, a page of /reports, a report to use, a page of
# /compare, a /promises pair, a page of search results, a report's full summary, a push time.
ButtonKind = Literal[
    "menu", "toc", "sec", "met", "open", "unf", "lang", "rep", "use", "cmp", "prm", "fnd", "sum",
    "sub",
]  # fmt: skip
# What each kind's digest and argument look like when this bot writes them (ASCII only: the
# digits of `str.isdigit` include ² and ٣, which int() refuses or reads as another number).
_SHAPES: dict[ButtonKind, re.Pattern[str]] = {
    "menu": re.compile(r"menu::[a-z]{1,16}", re.ASCII),
    "toc": re.compile(rf"toc:{_DIGEST}:(?:{_PAGE})?", re.ASCII),
    "sec": re.compile(rf"sec:{_DIGEST}:[0-9]+(?:\.[0-9]+)*", re.ASCII),
    "met": re.compile(rf"met:{_DIGEST}:{_PAGE}", re.ASCII),
    "open": re.compile(rf"open:{_DIGEST}:", re.ASCII),  # a topic alert's report
    "unf": re.compile(r"unf::[1-9][0-9]{0,11}", re.ASCII),  # a follow to end
    "lang": re.compile(r"lang::[a-z]{2}", re.ASCII),
    "rep": re.compile(rf"rep::{_PAGE}", re.ASCII),  # a page of /reports
    "use": re.compile(rf"use:{_DIGEST}:", re.ASCII),  # choose this report
    # a page of /compare: the page, then the words compared (any text but the separator)
    "cmp": re.compile(rf"cmp::{_PAGE}{COMPARE_SEPARATOR}[^:{COMPARE_SEPARATOR}]+"),
    # an indicator's sentences (1-999), the plan review (p) or the whole page (s) of a
    # /promises pair: the earlier report, then the later one's digest prefix
    "prm": re.compile(rf"prm:{_DIGEST}:{_DIGEST}-(?:p|s|[1-9][0-9]{{0,2}})", re.ASCII),
    "fnd": re.compile(rf"fnd:{_DIGEST}:[0-9a-f]{{8}}-{_PAGE}", re.ASCII),  # search key-page
    "sum": re.compile(rf"sum:{_DIGEST}:", re.ASCII),  # the full summary of the one-screen one
    "sub": re.compile(r"sub::(?:[01][0-9]|2[0-3])[0-5][0-9]", re.ASCII),  # a daily push at HHMM
}
KINDS: frozenset[ButtonKind] = frozenset(get_args(ButtonKind))
# A tap's kind as printed, to the kind it names (a payload is text until decoded).
_BY_NAME: dict[str, ButtonKind] = {kind: kind for kind in _SHAPES}


class CallbackDataError(ValueError):
    """A payload would not fit Telegram's limit."""


@dataclass(frozen=True)
class ButtonData:
    """What a tapped button carries: its kind, the report's digest prefix and one argument."""

    kind: ButtonKind
    digest: str
    arg: str

    @property
    def page(self) -> int:
        """The page a toc or met button names (0 when it names none)."""
        return int(self.arg or 0)


def encode(kind: ButtonKind, digest: str = "", arg: str = "") -> str:
    data = f"{kind}:{digest[:DIGEST_PREFIX]}:{arg}"
    if len(data.encode()) > MAX_BYTES:
        raise CallbackDataError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> ButtonData | None:
    """The payload, or None when it is not one this bot writes."""
    data = data or ""
    kind = _BY_NAME.get(data.partition(":")[0])
    if kind is None or len(data.encode()) > MAX_BYTES or not _SHAPES[kind].fullmatch(data):
        return None
    _, digest, arg = data.split(":")
    return ButtonData(kind, digest, arg)


def pattern(kind: ButtonKind) -> str:
    return rf"^{kind}:"
