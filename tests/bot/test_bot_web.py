"""The aiohttp side: the webhook route and its secret, and /healthz in both modes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest

from bench.kits.fault_api import FakeBotApi
from bot.app import build_application, running
from bot.local.answered import Turns
from bot.state import state_of
from bot.web.server import build_web_app, serving
from tests.kits.botkit import USER, make_config, visible

SECRET = "s3cret-token_value"


def _update(text: str) -> dict:
    return {
        "update_id": 500,
        "message": {"message_id": 9, "date": 0, "text": text,
                    "chat": {"id": USER, "type": "private"},
                    "from": {"id": USER, "is_bot": False, "first_name": "用户"},
                    "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]},
    }  # fmt: skip


@pytest.fixture
async def webhook(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[str, Turns]]:
    config = make_config(
        tmp_path,
        env={"TELEGRAM_WEBHOOK_SECRET": SECRET},
        telegram={"mode": "webhook", "webhook": {"public_url": "https://bot.example.org"}},
    )
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    turns = Turns().install(application)
    async with running(application), serving(build_web_app(application), "127.0.0.1", 0) as port:
        yield f"http://127.0.0.1:{port}", turns


async def test_webhook_is_registered_with_its_secret(webhook: tuple, api: FakeBotApi) -> None:
    (call,) = api.sent("setWebhook")
    assert call.params["url"] == "https://bot.example.org/telegram"
    assert call.params["secret_token"] == SECRET


async def test_a_wrong_secret_is_forbidden(webhook: tuple, api: FakeBotApi) -> None:
    base, _ = webhook
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            async with session.post(
                f"{base}/telegram", json=_update("/plan"), headers=headers
            ) as r:
                assert r.status == 403
    assert not api.sent("sendMessage")


async def test_the_right_secret_delivers_the_update(webhook: tuple, api: FakeBotApi) -> None:
    base, turns = webhook
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/telegram", json=_update("/plan"), headers=headers) as r,
    ):
        assert r.status == 200
    await turns.wait(500, timeout=5)
    assert visible(api.sent("sendMessage")).startswith("2021年工作计划")


async def test_healthz_in_webhook_mode(webhook: tuple) -> None:
    base, _ = webhook
    async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as r:
        body = await r.json()
    assert r.status == 200 and body["status"] == "ok" and body["reports"] == 1
    assert body["uptime_seconds"] >= 0


async def test_healthz_in_polling_mode(api: FakeBotApi, tmp_path: Path) -> None:
    config = replace(make_config(tmp_path), token=api.token, base_url=api.base_url)
    application = build_application(config)
    assert application.updater is not None
    web_app = build_web_app(application)
    async with running(application, poll_timeout=1), serving(web_app, "127.0.0.1", 0) as port:
        url = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{url}/healthz") as r:
                assert r.status == 200 and (await r.json())["reports"] == 1
            async with session.post(f"{url}/telegram", json={}) as r:
                assert r.status in {404, 405}  # no webhook route when polling
        assert state_of(application).uptime() >= 0
