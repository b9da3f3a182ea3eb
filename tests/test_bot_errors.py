"""Failures: one error handler tells the user briefly; logs never carry the token."""

from __future__ import annotations

import io
import logging
from typing import Any

from aiohttp import web

from bot.handlers.errors import SORRY
from bot.local_api import error
from bot.logs import REDACTED, RedactSecrets
from tests.botkit import Chat

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
