"""/plan and /problems: the report's numbered work plan and admitted problems."""

from __future__ import annotations

from telegram import Update

from briefings.model import Report
from briefings.plan import plan_title
from briefings.render import item_list

from ..context import BotContext
from ..reply import send_html
from .common import current_report


async def send_plan(update: Update, context: BotContext, report: Report) -> None:
    if not report.plan.items:
        await send_html(update, context, "这份报告中没有找到工作计划部分。")
        return
    await send_html(update, context, item_list(plan_title(report.plan), report.plan))


async def send_problems(update: Update, context: BotContext, report: Report) -> None:
    if not report.problems.items:
        await send_html(update, context, "这份报告中没有找到存在问题的部分。")
        return
    await send_html(update, context, item_list("存在的问题", report.problems))


async def plan(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is not None:
        await send_plan(update, context, report)


async def problems(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is not None:
        await send_problems(update, context, report)
