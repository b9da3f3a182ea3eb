"""Fetched documents as reports: charsets, .docx, .pdf (with and without text), provenance."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bench.kits.gov_docs import article_page, make_docx, make_pdf, report_lines
from bench.kits.paths import SEED
from bot.present.markdown import to_markdown
from briefings.documents import (
    NoTextLayerError,
    UnsupportedDocumentError,
    content_digest,
    decode_page,
    document_lines,
    parse_report_text,
    report_text,
)
from briefings.errors import NotAReportError, UnusableDocumentError
from briefings.export import export_document

LINES = report_lines("东湖区", 2021)
TITLE = LINES[0]
FETCHED = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)


def _report(data: bytes, url: str, content_type: str | None = None):
    text = report_text(document_lines(data, url, content_type), url, FETCHED)
    return parse_report_text(text, url)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (article_page(LINES, charset="gbk").encode("gb18030"), "text/html"),  # <meta charset>
        (article_page(LINES, charset="gb2312").encode("gb18030"), "text/html; charset=GBK"),
        (article_page(LINES, charset="utf-8").encode("gb18030"), "text/html"),  # mislabeled
        (article_page(LINES).replace('<meta charset="utf-8">', "").encode("gb18030"), None),
        ("\n".join(LINES).encode("gbk"), "text/plain"),  # undeclared: detected
        (article_page(LINES).encode("utf-8"), "text/html; charset=utf-8"),
    ],
    ids=["meta-gbk", "header-gbk", "mislabeled-utf8", "undeclared-html", "plain-gbk", "utf8"],
)
def test_pages_in_any_declared_or_detected_charset_read_alike(data, content_type) -> None:
    report = _report(data, "http://gov.example/art/1.html", content_type)
    assert report.meta.title == TITLE
    assert [s.title for s in report.sections] == ["主要举措和成效", "存在的问题", "下一步工作安排"]
    assert content_digest(report) == content_digest(_report(make_docx(LINES), "http://x/a.docx"))


def test_a_short_gbk_text_is_not_taken_for_utf16() -> None:
    assert decode_page(TITLE.encode("gbk"), None, "x") == TITLE


def test_the_page_chrome_is_stripped_and_the_provenance_kept() -> None:
    url = "http://gov.example/art/1.html"
    report = _report(article_page(LINES).encode(), url, "text/html")
    assert report.meta.source_url == url and report.meta.fetched == FETCHED
    assert report.meta.issuer == "东湖区人民政府" and report.meta.addressee == "省政府"
    body = report.body_text()
    assert "浏览量" not in body and "ICP" not in body and "微信" not in body
    exported = export_document(report)["meta"]
    assert exported["source_url"] == url and exported["fetched"] == FETCHED.isoformat()
    json.dumps(exported)
    assert f"原文链接：{url}" in to_markdown(report)


def test_the_seed_report_still_has_no_provenance() -> None:
    report = parse_report_text(SEED.read_text(encoding="utf-8"), SEED.name)
    assert report.meta.source_url is None and report.meta.fetched is None


def test_docx_paragraphs_and_tables_are_read_in_order() -> None:
    lines = document_lines(make_docx(LINES), "http://x/report.docx", "application/octet-stream")
    assert lines[: len(LINES)] == LINES and lines[-1] == "附表  无"


def test_pdf_text_layer_is_read_and_wrapped_lines_rejoined() -> None:
    lines = document_lines(make_pdf(LINES, width=26), "http://x/r", "application/pdf")
    assert lines == LINES
    assert _report(make_pdf(LINES), "http://x/r.pdf").meta.title == TITLE


def test_a_scanned_pdf_says_it_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayerError, match=r"^http://x/scan\.pdf: .*no text layer"):
        document_lines(make_pdf([], text_layer=False), "http://x/scan.pdf")


@pytest.mark.parametrize(
    ("data", "url", "content_type", "error", "words"),
    [
        (b"\xd0\xcf\x11\xe0old word", "http://x/a.doc", "application/msword", UnsupportedDocumentError, "application/msword"),
        (b"\x89PNG\r\n", "http://x/a.png", "image/png", UnsupportedDocumentError, "image/png"),
        (b"%PDF-1.4 broken", "http://x/a.pdf", None, UnusableDocumentError, "not a usable document: the PDF's structure is broken"),
        (b"PK\x03\x04broken", "http://x/a.docx", None, UnusableDocumentError, "not a usable document: it is not a .docx"),
    ],
)  # fmt: skip
def test_documents_the_bot_cannot_read_get_one_line(data, url, content_type, error, words) -> None:
    with pytest.raises(error) as caught:
        document_lines(data, url, content_type)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_page_that_is_not_a_report_is_one_clear_error() -> None:
    page = article_page(["网站简介", "本网站发布政务信息。"]).encode()
    with pytest.raises(NotAReportError, match=r"^http://x/about\.html: not a report"):
        _report(page, "http://x/about.html", "text/html")


def test_the_first_report_served_as_a_gbk_page_parses_as_its_file_does() -> None:
    from briefings import parse_file

    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    page = "<html><head><meta charset=gb2312></head><body>" + "".join(
        f"<div>{line}</div>" for line in lines if line
    )
    fetched = _report(page.encode("gb18030"), "http://www.donghu.gov.cn/art/1.html", "text/html")
    original = parse_file(SEED)
    assert fetched.meta.title == original.meta.title
    assert fetched.body_text() == original.body_text()
    assert content_digest(fetched) == content_digest(original)


@pytest.mark.parametrize("name", ["report.docx", "report.pdf"])
def test_a_document_s_report_file_holds_every_sentence_the_search_index_reads(
    name: str, tmp_path
) -> None:
    """A .docx or .pdf enters the library as the text file of its lines (report_text), which
    holds each sentence as printed: the search index keeps where they stand, no text."""
    from briefings.corpus_index import CorpusIndex, entry_of
    from briefings.derive import brief

    data = make_docx(LINES) if name.endswith(".docx") else make_pdf(LINES)
    text = report_text(document_lines(data, f"https://gov.example.cn/{name}"), name, FETCHED)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.txt").write_text(text, encoding="utf-8")
    report = parse_report_text(text, "report.txt")
    briefing = brief(report)
    index = CorpusIndex(tmp_path / "index.sqlite3", tmp_path / "reports")
    try:
        index.add(entry_of(report), briefing.index, briefing.metrics, source="report.txt")
        sizes = [size for (size,) in index._db.execute("SELECT size FROM sentences")]
        assert len(sizes) == len(briefing.index.sentences) and None not in sizes
        hits = index.search("执法人员", None, 10, 10, 0).hits
        assert hits and all("执法人员" in hit.sentence for hit in hits)
    finally:
        index.close()
