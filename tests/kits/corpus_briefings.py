"""Corpus reports' briefings computed once per test process.

The summary tests and the short-summary tests each check every corpus report's briefing (~0.5 s
to ~1.3 s a report: its figures and keywords), so the scheduler hands both modules to one worker
(tests/kits/scheduling.py: TOGETHER) and the second reads the first's. Briefings are frozen:
sharing them lets no test change what another sees.
"""

from __future__ import annotations

import functools
from pathlib import Path

from briefings.briefing import Briefing
from briefings.derive import brief
from briefings.parse import parse_file


@functools.cache
def corpus_briefing(path: Path) -> Briefing:
    """The briefing of the report at `path`, as `brief(parse_file(path))` computes it."""
    return brief(parse_file(path))
