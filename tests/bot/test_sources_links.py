"""What a listing links to: articles matching a pattern, the next page, attachments, feeds."""

from __future__ import annotations

import re

import pytest

from bot.sources.links import attachments, feed_links, matching, next_page, page_links

BASE = "http://gov.example/list/index.html"
PAGE = """<html><head><link rel="next" href="index_2.html"></head><body>
<a href="/art/1.html#top">关于2021年度法治政府建设工作的报告</a>
<a href="2.html"> 2022年 <b>政府工作报告</b> </a>
<a href="/art/1.html">重复的链接</a>
<a href="http://other.example/fzzf/3.html">专题</a>
<a href="javascript:void(0)">法治政府建设</a><a href="mailto:a@b.c">政府工作报告</a>
<a href="/files/report.PDF">附件1</a><a href="/files/r.docx">附件2</a><a href="/files/r.xls">表</a>
<a href="index_2.html">下一页</a> <a href="index_0.html">上一页</a>
<a href="/about.html">联系我们</a></body></html>"""


def test_links_are_absolute_http_and_match_text_or_url() -> None:
    links = page_links(PAGE, BASE)
    assert all(link.url.startswith("http") for link in links)
    chosen = matching(links, re.compile("法治政府建设|政府工作报告|fzzf"))
    assert [(link.url, link.text) for link in chosen] == [
        ("http://gov.example/art/1.html", "关于2021年度法治政府建设工作的报告"),
        ("http://gov.example/list/2.html", "2022年 政府工作报告"),
        ("http://other.example/fzzf/3.html", "专题"),  # matched by its URL
    ]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (PAGE, "http://gov.example/list/index_2.html"),  # <link rel=next>
        ('<a href="p3.html" rel="nofollow next">3</a>', "http://gov.example/list/p3.html"),
        ('<a href="p3.html">下一页 &gt;</a>', "http://gov.example/list/p3.html"),
        ('<a href="p3.html">Next</a>', "http://gov.example/list/p3.html"),
        ('<a href="index.html">下一页</a>', None),  # the page itself: the last page
        ('<a href="p0.html">上一页</a>', None),
    ],
)
def test_the_next_page_is_found_by_rel_or_by_its_text(markup: str, expected: str | None) -> None:
    assert next_page(page_links(markup, BASE), BASE) == expected


def test_docx_and_pdf_attachments_each_once() -> None:
    urls = [link.url for link in attachments(page_links(PAGE, BASE))]
    assert urls == ["http://gov.example/files/report.PDF", "http://gov.example/files/r.docx"]


def test_rss_and_atom_entries_become_links() -> None:
    rss = """<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>t</title>
    <item><title>政府工作报告</title><link>/art/9.html</link></item></channel></rss>"""
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>t</title><entry><title>法治政府建设报告</title><link href="http://gov.example/a.html"/>
    <id>1</id><updated>2021-03-01T00:00:00Z</updated></entry></feed>"""
    (item,) = feed_links(rss.encode("gb2312"), "http://gov.example/rss.xml", None)
    assert (item.url, item.text) == ("http://gov.example/art/9.html", "政府工作报告")
    (entry,) = feed_links(atom.encode(), "http://gov.example/atom.xml", "application/atom+xml")
    assert (entry.url, entry.text) == ("http://gov.example/a.html", "法治政府建设报告")
    with pytest.raises(ValueError, match="not an RSS or Atom feed"):
        feed_links(b"\x00\x01 not xml at all <<<", "http://gov.example/x", "text/plain")
