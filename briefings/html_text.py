"""Article text of an HTML page, extracted with the standard library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "nav", "iframe", "button"}
_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "table", "ul", "ol", "dd", "dt", "blockquote", "pre",
}  # fmt: skip
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self.title = ""
        self._in_title = False
        self._open_skipped: list[str] = []  # the skipped elements not closed yet, outermost first

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIPPED and tag not in _VOID:
            self._skip_depth += 1
            self._open_skipped.append(tag)
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED and self._skip_depth:
            self._skip_depth -= 1
            self._open_skipped.pop()
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self._current.append(data)

    def _break(self) -> None:
        line = " ".join("".join(self._current).split())
        if line:
            self.lines.append(line)
        self._current = []

    def close(self) -> None:
        super().close()
        self._break()

    @property
    def unclosed(self) -> str | None:
        """The outermost skipped element left open at the end: everything after it was hidden."""
        return self._open_skipped[0] if self._open_skipped else None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


_MARKUP = re.compile(r"<(?:[a-zA-Z][\w-]*|/[a-zA-Z]|!)")


def has_markup(text: str) -> bool:
    """Any tag, end tag, comment or doctype: a file named .html may hold plain text."""
    return _MARKUP.search(text) is not None


def extract_text(markup: str) -> tuple[str, str | None]:
    """The page's text, one line per block element, scripts, styles and navigation dropped;
    and the skipped element left unclosed, if one hid the rest of the page."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "\n".join(collector.lines), collector.unclosed
