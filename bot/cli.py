"""The `briefing-bot` command: run the bot (the default), export a report, or add one."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import ReportError

from .exits import EXIT_BAD_INPUT, EXIT_INTERRUPTED, report_failure
from .logs import redacted_output

CHAT_LOG = "chat.log"  # the terminal chat's log lines, beside its database

if TYPE_CHECKING:
    from .config import Config


def _config(args: argparse.Namespace) -> Config | None:
    """The validated config (--config, else ./config.yaml, else the project's); None after
    printing the one line that names the bad key."""
    from .config import ConfigError, default_config_path, load_config

    try:
        return load_config(Path(args.config) if args.config else default_config_path())
    except ConfigError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return None


def _run(args: argparse.Namespace) -> int:
    import asyncio

    from .logs import configure_logging

    config = _config(args)
    if config is None:
        return EXIT_BAD_INPUT
    if config.token is None:
        from .local.chat import run_local_chat

        # The terminal is the chat: log lines go to a file beside the database (beside the
        # cache when the database is a server), not into it.
        beside = config.database if isinstance(config.database, Path) else config.cache_dir
        log = beside.parent / CHAT_LOG
        log.parent.mkdir(parents=True, exist_ok=True)
        configure_logging([], level=logging.WARNING, path=log)
        return asyncio.run(run_local_chat(config))
    import gc

    # Start-up imports ~130,000 objects that live as long as the process and makes almost no
    # garbage (~1,800 objects): the collections it would trigger meanwhile cost ~30 ms of a
    # ~0.5 s start. serve() turns collection on once the bot polls.
    gc.disable()
    from .app import serve

    configure_logging([config.token, config.webhook_secret])
    asyncio.run(serve(config))
    return 0


def _cache_dir(args: argparse.Namespace) -> Path | None:
    """The bot's briefing cache, so that exporting a report the bot has briefed briefs nothing
    again; none when no config can be read (the export still works, only slower)."""
    from .config import ConfigError, default_config_path, load_config

    try:
        return load_config(Path(args.config) if args.config else default_config_path()).cache_dir
    except (ConfigError, OSError):
        return None


def _render(args: argparse.Namespace) -> bytes:
    from bot.present.figures_csv import to_csv
    from bot.present.markdown import to_markdown
    from briefings.derive import brief_file
    from briefings.export import to_json

    briefing = brief_file(Path(args.file), _cache_dir(args))
    if args.format == "png":
        from bot.present.card.draw import render_card

        return render_card(briefing.report, briefing.metrics, args.font)
    export = {"json": to_json, "md": to_markdown, "markdown": to_markdown, "csv": to_csv}
    text = export[args.format](briefing.report, briefing)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def _export(args: argparse.Namespace) -> int:
    try:
        output = _render(args)
    except ReportError as error:  # the card's missing-font error is one too
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.output:
        Path(args.output).write_bytes(output)
    elif args.format == "png" and sys.stdout.isatty():
        print("briefing-bot: a PNG card goes to a file: add -o card.png", file=sys.stderr)
        return EXIT_BAD_INPUT
    else:
        sys.stdout.buffer.write(output)
    return 0


def _promises(args: argparse.Namespace) -> int:
    """Print one report's targets against the next year's report's results (JSON or Markdown)."""
    import json

    from bot.present.render_promises import to_markdown
    from briefings.derive import brief_file
    from briefings.promises import as_record, promises

    cache = _cache_dir(args)
    try:
        target = brief_file(Path(args.target_report), cache)
        result = brief_file(Path(args.result_report), cache)
    except ReportError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    found = promises(target, result)
    if args.format == "json":
        text = json.dumps(as_record(found), ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_markdown(found, target.report, result.report)
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def warm_one(path: Path, cache_dir: Path) -> tuple[str, int | str]:
    """In a worker of `warm`: brief the report file at `path` into the cache; (its name, its
    figure count, or why it could not be read). Parsed here too: that is work a core does."""
    from briefings.derive import brief_file

    try:
        return path.name, len(brief_file(path, cache_dir).metrics)
    except ReportError as error:
        return path.name, str(error)


def _warm(args: argparse.Namespace) -> int:
    """Compute and cache every report's figures and summaries, newest first, in
    `briefing_workers` processes, and write the reports folder's catalogue (image build,
    deploys): the bot then starts without parsing or briefing."""
    from itertools import repeat

    from briefings.corpus_index import FILE_NAME, CorpusIndex, entry_of

    from .library.briefer import pool_of
    from .library.reports import ReportLibrary
    from .library.search_index import indexed_of

    config = _config(args)
    if config is None:
        return EXIT_BAD_INPUT
    library = ReportLibrary(
        config.reports_dir, config.cache_dir, config.max_report_bytes, config.reports_links_into
    )
    library.reload()
    reports = library.reports
    paths = [config.reports_dir / listing.source for listing in reports]
    index = CorpusIndex(config.cache_dir / FILE_NAME, config.reports_dir)
    pool = pool_of(config.briefing_workers)
    try:
        indexed = index.digests()
        added = 0
        briefed = pool.map(warm_one, paths, repeat(config.cache_dir))
        for listing, (name, figures) in zip(reports, briefed, strict=True):
            if isinstance(figures, str):
                print(f"skipped: {figures}", file=sys.stderr)
                continue
            print(f"cached: {name} ({figures} figures)")
            # Indexed here, while the workers brief the next reports, not in a pass after.
            if listing.digest not in indexed and library.find_cached([listing]):
                found = indexed_of(library, listing.digest)
                if found is not None:
                    index.add(entry_of(listing), *found, source=listing.source)
                    indexed.add(listing.digest)
                    added += 1
        # a bot that starts after `warm` finds every report searchable at once, and no other
        library.find_cached(reports)
        added += index.update(reports, lambda digest: indexed_of(library, digest))
    finally:
        pool.shutdown(cancel_futures=True)
        index.close()
    print(f"search index: {added} report(s) added")
    for error in library.errors:
        print(f"skipped: {error}", file=sys.stderr)
    return 0


def _push(args: argparse.Namespace) -> int:
    from .push.cli import run_push_command
    from .repositories import Stores

    config = _config(args)
    if config is None:
        return EXIT_BAD_INPUT
    return run_push_command(
        config,
        args.now,
        Stores.at(config.database, config.push.lease_seconds, config.database_connections),
    )


def _add(args: argparse.Namespace) -> int:
    from .local.add import run_add_command

    config = _config(args)
    return EXIT_BAD_INPUT if config is None else run_add_command(config, args.target)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing-bot", description="政务简报 Telegram bot")
    parser.add_argument("--config", help="YAML config file (default: ./config.yaml)")
    parser.set_defaults(handler=_run)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the bot (the default; no token: a local chat)")
    run.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    export = commands.add_parser(
        "export",
        help="print a report's briefing as JSON, Markdown or CSV, or draw its card as PNG",
        description="Brief one report file (through the bot's cache when its config is found)"
        " and print the result.",
    )
    export.add_argument("file", help="a report file (.txt, .html, .docx, .pdf)")
    export.add_argument(
        "--format",
        choices=["json", "md", "markdown", "csv", "png"],
        default="json",
        help="json: the full contract (default); md or markdown: a readable briefing;"
        " csv: the figures, one row each; png: the card (needs -o)",
    )
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.add_argument("--font", help="CJK font file for the PNG card (default: found)")
    export.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    export.set_defaults(handler=_export)
    paired = commands.add_parser(
        "promises",
        help="a year's targets (one report) against the next year's report's results",
        description="Pair the targets a report sets for its year with the results the same"
        " issuer's next report gives for that year, and print each verdict.",
    )
    paired.add_argument("--target-report", required=True, help="the report setting the targets")
    paired.add_argument("--result-report", required=True, help="the next year's report")
    paired.add_argument("--format", choices=["json", "md"], default="json")
    paired.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    paired.set_defaults(handler=_promises)
    warm = commands.add_parser("warm", help="compute and cache every report's briefing")
    warm.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    warm.set_defaults(handler=_warm)
    push = commands.add_parser("push", help="send the due briefings once and exit (for cron)")
    push.add_argument("--now", action="store_true", help="send every subscriber's briefing now")
    push.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    push.set_defaults(handler=_push)
    add = commands.add_parser(
        "add", help="fetch a report URL, or copy a report file, into reports_dir and brief it"
    )
    add.add_argument("target", metavar="URL|FILE", help="an http(s) URL or a report file")
    add.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    add.set_defaults(handler=_add)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command with every secret redacted from what it prints; a failure ends it with
    one line and an exit status, never a traceback carrying the token, never a hang."""
    from .config import TOKEN_ENV, WEBHOOK_SECRET_ENV

    args = build_parser().parse_args(argv)
    with redacted_output(os.environ.get(name) for name in (TOKEN_ENV, WEBHOOK_SECRET_ENV)):
        try:
            return args.handler(args)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        except Exception as error:  # the top of the process: every failure gets its line
            return report_failure(error)


if __name__ == "__main__":
    sys.exit(main())
