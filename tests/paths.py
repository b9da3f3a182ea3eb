"""Where tests find the seed report and the shared corpus."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "nanchang_2020_fazhi_zhengfu_report.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
