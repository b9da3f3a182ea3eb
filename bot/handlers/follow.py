"""/follow and /unfollow: topic alerts, a group's changed only by its admins (the alerts
themselves are queued and sent by bot/push); the alert's button that opens its report; and
the lines /subscriptions shows for the chat's follows."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.present.render import overview
from bot.present.words import Words
from briefings.alerts import WordsError, terms

from ..push.follows import MAX_FOLLOWS, Follow, TooManyFollows
from ..replies.keyboards import toc_keyboard, toc_page
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import edit_html, send_html, thread_of
from ..state import BotContext
from ..telegram.callbacks import decode, encode
from ..telegram.updates import query_of
from .common import answer_stale, arguments, briefing_of, tapped
from .permissions import may_change_settings

BUTTON_WORDS = 16  # characters of the words on an unfollow button


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None  # a command always comes from a chat
    return chat.id


def _place(update: Update) -> tuple[int, int]:
    return _chat_id(update), thread_of(update) or 0


def _list(follows: list[Follow]) -> str:
    return "\n".join(f"• {escape(f.words)}" for f in follows)


def _buttons(follows: list[Follow], words: Words) -> InlineKeyboardMarkup:
    def label(f: Follow) -> str:
        short = f.words if len(f.words) <= BUTTON_WORDS else f.words[:BUTTON_WORDS] + "…"
        return words("follow.unfollow_button", words=short)  # a button's text is plain, not HTML

    rows = [[InlineKeyboardButton(label(f), callback_data=encode("unf", "", str(f.id)))]
            for f in follows]  # fmt: skip
    return InlineKeyboardMarkup(rows)


async def subscriptions_part(context: BotContext, chat_id: int, words: Words) -> str:
    """The chat's follows as /subscriptions shows them ("" when it follows nothing)."""
    follows = await context.state.follows.of_chat(chat_id)
    head = words("follow.subscriptions_head")
    return f"\n\n{head}\n{_list(follows)}" if follows else ""


async def follow(update: Update, context: BotContext) -> None:
    followed = arguments(context).strip()
    if not followed:
        await _show(update, context)
        return
    if not await may_change_settings(update, context):
        return
    words = await words_of(update, context)
    try:
        found = terms(followed)
    except WordsError as error:
        await send_html(update, context, escape(error.say(words)))
        return
    pusher = context.state.pusher
    try:
        created = await context.state.follows.follow(
            *_place(update), followed, found, pusher.clock()
        )
    except TooManyFollows:
        await send_html(update, context, words("follow.too_many", limit=MAX_FOLLOWS))
        return
    said = "follow.followed" if created else "follow.already"
    await send_html(update, context, words(said, words=escape(followed)))


async def _show(update: Update, context: BotContext) -> None:
    words = await words_of(update, context)
    follows = await context.state.follows.of_chat(_chat_id(update))
    if not follows:
        await send_html(update, context, words("follow.nothing"))
        return
    head, foot = words("follow.list_head"), words("follow.list_foot")
    await send_html(update, context, f"{head}\n{_list(follows)}\n\n{foot}")


async def unfollow(update: Update, context: BotContext) -> None:
    chat_id = _chat_id(update)
    follows = context.state.follows
    words = await words_of(update, context)
    followed = arguments(context).strip()
    if not followed:
        found = await follows.of_chat(chat_id)
        if not found:
            await send_html(update, context, words("follow.nothing"))
            return
        choose = words("follow.choose")
        await send_html(update, context, f"{choose}\n{_list(found)}", _buttons(found, words))
        return
    if not await may_change_settings(update, context):
        return
    try:
        match = await follows.find(chat_id, terms(followed))
    except WordsError:
        match = None  # words that cannot be followed are not followed
    if match is None or not await follows.unfollow(chat_id, match.id):
        await send_html(update, context, words("follow.not_followed", words=escape(followed)))
        return
    await send_html(update, context, words("follow.unfollowed", words=escape(match.words)))


async def on_unfollow(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None  # the handler takes callback queries only
    callback = decode(query.data)
    chat = update.effective_chat
    if callback is None or chat is None:
        await answer_stale(update, context)
        return
    if not await may_change_settings(update, context):
        await query.answer()
        return
    follows = context.state.follows
    gone = next((f for f in await follows.of_chat(chat.id) if str(f.id) == callback.arg), None)
    words = await words_of(update, context)
    if gone is None or not await follows.unfollow(chat.id, gone.id):
        await query.answer(words("follow.already_gone"))
        return
    await query.answer()
    left = await follows.of_chat(chat.id)
    text = words("follow.unfollowed", words=escape(gone.words))
    if left:
        choose = words("follow.choose")
        html = f"{text}\n\n{choose}\n{_list(left)}"
        await edit_html(update, context, html, _buttons(left, words))
    else:
        await edit_html(update, context, text)


async def on_open(update: Update, context: BotContext) -> None:
    """An alert's button: the report's overview and table of contents, in a new message (the
    alert stays, with its sentences)."""
    tap = await tapped(update, context)
    if tap is None:
        return
    await query_of(update).answer()
    report = tap.report
    keyboard = toc_keyboard(report, toc_page(report, 0))
    briefing = await briefing_of(context, report)
    summary = briefing.summary if briefing is not None else ""
    await send_html(update, context, overview(report, tap.words, summary), keyboard)


def handlers() -> list[BaseHandler]:
    return [
        tap_handler("unf", on_unfollow),
        tap_handler("open", on_open),
    ]
