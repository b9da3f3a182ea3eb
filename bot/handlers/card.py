"""/card: the briefing card (一图读懂) of the chat's report, sent as a photo."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from telegram import Update

from bot.present.card import FontNotFoundError
from briefings.model import Listed

from ..library.cards import CardSubject, card_caption
from ..replies.language import words_of
from ..replies.send import send_html, thread_of
from ..state import BotContext
from ..telegram.updates import chat_of
from .common import await_briefing, current_report
from .promises import worked_out

if TYPE_CHECKING:
    from briefings.promises import Promises

logger = logging.getLogger(__name__)


async def card(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    # The card shows the key figures: wait for them a little.
    briefing = await await_briefing(context, report, update)
    words = await words_of(update, context)
    subject = CardSubject.of(report, briefing, await _promises(context, report), words)
    cards = context.state.cards
    try:
        photo = await cards.photo(subject)
    except FontNotFoundError as error:
        logger.error("card not drawn: %s", error)
        await send_html(update, context, words("card.no_font"))
        return
    sent = await context.bot.send_photo(
        chat_of(update).id,
        photo,
        caption=card_caption(subject, words),
        parse_mode=None,
        message_thread_id=thread_of(update),
    )
    if sent.photo:
        cards.remember(subject, sent.photo[-1].file_id)


async def _promises(context: BotContext, report: Listed) -> Promises | None:
    """The promises of the report's pair with the same place's report of the adjacent year
    (as /promises pairs them), when that report is in the library and both are briefed."""
    from briefings.promises import pair_for  # with the figures' rules: loaded by a first card

    pair = await asyncio.to_thread(pair_for, context.library.reports, report)
    if pair.target is None or pair.result is None:
        return None
    return await worked_out(context, pair.target, pair.result)
