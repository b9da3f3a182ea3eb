"""The message telling a subscriber of new reports: one report as itself (its title, issuer
and what to send next), several as one message (how many, the first few titles, and a button
listing every report), so that a bulk drop of thousands is one message per chat, not thousands.

A report whose place's report of the year before is in the library says in one more line how many
of that year's targets it reports met, missed or not at all (briefings.promises), with a button
to the whole /promises page of the pair.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.present import series
from bot.present.render import report_title
from bot.present.render_promises import score
from bot.present.words import Words
from briefings.model import Listed

from ..telegram.callbacks import DIGEST_PREFIX, encode
from .delivery import Markup
from .follows import open_button

if TYPE_CHECKING:
    from briefings.promises import Promises

TITLES = 3  # titles shown in a message telling of several reports


@dataclass(frozen=True)
class Kept:
    """What a new report (`result`) says of its place's targets in the report of the year
    before (`target`)."""

    found: Promises
    target: Listed
    result: Listed


def news_message(
    reports: Sequence[Listed], corrected: Collection[str], words: Words, kept: Kept | None = None
) -> tuple[str, Markup | None]:
    """The text and button telling of `reports` (newest first); those whose digest is in
    `corrected` are corrected republications of reports announced before. `kept`: the one
    report's verdicts on last year's targets, told in a line with a button to /promises."""
    if len(reports) == 1:
        report = reports[0]
        text = series.announcement(report, words, updated=report.digest in corrected)
        # Its own buttons: /summary shows the chat's report, which may well be another one.
        markup = open_button(report.digest, words)
        use = {"text": words("news.use_button"), "callback_data": encode("use", report.digest)}
        markup["inline_keyboard"].append([use])
        if kept is None or not kept.found.items:
            return text, markup
        *told, hint = text.split("\n")
        line = words("news.promises", score=score(kept.found, words))
        pair = f"{kept.result.digest[:DIGEST_PREFIX]}-s"
        button = {"text": words("news.promises_button"),
                  "callback_data": encode("prm", kept.target.digest, pair)}  # fmt: skip
        markup["inline_keyboard"].append([button])
        return "\n".join([*told, line, hint]), markup
    lines = [words("news.many", count=len(reports))]
    for report in reports[:TITLES]:
        key = "news.corrected" if report.digest in corrected else "news.title"
        lines.append(words(key, title=report_title(report)))
    if len(reports) > TITLES:
        lines.append(words("news.more", count=len(reports) - TITLES))
    lines.append(words("news.hint"))
    button = {"text": words("news.list_button"), "callback_data": encode("rep", "", "0")}
    return "\n".join(lines), {"inline_keyboard": [[button]]}
