"""Summaries and keywords: verbatim, in report order, within budget, led by the report's own leads."""

from __future__ import annotations

import pytest

from briefings.enrich import enrich_report
from briefings.export import to_dict, to_markdown
from briefings.keywords import stopwords
from briefings.model import Report
from briefings.parse import parse_file
from briefings.summaries import JOINER, REPORT_BUDGET, SECTION_BUDGET
from briefings.text import sentences
from tests.paths import SEED, corpus_files

CORPUS = corpus_files()


@pytest.fixture(scope="module")
def seed() -> Report:
    return enrich_report(parse_file(SEED))


@pytest.fixture(scope="module")
def corpus() -> list[Report]:
    if not CORPUS:
        pytest.skip("corpus not present")
    return [enrich_report(parse_file(path)) for path in CORPUS]


def _all_reports(seed: Report, request: pytest.FixtureRequest) -> list[Report]:
    return [seed, *(request.getfixturevalue("corpus") if CORPUS else [])]


def _lines(summary: str) -> list[str]:
    return summary.split(JOINER) if summary else []


def _assert_quoted_in_order(summary: str, source: str) -> None:
    position = -1
    for line in _lines(summary):
        found = source.find(line, position + 1)
        assert found > position, f"not verbatim or out of order: {line!r}"
        position = found


def test_every_summary_line_is_verbatim_and_in_report_order(seed, request):
    for report in _all_reports(seed, request):
        _assert_quoted_in_order(report.summary, report.body_text())
        for section in report.walk():
            _assert_quoted_in_order(section.summary, section.full_text())


def test_budgets_hold_and_no_summary_is_empty(seed, request):
    for report in _all_reports(seed, request):
        assert 0 < len(report.summary) <= REPORT_BUDGET, report.source
        for section in report.walk():
            assert 0 < len(section.summary) <= SECTION_BUDGET, (report.source, section.id)


def test_overview_fills_most_of_its_budget(seed, request):
    for report in _all_reports(seed, request):
        assert len(report.summary) > REPORT_BUDGET * 0.8, report.source


def test_each_seed_subsection_summary_quotes_its_item_leads(seed):
    for n in range(1, 9):
        section = seed.find(f"1.{n}")
        assert section is not None and len(section.children) == 3
        leads = [sentences(child.text)[0] for child in section.children]
        quoted = [lead for lead in leads if lead in _lines(section.summary)]
        assert len(quoted) >= 2, (section.id, section.summary)


def test_seed_overview_opens_with_the_preamble_and_quotes_problems_and_plan(seed):
    lines = _lines(seed.summary)
    assert lines[0] == sentences(seed.preamble)[0]
    problem_leads = [sentences(item.text)[0] for item in seed.problems.items]
    assert any(lead in lines for lead in problem_leads)
    assert any(line in seed.find(seed.plan.section).full_text() for line in lines)


def test_keywords_are_content_words_of_the_section(seed, request):
    noise = stopwords()
    for report in _all_reports(seed, request):
        assert report.keywords and not noise & set(report.keywords)
        for section in report.walk():
            text = "".join(node.title for node in section.walk()) + section.full_text()
            assert section.keywords, (report.source, section.id)
            assert all(word in text and word not in noise for word in section.keywords)


def test_seed_keywords_name_the_topics(seed):
    assert "信用" in seed.find("1.3.3").keywords
    assert "法治" in seed.keywords
    assert not {"推进", "加强", "工作", "建设", "全面", "进一步"} & set(seed.keywords)


def test_summaries_reach_the_json_and_markdown_exports(seed):
    exported = to_dict(seed)
    assert exported["summary"] == seed.summary and exported["keywords"] == seed.keywords
    first = exported["sections"][0]["children"][0]
    assert first["summary"] == seed.find("1.1").summary and first["keywords"]
    markdown = to_markdown(seed)
    assert "## 概要" in markdown
    assert _lines(seed.summary)[1] in markdown
