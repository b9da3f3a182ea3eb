"""Sending one push message: paced, with Telegram's errors each handled as they deserve.

429 RetryAfter: wait as told and try again, not counted as a failure. 403 Forbidden: the chat
blocked or removed the bot, no retry. 5xx and timeouts (NetworkError, TimedOut): retry with
exponential backoff up to `max_attempts`. Any other 4xx is a permanent failure.

A send has two phases: waiting for its turn (the pacing), which may be cancelled at any point,
and delivering (the claim in the delivery log, then the request), which must not be: once the
claim is committed a cancelled request leaves an outcome unknown, and a restart sends it
again. When the bot stops, a delivery finishes its request in flight but tries no more: it is
left pending, for the next start.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBUserWarning

from ..telegram.sending import Pacer, retry_after_seconds

log = logging.getLogger(__name__)

# _send_once calls sendMessage raw on purpose (see there); PTB would warn on every push.
warnings.filterwarnings("ignore", "Please use 'Bot.sendMessage'", PTBUserWarning)

MAX_FLOOD_WAITS = 20  # bound on 429 rounds for one message; each is waited out, not counted


class Outcome(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    SKIPPED = "skipped"  # the claim was refused: sent already, or no longer wanted
    PENDING = "pending"  # the bot stopped before it went: the next start sends it


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    error: str | None = None
    file_id: str | None = None  # Telegram's id of an uploaded photo, to send it again by id


Photo = tuple[str | bytes, str]  # a file_id or PNG bytes, and its caption
Markup = dict[str, Any]  # an inline keyboard as the Bot API takes it (reply_markup)


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
    stopping: asyncio.Event = field(default_factory=asyncio.Event)  # set: the bot is stopping

    async def wait_turn(self, chat_id: int) -> bool:
        """Wait for a slot; False if the bot is stopping and the send is not to start."""
        await self.pacer.wait(chat_id)
        return not self.stopping.is_set()

    async def deliver(
        self, chat_id: int, thread_id: int, text: str, journal: Journal, photo: Photo | None = None,
        markup: Markup | None = None,
    ) -> Result:  # fmt: skip
        """Claim the send, then send `text` (with `markup`'s buttons), after `photo` if given (a
        retry does not repeat a photo that went). The first attempt goes at once: `wait_turn`
        waited for its slot."""
        if not await journal.claim():
            return Result(Outcome.SKIPPED)
        failures = 0
        file_id = None
        error = ""
        for attempt in range(self.max_attempts + MAX_FLOOD_WAITS):
            if attempt and not await self._until_stopped(self.pacer.wait(chat_id)):
                return Result(Outcome.PENDING, error)
            try:
                if photo is not None:
                    file_id = await self._send_photo(chat_id, thread_id, photo)
                    photo = None
                await self._send_once(chat_id, thread_id, text, markup)
                return Result(Outcome.SENT, file_id=file_id)
            except ChatMigrated as exc:  # follow the group to its supergroup, at once
                await journal.moved(exc.new_chat_id)
                chat_id = exc.new_chat_id
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                self.pacer.hold(chat_id, wait)
                error = f"429 retry after {wait:g}s"
                await journal.retry(error)
                await self._until_stopped(asyncio.sleep(wait))
            except Forbidden as exc:
                log.info("chat %s blocked the bot, dropping its subscription: %s", chat_id, exc)
                return Result(Outcome.BLOCKED, f"403 {exc.message}")
            except BadRequest as exc:
                return Result(Outcome.FAILED, f"400 {exc.message}")
            except NetworkError as exc:  # 5xx, connection errors and TimedOut
                failures += 1
                if failures >= self.max_attempts:
                    return Result(Outcome.FAILED, f"{type(exc).__name__}: {exc.message}")
                error = f"{type(exc).__name__}: {exc.message}"
                await journal.retry(error)
                await self._until_stopped(asyncio.sleep(self.backoff * 2 ** (failures - 1)))
            except TelegramError as exc:
                return Result(Outcome.FAILED, f"{type(exc).__name__}: {exc.message}")
        return Result(Outcome.FAILED, "gave up after repeated flood-control waits")

    async def _until_stopped(self, waiting: Coroutine[Any, Any, None]) -> bool:
        """Wait for `waiting` unless the bot stops first (then cancel it); False if it did."""
        if self.stopping.is_set():
            waiting.close()
            return False
        racers = {asyncio.ensure_future(waiting), asyncio.ensure_future(self.stopping.wait())}
        try:
            await asyncio.wait(racers, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for racer in racers:
                racer.cancel()
        return not self.stopping.is_set()

    async def _send_photo(self, chat_id: int, thread_id: int, photo: Photo) -> str | None:
        image, caption = photo
        sent = await self.bot.send_photo(
            chat_id, image, caption=caption, message_thread_id=thread_id or None
        )
        return sent.photo[-1].file_id if sent.photo else None

    async def _send_once(
        self, chat_id: int, thread_id: int, text: str, markup: Markup | None = None
    ) -> None:
        # The raw API call: a push never reads the sent Message back, and building one per
        # send is the largest CPU cost of a big push. Errors raise the same exceptions.
        message: dict[str, object] = {"chat_id": chat_id, "text": text, "parse_mode": "HTML",
                                      "link_preview_options": {"is_disabled": True}}  # fmt: skip
        if thread_id:
            message["message_thread_id"] = thread_id
        if markup is not None:
            message["reply_markup"] = markup
        await self.bot.do_api_request("sendMessage", api_kwargs=message)
