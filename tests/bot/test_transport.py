"""The aiohttp transport under PTB's Bot: what goes over the wire, timeouts and errors."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut

from bot.telegram.transport import AiohttpRequest

TOKEN = "123:abc"
MESSAGE = {"message_id": 1, "date": 0, "chat": {"id": 7, "type": "private"}, "text": "x"}


class Recorder:
    """A Bot API that answers every call at once, except after `delay` seconds for `slow`."""

    def __init__(self, slow: str = "", delay: float = 0.0) -> None:
        self.bodies: list[tuple[str, str, bytes]] = []
        self.slow, self.delay = slow, delay

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.bodies.append((method, request.content_type, await request.read()))
        if method == self.slow:
            await asyncio.sleep(self.delay)
        result: Any = [] if method == "getUpdates" else MESSAGE
        return web.json_response({"ok": True, "result": result})


async def _bot(recorder: Recorder, read_timeout: float = 5.0) -> AsyncIterator[Bot]:
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", recorder.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    request = AiohttpRequest(connections=2, read_timeout=read_timeout)
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    await request.initialize()
    try:
        yield bot
    finally:
        await request.shutdown()
        await runner.cleanup()


@pytest.fixture
async def recorder_bot() -> AsyncIterator[tuple[Recorder, Bot]]:
    recorder = Recorder()
    async for bot in _bot(recorder):
        yield recorder, bot


async def test_a_reply_goes_as_json_with_nested_objects_and_plain_chinese(
    recorder_bot: tuple[Recorder, Bot],
) -> None:
    recorder, bot = recorder_bot
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("摘要", callback_data="menu::summary")]])
    sent = await bot.send_message(7, "<b>法治政府</b>", parse_mode="HTML", reply_markup=markup)
    assert sent.message_id == 1
    method, content_type, body = recorder.bodies[-1]
    assert (method, content_type) == ("sendMessage", "application/json")
    assert "法治政府".encode() in body  # not \\u-escaped, not percent-encoded
    params = json.loads(body)
    assert params["chat_id"] == 7
    assert params["reply_markup"]["inline_keyboard"][0][0]["text"] == "摘要"


async def test_a_photo_goes_as_multipart(recorder_bot: tuple[Recorder, Bot]) -> None:
    recorder, bot = recorder_bot
    await bot.send_photo(7, b"\x89PNG fake", caption="卡片")
    method, content_type, body = recorder.bodies[-1]
    assert (method, content_type) == ("sendPhoto", "multipart/form-data")
    assert b"\x89PNG fake" in body and "卡片".encode() in body


async def test_a_long_poll_outlasts_the_default_read_timeout() -> None:
    recorder = Recorder(slow="getUpdates", delay=0.6)
    async for bot in _bot(recorder, read_timeout=0.2):
        assert await bot.get_updates(timeout=1) == ()  # PTB widens the read timeout for it


async def test_a_slow_answer_times_out_as_ptb_timedout() -> None:
    recorder = Recorder(slow="sendMessage", delay=1.0)
    async for bot in _bot(recorder, read_timeout=0.2):
        with pytest.raises(TimedOut):
            await bot.send_message(7, "x")


async def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest(connections=1)
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await bot.send_message(7, "x")
        assert not isinstance(caught.value, TimedOut)
        assert TOKEN not in caught.value.message
    finally:
        await request.shutdown()
