"""Every bench script loads: its imports resolve against today's code (nothing runs a bench in CI,
so a renamed function would otherwise break one silently)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from bench.kits.paths import ROOT

SCRIPTS = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name != "__init__.py")


def test_there_are_bench_scripts() -> None:
    assert len(SCRIPTS) >= 15


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_bench_script_loads_without_running(script: Path) -> None:
    names = runpy.run_path(str(script), run_name="bench_loaded_by_a_test")
    assert callable(names.get("main")), f"{script.name} has no main()"
