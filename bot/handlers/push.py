"""The push commands: subscriptions and time zones (a group's changed only by its admins),
push control for the bot's admins (gated in bot.commands), and the scheduler's job. A database
failure is answered by the one error handler."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from briefings import series
from briefings.render import report_title

from ..context import BotContext
from ..library import ReportLibrary
from ..push.schedule import Frequency, ScheduleError, next_due, parse_schedule, parse_zone
from ..push.store import Subscription
from .permissions import may_change_settings


def _place(message: Message) -> tuple[int, int]:
    """The chat and, in a forum, the topic a command came from (0 for none)."""
    thread = message.message_thread_id if message.is_topic_message else None
    return message.chat_id, thread or 0


def _local(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"


def _what(sub: Subscription, library: ReportLibrary) -> str:
    listing = library.for_chat(sub.chat_id)
    report = library.report(listing.digest) if listing is not None else None
    if report is None:
        return "（报告目录为空，暂无内容）"
    title = report_title(report)
    if sub.schedule.frequency is Frequency.WEEKLY:
        return f"《{title}》一周简报"
    total = len(series.chapters(report, library.briefing(report.digest)))
    position = sub.position if sub.report == report.digest else 0
    return f"《{title}》简报系列，下一篇：第 {position % total + 1}/{total} 篇"


def describe(sub: Subscription, library: ReportLibrary) -> str:
    when = "即将推送" if sub.hurry else _local(sub.next_due, sub.timezone)
    topic = f"（话题 {sub.thread_id}）" if sub.thread_id else ""
    return (
        f"• {escape(sub.schedule.describe(sub.timezone))}{topic}\n"
        f"  内容：{_what(sub, library)}\n"
        f"  下次推送：{when}"
    )


async def subscribe(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if not await may_change_settings(update, context):
        return
    pusher, library = context.state.pusher, context.library
    try:
        schedule = parse_schedule(context.args or [])
    except ScheduleError as error:
        await message.reply_text(escape(str(error)))  # it quotes the argument
        return
    store = await pusher.store()
    chat_id, thread_id = _place(message)
    zone = await context.state.chats.zone(chat_id, context.state.config.timezone)
    now = pusher.clock()
    existed = await store.get(chat_id, thread_id) is not None
    known = [report.digest for report in library.reports]
    sub = await store.subscribe(
        chat_id, thread_id, schedule, zone, next_due(schedule, zone, now), known, now
    )
    head = "订阅已更新。" if existed else "订阅成功！"
    await message.reply_text(f"{head}\n{describe(sub, library)}\n\n取消订阅：/unsubscribe")


async def unsubscribe(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if not await may_change_settings(update, context):
        return
    store = await context.state.pusher.store()
    if await store.unsubscribe(*_place(message)):
        await message.reply_text("已取消订阅，不会再收到推送。重新订阅：/subscribe")
    else:
        await message.reply_text("这里还没有订阅。订阅：/subscribe [HH:MM] [daily|weekly|workdays]")


async def subscriptions(update: Update, context: BotContext) -> None:
    message = update.effective_message
    subs = await (await context.state.pusher.store()).subscriptions_of(message.chat_id)
    if not subs:
        await message.reply_text("本聊天没有订阅。订阅：/subscribe [HH:MM] [daily|weekly|workdays]")
        return
    lines = [describe(sub, context.library) for sub in subs]
    await message.reply_text("本聊天的订阅：\n" + "\n".join(lines))


async def timezone(update: Update, context: BotContext) -> None:
    message = update.effective_message
    pusher = context.state.pusher
    store = await pusher.store()
    if not context.args:
        zone = await context.state.chats.zone(message.chat_id, context.state.config.timezone)
        await message.reply_text(
            f"当前时区：{escape(zone)}\n修改：/timezone &lt;IANA 时区名&gt;，如 Europe/Berlin"
        )
        return
    if not await may_change_settings(update, context):
        return
    try:
        zone = parse_zone(context.args[0])
    except ScheduleError as error:
        await message.reply_text(escape(str(error)))  # it quotes the argument
        return
    await context.state.chats.set_zone(message.chat_id, zone)
    for sub in await store.subscriptions_of(message.chat_id):
        await store.reschedule(sub.id, zone, next_due(sub.schedule, zone, pusher.clock()))
    subs = await store.subscriptions_of(message.chat_id)
    lines = [describe(sub, context.library) for sub in subs]
    await message.reply_text("\n".join([f"时区已设为 {escape(zone)}。", *lines]))


async def push_now(update: Update, context: BotContext) -> None:
    message = update.effective_message
    pusher = context.state.pusher
    if await pusher.push_now() is None:  # running here, or in a `briefing-bot push`
        await message.reply_text("推送正在进行中，请稍后再试。")
        return
    count = (await (await pusher.store()).stats(pusher.clock())).subscribers
    await message.reply_text(f"已开始向 {count} 个订阅推送简报。进度见 /stats")


async def stats(update: Update, context: BotContext) -> None:
    message = update.effective_message
    pusher = context.state.pusher
    zone = ZoneInfo(context.state.config.timezone)
    midnight = datetime.combine(pusher.clock().astimezone(zone).date(), datetime.min.time(), zone)
    figures = await (await pusher.store()).stats(midnight)
    lines = [
        f"订阅数：{figures.subscribers}",
        f"今日已推送：{figures.sent}",
        f"今日失败：{figures.failed}",
        f"最近错误：{escape(figures.last_error or '无')}",
        "推送进行中" if pusher.busy else "当前没有进行中的推送",
    ]
    if pusher.fault:
        lines.append(f"推送数据库故障：{escape(pusher.fault)}")
    await message.reply_text("\n".join(lines))


async def reload(update: Update, context: BotContext) -> None:
    message = update.effective_message
    library, pusher = context.library, context.state.pusher
    new = await context.state.briefer.reload()
    await pusher.announce(new)
    if new:
        pusher.start()
    titles = [f"《{report_title(report)}》" for report in new]
    lines = [f"报告目录已重新加载：共 {len(library.reports)} 份，新增 {len(new)} 份。", *titles]
    lines += [f"无法读取：{escape(str(error))}" for error in library.errors]
    await message.reply_text("\n".join(lines))


async def migrated(update: Update, context: BotContext) -> None:
    """A group became a supergroup. Telegram says so in both chats; the first moves the
    subscriptions and settings to the new id, the second finds nothing left to move."""
    message = update.effective_message
    if message.migrate_to_chat_id:
        await context.state.pusher.migrate(message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        await context.state.pusher.migrate(message.migrate_from_chat_id, message.chat_id)


async def scheduled_round(context: BotContext) -> None:
    """The scheduler job: a round for the subscriptions due, unless one is running."""
    pusher = context.state.pusher
    await pusher.store()
    pusher.start()


def handlers() -> list[BaseHandler]:
    return [MessageHandler(filters.StatusUpdate.MIGRATE, migrated)]
