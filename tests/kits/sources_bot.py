"""A bot with a subscriber for the sources and /add tests, report texts of an invented place, and
how /add's progress line reads."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from bench.kits.gov_docs import report_lines
from bench.kits.paths import SEEDS
from tests.kits import push_fixtures as fixtures
from tests.kits.botkit import USER
from tests.kits.push_fixtures import Clock, Harness

SUBSCRIBER = 3001

DONGHU = "关于东湖区2021年度法治政府建设工作的报告"

FETCHING = {"timeout_seconds": 2, "host_interval_seconds": 0.01}


def push_bot(
    folder: Path, clock: Clock, reports: Path = SEEDS, **raw: Any
) -> AbstractAsyncContextManager[Harness]:
    """The push tests' bot with its scheduled rounds running, `raw` config keys added."""
    return fixtures.push_bot(folder, clock, reports=reports, scheduler=True, extra=raw)


def report_text(place: str, year: int = 2021) -> str:
    return "\n".join(report_lines(place, year)) + "\n"


async def until(check: Callable[[], Any], tries: int = 300, pause: float = 0.1) -> Any:
    """`check()` once it is truthy; at most `tries` looks `pause` apart."""
    for _ in range(tries):
        found = check()
        if found:
            return found
        await asyncio.sleep(pause)
    raise AssertionError("never happened")


PROGRESS = ("正在获取", "Fetching")  # how /add's first line, edited as it goes, begins

BRIEFING = ("正在生成简报…", "Preparing the briefing…")  # and how it ends while briefing


def in_progress(text: str) -> bool:
    return text.startswith(PROGRESS) or text.endswith(BRIEFING)


def shown(bot: Harness, chat_id: int) -> list[str]:
    """What each message sent to the chat says now (its last edit)."""
    texts: dict[int, str] = {}
    for call in bot.api.calls:
        sent = call.method in {"sendMessage", "editMessageText"}
        if sent and int(call.params["chat_id"]) == chat_id:
            texts[int(call.result["message_id"])] = call.params["text"]
    return list(texts.values())


def done(texts: list[str]) -> list[str]:
    return [text for text in texts if not in_progress(text)]


async def ask(bot: Harness, command: str, chat_id: int = USER) -> str:
    """The reply to `command`, however long the briefing it waits for takes (within 60 s):
    /metrics waits up to 5 s for one, /add up to a minute. A progress line (/add's) is the
    reply once edited to its outcome."""
    seen = len(bot.api.calls)
    bot.api.user_message(command, chat_id, chat_id, "private")
    reply = await bot.api.wait_for(
        lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == chat_id
        and c in bot.api.calls[seen:], timeout=60,
    )  # fmt: skip
    if not in_progress(reply.params["text"]):
        return reply.params["text"]
    edited = await bot.api.wait_for(
        lambda c: c.method == "editMessageText" and c in bot.api.calls[seen:]
        and c.params["message_id"] == reply.result["message_id"]
        and not in_progress(c.params["text"]), timeout=60,
    )  # fmt: skip
    return edited.params["text"]


async def answer_until(bot: Harness, command: str, wanted: str, tries: int = 60) -> str:
    """The reply to `command` once it holds `wanted` (asked again while it does not)."""
    for _ in range(tries):
        text = await ask(bot, command)
        if wanted in text:
            return text
        await asyncio.sleep(0.5)
    raise AssertionError(f"{command} never answered with {wanted!r}; last: {text!r}")


def announcements(bot: Harness, chat_id: int = SUBSCRIBER) -> list[str]:
    return [text for text in bot.texts(chat_id) if "新报告" in text]


def announced_titles(bot: Harness, chat_id: int = SUBSCRIBER) -> list[str]:
    """Every title the chat was told of, one message telling of one report or of several."""
    return re.findall(r"<b>([^<]+)</b>", "\n".join(announcements(bot, chat_id)))


async def settle(bot: Harness) -> None:
    """Every announcement enqueued so far has had its round."""
    await bot.push_round()
