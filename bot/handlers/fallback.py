"""Hints for what no other handler took: unknown commands and buttons this bot never made.

They are the last handlers of the main group, registered after every other (the push commands'
too): PTB gives an update to the first handler of a group that takes it, so these see only what
nothing else took.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from html import escape

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from ..replies.language import words_of
from ..replies.send import send_html
from ..state import BotContext
from ..telegram.updates import message_of
from .common import answer_stale, command_target, speaks_to_me


async def unknown_command(update: Update, context: BotContext, names: Sequence[str] = ()) -> None:
    message = message_of(update)
    if not speaks_to_me(message, context.bot.username):
        return
    name, _ = command_target(message)
    words = await words_of(update, context)
    answer = words("common.unknown_command", name=escape(name))
    # A typo (/sumary, /metric) is answered with the command meant, not only with /help.
    close = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.7)
    if close:
        answer = words("common.did_you_mean", name=escape(name), meant=close[0])
    await send_html(update, context, answer)


async def stray_button(update: Update, context: BotContext) -> None:
    await answer_stale(update, context)


def handlers(names: Sequence[str]) -> list[BaseHandler]:
    """`names`: the commands there are, for the suggestion to an unknown one."""
    answer = functools.partial(unknown_command, names=tuple(names))
    return [
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, answer),
        CallbackQueryHandler(stray_button),
    ]
