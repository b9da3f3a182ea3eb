"""bench/search_index.py measures the index the bot opens: on the reports' folder, its
sentences read from the reports' files by offset; and, as its baseline, the same index
holding every sentence's text."""

from __future__ import annotations

from pathlib import Path

from bench import search_index as bench
from bench.kits.paths import SEED
from briefings.corpus_index import entry_of
from briefings.derive import brief
from briefings.parse import parse_file


def test_the_bench_s_product_index_reads_sentences_from_the_reports_files(tmp_path: Path) -> None:
    report = parse_file(SEED)
    briefing = brief(report)
    made, text = bench.copies([(entry_of(report), briefing.index, briefing.metrics, SEED)], 3,
                              tmp_path / "reports")  # fmt: skip
    assert len({entry.digest for entry, *_ in made}) == 3
    assert text == sum(path.stat().st_size for path in (tmp_path / "reports").iterdir())
    filed: dict[str, float] = {}
    for make in (bench.Fts5Bigram, bench.Fts5Stored):
        candidate = make(tmp_path / f"{make.name}.sqlite3", tmp_path / "reports")
        candidate.build(made)
        sizes = [size for (size,) in candidate.index._db.execute("SELECT size FROM sentences")]
        filed[make.name] = sum(size is not None for size in sizes) / len(sizes)
        assert candidate.search("行政复议", made[-1][0].digest) > 0
        candidate.index.close()
    assert filed["fts5-bigram"] > 0.95 and filed["fts5-stored"] == 0
