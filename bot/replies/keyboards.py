"""Inline keyboards; their buttons carry ids only (see callbacks).

Every keyboard stays small whatever the report: Telegram refuses one of over 100 buttons, and
a phone shows a dozen. Long lists are paged with ◀ ▶ instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.present.words import CHINESE, Words
from briefings.choice import place
from briefings.model import Listed, Report, Section

from ..telegram.callbacks import ButtonKind, encode
from ..telegram.paging import Page, page_of

MENU = ("summary", "toc", "metrics", "plan", "problems", "subscribe")  # labels: words "menu.*"
PUSH_TIMES = ("07:00", "08:00", "12:00", "18:00", "21:00")  # offered under the 订阅 button
LABEL_CHARS = 18  # a button shows about this many characters on a phone
TOC_PAGE = 10  # top-level sections (and buttons) on one page of the table of contents
CHILD_BUTTONS = 10  # sub-section buttons under a section; ▶ walks on to the rest


def _label(section: Section) -> str:
    title = (
        section.title if len(section.title) <= LABEL_CHARS else section.title[:LABEL_CHARS] + "…"
    )
    return f"{section.id} {title}"


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def start_menu(words: Words = CHINESE) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(words(f"menu.{key}"), callback_data=encode("menu", "", key))
        for key in MENU
    ]
    return InlineKeyboardMarkup(_rows(buttons, 3))


def push_times() -> InlineKeyboardMarkup:
    """A daily push at one of PUSH_TIMES, a button each."""
    buttons = [
        InlineKeyboardButton(at, callback_data=encode("sub", "", at.replace(":", "")))
        for at in PUSH_TIMES
    ]
    return InlineKeyboardMarkup(_rows(buttons, len(buttons)))


def full_summary_keyboard(report: Report, words: Words = CHINESE) -> InlineKeyboardMarkup:
    """Under the one-screen summary: the full one."""
    button = InlineKeyboardButton(
        words("summary.full_button"), callback_data=encode("sum", report.digest)
    )
    return InlineKeyboardMarkup([[button]])


def section_buttons(
    report: Report, sections: Sequence[Section]
) -> list[list[InlineKeyboardButton]]:
    return [
        [InlineKeyboardButton(_label(s), callback_data=encode("sec", report.digest, s.id))]
        for s in sections
    ]


def toc_page(report: Report, number: int) -> Page[Section]:
    return page_of(report.sections, number, TOC_PAGE)


def toc_keyboard(report: Report, page: Page[Section]) -> InlineKeyboardMarkup:
    """A button per section of the page, then ◀ n/N ▶ when there are more pages."""
    nav = page_row("toc", report.digest, page.number, page.count)
    return InlineKeyboardMarkup([*section_buttons(report, list(page.items)), *nav])


def _toc_page_of(section: Section) -> int:
    """The table-of-contents page listing `section`'s top-level part (ids count from 1)."""
    return (int(section.id.split(".")[0]) - 1) // TOC_PAGE


def section_keyboard(
    report: Report, section: Section, words: Words = CHINESE
) -> InlineKeyboardMarkup:
    """Sub-section buttons, then ◀ ▶ through the outline in reading order, then 返回目录."""
    order = [node.id for node in report.walk()]
    at = order.index(section.id)
    nav = []
    if at > 0:
        nav.append(
            InlineKeyboardButton("◀", callback_data=encode("sec", report.digest, order[at - 1]))
        )
    if at + 1 < len(order):
        nav.append(
            InlineKeyboardButton("▶", callback_data=encode("sec", report.digest, order[at + 1]))
        )
    back_data = encode("toc", report.digest, str(_toc_page_of(section)))
    back = [InlineKeyboardButton(words("menu.back_to_toc"), callback_data=back_data)]
    children = section_buttons(report, section.children[:CHILD_BUTTONS])
    return InlineKeyboardMarkup([*children, nav, back])


def page_row(
    kind: ButtonKind, digest: str, page: int, pages: int, suffix: str = ""
) -> list[list[InlineKeyboardButton]]:
    """The ◀ n/N ▶ row between pages (no row when one page holds everything); each button's
    argument is its page number followed by `suffix`."""
    if pages <= 1:
        return []

    def button(text: str, number: int) -> InlineKeyboardButton:
        return InlineKeyboardButton(text, callback_data=encode(kind, digest, f"{number}{suffix}"))

    row = [button("◀", page - 1)] if page > 0 else []
    row.append(button(f"{page + 1}/{pages}", page))
    if page + 1 < pages:
        row.append(button("▶", page + 1))
    return [row]


def _report_label(number: int, report: Listed) -> str:
    label = f"{number}. {place(report) or report.meta.title or report.source}"
    year = f" {report.meta.year}" if report.meta.year else ""
    return (label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS] + "…") + year


def report_keyboard(
    numbered: Sequence[tuple[int, Listed]], page: int = 0, pages: int = 1
) -> InlineKeyboardMarkup:
    """A button choosing each report (by its digest, so it means the same after a reload),
    two a row, then ◀ n/N ▶ between the pages of /reports."""
    buttons = [
        InlineKeyboardButton(_report_label(n, r), callback_data=encode("use", r.digest))
        for n, r in numbered
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 2), *page_row("rep", "", page, pages)])


def pager(report: Report, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """◀ ▶ between the pages of all figures; None when one page holds them all."""
    rows = page_row("met", report.digest, page, pages)
    return InlineKeyboardMarkup(rows) if rows else None
