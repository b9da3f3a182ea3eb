"""Knowing when the bot has finished answering an update: a handler in a last group marks it.

PTB runs an update's groups in order, so when the marker runs every reply has been sent. The
local chat waits on it to print a whole answer; tests and the benchmark use it the same way.
"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import Application, CallbackContext, TypeHandler

LAST_GROUP = 1_000_000


class Turns:
    def __init__(self) -> None:
        self.done: set[int] = set()
        self._changed = asyncio.Condition()

    def install(self, application: Application) -> Turns:
        application.add_handler(TypeHandler(Update, self._mark), group=LAST_GROUP)
        return self

    async def _mark(self, update: Update, context: CallbackContext) -> None:
        async with self._changed:
            self.done.add(update.update_id)
            self._changed.notify_all()

    async def wait(self, update_id: int, timeout: float = 10.0) -> None:
        """Return once update `update_id` has been handled; TimeoutError after `timeout` s."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: update_id in self.done)
