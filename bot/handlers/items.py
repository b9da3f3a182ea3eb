"""/plan and /problems: the report's numbered work plan and admitted problems."""

from __future__ import annotations

from telegram import Update

from bot.present.render import item_list, plan_title
from briefings.model import Report

from ..replies.language import words_of
from ..replies.send import send_html
from ..state import BotContext
from .common import on_current_report


async def send_plan(update: Update, context: BotContext, report: Report) -> None:
    words = await words_of(update, context)
    if not report.plan.items:
        await send_html(update, context, words("items.no_plan"))
        return
    await send_html(update, context, item_list(plan_title(report.plan, words), report.plan, words))


async def send_problems(update: Update, context: BotContext, report: Report) -> None:
    words = await words_of(update, context)
    if not report.problems.items:
        await send_html(update, context, words("items.no_problems"))
        return
    await send_html(update, context, item_list(words("report.problems"), report.problems, words))


plan = on_current_report(send_plan)
problems = on_current_report(send_problems)
