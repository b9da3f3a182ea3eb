"""The `briefing-bot` command: run the bot (default), export a report, push briefings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefings.errors import ReportError

EXIT_BAD_INPUT = 2


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
    commands = parser.add_subparsers(dest="command")
    export = commands.add_parser("export", help="print a parsed report as JSON or Markdown")
    export.add_argument("file")
    export.add_argument("--format", choices=["json", "md"], default="json")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.set_defaults(handler=_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        build_parser().print_help()
        return 0
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
