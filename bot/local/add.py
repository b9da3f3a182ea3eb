"""`briefing-bot add URL|FILE`: fetch one report (as the admins' /add does) or copy one report
file into reports_dir, then print its title and its briefing. A running bot picks the file up
from the watched folder and announces it; bad input gets one line and exit status 2."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

from bot.present.short import short_summary
from briefings.derive import brief_file
from briefings.documents import parse_report_text
from briefings.errors import ReportError
from briefings.load import REPORT_SUFFIXES
from briefings.parse import parse_file

from ..config import Config
from ..exits import EXIT_BAD_INPUT
from ..library.document_reader import read_document
from ..sources import Fetched, FetchError, add_url, check_url
from .plain_text import plain

HEADINGS = {
    "new": "added",
    "updated": "updated (a corrected republication)",
    "known": "already kept",
}


def _fail(message: str) -> int:
    print(f"briefing-bot: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _print_briefing(heading: str, path: Path, config: Config) -> None:
    """The report's title and briefing, computed here (and cached for the bot)."""
    briefing = brief_file(path, config.cache_dir)
    report = briefing.report
    print(f"{heading}: 《{report.display_title}》 ({path})")
    print(plain(short_summary(report, briefing)))


def _write_whole(path: Path, data: bytes) -> None:
    """Write whole or not at all: the running bot's folder watcher never reads a dotfile."""
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def _copy_file(source: Path, config: Config) -> tuple[str, Path]:
    """Copy (a .txt or web page) or convert (.docx, .pdf) the report into reports_dir."""
    data = source.read_bytes()
    if source.suffix.lower() in REPORT_SUFFIXES:
        parse_file(source)  # a file that is no report goes no further
        target = config.reports_dir / source.name
    else:
        lines = asyncio.run(read_document(data, source.name))  # a child process: killable
        text = "\n".join(line.strip() for line in lines if line.strip())
        parse_report_text(text, source.name)
        data, target = (text + "\n").encode("utf-8"), config.reports_dir / f"{source.stem}.txt"
    if target.exists():
        if target.read_bytes() == data:
            return "already kept", target
        raise FileExistsError(f"{target} exists and holds another report: rename the file")
    _write_whole(target, data)
    return "added", target


def _add_file(source: Path, config: Config) -> int:
    if not source.is_file():
        return _fail(f"no such report file: {source}")
    try:
        heading, path = _copy_file(source, config)
    except (ReportError, FileExistsError) as error:
        return _fail(str(error))
    _print_briefing(heading, path, config)
    return 0


def _add_url(url: str, config: Config) -> int:
    problem = check_url(url)
    if problem:
        return _fail(f"{url}: {problem}")
    logging.getLogger("bot.sources").setLevel(logging.ERROR)  # its fault is our one line
    try:
        found: list[Fetched] = asyncio.run(
            add_url(url, config.database, config.reports_dir, config.fetching)
        )
    except (FetchError, ReportError) as error:  # one line, naming the URL
        return _fail(str(error))
    for item in found:
        if item.path is not None:
            _print_briefing(HEADINGS[item.status], item.path, config)
    return 0


def run_add_command(config: Config, target: str) -> int:
    """Add the report at `target` (an http(s) URL, or a file); the exit status."""
    if "://" in target:
        return _add_url(target, config)
    return _add_file(Path(target), config)
