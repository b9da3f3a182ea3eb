"""Sending and editing HTML replies, split to Telegram's limit, in the chat (and topic) asked.

One reply sends at most MAX_MESSAGES messages, whatever the report: a huge report must not
flood a chat (nor the sending budget every chat shares). The last says how to see the rest.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.present.words import CHINESE, Words

from ..state import BotContext
from ..telegram.split import TELEGRAM_LIMIT, split_html
from ..telegram.updates import query_of
from .language import words_of

MAX_MESSAGES = 5
# Telegram's answers when the message under a tapped button is gone or no longer editable.
_GONE = ("message to edit not found", "message can't be edited")


def thread_of(update: Update) -> int | None:
    message = update.effective_message
    return message.message_thread_id if message and message.is_topic_message else None


def bounded_parts(html: str, more: str | None = None, words: Words = CHINESE) -> list[str]:
    """`html` as at most MAX_MESSAGES messages; when cut short the last one says so and
    `more` says how to see the rest (by default: browse or search)."""
    parts = split_html(html)
    if len(parts) <= MAX_MESSAGES:
        return parts
    note = words("reply.cut_short", shown=MAX_MESSAGES, more=more or words("reply.browse"))
    parts = split_html(html, TELEGRAM_LIMIT - len(note) - 2)[:MAX_MESSAGES]
    parts[-1] += "\n\n" + note
    return parts


async def _send_parts(
    update: Update, context: BotContext, parts: list[str], keyboard: InlineKeyboardMarkup | None
) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    sent = None
    for number, part in enumerate(parts, start=1):
        sent = await context.bot.send_message(
            chat.id,
            part,
            message_thread_id=thread_of(update),
            reply_markup=keyboard if number == len(parts) else None,
        )
    return sent


async def send_html(
    update: Update,
    context: BotContext,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
    more: str | None = None,
) -> Message | None:
    """Send `html` in as many messages as needed (bounded, see `bounded_parts`); the keyboard
    goes under the last."""
    words = await words_of(update, context)
    return await _send_parts(update, context, bounded_parts(html, more, words), keyboard)


async def edit_html(
    update: Update, context: BotContext, html: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the tapped message's text; any overflow follows as new messages. A message
    deleted since, or too old to reach, is answered with a new one instead."""
    query = query_of(update)
    message = query.message if isinstance(query.message, Message) else None
    # inaccessible: Telegram no longer shows it
    await replace_html(update, context, message, html, keyboard)


async def replace_html(
    update: Update,
    context: BotContext,
    message: Message | None,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace `message`'s text (one the bot sent, e.g. a progress line); any overflow follows
    as new messages. None, a message deleted since, or one too old to reach: new messages."""
    parts = bounded_parts(html, words=await words_of(update, context))
    if message is None:
        await _send_parts(update, context, parts, keyboard)
        return
    first, *rest = parts
    try:
        await context.bot.edit_message_text(
            first, message.chat_id, message.message_id, reply_markup=None if rest else keyboard
        )
    except BadRequest as error:
        reason = str(error).lower()
        if any(gone in reason for gone in _GONE):
            await _send_parts(update, context, parts, keyboard)
            return
        if "not modified" not in reason:  # tapping the current page again
            raise
    if rest:
        await _send_parts(update, context, rest, keyboard)
