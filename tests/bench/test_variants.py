"""bench/scale.py's shortcut: the caches of many variants of a few reports, built by briefing
each report once, are what a real `warm` of every variant writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.kits.paths import SEED, corpus_files
from bench.kits.variants import differences, make_variants, rebuilt

# Small reports of two kinds; neither is a held-out labelled report.
NAMES = ("beijing_2025",)
QUERIES = ("法治政府", "地区生产总值", "GDP", "就业", "税", "生态环境保护 碳达峰")
COMPARED = ("地区生产总值增长", "一般公共预算收入")


def test_the_shortcut_writes_the_briefings_and_index_a_real_warm_writes(tmp_path: Path) -> None:
    sources = [SEED] + [p for p in corpus_files() if p.stem in NAMES]
    if len(sources) < 2:
        pytest.skip("no corpus at ../shared/corpus")
    reports = tmp_path / "reports"
    make_variants(reports, sources, 5)
    real, fast = rebuilt(reports, len(sources), tmp_path, briefing_workers=1)
    assert len(list(real.glob("*.brief"))) == 5
    assert differences(real, fast, QUERIES, COMPARED, reports) == []


def test_a_changed_briefing_is_told_apart(tmp_path: Path) -> None:
    """The comparison can fail: one variant's briefing file rewritten with another's figures."""
    reports = tmp_path / "reports"
    make_variants(reports, [SEED], 2)
    real, fast = rebuilt(reports, 1, tmp_path, briefing_workers=1)
    changed = sorted(fast.glob("*.brief"))[0]
    changed.write_bytes(changed.read_bytes() + b"\0")
    assert differences(real, fast, (), ()) == [f"briefing {changed.name} differs"]
