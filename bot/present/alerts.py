"""A topic alert as HTML: whose words, which report, the matching sentences with their section,
the words in bold (which sentences match is briefings/alerts.py)."""

from __future__ import annotations

from html import escape

from briefings.alerts import Alert, ways
from briefings.model import Report

from .render import highlight, part_heading, report_title
from .words import CHINESE, Words

MAX_SENTENCE_CHARS = 600
TEXT_BUDGET = 3200  # characters of sentences in one alert: with the head, one message


def _quoted(sentence: str) -> str:
    # A "sentence" the splitter could not cut (a paragraph without 。) must not fill the alert.
    return sentence if len(sentence) <= MAX_SENTENCE_CHARS else sentence[:MAX_SENTENCE_CHARS] + "…"


def render(
    report: Report,
    followed: str,
    found: tuple[str, ...],
    alert: Alert,
    updated: bool = False,
    words: Words = CHINESE,
) -> str:
    """The alert as HTML: whose words (as typed; `found`: their terms), which report, the
    sentences with their section, the words in bold."""
    head = "alerts.updated_head" if updated else "alerts.new_head"
    title = report_title(report)
    lines = [words(head, words=escape(followed), title=title, count=alert.total)]
    marks = [way for term in found for way in ways(term)]
    marks += [way.upper() for way in marks]  # terms are lower case; GDP is printed upper
    shown, budget = 0, TEXT_BUDGET
    for match in alert.matches:
        where = part_heading(match.section_id, match.section_title, words)
        line = f"\n<b>{where}</b>\n{highlight(_quoted(match.sentence), marks)}"
        if shown and len(line) > budget:
            break
        lines.append(line)
        shown, budget = shown + 1, budget - len(line)
    if alert.total > shown:
        lines.append("\n" + words("alerts.more", count=alert.total - shown))
    return "\n".join(lines)
