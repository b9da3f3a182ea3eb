"""/start with its quick buttons, and /help."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.model import Report
from briefings.render import report_heading

from ..callbacks import decode, pattern
from ..context import BotContext
from ..keyboards import start_menu
from ..reply import send_html
from .browse import send_overview, send_toc
from .common import STALE_BUTTON, current_report
from .figures import send_key_figures
from .items import send_plan, send_problems

Action = Callable[[Update, BotContext, Report], Awaitable[None]]
ACTIONS: dict[str, Action] = {
    "summary": send_overview,
    "toc": send_toc,
    "metrics": send_key_figures,
    "plan": send_plan,
    "problems": send_problems,
}
SUBSCRIBE_HINT = "发送 /subscribe 订阅简报推送，例如 /subscribe 08:00"


async def start(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    text = report_heading(report) + "\n\n请选择要看的内容，或发送 /help 查看全部命令。"
    await send_html(update, context, text, start_menu())


async def on_menu(update: Update, context: BotContext) -> None:
    query = update.callback_query
    callback = decode(query.data)
    key = callback.arg if callback else ""
    if key == "subscribe":
        await query.answer(SUBSCRIBE_HINT, show_alert=True)
        return
    action = ACTIONS.get(key)
    chat = update.effective_chat  # None under an inline message: nowhere to send the answer
    listing = context.library.for_chat(chat.id) if chat else None
    report = await context.library.read(listing.digest) if listing is not None else None
    if action is None or report is None:
        await query.answer(STALE_BUTTON)
        return
    await query.answer()
    await action(update, context, report)


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(on_menu, pattern=pattern("menu")),
    ]
