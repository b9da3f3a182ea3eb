"""Helpers shared by the handlers: the chat's report, a tapped button's report, addressing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import Message, Update

from bot.present.words import Words
from briefings.briefing import Briefing
from briefings.model import Listed, Report

from ..replies.language import words_of
from ..replies.send import send_html
from ..state import BotContext
from ..telegram.callbacks import ButtonData, decode
from ..telegram.updates import chat_of, query_of

ENRICHMENT_WAIT = 60.0  # seconds a command needing figures waits for its report's briefing
QUIET_WAIT = 1.0  # of those, waited before the chat is told the answer is coming

# What a command or a menu button shows of a report.
Action = Callable[[Update, BotContext, Report], Awaitable[None]]


def arguments(context: BotContext) -> str:
    return " ".join(context.args or [])


async def current_report(update: Update, context: BotContext) -> Report | None:
    """The chat's report; tells the user when there is none."""
    listing = await context.state.report_of(chat_of(update).id)
    report = await context.library.read(listing.digest) if listing is not None else None
    if report is None:
        await send_no_report(update, context)
    return report


def on_current_report(action: Action) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """The command that shows `action` of the chat's report (or says there is none)."""

    async def command(update: Update, context: BotContext) -> None:
        report = await current_report(update, context)
        if report is not None:
            await action(update, context, report)

    return command


async def send_no_report(update: Update, context: BotContext) -> None:
    loading = context.state.loading
    words = await words_of(update, context)
    reading = loading is not None and not loading.done()
    await send_html(update, context, words("common.loading" if reading else "common.no_report"))


async def answer_stale(update: Update, context: BotContext) -> None:
    """A tap on a button this bot no longer answers (or never made)."""
    await query_of(update).answer((await words_of(update, context))("common.stale_button"))


async def briefing_of(context: BotContext, report: Report) -> Briefing | None:
    """`report`'s briefing (figures, summaries, keywords, search index) if it is in yet."""
    return await context.library.load_briefing(report.digest)


async def await_briefing(
    context: BotContext, report: Report, update: Update | None = None
) -> Briefing | None:
    """`report`'s briefing, waited for.

    After a start with a cold cache, a /reload or a new report, briefings are computed in the
    background (seconds for a report, in a worker process; longer behind others). A command
    that needs one waits for its report's, up to ENRICHMENT_WAIT, rather than tell someone to
    try again later; past QUIET_WAIT it tells the chat of `update` that the answer is coming.
    None if it is still not in.
    """
    briefer = context.state.briefer
    quiet = min(QUIET_WAIT, ENRICHMENT_WAIT)
    briefing = await briefer.wait(report, quiet)
    if briefing is None and quiet < ENRICHMENT_WAIT and briefer.pending(report.digest):
        if update is not None:
            words = await words_of(update, context)
            title = escape(report.display_title)
            await send_html(update, context, words("common.briefing_wait", title=title))
        briefing = await briefer.wait(report, ENRICHMENT_WAIT - quiet)
    return briefing


@dataclass(frozen=True)
class Tap:
    """A tapped button: its payload, the report it names, the words of the chat it is in."""

    button: ButtonData
    report: Report
    words: Words


async def tapped_listing(update: Update, context: BotContext) -> tuple[ButtonData, Listed] | None:
    """The tap on a button of ours and the report it names, as listed (not parsed); a stale or
    forged one gets a polite answer (None)."""
    button = decode(query_of(update).data)
    listing = context.library.by_digest(button.digest) if button else None
    if button is None or listing is None:
        await answer_stale(update, context)
        return None
    return button, listing


async def tapped(update: Update, context: BotContext) -> Tap | None:
    """The tap on a button of ours, its report parsed; a stale or forged one gets a polite
    answer (None)."""
    found = await tapped_listing(update, context)
    if found is None:
        return None
    report = await context.library.read(found[1].digest)
    if report is None:
        await answer_stale(update, context)
        return None
    return Tap(found[0], report, await words_of(update, context))


def command_target(message: Message) -> tuple[str, str | None]:
    """The command word of `/cmd@Bot args` and the bot it names, if any."""
    word = (message.text or "").split(maxsplit=1)[0].removeprefix("/")
    name, _, bot = word.partition("@")
    return name, bot or None


def names_other_bot(message: Message, username: str) -> bool:
    """`/cmd@OtherBot`: meant for another bot in the group."""
    _, bot = command_target(message)
    return bot is not None and bot.lower() != username.lower()


def speaks_to_me(message: Message, username: str) -> bool:
    """A command that names this bot, or any command in a private chat (groups hold other bots)."""
    _, bot = command_target(message)
    return message.chat.type == "private" if bot is None else bot.lower() == username.lower()
