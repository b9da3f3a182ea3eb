"""Summaries and keywords: verbatim, in report order, within budget, led by the report's own leads."""

from __future__ import annotations

import pytest

from bench.kits.paths import SEED, corpus_files
from bot.present.markdown import to_markdown
from briefings.briefing import Briefing
from briefings.derive import brief
from briefings.export import export_document
from briefings.keywords import stopwords
from briefings.parse import parse_file
from briefings.summaries import JOINER, REPORT_BUDGET, SECTION_BUDGET
from briefings.text import fold, sentences
from tests.kits.corpus_briefings import corpus_briefing

CORPUS = corpus_files()


@pytest.fixture(scope="module")
def seed() -> Briefing:
    return brief(parse_file(SEED))


@pytest.fixture(scope="module")
def corpus() -> list[Briefing]:
    if not CORPUS:
        pytest.skip("corpus not present")
    return [corpus_briefing(path) for path in CORPUS]


def _all_reports(seed: Briefing, request: pytest.FixtureRequest) -> list[Briefing]:
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
        _assert_quoted_in_order(report.summary, report.report.body_text())
        for section in report.report.walk():
            _assert_quoted_in_order(report.section(section.id).summary, section.full_text())


def test_budgets_hold_and_no_summary_is_empty(seed, request):
    for report in _all_reports(seed, request):
        assert 0 < len(report.summary) <= REPORT_BUDGET, report.report.source
        for section in report.report.walk():
            summary = report.section(section.id).summary
            assert 0 < len(summary) <= SECTION_BUDGET, (report.report.source, section.id)


def test_overview_fills_most_of_its_budget(seed, request):
    for report in _all_reports(seed, request):
        assert len(report.summary) > REPORT_BUDGET * 0.8, report.report.source


def test_each_seed_subsection_summary_quotes_its_item_leads(seed):
    for n in range(1, 9):
        section = seed.report.find(f"1.{n}")
        assert section is not None and len(section.children) == 3
        leads = [sentences(child.text)[0] for child in section.children]
        summary = seed.section(section.id).summary
        quoted = [lead for lead in leads if lead in _lines(summary)]
        assert len(quoted) >= 2, (section.id, summary)


def test_seed_overview_opens_with_the_preamble_and_quotes_problems_and_plan(seed):
    lines, report = _lines(seed.summary), seed.report
    assert lines[0] == sentences(report.preamble)[0]
    problem_leads = [sentences(item.text)[0] for item in report.problems.items]
    assert any(lead in lines for lead in problem_leads)
    assert any(line in report.find(report.plan.section).full_text() for line in lines)


def test_keywords_are_content_words_of_the_section(seed, request):
    noise = stopwords()
    for report in _all_reports(seed, request):
        assert report.keywords and not noise & set(report.keywords)
        for section in report.report.walk():
            text = "".join(node.title for node in section.walk()) + section.full_text()
            keywords = report.section(section.id).keywords
            assert keywords, (report.report.source, section.id)
            assert all(word in text and word not in noise for word in keywords)


def test_seed_keywords_name_the_topics(seed):
    assert "信用" in seed.section("1.3.3").keywords
    assert "法治" in seed.keywords
    assert not {"推进", "加强", "工作", "建设", "全面", "进一步"} & set(seed.keywords)


def test_summaries_reach_the_json_and_markdown_exports(seed):
    exported = export_document(seed.report, seed)
    assert exported["summary"] == seed.summary and exported["keywords"] == list(seed.keywords)
    first = exported["sections"][0]["children"][0]
    assert first["summary"] == seed.section("1.1").summary and first["keywords"]
    markdown = to_markdown(seed.report, seed)
    assert "## 概要" in markdown
    assert _lines(seed.summary)[1] in markdown


def test_overview_opens_on_the_years_headline_result_not_the_greeting(corpus):
    """Issue #14: a 政府工作报告's overview leads with the year's headline figures (GDP …),
    quoted, and never says 现在，我代表… or 请予审议."""
    led = 0
    for report in corpus:
        lines = _lines(report.summary)
        assert not any("我代表" in line or "请予审议" in line for line in lines), report.digest
        led += any(ch.isdigit() for ch in fold(lines[0])) and "生产总值" in lines[0]
    assert led >= len(corpus) - 1
