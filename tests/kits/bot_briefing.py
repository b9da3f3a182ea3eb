"""Shared by tests: taken from tests/bot/test_bot_briefing.py, so that no test module imports another."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

from bot.app import build_application, running
from bot.config import Config
from bot.library.briefer import Briefer, Work
from bot.local.answered import Turns
from bot.state import state_of
from tests.kits.botkit import Chat
from tests.kits.fault_api import FakeBotApi


@contextlib.asynccontextmanager
async def bot_working(
    api: FakeBotApi, config: Config, work: Work, workers: int = 1
) -> AsyncIterator[Chat]:
    """The running bot, its briefing workers running `work` instead of the real briefing."""
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    state = state_of(application)
    state.briefer = Briefer(state.library, work, workers)
    turns = Turns().install(application)
    async with running(application, poll_timeout=1):
        yield Chat(api, application, turns)
