"""Reading the report: /summary, /sections (paged) and the section buttons (◀ ▶ 返回目录)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.present.render import overview, section_summary, table_of_contents
from bot.present.words import Words
from briefings.briefing import section_brief
from briefings.model import Report, Section

from ..callbacks import pattern
from ..context import BotContext
from ..keyboards import section_keyboard, toc_keyboard, toc_page
from ..language import words_of
from ..reply import edit_html, send_html
from ..updates import query_of
from .common import arguments, briefing_of, current_report, on_current_report, tapped


async def send_overview(update: Update, context: BotContext, report: Report) -> None:
    briefing = await briefing_of(context, report)
    summary = briefing.summary if briefing is not None else ""
    await send_html(update, context, overview(report, await words_of(update, context), summary))


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


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(on_section, pattern=pattern("sec")),
        CallbackQueryHandler(on_toc, pattern=pattern("toc")),
    ]
