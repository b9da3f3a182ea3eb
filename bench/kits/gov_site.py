"""A local government website on 127.0.0.1 for the source tests: a GBK index with two pages of
links, article pages with chrome, an RSS feed, .docx and .pdf attachments, and faults.

Every request is logged with the conditional headers it sent and the status it got, so tests
can assert what was fetched, how, and how often.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from html import escape

from aiohttp import web

from bench.kits.gov_docs import article_page, make_docx, make_pdf, report_lines

HUGE_BYTES = 20_000_000
STALL_SECONDS = 10.0  # the timeout page answers after this (or when the site stops)
STALLING = "/stall/"  # every page under it answers like the timeout page
LAST_MODIFIED = "Mon, 01 Mar 2021 08:00:00 GMT"


@dataclass
class Page:
    body: bytes
    content_type: str
    etag: bool = True  # validators: an ETag, or else a Last-Modified date
    last_modified: str = LAST_MODIFIED

    @property
    def tag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None


@dataclass
class GovSite:
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    held: dict[str, asyncio.Event] = field(default_factory=dict)  # path -> served once set
    port: int = 0
    _runner: web.AppRunner | None = None
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits_of(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner:
            await self._runner.cleanup()

    def _log(self, request: web.Request, status: int) -> None:
        headers = request.headers
        self.hits.append(Hit(request.path, status, headers.get("If-None-Match"),
                             headers.get("If-Modified-Since"), headers.get("User-Agent")))  # fmt: skip

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path in self.held:
            await self.held[path].wait()
        fault = GovSite._stall if path.startswith(STALLING) else _FAULTS.get(path)
        if fault:
            return await fault(self, request)
        page = self.pages.get(path)
        if page is None:
            self._log(request, 404)
            raise web.HTTPNotFound()
        return self._serve(request, page)

    def _serve(self, request: web.Request, page: Page) -> web.Response:
        headers = {"ETag": page.tag} if page.etag else {"Last-Modified": page.last_modified}
        if (page.etag and request.headers.get("If-None-Match") == page.tag) or (
            not page.etag and request.headers.get("If-Modified-Since") == page.last_modified
        ):
            self._log(request, 304)
            return web.Response(status=304, headers=headers)
        self._log(request, 200)
        return web.Response(body=page.body, headers={**headers, "Content-Type": page.content_type})

    # -- faults ------------------------------------------------------------------------------
    async def _server_error(self, request: web.Request) -> web.Response:
        self._log(request, 500)
        return web.Response(status=500, text="Internal Server Error")

    async def _busy(self, request: web.Request) -> web.Response:
        self._log(request, 503)
        return web.Response(status=503, text="busy", headers={"Retry-After": "3600"})

    async def _stall(self, request: web.Request) -> web.Response:
        self._log(request, 200)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), STALL_SECONDS)
        return web.Response(text="too late", content_type="text/html")

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        """A report that trickles out in pieces, well within the client's timeout."""
        self._log(request, 200)
        body = self.pages["/art/slow-source.html"].body
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        for start in range(0, len(body), len(body) // 4 + 1):
            await asyncio.sleep(0.05)
            await response.write(body[start : start + len(body) // 4 + 1])
        await response.write_eof()
        return response

    async def _loop(self, request: web.Request) -> web.Response:
        self._log(request, 302)
        target = "/fault/loop-b.html" if request.path.endswith("a.html") else "/fault/loop-a.html"
        raise web.HTTPFound(target)

    async def _to_file(self, request: web.Request) -> web.Response:
        self._log(request, 302)
        raise web.HTTPFound("file:///etc/passwd")

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        """20 MB of page, streamed without a Content-Length: only reading can find the size."""
        self._log(request, 200)
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        chunk = ("<p>" + "法治政府建设" * 2000 + "</p>").encode()
        try:
            for _ in range(HUGE_BYTES // len(chunk) + 1):
                await response.write(chunk)
        except (ConnectionResetError, ConnectionError):
            pass  # the client stopped reading at its limit, as it should
        return response


_FAULTS = {
    "/fault/500.html": GovSite._server_error,
    "/fault/busy.html": GovSite._busy,
    "/fault/timeout.html": GovSite._stall,
    "/art/slow.html": GovSite._slow,
    "/fault/loop-a.html": GovSite._loop,
    "/fault/loop-b.html": GovSite._loop,
    "/fault/huge.html": GovSite._huge,
    "/fault/to-file.html": GovSite._to_file,
}

# -- the site's content --------------------------------------------------------------------
INDEX_LINKS = (
    ("/art/a1.html", "关于东湖区2021年度法治政府建设工作的报告"),
    ("/art/a1-copy.html", "东湖区法治政府建设工作报告(转载)"),
    ("/art/a2.html", "关于西湖区2021年度法治政府建设工作的报告"),
    ("/art/notice.html", "关于公开青山湖区、红谷滩区法治政府建设年度报告的通知"),
    ("/art/about.html", "法治政府建设专栏介绍"),
    ("/fault/404.html", "法治政府建设(已删除)"),
    ("/fault/500.html", "法治政府建设工作动态"),
    ("/fault/timeout.html", "法治政府建设工作简报"),
    ("/fault/loop-a.html", "政府工作报告解读"),
    ("/fault/huge.html", "政府工作报告全文图集"),
    ("/about/contact.html", "联系我们"),
)
INDEX2_LINKS = (("/art/slow.html", "关于新建区2021年度法治政府建设工作的报告"),)
PATTERN = "法治政府建设|政府工作报告"
FAULT_PATHS = ("/fault/404.html", "/fault/500.html", "/fault/timeout.html",
               "/fault/loop-a.html", "/fault/huge.html", "/art/about.html",
               "/files/scan.pdf")  # fmt: skip


def _index(links: tuple[tuple[str, str], ...], nav: str, note: str = "") -> bytes:
    items = "".join(f'<li><a href="{href}">{escape(text)}</a> <span>2021-03-01</span></li>'
                    for href, text in links)  # fmt: skip
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
            f"<title>法治政府建设</title></head><body><div>当前位置: 首页 &gt; 法治政府建设</div>"
            f"<ul>{items}</ul>{nav}<p>{note}</p></body></html>").encode("gbk")  # fmt: skip


def _rss(items: tuple[tuple[str, str], ...], base: str) -> bytes:
    entries = "".join(f"<item><title>{escape(text)}</title><link>{base}{href}</link></item>"
                      for href, text in items)  # fmt: skip
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>政务公开</title><link>{base}/</link>{entries}</channel></rss>").encode()  # fmt: skip


def _html(lines: list[str], charset: str = "utf-8", attachments=()) -> Page:
    codec = "gb18030" if charset in {"gbk", "gb2312"} else charset
    body = article_page(lines, attachments, charset).encode(codec)
    return Page(body, "text/html")


def build_site(site: GovSite) -> GovSite:
    """Fill `site` (started, so its URLs are known) with the pages the tests fetch."""
    html = "text/html"
    a1 = report_lines("东湖区", 2021)
    site.pages.update({
        "/list/index.html": Page(_index(INDEX_LINKS, '<a href="index_1.html">下一页</a>'), html),
        "/list/index_1.html": Page(_index(INDEX2_LINKS, '<a href="index.html">上一页</a>'), html,
                                   etag=False),
        "/feed.xml": Page(_rss((("/art/a4.html", "关于湾里区2021年度法治政府建设工作的报告"),
                                ("/art/a1.html", INDEX_LINKS[0][1])), site.url("")),
                          "application/rss+xml"),
        "/art/a1.html": _html(a1),
        "/art/a1-copy.html": Page(_html(a1).body.replace(b"1024", b"77"), html),
        "/art/a2.html": Page(_html(report_lines("西湖区", 2021), "gbk").body, html, etag=False),
        "/art/a4.html": _html(report_lines("湾里区", 2021)),
        "/art/a5.html": _html(report_lines("进贤县", 2021)),
        "/art/slow-source.html": _html(report_lines("新建区", 2021)),
        "/art/notice.html": _html(["关于公开青山湖区、红谷滩区法治政府建设年度报告的通知",
                                   "现将有关报告予以公开。"],
                                  attachments=(("/files/qsh.docx", "青山湖区报告.docx"),
                                               ("/files/hgt.pdf", "红谷滩区报告.pdf"),
                                               ("/files/scan.pdf", "扫描件.pdf"))),
        "/art/about.html": _html(["法治政府建设专栏介绍", "本专栏发布法治政府建设相关信息。"]),
        "/files/qsh.docx": Page(make_docx(report_lines("青山湖区", 2021)),
                                "application/octet-stream"),
        "/files/hgt.pdf": Page(make_pdf(report_lines("红谷滩区", 2021)), "application/pdf"),
        "/files/scan.pdf": Page(make_pdf([], text_layer=False), "application/pdf"),
    })  # fmt: skip
    return site


def correct(site: GovSite, path: str, place: str) -> None:
    """Republish the report at `path` corrected: one sentence added."""
    lines = report_lines(place, 2021, note="(本文于2021年3月5日更正部分数据。)")
    site.pages[path] = _html(lines)


# -- hostile listings and documents ---------------------------------------------------------
BIG_FEED_ENTRIES = 10_000
BIG_PAGE_LINKS = 150_000
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def broken_docx(lines: list[str]) -> bytes:
    """A .docx whose document.xml breaks off mid-element: a zip that opens, XML that does not."""
    good = zipfile.ZipFile(io.BytesIO(make_docx(lines)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as broken:
        for item in good.infolist():
            data = good.read(item)
            broken.writestr(
                item, data[: len(data) // 2] if item.filename == "word/document.xml" else data
            )
    return out.getvalue()


def big_page(links: int) -> bytes:
    """An index-like page of `links` .pdf links: the first a report, the others missing."""
    items = "".join(
        f'<li><a href="/files/big/{n}.pdf">附件{n}.pdf</a></li>' for n in range(1, links)
    )
    return (f'<html><head><meta charset="utf-8"><title>附件</title></head><body><ul>'
            f'<li><a href="/files/hgt.pdf">附件0.pdf</a></li>{items}</ul></body></html>').encode()  # fmt: skip


def add_hostile(site: GovSite) -> GovSite:
    """The hostile tester's pages: a feed led by a broken .docx, a feed of 10,000 entries
    (each stalls until the client gives up), a page of 150,000 .pdf links."""
    rss = "application/rss+xml"
    base = site.url("")
    stalls = tuple((f"{STALLING}{n}.html", f"关于第{n}区2021年度法治政府建设工作的报告")
                   for n in range(BIG_FEED_ENTRIES))  # fmt: skip
    site.pages.update({
        "/files/broken.docx": Page(broken_docx(report_lines("安义县", 2021)), DOCX),
        "/broken-first.xml": Page(_rss((("/files/broken.docx", "关于安义县2021年度法治政府建设工作的报告"),
                                        ("/art/a4.html", "关于湾里区2021年度法治政府建设工作的报告")),
                                       base), rss),
        "/big-feed.xml": Page(_rss(stalls, base), rss),
        "/big-page.html": Page(big_page(BIG_PAGE_LINKS), "text/html; charset=utf-8"),
    })  # fmt: skip
    return site
