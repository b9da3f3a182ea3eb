"""The `briefing-bot` command: run the bot (the default), or export a report."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from briefings.errors import ReportError

EXIT_BAD_INPUT = 2
# The project's own config.yaml, beside the package: the default when ./config.yaml is absent.
PACKAGED_CONFIG = Path(__file__).resolve().parent.parent / "config.yaml"


def default_config_path() -> Path:
    local = Path("config.yaml")
    return local if local.is_file() else PACKAGED_CONFIG


def _run(args: argparse.Namespace) -> int:
    import asyncio

    from .config import ConfigError, load_config
    from .logs import configure_logging

    try:
        config = load_config(Path(args.config) if args.config else default_config_path())
    except ConfigError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if config.token is None:
        from .localchat import run_local_chat

        configure_logging([], level=logging.WARNING)  # the chat is the output
        return asyncio.run(run_local_chat(config))
    from .app import serve

    configure_logging([config.token, config.webhook_secret])
    asyncio.run(serve(config))
    return 0


def _export(args: argparse.Namespace) -> int:
    from briefings.export import to_json, to_markdown
    from briefings.library import load_report

    try:
        report = load_report(Path(args.file))
    except ReportError as error:
        print(f"briefing-bot: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    output = to_json(report) if args.format == "json" else to_markdown(report)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing-bot", description="政务简报 Telegram bot")
    parser.add_argument("--config", help="YAML config file (default: ./config.yaml)")
    parser.set_defaults(handler=_run)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the bot (the default; no token: a local chat)")
    run.add_argument("--config", default=argparse.SUPPRESS, help="YAML config file")
    export = commands.add_parser("export", help="print a parsed report as JSON or Markdown")
    export.add_argument("file")
    export.add_argument("--format", choices=["json", "md"], default="json")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.set_defaults(handler=_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
