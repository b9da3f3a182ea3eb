"""Group commit: many coroutines' small writes go to the database as one statement.

A push of thousands makes two writes per message (the claim and the outcome). One statement
each costs a round trip to aiosqlite's thread and a commit, and at a thousand messages a second
those round trips, not SQLite, take most of the CPU. A Batch gathers the writes that arrive
while the previous statement runs and sends them together: each caller still waits until its
own write is committed, so what a caller knows to be durable is unchanged; under light load a
batch is one write and nothing waits longer than before.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Batch(Generic[Item, Result]):
    def __init__(self, run: Callable[[list[Item]], Awaitable[list[Result]]], limit: int) -> None:
        """`run` writes a list of items in one transaction and returns one result per item."""
        self._run = run
        self._limit = limit
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        """Write `item` with whatever else is waiting; return its result once committed."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        while self._waiting:
            batch = self._waiting[: self._limit]
            del self._waiting[: self._limit]
            try:
                results = await self._run([item for item, _ in batch])
            except asyncio.CancelledError:  # shutting down: nobody is left waiting forever
                for _, future in batch + self._waiting:
                    future.cancel()
                raise
            except Exception as error:  # every caller of the batch sees the write fail
                _settle(batch, error=error)
            else:
                _settle(batch, results)


def _settle(
    batch: list[tuple[Item, asyncio.Future[Result]]],
    results: list[Result] | None = None,
    error: Exception | None = None,
) -> None:
    for index, (_, future) in enumerate(batch):
        if future.done():  # its caller was cancelled; the write stands all the same
            continue
        if error is not None:
            future.set_exception(error)
        else:
            assert results is not None
            future.set_result(results[index])
