"""Shared fixtures: the fake Telegram (FakeBotApi) and the real bot talking to it over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.botkit import Chat, make_config, open_chat
from tests.fault_api import FakeBotApi


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def chat(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Chat]:
    async with open_chat(api, make_config(tmp_path)) as opened:
        yield opened
