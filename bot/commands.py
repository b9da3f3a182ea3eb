"""The one table of commands: it registers their handlers, writes /help and Telegram's command
menu, and gates the admin ones to `config.admins` (a refusal for everyone else).

The table is the only place a CommandHandler is made, so a command cannot answer without being
in /help, nor be in /help without answering (tests/bot/test_command_table.py holds both ways).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import Application, CommandHandler, TypeHandler, filters

from bot.present.words import CHINESE, LANGUAGES, Words, catalogue

from .config import Config
from .handlers import (
    across,
    browse,
    card,
    errors,
    fallback,
    figures,
    follow,
    guard,
    inline,
    items,
    lang,
    pages,
    promises,
    push,
    reports,
    search,
    sources,
    start,
)
from .replies.language import words_of
from .replies.progress import showing_typing
from .replies.send import send_html
from .telegram.updates import message_of

FIRST_GROUP = -1  # PTB runs handler groups in order: this one sees every update first
LATER_GROUP = 1  # and this one after the commands' group has answered it

# What a command runs: a PTB handler callback.
CommandFunction = Callable[[Update, Any], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Command:
    """A command; what it does, for /help and the menu, is the catalogue's `commands.<name>`."""

    name: str
    example: str
    callback: CommandFunction
    admin: bool = False
    # Waits on a worker, a thread or a round of sends: other chats' updates need not wait too.
    slow: bool = False

    def __post_init__(self) -> None:
        # A row written the old way, with its description second, would shift every field.
        if self.example.split(" ")[0] != f"/{self.name}":
            raise ValueError(
                f"/{self.name}: the example must start with /{self.name}; the description"
                f" goes in the catalogue as commands.{self.name} (bot/present/data/words/)"
            )


async def help_command(update: Update, context: Any) -> None:
    await send_html(update, context, help_text(await words_of(update, context)))


async def refuse(update: Update, context: Any) -> None:
    await message_of(update).reply_text((await words_of(update, context))("common.refusal"))


COMMANDS: tuple[Command, ...] = (
    Command("start", "/start", start.start),
    Command("help", "/help", help_command),
    Command("summary", "/summary 1.3", browse.summary),
    Command("sections", "/sections", browse.sections),
    Command("metrics", "/metrics 人口", figures.metrics, slow=True),
    Command("plan", "/plan", items.plan),
    Command("problems", "/problems", items.problems),
    Command("search", "/search 营商环境", search.search, slow=True),
    Command("reports", "/reports", reports.reports),
    Command("use", "/use 深圳 2024", reports.use),
    Command("compare", "/compare 地区生产总值增长", across.compare_command),
    Command("diff", "/diff", across.diff),
    Command("promises", "/promises 北京", promises.promises_command, slow=True),
    Command("card", "/card", card.card, slow=True),
    Command("web", "/web", pages.web),
    Command("lang", "/lang en", lang.lang),
    Command("subscribe", "/subscribe 08:00", push.subscribe),
    Command("unsubscribe", "/unsubscribe", push.unsubscribe),
    Command("subscriptions", "/subscriptions", push.subscriptions),
    Command("follow", "/follow 营商环境", follow.follow),
    Command("unfollow", "/unfollow 营商环境", follow.unfollow),
    Command("timezone", "/timezone Asia/Shanghai", push.timezone),
    Command("push_now", "/push_now", push.push_now, admin=True),
    Command("stats", "/stats", push.stats, admin=True),
    Command("reload", "/reload", push.reload, admin=True),
    Command(
        "add", "/add https://www.example.gov.cn/art/1.html", sources.add, admin=True, slow=True
    ),
    Command("sources", "/sources", sources.sources, admin=True),
)


def description(command: Command, words: Words = CHINESE) -> str:
    return words(f"commands.{command.name}")


def menu_commands(words: Words = CHINESE) -> list[BotCommand]:
    """The commands shown in Telegram's menu: everyone's, not the admins'."""
    return [BotCommand(c.name, description(c, words)) for c in COMMANDS if not c.admin]


def menus() -> list[tuple[str | None, list[BotCommand]]]:
    """Telegram's menu per user language: the default (Chinese, for language codes with no
    menu of their own), then one for each other catalogue."""
    others = [(code, menu_commands(catalogue(code))) for code in LANGUAGES if code != "zh"]
    return [(None, menu_commands()), *others]


def help_text(words: Words = CHINESE) -> str:
    lines = [words("help.title")]
    for c in COMMANDS:
        lines.append(
            words(
                "help.line",
                name=c.name,
                description=escape(description(c, words)),
                example=escape(c.example),
            )
        )
    lines.append(words("help.free_text"))
    return "\n".join(lines)


def command_handlers(config: Config) -> list[CommandHandler]:
    """A handler per command, admin ones for `config.admins` only; then the refusal that
    answers an admin command from anyone else."""
    admins = filters.UpdateType.MESSAGES & filters.User(user_id=config.admins)
    handlers: list[CommandHandler[Any, None]] = [
        CommandHandler(
            c.name,
            showing_typing(c.callback),
            filters=admins if c.admin else None,
            block=not c.slow,
        )
        for c in COMMANDS
    ]
    handlers.append(CommandHandler([c.name for c in COMMANDS if c.admin], refuse))
    return handlers


def register(application: Application, config: Config) -> None:
    """Every handler, in the order they must match: PTB gives an update to the first handler
    of its group that takes it. The guard refuses overlong input before anything reads it;
    the fallbacks take only what nothing else took."""
    # Before every other group: a message that is not a bare number ends "right after a list".
    application.add_handler(TypeHandler(Update, reports.forget_lists), group=FIRST_GROUP)
    application.add_handlers(guard.handlers())
    application.add_handlers(command_handlers(config))
    for module in (
        start,
        browse,
        figures,
        search,
        lang,
        push,
        follow,
        reports,
        across,
        promises,
        inline,
    ):
        application.add_handlers(module.handlers())
    application.add_handlers(fallback.handlers([c.name for c in COMMANDS]))
    # Not blocking: the next update is not held back meanwhile.
    application.add_handler(TypeHandler(Update, across.prepare, block=False), group=LATER_GROUP)
    application.add_error_handler(errors.on_error)
