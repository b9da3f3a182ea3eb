"""/card: the briefing card (一图读懂) of the chat's report, sent as a photo."""

from __future__ import annotations

import logging

from telegram import Update

from briefings.errors import FontNotFoundError

from ..cards import CardSubject, card_caption
from ..context import BotContext
from ..reply import send_html, thread_of
from .common import await_briefing, current_report

logger = logging.getLogger(__name__)
NO_FONT = (
    "服务器缺少中文字体，暂时无法生成图片。请管理员安装 fonts-noto-cjk 或 fonts-wqy-microhei。"
)


async def card(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    # The card shows the key figures: wait for them a little.
    subject = CardSubject.of(report, await await_briefing(context, report))
    cards = context.state.cards
    try:
        photo = await cards.photo(subject)
    except FontNotFoundError as error:
        logger.error("card not drawn: %s", error)
        await send_html(update, context, NO_FONT)
        return
    sent = await context.bot.send_photo(
        update.effective_chat.id,
        photo,
        caption=card_caption(subject),
        parse_mode=None,
        message_thread_id=thread_of(update),
    )
    if sent.photo:
        cards.remember(subject, sent.photo[-1].file_id)
