"""Shared fixtures: the fake Telegram (LocalBotApi) and the real bot talking to it over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.local_api import LocalBotApi
from tests.botkit import Chat, make_config, open_chat


@pytest.fixture
async def api() -> AsyncIterator[LocalBotApi]:
    server = LocalBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def chat(api: LocalBotApi, tmp_path: Path) -> AsyncIterator[Chat]:
    async with open_chat(api, make_config(tmp_path)) as opened:
        yield opened
