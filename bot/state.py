"""What every handler can reach: the bot's state as PTB's `bot_data`, typed.

PTB makes `bot_data` from `CONTEXT_TYPES` with no arguments when the application is built;
`bot.app.build_application` then gives it the configuration, the library, the database's
repositories (bot/repositories.py) and the pusher.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from briefings.catalogue import Listing

from .config import Config
from .ingest import Ingest, Timing
from .library.briefer import Briefer
from .library.cards import CardCache
from .library.reports import ReportLibrary
from .library.search_index import SearchShelf
from .push.follows import Follows
from .push.runner import Pusher
from .push.store import Store
from .repositories import Stores
from .store.chats import ChatSettings
from .store.numbered import NumberedLists


class BotState:
    """The configuration, the report library and what the bot built around them."""

    config: Config
    library: ReportLibrary
    briefer: Briefer
    pusher: Pusher
    stores: Stores  # the one database and its repositories
    ingest: Ingest
    search: SearchShelf

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.cards = CardCache()
        self.lists = NumberedLists()  # each chat's last numbered list, for a number typed after
        self.enrichment: asyncio.Task[None] | None = (
            None  # done once start-up's reports are briefed
        )
        self.loading: asyncio.Task[None] | None = None  # done once the reports folder is read

    def setup(self, config: Config, library: ReportLibrary, stores: Stores, pusher: Pusher) -> None:
        self.config, self.library, self.stores, self.pusher = config, library, stores, pusher
        self.briefer = Briefer(library, workers=config.briefing_workers, sharing=stores.briefings)
        pusher.wait_briefing = self.briefer.wait  # a new report's news tells of last year's targets
        timing = Timing(
            config.reports_settle_seconds, config.push.announce_window_seconds,
            link_roots=config.reports_links_into,
        )  # fmt: skip
        self.ingest = Ingest(self.briefer, pusher, config.sources, config.fetching, timing)
        self.search = SearchShelf(library)

    @property
    def chats(self) -> ChatSettings:
        return self.stores.chats

    @property
    def subscriptions(self) -> Store:
        return self.stores.subscriptions

    @property
    def follows(self) -> Follows:
        return self.stores.follows

    async def report_of(self, chat_id: int) -> Listing | None:
        """The chat's chosen report (None: the library is empty). A chat that has chosen none,
        or whose choice is gone, is given the newest, and keeps it until it chooses another:
        a report arriving later is announced with a button of its own, never switched to
        behind the chat's back."""
        chosen = await self.chats.report(chat_id)
        listing = self.library.for_choice(chosen)
        if listing is not None and listing.digest != chosen:
            with contextlib.suppress(sqlite3.Error):  # a full disk: kept next time instead
                await self.chats.choose_report(chat_id, listing.digest)
        return listing

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
