"""The push commands: subscriptions and time zones (a group's changed only by its admins),
push control for the bot's admins (gated in bot.commands), and the scheduler's job. A database
failure is answered by the one error handler."""

from __future__ import annotations

from datetime import datetime, time
from html import escape
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.present import series
from bot.present.render import report_title
from bot.present.words import Words
from briefings.catalogue import Listing

from ..library.reports import ReportLibrary
from ..push.schedule import (
    Frequency,
    Schedule,
    ScheduleError,
    next_due,
    parse_schedule,
    parse_zone,
)
from ..push.store import Subscription
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import send_html
from ..state import BotContext
from ..telegram.callbacks import decode
from ..telegram.updates import message_of, query_of
from .common import answer_stale
from .follow import subscriptions_part
from .permissions import may_change_settings


def _place(message: Message) -> tuple[int, int]:
    """The chat and, in a forum, the topic a command came from (0 for none)."""
    thread = message.message_thread_id if message.is_topic_message else None
    return message.chat_id, thread or 0


def _local(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"


async def _what(
    sub: Subscription, listing: Listing | None, library: ReportLibrary, words: Words
) -> str:
    if listing is None:
        return words("push.empty_library")
    title = report_title(listing)
    if sub.schedule.frequency is Frequency.WEEKLY:
        return words("push.weekly_of", title=title)
    report = await library.read(listing.digest)  # the series' length: parsed (milliseconds)
    if report is None:
        return words("push.empty_library")
    total = len(series.chapters(report, await library.load_briefing(report.digest), words))
    position = sub.position if sub.report == report.digest else 0
    return words("push.series_of", title=title, number=position % total + 1, total=total)


async def describe(
    sub: Subscription, listing: Listing | None, library: ReportLibrary, words: Words,
    now: datetime,
) -> str:  # fmt: skip
    """The subscription, in one line; `listing`: its chat's report."""
    # A push already due (asked for, or overdue after the bot was down) goes out at the next
    # round: "shortly", not a time in the past.
    due = sub.hurry or sub.next_due <= now
    when = words("push.soon") if due else _local(sub.next_due, sub.timezone)
    return words(
        "push.describe",
        schedule=escape(sub.schedule.describe(sub.timezone, words)),
        topic=words("push.topic", thread=sub.thread_id) if sub.thread_id else "",
        what=await _what(sub, listing, library, words),
        when=when,
    )


async def subscribe(update: Update, context: BotContext) -> None:
    message = message_of(update)
    if not await may_change_settings(update, context):
        return
    words = await words_of(update, context)
    try:
        schedule = parse_schedule(context.args or [])
    except ScheduleError as error:
        await message.reply_text(escape(error.say(words)))  # it quotes the argument
        return
    await _subscribe(context, message, schedule, words)


async def on_time(update: Update, context: BotContext) -> None:
    """A push time tapped under the 订阅 button: subscribe daily at it, as /subscribe HH:MM."""
    query = query_of(update)
    button = decode(query.data)
    message = query.message
    if button is None or not isinstance(message, Message):
        await answer_stale(update, context)
        return
    await query.answer()
    if not await may_change_settings(update, context):
        return
    at = time(int(button.arg[:2]), int(button.arg[2:]))
    words = await words_of(update, context)
    await _subscribe(context, message, Schedule(at, Frequency.DAILY), words)


async def _subscribe(
    context: BotContext, message: Message, schedule: Schedule, words: Words
) -> None:
    """Subscribe the chat (or forum topic) of `message` on `schedule`; the reply says so."""
    pusher, library = context.state.pusher, context.library
    store = context.state.subscriptions
    chat_id, thread_id = _place(message)
    zone = await context.state.chats.zone(chat_id, context.state.config.timezone)
    now = pusher.clock()
    existed = await store.get(chat_id, thread_id) is not None
    known = [report.digest for report in library.reports]
    sub = await store.subscribe(
        chat_id, thread_id, schedule, zone, next_due(schedule, zone, now), known, now
    )
    head = words("push.updated" if existed else "push.subscribed")
    listing = await context.state.report_of(chat_id)
    text = f"{head}\n{await describe(sub, listing, library, words, now)}" + words(
        "push.unsubscribe_hint"
    )
    await message.reply_text(text)


async def unsubscribe(update: Update, context: BotContext) -> None:
    message = message_of(update)
    if not await may_change_settings(update, context):
        return
    store = context.state.subscriptions
    words = await words_of(update, context)
    if await store.unsubscribe(*_place(message)):
        await message.reply_text(words("push.unsubscribed"))
    else:
        await message.reply_text(words("push.none_here"))


async def subscriptions(update: Update, context: BotContext) -> None:
    message = message_of(update)
    pusher = context.state.pusher
    subs = await context.state.subscriptions.subscriptions_of(message.chat_id)
    now = pusher.clock()
    words = await words_of(update, context)
    followed = await subscriptions_part(context, message.chat_id, words)
    if not subs:
        await send_html(update, context, words("push.none_in_chat") + followed)
        return
    listing = await context.state.report_of(message.chat_id)
    lines = [await describe(sub, listing, context.library, words, now) for sub in subs]
    await send_html(update, context, "\n".join([words("push.list"), *lines]) + followed)


async def timezone(update: Update, context: BotContext) -> None:
    message = message_of(update)
    pusher, store = context.state.pusher, context.state.subscriptions
    words = await words_of(update, context)
    if not context.args:
        zone = await context.state.chats.zone(message.chat_id, context.state.config.timezone)
        await message.reply_text(words("push.zone_current", zone=escape(zone)))
        return
    if not await may_change_settings(update, context):
        return
    try:
        zone = parse_zone(context.args[0])
    except ScheduleError as error:
        await message.reply_text(escape(error.say(words)))  # it quotes the argument
        return
    await context.state.chats.set_zone(message.chat_id, zone)
    now = pusher.clock()
    for sub in await store.subscriptions_of(message.chat_id):
        await store.reschedule(sub.id, zone, next_due(sub.schedule, zone, now))
    subs = await store.subscriptions_of(message.chat_id)
    listing = await context.state.report_of(message.chat_id)
    lines = [await describe(sub, listing, context.library, words, now) for sub in subs]
    await send_html(update, context, "\n".join([words("push.zone_set", zone=escape(zone)), *lines]))


async def push_now(update: Update, context: BotContext) -> None:
    message = message_of(update)
    pusher = context.state.pusher
    words = await words_of(update, context)
    if await pusher.push_now() is None:  # running here, or in a `briefing-bot push`
        await message.reply_text(words("push.busy"))
        return
    count = (await context.state.subscriptions.stats(pusher.clock())).subscribers
    await message.reply_text(words("push.started", count=count))


async def stats(update: Update, context: BotContext) -> None:
    message = message_of(update)
    pusher = context.state.pusher
    zone = ZoneInfo(context.state.config.timezone)
    midnight = datetime.combine(pusher.clock().astimezone(zone).date(), datetime.min.time(), zone)
    figures = await context.state.subscriptions.stats(midnight)
    done, total = context.state.briefer.progress()
    words = await words_of(update, context)
    lines = [
        words("push.subscribers", count=figures.subscribers),
        words("push.sent_today", count=figures.sent),
        words("push.failed_today", count=figures.failed),
        words("push.last_error", error=escape(figures.last_error or words("push.no_error"))),
        await _pushing(pusher.busy, context, words),
        words("push.briefed", done=done, total=total),
    ]
    if pusher.fault:
        lines.append(words("push.fault", fault=escape(pusher.fault)))
    await message.reply_text("\n".join(lines))


async def _pushing(busy: bool, context: BotContext, words: Words) -> str:
    """Whether a push runs here, in another replica (named by its lease), or nowhere."""
    if busy:
        return words("push.running")
    holder = await context.state.subscriptions.push_holder()
    return words("push.running_elsewhere", holder=escape(holder)) if holder else words("push.idle")


async def reload(update: Update, context: BotContext) -> None:
    library, pusher = context.library, context.state.pusher
    new = await context.state.briefer.reload()
    await pusher.announce(new)
    if new:
        await pusher.start()
    words = await words_of(update, context)
    titles = [words("push.new_title", title=report_title(report)) for report in new]
    lines = [words("push.reloaded", count=len(library.reports), new=len(new)), *titles]
    lines += [words("push.unreadable", error=escape(str(error))) for error in library.errors]
    await send_html(update, context, "\n".join(lines), more=words("push.unreadable_more"))


async def migrated(update: Update, context: BotContext) -> None:
    """A group became a supergroup. Telegram says so in both chats; the first moves the
    subscriptions and settings to the new id, the second finds nothing left to move."""
    message = message_of(update)
    stores = context.state.stores
    if message.migrate_to_chat_id:
        await stores.migrate_chat(message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await stores.migrate_chat(message.migrate_from_chat_id, message.chat_id)


async def scheduled_round(context: BotContext) -> None:
    """The scheduler job: a round for the subscriptions due, unless one is running."""
    await context.state.pusher.start()


def handlers() -> list[BaseHandler]:
    return [MessageHandler(filters.StatusUpdate.MIGRATE, migrated), tap_handler("sub", on_time)]
