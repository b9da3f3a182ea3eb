"""/start with its quick buttons, and /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.pages.links import page_path
from bot.present.render import report_heading

from ..replies.keyboards import push_times, start_menu
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import send_html
from ..state import BotContext
from ..telegram.callbacks import decode
from ..telegram.updates import chat_of, query_of
from .browse import send_overview, send_toc
from .common import Action, answer_stale, send_no_report
from .figures import send_key_figures
from .items import send_plan, send_problems
from .pages import with_web

ACTIONS: dict[str, Action] = {
    "summary": send_overview,
    "toc": send_toc,
    "metrics": send_key_figures,
    "plan": send_plan,
    "problems": send_problems,
}


async def start(update: Update, context: BotContext) -> None:
    # The heading is the catalogue's (title, issuer, dates): /start parses no report, so the
    # first reply after a start waits neither on the parser's ~0.1 s of patterns nor the file.
    listing = await context.state.report_of(chat_of(update).id)
    if listing is None:
        await send_no_report(update, context)
        return
    words = await words_of(update, context)
    text = report_heading(listing, words) + "\n\n" + words("start.choose")
    path = page_path("report", words, listing.digest)
    await send_html(
        update, context, text, with_web(start_menu(words), update, context, path, words)
    )


async def on_menu(update: Update, context: BotContext) -> None:
    query = query_of(update)
    button = decode(query.data)
    key = button.arg if button else ""
    if key == "subscribe":  # the times a push can come at, as buttons
        await query.answer()
        words = await words_of(update, context)
        await send_html(update, context, words("start.subscribe_choose"), push_times())
        return
    action = ACTIONS.get(key)
    chat = update.effective_chat  # None under an inline message: nowhere to send the answer
    listing = await context.state.report_of(chat.id) if chat else None
    report = await context.library.read(listing.digest) if listing is not None else None
    if action is None or report is None:
        await answer_stale(update, context)
        return
    await query.answer()
    await action(update, context, report)


def handlers() -> list[BaseHandler]:
    return [
        tap_handler("menu", on_menu, slow=True),
    ]
