"""Shared fixtures: the fake Telegram (FakeBotApi) and the real bot talking to it over HTTP."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.gov_site import GovSite, build_site
from bench.kits.paths import SEED
from bench.kits.pgserver import PgServer, running_server
from tests.kits.botkit import Chat, fake_api, make_config, open_chat
from tests.kits.push_fixtures import Clock
from tests.kits.scheduling import pytest_xdist_make_scheduler  # noqa: F401 (xdist's hook)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with fake_api() as server:
        yield server


@pytest.fixture
async def chat(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Chat]:
    async with open_chat(api, make_config(tmp_path)) as opened:
        yield opened


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One throwaway PostgreSQL server for the session (skipped, or failed in CI, without it)."""
    with running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """The bot's database on each backend: a SQLite file (where the push tests keep it), or a
    fresh database of its own on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return tmp_path / "data" / "push.sqlite3"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.fresh_database()


@pytest.fixture
def clock() -> Clock:
    """The pushes' clock: 09:00 in Shanghai, after the default push time."""
    return Clock("2024-05-06T01:00:00+00:00")


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A reports folder of its own holding the seed report (tests add and change files)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    return folder


@pytest.fixture
async def site() -> AsyncIterator[GovSite]:
    """The local government site of the source tests, on 127.0.0.1."""
    server = GovSite()
    await server.start()
    build_site(server)
    yield server
    await server.stop()
