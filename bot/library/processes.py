"""The bot's worker processes (briefing workers, the sources' listing reader): each follows the
bot process out, even a kill -9 of it, and a pool of them is ended at once, mid-call or not."""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for_exit

EXIT_SECONDS = 2.0  # a worker told to terminate gets this long before it is killed


@functools.cache
def lifeline() -> Connection:
    """The read end of a pipe whose write end only this process holds, open until it ends,
    even by kill -9: a worker given it sees end-of-file then."""
    reader, _writer = multiprocessing.Pipe(duplex=False)
    _held.append(_writer)
    return reader


_held: list[Connection] = []  # lifeline's write end: never written, closed only by our end


def follow_parent(bot: Connection) -> None:
    """In the worker: exit when the bot process is gone, even by kill -9, instead of briefing
    on for minutes as an orphan that holds the bot's pipes open and its memory. Not by
    watching the parent: a forked worker's is the fork server, which outlives the bot while
    any worker does."""

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            bot.recv_bytes()
        os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def end_pool(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers, mid-call or not, then kill any that lingers; blocks."""
    # ProcessPoolExecutor has no public way to stop a running call before Python 3.14.
    processes = list((pool._processes or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        if not wait_for_exit([process.sentinel], EXIT_SECONDS):
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)  # the processes are gone: returns at once
