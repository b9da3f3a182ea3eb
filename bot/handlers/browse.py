"""Reading the report: /summary, /sections (paged) and the section buttons (◀ ▶ 返回目录)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.briefing import section_brief
from briefings.model import Report, Section
from briefings.render import overview, section_summary, table_of_contents

from ..callbacks import pattern
from ..context import BotContext
from ..keyboards import section_keyboard, toc_keyboard, toc_page
from ..reply import edit_html, send_html
from .common import arguments, briefing_of, current_report, tapped


async def send_overview(update: Update, context: BotContext, report: Report) -> None:
    briefing = briefing_of(context, report)
    await send_html(update, context, overview(report, briefing.summary if briefing else ""))


def _section(context: BotContext, report: Report, section: Section) -> str:
    """The section's summary, keywords and sub-sections (lead sentences until briefed)."""
    return section_summary(section, section_brief(briefing_of(context, report), section.id))


def _toc(report: Report, number: int) -> tuple[str, InlineKeyboardMarkup]:
    page = toc_page(report, number)
    text = table_of_contents(report, page.items, page.number, page.count)
    return text, toc_keyboard(report, page)


async def send_toc(update: Update, context: BotContext, report: Report) -> None:
    await send_html(update, context, *_toc(report, 0))


async def summary(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    wanted = arguments(context).strip().rstrip(".")
    if not wanted:
        await send_overview(update, context, report)
        return
    section = report.find(wanted)
    if section is None:
        await send_html(
            update, context, f"没有找到第 {escape(wanted)} 部分。发送 /sections 查看目录。"
        )
        return
    await send_html(
        update, context, _section(context, report, section), section_keyboard(report, section)
    )


async def sections(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is not None:
        await send_toc(update, context, report)


async def on_section(update: Update, context: BotContext) -> None:
    found = await tapped(update, context)
    if found is None:
        return
    callback, report = found
    section = report.find(callback.arg)
    if section is None:
        await update.callback_query.answer("没有这一部分，请重新发送 /sections。")
        return
    await update.callback_query.answer()
    await edit_html(
        update, context, _section(context, report, section), section_keyboard(report, section)
    )


async def on_toc(update: Update, context: BotContext) -> None:
    found = await tapped(update, context)
    if found is None:
        return
    callback, report = found
    await update.callback_query.answer()
    await edit_html(update, context, *_toc(report, callback.page))


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(on_section, pattern=pattern("sec")),
        CallbackQueryHandler(on_toc, pattern=pattern("toc")),
    ]
