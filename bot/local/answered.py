"""Knowing when the bot has finished answering an update: a handler in a last group marks it.

PTB runs an update's groups in order, so when the marker runs every blocking handler has
answered. A slow command's handler does not block (bot.commands): PTB runs it as a task of its
own, and the marker waits for those still running. Updates are taken one at a time, so each of
them came with this update or an earlier one. The local chat waits on the marker to print a
whole answer; tests and the benchmark use it the same way.
"""

from __future__ import annotations

import asyncio
import weakref

from telegram import Update
from telegram.ext import Application, CallbackContext, TypeHandler

LAST_GROUP = 1_000_000
# How PTB names the task of a handler with block=False (telegram.ext.Application.process_update).
NON_BLOCKING = ":process_update_non_blocking:"


class Turns:
    def __init__(self) -> None:
        self.done: set[int] = set()
        self._changed = asyncio.Condition()
        self._markers: weakref.WeakSet[asyncio.Task[object]] = weakref.WeakSet()

    def install(self, application: Application) -> Turns:
        # Not blocking either: waiting here must not hold the next update back.
        application.add_handler(TypeHandler(Update, self._mark, block=False), group=LAST_GROUP)
        return self

    async def _mark(self, update: Update, context: CallbackContext) -> None:
        # Markers are PTB's non-blocking tasks too: two waiting on each other would wait forever.
        marker = asyncio.current_task()
        assert marker is not None  # a handler runs in a task
        self._markers.add(marker)
        handling = [
            task
            for task in asyncio.all_tasks()
            if NON_BLOCKING in task.get_name() and task not in self._markers
        ]
        if handling:
            await asyncio.wait(handling)  # not gather: stopping the marker leaves them be
        async with self._changed:
            self.done.add(update.update_id)
            self._changed.notify_all()

    async def wait(self, update_id: int, timeout: float = 10.0) -> None:
        """Return once update `update_id` has been handled; TimeoutError after `timeout` s."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: update_id in self.done)
