"""Benchmark: on-disk indexes for search across N reports, the candidates #15 names.

- fts5-jieba: SQLite FTS5 (unicode61) over jieba-cut tokens (cut_for_search, which the briefing
  worker would do: its cost is timed apart, per report, as it would not fall on the bot).
- bigram-tables: a character-bigram index (as briefings.search once kept in memory) stored in
  plain SQLite tables: postings per bigram and report as packed sentence numbers, intersected,
  checked and ranked (BM25) in Python.
- fts5-bigram: the product (briefings.corpus_index, as the bot opens it: on the reports'
  folder): the same bigrams as FTS5 tokens, so FTS5 intersects them in C and a word still
  matches as a substring; the sentences shown are ranked in Python (fts5-jieba shares that
  code: only the tokens differ). Its postings keep no positions (detail=none); a sentence
  found in its report's file as printed is kept as where it stands there (byte offset, size)
  and read from the file when a search needs its text (a word of 3+ characters is checked
  against the sentences FTS5 finds).
- fts5-stored: the same index without a reports folder: every sentence's text packed into
  the index (corpus_index.pack), as a .docx/.pdf report's still is and every report's was
  before format 12. The ratio columns are against it, unless a baseline is given.
- baseline: another version of briefings/corpus_index.py (`--baseline FILE`, e.g. an earlier
  index format from `git show`), measured the same way in the same run, on the reports'
  folder when it takes one; the ratio columns are then against it.
- fts5-positions: fts5-bigram with positions (detail=full: a word is an FTS5 phrase, no
  sentence read to check it): what positions would cost in size and save in speed.

The N reports are the corpus's reports copied into a folder, each with a line of its own (a
distinct digest) that its search index says as a sentence, so the index holds N reports'
worth of sentences and reads them from N files. Prints, for each N and candidate: build time,
the CPU of the longest hold of the index's lock while building (one report added, or a step
of merging: what a search may wait), file size, p50/p95 latency of cross-report queries (the
chat's report first, as /search asks; the candidates built take turns, a round of queries
each, so the machine's load falls on all alike), and how many sentences each candidate finds
against the substring truth (jieba tokens miss a word cut otherwise). The size column counts
the figures /compare reads too, as the bot's index holds them; `× text` is the file against
the reports' text (UTF-8, as on disk); `cmp` is the CPU of reading the figures of five
/compare measures (CorpusIndex.figures, the candidates taking turns); the `/base` columns are
size, p50, p95 and cmp p95 against the baseline's (fts5-stored, or `--baseline`), which is
always built. `--without` leaves corpus files out (by name): they are never read.

    .venv/bin/python bench/search_index.py [--reports 100 1000] [--cache DIR] [--only NAME...]
        [--baseline FILE] [--without NAME...]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import inspect
import math
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.paths import corpus_files  # noqa: E402
from briefings.corpus_index import CorpusIndex, Entry, entry_of, known_words  # noqa: E402
from briefings.folder import load_folder  # noqa: E402
from briefings.model import Metric  # noqa: E402
from briefings.search import RUN, Query, SearchIndex, parse_query, searchable  # noqa: E402

# /compare measures most reports give (the copies cycle through the corpus), as bench/scale.py.
COMPARED = ("地区生产总值增长", "一般公共预算收入", "城镇新增就业", "居民人均可支配收入", "粮食产量")  # fmt: skip
QUERIES = (
    "营商环境", "法治政府", "低空经济", "乡村振兴", "地区生产总值", "GDP", "人工智能",
    "新质生产力", "行政复议", "就业", "教育", "医疗", "住房", "税", "科技创新", "城市更新",
    "数字政府", "养老服务", "安全生产", "生态环境保护 碳达峰",
)  # fmt: skip
REPEATS = 5
LIMIT, PER_REPORT, FIRST_LIMIT = 30, 3, 10


Base = tuple[Entry, SearchIndex, Sequence[Metric], Path]  # ..., its figures, its file
Made = tuple[Entry, SearchIndex, Sequence[Metric], str]  # ..., its file's name in the folder


def copies(bases: Sequence[Base], n: int, folder: Path) -> tuple[list[Made], int]:
    """`n` distinct reports written into `folder`: the bases' files in turn, each copy with a
    line of its own that its index says as a sentence; and the bytes of their text."""
    made, text = [], 0
    folder.mkdir()
    for i in range(n):
        entry, index, figures, path = bases[i % len(bases)]
        line = f"本文件为第{i}号副本。"
        data = path.read_bytes() + f"\n{line}\n".encode()
        digest = hashlib.sha256(data).hexdigest()  # as the bot's reader names a report
        source = f"{i:05d}_{path.name}"
        (folder / source).write_bytes(data)
        text += len(data)
        sentences = [*index.sentences, (0, line)]
        made.append(
            (
                Entry(digest, f"{entry.title}（{i}）", entry.issuer, entry.year),
                SearchIndex(digest, index.places, sentences, index.vocabulary, index.keywords),
                figures,
                source,
            )
        )
    return made, text


def _takes(call: Callable[..., Any], name: str) -> bool:
    """Whether `call` has a parameter `name` (an earlier index's may not)."""
    return name in inspect.signature(call).parameters


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


class Fts5Bigram:
    name = "fts5-bigram"
    kind: type[CorpusIndex] = CorpusIndex
    filed = True  # opened on the reports' folder, as the bot opens it

    def __init__(self, path: Path, root: Path) -> None:
        self.filed = self.filed and _takes(self.kind, "root")
        self.index = self.kind(path, root) if self.filed else self.kind(path)
        self.held = 0.0  # the CPU of the longest hold of the index's lock while building (s)
        guarded = self.index._guarded

        @contextmanager
        def timed() -> Iterator[sqlite3.Connection]:
            began = time.process_time()  # CPU: on a shared machine wall time is mostly waiting
            with guarded() as db:
                yield db
            self.held = max(self.held, time.process_time() - began)

        self.index._guarded = timed  # type: ignore[method-assign]

    def build(self, reports: list[Made]) -> None:
        for entry, index, figures, source in reports:
            if self.filed:
                self.index.add(entry, index, figures, source=source)
            else:
                self.index.add(entry, index, figures)
        if hasattr(self.index, "compact"):  # as the bot's update does after adding many
            self.index.compact()
        del self.index._guarded  # the class's own again: searches are not timed so

    def search(self, query: str, first: str) -> int:
        return len(self.index.search(query, first, LIMIT, PER_REPORT, FIRST_LIMIT).hits)

    def matches(self, query: str) -> int:
        db = self.index._db
        expression = self.index.expression(parse_query(query, known_words(db)))
        return db.execute(
            "SELECT count(*) FROM tokens WHERE tokens MATCH ?", (expression,)
        ).fetchone()[0]


class Fts5Stored(Fts5Bigram):
    name = "fts5-stored"
    filed = False


def token_expression(query: Query) -> str:
    """As match_expression, but a word must be one of a sentence's jieba tokens."""
    concepts = []
    for concept in query.concepts:
        ways = [f'"{text}"' for text, _ in concept]
        ways += [
            "(" + " AND ".join(f'"{t}"' for t in terms) + ")"
            for _, terms in concept
            if len(terms) > 1
        ]
        concepts.append("(" + " OR ".join(ways) + ")")
    return " OR ".join(concepts)


def jieba_candidate(cut: Callable[[str], str]) -> type[Fts5Bigram]:
    """FTS5 over jieba tokens: the same tables, search and ranking as the chosen index."""

    class JiebaIndex(CorpusIndex):
        tokens = staticmethod(cut)  # type: ignore[assignment]
        expression = staticmethod(token_expression)

    class Fts5Jieba(Fts5Bigram):
        name = "fts5-jieba"
        kind = JiebaIndex

    return Fts5Jieba


def positions_candidate() -> type[Fts5Bigram]:
    """Postings with positions, a word an FTS5 phrase of its bigrams."""

    def positions_phrase(word: str) -> str:
        if len(word) == 1:
            return f'"{word}" *'
        return '"' + " ".join(word[i : i + 2] for i in range(len(word) - 1)) + '"'

    def positions_expression(query: Query) -> str:
        ways = []
        for concept in query.concepts:
            for text, terms in concept:
                ways.append(positions_phrase(text))
                if len(terms) > 1:
                    ways.append("(" + " AND ".join(map(positions_phrase, terms)) + ")")
        return " OR ".join(ways)

    def exact(words: Iterable[str]) -> bool:
        return False  # a phrase query matches the word whole

    class PositionsIndex(CorpusIndex):
        expression = staticmethod(positions_expression)
        inexact = staticmethod(exact)

        def _create(self) -> sqlite3.Connection:
            # The index's own file (its pragmas, functions and tables), the sentences'
            # postings made again with positions.
            db = super()._create()
            db.executescript(
                "DROP TABLE tokens; CREATE VIRTUAL TABLE tokens USING fts5("
                " grams, content='', columnsize=0, tokenize='unicode61');"
            )
            return db

    class Fts5Positions(Fts5Bigram):
        name = "fts5-positions"
        kind = PositionsIndex

    return Fts5Positions


def baseline_candidate(path: Path) -> type[Fts5Bigram]:
    """The index of another version of briefings/corpus_index.py (its relative imports are
    today's modules)."""
    spec = importlib.util.spec_from_file_location("briefings.baseline_index", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)

    class Baseline(Fts5Bigram):
        name = "baseline"
        kind = module.CorpusIndex

    return Baseline


def postings(index: SearchIndex) -> dict[str, list[int]]:
    """Each character and bigram of the report's sentences (folded): the sentences holding it."""
    found: dict[str, list[int]] = {}
    for n, (_, text) in enumerate(index.sentences):
        folded = searchable(text)
        for gram in set(folded) | {folded[i : i + 2] for i in range(len(folded) - 1)}:
            found.setdefault(gram, []).append(n)
    return found


class BigramTables:
    """The present bigram postings in SQLite tables; matching and BM25 in Python."""

    name = "bigram-tables"

    def __init__(self, path: Path, root: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
            "CREATE TABLE reports(id INTEGER PRIMARY KEY, digest TEXT UNIQUE, length INTEGER,"
            " sentences INTEGER);"
            "CREATE TABLE sentences(id INTEGER PRIMARY KEY, text TEXT);"
            "CREATE TABLE words(word TEXT PRIMARY KEY) WITHOUT ROWID;"
            "CREATE TABLE postings(gram TEXT, report INTEGER, ids BLOB, PRIMARY KEY (gram, report))"
            " WITHOUT ROWID;"
        )

    def build(self, reports: list[Made]) -> None:
        for entry, index, *_ in reports:
            self.db.execute("BEGIN")
            rid = (
                self.db.execute(
                    "INSERT INTO reports(digest, length, sentences) VALUES (?, ?, ?)",
                    (entry.digest, index.length, len(index.sentences)),
                ).lastrowid
                or 0
            )
            rows = [((rid << 20) + n, text) for n, (_, text) in enumerate(index.sentences)]
            self.db.executemany("INSERT INTO sentences VALUES (?, ?)", rows)
            self.db.executemany(
                "INSERT INTO postings VALUES (?, ?, ?)",
                [(g, rid, array("I", ns).tobytes()) for g, ns in postings(index).items()],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO words VALUES (?)", [(w,) for w in index.vocabulary]
            )
            self.db.execute("COMMIT")

    def _matching(self, term: str) -> dict[int, str]:
        keys = [term] if len(term) == 1 else [term[i : i + 2] for i in range(len(term) - 1)]
        per_report: dict[int, set[int]] | None = None
        for key in keys:
            rows = self.db.execute("SELECT report, ids FROM postings WHERE gram = ?", (key,))
            found = {r: set(array("I", blob)) for r, blob in rows}
            per_report = found if per_report is None else {
                r: ns & found[r] for r, ns in per_report.items() if r in found
            }  # fmt: skip
        ids = [(r << 20) + n for r, ns in (per_report or {}).items() for n in ns]
        texts: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            texts.update(
                self.db.execute(f"SELECT id, text FROM sentences WHERE id IN ({marks})", chunk)
            )
        return {i: t for i, t in texts.items() if term in searchable(t)}

    def search(self, query: str, first: str) -> int:
        def known(word: str) -> bool:
            return (
                self.db.execute("SELECT 1 FROM words WHERE word = ?", (word,)).fetchone()
                is not None
            )

        parsed = parse_query(query, known)
        total, length = self.db.execute(
            "SELECT sum(sentences), sum(length) FROM reports"
        ).fetchone()
        average = length / total
        scores: dict[int, float] = {}
        for term in parsed.terms:
            found = self._matching(term)
            idf = math.log(1 + (total - len(found) + 0.5) / (len(found) + 0.5))
            for i, text in found.items():
                tf = text.count(term)
                size = len(text) / average
                scores[i] = scores.get(i, 0.0) + idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * size))
        low = self.db.execute("SELECT id FROM reports WHERE digest = ?", (first,)).fetchone()[0]
        ranked = sorted(scores, key=lambda i: (i >> 20 != low, -scores[i]))
        return len(ranked[:LIMIT])

    def matches(self, query: str) -> int:
        def known(word: str) -> bool:
            return (
                self.db.execute("SELECT 1 FROM words WHERE word = ?", (word,)).fetchone()
                is not None
            )

        parsed = parse_query(query, known)
        return len({i for term in parsed.terms for i in self._matching(term)})


def jieba_cutter() -> Callable[[str], str]:
    import jieba

    jieba.initialize()
    cache: dict[str, str] = {}

    def cut(text: str) -> str:
        if text not in cache:
            words = jieba.cut_for_search(searchable(text))
            cache[text] = " ".join(w for w in words if RUN.fullmatch(w))
        return cache[text]

    return cut


def truth(bases: Sequence[Base], n: int, query: str) -> int:
    """Sentences saying a run of the query as printed (substring), over the N copies."""
    runs = RUN.findall(searchable(query))
    per_base = [
        sum(any(run in searchable(t) for run in runs) for _, t in index.sentences)
        for _, index, _, _ in bases
    ]
    return sum(per_base[i % len(bases)] for i in range(n))


def measure(candidates: Sequence[Any], first: str) -> list[dict[str, float]]:
    """Search times of each candidate, built: the candidates take turns, a round of the
    queries each, REPEATS times, so that the machine's load falls on all alike."""
    wall: list[list[float]] = [[] for _ in candidates]
    cpu: list[list[float]] = [[] for _ in candidates]
    for _ in range(REPEATS):
        for n, candidate in enumerate(candidates):
            for query in QUERIES:
                began, used = time.perf_counter(), time.process_time()
                candidate.search(query, first)
                wall[n].append((time.perf_counter() - began) * 1000)
                cpu[n].append((time.process_time() - used) * 1000)
    return [
        {
            "p50_ms": statistics.median(wall[n]),
            "p95_ms": percentile(wall[n], 0.95),
            "cpu_p50_ms": statistics.median(cpu[n]),
            "cpu_p95_ms": percentile(cpu[n], 0.95),
        }
        for n in range(len(candidates))
    ]


def kept_folders(folder: Path, without: Sequence[str]) -> list[Path]:
    """The corpus's folders as copies in `folder` of their files not named in `without`: a
    file left out is never read (the bot's folder reader skips symbolic links)."""
    made = []
    for n, parent in enumerate(sorted({p.parent for p in corpus_files()})):
        kept = Path(folder) / f"corpus{n}"
        kept.mkdir()
        for path in corpus_files():
            if path.parent == parent and path.name not in without:
                shutil.copyfile(path, kept / path.name)
        made.append(kept)
    return made


def compare_times(candidates: Sequence[Any]) -> list[tuple[float, float]]:
    """CPU p50/p95 (ms) of the figures /compare reads (CorpusIndex.figures) for COMPARED, of
    each candidate that keeps figures (NaN for the others), the candidates taking turns."""
    from briefings.compare import ask

    asked = [(ask(q).parts()[0], ask(q).indicators) for q in COMPARED]
    cpu: list[list[float]] = [[] for _ in candidates]
    for _ in range(REPEATS * 4):
        for n, candidate in enumerate(candidates):
            index = getattr(candidate, "index", None)
            for said, indicators in asked if index is not None else ():
                used = time.process_time()
                index.figures(said, indicators)
                cpu[n].append((time.process_time() - used) * 1000)
    return [
        (statistics.median(times), percentile(times, 0.95)) if times else (math.nan, math.nan)
        for times in cpu
    ]


def main(
    sizes: list[int], cache: Path | None, only: list[str], baseline: Path | None,
    without: Sequence[str] = (),
) -> None:  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        cache_dir = cache or Path(folder) / "cache"
        reports = []
        for parent in kept_folders(Path(folder), without):
            reports += [(parent, r) for r in load_folder(parent).reports]
        from briefings.derive import brief

        bases: list[Base] = []
        for parent, report in reports:
            briefing = brief(report, cache_dir)
            bases.append(
                (entry_of(report), briefing.index, briefing.metrics, parent / report.source)
            )
        cut = jieba_cutter()
        began = time.process_time()  # CPU: the machine may be shared
        for _, index, _, _ in bases:
            for _, text in index.sentences:
                cut(text)
        per_report_cut = (time.process_time() - began) / len(bases) * 1000
        print(f"{len(bases)} corpus reports; jieba cut_for_search per report (in the worker): CPU "
              f"{per_report_cut:.0f} ms")  # fmt: skip
        print(f"{'N':>5} {'candidate':15}{'build s':>8}{'size MB':>9}{'× text':>8}{'p50 ms':>8}"
              f"{'p95 ms':>8}{'cpu p50':>9}{'cpu p95':>9}{'lock cpu':>9}{'cmp p50':>9}{'cmp p95':>9}"
              f"{'size/base':>10}{'p50/base':>9}{'p95/base':>9}{'cmp/base':>9}")  # fmt: skip
        for n in sizes:
            root = Path(folder) / f"reports-{n}"
            made, text = copies(bases, n, root)
            base = baseline_candidate(baseline) if baseline else Fts5Stored
            made_of: tuple[Any, ...] = (
                base, *([Fts5Stored] if baseline else []),
                Fts5Bigram, positions_candidate(), jieba_candidate(cut), BigramTables,
            )  # fmt: skip
            built: list[tuple[Any, Path, float, float]] = []
            for make in [m for m in made_of if m is base or not only or m.name in only]:
                path = Path(folder) / f"index-{n}-{time.monotonic_ns()}.sqlite3"
                candidate = make(path, root)
                began = time.perf_counter()
                candidate.build(made)
                held = getattr(candidate, "held", math.nan) * 1000
                built.append((candidate, path, time.perf_counter() - began, held))
            timed = measure([candidate for candidate, *_ in built], made[0][0].digest)
            compared = compare_times([candidate for candidate, *_ in built])
            sizes_of = [_size(candidate, path) for candidate, path, *_ in built]
            for (candidate, path, build_s, held), figures, (c50, c95), size in zip(
                built, timed, compared, sizes_of, strict=True
            ):
                print(f"{n:>5} {candidate.name:15}{build_s:8.1f}{size / 2**20:9.1f}"
                      f"{size / text:8.2f}{figures['p50_ms']:8.1f}{figures['p95_ms']:8.1f}"
                      f"{figures['cpu_p50_ms']:9.1f}{figures['cpu_p95_ms']:9.1f}{held:9.0f}"
                      f"{c50:9.1f}{c95:9.1f}{size / sizes_of[0]:10.2f}"
                      f"{figures['p50_ms'] / timed[0]['p50_ms']:9.2f}"
                      f"{figures['p95_ms'] / timed[0]['p95_ms']:9.2f}{c95 / compared[0][1]:9.2f}",
                      flush=True)  # fmt: skip
                if n == sizes[0]:  # bigram-tables: sentences with any term, before coverage
                    found = {q: candidate.matches(q) for q in QUERIES}
                    missed = {
                        q: truth(bases, n, q) - f
                        for q, f in found.items()
                        if f < truth(bases, n, q)
                    }
                    print(
                        f"      sentences found for the {len(QUERIES)} queries: {sum(found.values())}"
                        f"; short of the substring truth: {missed or 'none'}"
                    )
                path.unlink()
            built.clear()
            shutil.rmtree(root)


def _size(candidate: Any, path: Path) -> int:
    """The bytes of a candidate's index file, its write-ahead log moved into it first."""
    db = candidate.index._db if isinstance(candidate, Fts5Bigram) else candidate.db
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(
        Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--cache", type=Path, help="a report cache to reuse (else a temp one)")
    parser.add_argument("--only", nargs="+", default=[], help="these candidates (names as printed)")
    parser.add_argument("--baseline", type=Path, help="another corpus_index.py, as `baseline`")
    parser.add_argument("--without", nargs="+", default=[], help="corpus file names left out")
    args = parser.parse_args()
    main(args.reports, args.cache, args.only, args.baseline, args.without)
