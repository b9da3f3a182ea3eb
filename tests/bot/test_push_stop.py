"""Stopping the bot mid-push the way Docker does (SIGTERM): sends in flight settle first."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.kits.clikit import ADMIN, start_cli
from bench.kits.fault_api import FakeBotApi, Faults
from bench.kits.paths import SEEDS
from bot.app import serve
from bot.config import HttpConfig
from tests.kits.push_fixtures import Clock, push_bot, push_config, rows, value

SUBSCRIBERS = range(7001, 7041)


class SlowTelegram:
    """A push is delivered the moment Telegram receives it; after the first `answered`, the
    answers wait until `answer` is set, so sends are in flight when the bot is stopped."""

    def __init__(self, answered: int) -> None:
        self.answered = answered
        self.received: Counter[int] = Counter()
        self.answer = asyncio.Event()

    @property
    def in_flight(self) -> int:
        return 0 if self.answer.is_set() else max(self.received.total() - self.answered, 0)

    async def __call__(self, method: str, params: dict[str, Any]) -> None:
        if method == "sendMessage" and int(params["chat_id"]) in SUBSCRIBERS:
            self.received[int(params["chat_id"])] += 1
            if self.received.total() > self.answered:
                await self.answer.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _until(condition: Any, what: str) -> None:
    for _ in range(400):  # 20 s at most
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


async def test_sigterm_mid_push_settles_sends_in_flight_none_repeated_none_lost(
    tmp_path: Path, database: Path | str, caplog: pytest.LogCaptureFixture
):
    """Issue 12 item 8: SIGTERM during a push lets the sends in flight finish and record their
    outcome; after a restart every subscriber has had its briefing exactly once."""
    caplog.set_level(logging.INFO, logger="bot.app")
    async with push_bot(tmp_path, Clock("2024-05-06T12:00:00+00:00"), database=database) as bot:
        for chat in SUBSCRIBERS:  # due at 08:00 Shanghai on 2024-05-07: long due by now
            await bot.say("/subscribe", chat_id=chat)
    telegram = SlowTelegram(answered=10)
    api = FakeBotApi()
    api.fault = telegram
    await api.start()
    try:
        config = push_config(tmp_path, api, database=database)
        config = replace(config, http=HttpConfig("127.0.0.1", _free_port()))
        serving = asyncio.create_task(serve(config))
        await _until(lambda: "serving on" in caplog.text, "the bot serves")
        api.user_message("/push_now", ADMIN, ADMIN)
        await _until(lambda: telegram.in_flight >= 5 or serving.done(), "sends in flight")
        assert not serving.done()  # a signal to a process that no longer handles it kills it
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(0.5)  # the stop has begun; Telegram answers the sends in flight
        telegram.answer.set()
        await asyncio.wait_for(serving, 30)
    finally:
        await api.stop()
    assert rows(config.database, "SELECT * FROM deliveries WHERE state = 'sending'") == []
    first_run = telegram.received.total()

    await _restart_serves_the_rest(tmp_path, telegram, first_run, database)


async def test_a_send_waiting_to_retry_when_the_bot_stops_is_left_owed(tmp_path: Path):
    """Issue 12 item 8: a send that failed and waits to be retried is not waited for on stop;
    it is recorded as still owed, and the next start delivers it."""
    chat = SUBSCRIBERS[0]
    api = FakeBotApi()
    api.fault = faults = Faults()
    clock = Clock("2024-05-06T12:00:00+00:00")
    async with push_bot(tmp_path, clock, api=api, first_retry_seconds=600) as bot:
        await bot.say("/subscribe", chat_id=chat)
        faults.flaky[chat] = 1  # the push's first attempt fails with a 500
        clock.set("2024-05-07T00:00:00+00:00")
        assert await bot.pusher.start() is not None
        await _until(lambda: faults.answered[500] == 1, "the first attempt failed")
        await bot.pusher.stop()  # as SIGTERM does; the retry was 600 s away
        (owed,) = rows(
            bot.config.database, "SELECT state, error FROM deliveries WHERE slot NOT LIKE 'r%'"
        )
        assert owed["state"] == "pending" and "NetworkError" in owed["error"]
    async with push_bot(tmp_path, clock) as bot:
        assert (await bot.push_round()).sent == 1
        assert len(bot.texts(chat)) == 1


def _cli_config(config_folder: Path, database: Path, cache: Path, api: FakeBotApi) -> Path:
    raw = {
        "telegram": {"base_url": api.base_url},
        "reports_dir": str(SEEDS),
        "database": str(database),
        "cache_dir": str(cache),
        "push": {"rate_per_second": 200, "max_attempts": 3},
    }
    path = config_folder / "cron.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


async def test_sigterm_stops_the_push_command_gently(tmp_path: Path):
    """Issue 12 item 8, for `briefing-bot push` (cron): SIGTERM mid-push starts no new send,
    lets those in flight finish and record their outcome, and exits 128 + 15 saying so; the
    next push serves the rest, nobody twice."""
    async with push_bot(tmp_path, Clock("2024-05-06T12:00:00+00:00")) as bot:
        for chat in SUBSCRIBERS:  # due at 08:00 Shanghai on 2024-05-07: long due by now
            await bot.say("/subscribe", chat_id=chat)
        database, cache = bot.config.database, bot.config.cache_dir
    telegram = SlowTelegram(answered=10)
    api = FakeBotApi()
    api.fault = telegram
    await api.start()
    try:
        config = _cli_config(tmp_path, database, cache, api)
        process = await start_cli(config, "push", token=api.token)
        try:
            await _until(lambda: telegram.in_flight >= 5 or process.returncode is not None,
                         "sends in flight")  # fmt: skip
            assert process.returncode is None
            process.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.5)  # the stop has begun; Telegram answers the sends in flight
            telegram.answer.set()
            out, err = await asyncio.wait_for(process.communicate(), 30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    finally:
        await api.stop()
    first_run = telegram.received.total()
    assert process.returncode == 128 + signal.SIGTERM, err.decode()
    assert out.decode() == f"sent {first_run}, failed 0, blocked 0\n"
    said = err.decode().splitlines()
    assert said == ["briefing-bot: stopped by SIGTERM; the sends in flight were settled,"
                    " the rest is owed to the next push"]  # fmt: skip
    assert value(database, "SELECT count(*) FROM deliveries WHERE state = 'sending'") == 0
    assert value(database, "SELECT count(*) FROM deliveries WHERE state = 'sent'") == first_run

    await _restart_serves_the_rest(tmp_path, telegram, first_run)


async def _restart_serves_the_rest(
    tmp_path: Path, telegram: SlowTelegram, first_run: int, database: Path | str | None = None
) -> None:
    """After a stop mid-push, a restart serves every subscriber not yet served, none twice."""
    restart = FakeBotApi()
    restart.fault = telegram
    async with push_bot(
        tmp_path, Clock("2024-05-07T00:00:00+00:00"), api=restart, database=database
    ) as bot:
        await bot.push_round()
    assert first_run < len(SUBSCRIBERS)  # the stop came mid-push
    assert [chat for chat, times in telegram.received.items() if times > 1] == []
    assert set(telegram.received) == set(SUBSCRIBERS)
