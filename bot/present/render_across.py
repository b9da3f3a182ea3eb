"""Views across reports as Telegram-flavoured HTML: one figure compared (/compare), one issuer's
plan from one year to the next (/diff), a sentence or figure offered inline. Every report value
escaped, every sentence quoted as printed."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from briefings.choice import place
from briefings.diff import PlanDiff
from briefings.model import Item, Listed, Report

from .render import highlight, part_heading, part_name, report_title
from .words import CHINESE, Words

if TYPE_CHECKING:
    from briefings.compare import Row

KINDS = ("result", "target", "plan", "cumulative")  # named in the catalogue: across.kind_*


def year_of(year: int | str | None, words: Words = CHINESE) -> str:
    return words("across.year", year=year) if year else words("across.no_year")


def _row_line(row: Row, words: Words) -> str:
    kind = words(f"across.kind_{row.kind}") if row.kind in KINDS else escape(row.kind)
    period = escape(year_of(row.period, words)) if row.period else ""
    return words(
        "across.compare_row",
        what=words("across.period_kind", period=period, kind=kind).strip(),
        value=escape(row.value),
        label=escape(row.label),
        where=part_name(row.section, words),
    )


def compare_page(
    query: str,
    groups: Sequence[Sequence[Row]],
    count: int,
    page: int = 0,
    pages: int = 1,
    words: Words = CHINESE,
) -> str:
    """One page of a comparison: per report its place and year, then its rows."""
    where = words("across.page_where", page=page + 1, pages=pages) if pages > 1 else ""
    lines = [words("across.compare_heading", query=escape(query), count=count, where=where)]
    for rows in groups:
        first = rows[0]
        place_name = escape(first.issuer or first.title)
        year = year_of(first.year, words)
        lines.append(words("across.report_heading", place=place_name, year=year))
        lines += [_row_line(row, words) for row in rows]
    return "\n".join(lines)


def _items(items: Sequence[Item], words: Words) -> list[str]:
    listed = [f"{n}. {escape(item.lead)}" for n, item in enumerate(items, start=1)]
    return listed or [words("across.diff_none")]


def plan_diff(older: Report, newer: Report, diff: PlanDiff, words: Words = CHINESE) -> str:
    """New, dropped and kept plan items of one issuer from `older`'s report to `newer`'s
    (a kept item in the newer report's words)."""
    heading = words(
        "across.diff_heading",
        place=escape(place(newer)),
        old=f"{year_of(older.meta.year, words)}《{report_title(older)}》",
        new=f"{year_of(newer.meta.year, words)}《{report_title(newer)}》",
    )
    added = words("across.diff_added", count=len(diff.added))
    dropped = words("across.diff_dropped", count=len(diff.dropped))
    parts = [
        heading,
        "\n".join([added, *_items(diff.added, words)]),
        "\n".join([dropped, *_items(diff.dropped, words)]),
        "\n".join(
            [
                words("across.diff_kept", count=len(diff.kept)),
                *_items([n for _, n in diff.kept], words),
            ]
        ),
    ]
    return "\n\n".join(parts)


def _source(report: Listed, section_id: str, section_title: str, words: Words) -> str:
    section = " " + part_heading(section_id, section_title, words)
    return words("across.from_report", title=report_title(report), section=section)


def quoted_sentence(
    report: Listed,
    sentence: str,
    marks: Sequence[str],
    section_id: str,
    section_title: str,
    words: Words = CHINESE,
) -> str:
    """A sentence as inserted into a chat: highlighted, with its report and section."""
    return f"{highlight(sentence, marks)}\n{_source(report, section_id, section_title, words)}"


def quoted_figure(report: Listed, row: Row, words: Words = CHINESE) -> str:
    """A figure as inserted into a chat: value and label, its sentence, report and section."""
    return (
        f"<b>{escape(row.value)}</b> {escape(row.label)}\n{escape(row.sentence)}\n"
        f"{_source(report, row.section, row.section_title, words)}"
    )
