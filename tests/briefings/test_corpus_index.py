"""The on-disk cross-report search index (briefings.corpus_index), on small hand-made reports."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings import corpus_index
from briefings.characters import CHARACTERS
from briefings.compare import Figures, ask, compare, compare_found, first_part
from briefings.corpus_index import CorpusIndex, Entry, damaged, pack, unpack
from briefings.model import Meta, Metric
from briefings.search import Place, SearchIndex


def report(digest: str, *sentences: str, words: tuple[str, ...] = ()) -> tuple[Entry, SearchIndex]:
    places = [Place("", "", ""), Place("1", "一、发展", "一、发展")]
    rows = [(1, text) for text in sentences]
    entry = Entry(digest, f"报告{digest}", f"{digest}市人民政府", 2024)
    return entry, SearchIndex(digest, places, rows, words, [])


REPORTS = [
    report(
        "a" * 64, "大力发展低空经济。", "持续优化营商环境。", words=("低空", "经济", "营商", "环境")
    ),
    report("b" * 64, "培育低空经济产业。", "低空经济规模扩大。", "优化营商环境。"),
    report("c" * 64, "深化营商环境改革。", "完善税收制度。"),
]


@pytest.fixture
def index(tmp_path: Path) -> CorpusIndex:
    opened = CorpusIndex(tmp_path / "search.sqlite3")
    for entry, source in REPORTS:
        opened.add(entry, source)
    return opened


def found(index: CorpusIndex, query: str, first: str | None = None) -> list[tuple[str, str]]:
    result = index.search(query, first, limit=30, per_report=3, first_limit=10)
    return [(hit.report.digest[0], hit.sentence) for hit in result.hits]


def test_words_match_as_substrings_two_and_one_characters_included(index: CorpusIndex) -> None:
    assert {d for d, _ in found(index, "营商环境")} == {"a", "b", "c"}
    assert found(index, "税") == [("c", "完善税收制度。")]
    assert found(index, "低空") and found(index, "<b>低空</b>") == found(index, "低空")
    assert found(index, "量子计算") == []


def test_the_first_report_leads_then_those_saying_it_most(index: CorpusIndex) -> None:
    assert [d for d, _ in found(index, "低空经济")] == ["b", "b", "a"]
    assert [d for d, _ in found(index, "低空经济", "a" * 64)] == ["a", "b", "b"]


def test_hits_name_their_report_and_section(index: CorpusIndex) -> None:
    hit = index.search("税收", None, 30, 3, 10).hits[0]
    assert hit.report == REPORTS[2][0] and (hit.section_id, hit.section_title) == ("1", "一、发展")


class Stub:
    """A report as the library lists it."""

    def __init__(self, digest: str) -> None:
        self.digest, self.source = digest, f"{digest[0]}.txt"
        self.display_title = "新"
        self.meta = Meta("新", "某省人民政府", year=2025)


def test_update_drops_removed_reports_and_adds_new_ones(index: CorpusIndex) -> None:
    sources = {entry.digest: source for entry, source in REPORTS}
    kept = [Stub("a" * 64), Stub("c" * 64)]
    assert index.update(kept, lambda digest: (sources[digest], ())) == 0  # type: ignore[arg-type]
    assert index.digests() == {"a" * 64, "c" * 64} and "b" not in dict(found(index, "低空经济"))
    assert index.update([*kept, Stub("b" * 64)], lambda d: (sources[d], ())) == 1  # type: ignore[list-item]
    assert [d for d, _ in found(index, "低空经济")] == ["b", "b", "a"]


def test_a_file_of_another_format_or_damaged_is_rebuilt_empty(
    index: CorpusIndex, tmp_path: Path
) -> None:
    index.close()
    path = tmp_path / "search.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
        db.commit()
    rebuilt = CorpusIndex(path)
    assert rebuilt.digests() == set()
    rebuilt.close()
    path.write_bytes(b"\0garbage" * 1000)
    reopened = CorpusIndex(path)
    assert reopened.digests() == set() and path.read_bytes().startswith(b"SQLite format 3")


def test_a_long_word_is_found_whole_never_as_its_bigrams_apart(tmp_path: Path) -> None:
    index = CorpusIndex(tmp_path / "search.sqlite3")
    apart = "坚持依法治政，建设人民满意的政府。"  # 法治, 治政 and 政府, never 法治政府
    index.add(*report("a" * 64, apart, "建设法治政府。", "法治政府建设年度报告。"))
    index.add(*report("b" * 64, apart, apart, "建设法治政府。"))
    result = index.search("法治政府", None, limit=30, per_report=3, first_limit=10)
    assert [(h.report.digest[0], h.sentence) for h in result.hits] == [
        ("a", "建设法治政府。"), ("a", "法治政府建设年度报告。"), ("b", "建设法治政府。")
    ]  # fmt: skip
    assert result.matches == 3  # the report saying it most leads: a, though b holds more bigrams


def test_a_long_word_weighs_by_the_sentences_saying_it_whole(tmp_path: Path) -> None:
    """Its rarity among a report's sentences (BM25's idf) counts only those saying it whole:
    法治政府 (once) is rarer than 服务 (four times), so the sentence saying it ranks first, as it
    did with phrase queries; counting the six that hold its bigrams apart would make it commoner."""
    apart = "坚持依法治政，建设人民满意的政府。"
    says = "全面推进法治政府建设工作。"
    rows = [apart] * 6 + [says, "推进服务型政府建设。", "服务群众。", "服务群众。", "优化服务。"]
    index = CorpusIndex(tmp_path / "search.sqlite3")
    index.add(*report("a" * 64, *rows))
    hits = index.search("法治政府 服务", None, limit=30, per_report=9, first_limit=9).hits
    assert hits[0].sentence == says


@pytest.mark.parametrize("checked", [2000, 0], ids=["all-checked", "past-the-checked"])
def test_a_long_word_across_many_reports_is_found_and_checked_in_one_pass_of_fts5(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: int
) -> None:
    """Its candidates' rowids, found once, are what each report's are checked from (a pass of
    FTS5 reads every posting of the word's bigrams: ~10 ms at 10,000 reports), not asked of
    FTS5 again report by report; every candidate checked or (past CHECKED) those of the
    reports shown, the same hits either way."""
    monkeypatch.setattr(corpus_index, "CHECKED", checked)
    index = CorpusIndex(tmp_path / "search.sqlite3")
    apart = "坚持依法治政，建设人民满意的政府。"  # 法治, 治政 and 政府, never 法治政府
    for n in range(20):
        index.add(*report(f"{n:064x}", apart, *["建设法治政府。"] * (n % 4 + 1), "推进工作。"))
    asked: list[str] = []
    index._db.set_trace_callback(asked.append)
    result = index.search("法治政府", None, limit=30, per_report=3, first_limit=10)
    index._db.set_trace_callback(None)
    assert [hit.report.digest for hit in result.hits] == [
        f"{n:064x}" for n in (19, 15, 11, 7, 3, 18, 14, 10, 6, 2) for _ in range(3)
    ]
    assert {hit.sentence for hit in result.hits} == {"建设法治政府。"}
    assert (result.matches, result.exact) == ((50, True) if checked else (70, False))
    assert sum("MATCH" in statement for statement in asked) == 1


def index_size(
    path: Path, indexes: list[tuple[Entry, SearchIndex]], files: list[Path] | None = None
) -> int:
    """The bytes of the index of `indexes` at `path`, merged as after an update adding many;
    their sentences read from `files` (one folder's) when given."""
    index = CorpusIndex(path, files[0].parent if files else None)
    for n, (entry, source) in enumerate(indexes):
        index.add(entry, source, source=files[n].name if files else None)
    index.compact()
    index.close()
    return sum(p.stat().st_size for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_the_index_of_eleven_distinct_reports_takes_less_than_1_72_times_their_text(
    tmp_path: Path,
) -> None:
    """Eleven distinct corpus reports (525 KB): sentences packed (`pack`), postings packed and
    merged, places derived from their parents' kept once, keep the file at ~1.70× their text
    (format 10, sentences in UTF-16: 1.87×; format 8, report rowids 2^16 apart and postings
    unmerged: 2.18×). The share of pages every table holds shrinks as reports are added:
    ~1.35× at 300 reports, figures included."""
    from bench.kits.paths import CORPUS
    from briefings.parse import parse_file

    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "2026").glob("*.txt"))
    if len(paths) < 11:
        pytest.skip("the shared corpus is absent")
    reports = [parse_file(path) for path in paths]
    size = index_size(
        tmp_path / "search.sqlite3",
        [(Entry(r.digest, "报告", "某市", 2020), SearchIndex.of(r, (), ())) for r in reports],
    )
    assert size < 1.72 * sum(path.stat().st_size for path in paths)


def test_the_index_of_eleven_reports_read_from_their_files_takes_less_than_1_27_times_it(
    tmp_path: Path,
) -> None:
    """The same eleven reports, their sentences read from their files (where each stands
    in it, a few bytes, instead of its text): ~1.25× their text, against ~1.70× with their
    text stored. The share every table's pages hold shrinks as reports are added: ~0.94× at
    300 reports, figures included (bench/search_index.py)."""
    from bench.kits.paths import CORPUS
    from briefings.parse import parse_file

    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "2026").glob("*.txt"))
    if len(paths) < 11:
        pytest.skip("the shared corpus is absent")
    reports = [parse_file(path) for path in paths]
    folder = tmp_path / "reports"
    folder.mkdir()
    files = [folder / f"{n}_{path.name}" for n, path in enumerate(paths)]
    for path, copy in zip(paths, files, strict=True):
        copy.write_bytes(path.read_bytes())
    size = index_size(
        tmp_path / "search.sqlite3",
        [(Entry(r.digest, "报告", "某市", 2020), SearchIndex.of(r, (), ())) for r in reports],
        files,
    )
    assert size < 1.27 * sum(path.stat().st_size for path in paths)


def filed(folder: Path, *reports: tuple[str, str, tuple[str, ...]]) -> CorpusIndex:
    """An index of `reports` (file name, its text, its sentences), their files in `folder`."""
    folder.mkdir(exist_ok=True)
    index = CorpusIndex(folder.parent / "search.sqlite3", folder)
    for name, text, sentences in reports:
        (folder / name).write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        index.add(*report(digest, *sentences), source=name)
    return index


def test_sentences_in_their_report_file_are_stored_as_where_they_stand_there(
    tmp_path: Path,
) -> None:
    """A sentence found as printed in the report's file is stored as its place there, its
    text read from the file; one not found (here, a line the file lacks) keeps its text."""
    index = filed(
        tmp_path / "reports",
        ("a.txt", "一、发展\n大力发展低空经济。持续优化营商环境。\n", ("大力发展低空经济。", "持续优化营商环境。", "培育低空经济产业。")),
    )  # fmt: skip
    stored = index._db.execute("SELECT typeof(text), size FROM sentences ORDER BY id")
    assert stored.fetchall() == [("integer", 27), ("integer", 27), ("blob", None)]
    result = index.search("低空经济", None, limit=30, per_report=3, first_limit=10)
    assert [h.sentence for h in result.hits] == ["大力发展低空经济。", "培育低空经济产业。"]
    assert result.matches == 2


def test_a_report_whose_file_does_not_hold_its_text_as_printed_keeps_its_sentences(
    tmp_path: Path,
) -> None:
    """A .docx or .pdf holds its text compressed: its sentences are stored as they were."""
    folder = tmp_path / "reports"
    folder.mkdir()
    data = b"PK\x03\x04" + bytes(range(256)) * 64
    (folder / "a.docx").write_bytes(data)
    index = CorpusIndex(tmp_path / "search.sqlite3", folder)
    sentences = [f"第{n}项：建设法治政府。" for n in range(100)]
    index.add(*report(hashlib.sha256(data).hexdigest(), *sentences), source="a.docx")
    stored = index._db.execute("SELECT count(*) FROM sentences WHERE size IS NULL").fetchone()
    assert stored == (100,)
    assert index.search("法治政府", None, limit=30, per_report=3, first_limit=10).matches == 100


def test_a_report_whose_file_changed_since_shows_none_of_its_file_s_sentences(
    tmp_path: Path,
) -> None:
    """Until the index drops it, a report whose file now holds other bytes (its SHA-256 no
    longer its digest) shows none of the sentences read from it, and nothing breaks."""
    folder = tmp_path / "reports"
    index = filed(
        folder,
        ("a.txt", "建设法治政府。推进依法行政。", ("建设法治政府。", "推进依法行政。")),
        ("b.txt", "法治政府建设年度报告。", ("法治政府建设年度报告。",)),
    )
    (folder / "a.txt").write_text("建设法治政府！推进依法行政。", encoding="utf-8")
    result = index.search("法治政府", None, limit=30, per_report=3, first_limit=10)
    assert [h.sentence for h in result.hits] == ["法治政府建设年度报告。"]
    assert result.matches == 1


def test_a_file_that_kept_its_size_and_time_is_not_read_whole_again(tmp_path: Path) -> None:
    """Its SHA-256 was checked when the report was indexed: an index opened again reads only
    the sentences a search needs from it."""
    folder = tmp_path / "reports"
    filed(
        folder,
        ("a.txt", "一、总体\n建设法治政府。推进依法行政。", ("建设法治政府。", "推进依法行政。")),
    ).close()
    index = CorpusIndex(tmp_path / "search.sqlite3", folder)
    result = index.search("法治政府", None, limit=30, per_report=3, first_limit=10)
    assert [h.sentence for h in result.hits] == ["建设法治政府。"] and not index._files


def test_a_report_whose_file_was_renamed_is_read_from_its_new_name(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    index = filed(
        folder, ("a.txt", "建设法治政府。推进依法行政。", ("建设法治政府。", "推进依法行政。"))
    )
    (digest,) = index.digests()
    (folder / "a.txt").rename(folder / "b.txt")
    renamed = Stub(digest)
    renamed.source = "b.txt"
    assert index.update([renamed], lambda digest: None) == 0  # type: ignore[list-item]
    result = index.search("法治政府", None, limit=30, per_report=3, first_limit=10)
    assert [h.sentence for h in result.hits] == ["建设法治政府。"]


def test_a_removed_report_whose_file_is_gone_is_found_no_more(tmp_path: Path) -> None:
    """Its postings cannot be told apart without its text, so they stay, on rowids no report
    is given again: no search counts or shows them, and a report added after is found."""
    folder = tmp_path / "reports"
    index = filed(
        folder, ("a.txt", "建设法治政府。发展低空经济。", ("建设法治政府。", "发展低空经济。"))
    )
    (digest,) = index.digests()
    (folder / "a.txt").unlink()
    index.remove([digest])
    for query in ("法治政府", "低空", "济"):
        assert index.search(query, None, limit=30, per_report=3, first_limit=10).matches == 0
    index.add(*report("b" * 64, "培育低空经济产业。"))
    result = index.search("低空经济", None, limit=30, per_report=3, first_limit=10)
    assert [h.sentence for h in result.hits] == ["培育低空经济产业。"] and result.matches == 1
    assert index.search("济", None, limit=30, per_report=3, first_limit=10).matches == 1


def postings(path: Path) -> set[tuple[str, int]]:
    """Every posting of the index's sentences: (token, rowid)."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, tokens, instance)")
        return {(term, doc) for term, doc in db.execute("SELECT term, doc FROM temp.v")}


def test_postings_a_removed_report_left_without_its_file_are_purged_once_many(
    tmp_path: Path,
) -> None:
    """The postings a removed report's sentences left (their text gone with its file) are
    found in the postings themselves and deleted once they pass DEAD_SHARE of the sentences
    indexed, by the update that removes it: no posting stays but the other report's, and a
    search answers as before."""
    folder = tmp_path / "reports"
    index = filed(
        folder,
        ("a.txt", "建设法治政府。发展低空经济。", ("建设法治政府。", "发展低空经济。")),
        ("b.txt", "培育低空经济产业。", ("培育低空经济产业。",)),
    )
    kept = hashlib.sha256("培育低空经济产业。".encode()).hexdigest()
    before = postings(tmp_path / "search.sqlite3")
    (folder / "a.txt").unlink()
    assert index.update([Stub(kept)], lambda digest: None) == 0  # type: ignore[list-item]
    after = postings(tmp_path / "search.sqlite3")
    assert after and after < before
    assert {doc for _, doc in after} == {doc for token, doc in before if token == "培育"}
    result = index.search("低空经济", None, limit=30, per_report=3, first_limit=10)
    assert [h.sentence for h in result.hits] == ["培育低空经济产业。"] and result.matches == 1
    assert index.search("法治政府", None, limit=30, per_report=3, first_limit=10).matches == 0


def test_the_index_of_thirty_copies_of_a_report_takes_less_than_1_56_times_its_text(
    tmp_path: Path,
) -> None:
    """Thirty copies of the seed report (16 KB each, a line of their own): ~1.54× their text
    (format 10: 1.70×; format 8: 2.26×)."""
    from bench.kits.paths import SEED
    from briefings.parse import parse_file

    built = SearchIndex.build(parse_file(SEED))
    copies = []
    for n in range(30):
        digest = f"{n:064x}"
        sentences = [*built.sentences, (0, f"本文件为第{n}号副本。")]
        copies.append(
            (
                Entry(digest, "报告", "某市", 2020),
                SearchIndex(digest, built.places, sentences, built.vocabulary, []),
            )
        )
    assert index_size(tmp_path / "search.sqlite3", copies) < 1.56 * 30 * SEED.stat().st_size


# Characters packed into one byte (the table's first), two (its last), three or four (CJK
# and beyond, not in it), and those below 2,048 it displaces (ASCII, Latin, a NUL).
PACKED = st.sampled_from(
    [*CHARACTERS[0][:6], *CHARACTERS[-1][-4:], "龘", "𠀀", "Q", "z", "é", "\0", "\n", "ж"]
)


@given(st.text(PACKED, max_size=24), st.text(PACKED, min_size=1, max_size=4))
def test_a_word_is_in_a_text_exactly_when_its_packing_is_in_the_texts(text: str, word: str) -> None:
    assert unpack(pack(text)) == text
    assert (word in text) == (pack(word) in pack(text))


@given(st.text(), st.text(min_size=1, max_size=3))
def test_any_text_packs_and_unpacks_to_itself(text: str, word: str) -> None:
    assert unpack(pack(text)) == text
    assert (word in text) == (pack(word) in pack(text))


def test_a_report_s_sentences_pack_in_fewer_bytes_than_utf16() -> None:
    """The seed report's sentences (none of the reports the table was counted on): ~1.4 bytes
    a character, where UTF-16 (format 10) took 2 and UTF-8 3 for a Chinese character."""
    from bench.kits.paths import SEED
    from briefings.parse import parse_file

    sentences = [text for _, text in SearchIndex.of(parse_file(SEED), (), ()).sentences]
    packed = sum(len(pack(text)) for text in sentences)
    assert packed < 0.75 * sum(len(text.encode("utf-16-le")) for text in sentences)


def test_a_busy_file_is_not_taken_for_a_damaged_one() -> None:
    assert damaged(sqlite3.DatabaseError("file is not a database"))
    assert damaged(sqlite3.DatabaseError("database disk image is malformed"))
    assert damaged(sqlite3.OperationalError("no such table: meta"))
    assert not damaged(sqlite3.OperationalError("database is locked"))


def test_figures_are_kept_for_compare_with_their_section_title(tmp_path: Path) -> None:
    def metric(n: int, label: str, raw: str, kind: str = "result") -> Metric:
        return Metric(f"m{n}", "1", raw, 1.0, "%", "", label, f"{label}{raw}。", kind=kind,
                      period="2024")  # fmt: skip

    figures = (
        metric(1, "地区生产总值增长", "5.2%"),
        metric(2, "粮食产量", "100万吨"),
        metric(3, "地区生产总值增长", "5%左右", "target"),
        metric(4, "地区生产总值", "3万亿元", "threshold"),  # a kind /compare never shows
    )
    entry, source = report("d" * 64, "地区生产总值增长5.2%。")
    index = CorpusIndex(tmp_path / "search.sqlite3")
    index.add(entry, source, figures)
    listed = Figures(Stub("d" * 64), figures)
    query = "地区生产总值增长"
    found = index.figures(first_part(query))
    # kept with the indicator a comparison reads: a figure's own, else its label's
    measured = [replace(figure, indicator="gdp_growth") for figure in (figures[0], figures[2])]
    assert [c.metric for c in found["d" * 64]] == measured
    # the sentence the report says is stored once, with the report's sentences
    with contextlib.closing(sqlite3.connect(tmp_path / "search.sqlite3")) as db:
        stored = db.execute("SELECT no, sentence FROM figures ORDER BY no").fetchall()
    assert stored == [(0, None), (1, "粮食产量100万吨。"), (2, "地区生产总值增长5%左右。")]
    rows = compare_found([listed.report], found, query)
    assert [[replace(row, section_title="") for row in group] for group in rows] == compare(
        [listed], query
    )
    assert {row.section_title for row in rows[0]} == {"一、发展"}
    index.remove(["d" * 64])
    assert index.figures(first_part(query)) == {}


def _ranked(places: list[Place], rows: list[tuple[int, str]], query: str) -> list[str]:
    index = CorpusIndex(None)
    index.add(
        Entry("e" * 64, "报告", "某市人民政府", 2024), SearchIndex("e" * 64, places, rows, (), [])
    )
    return [hit.sentence for hit in index.search(query, None, 10, 10, 10).hits]


def test_a_sentence_under_a_heading_naming_the_query_ranks_first() -> None:
    """Two sentences alike but for their section: the one whose heading names the words wins."""
    places = [Place("", "", ""), Place("1", "一、发展", "一、发展"),
              Place("2", "二、营商环境", "二、营商环境")]  # fmt: skip
    rows = [(1, "持续优化营商环境。"), (2, "持续改善营商环境。")]
    assert _ranked(places, rows, "营商环境") == ["持续改善营商环境。", "持续优化营商环境。"]


def test_a_rarer_word_weighs_more_than_a_common_one() -> None:
    """Of two words each said once, the one fewer of the report's sentences hold ranks first."""
    places = [Place("", "", ""), Place("1", "一、发展", "一、发展")]
    rows = [(1, "经济平稳发展。"), (1, "经济持续向好。"), (1, "低空产业起步。")]
    assert _ranked(places, rows, "经济 低空")[0] == "低空产业起步。"


def test_figures_keep_their_bound_and_indicator_and_any_name_finds_them(tmp_path: Path) -> None:
    growth = Metric("m1", "1", "5%", 5.0, "%", "percent", "地区生产总值增长", "增长5%以内。",
                    kind="target", period="2025", bound="at_most", indicator="gdp_growth")  # fmt: skip
    entry, source = report("e" * 64, "地区生产总值增长5%以内。")
    index = CorpusIndex(tmp_path / "search.sqlite3")
    index.add(entry, source, (growth,))
    for query in ("GDP", "经济增长", "地区生产总值增长"):
        (found,) = index.figures(first_part(query))["e" * 64]
        assert found.metric == growth
        (rows,) = compare_found([Stub("e" * 64)], {"e" * 64: [found]}, query)
        assert [(row.value, row.indicator) for row in rows] == [("≤5%", "gdp_growth")]


def test_a_figure_keeps_a_section_no_place_names_and_an_id_of_its_own(tmp_path: Path) -> None:
    """A figure's section and id are stored as numbers when a place names the section and the
    id is the engine's m<n>; any other comes back as it was."""
    figures = (
        Metric("m1", "1", "5%", 5.0, "%", "", "地区生产总值增长", "地区生产总值增长5%。"),
        Metric("x7", "9.9", "6%", 6.0, "%", "", "地区生产总值增长", "另据统计增长6%。"),
    )
    entry, source = report("a" * 64, "地区生产总值增长5%。")
    index = CorpusIndex(tmp_path / "search.sqlite3")
    index.add(entry, source, figures)
    found = index.figures(first_part("地区生产总值增长"))["a" * 64]
    kept = [replace(figure, indicator="gdp_growth") for figure in figures]  # its label's
    assert [(c.metric, c.section_title) for c in found] == [(kept[0], "一、发展"), (kept[1], "")]


def test_a_query_naming_indicators_reads_only_the_figures_measuring_them(tmp_path: Path) -> None:
    """The labels that say 生产总值 of something else (per head, a share, energy use) are not
    read, and the rows are those of the comparison over the figures themselves."""

    def metric(n: int, label: str, raw: str, unit: str, kind: str = "result") -> Metric:
        return Metric(f"m{n}", "1", raw, 5.0, unit, "", label, f"{label}{raw}。", kind=kind,
                      period="2024")  # fmt: skip

    figures = (
        metric(1, "人均地区生产总值", "9万元", "元"),
        metric(2, "地区生产总值增长", "5.2%", "%"),
        metric(3, "第三产业增加值占地区生产总值比重", "55%", "%"),
        metric(4, "地区生产总值", "3万亿元", "亿元"),
        metric(5, "单位地区生产总值能耗下降", "3%", "%", "target"),
        metric(6, "地区生产总值增长", "5%左右", "%", "target"),
    )
    entry, source = report("f" * 64, "地区生产总值增长5.2%。")
    index = CorpusIndex(tmp_path / "search.sqlite3")
    index.add(entry, source, figures)
    query = "地区生产总值增长"
    wanted = ask(query)
    found = index.figures(first_part(query), wanted.indicators)
    assert [c.metric.id for c in found["f" * 64]] == ["m2", "m4", "m6"]
    rows = compare_found([Stub("f" * 64)], found, query)
    assert [[replace(row, section_title="") for row in group] for group in rows] == compare(
        [Figures(Stub("f" * 64), figures)], query
    )
    assert [row.value for row in rows[0]] == ["5.2%", "5%左右", "3万亿元"]


class CountingLock:
    """A lock that counts how often it is taken."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.taken = 0

    def __enter__(self) -> None:
        self.lock.acquire()
        self.taken += 1

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def test_merging_the_postings_takes_the_lock_a_small_step_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge after a large update rewrites every posting, longer as the index grows: done
    a few pages at a time, each step taking the lock alone, a search waits for one step, not
    the whole merge. The postings shrink and the answers stay the same."""
    from bench.kits.paths import SEED
    from briefings.parse import parse_file

    monkeypatch.setattr(corpus_index, "MERGE_PAGES", 1)
    built = SearchIndex.build(parse_file(SEED))
    index = CorpusIndex(tmp_path / "search.sqlite3")
    for n in range(12):
        digest = f"{n:064x}"
        sentences = [*built.sentences, (0, f"本文件为第{n}号副本。")]
        index.add(
            Entry(digest, "报告", "某市", 2020),
            SearchIndex(digest, built.places, sentences, built.vocabulary, []),
        )
    postings = "SELECT sum(length(block)) FROM tokens_data"
    asked = ("法治政府建设", f"{3:064x}", 30, 3, 10)
    before = (index._db.execute(postings).fetchone()[0], index.search(*asked))
    lock = CountingLock()
    index._lock = lock  # type: ignore[assignment]
    index.compact()
    assert lock.taken >= 10  # one step a page of postings written (16 here)
    assert index._db.execute(postings).fetchone()[0] < before[0]
    assert index.search(*asked) == before[1] and before[1].matches > 12


def test_the_reports_a_comparison_shows_are_told_in_sql_as_the_rows_have_them(
    tmp_path: Path,
) -> None:
    """`shown` names exactly the reports compare_found gives rows: figures of a kind, period,
    indicator or label a query does not keep leave a report out."""

    def metric(n: int, label: str, raw: str, unit: str, kind: str, period: str | None) -> Metric:
        return Metric(f"m{n}", "1", raw, 5.0, unit, "", label, f"{label}{raw}。", kind=kind,
                      period=period)  # fmt: skip

    sheets = {
        "1": (metric(1, "地区生产总值增长", "5.2%", "%", "result", "2024"),),
        "2": (metric(1, "地区生产总值增长", "5%左右", "%", "target", "2025"),),
        "3": (metric(1, "人均地区生产总值", "9万元", "元", "result", "2024"),
              metric(2, "旅游收入增长", "8%", "%", "result", None)),
        "4": (metric(1, "地区生产总值", "3万亿元", "亿元", "threshold", "2024"),
              metric(2, "旅游总收入", "80亿元", "亿元", "result", "2024")),
        "5": (),
    }  # fmt: skip
    index = CorpusIndex(tmp_path / "search.sqlite3")
    for name, figures in sheets.items():
        entry, source = report(name * 64, "地区生产总值增长5.2%。")
        index.add(entry, source, figures)
    listed = [Stub(name * 64) for name in sheets]
    queries = ("地区生产总值增长", "GDP", "地区生产总值增长 目标", "地区生产总值增长 2024",
               "地区生产总值 完成 2025", "人均地区生产总值", "旅游收入增长", "旅游收入",
               "旅游 收入", "收入", "生产总值", "注册用户")  # fmt: skip
    for query in queries:
        wanted = ask(query)
        parts = wanted.parts()
        rows = compare_found(listed, index.figures(parts[0], wanted.indicators), query)
        assert index.shown(wanted) == {group[0].digest for group in rows}, query
        some = [r.digest for r in listed[1:4]]
        only = index.figures(parts[0], wanted.indicators, some)
        assert set(only) <= set(some)
        assert compare_found(listed[1:4], only, query) == [
            group for group in rows if group[0].digest in some
        ], query


def test_a_comparison_of_a_thousand_words_is_told_without_nesting_sql_too_deep(
    tmp_path: Path,
) -> None:
    """An inline query may be a long text, each of its words a part of the measure: the
    conditions are nested as a balanced tree, not a chain SQLite refuses past 1,000 deep."""
    index = CorpusIndex(tmp_path / "search.sqlite3")
    entry, source = report("1" * 64, "地区生产总值增长5.2%。")
    index.add(entry, source, (Metric("m1", "1", "5.2%", 5.2, "%", "", "地区生产总值增长",
                                     "地区生产总值增长5.2%。", kind="result"),))  # fmt: skip
    assert index.shown(ask("地区生产总值增长")) == {"1" * 64}
    assert index.shown(ask(" ".join(["地区生产总值增长"] * 1200))) == {"1" * 64}
    assert index.shown(ask(" ".join(["旅游收入"] * 1200))) == set()


def test_figures_other_code_derived_are_indexed_again_once_the_new_briefing_is_in(
    tmp_path: Path,
) -> None:
    """An upgrade that changes how figures are read: the entries the old code indexed keep
    being found (their sentences, their old figures) until the new briefing of their report
    is in, then hold its figures; those the new code indexed are not read again."""

    def growth(kind: str) -> Metric:
        return Metric("m1", "1", "5%左右", 5.0, "%", "", "地区生产总值增长",
                      "地区生产总值增长5%左右。", kind=kind, period="2024")  # fmt: skip

    entry, source = report("d" * 64, "地区生产总值增长5%左右。")
    path, query = tmp_path / "search.sqlite3", first_part("地区生产总值增长")
    old = CorpusIndex(path, code="0" * 64)
    old.add(entry, source, (growth("result"),))
    old.close()
    upgraded = CorpusIndex(path, code="1" * 64)
    asked: list[str] = []

    def not_briefed_yet(digest: str) -> None:
        asked.append(digest)

    listed = [Stub("d" * 64)]
    assert upgraded.update(listed, not_briefed_yet) == 0  # type: ignore[arg-type]
    assert asked == ["d" * 64]
    assert [c.metric.kind for c in upgraded.figures(query)["d" * 64]] == ["result"]
    assert found(upgraded, "地区生产总值") == [("d", "地区生产总值增长5%左右。")]
    assert upgraded.update(listed, lambda digest: (source, (growth("target"),))) == 1  # type: ignore[arg-type]
    assert [c.metric.kind for c in upgraded.figures(query)["d" * 64]] == ["target"]
    asked.clear()
    assert upgraded.update(listed, not_briefed_yet) == 0  # type: ignore[arg-type]
    assert asked == []  # indexed by this code: not asked again
