"""`briefing-bot push [--now] [--config FILE]`: one push round from the command line (cron).

The subcommand is declared in bot/cli.py; this module is imported only when it runs.
SIGTERM or SIGINT stops it the way they stop the bot (Pusher.stop): no send is started any
more, those in flight settle and record their outcome, and the process exits 128 + the
signal's number, the rest owed to the next push.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Iterator

from telegram.ext import ApplicationBuilder

from bot.config import TOKEN_ENV, Config
from bot.library.cards import CardCache
from bot.library.reports import ReportLibrary, brief_all
from bot.store.database import StoreError

from .runner import Pusher, Repositories, Tally

EXIT_UNFINISHED = 1
EXIT_BAD_INPUT = 2
EXIT_BUSY = 3
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopRequest:
    """The first SIGTERM or SIGINT the push receives (later ones are ignored: it is stopping)."""

    def __init__(self) -> None:
        self.signal: signal.Signals | None = None
        self.event = asyncio.Event()

    def _receive(self, signum: signal.Signals) -> None:
        if self.signal is None:
            self.signal = signum
            self.event.set()

    @contextlib.contextmanager
    def caught(self) -> Iterator[StopRequest]:
        if threading.current_thread() is not threading.main_thread():
            yield self  # signals reach only the main thread: whoever runs this one handles them
            return
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, self._receive, signum)
        try:
            yield self
        finally:
            for signum in STOP_SIGNALS:
                loop.remove_signal_handler(signum)


async def _round(pusher: Pusher, hurry: bool, stop: StopRequest) -> Tally:
    """The round, unless a stop signal comes first: then Pusher.stop() ends it gently."""
    work = asyncio.create_task(pusher.run(hurry=hurry))  # only once the push lock is ours
    signalled = asyncio.create_task(stop.event.wait())
    try:
        await asyncio.wait({work, signalled}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        signalled.cancel()
    if stop.signal is not None:
        await pusher.stop()  # no new send; those in flight settle (STOP_GRACE at most)
    tally = await work
    if stop.signal is not None:  # also when it came before the round took the lock
        tally.busy, tally.stopped = False, True
    return tally


async def push_once(
    config: Config, token: str, now: bool, stores: Repositories, stop: StopRequest | None = None
) -> Tally:
    stop = stop or StopRequest()
    with stop.caught():
        # StoreError before anything is asked of Telegram or any report briefed (minutes, on a
        # large library)
        await stores.open()
        try:
            return await _briefed_round(config, token, now, stores, stop)
        finally:
            await stores.database.close()


async def _briefed_round(
    config: Config, token: str, now: bool, stores: Repositories, stop: StopRequest
) -> Tally:
    application = ApplicationBuilder().token(token).base_url(config.base_url).build()
    library = ReportLibrary(
        config.reports_dir, config.cache_dir, config.max_report_bytes, config.reports_links_into
    )
    # Telegram asked first (getMe): a rejected token or Telegram out of reach is said at once,
    # not after the reports are briefed
    async with application.bot:
        await asyncio.to_thread(library.reload)
        # The same briefings as the running bot's: summaries and figures from the report cache.
        library.add_briefings(await asyncio.to_thread(brief_all, library))
        if stop.signal is not None:
            return Tally(stopped=True)
        pusher = Pusher(application.bot, config, library, CardCache(), stores)
        pusher.found_at_start(library.reports)
        try:
            return await _round(pusher, now, stop)
        finally:
            await pusher.close()


def _outcome(config: Config, tally: Tally, stop: StopRequest) -> int:
    if tally.busy:
        print("briefing-bot: another push is running; try again later", file=sys.stderr)
        return EXIT_BUSY
    print(f"sent {tally.sent}, failed {tally.failed}, blocked {tally.blocked}")
    if tally.stopped and stop.signal is not None:
        print(f"briefing-bot: stopped by {stop.signal.name}; the sends in flight were settled,"
              " the rest is owed to the next push", file=sys.stderr)  # fmt: skip
        return 128 + stop.signal.value
    if tally.stalled or tally.fault:
        why = tally.fault or f"no progress for {config.push.stall_seconds:g} s"
        print(f"briefing-bot: the push was ended unfinished ({why})", file=sys.stderr)
        return EXIT_UNFINISHED
    return 0


def run_push_command(config: Config, now: bool, stores: Repositories) -> int:
    """The push on `stores` (the bot's repositories on config.database, bot/repositories.py)."""
    if not config.token:
        print(f"briefing-bot: no bot token: set {TOKEN_ENV} in the environment", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    stop = StopRequest()
    try:
        tally = asyncio.run(push_once(config, config.token, now, stores, stop))
    except StoreError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _outcome(config, tally, stop)
