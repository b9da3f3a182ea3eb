"""Failures: one error handler tells the user briefly; logs never carry the token."""

from __future__ import annotations

import io
import logging
import time
from collections import Counter
from typing import Any

from aiohttp import web

from bench.kits.fault_api import Faults
from bot.local.bot_api import error
from bot.logs import REDACTED, RedactSecrets
from bot.present.words import CHINESE
from tests.kits.botkit import USER, Chat

SORRY = CHINESE("errors.sorry")
TOKEN = "123456:SECRET-token"


async def test_a_failing_reply_is_logged_and_the_user_told(chat: Chat, caplog: Any) -> None:
    failed: list[str] = []

    async def fail_once(method: str, params: dict[str, Any]) -> web.Response | None:
        if method == "sendMessage" and not failed:
            failed.append(method)
            return error(400, "Bad Request: can't parse entities")
        return None

    chat.api.fault = fail_once
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        calls = await chat.send("/plan")
    assert [c.params["text"] for c in calls if c.method == "sendMessage"] == [SORRY]
    assert "Can't parse entities" in caplog.text


def test_the_log_filter_redacts_the_token_in_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets([TOKEN, None]))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("request failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert TOKEN not in text
    assert text.count(REDACTED) == 2 and "RuntimeError" in text


async def test_a_reply_refused_by_flood_control_is_sent_after_the_wait(chat: Chat) -> None:
    chat.api.fault = Faults(flooded=Counter({USER: 1}), retry_after=1)
    asked = time.monotonic()
    calls = await chat.send("/plan")
    replies = [c for c in calls if c.method == "sendMessage"]
    assert chat.api.fault.answered == Counter({429: 1, 200: 1})
    assert len(replies) == 1 and SORRY not in replies[0].params["text"]
    assert "抓好《法治政府建设规划" in replies[0].params["text"]
    assert replies[0].at - asked >= 1.0  # Telegram's retry_after was waited out
