"""Article text of an HTML page, extracted with the standard library's HTML parser."""

from __future__ import annotations

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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIPPED and tag not in _VOID:
            self._skip_depth += 1
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED and self._skip_depth:
            self._skip_depth -= 1
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


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(markup: str) -> str:
    """One line per block element; scripts, styles and navigation dropped."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "\n".join(collector.lines)
