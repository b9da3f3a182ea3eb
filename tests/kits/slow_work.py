"""A briefing worker's work that stalls on one report, as a 20 MB report does for minutes.

Run in the briefer's spawned worker process, so it lives in a module of its own: the worker
imports it by name. The stalled call leaves its process id in `pid_file` first.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefings.briefing import Briefing
from briefings.derive import brief
from briefings.model import Report

STALL_SECONDS = 600.0  # far longer than any test: only a kill ends it


def brief_stalling_on(
    name: str, pid_file: Path, report: Report, cache_dir: Path | None
) -> Briefing:
    if report.source == name:
        pid_file.write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(STALL_SECONDS)
    return brief(report, cache_dir)


def brief_dying_on(name: str, report: Report, cache_dir: Path | None) -> Briefing:
    """The worker process dies on one report, as when the kernel kills it for memory."""
    if report.source == name:
        os._exit(9)
    return brief(report, cache_dir)


def brief_in_order(log: Path, gate: Path, report: Report, cache_dir: Path | None) -> Briefing:
    """Note each report as it is taken; hold the first one until `gate` exists."""
    first = not log.exists()
    with log.open("a", encoding="utf-8") as out:
        out.write(report.source + "\n")
    for _ in range(1200):  # a minute at most
        if not first or gate.exists():
            break
        time.sleep(0.05)
    return brief(report, cache_dir)


def brief_after_gate(gate: Path, report: Report, cache_dir: Path | None) -> Briefing:
    """Hold every report the worker is given until `gate` exists: a report added while a test
    runs stays "being briefed" for as long as the test needs it to be slow."""
    for _ in range(1200):  # a minute at most
        if gate.exists():
            break
        time.sleep(0.05)
    return brief(report, cache_dir)
