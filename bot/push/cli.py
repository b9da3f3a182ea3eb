"""`briefing-bot push [--now] [--config FILE]`: one push round from the command line (cron)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from telegram.ext import ApplicationBuilder

from bot.config import TOKEN_ENV, Config, ConfigError, load_config
from bot.library import ReportLibrary

from .runner import Pusher, Tally

EXIT_BAD_INPUT = 2
EXIT_BUSY = 3


def add_push_command(subparsers: Any) -> None:
    """Add `push` to the `briefing-bot` subcommands (an argparse subparsers object)."""
    push = subparsers.add_parser("push", help="send the due briefings once and exit (for cron)")
    push.add_argument(
        "--now", action="store_true", help="send every subscriber's next briefing now"
    )
    push.add_argument("--config", default="config.yaml", help="configuration file (YAML)")
    push.set_defaults(handler=run_push_command)


async def push_once(config: Config, now: bool) -> Tally:
    application = ApplicationBuilder().token(config.token).base_url(config.base_url).build()
    library = ReportLibrary(config.reports_dir)
    await asyncio.to_thread(library.reload)
    pusher = Pusher(application.bot, config, library)
    try:
        async with application.bot:
            if now:
                await (await pusher.store()).hurry_all()
            return await pusher.run()
    finally:
        await pusher.close()


def run_push_command(args: argparse.Namespace) -> int:
    try:
        config = load_config(Path(args.config))
    except ConfigError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not config.token:
        print(f"briefing-bot: no bot token: set {TOKEN_ENV} in the environment", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    tally = asyncio.run(push_once(config, args.now))
    if tally.busy:
        print("briefing-bot: another push is running; try again later", file=sys.stderr)
        return EXIT_BUSY
    print(f"sent {tally.sent}, failed {tally.failed}, blocked {tally.blocked}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing-bot")
    add_push_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
