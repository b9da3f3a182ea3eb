"""The links a listing offers: an index page's article links and next page, a feed's entries,
an article page's .docx/.pdf attachments.

`read_feed`, `read_index` and `read_attachments` are what the listing worker process runs
(bot/sources/worker.py): a listing is untrusted input of up to `fetching.max_bytes`, and reading
150,000 links is seconds of pure-Python CPU that must hold neither the event loop nor the bot's
GIL. They return only the capped links, so what crosses back to the bot is small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from briefings.documents import decode_page
from briefings.errors import ReportError

ATTACHMENT_SUFFIXES = (".docx", ".pdf")
_WEB = frozenset({"http", "https"})
_NEXT_TEXT = re.compile(r"^\s*(?:下一页|下页|后一页|next\s*(?:page)?)\s*[>»›]*\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    url: str  # absolute, without its #fragment
    text: str
    rel: str = ""


def _is_next(rel: str) -> bool:
    return "next" in rel.lower().split()


class _LinkCollector(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[Link] = []
        self._open: tuple[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"])
        elif tag == "a" and values.get("href"):
            self._close()
            self._open = (values["href"], values.get("rel", ""))
            self._text = []
        elif tag == "link" and _is_next(values.get("rel", "")) and values.get("href"):
            self._add(values["href"], "", "next")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._close()

    def close(self) -> None:
        super().close()
        self._close()

    def _close(self) -> None:
        if self._open:
            href, rel = self._open
            self._add(href, " ".join("".join(self._text).split()), rel)
        self._open = None

    def _add(self, href: str, text: str, rel: str) -> None:
        url = urldefrag(urljoin(self.base, href.strip())).url
        # the scheme is what precedes the first colon (as urlsplit finds it, a split less)
        if url.partition(":")[0].lower() in _WEB:
            self.links.append(Link(url, text, rel.lower()))


def page_links(markup: str, base_url: str) -> list[Link]:
    """Every http(s) link of the page, absolute, in page order."""
    collector = _LinkCollector(base_url)
    collector.feed(markup)
    collector.close()
    return collector.links


def matching(links: list[Link], pattern: re.Pattern[str] | None) -> list[Link]:
    """Links whose text or URL matches `pattern` (all when none), each URL once."""
    seen: set[str] = set()
    chosen = []
    for link in links:
        if link.url in seen or _is_next(link.rel) or _NEXT_TEXT.match(link.text):
            continue
        if pattern is None or pattern.search(link.text) or pattern.search(link.url):
            seen.add(link.url)
            chosen.append(link)
    return chosen


def next_page(links: list[Link], current: str) -> str | None:
    """The listing's next page: a rel=next link, else one reading 下一页."""
    for wanted in (lambda link: _is_next(link.rel), lambda link: _NEXT_TEXT.match(link.text)):
        found = next((link.url for link in links if wanted(link) and link.url != current), None)
        if found:
            return found
    return None


def attachments(links: list[Link]) -> list[Link]:
    """Links to .docx and .pdf documents, each once."""
    chosen: dict[str, Link] = {}
    for link in links:
        if urlsplit(link.url).path.lower().endswith(ATTACHMENT_SUFFIXES):
            chosen.setdefault(link.url, link)
    return list(chosen.values())


def feed_links(data: bytes, url: str, content_type: str | None) -> list[Link]:
    """The entries of an RSS or Atom feed as links (title as text), newest as the feed lists."""
    import feedparser  # only feeds pay its import

    parsed = feedparser.parse(data, response_headers={"content-type": content_type or ""})
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})")
    links = []
    for entry in parsed.entries:
        href = entry.get("link")
        if href:
            links.append(Link(urldefrag(urljoin(url, href)).url, entry.get("title", "")))
    return links


@dataclass(frozen=True)
class Offered:
    """What one listing page offers: the links to follow (at most the cap, in listing order),
    how many there were before the cap, the next page, or why the page could not be read
    (a line without the URL: exceptions do not all cross a process boundary intact)."""

    urls: tuple[str, ...] = ()
    found: int = 0
    next_page: str | None = None
    problem: str | None = None


def _offered(links: list[Link], cap: int, next_page: str | None = None) -> Offered:
    return Offered(tuple(link.url for link in links[:cap]), len(links), next_page)


def read_feed(
    data: bytes, url: str, content_type: str | None, pattern: re.Pattern[str] | None, cap: int
) -> Offered:
    """A feed's entries matching `pattern`, the first `cap` of them."""
    try:
        entries = feed_links(data, url, content_type)
    except ValueError as error:
        return Offered(problem=str(error))
    return _offered(matching(entries, pattern), cap)


def read_index(
    data: bytes, url: str, content_type: str | None, pattern: re.Pattern[str] | None, cap: int
) -> Offered:
    """An index page's links matching `pattern` (the first `cap`) and its next page."""
    try:
        markup = decode_page(data, content_type, url)
    except ReportError as error:
        return Offered(problem=error.problem)
    links = page_links(markup, url)
    return _offered(matching(links, pattern), cap, next_page(links, url))


def read_attachments(data: bytes, url: str, content_type: str | None, cap: int) -> Offered:
    """A web page's .docx and .pdf links, the first `cap`."""
    try:
        markup = decode_page(data, content_type, url)
    except ReportError:
        return Offered()
    return _offered(attachments(page_links(markup, url)), cap)
