"""Sending and editing HTML replies, split to Telegram's limit, in the chat (and topic) asked."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from .context import BotContext
from .split import split_html


def thread_of(update: Update) -> int | None:
    message = update.effective_message
    return message.message_thread_id if message and message.is_topic_message else None


async def send_html(
    update: Update, context: BotContext, html: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send `html` in as many messages as needed; the keyboard goes under the last."""
    chat = update.effective_chat
    if chat is None:
        return None
    parts = split_html(html)
    sent = None
    for number, part in enumerate(parts, start=1):
        sent = await context.bot.send_message(
            chat.id,
            part,
            message_thread_id=thread_of(update),
            reply_markup=keyboard if number == len(parts) else None,
        )
    return sent


async def edit_html(
    update: Update, context: BotContext, html: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the tapped message's text; any overflow follows as new messages."""
    query = update.callback_query
    first, *rest = split_html(html)
    try:
        await query.edit_message_text(first, reply_markup=None if rest else keyboard)
    except BadRequest as error:
        if "not modified" not in str(error).lower():  # tapping the current page again
            raise
    if rest:
        await send_html(update, context, "\n".join(rest), keyboard)
