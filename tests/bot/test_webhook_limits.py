"""Issue 12 items 9 and 16: the webhook server under slow clients and forged updates.

Slow clients (slow-loris) without the secret are cut: headers and bodies have deadlines, and
connections a cap at which the oldest idle one is evicted; /healthz and real updates are still
answered, and the cuts are logged once, not per connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import signal
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bench.kits.clikit import BOUND, finish, free_port, healthz, start_cli, write_config
from bench.kits.fault_api import FakeBotApi
from bot.app import build_application, running
from bot.config import WEBHOOK_SECRET_ENV
from bot.local.answered import Turns
from bot.web.limits import QuietAcceptErrors, WebLimits
from bot.web.server import SECRET_HEADER, build_web_app, serving
from tests.kits.botkit import USER, make_config, visible

SECRET = "webhook-SECRET-limits"
CAP = 50
SLOW = 200  # slow clients, four times the cap
BURST = 32  # the listening backlog: one accept burst may overshoot the cap by this much
HEADER_SECONDS = 4.0
CLIENT_TIMEOUT = aiohttp.ClientTimeout(total=30)  # a bound on each request, not a measure
LIMITS = WebLimits(max_connections=CAP, header_seconds=HEADER_SECONDS, body_seconds=1.0)
PARTIAL = b"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "  # headers never end


@contextlib.asynccontextmanager
async def webhook_server(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[int, Turns]]:
    config = make_config(tmp_path, env={WEBHOOK_SECRET_ENV: SECRET},
                         telegram={"mode": "webhook"})  # fmt: skip
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    turns = Turns().install(application)
    web_app = build_web_app(application, LIMITS)
    async with running(application), serving(web_app, "127.0.0.1", 0) as port:
        yield port, turns


def update(update_id: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id,
            "message": {"message_id": update_id, "date": 0, "text": text,
                        "chat": {"id": USER, "type": "private"},
                        "from": {"id": USER, "is_bot": False, "first_name": "用户"},
                        "entities": [{"type": "bot_command", "offset": 0,
                                      "length": len(text)}]}}  # fmt: skip


async def post(port: int, body: Any) -> int:
    async with (
        aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session,
        session.post(f"http://127.0.0.1:{port}/telegram", json=body,
                     headers={SECRET_HEADER: SECRET}) as response,
    ):  # fmt: skip
        return response.status


async def health(port: int) -> int:
    async with (
        aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session,
        session.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        return response.status


async def closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """Whether the server closed this connection within `within` seconds."""
    try:
        while await asyncio.wait_for(reader.read(1024), within):
            pass  # an error answer before the close
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return True


async def open_slow(port: int, count: int) -> list[tuple[asyncio.StreamReader, Any]]:
    clients = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(PARTIAL)
        clients.append((reader, writer))
    await asyncio.gather(*(writer.drain() for _, writer in clients))
    return clients


async def test_slow_clients_are_capped_and_cut(
    api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        async with webhook_server(api, tmp_path) as (port, turns):
            clients = await open_slow(port, SLOW)
            try:
                # at the cap each newcomer evicts the oldest idle client: closed now, well
                # before the header deadline
                evicted = await asyncio.gather(
                    *(closed_by_server(reader, 1.0) for reader, _ in clients[: SLOW - CAP])
                )
                assert await health(port) == 200
                assert await post(port, update(41, "/plan")) == 200
                await turns.wait(41, timeout=10)
                # the rest are cut at the header deadline (waited for: at most 5 times it)
                timed_out = await asyncio.gather(
                    *(closed_by_server(r, 5 * HEADER_SECONDS) for r, _ in clients[SLOW - CAP :])
                )
            finally:
                for _, writer in clients:
                    writer.close()
    assert sum(evicted) >= SLOW - CAP - BURST and all(timed_out)
    assert "工作计划" in visible(api.sent("sendMessage"))
    cut_lines = [r for r in caplog.records if "slow clients cut" in r.getMessage()]
    assert 1 <= len(cut_lines) <= 2  # once a minute, not once per connection
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_body_sent_slowly_is_cut(api: FakeBotApi, tmp_path: Path) -> None:
    async with webhook_server(api, tmp_path) as (port, _):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + f"{SECRET_HEADER}: {SECRET}\r\nContent-Length: 1000\r\n\r\n{{".encode()
        )
        await writer.drain()
        try:
            answer = await asyncio.wait_for(reader.read(200), 10.0)
        finally:
            writer.close()
        assert answer.startswith(b"HTTP/1.1 408")
        assert await health(port) == 200


@pytest.mark.parametrize(
    "body",
    [
        {"update_id": 1, "message": 5},
        {"update_id": 2, "message": "text"},
        {"update_id": 3, "message": {"message_id": 1, "date": 10**20,
                                     "chat": {"id": USER, "type": "private"}}},
        {"update_id": 4, "message": {"message_id": 1, "date": 0, "chat": {"id": USER,
                                     "type": "private"}, "reply_markup": {"inline_keyboard": [[5]]}}},
    ],
    ids=["message-int", "message-str", "date-overflow", "button-int"],
)  # fmt: skip
async def test_a_malformed_update_with_the_secret_is_a_400(
    api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture, body: dict
) -> None:
    with caplog.at_level(logging.WARNING):
        async with webhook_server(api, tmp_path) as (port, turns):
            assert await post(port, body) == 400
            assert await post(port, update(42, "/start")) == 200
            await turns.wait(42, timeout=10)
    told = [r for r in caplog.records if r.name == "bot.web.server"]
    assert len(told) == 1 and "not an update" in told[0].getMessage()
    assert not told[0].exc_info
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_failed_accepts_are_logged_once_a_minute(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Out of descriptors, every accept fails: asyncio's message, 1,000 times, is one line."""
    loop = asyncio.get_running_loop()
    quiet = QuietAcceptErrors()
    failure = OSError(24, "Too many open files")
    with caplog.at_level(logging.WARNING):
        for _ in range(1000):
            quiet(loop, {"message": "socket.accept() out of system resource",
                         "exception": failure})  # fmt: skip
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1 and "socket.accept()" in lines[0] and "Too many open files" in lines[0]


FILES = 256  # the bot's `ulimit -n` in the next test: fewer than the slow clients


def _few_files() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES, hard))


async def test_a_flood_beyond_ulimit_leaves_the_bot_answering(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """The real CLI in webhook mode, allowed 256 files, against 300 slow clients: it still
    answers /healthz and an update, and says so in a few lines, not one per failed accept."""
    port = free_port()
    config = write_config(tmp_path, api.base_url, http={"listen": "127.0.0.1", "port": 0},
                          telegram={"base_url": api.base_url, "mode": "webhook",
                                    "webhook": {"listen": "127.0.0.1", "port": port}})  # fmt: skip
    process = await start_cli(config, "run", token=api.token, env={WEBHOOK_SECRET_ENV: SECRET},
                              preexec_fn=_few_files)  # fmt: skip
    clients: list[tuple[asyncio.StreamReader, Any]] = []
    try:
        for _ in range(int(BOUND * 4)):
            if process.returncode is not None or await healthz(port):
                break
            await asyncio.sleep(0.25)
        assert process.returncode is None, "the bot did not start"
        clients = await open_slow(port, FILES + 44)
        answered = await health(port), await post(port, update(43, "/plan"))
        await api.wait_for(lambda call: call.method == "sendMessage", timeout=BOUND)
    finally:
        for _, writer in clients:
            writer.close()
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        outcome = await finish(process)
    assert answered == (200, 200), outcome.stderr[-3000:]
    assert len(outcome.stderr.splitlines()) < 40, outcome.stderr[-3000:]
    assert "out of system resource" not in outcome.stderr
