"""Fetched documents as report text: an HTML page, a .docx or a .pdf, with where it came from.

A fetched report is kept as a plain-text file that starts with a provenance header
(原文链接 / 抓取时间, read back by `page.split_page` into `meta.source_url` / `meta.fetched`),
so a report from the web loads from the reports folder like any other.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import unicodedata
import zipfile
from datetime import datetime
from urllib.parse import urlsplit

from .errors import ReportError, UnreadableReportError
from .html_text import extract_text, looks_like_html
from .model import Report
from .outline import classify
from .parse import parse_bytes

HTML_TYPES = ("text/html", "application/xhtml+xml")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ZIP_TYPES = {DOCX_TYPE, "application/octet-stream", ""}  # sites often serve .docx untyped
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# GB2312 and GBK pages routinely hold characters only their superset GB18030 has.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "ascii": "utf-8"}
_CHINESE = {"gb18030", "big5", "big5hkscs"}
_LINE_END = tuple("。！？：；…”」』）)")
_WRAPPED_SHARE = 0.8  # a PDF line this close to the page's longest line was wrapped, not ended


class NoTextLayerError(ReportError):
    """A PDF whose pages are images (a scan): there is no text to read without OCR."""


class UnsupportedDocumentError(ReportError):
    """A document type the bot cannot read (an old .doc, a spreadsheet, an image...)."""


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(canonical, canonical)


def _try_decode(data: bytes, encoding: str | None) -> str | None:
    try:
        return data.decode(encoding) if encoding else None
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only pages that declare nothing usable pay this

    best = from_bytes(data).best()
    return _codec(best.encoding) if best else None


def decode_page(data: bytes, content_type: str | None, source: str) -> str:
    """Text of a page: the HTTP header's charset, then <meta charset>, then UTF-8, then
    detection. A declared charset that does not decode the bytes is skipped (sites mislabel
    pages). Detection is trusted when it names a Chinese encoding; otherwise GB18030, the
    encoding of every mainland site not in UTF-8, goes first: on a short page detection
    guesses wild (UTF-16, Korean)."""
    header = _HEADER_CHARSET_RE.search(content_type or "")
    meta = _CHARSET_RE.search(data[:4096])
    declared = [header.group(1) if header else None, meta.group(1).decode() if meta else None]
    for encoding in [*map(_codec, declared), "utf-8-sig"]:
        text = _try_decode(data, encoding)
        if text is not None:
            return text
    detected = _detected(data)
    order = [detected, "gb18030"] if detected in _CHINESE else ["gb18030", detected]
    for encoding in order:
        text = _try_decode(data, encoding)
        if text is not None:
            return text
    raise UnreadableReportError(source, "not text in a character set the bot can read")


def document_kind(data: bytes, content_type: str | None, url: str) -> str:
    """html, docx, pdf or text: by the bytes' signature first, then the type, then the name."""
    mime = (content_type or "").split(";")[0].strip().lower()
    suffix = urlsplit(url).path.lower().rsplit(".", 1)[-1]
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (mime in _ZIP_TYPES or suffix == "docx"):
        return "docx"
    untyped = mime in {"", "application/octet-stream"}
    if mime in HTML_TYPES or (untyped and suffix in {"html", "htm", "shtml", "xhtml"}):
        return "html"
    if mime.startswith("text/") or (untyped and suffix in {"txt", ""}):
        return "text"
    problem = f"a {mime or suffix or 'binary'} document: the bot reads web pages, .docx and .pdf"
    raise UnsupportedDocumentError(url, problem)


def _docx_lines(data: bytes, source: str) -> list[str]:
    import docx  # python-docx: only attachments pay its import

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableReportError(source, "not a readable .docx document") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines += ["  ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return lines


def _display_width(line: str) -> int:
    """Printed width in half-width cells: a Chinese character takes two, a digit one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _unwrap(lines: list[str]) -> list[str]:
    """Join a PDF's wrapped lines back into paragraphs: a full-width line not ending a sentence."""
    width = max(map(_display_width, lines), default=0)
    joined: list[str] = []
    wrapped = False
    for line in lines:
        if wrapped and joined and not classify(line).style:  # a numbered line starts anew
            joined[-1] += line
        else:
            joined.append(line)
        full = _display_width(line) >= _WRAPPED_SHARE * width
        wrapped = full and not line.endswith(_LINE_END)
    return joined


def _pdf_lines(data: bytes, source: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableReportError(source, "not a readable PDF document") from exc
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    if not lines:
        raise NoTextLayerError(
            source, f"the PDF's {len(pages)} page(s) have no text layer (a scan): nothing to read"
        )
    return _unwrap(lines)


def document_lines(data: bytes, url: str, content_type: str | None = None) -> list[str]:
    """The document's text, one paragraph a line; web-page chrome is left for `split_page`."""
    kind = document_kind(data, content_type, url)
    if kind == "pdf":
        return _pdf_lines(data, url)
    if kind == "docx":
        return _docx_lines(data, url)
    text = decode_page(data, content_type, url)
    if kind == "html" or looks_like_html(text):
        text, _ = extract_text(text)
    return text.splitlines()


def report_text(lines: list[str], url: str, fetched: datetime) -> str:
    """The report file's content: the provenance header, then the document's lines."""
    header = [f"原文链接: {url}", f"抓取时间: {fetched.isoformat(timespec='seconds')}"]
    return "\n".join([*header, *(line.strip() for line in lines if line.strip())]) + "\n"


def parse_report_text(text: str, source: str) -> Report:
    """Parse a report file's text; NotAReportError (naming `source`) when it is none."""
    return parse_bytes(text.encode("utf-8"), source, html=False)


def content_digest(report: Report) -> str:
    """Digest of what the report says: its title and body, letters and digits only.

    Page chrome, spacing, punctuation width and the document format do not change it, so one
    report published as a page and again under another URL (or as a .docx) digests alike."""
    text = unicodedata.normalize("NFKC", report.meta.title + report.body_text())
    return hashlib.sha256("".join(ch for ch in text if ch.isalnum()).encode()).hexdigest()
