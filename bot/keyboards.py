"""Inline keyboards; their buttons carry ids only (see callbacks)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from briefings.model import Report, Section

from .callbacks import encode

MENU = (("摘要", "summary"), ("目录", "toc"), ("关键数据", "metrics"),
        ("工作计划", "plan"), ("存在问题", "problems"), ("订阅", "subscribe"))  # fmt: skip
LABEL_CHARS = 18  # a button shows about this many characters on a phone


def _label(section: Section) -> str:
    title = (
        section.title if len(section.title) <= LABEL_CHARS else section.title[:LABEL_CHARS] + "…"
    )
    return f"{section.id} {title}"


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def start_menu() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(label, callback_data=encode("menu", "", key)) for label, key in MENU
    ]
    return InlineKeyboardMarkup(_rows(buttons, 3))


def section_buttons(report: Report, sections: list[Section]) -> list[list[InlineKeyboardButton]]:
    return [
        [InlineKeyboardButton(_label(s), callback_data=encode("sec", report.digest, s.id))]
        for s in sections
    ]


def toc_keyboard(report: Report) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(section_buttons(report, report.sections))


def section_keyboard(report: Report, section: Section) -> InlineKeyboardMarkup:
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
    back = [InlineKeyboardButton("返回目录", callback_data=encode("toc", report.digest))]
    return InlineKeyboardMarkup([*section_buttons(report, section.children), nav, back])


def pager(report: Report, page: int, pages: int) -> InlineKeyboardMarkup | None:
    """◀ ▶ between the pages of all figures; None when one page holds them all."""
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(
            InlineKeyboardButton("◀", callback_data=encode("met", report.digest, str(page - 1)))
        )
    row.append(
        InlineKeyboardButton(
            f"{page + 1}/{pages}", callback_data=encode("met", report.digest, str(page))
        )
    )
    if page + 1 < pages:
        row.append(
            InlineKeyboardButton("▶", callback_data=encode("met", report.digest, str(page + 1)))
        )
    return InlineKeyboardMarkup([row])
