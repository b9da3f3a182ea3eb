"""The message telling a subscriber of new reports: one report as itself (its title, issuer
and what to send next), several as one message (how many, the first few titles, and a button
listing every report), so that a bulk drop of thousands is one message per chat, not thousands.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.present import series
from bot.present.render import report_title
from bot.present.words import Words
from briefings.model import Listed

from ..callbacks import encode
from .delivery import Markup
from .follows import open_button

TITLES = 3  # titles shown in a message telling of several reports


def news_message(
    reports: Sequence[Listed], corrected: Collection[str], words: Words
) -> tuple[str, Markup | None]:
    """The text and button telling of `reports` (newest first); those whose digest is in
    `corrected` are corrected republications of reports announced before."""
    if len(reports) == 1:
        report = reports[0]
        text = series.announcement(report, words, updated=report.digest in corrected)
        # Its own buttons: /summary shows the chat's report, which may well be another one.
        markup = open_button(report.digest, words)
        use = {"text": words("news.use_button"), "callback_data": encode("use", report.digest)}
        markup["inline_keyboard"].append([use])
        return text, markup
    lines = [words("news.many", count=len(reports))]
    for report in reports[:TITLES]:
        key = "news.corrected" if report.digest in corrected else "news.title"
        lines.append(words(key, title=report_title(report)))
    if len(reports) > TITLES:
        lines.append(words("news.more", count=len(reports) - TITLES))
    lines.append(words("news.hint"))
    button = {"text": words("news.list_button"), "callback_data": encode("rep", "", "0")}
    return "\n".join(lines), {"inline_keyboard": [[button]]}
