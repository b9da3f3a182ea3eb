"""The seed in other clothes (encodings, line ends, punctuation, HTML, no chrome) parses alike."""

from __future__ import annotations

import html

import pytest

from bench.kits.paths import SEED
from briefings.model import Report
from briefings.parse import parse_bytes
from briefings.text import fold

TEXT = SEED.read_text(encoding="utf-8")
HALF_TO_FULL = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；"})


def signature(report: Report) -> dict[str, object]:
    """Everything structural, compared on the folded text so punctuation width is ignored."""
    return {
        "meta": (
            fold(report.meta.title),
            report.meta.issuer,
            report.meta.published,
            report.meta.signed,
            report.meta.year,
        ),
        "outline": [(n.id, fold(n.ordinal), fold(n.title)) for n in report.walk()],
        "problems": [(i.ordinal, fold(i.lead)) for i in report.problems.items],
        "plan": (report.plan.section, report.plan.year, [fold(i.lead) for i in report.plan.items]),
    }


def _html_page(text: str) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines())
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title>"
        "<script>var share = '微信';</script><style>p {margin: 0}</style></head><body>"
        "<nav><a href='/'>首页</a> &gt; <a>政务公开</a></nav>"
        f"<div class='article'>{paragraphs}</div></body></html>"
    )
    return page.encode("utf-8")


def _without_chrome(text: str) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "关于南昌市" in line)
    end = next(i for i, line in enumerate(lines) if "2021年2月20日" in line)
    return "\n".join(lines[start : end + 1])


VARIANTS = {
    "gb18030": lambda: TEXT.encode("gb18030"),
    "gbk": lambda: TEXT.encode("gbk", errors="replace"),
    "utf8-bom": lambda: TEXT.encode("utf-8-sig"),
    "crlf": lambda: TEXT.replace("\n", "\r\n").encode("utf-8"),
    "full-width": lambda: TEXT.translate(HALF_TO_FULL).encode("utf-8"),
    "html": lambda: _html_page(TEXT),
    "chrome-stripped": lambda: _without_chrome(TEXT).encode("utf-8"),
}


@pytest.fixture(scope="module")
def original() -> dict[str, object]:
    return signature(parse_bytes(TEXT.encode("utf-8"), SEED.name))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_gives_the_same_structure(name: str, original: dict[str, object]) -> None:
    found = signature(parse_bytes(VARIANTS[name](), f"variant-{name}"))
    if name == "chrome-stripped":  # the metadata block went with the chrome
        title, _issuer, _published, signed, year = original["meta"]
        original = {**original, "meta": (title, None, None, signed, year)}
    assert found == original


def test_full_width_text_keeps_its_printed_punctuation() -> None:
    report = parse_bytes(TEXT.translate(HALF_TO_FULL).encode("utf-8"), "full.txt")
    assert report.sections[0].children[0].ordinal == "（一）"
    assert report.sections[0].children[0].title == "坚持高位谋划，强化法治政府建设保障"


def test_html_page_drops_scripts_and_navigation() -> None:
    report = parse_bytes(_html_page(TEXT), "page.html", html=True)
    assert "var share" not in report.body_text()
    assert "首页" not in report.body_text()
