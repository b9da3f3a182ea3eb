"""`briefing-bot push [--now] [--config FILE]`: one push round from the command line (cron).

The subcommand is declared in bot/cli.py; this module is imported only when it runs.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram.ext import ApplicationBuilder

from bot.cards import CardCache
from bot.config import TOKEN_ENV, Config
from bot.library import ReportLibrary, enrich_copies

from .runner import Pusher, Tally
from .store import StoreError

EXIT_UNFINISHED = 1
EXIT_BAD_INPUT = 2
EXIT_BUSY = 3


async def push_once(config: Config, now: bool) -> Tally:
    application = ApplicationBuilder().token(config.token).base_url(config.base_url).build()
    library = ReportLibrary(config.reports_dir, config.cache_dir, config.max_report_bytes)
    await asyncio.to_thread(library.reload)
    # The same briefings as the running bot's: summaries and figures from the report cache.
    library.swap_in(await asyncio.to_thread(enrich_copies, library.pending(), config.cache_dir))
    pusher = Pusher(application.bot, config, library, CardCache())
    try:
        await pusher.store()  # StoreError before anything is asked of Telegram
        async with application.bot:
            return await pusher.run(hurry=now)  # only once the push lock is ours
    finally:
        await pusher.close()


def run_push_command(config: Config, now: bool) -> int:
    if not config.token:
        print(f"briefing-bot: no bot token: set {TOKEN_ENV} in the environment", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        tally = asyncio.run(push_once(config, now))
    except StoreError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if tally.busy:
        print("briefing-bot: another push is running; try again later", file=sys.stderr)
        return EXIT_BUSY
    print(f"sent {tally.sent}, failed {tally.failed}, blocked {tally.blocked}")
    if tally.stalled or tally.fault:
        why = tally.fault or f"no progress for {config.push.stall_seconds:g} s"
        print(f"briefing-bot: the push was ended unfinished ({why})", file=sys.stderr)
        return EXIT_UNFINISHED
    return 0
