"""Briefing cards, rendered once per report (and per briefing state) and kept.

Rendering takes ~100 ms of CPU, so it runs in a worker thread; once Telegram has the photo,
its file_id is reused instead of uploading the bytes again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.present.words import CHINESE, Words
from briefings.briefing import Briefing
from briefings.model import Metric, Report

if TYPE_CHECKING:
    from briefings.promises import Promises


@dataclass(frozen=True)
class CardSubject:
    """What a card shows: the report and its figures (none while it is not briefed), and the
    promises of its pair with the same place's report of the adjacent year, when there is one
    (a panel in the chat's words)."""

    report: Report
    metrics: tuple[Metric, ...] = ()
    promises: Promises | None = None
    words: Words = CHINESE

    @classmethod
    def of(
        cls,
        report: Report,
        briefing: Briefing | None,
        promises: Promises | None = None,
        words: Words = CHINESE,
    ) -> CardSubject:
        metrics = briefing.metrics if briefing is not None else ()
        return cls(report, metrics, promises if promises and promises.items else None, words)

    @property
    def key(self) -> str:
        # A report's figures arrive after start-up: the card drawn before them is not the
        # final one. A card is drawn in the chat's language.
        key = f"{self.report.digest}:{len(self.metrics)}:{self.words.language}"
        found = self.promises
        if found is None:
            return key
        counts = "-".join(str(found.count(v)) for v in ("met", "missed", "not_reported", "unclear"))
        return f"{key}:{found.year}:{counts}"


@dataclass
class CardCache:
    font_path: str | None = None
    pngs: dict[str, bytes] = field(default_factory=dict)
    file_ids: dict[str, str] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def photo(self, subject: CardSubject) -> str | bytes:
        """What to send as the photo: Telegram's file_id once known, else the PNG bytes."""
        key = subject.key
        if key in self.file_ids:
            return self.file_ids[key]
        async with self._locks.setdefault(key, asyncio.Lock()):
            if key not in self.pngs:
                from bot.present.card.draw import (
                    render_card,  # Pillow: only once a card is asked for
                )

                self.pngs[key] = await asyncio.to_thread(
                    render_card, subject.report, subject.metrics, self.font_path,
                    subject.promises, subject.words,
                )  # fmt: skip
        return self.pngs[key]

    def remember(self, subject: CardSubject, file_id: str) -> None:
        self.file_ids[subject.key] = file_id


def card_caption(subject: CardSubject, words: Words = CHINESE) -> str:
    """A short caption (Telegram allows 1,024 characters): title, issuer and date, contents."""
    report = subject.report
    meta = report.meta
    when = meta.published or meta.signed
    byline = " · ".join(part for part in (meta.issuer, when.isoformat() if when else None) if part)
    keys = sum(1 for metric in subject.metrics if metric.key)
    contents = words("card.contents", keys=keys, plans=len(report.plan.items))
    found = subject.promises
    kept = words(
        "card.promises_line", year=found.year or "", met=found.count("met"),
        missed=found.count("missed"), absent=found.count("not_reported"),
    ) if found is not None else ""  # fmt: skip
    parts = (report.display_title, byline, contents, kept)
    caption = "\n".join(part for part in parts if part)
    return caption[:1024]
