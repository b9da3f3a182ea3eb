"""Search: relevance, phrases across word boundaries, suggestions, inert markup, serialisation,
and a query path that never loads jieba."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.model import Report
from briefings.parse import parse_file
from briefings.search import MAX_QUERY_CHARS, IndexFormatError, SearchIndex, SearchResult, search
from briefings.text import sentences
from tests.paths import SEED, corpus_files

CORPUS = corpus_files()


@pytest.fixture(scope="module")
def seed() -> Report:
    return parse_file(SEED)


@pytest.fixture(scope="module")
def index(seed: Report) -> SearchIndex:
    return SearchIndex.build(seed)


def test_credit_finds_section_1_3_first(index):
    hits = search(index, "信用").hits
    assert hits and hits[0].section_id.startswith("1.3.")
    assert all("信用" in hit.sentence for hit in hits)


def test_business_environment_finds_section_1_3_across_word_boundaries(seed, index):
    hits = search(index, "营商环境", limit=50).hits
    assert [hit.section_id[:4] for hit in hits[:3]] == ["1.3."] * 3
    containing = {s for s in _sentences(seed) if "营商环境" in s}
    assert containing and containing <= {hit.sentence for hit in hits}


def _sentences(report: Report) -> list[str]:
    return [s for section in report.walk() for s in sentences(section.text)]


def test_hits_quote_the_report_and_name_their_section(seed, index):
    hits = search(index, "执法监督", limit=20).hits
    assert hits
    for hit in hits:
        section = seed.find(hit.section_id)
        assert section is not None and hit.section_title == section.title
        assert hit.sentence in section.text and hit.report_digest == seed.digest
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_no_match_suggests_nearby_keywords_that_do_match(index):
    result = search(index, "信贷")
    assert result.hits == () and result.suggestions
    assert "信用" in result.suggestions
    assert all(search(index, word).hits for word in result.suggestions)


def test_query_without_any_word_suggests_the_reports_keywords(index):
    result = search(index, "   ")
    assert result.hits == () and result.suggestions == index.keywords[: len(result.suggestions)]


@pytest.mark.parametrize(
    "query", ["<b>信用</b>", "*信用*", "_信用_", "信用 & <script>alert(1)</script>", "&lt;信用&gt;"]
)
def test_markup_in_a_query_is_inert(index, query):
    result = search(index, query)
    assert result.hits == search(index, "信用").hits
    assert not set(result.query) & set("<>&*_/")


def test_a_long_query_is_capped(index):
    result = search(index, "营商环境" + "啊" * 10_000)
    assert len(result.query) <= MAX_QUERY_CHARS
    assert result.hits and result.hits[0].section_id.startswith("1.3.")


def test_limit_is_respected(index):
    assert len(search(index, "法治", limit=3).hits) == 3
    assert search(index, "法治", limit=0).hits == ()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_query_is_answered_with_verbatim_sentences(index, query):
    result = search(index, query)
    indexed = {text for _, text in index.sentences}
    assert all(hit.sentence in indexed for hit in result.hits)
    assert result.hits or result.suggestions


def test_serialised_index_answers_alike(index):
    copy = SearchIndex.from_dict(json.loads(json.dumps(index.to_dict(), ensure_ascii=False)))
    for query in ("信用", "营商环境", "信贷", "行政执法三项制度"):
        assert search(copy, query) == search(index, query)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("places"),
        lambda d: d.update(digest=7),
        lambda d: d["sentences"].append([10_000, "越界"]),
        lambda d: d["sentences"].append(["0", "坏"]),
        lambda d: d.update(vocabulary="营商"),
        lambda d: d["places"].append(["1", "缺一项"]),
    ],
)
def test_malformed_index_is_rejected(index, damage):
    data = json.loads(json.dumps(index.to_dict()))
    damage(data)
    with pytest.raises(IndexFormatError):
        SearchIndex.from_dict(data)


@pytest.mark.skipif(not CORPUS, reason="corpus not present")
def test_search_across_reports_names_each_hits_report(index):
    other = SearchIndex.build(parse_file(CORPUS[0]))
    hits = search([index, other], "营商环境", limit=100).hits
    assert {hit.report_digest for hit in hits} == {index.digest, other.digest}
    assert hits[0].report_digest == index.digest  # 1.3 of the seed is about it by its titles


def test_query_path_does_not_load_jieba(index, tmp_path):
    dump = tmp_path / "index.json"
    dump.write_text(json.dumps(index.to_dict(), ensure_ascii=False), "utf-8")
    script = (
        "import json, sys\n"
        "from briefings.search import SearchIndex, search\n"
        f"index = SearchIndex.from_dict(json.loads(open({str(dump)!r}, encoding='utf-8').read()))\n"
        "assert search(index, '营商环境').hits and search(index, '信贷').suggestions\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_searching_no_reports_finds_nothing():
    assert search([], "信用") == SearchResult("信用", (), ())


def test_a_query_with_one_character_words_is_searched_without_error():
    report = parse_file(SEED)
    index = SearchIndex.build(report)
    result = search(index, "赣服通")
    assert result.hits and "赣服通" in result.hits[0].sentence
