"""The on-disk index answers every query as a scan of every sentence would: the same hits, in
the same order, and the same match counts, however it stores sentences and postings. The scan
below is the definition (briefings.search: a sentence matches when it says one of the query's
runs, whole or with all its words; each report ranks its own by briefings.search.Ranking)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from bench.kits.paths import SEED, corpus_files
from briefings import corpus_index
from briefings.corpus_index import CANDIDATES, OTHER_CANDIDATES, CorpusIndex, Entry
from briefings.parse import parse_file
from briefings.search import RUN, Query, Ranking, SearchIndex, idf, parse_query, searchable

# Reports of several kinds (a 法治政府 report, national and provincial work reports); none of
# them is a held-out labelled report.
NAMES = ("guowuyuan_2019", "beijing_2025", "深圳市_2024")
QUERIES = (
    "营商环境", "法治政府", "低空经济", "乡村振兴", "地区生产总值", "GDP", "人工智能",
    "新质生产力", "行政复议", "就业", "教育", "医疗", "住房", "税", "科技创新", "城市更新",
    "数字政府", "养老服务", "安全生产", "生态环境保护 碳达峰", "就业 农民工", "GDP增长",
    "5G", "2024年", "ai", "CPI", "一", "的", "政府工作报告", "依法行政 法治", "量子计算",
)  # fmt: skip


def paths() -> list[Path]:
    return [SEED] + [p for p in corpus_files() if p.stem in NAMES]


@pytest.fixture(scope="module")
def indexes() -> list[SearchIndex]:
    return [SearchIndex.build(parse_file(path)) for path in paths()]


def built(indexes: Sequence[SearchIndex], folder: Path, filed: bool) -> CorpusIndex:
    """The index of `indexes`: its sentences read from copies of the reports' files in
    `folder` (`filed`), or stored in it."""
    reports = folder / "reports"
    reports.mkdir()
    corpus = CorpusIndex(folder / "search.sqlite3", reports if filed else None)
    for index, path in zip(indexes, paths(), strict=True):
        (reports / path.name).write_bytes(path.read_bytes())
        corpus.add(Entry(index.digest, index.digest, "", None), index, source=path.name)
    return corpus


def queries(indexes: Sequence[SearchIndex]) -> list[str]:
    """The fixed queries, and pieces of the reports' own runs of one to seven characters."""
    pick = random.Random(7)
    found = list(QUERIES)
    for index in indexes:
        for _ in range(60):
            runs = RUN.findall(searchable(pick.choice(index.sentences)[1])) or ["无"]
            run = pick.choice(runs)
            start = pick.randrange(len(run))
            found.append(run[start : start + pick.randint(1, 7)])
    return found


def says(sentence: str, query: Query) -> bool:
    return any(
        text in sentence or (len(terms) > 1 and all(t in sentence for t in terms))
        for concept in query.concepts
        for text, terms in concept
    )


def scanned(
    indexes: Sequence[SearchIndex], query: str, first: str | None, limit: int, per_report: int,
    first_limit: int,
) -> tuple[list[tuple[str, str]], int]:  # fmt: skip
    """(report digest, sentence) of the hits, and the matches, by reading every sentence."""
    vocabulary = {word for index in indexes for word in index.vocabulary}
    parsed = parse_query(query, vocabulary.__contains__)
    folded = [[searchable(text) for _, text in index.sentences] for index in indexes]
    found = {
        n: [k for k, text in enumerate(folded[n]) if says(text, parsed)]
        for n in range(len(indexes))
    }
    found = {n: rows for n, rows in found.items() if rows and parsed.concepts}
    mine = next((n for n, index in enumerate(indexes) if index.digest == first), None)
    chosen = [(mine, first_limit, CANDIDATES)] if mine in found else []
    room = limit - min(first_limit, len(found[mine]) if mine in found else 0)
    for n in sorted((n for n in found if n != mine), key=lambda n: (-len(found[n]), -n)):
        if room <= 0:
            break
        chosen.append((n, per_report, OTHER_CANDIDATES))
        room -= min(per_report, len(found[n]))
    hits = []
    for n, cap, candidates in chosen:
        index = indexes[n]
        total = len(index.sentences)
        weights = {
            term: idf(sum(term in text for text in folded[n]), total) for term in parsed.terms
        }
        ranking = Ranking(parsed, weights, index.length / total)
        rows = found[n][:candidates]
        titles = [searchable(index.places[index.sentences[k][0]].context) for k in rows]
        keys = [ranking.key(folded[n][k], t) for k, t in zip(rows, titles, strict=True)]
        order = sorted(range(len(rows)), key=keys.__getitem__)[:cap]
        hits += [(index.digest, index.sentences[rows[k]][1]) for k in order]
    hits = hits[:limit]
    return hits, max(sum(map(len, found.values())), len(hits))


@pytest.mark.parametrize("filed", [False, True], ids=["stored", "read-from-files"])
def test_every_query_finds_what_a_scan_of_every_sentence_finds(
    indexes: list[SearchIndex], tmp_path: Path, filed: bool
) -> None:
    corpus = built(indexes, tmp_path, filed)
    asked = queries(indexes)
    assert len(asked) > 200
    for query in asked:
        for first in (None, indexes[0].digest, indexes[-1].digest):
            result = corpus.search(query, first, limit=30, per_report=3, first_limit=10)
            hits = [(hit.report.digest, hit.sentence) for hit in result.hits]
            assert (hits, result.matches) == scanned(indexes, query, first, 30, 3, 10), query


@pytest.mark.parametrize("filed", [False, True], ids=["stored", "read-from-files"])
def test_past_the_checked_candidates_the_hits_are_still_exact_and_the_count_a_bound(
    indexes: list[SearchIndex], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filed: bool
) -> None:
    """With more candidates than are checked (a common long word across thousands of reports),
    only the reports shown are checked: the same hits in the same order, and a count of at
    least the matches (the candidates: sentences holding every bigram of the word)."""
    monkeypatch.setattr(corpus_index, "CHECKED", 0)
    corpus = built(indexes, tmp_path, filed)
    bounded = 0
    for query in queries(indexes):
        for first in (None, indexes[0].digest, indexes[-1].digest):
            result = corpus.search(query, first, limit=30, per_report=3, first_limit=10)
            hits, matches = scanned(indexes, query, first, 30, 3, 10)
            assert [(hit.report.digest, hit.sentence) for hit in result.hits] == hits, query
            assert result.matches >= matches, query
            assert result.matches == matches or not result.exact, query  # a bound says so
            bounded += result.matches > matches
    assert bounded  # some long word's bigrams are held apart: counted, not shown


@pytest.mark.parametrize("filed", [False, True], ids=["stored", "read-from-files"])
def test_the_commonest_words_counted_as_reports_are_indexed_find_what_a_scan_finds(
    indexes: list[SearchIndex], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, filed: bool
) -> None:
    """A common word of one or two characters has each report's matches read from what was
    counted as the report was indexed (`common`), asked alone or as a term a report's hits
    are ranked by, but the first report's (below COUNTED_FROM), counted by FTS5 as every
    other word's; a count of FULL or more is counted by FTS5 again; a report removed and
    indexed again is counted anew: the same hits and matches as a scan."""
    monkeypatch.setattr(corpus_index, "COUNTED_FROM", 1)
    monkeypatch.setattr(corpus_index, "FULL", 5)
    corpus = built(indexes, tmp_path, filed)
    asked = [q for q in queries(indexes) if corpus_index._common_token(f'("{q}")') is not None]
    asked += [q for q in queries(indexes) if corpus_index._common_token(f'("{q}" *)') is not None]
    assert len(asked) > 50
    asked += QUERIES  # words of other queries ranked by the counts of `common` too
    last = indexes[-1]
    for held in (indexes[:-1], indexes):
        if held is indexes:
            corpus.add(Entry(last.digest, last.digest, "", None), last, source=paths()[-1].name)
        else:
            corpus.remove([last.digest])
        for query in asked:
            for first in (None, indexes[0].digest, last.digest):
                result = corpus.search(query, first, limit=30, per_report=3, first_limit=10)
                hits = [(hit.report.digest, hit.sentence) for hit in result.hits]
                assert (hits, result.matches) == scanned(held, query, first, 30, 3, 10), query
