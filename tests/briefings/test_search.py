"""Search, through the one engine (briefings.corpus_index, in memory here) on real reports:
relevance, phrases across word boundaries, suggestions, inert markup, serialisation, and a
query path that never loads jieba."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.kits.paths import SEED, corpus_files
from briefings.corpus_index import CorpusIndex, CorpusResult, Entry
from briefings.model import Report
from briefings.parse import parse_file
from briefings.search import MAX_QUERY_CHARS, IndexFormatError, SearchIndex, suggest
from briefings.text import sentences

CORPUS = corpus_files()


@pytest.fixture(scope="module")
def seed() -> Report:
    return parse_file(SEED)


@pytest.fixture(scope="module")
def index(seed: Report) -> SearchIndex:
    return SearchIndex.build(seed)


def engine(*indexes: SearchIndex) -> CorpusIndex:
    """The search engine holding `indexes`, in memory."""
    corpus = CorpusIndex(None)
    for index in indexes:
        corpus.add(Entry(index.digest, index.digest, "", None), index)
    return corpus


@pytest.fixture(scope="module")
def corpus(index: SearchIndex) -> CorpusIndex:
    return engine(index)


def search(corpus: CorpusIndex, query: str, limit: int = 10) -> CorpusResult:
    """At most `limit` sentences, from any report."""
    return corpus.search(query, None, limit, per_report=limit, first_limit=limit)


def test_credit_finds_section_1_3_first(corpus):
    hits = search(corpus, "信用").hits
    assert hits and hits[0].section_id.startswith("1.3.")
    assert all("信用" in hit.sentence for hit in hits)


def test_business_environment_finds_section_1_3_across_word_boundaries(seed, corpus):
    hits = search(corpus, "营商环境", limit=50).hits
    assert [hit.section_id[:4] for hit in hits[:3]] == ["1.3."] * 3
    containing = {s for s in _sentences(seed) if "营商环境" in s}
    assert containing and containing <= {hit.sentence for hit in hits}


def _sentences(report: Report) -> list[str]:
    return [s for section in report.walk() for s in sentences(section.text)]


def test_hits_quote_the_report_and_name_their_section(seed, corpus):
    hits = search(corpus, "执法监督", limit=20).hits
    assert hits
    for hit in hits:
        section = seed.find(hit.section_id)
        assert section is not None and hit.section_title == section.title
        assert hit.sentence in section.text and hit.report.digest == seed.digest


def test_no_match_suggests_nearby_keywords_that_do_match(corpus, index):
    suggestions = suggest(index, "信贷")
    assert search(corpus, "信贷").hits == () and suggestions
    assert "信用" in suggestions
    assert all(search(corpus, word).hits for word in suggestions)


def test_query_without_any_word_suggests_the_reports_keywords(corpus, index):
    suggestions = suggest(index, "   ")
    assert search(corpus, "   ").hits == ()
    assert suggestions and suggestions == index.keywords[: len(suggestions)]


@pytest.mark.parametrize(
    "query", ["<b>信用</b>", "*信用*", "_信用_", "信用 & <script>alert(1)</script>", "&lt;信用&gt;"]
)
def test_markup_in_a_query_is_inert(corpus, query):
    result = search(corpus, query)
    assert result.hits == search(corpus, "信用").hits
    assert not set(result.query) & set("<>&*_/")


def test_a_long_query_is_capped(corpus):
    result = search(corpus, "营商环境" + "啊" * 10_000)
    assert len(result.query) <= MAX_QUERY_CHARS
    assert result.hits and result.hits[0].section_id.startswith("1.3.")


def test_limit_is_respected(corpus):
    assert len(search(corpus, "法治", limit=3).hits) == 3
    assert search(corpus, "法治", limit=0).hits == ()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_query_is_answered_with_verbatim_sentences(corpus, index, query):
    result = search(corpus, query)
    indexed = {text for _, text in index.sentences}
    assert all(hit.sentence in indexed for hit in result.hits)
    assert result.hits or suggest(index, query)


def test_serialised_index_answers_alike(corpus, index):
    copy = SearchIndex.from_dict(json.loads(json.dumps(index.to_dict(), ensure_ascii=False)))
    for query in ("信用", "营商环境", "信贷", "行政执法三项制度"):
        assert search(engine(copy), query) == search(corpus, query)
        assert suggest(copy, query) == suggest(index, query)


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
    hits = search(engine(index, other), "营商环境", limit=100).hits
    assert {hit.report.digest for hit in hits} == {index.digest, other.digest}


def test_query_path_does_not_load_jieba(index, tmp_path):
    dump = tmp_path / "index.json"
    dump.write_text(json.dumps(index.to_dict(), ensure_ascii=False), "utf-8")
    script = (
        "import json, sys\n"
        "from briefings.corpus_index import CorpusIndex, Entry\n"
        "from briefings.search import SearchIndex, suggest\n"
        f"index = SearchIndex.from_dict(json.loads(open({str(dump)!r}, encoding='utf-8').read()))\n"
        "corpus = CorpusIndex(None)\n"
        "corpus.add(Entry(index.digest, '', '', None), index)\n"
        "assert corpus.search('营商环境', None, 10, 10, 10).hits and suggest(index, '信贷')\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_searching_no_reports_finds_nothing():
    result = search(engine(), "信用")
    assert (result.query, result.hits) == ("信用", ())


def test_a_query_with_one_character_words_is_searched_without_error():
    report = parse_file(SEED)
    result = search(engine(SearchIndex.build(report)), "赣服通")
    assert result.hits and "赣服通" in result.hits[0].sentence


def _corpus_index(name: str) -> CorpusIndex:
    path = next((p for p in CORPUS if p.stem == name), None)
    if path is None:
        pytest.skip(f"corpus report {name} is absent")
    return engine(SearchIndex.build(parse_file(path)))


def test_gdp_finds_the_gross_product_sentences_of_a_government_work_report():
    """Issue #14: the reports print 国内生产总值/地区生产总值, a reader types GDP."""
    for name, word in (("guowuyuan_2019", "国内生产总值"), ("henan_2025", "生产总值")):
        result = search(_corpus_index(name), "GDP")
        assert result.hits and all(word in hit.sentence for hit in result.hits[:3])
        assert word in result.words  # highlighted as the query word


def test_a_two_word_query_ranks_sentences_holding_both_first():
    corpus = _corpus_index("guowuyuan_2019")
    hits = search(corpus, "就业 农民工", limit=20).hits
    both = [("就业" in h.sentence and "农民工" in h.sentence) for h in hits]
    assert both[0] and both == sorted(both, reverse=True)


def test_a_compound_never_matches_on_a_shared_part_alone():
    """低空经济 finds the sentences about it, not every sentence with 经济 in it."""
    hits = search(_corpus_index("jiangxi_2025"), "低空经济", limit=100).hits
    assert hits and all("低空" in hit.sentence and "经济" in hit.sentence for hit in hits)
    assert "低空经济" in hits[0].sentence
