"""/web: the address of the current report's page (and the 🌐 button that opens it)."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update

from bot.pages.links import page_address, page_path, web_button
from bot.present.words import Words

from ..replies.language import words_of
from ..replies.send import send_html
from ..state import BotContext
from .common import current_report


def with_web(
    markup: InlineKeyboardMarkup | None,
    update: Update,
    context: BotContext,
    path: str,
    words: Words,
) -> InlineKeyboardMarkup | None:
    """`markup` with a last row 🌐 opening `path` (unchanged when the pages are local only)."""
    chat = update.effective_chat
    private = chat is not None and chat.type == "private"
    button = web_button(context.state.config, path, words, private)
    if button is None:
        return markup
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    return InlineKeyboardMarkup([*rows, [button]])


async def web(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    words = await words_of(update, context)
    config = context.state.config
    path = page_path("report", words, report.digest)
    key = "web.link" if config.web.public_url else "web.local"
    text = words(key, url=escape(page_address(config, path)))
    await send_html(update, context, text, with_web(None, update, context, path, words))
