"""What every handler can reach: the configuration, the report library and start time."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from .briefer import Briefer
from .cards import CardCache
from .chats import ChatSettings, Database
from .config import Config

if TYPE_CHECKING:  # bot.push imports this module
    from .push import Pusher
from .library import ReportLibrary

STATE_KEY = "state"


@dataclass
class BotState:
    config: Config
    library: ReportLibrary
    started: float = field(default_factory=time.monotonic)
    briefer: Briefer = field(init=False)
    enrichment: asyncio.Task[None] | None = None  # done once start-up's reports are briefed
    cards: CardCache = field(default_factory=CardCache)
    pusher: Pusher | None = None  # set by bot.push.install
    chats: ChatSettings = field(init=False)

    def __post_init__(self) -> None:
        self.briefer = Briefer(self.library)
        self.chats = ChatSettings(self._database)

    async def _database(self) -> Database:
        # The push store owns the database's one connection: settings share its checks.
        if self.pusher is None:
            raise RuntimeError("chat settings need the database: call bot.push.install")
        return await self.pusher.store()

    def uptime(self) -> float:
        return time.monotonic() - self.started


class BotContext(CallbackContext[ExtBot[None], dict, dict, dict]):
    """The PTB context with typed access to the bot's state (in bot_data under "state")."""

    @property
    def state(self) -> BotState:
        return self.bot_data[STATE_KEY]

    @property
    def library(self) -> ReportLibrary:
        return self.state.library


CONTEXT_TYPES = ContextTypes(context=BotContext)


def state_of(application: Application) -> BotState:
    return application.bot_data[STATE_KEY]
