"""/follow and /unfollow: topic alerts, a group's changed only by its admins (the alerts
themselves are queued and sent by bot/push); the alert's button that opens its report; and
the lines /subscriptions shows for the chat's follows."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from briefings.alerts import WordsError, terms
from briefings.render import overview

from ..callbacks import decode, encode, pattern
from ..context import BotContext
from ..keyboards import toc_keyboard, toc_page
from ..push.follows import MAX_FOLLOWS, Follow, TooManyFollows
from ..reply import edit_html, send_html, thread_of
from .common import STALE_BUTTON, arguments, tapped
from .permissions import may_change_settings

# -- user-facing strings (moved to the catalogue at merge) -------------------------------------
FOLLOWED = (
    "已关注「{words}」：有新报告提到这些词时，会把提到它们的句子发到这里。\n"
    "查看关注：/follow　取消：/unfollow {words}"
)
ALREADY = "本聊天已经在关注「{words}」了。查看关注：/follow"
TOO_MANY = "本聊天已关注 {limit} 组词，到上限了：请先用 /unfollow 取消一些。"
LIST_HEAD = "本聊天关注的词（新报告提到时发来相关句子）："
NOTHING = "本聊天还没有关注任何词。关注：/follow 词语，例如 /follow 营商环境"
LIST_FOOT = "关注更多：/follow 词语　取消：/unfollow 词语"
UNFOLLOWED = "已取消关注「{words}」，不会再收到它的提醒。"
NOT_FOLLOWED = "本聊天没有关注「{words}」。发送 /follow 查看关注的词。"
CHOOSE = "点按钮取消关注："
UNFOLLOW_BUTTON = "取消「{words}」"
ALREADY_GONE = "已经取消了。"
SUBSCRIPTIONS_HEAD = "关注的词（新报告提到时提醒）："
# ----------------------------------------------------------------------------------------------

BUTTON_WORDS = 16  # characters of the words on an unfollow button


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None  # a command always comes from a chat
    return chat.id


def _place(update: Update) -> tuple[int, int]:
    return _chat_id(update), thread_of(update) or 0


def _list(follows: list[Follow]) -> str:
    return "\n".join(f"• {escape(f.words)}" for f in follows)


def _buttons(follows: list[Follow]) -> InlineKeyboardMarkup:
    def label(f: Follow) -> str:
        short = f.words if len(f.words) <= BUTTON_WORDS else f.words[:BUTTON_WORDS] + "…"
        return UNFOLLOW_BUTTON.format(words=short)  # a button's text is plain, not HTML

    rows = [[InlineKeyboardButton(label(f), callback_data=encode("unf", "", str(f.id)))]
            for f in follows]  # fmt: skip
    return InlineKeyboardMarkup(rows)


async def subscriptions_part(context: BotContext, chat_id: int) -> str:
    """The chat's follows as /subscriptions shows them ("" when it follows nothing)."""
    follows = await context.state.pusher.follows.of_chat(chat_id)
    return f"\n\n{SUBSCRIPTIONS_HEAD}\n{_list(follows)}" if follows else ""


async def follow(update: Update, context: BotContext) -> None:
    words = arguments(context).strip()
    if not words:
        await _show(update, context)
        return
    if not await may_change_settings(update, context):
        return
    try:
        found = terms(words)
    except WordsError as error:
        await send_html(update, context, escape(str(error)))
        return
    pusher = context.state.pusher
    try:
        created = await pusher.follows.follow(*_place(update), words, found, pusher.clock())
    except TooManyFollows:
        await send_html(update, context, TOO_MANY.format(limit=MAX_FOLLOWS))
        return
    said = FOLLOWED if created else ALREADY
    await send_html(update, context, said.format(words=escape(words)))


async def _show(update: Update, context: BotContext) -> None:
    follows = await context.state.pusher.follows.of_chat(_chat_id(update))
    if not follows:
        await send_html(update, context, NOTHING)
        return
    await send_html(update, context, f"{LIST_HEAD}\n{_list(follows)}\n\n{LIST_FOOT}")


async def unfollow(update: Update, context: BotContext) -> None:
    chat_id = _chat_id(update)
    follows = context.state.pusher.follows
    words = arguments(context).strip()
    if not words:
        found = await follows.of_chat(chat_id)
        if not found:
            await send_html(update, context, NOTHING)
            return
        await send_html(update, context, f"{CHOOSE}\n{_list(found)}", _buttons(found))
        return
    if not await may_change_settings(update, context):
        return
    try:
        match = await follows.find(chat_id, terms(words))
    except WordsError:
        match = None  # words that cannot be followed are not followed
    if match is None or not await follows.unfollow(chat_id, match.id):
        await send_html(update, context, NOT_FOLLOWED.format(words=escape(words)))
        return
    await send_html(update, context, UNFOLLOWED.format(words=escape(match.words)))


async def on_unfollow(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None  # the handler takes callback queries only
    callback = decode(query.data)
    chat = update.effective_chat
    if callback is None or chat is None:
        await query.answer(STALE_BUTTON)
        return
    if not await may_change_settings(update, context):
        await query.answer()
        return
    follows = context.state.pusher.follows
    gone = next((f for f in await follows.of_chat(chat.id) if str(f.id) == callback.arg), None)
    if gone is None or not await follows.unfollow(chat.id, gone.id):
        await query.answer(ALREADY_GONE)
        return
    await query.answer()
    left = await follows.of_chat(chat.id)
    text = UNFOLLOWED.format(words=escape(gone.words))
    if left:
        await edit_html(update, context, f"{text}\n\n{CHOOSE}\n{_list(left)}", _buttons(left))
    else:
        await edit_html(update, context, text)


async def on_open(update: Update, context: BotContext) -> None:
    """An alert's button: the report's overview and table of contents, in a new message (the
    alert stays, with its sentences)."""
    found = await tapped(update, context)
    if found is None:
        return
    _, report = found
    assert update.callback_query is not None  # tapped() found one
    await update.callback_query.answer()
    await send_html(update, context, overview(report), toc_keyboard(report, toc_page(report, 0)))


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(on_unfollow, pattern=pattern("unf")),
        CallbackQueryHandler(on_open, pattern=pattern("open")),
    ]
