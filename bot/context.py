"""What every handler can reach: the bot's state as PTB's `bot_data`, typed.

PTB makes `bot_data` from `CONTEXT_TYPES` with no arguments when the application is built;
`bot.app.build_application` then gives it the configuration, the library and the pusher.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from .briefer import Briefer
from .cards import CardCache
from .chats import ChatSettings, Database
from .config import Config
from .ingest import Ingest, Timing
from .library import ReportLibrary
from .push.runner import Pusher
from .search_shelf import SearchShelf


class BotState:
    """The configuration, the report library and what the bot built around them."""

    config: Config
    library: ReportLibrary
    briefer: Briefer
    pusher: Pusher
    chats: ChatSettings
    ingest: Ingest
    search: SearchShelf

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.cards = CardCache()
        self.enrichment: asyncio.Task[None] | None = (
            None  # done once start-up's reports are briefed
        )

    def setup(self, config: Config, library: ReportLibrary, pusher: Pusher) -> None:
        self.config, self.library, self.pusher = config, library, pusher
        self.briefer = Briefer(library)
        timing = Timing(
            config.reports_settle_seconds, config.push.announce_window_seconds,
            link_roots=config.reports_links_into,
        )  # fmt: skip
        self.ingest = Ingest(self.briefer, pusher, config.sources, config.fetching, timing)
        self.search = SearchShelf(library)
        self.chats = ChatSettings(self._database)

    async def _database(self) -> Database:
        # The push store owns the database's one connection: settings share its checks.
        return await self.pusher.store()

    def uptime(self) -> float:
        return time.monotonic() - self.started


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotState]):
    """The PTB context of every handler and job of the bot."""

    @property
    def state(self) -> BotState:
        return self.bot_data

    @property
    def library(self) -> ReportLibrary:
        return self.bot_data.library


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotState)


def state_of(application: Application) -> BotState:
    """The state of an application built by bot.app (for code outside a handler)."""
    return application.bot_data
