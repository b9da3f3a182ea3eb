"""A push round's database work, retried through a fault instead of ending the round.

Another process holding the write lock (SQLITE_BUSY once the busy timeout has run out), a full
disk, an I/O error, a file made read-only: each makes statements fail for a while and then
pass again, with no restart. Each claim, outcome and page read of a round waits and tries
again, the wait doubling up to MAX_DELAY, so nothing the round knows is lost; the round's
watchdog (runner.py) ends a round that makes no progress at all. One log line says that the
database started failing, however many statements fail with it; the fault is over when every
statement that failed has gone through.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from ..store.database import retrying_outside

log = logging.getLogger(__name__)

T = TypeVar("T")
FIRST_DELAY = 0.05
MAX_DELAY = 2.0


@dataclass
class Retrying:
    database: str  # its name in the log: the file's path, or the server's URL without password
    fault: str | None = None  # what the database says while statements fail; None when well
    progress: int = 0  # statements done: what the watchdog watches
    _failing: int = 0  # statements now between a failure and their next try

    async def __call__(self, statement: Callable[[], Awaitable[T]]) -> T:
        """Run `statement` until it succeeds; an OperationalError is waited out and retried.

        Any other error (a corrupt or deleted file) will not pass by itself: it propagates.
        """
        delay, failing = FIRST_DELAY, False
        try:
            while True:  # ends when the statement succeeds, or the round is cancelled
                try:
                    with retrying_outside():  # the database leaves the waiting to this loop
                        result = await statement()
                except sqlite3.OperationalError as error:
                    if not failing:
                        failing, self._failing = True, self._failing + 1
                    self.report(error)
                    await asyncio.sleep(delay)
                    delay = min(2 * delay, MAX_DELAY)
                    continue
                self.progress += 1
                if failing:
                    failing, self._failing = False, self._failing - 1
                if not self._failing:
                    self.fault = None
                return result
        finally:
            if failing:  # cancelled while failing: the fault is not over
                self._failing -= 1

    def report(self, error: sqlite3.Error, retrying: bool = True) -> None:
        """Log `error` unless it is the fault already reported."""
        if str(error) == self.fault:
            return
        self.fault = str(error)
        if retrying:
            log.warning("push database %s: %s; the push waits and retries", self.database, error)
        else:
            log.error("push database %s: %s; no push until it is fixed", self.database, error)
