"""Search across every report, the bot's one search engine: an on-disk index in its own SQLite
file (in memory without a cache folder). /search, inline mode and /compare all ask it; how a
query is cut, which sentences match it and how they rank is briefings.search.

The index is derived data, rebuilt from the reports' search indexes (briefings.search) at will:
a missing, stale or corrupted file is replaced by an empty one and filled again. Entries are
keyed by report digest, so a report re-added is found again and a removed one is dropped.

Sentences are indexed in SQLite's FTS5: each run of letters, digits or Chinese becomes its
overlapping character bigrams (and its last character), so a query word is found through its
bigrams and matches as a substring, however jieba cut the sentence; FTS5 intersects the
postings in C, and only the few sentences shown are ranked in Python, each report's by its own
statistics (see `CorpusIndex.search`). Tokens come from the report's sentences, so building an
entry needs no jieba. jieba-cut tokens would lose substring matches (营商环境 cut 营商/环境 in
one report and whole in another), and FTS5's trigram tokenizer cannot match two-character
words. bench/search_index.py measures the alternatives.

What the file holds per report (format 12 and 13: ~0.94× the reports' text at 300 distinct reports,
~0.91× at 1,000: postings ~0.48×, figures ~0.21×, where each sentence stands ~0.12×,
figure-label postings ~0.05×, section titles ~0.03×, new words ~0.015×; format 11 took 1.38×
and 1.35×, format 10 1.6×, format 8 2.1×; format 13 adds `common`, the counts of the commonest
words, ~0.06× at 10,000 reports and nothing in a small library): its row in `reports`, naming its file (`source`,
under the reports folder the index is opened with), the size and time it had when its
SHA-256 was checked (`stamp`) and, since format 14, the first 16 hex digits of the fingerprint
of the code that derived its figures (`code`: see `update`); the titles of its sections (`places`, a
context only when it is not derived from its parent's); a row per sentence saying where it
stands in the report's file (byte offset and size), its text not stored: the file holds it as
printed (a sentence the file does not hold so, or every one of a report without a file or of a
.docx or .pdf, is stored packed instead: `pack`, ~1.45 bytes a character); their bigram
postings without positions (FTS5 `detail=none`: a posting is a row number, no offsets), the
report's rows packed after the previous report's (SLOT) and the segments merged a few pages at
a time after a large update (`compact`); the figures /compare reads, their few-valued fields as
numbers (`names`), and the bigrams of their labels; its vocabulary's new words. Without
positions FTS5 cannot match a phrase: a word of three or more characters is asked as all of its
bigrams, and the few sentences that hold them apart (法治 … 治政 … 政府 without 法治政府) are
dropped by an SQL condition on the sentences found (`_saying`: a Python call a candidate, on its
bytes read from the file), so what matches, how many and in which order stay as a phrase search
gave them. A one- or two-character word is one token: FTS5's answer is exact.

A sentence's text is read from the file a few bytes at a time (pread), the file opened only
once its bytes were found to be the report's (SHA-256 against the digest, checked again when
its size or time changes; the last 20,000 sentences read are kept): a file changed or gone
since shows none of its sentences not read before, until the index drops the report. Why not
keep the text: the postings alone take ~0.48×, the figures and
the rest ~0.35×, so the text had ~0.17× left, less than any compression of it takes (zlib over a
whole report's packed text 0.32×, in blocks of 16 sentences 0.42×; format 9 deflated blocks,
its check in Python: /search CPU p95 11 → 28 ms at 300 reports), and positions instead of a
check cost more than the text (bigram postings with positions 1.06×, characters with positions
0.81×). The check reading files costs a long word's search at 1,000 reports, the first time it
is asked, a few milliseconds more than `instr` on stored text did (a file opened for each
report holding candidates); asked again, or a word of one or two characters (most queries), it
reads no file.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import json
import logging
import os
import re
import sqlite3
import sys
import threading
import zlib
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import compress, repeat
from operator import floordiv
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from .cache import code_fingerprint
from .characters import CHARACTERS
from .common_grams import COMMON_CHARACTERS, COMMON_GRAMS
from .model import Listed, Metric
from .search import RUN, Query, Ranking, SearchIndex, idf, parse_query, searchable, synonyms

if TYPE_CHECKING:
    from .compare import Ask, Candidate

log = logging.getLogger(__name__)

# Bump when the tokens or the tables change: an older file is rebuilt (so is one whose
# sentences were packed with another table of characters).
# The tokens whose matches are counted per report as a report is indexed (`common`): the
# commonest bigrams (a query word of two characters is one of them) and characters (a word of
# one is every token it begins), numbered in this order.
_COMMON: dict[str, int] = {
    token: n
    for n, token in enumerate(
        (*(COMMON_GRAMS[n : n + 2] for n in range(0, len(COMMON_GRAMS), 2)), *COMMON_CHARACTERS)
    )
}
FORMAT = (
    f"14:{zlib.crc32(''.join(CHARACTERS).encode()):08x}:{zlib.crc32(''.join(_COMMON).encode()):08x}"
)
FILE_NAME = "search.sqlite3"
# The matching sentences ranked for a report, its first in report order: the chat's report, others
CANDIDATES = 300
OTHER_CANDIDATES = 30
# A report's sentences get rowids first + n, its figures' labels first + their number: the
# reports' ranges follow one another, each starting on a slot (a multiple of SLOT rowids), so
# that the postings' row-number deltas are short (a few bits more than the sentences between,
# where format 8's gap of 2^16 rowids per report cost a byte more a report a posting), and
# FTS5's matches are grouped per slot in SQL, a report holding a few.
SLOT = 256
_MAX_SENTENCES = 1 << 16  # a 5 MB report, the largest read, has ~40,000 sentences
# Candidates of a word of three or more characters checked in all (see `_Matching`): ~10 ms.
CHECKED = 2000
CODE_CHARS = 16  # of the code's fingerprint, kept with each entry: 64 bits tell versions apart
COMPACT_AFTER = 50  # reports added by one update after which the postings are merged
# The sentences of removed reports whose postings stay (their file gone or changed: `_delete`)
# are purged (`_purge`) once they pass DEAD_SHARE of the sentences indexed, at most PURGED a
# pass over every posting (~5 s CPU at 10,000 reports), those of a window of rowids.
DEAD_SHARE = 1 / 16
PURGED = 20_000
# A step of that merge writes about MERGE_PAGES of FTS5's pages (~4 KB each) and a step of
# returning free pages frees VACUUM_PAGES, each under the lock: a few milliseconds, whatever
# the index's size, so a search waits that long at most.
MERGE_PAGES = 64
VACUUM_PAGES = 256
# Reports' files read for their sentences' text, kept while a search runs and after: the
# candidates of a long word are checked in them, a few in each of hundreds of reports.
FILES_KEPT = 16 << 20
# A sentence is looked for in its report's file SEEK bytes after the one before, then in the
# whole file (SCANNED bytes at most a report, ~0.1 s); none after MISSES in a row not found.
SEEK = 1 << 12
SCANNED = 1 << 28
MISSES = 64
# Sentences read from files kept (~5 MB; all dropped when full): a search checks a candidate
# for its count, then for its report's rows and terms, and a query asked again (a page turned,
# the same word from another chat) reads no file, as SQLite's page cache kept stored ones.
PIECES_KEPT = 20_000
# The reports whose rowids start past COUNTED_FROM have their matches of the commonest tokens
# counted as they are indexed (`common`); the first ones added (~64 of the corpus mix, all of a
# small library) are counted by FTS5, which the few matches among them cost little.
COUNTED_FROM = 1 << 15
# A row of `common` holds a token's matches in BLOCK reports (by id), two bytes each; FULL
# stands for "that many or more": the report's own are then counted by FTS5.
BLOCK = 64
FULL = 0xFFFF
MAX_SOURCE_BYTES = 64 << 20  # a larger file is not read (the library refuses such reports)
_MAX_STEPS = 1 << 24  # bounds the loops: a merge writes no more pages than the index holds

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reports(
    id INTEGER PRIMARY KEY, digest TEXT UNIQUE NOT NULL, title TEXT NOT NULL,
    issuer TEXT NOT NULL, year INTEGER, sentences INTEGER NOT NULL, chars INTEGER NOT NULL,
    first INTEGER UNIQUE NOT NULL, span INTEGER NOT NULL, source TEXT, stamp TEXT, code TEXT);
CREATE TABLE places(
    report INTEGER NOT NULL, no INTEGER NOT NULL, section TEXT NOT NULL, title BLOB NOT NULL,
    context BLOB, parent INTEGER, PRIMARY KEY (report, no)) WITHOUT ROWID;
CREATE TABLE sentences(id INTEGER PRIMARY KEY, place INTEGER NOT NULL, text NOT NULL, size INTEGER);
CREATE TABLE words(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE tokens USING fts5(
    grams, content='', columnsize=0, detail=none, tokenize='unicode61');
CREATE TABLE figures(
    report INTEGER NOT NULL, no INTEGER NOT NULL, folded TEXT NOT NULL, id TEXT,
    place INTEGER, section INTEGER NOT NULL, raw BLOB NOT NULL, value REAL NOT NULL, unit INTEGER NOT NULL,
    qualifier INTEGER NOT NULL, label TEXT, sentence TEXT, said INTEGER, key INTEGER NOT NULL,
    upper REAL, kind INTEGER NOT NULL, period INTEGER, bound INTEGER NOT NULL, indicator INTEGER,
    PRIMARY KEY (report, no)) WITHOUT ROWID;
CREATE TABLE names(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL);
CREATE INDEX figures_indicator ON figures(indicator) WHERE indicator IS NOT NULL;
CREATE VIRTUAL TABLE figure_tokens USING fts5(
    grams, content='', columnsize=0, detail=none, tokenize='unicode61');
CREATE TABLE common(block INTEGER NOT NULL, token INTEGER NOT NULL, counts BLOB NOT NULL,
    PRIMARY KEY (block, token)) WITHOUT ROWID;
"""
# A figure's sentence is most often one of the report's sentences: then `said` is its number
# among them (its rowid in `sentences` less its report's first) and `sentence` is NULL (the
# text is not stored twice); else `sentence` holds it. Its label is stored only when it
# differs from its folded form (2% of them), its id only when it is not m<no + 1> (as the
# engine numbers them). Its unit, qualifier, kind, period, bound, section and indicator, a few
# hundred strings in all, are numbers in `names` (a byte or two where result, exact, 2024,
# 1.2 or gdp_growth took 6-20 in UTF-16).
# FTS5 keeps no column sizes (columnsize=0): they only serve its BM25, which is not used; nor
# positions (detail=none): see the module's docstring.
# What /compare and inline mode read of every report (briefings.compare): the figures of the
# kinds a comparison shows, kept here so that a comparison across a thousand reports reads a
# few rows from disk instead of a thousand briefings. Their labels are tokenised as sentences
# are (rowid: their report's first + n), so FTS5 finds the few a query names; their
# indicator is the one compare reads (measure_of: a figure's own, else its label's).
# `common`: how many sentences of each report hold each of the commonest tokens (_COMMON), a
# row a token and BLOCK reports (keyed block first, so that indexing a report rewrites the rows
# of its block only, a few pages), written as the report is indexed: a word of one or two
# characters that tens of thousands of sentences say has its matches counted report by report
# without FTS5 (~30 ms to group 150,000 matches by report at 10,000 reports, ~3 ms to read
# them; see `_Matching.counts`). ~0.06× the reports' text.
Indexed = tuple[SearchIndex, Sequence[Metric]]  # a report's search index and its figures


@dataclass(frozen=True)
class Entry:
    """What names a report in results."""

    digest: str
    title: str
    issuer: str
    year: int | None


@dataclass(frozen=True)
class CorpusHit:
    report: Entry
    section_id: str  # "" for the preamble
    section_title: str
    sentence: str  # verbatim from the report


Titled = tuple[CorpusHit, str]  # a hit and the titles of its section and those above it


@dataclass(frozen=True)
class CorpusResult:
    query: str  # as searched (see briefings.search.parse_query)
    hits: tuple[CorpusHit, ...]
    words: tuple[str, ...]  # the words matched, synonyms included, for highlighting
    matches: int = 0  # sentences matching in every report: `hits` shows the best of them
    exact: bool = True  # whether `matches` is exact, else at least them (see `_Matching`)


def damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether `error` says the file is damaged or not an index (not a database, malformed,
    no such table), rather than busy: a file another process holds locked is not rebuilt."""
    return not isinstance(error, sqlite3.OperationalError) or "no such table" in str(error)


def entry_of(report: Listed) -> Entry:
    meta = report.meta
    return Entry(report.digest, report.display_title, meta.issuer or "", meta.year)


def grams(text: str) -> str:
    """The FTS5 tokens of `text`: per run, its bigrams and its last character."""
    tokens: list[str] = []
    for run in RUN.findall(searchable(text)):
        tokens += [run[i : i + 2] for i in range(len(run) - 1)]
        tokens.append(run[-1])
    return " ".join(tokens)


def _packing() -> tuple[dict[int, int], dict[int, int]]:
    """The permutation of code points `pack` applies, and its inverse: the i-th of CHARACTERS
    becomes code point i, and the code points below 2,048 they displace take the places the
    characters of the table left above it (in order), so every character has one image."""
    table = "".join(CHARACTERS)
    onto = {ord(c): n for n, c in enumerate(table)}
    displaced = [n for n in range(len(table)) if n not in onto]
    freed = [ord(c) for c in table if ord(c) >= len(table)]
    onto.update(zip(displaced, freed, strict=True))
    return onto, {image: code for code, image in onto.items()}


_PACK, _UNPACK = _packing()


def pack(text: str) -> bytes:
    """`text` in one or two bytes a character for the 2,048 most frequent (CHARACTERS: ~1.45
    bytes a character in the corpus, UTF-16's two): UTF-8 of its characters permuted so that
    these take UTF-8's one- and two-byte code points. UTF-8 is self-synchronising, so a word
    is in a sentence exactly when its packing is in the sentence's: SQLite's instr checks a
    candidate in C on the packed bytes, nothing unpacked. (Deflating sentences in blocks, format
    9, took as little room only in blocks of 16, each candidate check then an inflate in
    Python.)"""
    return text.translate(_PACK).encode("utf-8", "surrogatepass")


def unpack(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass").translate(_UNPACK)


def _phrase(word: str) -> str:
    """An FTS5 query finding the sentences that say `word` (folded) as a substring of a run:
    exactly for one or two characters, else with those that hold its bigrams apart (`_saying`)."""
    if len(word) == 1:
        return f'"{word}" *'
    bigrams = dict.fromkeys(word[i : i + 2] for i in range(len(word) - 1))
    if len(bigrams) == 1:
        return f'"{word[:2]}"'
    return "(" + " AND ".join(f'"{gram}"' for gram in bigrams) + ")"


def _inexact(words: Iterable[str]) -> bool:
    """Whether FTS5's answer for `words` (`_phrase`) may hold sentences not saying one whole."""
    return any(len(word) > 2 for word in words)


def _loose(query: Query) -> list[str]:
    """The words of `query` whose FTS5 answer (`_phrase`) may be loose and matters: a run cut
    into words of one or two characters is found exactly through them (营商环境 as 营商 and
    环境: a sentence saying it says both, and the query asks for either)."""
    words: list[str] = []
    for concept in query.concepts:
        for way, terms in concept:
            if len(terms) < 2 or _inexact(terms):
                words += [way, *terms]
    return words


_CHINESE = re.compile(r"[\u3400-\u9fff]+")


def _saying(query: Query, first: int) -> tuple[str, list[str | bytes]]:
    """An SQL condition on a sentence `s` (its parameters numbered from `first`, and their
    values) true when it says the query as `match_expression` asks, each word whole. A Chinese
    word is looked for in a stored sentence's packed text by SQLite's instr, packed too (`pack`:
    folding changes no Chinese character), and in the UTF-8 bytes of one in its report's file
    by `holds`; another in the folded text by `says` (both defined by `_connect`: a Python call
    a sentence), so that the ways of saying the query all in Chinese are tried first."""
    words: list[str | bytes] = []

    def test(word: str) -> str:
        number = first + len(words)
        if not _CHINESE.fullmatch(word):
            words.append(word)
            return f"says(s.id, s.text, s.size, ?{number})"
        words.extend((pack(word), word.encode("utf-8")))
        return (
            f"(CASE WHEN s.size IS NULL THEN instr(s.text, ?{number}) > 0"
            f" ELSE holds(s.id, s.text, s.size, ?{number + 1}) END)"
        )

    ways = [(way, terms) for concept in query.concepts for way, terms in concept]
    ways.sort(key=lambda way: not all(_CHINESE.fullmatch(w) for w in (way[0], *way[1])))
    tests = []
    for way, terms in ways:
        tests.append(test(way))
        if len(terms) > 1:
            tests.append("(" + " AND ".join(test(t) for t in terms) + ")")
    return " OR ".join(tests) or "0", words


def _tokens_of(word: str) -> frozenset[str]:
    """The FTS5 tokens every sentence saying `word` (folded) holds (`_phrase` asks for all)."""
    if len(word) == 1:
        return frozenset({f'"{word}" *'})
    return frozenset(f'"{word[i : i + 2]}"' for i in range(len(word) - 1))


def match_expression(query: Query) -> str:
    """A sentence matches when it says one of the query's runs, whole or with all its words,
    the run or a synonym (briefings.search.coverage then ranks it by how many it says): FTS5
    is asked for the sentences holding every token of one of these ways (`_tokens_of`). A way
    whose tokens include all of another's finds no sentence the other does not, and is left
    out: 地区生产总值 (地区, 区生, 生产, 产总, 总值) when 生产总值 is asked too, as a synonym
    or a word of it. FTS5 then reads ~40% fewer postings for 地区生产总值, and finds the same."""
    ways: list[frozenset[str]] = []
    for concept in query.concepts:
        for text, terms in concept:
            ways.append(_tokens_of(text))
            if len(terms) > 1:
                ways.append(frozenset().union(*map(_tokens_of, terms)))
    kept = [way for n, way in enumerate(ways)
            if not any(other < way or (other == way and m < n) for m, other in enumerate(ways))]  # fmt: skip
    return " OR ".join("(" + " AND ".join(sorted(way)) + ")" for way in kept)


class CorpusIndex:
    """The on-disk index; safe to use from several threads (one at a time)."""

    # How a sentence becomes FTS5 tokens, and a parsed query an FTS5 expression (the bench
    # measures jieba's tokens through the same class).
    tokens = staticmethod(grams)
    expression = staticmethod(match_expression)
    inexact = staticmethod(_inexact)  # whether FTS5 may find a word's bigrams apart

    def __init__(
        self, path: Path | None, root: Path | None = None, code: str | None = None
    ) -> None:
        self.path = path  # None: in memory (no cache folder)
        self.root = root  # the reports folder, where a report's `source` is read (see `add`)
        # The code that derives a briefing (briefings.cache): an entry whose figures other code
        # derived is indexed again once its report's new briefing is in (see `update`).
        self.code = (code or code_fingerprint())[:CODE_CHARS]
        self._lock = threading.RLock()
        self._slots: dict[int, int] | None = None  # see _slot_reports
        self._named: dict[str, int] = {}  # the same, keyed by the slot's number as text
        # report -> its source file's path, its digest, its first rowid and their span
        self._sources: dict[int, tuple[str, str, int, int]] = {}
        self._files: OrderedDict[int, bytes] = OrderedDict()  # reports' files read, see _file
        self._held = 0  # their bytes
        self._checked: dict[str, tuple[int, int, str]] = {}  # a file's size, time, digest
        self._pieces: dict[int, bytes] = {}  # sentences read from files, by rowid
        # The report at hand: its rowids (from, to), its file's bytes or the file opened
        self._span: tuple[int, int, bytes | None, int | None] = (0, 0, None, None)
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path is None or not self.path.exists():
            return self._create()
        try:
            db = self._connect()
            found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if found == (FORMAT,):
                return db
            db.close()
            log.info("search index %s is of another format: rebuilding", self.path)
        except sqlite3.DatabaseError as error:
            if not damaged(error):
                raise
            log.warning("search index %s unusable (%s): rebuilding", self.path, error)
        return self._create()

    def _connect(self) -> sqlite3.Connection:
        target = ":memory:" if self.path is None else str(self.path)
        db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        try:
            # The text left unpacked (figure labels, report titles) is mostly Chinese: two
            # bytes a character in UTF-16, three in UTF-8; 8 KB pages, chosen for format 9's
            # blocks, kept as they cost searches nothing (4 and 16 KB make a file as large in
            # format 11). Both a no-op on a file already made.
            db.execute("PRAGMA encoding = 'UTF-16le'")
            db.create_function("says", 4, self._says, deterministic=True)
            db.create_function("holds", 4, self._holds, deterministic=True)
            db.execute("PRAGMA page_size = 8192")
            db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # see `compact`
            db.execute("PRAGMA journal_mode = WAL" if self.path else "PRAGMA journal_mode = MEMORY")
            db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _create(self) -> sqlite3.Connection:
        if self.path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._forget()
        db = self._connect()
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        return db

    @contextmanager
    def _guarded(self) -> Iterator[sqlite3.Connection]:
        """The connection; a file found damaged mid-use is replaced by an empty index, which
        the caller fills again (`digests` no longer lists what it held)."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.DatabaseError as error:
                if not damaged(error):
                    raise
                log.warning("search index %s damaged (%s): rebuilding", self.path, error)
                self._db.close()
                self._db = self._create()
                raise

    def close(self) -> None:
        with self._lock:
            self._release()
            self._db.close()

    def digests(self) -> set[str]:
        with self._guarded() as db:
            return {digest for (digest,) in db.execute("SELECT digest FROM reports")}

    def add(
        self,
        entry: Entry,
        index: SearchIndex,
        figures: Sequence[Metric] = (),
        source: str | None = None,
    ) -> None:
        """Index one report's sentences and figures (replacing any entry of the same digest).
        `source`: the report's file, under `root`: the sentences found there as printed are
        stored as where they stand in it, read from it when a search needs their text."""
        filed = None if source is None else self._filed_at(source, entry.digest)
        with self._guarded() as db:
            db.execute("BEGIN")
            try:
                self._delete(db, entry.digest)
                self._insert(db, entry, index, figures, filed)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                self._forget()  # read again from what the file holds
                raise

    def update(self, reports: Sequence[Listed], index_of: Callable[[str], Indexed | None]) -> int:
        """Drop the entries of reports not in `reports`, add those of `reports` not indexed
        yet whose search index and figures `index_of(digest)` gives (None: not briefed yet),
        and index again those whose figures other code derived (an upgrade) once it gives
        their new briefing: till then their sentences are found and their figures shown as
        they were. Returns how many were added. A report whose file was renamed or moved
        (the same bytes) is read from its new place. The lock is taken per report, so
        searches go on meanwhile."""
        with self._guarded() as db:
            rows = db.execute("SELECT digest, source, code FROM reports").fetchall()
        have = {digest: source for digest, source, _ in rows}
        current = {digest for digest, _, code in rows if code == self.code}
        self.remove(have.keys() - {report.digest for report in reports})
        added = 0
        for report in reports:
            if have.get(report.digest, report.source) not in (None, report.source):
                self._moved(report.digest, report.source)
            indexed = None if report.digest in current else index_of(report.digest)
            if indexed is not None:
                self.add(entry_of(report), *indexed, source=report.source)
                added += 1
        if added >= COMPACT_AFTER or self._dead_due():
            self.compact()
        return added

    def _moved(self, digest: str, source: str) -> None:
        """Read report `digest`'s sentences from the file `source` from now on, when it holds
        the report's bytes (else they stay where they were looked for)."""
        if (filed := self._filed_at(source, digest)) is None:
            return
        with self._guarded() as db:
            db.execute(
                "UPDATE reports SET source = ?, stamp = ? WHERE digest = ?",
                (source, filed[2], digest),
            )
            self._forget()

    def _filed_at(self, source: str, digest: str) -> tuple[str, bytes, str] | None:
        """The report file `source` (under `root`), its bytes and its stamp (size:time, see
        `stamp` in `reports`), when its bytes are the report `digest`'s."""
        if self.root is None:
            return None
        path = os.path.join(self.root, source)
        if not (data := self._read(path, digest)):
            return None
        size, time, _ = self._checked[path]
        return source, data, f"{size}:{time}"

    def compact(self) -> None:
        """Merge the FTS5 tables' segments into one each: a report added at a time leaves
        several segments, each listing its own tokens (~20% more postings at 200 reports).
        Rewrites the postings, which takes longer as the index grows (~0.5 s at 200 reports):
        FTS5's incremental merge does it a bounded step at a time (MERGE_PAGES), the lock
        taken for each, so searches go on between steps; then the pages the old segments
        held go back to the file system, as many at a time. The postings of removed reports'
        sentences whose text was gone are deleted first, when they are many (`_purge`)."""
        if self._dead_due():
            self._purge()
        for table in ("tokens", "figure_tokens"):
            for _ in range(_MAX_STEPS):
                with self._guarded() as db:
                    before = db.total_changes
                    # Negative: every segment, on whatever level, joins the merge (a merge
                    # begun goes on); FTS5 writes its structure (a second change) only when it
                    # did some work.
                    db.execute(
                        f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)", (-MERGE_PAGES,)
                    )
                    if db.total_changes - before < 2:
                        break
        for _ in range(_MAX_STEPS):
            with self._guarded() as db:
                if db.execute("PRAGMA freelist_count").fetchone()[0] == 0:
                    break
                # Run to its end by executescript (a step of execute frees one page).
                db.executescript(f"PRAGMA incremental_vacuum({VACUUM_PAGES:d});")

    def _dead_due(self) -> bool:
        """Whether the sentences whose postings stay pass DEAD_SHARE of those indexed."""
        with self._guarded() as db:
            if not (dead := sum(to - at + 1 for at, to in _dead(db))):
                return False
            (indexed,) = db.execute("SELECT coalesce(sum(sentences), 0) FROM reports").fetchone()
        return bool(dead >= DEAD_SHARE * indexed)

    def _purge(self) -> None:
        """Delete the postings that removed reports' sentences left (`_delete`: their text was
        not known any more, which FTS5 needs to delete them): their tokens are read from the
        postings themselves (fts5vocab's instances, a pass over every posting, from another
        connection when the index is a file, so that searches go on meanwhile; the sentences
        of a window of PURGED rowids a pass), then deleted under the lock."""
        for _ in range(_MAX_STEPS):
            with self._guarded() as db:
                ranges = _dead(db)
            if not ranges:
                return
            start = ranges[0][0]
            end = start + PURGED  # past the window
            rowids = [n for at, to in ranges for n in range(at, min(to + 1, end))]
            found: dict[int, list[str]] = {}
            with self._postings() as postings:
                for term, doc in postings.execute(
                    _DEAD_POSTINGS, (start, rowids[-1], json.dumps(rowids))
                ):
                    found.setdefault(doc, []).append(term)
            with self._guarded() as db:
                db.execute("BEGIN")
                db.executemany(
                    "INSERT INTO tokens(tokens, rowid, grams) VALUES ('delete', ?, ?)",
                    [(doc, " ".join(terms)) for doc, terms in found.items()],
                )
                _set_dead(db, [(max(at, end), to) for at, to in _dead(db) if to >= end])
                db.execute("COMMIT")

    @contextmanager
    def _postings(self) -> Iterator[sqlite3.Connection]:
        """A connection reading FTS5's postings as instances (term, rowid): another one, read
        only, when the index is a file; else the index's own, under the lock."""
        if self.path is None:
            with self._guarded() as db:
                db.execute(_INSTANCES)
                yield db
            return
        reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            reader.execute(_INSTANCES)
            yield reader
        finally:
            reader.close()

    def remove(self, digests: Iterable[str]) -> None:
        with self._guarded() as db:
            db.execute("BEGIN")
            for digest in digests:
                self._delete(db, digest)
            db.execute("COMMIT")

    def _insert(
        self,
        db: sqlite3.Connection,
        entry: Entry,
        index: SearchIndex,
        figures: Sequence[Metric],
        filed: tuple[str, bytes, str] | None,
    ) -> None:
        # Here, not at the top: /compare's module reads the figure rules, which the bot's
        # start-up (it opens this index) does not need.
        from .compare import KIND_ORDER, measure_of, normal

        if len(index.sentences) > _MAX_SENTENCES:
            log.warning("search index: %s has %d sentences, the first %d are searched",
                        entry.digest, len(index.sentences), _MAX_SENTENCES)  # fmt: skip
        sentences = index.sentences[:_MAX_SENTENCES]
        kept = [(n, m) for n, m in enumerate(figures[:_MAX_SENTENCES]) if m.kind in KIND_ORDER]
        span = max(len(sentences), kept[-1][0] + 1 if kept else 0, 1)
        span = -(-span // SLOT) * SLOT
        # After every rowid ever given: a removed report's postings may stay (see `_delete`).
        (first,) = db.execute(_END).fetchone()
        db.execute("INSERT OR REPLACE INTO meta VALUES ('end', ?)", (str(first + span),))
        cursor = db.execute(
            "INSERT INTO reports(digest, title, issuer, year, sentences, chars, first, span,"
            " source, stamp, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.digest, entry.title, entry.issuer, entry.year, len(index.sentences),
             index.length, first, span, filed and filed[0], filed and filed[2], self.code),
        )  # fmt: skip
        report = int(cursor.lastrowid or 0)
        self._forget()
        db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?)", _places(report, index))
        db.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?)",
            [
                (first + n, place, *stored)
                for n, (place, stored) in enumerate(_stored(sentences, filed))
            ],
        )
        tokens = [self.tokens(text) for _, text in sentences]
        db.executemany(
            "INSERT INTO tokens(rowid, grams) VALUES (?, ?)",
            [(first + n, grams) for n, grams in enumerate(tokens)],
        )
        if first >= COUNTED_FROM:
            _count_common(db, report, _common_counts(tokens))
        said: dict[str, int] = {}
        for n, (_, text) in enumerate(sentences):
            said.setdefault(text, n)
        db.executemany("INSERT OR IGNORE INTO words VALUES (?)", [(w,) for w in index.vocabulary])
        measured = {n: measure_of(m) for n, m in kept}
        placed: dict[str, int] = {}  # the first place of each section: its title is shown
        for n, place in enumerate(index.places):
            placed.setdefault(place.id, n)
        named = {name for n, m in kept for name in (*_named(m), m.section, measured[n])}
        # In order, so that the same reports added in the same order make the same file.
        db.executemany(
            "INSERT OR IGNORE INTO names(name) VALUES (?)",
            [(n,) for n in sorted(n for n in named if n is not None)],
        )
        code = {name: n for n, name in _names(db).items()}
        indicator = {n: code[name] for n, name in measured.items() if name is not None}
        rows = [
            (report, n, normal(m.label), None if m.id == f"m{n + 1}" else m.id,
             placed.get(m.section), code[m.section], pack(m.raw),
             m.value, code[m.unit], code[m.qualifier],
             None if m.label == normal(m.label) else m.label,
             None if m.sentence in said else m.sentence, said.get(m.sentence), m.key, m.upper,
             code[m.kind], None if m.period is None else code[m.period], code[m.bound],
             indicator.get(n))
            for n, m in kept
        ]  # fmt: skip
        db.executemany(
            "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.executemany(
            "INSERT INTO figure_tokens(rowid, grams) VALUES (?, ?)",
            [(first + row[1], self.tokens(row[2])) for row in rows],
        )

    def _delete(self, db: sqlite3.Connection, digest: str) -> None:
        found = db.execute(
            "SELECT id, first, span FROM reports WHERE digest = ?", (digest,)
        ).fetchone()
        if found is None:
            return
        report, first, span = found
        rows = (first, first + span - 1)
        old = db.execute("SELECT id, text, size FROM sentences WHERE id BETWEEN ? AND ?", rows)
        texts = [(n, self._text(db, n, text, size)) for n, text, size in old.fetchall()]
        # A contentless FTS5 table forgets a row only when told the tokens it was given. The
        # sentences of a file gone or changed since are not known any more: their postings
        # stay, on rowids no report holds again (`_END`), which every search skips.
        db.executemany(
            "INSERT INTO tokens(tokens, rowid, grams) VALUES ('delete', ?, ?)",
            [(n, self.tokens(text)) for n, text in texts if text is not None],
        )
        if dead := [n for n, text in texts if text is None]:  # purged later (`_purge`)
            runs = [(dead[0], dead[0])]
            for n in dead[1:]:
                runs[-1:] = [(runs[-1][0], n)] if n == runs[-1][1] + 1 else [runs[-1], (n, n)]
            _set_dead(db, _dead(db) + runs)
        db.execute("DELETE FROM sentences WHERE id BETWEEN ? AND ?", rows)
        db.execute("DELETE FROM places WHERE report = ?", (report,))
        labels = db.execute("SELECT no, folded FROM figures WHERE report = ?", (report,))
        db.executemany(
            "INSERT INTO figure_tokens(figure_tokens, rowid, grams) VALUES ('delete', ?, ?)",
            [(first + n, self.tokens(label)) for n, label in labels.fetchall()],
        )
        db.execute("DELETE FROM figures WHERE report = ?", (report,))
        if first >= COUNTED_FROM:
            _count_common(db, report, {})
        db.execute("DELETE FROM reports WHERE id = ?", (report,))
        self._forget()
        # The vocabulary keeps the words of removed reports: they only steer how a query is cut.

    def search(
        self, query: str, first: str | None, limit: int, per_report: int, first_limit: int
    ) -> CorpusResult:
        """Sentences matching `query` in every report: at most `first_limit` of report `first`
        (a digest) first, then at most `per_report` of each other report, those that say it
        most often first, `limit` in all. A report's sentences rank as briefings.search.Ranking
        says, by the report's own statistics.

        FTS5 only finds the matches here (its BM25 ranking costs ~10 µs a match, 40 ms for a
        word in 15,000 sentences); the few sentences shown are ranked in Python."""
        with self._guarded() as db:
            parsed = parse_query(query, known_words(db))
            expression = self.expression(parsed)
            mine = self._report_id(db, first)
            matching = _Matching(db, self._slot_reports(db), self._named, expression)
            if expression and self.inexact(_loose(parsed)):  # a candidate's text is read
                matching.check(parsed)
            counts = matching.counts(mine, limit)
            found: dict[int, int] = {}
            chosen: list[tuple[int, int, int]] = []
            if mine is not None and mine in counts:
                found[mine] = matching.exact(mine)
                chosen += [(mine, first_limit, CANDIDATES)] if found[mine] else []
            room = limit - min(
                first_limit, found[mine] if mine is not None and mine in found else 0
            )
            for report in matching.most(counts, mine):
                if room <= 0:
                    break
                found[report] = counts[report] if matching.exactly else matching.exact(report)
                chosen.append((report, per_report, OTHER_CANDIDATES))
                room -= min(per_report, found[report])
            wanted = [n for r, _, c in chosen for n in matching.rowids(r, c)]
            rows = self._sentences(db, wanted)
            hits = [
                hit
                for r, cap, _ in chosen
                for hit in _best(rows.get(r, []), self._ranking(db, r, parsed, matching), cap)
            ]
            total, exact = sum(counts.values()), matching.exactly
        words = tuple(dict.fromkeys(w for concept in parsed.concepts for w, _ in concept))
        terms = tuple(dict.fromkeys(words + parsed.terms))
        hits = hits[:limit]
        return CorpusResult(parsed.text, tuple(hits), terms, max(total, len(hits)), exact)

    def prepare(self) -> None:
        """Read now what every search reads once a process, and again after reports are added
        or removed: which report holds each slot of rowids, where their files are, and the
        query parser's synonyms (~0.1 s at 10,000 reports), so that the first search after a
        start or an update does not wait on it."""
        synonyms()
        with self._guarded() as db:
            self._slot_reports(db)

    def _slot_reports(self, db: sqlite3.Connection) -> dict[int, int]:
        """The report holding each slot of rowids (kept until a report is added or removed;
        a removed report's slots, whose postings may stay, hold none)."""
        if self._slots is None:
            rows = db.execute(
                "SELECT id, first, span, source, digest, stamp FROM reports"
            ).fetchall()
            self._slots = {
                slot: report
                for report, first, span, *_ in rows
                for slot in range(first // SLOT, (first + span) // SLOT)
            }
            self._named = {str(slot): report for slot, report in self._slots.items()}
            self._sources = {}
            for report, first, span, source, digest, stamp in rows:
                if source is not None and self.root is not None:
                    path = os.path.join(self.root, source)
                    self._sources[report] = (path, digest, first, span)
                    # The size and time its file had when its SHA-256 was checked (as the
                    # catalogue, the library trusts them): a file that kept them is not
                    # read whole again to check it.
                    size, time = map(int, stamp.split(":"))
                    self._checked.setdefault(path, (size, time, digest))
        return self._slots

    def _forget(self) -> None:
        """Drop what is kept of the reports (after one is added or removed)."""
        self._slots = None
        self._sources = {}
        self._files.clear()
        self._held = 0
        self._pieces.clear()
        self._release()

    def _read(self, path: str, digest: str) -> bytes | None:
        """The bytes of the report file at `path` when they are the report `digest`'s
        (checked by their SHA-256, noted with the file's size and time)."""
        try:
            stat = os.stat(path)
            if not S_ISREG(stat.st_mode) or stat.st_size > MAX_SOURCE_BYTES:
                return None
            with open(path, "rb") as file:
                data = file.read()
        except OSError:
            return None
        found = hashlib.sha256(data).hexdigest()
        self._checked[path] = (stat.st_size, stat.st_mtime_ns, found)
        return data if found == digest else None

    def _opened_file(self, path: str, digest: str) -> int | None:
        """The report file at `path` opened, when it is the one whose SHA-256 was found to be
        `digest` (the same size and time): read a sentence at a time (`_piece`)."""
        known = self._checked.get(path)
        if known is None or known[2] != digest:
            return None
        try:
            opened = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        stat = os.fstat(opened)
        if (stat.st_size, stat.st_mtime_ns) == known[:2] and S_ISREG(stat.st_mode):
            return opened
        os.close(opened)
        return None

    def _reach(self, db: sqlite3.Connection, rowid: int) -> None:
        """Make the report holding `rowid` the one at hand (`_span`): its file's bytes when
        read whole (the last ones read kept, FILES_KEPT bytes in all), else the file opened
        once its SHA-256 was checked; neither when the file is gone or changed since."""
        self._release()
        report = self._slot_reports(db).get(rowid // SLOT)
        if report is None or report not in self._sources:
            self._span = (rowid, rowid + 1, None, None)
            return
        source, digest, first, span = self._sources[report]
        data = self._files.get(report)
        opened = None
        if data is not None:
            self._files.move_to_end(report)
        elif (opened := self._opened_file(source, digest)) is None:
            data = self._read(source, digest)
            if data is not None:
                self._files[report] = data
                self._held += len(data)
                while self._held > FILES_KEPT and len(self._files) > 1:
                    self._held -= len(self._files.popitem(last=False)[1])
        self._span = (first, first + span, data, opened)

    def _release(self) -> None:
        opened = self._span[3]
        self._span = (0, 0, None, None)
        if opened is not None:
            os.close(opened)

    def _piece(self, db: sqlite3.Connection, rowid: int, at: int, size: int) -> bytes | None:
        """The `size` bytes at `at` in the file of the report holding `rowid` (None: gone or
        changed since), kept (PIECES_KEPT: rowids are never given again, so a piece kept is
        its report's). A long word's candidates come in rowid order: most are in the report
        at hand."""
        if rowid in self._pieces:
            return self._pieces[rowid]
        if not self._span[0] <= rowid < self._span[1]:
            self._reach(db, rowid)
        _, _, data, opened = self._span
        piece = None
        if data is not None:
            piece = data[at : at + size]
        elif opened is not None:
            with suppress(OSError):
                piece = os.pread(opened, size, at)
        if piece is not None:  # (a file gone may come back)
            if len(self._pieces) >= PIECES_KEPT:
                self._pieces.clear()
            self._pieces[rowid] = piece
        return piece

    def _text(self, db: sqlite3.Connection, rowid: int, text: Any, size: int | None) -> str | None:
        """Sentence `rowid`'s text: stored packed, or `size` bytes at `text` in its report's
        file (None: that file is gone or changed)."""
        if size is None:
            return unpack(text)
        piece = self._piece(db, rowid, text, size)
        return None if piece is None else piece.decode("utf-8", "replace")

    def _says(self, rowid: int, text: Any, size: int | None, word: str) -> bool:
        """Whether sentence `rowid` (`text`, `size` as stored: see `_text`) says `word`, in
        its text folded."""
        said = self._text(self._db, rowid, text, size)
        return said is not None and word in searchable(said)

    def _holds(self, rowid: int, at: int, size: int, word: bytes) -> bool:
        """Whether sentence `rowid`, `size` bytes at `at` in its report's file, holds `word`
        (UTF-8: self-synchronising, so its bytes are there exactly when the word is)."""
        piece = self._piece(self._db, rowid, at, size)
        return piece is not None and word in piece

    def figures(
        self, said: Sequence[str], indicators: Sequence[str] = (), digests: Iterable[str] = ()
    ) -> dict[str, list[Candidate]]:
        """By report digest, the figures whose (normalised) label says one of `said` (the
        ways of saying a /compare query's first part) and, when `indicators` are given, that
        measure one of them, in report order, with the title of their section; of the reports
        `digests` only, when given."""
        if not said:
            return {}
        found: dict[str, list[Candidate]] = {}
        sql, parameters = _figures_query(_FIGURE_FIELDS, said, indicators, list(digests))
        sql += " ORDER BY f.report, f.no"
        with self._guarded() as db:
            rows = db.execute(sql, parameters).fetchall()
            names = _names(db)
            texts = self._filed(db, [row[11] for row in rows])
        from .compare import Candidate

        for digest, number, folded, title, *fields in rows:
            metric = _metric(fields, names, texts)
            heading = unpack(title) if title else ""
            found.setdefault(digest, []).append(Candidate(number, folded, metric, heading))
        return found

    def shown(self, wanted: Ask) -> set[str]:
        """The digests of the reports that a comparison of `wanted` (briefings.compare.Ask)
        gives a row: those with a figure whose label says every part of the query, of a kind,
        period and indicator asked (what briefings.compare keeps of `figures`' candidates).

        A query naming indicators asks, report by report, for one such figure through the
        indicator column's index (`_SHOWN_INDICATED`): the first that says the query ends the
        search, where reading every figure measuring them (~3 a report for GDP) cost a seek
        into the figures each (~100 ms across 10,000 reports)."""
        parts = wanted.parts()
        if not parts:
            return set()
        parameters: dict[str, str | int] = {}
        # What a figure's label says past the first part, its kind and period.
        tests = [_says_one(part, f"part{n}_", parameters) for n, part in enumerate(parts[1:])]
        for name, asked in (("kind", wanted.kinds), ("period", wanted.periods)):
            if asked:  # (the index keeps only the kinds a comparison shows)
                tests.append(f"f.{name} IN (SELECT id FROM names WHERE name IN"
                             f" (SELECT value FROM json_each(:{name}s)))")  # fmt: skip
                parameters[f"{name}s"] = json.dumps(sorted(asked))
        condition = _joined(tests or ["1"], "AND")
        with self._guarded() as db:
            if not wanted.indicators:
                sql, found = _figures_query("DISTINCT r.digest", parts[0], ())
                sql += " AND " + condition
                return {digest for (digest,) in db.execute(sql, {**found, **parameters})}
            codes = [code for (code,) in db.execute(_CODES, (json.dumps(list(wanted.indicators)),))]
            if not codes:
                return set()
            # The indicators' numbers as parameters, not a subquery: told how many there
            # are, SQLite seeks the index on (indicator, report) rather than read every
            # figure of the report.
            measured = "f.indicator IN (" + ", ".join(f":code{n}" for n in range(len(codes)))
            parameters.update({f"code{n}": code for n, code in enumerate(codes)})
            condition = _says_one(parts[0], "way", parameters) + " AND " + condition
            sql = _SHOWN_INDICATED.format(measured=measured + ")", condition=condition)
            return {digest for (digest,) in db.execute(sql, parameters)}

    def indicator_figures(self, years: Sequence[int]) -> dict[str, list[Metric]]:
        """By report digest, the figures of the reports of `years` that measure a canonical
        indicator (what /promises all sets side by side), in report order."""
        with self._guarded() as db:
            rows = db.execute(_INDICATOR_FIGURES, (json.dumps(list(years)),)).fetchall()
            names = _names(db)
            texts = self._filed(db, [row[8] for row in rows])
        found: dict[str, list[Metric]] = {}
        for digest, *fields in rows:
            found.setdefault(digest, []).append(_metric(fields, names, texts))
        return found

    def _filed(self, db: sqlite3.Connection, sentences: list[Any]) -> dict[bytes | int, str]:
        """The texts of figures' `sentences` (as `_SENTENCE` reads them) that their reports'
        files hold, by rowid; `_metric` unpacks the others."""
        rowids = sorted({n for n in sentences if isinstance(n, int)})
        if not rowids:
            return {}
        return {n: said for n, (_, said) in self._texts(db, rowids).items()}

    def _texts(self, db: sqlite3.Connection, rowids: Sequence[int]) -> dict[int, tuple[int, str]]:
        """The sentences `rowids`' places and texts, by rowid, but those whose report's file
        is gone or changed since (see `_text`)."""
        return {
            n: (place, said)
            for n, place, text, size in db.execute(_TEXTS, (json.dumps(list(rowids)),))
            if (said := self._text(db, n, text, size)) is not None
        }

    def _report_id(self, db: sqlite3.Connection, digest: str | None) -> int | None:
        row = db.execute("SELECT id FROM reports WHERE digest = ?", (digest or "",)).fetchone()
        return None if row is None else int(row[0])

    def _sentences(self, db: sqlite3.Connection, rowids: list[int]) -> dict[int, list[Titled]]:
        """The sentences `rowids` as hits with the titles above them, by report id, in report
        order."""
        texts = self._texts(db, rowids)
        slots = self._slot_reports(db)
        reports = sorted({slots[n // SLOT] for n in rowids})
        entries = {
            report: Entry(digest, title, issuer, year)
            for report, digest, title, issuer, year in db.execute(_ENTRIES, (json.dumps(reports),))
        }
        places = _titles(db, {(slots[n // SLOT], place) for n, (place, _) in texts.items()})
        found: dict[int, list[Titled]] = {}
        for n in sorted(texts):
            report = slots[n // SLOT]
            place, text = texts[n]
            section, heading, context = places[report, place]
            hit = CorpusHit(entries[report], section, heading, text)
            found.setdefault(report, []).append((hit, context))
        return found

    def _ranking(
        self, db: sqlite3.Connection, report: int, query: Query, matching: _Matching
    ) -> Ranking:
        """How `query` ranks the report's sentences: each term's idf among them, their average
        length (FTS5 counts a term's sentences as it finds them, in C)."""
        total, chars, first, span = db.execute(_STATISTICS, (report,)).fetchone()
        rows = (first, first + span - 1)
        counts = {t: matching.term_count(t, report, rows, self.inexact([t])) for t in query.terms}
        weights = {term: idf(count, total or 1) for term, count in counts.items()}
        return Ranking(query, weights, chars / (total or 1))


def _titles(
    db: sqlite3.Connection, wanted: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, str, str]]:
    """The places `wanted` (report id, number): their section, title and context (the titles
    above them), read with the places their contexts derive from (`_places`), a level a round:
    the hits' places only, not every place of their reports."""
    rows: dict[tuple[int, int], tuple[str, str, str | None, int | None]] = {}
    missing = sorted(wanted)
    for _ in range(_MAX_SENTENCES):  # a round a level, while a place read names an unread parent
        if not missing:
            break
        for report, no, section, title, context, parent in db.execute(
            _PLACES, (json.dumps(missing),)
        ):
            context = None if context is None else unpack(context)
            rows[report, no] = (section, unpack(title), context, parent)
        missing = sorted(
            {(r, parent) for (r, _), (*_, context, parent) in rows.items()
             if context is None and parent is not None and (r, parent) not in rows}
        )  # fmt: skip
    found: dict[tuple[int, int], tuple[str, str, str]] = {}

    def place(key: tuple[int, int]) -> tuple[str, str, str]:
        if key not in found:
            section, title, context, parent = rows[key]
            if context is None:
                context = title if parent is None else f"{place((key[0], parent))[2]}\n{title}"
            found[key] = (section, title, context)
        return found[key]

    return {key: place(key) for key in wanted}


def _places(report: int, index: SearchIndex) -> list[tuple[Any, ...]]:
    """The rows of a report's places: a place's context (the titles of its section and those
    above it) is stored only when it is not its title alone nor its parent's context and its
    title (`parent`, an earlier place's number)."""
    seen: dict[str, int] = {}
    rows = []
    for n, place in enumerate(index.places):
        above = place.context.removesuffix(f"\n{place.title}")
        parent = seen.get(above) if above != place.context else None
        derived = place.context == place.title or parent is not None
        rows.append((report, n, place.id, pack(place.title),
                     None if derived else pack(place.context),
                     None if place.context == place.title else parent))  # fmt: skip
        seen.setdefault(place.context, n)
    return rows


def _stored(
    sentences: Sequence[tuple[int, str]], filed: tuple[str, bytes, str] | None
) -> Iterator[tuple[int, tuple[Any, int | None]]]:
    """Each sentence's place and how it is stored: where it stands in its report's file (byte
    offset, size in bytes), found as printed (looked for first just after the one before, then
    anywhere: a report's sentences are not all in the file's order); else packed, its size
    None. After MISSES sentences in a row not found (a .docx or .pdf holds no text as
    printed), or SCANNED bytes scanned, the rest are not looked for."""
    data = filed[1] if filed else b""
    at, missed, scanned = 0, 0, 0
    for place, text in sentences:
        encoded = text.encode("utf-8")
        found = -1
        if encoded and missed < MISSES:
            found = data.find(encoded, at, at + len(encoded) + SEEK)
            if found < 0 and scanned + len(data) <= SCANNED:
                scanned += len(data)
                found = data.find(encoded)
        if found < 0:
            missed += 1
            yield place, (pack(text), None)
        else:
            missed = 0
            yield place, (found, len(encoded))
            at = found + len(encoded)


def _common_counts(tokens: Iterable[str]) -> Counter[int]:
    """How many of the sentences whose FTS5 tokens are `tokens` hold each common token
    (`_COMMON`): a bigram among them, or a character one of them begins (FTS5's prefix query)."""
    counted: Counter[int] = Counter()
    for line in tokens:
        found = set(line.split())
        found |= {token[0] for token in found}
        counted.update(_COMMON[token] for token in found if token in _COMMON)
    return counted


def _count_common(db: sqlite3.Connection, report: int, counted: dict[int, int]) -> None:
    """Write the report's `counted` matches of the common tokens into `common`, every other
    token's as none."""
    block, at = divmod(report, BLOCK)
    rows = dict(db.execute("SELECT token, counts FROM common WHERE block = ?", (block,)))
    written, emptied = [], []
    for token in rows.keys() | counted.keys():
        counts = _counts(rows.get(token, bytes(2 * BLOCK)))
        if counts[at] == counted.get(token, 0):
            continue
        counts[at] = min(counted.get(token, 0), FULL)
        if any(counts):
            written.append((block, token, _packed(counts)))
        else:
            emptied.append((block, token))
    db.executemany("INSERT OR REPLACE INTO common VALUES (?, ?, ?)", written)
    db.executemany("DELETE FROM common WHERE block = ? AND token = ?", emptied)


def _counts(data: bytes) -> array[int]:
    """A row of `common`'s counts: unsigned 16 bits, little-endian."""
    counts = array("H", data)
    if sys.byteorder == "big":
        counts.byteswap()
    return counts


def _packed(counts: array[int]) -> bytes:
    if sys.byteorder == "big":
        counts = array("H", counts)
        counts.byteswap()
    return counts.tobytes()


def _dead(db: sqlite3.Connection) -> list[tuple[int, int]]:
    """The ranges of rowids (first, last) whose postings stay, in order (see `_delete`)."""
    found = db.execute("SELECT value FROM meta WHERE key = 'dead'").fetchone()
    return sorted((int(at), int(to)) for at, to in json.loads(found[0])) if found else []


def _set_dead(db: sqlite3.Connection, ranges: list[tuple[int, int]]) -> None:
    if ranges:
        value = json.dumps(sorted(ranges))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('dead', ?)", (value,))
    else:
        db.execute("DELETE FROM meta WHERE key = 'dead'")


def _named(metric: Metric) -> tuple[str | None, ...]:
    """A figure's few-valued fields, stored as numbers into `names`."""
    return metric.unit, metric.qualifier, metric.kind, metric.period, metric.bound


def _names(db: sqlite3.Connection) -> dict[int, str]:
    return dict(db.execute("SELECT id, name FROM names"))


def _metric(fields: list[Any], names: dict[int, str], texts: dict[bytes | int, str]) -> Metric:
    """A figure from its fields in Metric's order as stored (see `_FIGURES`); `texts`: the
    sentences read from their files, by rowid, and those unpacked so far (a sentence holds two
    figures on average). A sentence whose file is gone or changed since (until the index drops
    the report) is empty."""
    unit, qualifier, kind, period, bound = (fields[n] for n in (4, 5, 10, 11, 12))
    fields[1], fields[2] = names[fields[1]], unpack(fields[2])  # section, raw
    fields[4:6] = names[unit], names[qualifier]
    fields[8] = bool(fields[8])  # key
    fields[10:13] = names[kind], None if period is None else names[period], names[bound]
    fields[13] = None if fields[13] is None else names[fields[13]]  # indicator
    if isinstance(fields[7], bytes):  # one of the report's sentences (`said`), packed
        packed = fields[7]
        fields[7] = texts.get(packed) or texts.setdefault(packed, unpack(packed))
    elif isinstance(fields[7], int):  # one of them, in the report's file
        fields[7] = texts.get(fields[7], "")
    return Metric(*fields)


# Each match's slot, comma-separated, counted by `_Matching._per_report` (their rowids are read
# only for the few reports shown, `_IN_REPORT`): SQLite's GROUP BY sorts the matches (~0.19 µs
# each), where joining them and Counter over the pieces, both in C, take ~0.13 µs (安全生产 at
# 10,000 reports, 29,000 matches: 12.2 -> 8.9 ms).
_SLOT_OF_EACH = "SELECT group_concat(rowid / ?2) FROM tokens WHERE tokens MATCH ?1"
# Every match's rowid, and of the sentences saying the query (a `_saying` condition).
_EVERY_MATCH = "SELECT group_concat(rowid) FROM tokens WHERE tokens MATCH ?1"
_EVERY_SAYING = (
    "SELECT group_concat(t.rowid) FROM tokens t JOIN sentences s ON s.id = t.rowid"
    " WHERE t.tokens MATCH ?1 AND ({})"
)
# Of the candidates ?1 (a JSON array of rowids), those that say the query (a `_saying` condition).
_CANDIDATES_SAYING = (
    "SELECT s.id FROM sentences s WHERE s.id IN (SELECT value FROM json_each(?1)) AND ({})"
)
# A report's matches (rowids ?2 to ?3): their rowids.
_IN_REPORT = (
    "SELECT group_concat(t.rowid) FROM tokens t WHERE t.tokens MATCH ?1"
    " AND t.rowid BETWEEN ?2 AND ?3"
)
_IN_REPORT_SAYING = (
    "SELECT group_concat(t.rowid) FROM tokens t JOIN sentences s ON s.id = t.rowid"
    " WHERE t.tokens MATCH ?1 AND t.rowid BETWEEN ?2 AND ?3 AND ({})"
)
# Of the reports not in `common`, those added first: the rowid past theirs.
_UNCOUNTED = "SELECT coalesce(max(first + span), 0) FROM reports WHERE first < ?"
# Each slot's matches below rowid ?3.
_MATCHING_BELOW = (
    "SELECT rowid / ?2, count(*) FROM tokens WHERE tokens MATCH ?1 AND rowid < ?3 GROUP BY 1"
)
# The matches below rowid ?2 and those of the slots ?4 (a JSON array): their rowids.
_BELOW_OR_SLOTS = (
    "SELECT rowid FROM tokens WHERE tokens MATCH ?1"
    " AND (rowid < ?2 OR rowid / ?3 IN (SELECT value FROM json_each(?4)))"
)
# The rows of `common` counting token ?1, in every block of the reports up to id ?2.
_COMMON_ROWS = (
    "WITH RECURSIVE b(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM b WHERE n < ?2 / ?3)"
    " SELECT c.block, c.counts FROM b JOIN common c ON c.block = b.n AND c.token = ?1"
)
_LAST_REPORT = "SELECT coalesce(max(id), 0) FROM reports"
# Every posting of `tokens` as a row (term, rowid), and those of the rowids ?3 (a JSON array)
# between ?1 and ?2 (the range tested first: the list only for the few rows in it).
_INSTANCES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab(main, tokens, instance)"
)
_DEAD_POSTINGS = (
    "SELECT term, doc FROM temp.postings WHERE doc BETWEEN ?1 AND ?2"
    " AND doc IN (SELECT value FROM json_each(?3))"
)
_COMMON_ROW = "SELECT counts FROM common WHERE block = ? AND token = ?"
# An FTS5 expression that is one token, or every token a character begins.
_ONE_TOKEN = re.compile(r'\("([^"]+)"( \*)?\)')
_TEXTS = "SELECT id, place, text, size FROM sentences WHERE id IN (SELECT value FROM json_each(?))"
# The first rowid a report added takes: past every one given before.
_END = (
    "SELECT max(coalesce((SELECT max(first + span) FROM reports), 0),"
    " coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'end'), 0))"
)
_ENTRIES = (
    "SELECT id, digest, title, issuer, year FROM reports"
    " WHERE id IN (SELECT value FROM json_each(?))"
)
# The places of (report, number) pairs.
_PLACES = (
    "SELECT p.report, p.no, p.section, p.title, p.context, p.parent FROM json_each(?) j"
    " JOIN places p ON p.report = json_extract(j.value, '$[0]')"
    " AND p.no = json_extract(j.value, '$[1]')"
)
_STATISTICS = "SELECT sentences, chars, first, span FROM reports WHERE id = ?"
_SPAN = "SELECT first, span FROM reports WHERE id = ?"
_COUNT = "SELECT count(*) FROM tokens WHERE tokens MATCH ? AND rowid BETWEEN ? AND ?"
_COUNT_SAYING = (
    "SELECT count(*) FROM tokens t JOIN sentences s ON s.id = t.rowid"
    " WHERE t.tokens MATCH ?1 AND t.rowid BETWEEN ?2 AND ?3 AND ({})"
)

# A figure's stored fields read back (see `_insert`): its id unless stored is m<no + 1>; its
# section's title, that of the place `f.place` (the first naming its section); its sentence,
# unless stored, the report's own by its number among them (f.said), packed (`_metric` unpacks
# it and looks its section up in `names`).
_ID = "coalesce(f.id, 'm' || (f.no + 1))"
_TITLE = "(SELECT p.title FROM places p WHERE p.report = f.report AND p.no = f.place)"
_SENTENCE = (
    "coalesce(f.sentence, (SELECT CASE WHEN s.size IS NULL THEN s.text ELSE s.id END"
    " FROM sentences s WHERE s.id = r.first + f.said))"
)
# A figure's fields come in Metric's order, after digest, number, label and section title.
_FIGURE_FIELDS = (
    f"r.digest, f.no, f.folded, {_TITLE},"
    f" {_ID}, f.section, f.raw, f.value, f.unit, f.qualifier, coalesce(f.label, f.folded),"
    f" {_SENTENCE}, f.key,"
    " f.upper, f.kind, f.period, f.bound, f.indicator"
)
_INDICATOR_FIGURES = (
    f"SELECT r.digest, {_ID}, f.section, f.raw, f.value, f.unit, f.qualifier,"
    " coalesce(f.label, f.folded),"
    f" {_SENTENCE},"
    " f.key, f.upper, f.kind, f.period, f.bound, f.indicator FROM figures f"
    " JOIN reports r ON r.id = f.report"
    " WHERE f.indicator IS NOT NULL AND r.year IN (SELECT value FROM json_each(?1))"
    " ORDER BY f.report, f.no"
)
# Where a comparison's candidate figures come from (see `_source`): every figure; those
# measuring one of the indicators :indicators (through the column's index: an indicator is a
# number into `names`); or those whose label FTS5 finds saying :expression (a label's rowid is
# its report's first + its number).
_EVERY = " FROM figures f JOIN reports r ON r.id = f.report WHERE 1"
_INDICATED = (
    " FROM figures f JOIN reports r ON r.id = f.report"
    " WHERE f.indicator IN"
    " (SELECT id FROM names WHERE name IN (SELECT value FROM json_each(:indicators)))"
)
_LABELLED = (
    " FROM (SELECT rowid AS id FROM figure_tokens WHERE figure_tokens MATCH :expression) t"
    " JOIN reports r ON r.first = (SELECT max(first) FROM reports WHERE first <= t.id)"
    " JOIN figures f ON f.report = r.id AND f.no = t.id - r.first WHERE 1"
)
# The numbers in `names` of the indicators ?1 (a JSON array).
_CODES = "SELECT id FROM names WHERE name IN (SELECT value FROM json_each(?))"
# The reports with a figure measuring one of the indicators {measured} whose label and other
# fields say {condition}: for each report measuring one, its first such figure (see `shown`).
_SHOWN_INDICATED = (
    "SELECT r.digest FROM reports r WHERE r.id IN (SELECT f.report FROM figures f WHERE"
    " {measured}) AND EXISTS (SELECT 1 FROM figures f WHERE f.report = r.id AND {measured}"
    " AND {condition})"
)
# Of those, the figures of the reports :digests (read by their key, report first).
_OF_REPORTS = " AND f.report IN (SELECT id FROM reports WHERE digest IN (SELECT value FROM json_each(:digests)))"


def _source(said: Sequence[str], indicators: Sequence[str]) -> str:
    """Where the figures saying one of `said` are read from. FTS5 finds the labels saying a
    way that is one run (GDP, 生产总值); another (a way with a space or a sign) is looked for in
    every label. A query naming indicators reads their rows through the column's index
    instead: the many labels saying 生产总值 of something else (人均, 增加值) are never read,
    nor their indicator worked out again."""
    if indicators:
        return _INDICATED
    return _LABELLED if all(RUN.fullmatch(searchable(way)) for way in said) else _EVERY


def _figures_query(
    columns: str, said: Sequence[str], indicators: Sequence[str], digests: Sequence[str] = ()
) -> tuple[str, dict[str, str]]:
    """The SQL reading `columns` of the figures whose label says one of `said` whole (instr),
    measuring one of `indicators` when any, of the reports `digests` when any; its
    parameters."""
    ways = dict.fromkeys(_phrase(searchable(way)) for way in said)
    parameters = {"indicators": json.dumps(list(indicators)), "expression": " OR ".join(ways)}
    sql = (
        "SELECT "
        + columns
        + _source(said, indicators)
        + " AND "
        + _says_one(said, "way", parameters)
    )
    if digests:
        sql += _OF_REPORTS
        parameters["digests"] = json.dumps(list(digests))
    return sql, parameters


def _says_one(ways: Sequence[str], prefix: str, parameters: dict[str, Any]) -> str:
    """An SQL condition true when a figure's label says one of `ways` (as parameters named
    from `prefix`, added to `parameters`): instr in C, a call a way."""
    tests = []
    for n, way in enumerate(ways):
        parameters[f"{prefix}{n}"] = way
        tests.append(f"instr(f.folded, :{prefix}{n}) > 0")
    return _joined(tests, "OR")


def _joined(tests: Sequence[str], operator: str) -> str:
    """`tests` (one at least) joined by `operator` (AND, OR) as a balanced tree: SQLite refuses
    an expression nested over 1,000 deep, as a chain of that many is (an inline query's
    thousand words, each a part of the measure)."""
    if len(tests) == 1:
        return tests[0]
    half = len(tests) // 2
    return f"({_joined(tests[:half], operator)} {operator} {_joined(tests[half:], operator)})"


class _Matching:
    """The sentences matching an FTS5 `expression`, report by report. Without a `check`,
    FTS5's answer is exact; with one (a word of three or more characters, whose bigrams a
    sentence may hold apart), each candidate's text is checked in SQL, which costs a read of
    it (~5 µs): up to CHECKED candidates in all, every one is, and the counts are exact;
    beyond, only the reports shown are checked, enough of them, in the order of their
    candidates, to know which say it most (`most`), and the count of every match is that of
    the candidates (sentences holding every bigram of the word: at most a few more).

    A one-character word is every token it begins (FTS5's prefix query, `"税" *`), which FTS5
    merges anew for each query, however narrow its rows (~10-25 ms at 10,000 reports): its
    matches are then read once, every one checked, and each report's counted from them.

    A word of one or two characters among the commonest (`_COMMON`), asked alone, has each
    report's matches read from `common`, counted when the report was indexed: grouping tens of
    thousands of matches by report costs SQLite ~0.2 µs each (教育 at 10,000 reports: 150,000
    matches, ~30 ms), reading the counts ~3 ms. Only the reports shown have their matches read
    (a one-character word's in the pass of FTS5 that counts the first reports': `_common`)."""

    def __init__(
        self, db: sqlite3.Connection, slots: dict[int, int], named: dict[str, int], expression: str
    ) -> None:
        self.db, self.slots, self.expression, self.slot = db, slots, expression, SLOT
        self.named = named  # `slots` keyed by the slot's number as text
        self.query: Query | None = None  # the query whose candidates are checked
        self.exactly = True  # whether `counts` are the exact matches
        self._checked: dict[int, int] = {}  # report -> its matches, checked
        self._rowids: dict[int, str] = {}  # report -> its matches' rowids
        self._every: list[int] | None = None  # every match's rowid, in order (prefix queries)
        self._candidates: list[int] = []  # every candidate's rowid, in order (see `check`)
        self._terms: dict[str, list[int]] = {}  # a one-character term's sentences, in order

    def check(self, query: Query) -> None:
        """Keep only the candidates that say `query` (`_saying`)."""
        self.query = query

    def _run(self, sql: str, plain: str, *parameters: object) -> sqlite3.Cursor:
        """`sql` with a `_saying` condition ({}) after `parameters`, or `plain` without."""
        if self.query is None:
            return self.db.execute(plain, (self.expression, *parameters))
        condition, said = _saying(self.query, len(parameters) + 2)
        return self.db.execute(sql.format(condition), (self.expression, *parameters, *said))

    def counts(self, mine: int | None = None, shown: int = 0) -> dict[int, int]:
        """Each report's matches, or (beyond CHECKED candidates) its candidates. `mine` and
        `shown`: the chat's report and how many others may be shown (see `_common`)."""
        if not self.expression:
            return {}
        if self.query is None and (token := _common_token(self.expression)) is not None:
            counted = self._common(token, mine, shown)
        elif '" *' in self.expression:
            found = self._run(_EVERY_SAYING, _EVERY_MATCH).fetchone()[0]
            every = sorted(map(int, found.split(","))) if found else []
            slot = self.slot
            # (a removed report's postings may stay: see CorpusIndex._delete)
            self._every = [n for n in every if n // slot in self.slots]
            # Counted a slot at a time (Counter counts in C): tens of thousands of matches.
            counted = self._counted(Counter([rowid // slot for rowid in self._every]).items())
        elif self.query is not None:
            # The candidates' rowids, kept: a report's are checked from them (`_check`)
            # without asking FTS5 again, which reads every posting of the query's tokens in
            # a pass (~20 ms for 地区生产总值 at 10,000 reports) or seeks to one report's.
            found = self.db.execute(_EVERY_MATCH, (self.expression,)).fetchone()[0]
            self._candidates = sorted(map(int, found.split(","))) if found else []
            slots = map(floordiv, self._candidates, repeat(self.slot))
            candidates: Counter[int | None] = Counter(map(self.slots.get, slots))
            candidates.pop(None, None)  # a removed report's postings
            counted = dict(candidates)  # type: ignore[arg-type]
            if sum(counted.values()) > CHECKED:
                self.exactly = False
                return counted
            self._check(list(counted))
            counted = {report: count for report, count in self._checked.items() if count}
        else:
            found = self.db.execute(_SLOT_OF_EACH, (self.expression, self.slot)).fetchone()[0]
            counted = self._per_report(found)
        self._checked = counted
        return counted

    def _common(self, token: int, mine: int | None, shown: int) -> dict[int, int]:
        """Each report's matches of the common token numbered `token` (`_COMMON`): read from
        `common` (FULL or more: counted by FTS5), those of the first reports added (rowids
        below COUNTED_FROM, not in `common`) counted by FTS5. A one-character word's (every
        token it begins, which FTS5 merges whatever rows are asked) in one pass that also
        reads the matches of the reports that may be shown: `mine` and the `shown` others with
        the most in `common` (the others shown have fewer, or are among the first added)."""
        (last,) = self.db.execute(_LAST_REPORT).fetchone()
        counted: dict[int, int] = {}
        for block, data in self.db.execute(_COMMON_ROWS, (token, last, BLOCK)):
            counts = _counts(data)  # the reports with none left out in C (10,000 reports)
            reports = range(block * BLOCK, block * BLOCK + len(counts))
            counted.update(compress(zip(reports, counts, strict=True), counts))
        for report in [report for report, count in counted.items() if count == FULL]:
            first, span = self._span(report)
            found = self.db.execute(_COUNT, (self.expression, first, first + span - 1))
            counted[report] = int(found.fetchone()[0])
        (below,) = self.db.execute(_UNCOUNTED, (COUNTED_FROM,)).fetchone()
        if '" *' not in self.expression:
            first_added = self.db.execute(_MATCHING_BELOW, (self.expression, self.slot, below))
            return {**self._counted(first_added), **counted}
        order = [(-count, -report) for report, count in counted.items() if report != mine]
        wanted = [-report for _, report in heapq.nsmallest(shown, order)]
        if mine is not None and mine in counted:
            wanted.append(mine)
        slots = [
            n
            for first, span in map(self._span, wanted)
            for n in range(first // self.slot, (first + span) // self.slot)
        ]
        rowids: dict[int, list[str]] = {}
        parameters = (self.expression, below, self.slot, json.dumps(slots))
        for (rowid,) in self.db.execute(_BELOW_OR_SLOTS, parameters):
            held = self.slots.get(rowid // self.slot)  # None: a removed report's postings
            if held is not None:
                rowids.setdefault(held, []).append(str(rowid))
        for report, matches in rowids.items():
            self._rowids[report] = ",".join(matches)
            counted.setdefault(report, len(matches))
        return counted

    def _counted(self, rows: Iterable[tuple[int, int]]) -> dict[int, int]:
        counted: dict[int, int] = {}
        for slot, count in rows:
            report = self.slots.get(slot)  # None: a removed report's postings
            if report is not None:
                counted[report] = counted.get(report, 0) + count
        return counted

    def _per_report(self, found: str | None) -> dict[int, int]:
        """Each report's count in the comma-separated slots `found` (`_SLOT_OF_EACH`): every
        piece mapped to its report as text and counted, both in C (科技创新 at 10,000 reports,
        44,000 matches: ~4.5 ms, where Counter by slot and then a Python loop over the slots
        took ~7)."""
        if not found:
            return {}
        counted: Counter[int | None] = Counter(map(self.named.get, found.split(",")))
        counted.pop(None, None)  # a removed report's postings
        return counted  # type: ignore[return-value]

    def _check(self, reports: Sequence[int]) -> None:
        """Check the candidates of `reports` (their matches' rowids are kept for `rowids`): a
        long word's, whose every candidate's rowid `counts` kept, in one query whatever their
        number (each candidate's text read: ~5 µs); else (FTS5's answer exact, or a prefix
        query's, every match checked) each report by its own rowids (FTS5 seeks to them)."""
        if self.query is None or self._every is not None:
            for report in reports:
                found = self._read(report)
                self._checked[report] = found.count(",") + 1 if found else 0
            return
        every, spans = self._candidates, {}
        wanted: list[int] = []
        for report in reports:
            first, span = spans[report] = self._span(report)
            at = bisect.bisect_left(every, first)
            wanted += every[at : bisect.bisect_left(every, first + span, at)]
        condition, said = _saying(self.query, 2)
        sql = _CANDIDATES_SAYING.format(condition)
        saying = sorted(n for (n,) in self.db.execute(sql, (json.dumps(wanted), *said)))
        for report, (first, span) in spans.items():
            at = bisect.bisect_left(saying, first)
            rowids = saying[at : bisect.bisect_left(saying, first + span, at)]
            self._rowids[report] = ",".join(map(str, rowids))
            self._checked[report] = len(rowids)

    def exact(self, report: int) -> int:
        """The report's matches, checked."""
        if report not in self._checked:
            self._check([report])
        return self._checked[report]

    def rowids(self, report: int, count: int) -> list[int]:
        """The first `count` of the report's matches, in report order."""
        if not count:
            return []
        if self._every is not None:
            first, span = self._span(report)
            at = bisect.bisect_left(self._every, first)
            return self._every[at : bisect.bisect_left(self._every, first + span, at)][:count]
        return _first(self._read(report), count)

    def _span(self, report: int) -> tuple[int, int]:
        """The report's first rowid and how many it spans."""
        first, span = self.db.execute(_SPAN, (report,)).fetchone()
        return int(first), int(span)

    def _read(self, report: int) -> str:
        """The report's matches' rowids, comma-separated, read once."""
        if report not in self._rowids:
            first, span = self._span(report)
            found = self._run(_IN_REPORT_SAYING, _IN_REPORT, first, first + span - 1).fetchone()
            self._rowids[report] = found[0] or ""
        return self._rowids[report]

    def most(self, counts: dict[int, int], mine: int | None) -> Iterator[int]:
        """The reports but `mine` that match, those with the most matches first (ties: the
        later added first). With inexact `counts` (at least the matches), reports are checked
        while their counts could still put them before the checked ones: first a few, then
        every one that could (see `_check`)."""
        order = [(-count, -report) for report, count in counts.items() if report != mine]
        heapq.heapify(order)  # only the first few are taken: not sorted whole
        if self.exactly:
            while order:
                yield -heapq.heappop(order)[1]
            return
        checked: list[tuple[int, int]] = []  # (-matches, -report), a heap
        batch = 8
        for _ in range(2 * len(counts) + 2):  # a batch checked or a report given each
            if order and (not checked or checked[0] > order[0]):
                # None found matching yet: a few more, twice as many each time. Else every
                # report whose count could put it before the best found, in one batch: the
                # fewest queries (`_check`), each candidate's text read once.
                reports = []
                if not checked:
                    reports = [-heapq.heappop(order)[1] for _ in range(min(batch, len(order)))]
                    batch *= 2
                while checked and order and order[0] < checked[0]:
                    reports.append(-heapq.heappop(order)[1])
                self._check([r for r in reports if r not in self._checked])
                for report in reports:
                    if self._checked[report]:
                        heapq.heappush(checked, (-self._checked[report], -report))
                continue
            if not checked:
                return
            yield -heapq.heappop(checked)[1]

    def term_count(self, term: str, report: int, rows: tuple[int, int], inexact: bool) -> int:
        """How many sentences of `report` (its rowids `rows`) say `term` (folded), for the
        ranking: those matching a query of that word alone, as counted; a common word's as
        counted when the report was indexed (`common`: ~0.2 ms less than FTS5 takes, a term
        a report shown); another one-character term's sentences read once a search (see the
        class)."""
        alone = self.expression == "(" + " AND ".join(sorted(_tokens_of(term))) + ")"
        # Counted exactly: by FTS5 (a word of one or two characters), else checked (`check`).
        counted = not inexact or self.query is not None
        if alone and counted and report in self._checked:
            return self._checked[report]
        if rows[0] >= COUNTED_FROM and (token := _COMMON.get(term)) is not None:
            block, at = divmod(report, BLOCK)
            row = self.db.execute(_COMMON_ROW, (block, token)).fetchone()
            if (count := 0 if row is None else _counts(row[0])[at]) != FULL:
                return count
        if len(term) != 1:
            return _count(self.db, term, rows, inexact)
        if term not in self._terms:
            found = self.db.execute(_EVERY_MATCH, (_phrase(term),)).fetchone()[0]
            self._terms[term] = sorted(map(int, found.split(","))) if found else []
        every = self._terms[term]
        return bisect.bisect_right(every, rows[1]) - bisect.bisect_left(every, rows[0])


def _common_token(expression: str) -> int | None:
    """The number in `_COMMON` of the token that FTS5 `expression` is alone (a bigram), or of
    the character whose every token it asks (a prefix query); None for any other."""
    found = _ONE_TOKEN.fullmatch(expression)
    if found is None:
        return None
    token, prefix = found.groups()
    return _COMMON.get(token) if (len(token) == 1) == bool(prefix) else None


def _count(db: sqlite3.Connection, term: str, rows: tuple[int, int], inexact: bool) -> int:
    """How many sentences in the rowids `rows` say `term` (folded); `inexact`: FTS5 may find
    its bigrams apart."""
    if not inexact:
        return int(db.execute(_COUNT, (_phrase(term), *rows)).fetchone()[0])
    condition, words = _saying(Query(term, (term,), (), (((term, (term,)),),)), 4)
    counted = db.execute(_COUNT_SAYING.format(condition), (_phrase(term), *rows, *words))
    return int(counted.fetchone()[0])


def _first(rowids: str, count: int) -> list[int]:
    """The first `count` of comma-separated rowids, in order."""
    return sorted(int(n) for n in rowids.split(","))[:count]


def _best(rows: list[Titled], ranking: Ranking, count: int) -> list[CorpusHit]:
    """The `count` hits of one report that answer the query best (ties in report order)."""
    keys = [ranking.key(searchable(hit.sentence), searchable(titles)) for hit, titles in rows]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    return [rows[n][0] for n in order[:count]]


def known_words(db: sqlite3.Connection) -> Callable[[str], bool]:
    def known(word: str) -> bool:
        return db.execute("SELECT 1 FROM words WHERE word = ?", (word,)).fetchone() is not None

    return known
