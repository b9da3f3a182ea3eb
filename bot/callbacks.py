"""Inline-button payloads: ids only, well under Telegram's 64-byte callback_data limit.

A payload names its kind, the report (by a digest prefix) and one argument, so a tap still means
the same thing after the chat switches reports, and a stale or forged one is recognised.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64
DIGEST_PREFIX = 12
KINDS = frozenset({"menu", "toc", "sec", "met"})


class CallbackDataError(ValueError):
    """A payload would not fit Telegram's limit."""


@dataclass(frozen=True)
class Callback:
    kind: str
    digest: str
    arg: str


def encode(kind: str, digest: str = "", arg: str = "") -> str:
    data = f"{kind}:{digest[:DIGEST_PREFIX]}:{arg}"
    if len(data.encode()) > MAX_BYTES:
        raise CallbackDataError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The payload, or None when it is not one this bot writes."""
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] not in KINDS:
        return None
    return Callback(*parts)


def pattern(kind: str) -> str:
    return rf"^{kind}:"
