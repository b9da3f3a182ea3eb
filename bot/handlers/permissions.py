"""Who may change a chat's settings: anyone in a private chat, only its admins in a group.

A group's subscription, push time zone and chosen report are the whole group's: a member who
is not an admin may read them but not change them.
"""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from ..replies.language import words_of
from ..replies.send import send_html
from ..state import BotContext

logger = logging.getLogger(__name__)
_ADMIN = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


async def _is_admin(update: Update, context: BotContext, chat: Chat) -> bool:
    message = update.effective_message
    # An anonymous admin writes as the group itself (Telegram's GroupAnonymousBot as sender).
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in _ADMIN


async def may_change_settings(update: Update, context: BotContext) -> bool:
    """True in a private chat or for a group admin; otherwise tells the user why not."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    try:
        allowed = await _is_admin(update, context, chat)
    except TelegramError as error:
        logger.warning("chat %s: could not check the sender's admin status: %s", chat.id, error)
        await send_html(update, context, (await words_of(update, context))("common.unconfirmed"))
        return False
    if not allowed:
        await send_html(update, context, (await words_of(update, context))("common.admins_only"))
    return allowed
