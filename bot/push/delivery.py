"""Sending one push message: paced, with Telegram's errors each handled as they deserve.

429 RetryAfter: wait as told and try again, not counted as a failure. 403 Forbidden: the chat
blocked or removed the bot, no retry. 5xx and timeouts (NetworkError, TimedOut): retry with
exponential backoff up to `max_attempts`. Any other 4xx is a permanent failure.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from telegram import Bot, LinkPreviewOptions
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBUserWarning

from .pacing import Pacer, retry_after_seconds

log = logging.getLogger(__name__)

# _send_once calls sendMessage raw on purpose (see there); PTB would warn on every push.
warnings.filterwarnings("ignore", "Please use 'Bot.sendMessage'", PTBUserWarning)

MAX_FLOOD_WAITS = 20  # bound on 429 rounds for one message; each is waited out, not counted
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Outcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    SKIPPED = "skipped"  # the claim was refused: sent already, or no longer wanted


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    error: str | None = None
    file_id: str | None = None  # Telegram's id of an uploaded photo, to send it again by id


Photo = tuple[str | bytes, str]  # a file_id or PNG bytes, and its caption


@dataclass(frozen=True)
class Journal:
    """The delivery log's side of a send.

    `claim` runs once, after the first pacing wait and right before the first request, so
    the window in which a crash leaves the outcome unknown is one request long. `retry`
    records each failed attempt that will be tried again.
    """

    claim: Callable[[], Awaitable[bool]]
    retry: Callable[[str], Awaitable[None]]
    moved: Callable[[int], Awaitable[None]]  # the group is now a supergroup with this id


@dataclass
class Sender:
    bot: Bot
    pacer: Pacer
    max_attempts: int
    backoff: float  # first retry delay in seconds; doubles each time

    async def send(
        self, chat_id: int, thread_id: int, text: str, journal: Journal, photo: Photo | None = None
    ) -> Result:
        """Send `text`, after `photo` if given (a retry does not repeat a photo that went)."""
        await self.pacer.wait(chat_id)
        if not await journal.claim():
            return Result(Outcome.SKIPPED)
        failures = 0
        file_id = None
        for attempt in range(self.max_attempts + MAX_FLOOD_WAITS):
            if attempt:
                await self.pacer.wait(chat_id)
            try:
                if photo is not None:
                    file_id = await self._send_photo(chat_id, thread_id, photo)
                    photo = None
                await self._send_once(chat_id, thread_id, text)
                return Result(Outcome.SENT, file_id=file_id)
            except ChatMigrated as exc:  # follow the group to its supergroup, at once
                await journal.moved(exc.new_chat_id)
                chat_id = exc.new_chat_id
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                self.pacer.hold(chat_id, wait)
                await journal.retry(f"429 retry after {wait:g}s")
                await asyncio.sleep(wait)
            except Forbidden as exc:
                log.info("chat %s blocked the bot, dropping its subscription: %s", chat_id, exc)
                return Result(Outcome.BLOCKED, f"403 {exc.message}")
            except BadRequest as exc:
                return Result(Outcome.FAILED, f"400 {exc.message}")
            except NetworkError as exc:  # 5xx, connection errors and TimedOut
                failures += 1
                if failures >= self.max_attempts:
                    return Result(Outcome.FAILED, f"{type(exc).__name__}: {exc.message}")
                await journal.retry(f"{type(exc).__name__}: {exc.message}")
                await asyncio.sleep(self.backoff * 2 ** (failures - 1))
            except TelegramError as exc:
                return Result(Outcome.FAILED, f"{type(exc).__name__}: {exc.message}")
        return Result(Outcome.FAILED, "gave up after repeated flood-control waits")

    async def _send_photo(self, chat_id: int, thread_id: int, photo: Photo) -> str | None:
        image, caption = photo
        sent = await self.bot.send_photo(
            chat_id, image, caption=caption, message_thread_id=thread_id or None
        )
        return sent.photo[-1].file_id if sent.photo else None

    async def _send_once(self, chat_id: int, thread_id: int, text: str) -> None:
        # The raw API call: a push never reads the sent Message back, and building one per
        # send is the largest CPU cost of a big push. Errors raise the same exceptions.
        message: dict[str, object] = {"chat_id": chat_id, "text": text, "parse_mode": "HTML",
                                      "link_preview_options": {"is_disabled": True}}  # fmt: skip
        if thread_id:
            message["message_thread_id"] = thread_id
        await self.bot.do_api_request("sendMessage", api_kwargs=message)
