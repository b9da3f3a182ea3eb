"""Shared fixtures: the fake Telegram (FakeBotApi) and the real bot talking to it over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.botkit import Chat, make_config, open_chat
from tests.fault_api import FakeBotApi
from tests.gov_site import GovSite, build_site


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


@pytest.fixture
async def site() -> AsyncIterator[GovSite]:
    """The local government site of the source tests, on 127.0.0.1."""
    server = GovSite()
    await server.start()
    build_site(server)
    yield server
    await server.stop()
