"""bench/scale.py's shortcut: the caches of many variants of a few reports, built by briefing
each report once, are what a real `warm` of every variant writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.kits.paths import SEED, corpus_files
from bench.kits.variants import differences, make_variants, rebuilt

# Small reports of two kinds; neither is a held-out labelled report.
NAMES = ("beijing_2025",)
QUERIES = ("法治政府", "地区生产总值", "GDP", "就业", "税", "生态环境保护 碳达峰")
COMPARED = ("地区生产总值增长", "一般公共预算收入")


@pytest.fixture(scope="module")
def caches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int, Path]:
    """Five variants of the seed and (with the corpus) a small corpus report, cached by a real
    `warm` and by the shortcut, once for the module (a warm is most of its time); how many
    reports the variants were made of, and their folder (the index reads sentences there)."""
    folder = tmp_path_factory.mktemp("variants")
    sources = [SEED] + [p for p in corpus_files() if p.stem in NAMES]
    make_variants(folder / "reports", sources, 5)
    real, fast = rebuilt(folder / "reports", len(sources), folder, briefing_workers=1)
    return real, fast, len(sources), folder / "reports"


def test_the_shortcut_writes_the_briefings_and_index_a_real_warm_writes(
    caches: tuple[Path, Path, int, Path],
) -> None:
    real, fast, sources, reports = caches
    if sources < 2:
        pytest.skip("no corpus at ../shared/corpus")
    assert len(list(real.glob("*.brief"))) == 5
    assert differences(real, fast, QUERIES, COMPARED, reports) == []


def test_a_changed_briefing_is_told_apart(
    caches: tuple[Path, Path, int, Path], tmp_path: Path
) -> None:
    """The comparison can fail: one variant's briefing file rewritten with another's figures."""
    real, fast, _, _ = caches
    changed_cache = tmp_path / "cache"
    shutil.copytree(fast, changed_cache)
    changed = sorted(changed_cache.glob("*.brief"))[0]
    changed.write_bytes(changed.read_bytes() + b"\0")
    assert differences(real, changed_cache, (), ()) == [f"briefing {changed.name} differs"]
