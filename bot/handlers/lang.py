"""/lang: the language of the bot's own words in this chat (the reports stay Chinese).

`/lang` alone shows the current one and a button per choice; `/lang en` or a tap switches. A
group's language is the whole group's: only its admins change it (permissions.py).
"""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.present.words import LANGUAGES, Words, catalogue

from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import edit_html, send_html
from ..state import BotContext
from ..telegram.callbacks import decode, encode
from .common import answer_stale, arguments
from .permissions import may_change_settings


def _name(code: str) -> str:
    """A language named in its own words (中文, English)."""
    return catalogue(code)("language.name")


def _choices(words: Words) -> str:
    each = [words("language.choice", code=code, name=_name(code)) for code in LANGUAGES]
    return words("language.choices", choices=words("language.separator").join(each))


def _buttons() -> InlineKeyboardMarkup:
    row = [InlineKeyboardButton(_name(c), callback_data=encode("lang", "", c)) for c in LANGUAGES]
    return InlineKeyboardMarkup([row])


async def lang(update: Update, context: BotContext) -> None:
    words = await words_of(update, context)
    wanted = arguments(context).strip().lower()
    if not wanted:
        current = words("language.current", name=_name(words.language))
        await send_html(update, context, f"{current}\n{_choices(words)}", _buttons())
    elif wanted not in LANGUAGES:
        unknown = words("language.unknown", code=escape(wanted), choices=_choices(words))
        await send_html(update, context, unknown)
    elif update.effective_chat and await may_change_settings(update, context):
        await context.state.chats.set_language(update.effective_chat.id, wanted)
        await send_html(update, context, catalogue(wanted)("language.set"))


async def on_choice(update: Update, context: BotContext) -> None:
    query, chat = update.callback_query, update.effective_chat
    callback = decode(query.data) if query else None
    if query is None or callback is None or chat is None or callback.arg not in LANGUAGES:
        await answer_stale(update, context)
        return
    await query.answer()
    if await may_change_settings(update, context):
        await context.state.chats.set_language(chat.id, callback.arg)
        await edit_html(update, context, catalogue(callback.arg)("language.set"))


def handlers() -> list[BaseHandler]:
    return [tap_handler("lang", on_choice)]
