"""Where tests find the seed report and the shared corpus."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "nanchang_2020_fazhi_zhengfu_report.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_files() -> list[Path]:
    """Every corpus report: the first six and the 43 under more/."""
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "more").glob("*.txt"))
