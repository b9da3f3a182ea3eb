"""Test helpers for the bot: a chat with the real PTB bot polling FakeBotApi over HTTP."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import CORPUS, SEEDS
from bench.kits.report_copies import warm_cache
from bot.app import build_application, running
from bot.config import Config, parse_config
from bot.library.briefer import Briefer, Work
from bot.local.answered import Turns
from bot.local.bot_api import Call
from bot.local.plain_text import plain
from bot.state import state_of

USER = 1001
GROUP = -100200


@contextlib.asynccontextmanager
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """The fake Telegram, serving on 127.0.0.1 until the block ends (the `api` fixture)."""
    server = FakeBotApi()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def make_config(
    tmp_path: Path, reports_dir: Path = SEEDS, env: dict[str, str] | None = None, **raw: Any
) -> Config:
    """A config for a bot in `tmp_path`; its report cache holds the seed's briefing unless
    `cache_dir` says otherwise. Its start-up freezes no heap: a test process starts hundreds of
    bots, and each freeze walked the whole process again (~0.1-0.2 s a bot)."""
    values = {
        "reports_dir": str(reports_dir),
        "database": str(tmp_path / "db.sqlite3"),
        "freeze_startup_heap": False,
        **raw,
    }
    if "cache_dir" not in values:
        values["cache_dir"] = str(warm_cache(tmp_path))
    return parse_config(values, tmp_path, env=env or {})


def visible(calls: Sequence[Call]) -> str:
    """The text the user sees from these calls (messages and edits), tags removed."""
    return "\n".join(
        plain(c.params["text"]) for c in calls if c.method in {"sendMessage", "editMessageText"}
    )


def buttons(call: Call) -> list[tuple[str, str]]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


class Chat:
    """A user talking to the running bot; each method returns the calls of the bot's answer."""

    def __init__(self, api: FakeBotApi, application: Any, turns: Turns) -> None:
        self.api, self.application, self.turns = api, application, turns
        self.timeout = 5.0  # seconds an answer may take

    async def _answer(self, update: dict[str, Any]) -> list[Call]:
        before = len(self.api.calls)
        await self.turns.wait(update["update_id"], timeout=self.timeout)
        return [*self.api.calls[before:]]

    async def send(
        self, text: str, chat_id: int = USER, chat_type: str = "private", user_id: int = USER
    ) -> list[Call]:
        return await self._answer(self.api.user_message(text, chat_id, user_id, chat_type))

    async def deliver(self, update: dict[str, Any]) -> list[Call]:
        """An update built by the test (e.g. a message from an anonymous group admin)."""
        return await self._answer(self.api.add_update(update))

    async def inline(self, query: str, user_id: int = USER) -> list[Call]:
        """The user types `@bot query` in a chat: the bot's answerInlineQuery call."""
        return await self._answer(self.api.inline_query(query, user_id))

    async def tap(self, under: Call, data: str) -> list[Call]:
        return await self._answer(self.api.tap(under.result, data))

    async def text(self, text: str, **kwargs: Any) -> str:
        return visible(await self.send(text, **kwargs))


@contextlib.asynccontextmanager
async def started(application: Application) -> AsyncIterator[Application]:
    """`application` polling the fake Telegram, its reports loaded and briefed."""
    async with running(application, poll_timeout=1):
        state = state_of(application)
        if state.loading is not None:  # the folder took longer than LOAD_WAIT to read
            await state.loading
        enrichment = state.enrichment
        assert enrichment is not None  # running() starts it, once the folder is read
        await enrichment
        yield application


@contextlib.asynccontextmanager
async def open_chat(api: FakeBotApi, config: Config) -> AsyncIterator[Chat]:
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    turns = Turns().install(application)
    async with started(application):
        yield Chat(api, application, turns)


@contextlib.asynccontextmanager
async def corpus_chat(
    api: FakeBotApi, tmp_path: Path, cache: Path, names: Sequence[str], **raw: Any
) -> AsyncIterator[Chat]:
    """A chat with a bot whose reports folder links these corpus reports (paths relative to
    ../shared/corpus) and whose cache is `cache`, shared by a module's bots so that each report
    is briefed once. Links lead into the corpus folder, so the bot is told to follow them."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in names:
        (folder / Path(name).name).symlink_to(CORPUS / name)
    config = make_config(
        tmp_path, folder, cache_dir=str(cache), reports_links_into=[str(CORPUS)], **raw
    )
    async with open_chat(api, config) as chat:
        yield chat


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
