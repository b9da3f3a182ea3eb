"""Telegram HTML as terminal text, for the local chat and `briefing-bot add`.

Its own module so that `add` prints a briefing without loading the Telegram library that the
local chat needs (~0.3 s of every `add` run).
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram HTML as terminal text: links as `text (url)`, other tags dropped."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", text)
    return html.unescape(_TAG.sub("", text))
