"""Reading the report: /summary, /sections (paged) and the section buttons (◀ ▶ 返回目录)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.present.render import overview, section_summary, table_of_contents
from bot.present.short import short_summary
from bot.present.words import Words
from briefings.briefing import section_brief
from briefings.model import Report, Section

from ..replies.keyboards import full_summary_keyboard, section_keyboard, toc_keyboard, toc_page
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import edit_html, send_html
from ..state import BotContext
from ..telegram.updates import query_of
from .common import arguments, briefing_of, current_report, on_current_report, tapped

# `/summary full` (全文, 完整 as a Chinese reader might type it): the long form.
FULL = ("full", "全文", "完整")


async def send_overview(update: Update, context: BotContext, report: Report) -> None:
    """The one-screen summary, with a button to the full one."""
    briefing = await briefing_of(context, report)
    words = await words_of(update, context)
    keyboard = full_summary_keyboard(report, words)
    await send_html(update, context, short_summary(report, briefing, words), keyboard)


async def _send_full(update: Update, context: BotContext, report: Report, words: Words) -> None:
    briefing = await briefing_of(context, report)
    summary = briefing.summary if briefing is not None else ""
    await send_html(update, context, overview(report, words, summary))


async def _section(context: BotContext, report: Report, section: Section, words: Words) -> str:
    """The section's summary, keywords and sub-sections (lead sentences until briefed)."""
    brief = section_brief(await briefing_of(context, report), section.id)
    return section_summary(section, brief, words)


def _toc(report: Report, number: int, words: Words) -> tuple[str, InlineKeyboardMarkup]:
    page = toc_page(report, number)
    text = table_of_contents(report, page.items, page.number, page.count, words)
    return text, toc_keyboard(report, page)


async def send_toc(update: Update, context: BotContext, report: Report) -> None:
    await send_html(update, context, *_toc(report, 0, await words_of(update, context)))


async def summary(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    wanted = arguments(context).strip().rstrip(".")
    if not wanted:
        await send_overview(update, context, report)
        return
    words = await words_of(update, context)
    if wanted.lower() in FULL:
        await _send_full(update, context, report, words)
        return
    section = report.find(wanted)
    if section is None:
        await send_html(update, context, words("browse.no_section", wanted=escape(wanted)))
        return
    html = await _section(context, report, section, words)
    await send_html(update, context, html, section_keyboard(report, section, words))


sections = on_current_report(send_toc)


async def on_section(update: Update, context: BotContext) -> None:
    tap = await tapped(update, context)
    if tap is None:
        return
    report, words = tap.report, tap.words
    section = report.find(tap.button.arg)
    if section is None:
        await query_of(update).answer(words("browse.gone_section"))
        return
    await query_of(update).answer()
    html = await _section(context, report, section, words)
    await edit_html(update, context, html, section_keyboard(report, section, words))


async def on_toc(update: Update, context: BotContext) -> None:
    tap = await tapped(update, context)
    if tap is None:
        return
    await query_of(update).answer()
    await edit_html(update, context, *_toc(tap.report, tap.button.page, tap.words))


async def on_full(update: Update, context: BotContext) -> None:
    """The one-screen summary's button: the full summary, in a new message (the short one
    stays above it)."""
    tap = await tapped(update, context)
    if tap is None:
        return
    await query_of(update).answer()
    await _send_full(update, context, tap.report, tap.words)


def handlers() -> list[BaseHandler]:
    return [
        tap_handler("sum", on_full),
        tap_handler("sec", on_section),
        tap_handler("toc", on_toc),
    ]
