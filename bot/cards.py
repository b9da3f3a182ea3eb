"""Briefing cards, rendered once per report (and per enrichment state) and kept.

Rendering takes ~100 ms of CPU, so it runs in a worker thread; once Telegram has the photo,
its file_id is reused instead of uploading the bytes again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from briefings.model import Report
from briefings.words import CHINESE, Words


def card_key(report: Report) -> str:
    # A report's figures arrive after start-up: the card drawn before them is not the final one.
    return f"{report.digest}:{len(report.metrics)}"


@dataclass
class CardCache:
    font_path: str | None = None
    pngs: dict[str, bytes] = field(default_factory=dict)
    file_ids: dict[str, str] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def photo(self, report: Report) -> str | bytes:
        """What to send as the photo: Telegram's file_id once known, else the PNG bytes."""
        key = card_key(report)
        if key in self.file_ids:
            return self.file_ids[key]
        async with self._locks.setdefault(key, asyncio.Lock()):
            if key not in self.pngs:
                from briefings.card import render_card  # Pillow: only once a card is asked for

                self.pngs[key] = await asyncio.to_thread(render_card, report, self.font_path)
        return self.pngs[key]

    def remember(self, report: Report, file_id: str) -> None:
        self.file_ids[card_key(report)] = file_id


def card_caption(report: Report, words: Words = CHINESE) -> str:
    """A short caption (Telegram allows 1,024 characters): title, issuer and date, contents."""
    meta = report.meta
    when = meta.published or meta.signed
    byline = " · ".join(part for part in (meta.issuer, when.isoformat() if when else None) if part)
    keys = sum(1 for figure in report.metrics if figure.key)
    contents = words("card.contents", keys=keys, plans=len(report.plan.items))
    caption = "\n".join(part for part in (meta.title or report.source, byline, contents) if part)
    return caption[:1024]
