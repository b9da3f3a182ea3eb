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
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from .errors import DocumentFault, ReportError, UnreadableReportError, UnusableDocumentError
from .html_text import extract_text, looks_like_html
from .model import Report

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


class NoTextLayerError(UnusableDocumentError):
    """A PDF whose pages are images (a scan): there is no text to read without OCR."""

    def __init__(self, source: str, pages: int) -> None:
        super().__init__(source, "no_text_layer", count=pages)


class UnsupportedDocumentError(UnusableDocumentError):
    """A document type the bot cannot read (an old .doc, a spreadsheet, an image...)."""

    def __init__(self, source: str, kind: str) -> None:
        super().__init__(source, "unsupported_type", kind=kind)


def unusable_document(
    source: str, fault: DocumentFault, values: dict[str, str | int]
) -> ReportError:
    """The error of `fault` as its own kind where it has one: a scan or a type the bot cannot
    read is a verdict on the bytes (not retried until they change), not a failure to read."""
    if fault == "no_text_layer":
        return NoTextLayerError(source, int(values["count"]))
    if fault == "unsupported_type":
        return UnsupportedDocumentError(source, str(values["kind"]))
    return UnusableDocumentError(source, fault, **values)


@dataclass(frozen=True)
class DocumentLimits:
    """What a document may cost to read, checked before and while it is parsed: python-docx
    (lxml) and pypdf expand what they read, a 1 MB .docx can hold 400 MB of XML. A 300-page
    report's .docx holds a few MB of XML in a few dozen files, its PDF a few MB of streams."""

    zip_entries: int = 2_000
    unpacked_mb: int = 256  # all of a .docx's files, as their sizes are declared
    document_xml_mb: int = 64  # word/document.xml, as it really inflates
    pdf_pages: int = 5_000
    pdf_stream_mb: int = 64  # one PDF stream, decoded


MB = 1_000_000
_XML_PROLOG = 4096  # a DTD comes before the root element: the first bytes of an XML part
_XML_PARTS = (".xml", ".rels")


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
    raise UnsupportedDocumentError(url, mime or suffix or "binary")


def _inflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, source: str) -> int:
    """Inflate one entry in chunks, counting (never holding) its bytes, up to `limit`: a
    declared size can lie, and zipfile's CRC check fails only at the end."""
    size = 0
    with archive.open(info) as entry:
        while chunk := entry.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise UnusableDocumentError(
                    source, "unpacks_too_large", size=size // MB, limit=limit // MB
                )
    return size


def _check_docx(data: bytes, source: str, limits: DocumentLimits) -> None:
    """Refuse a zip bomb or an XML entity bomb before python-docx inflates and parses it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > limits.zip_entries:
                raise UnusableDocumentError(
                    source, "too_many_entries", count=len(entries), limit=limits.zip_entries
                )
            declared = sum(info.file_size for info in entries)
            if declared > limits.unpacked_mb * MB:
                raise UnusableDocumentError(
                    source, "unpacks_too_large", size=declared // MB, limit=limits.unpacked_mb
                )
            for info in entries:
                if info.filename == "word/document.xml":
                    _inflated(archive, info, limits.document_xml_mb * MB, source)
                if info.filename.endswith(_XML_PARTS):
                    with archive.open(info) as part:
                        if b"<!DOCTYPE" in part.read(_XML_PROLOG).replace(b"\0", b""):
                            raise UnusableDocumentError(source, "xml_entities")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise UnusableDocumentError(source, "not_a_docx") from exc


def _docx_lines(data: bytes, source: str, limits: DocumentLimits) -> list[str]:
    import docx  # python-docx: only attachments pay its import

    _check_docx(data, source, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, docx.table.Table):
                lines += ["  ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
            else:
                lines.append(block.text)
    except MemoryError:
        raise
    except SyntaxError as exc:  # lxml's XMLSyntaxError is one
        raise UnusableDocumentError(source, "broken_xml", detail=_first_line(exc)) from exc
    except Exception as exc:  # python-docx on a damaged package: any error, never a traceback
        raise UnusableDocumentError(source, "not_a_docx") from exc
    return lines


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]


def _display_width(line: str) -> int:
    """Printed width in half-width cells: a Chinese character takes two, a digit one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _unwrap(lines: list[str]) -> list[str]:
    """Join a PDF's wrapped lines back into paragraphs: a full-width line not ending a sentence."""
    from .outline import classify  # here, as parse_bytes below

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


def _pdf_pages(data: bytes, source: str, limits: DocumentLimits) -> list[str]:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    stream = limits.pdf_stream_mb * MB  # pypdf's own caps are 75 MB a stream
    with apply_configuration(
        None,
        maximum_declared_stream_length=stream,
        zlib_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        array_based_stream_maximum_output_length=stream,
    ):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnusableDocumentError(source, "encrypted")
            count = len(reader.pages)
            if count > limits.pdf_pages:
                raise UnusableDocumentError(
                    source, "too_many_pages", count=count, limit=limits.pdf_pages
                )
            return [page.extract_text() or "" for page in reader.pages]
        except (UnusableDocumentError, MemoryError):
            raise
        except (FileNotDecryptedError, DependencyError) as exc:  # AES without `cryptography`
            raise UnusableDocumentError(source, "encrypted") from exc
        except LimitReachedError as exc:
            raise UnusableDocumentError(source, "pdf_limit", detail=_first_line(exc)) from exc
        except Exception as exc:  # pypdf on a damaged file: any error, never a traceback
            raise UnusableDocumentError(source, "broken_pdf", detail=_first_line(exc)) from exc


def _pdf_lines(data: bytes, source: str, limits: DocumentLimits) -> list[str]:
    pages = _pdf_pages(data, source, limits)
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    if not lines:
        raise NoTextLayerError(source, len(pages))
    return _unwrap(lines)


def document_lines(
    data: bytes,
    url: str,
    content_type: str | None = None,
    limits: DocumentLimits = DocumentLimits(),
) -> list[str]:
    """The document's text, one paragraph a line; web-page chrome is left for `split_page`.
    Any fault of the document is a ReportError: an UnusableDocumentError for a .docx or a PDF
    that is broken, encrypted, or costs more than `limits` to read. The bot runs this in a
    process it can kill (bot/library/document_reader.py): limits bound memory, not time."""
    kind = document_kind(data, content_type, url)
    if kind == "pdf":
        return _pdf_lines(data, url, limits)
    if kind == "docx":
        return _docx_lines(data, url, limits)
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
    from .parse import parse_bytes  # here: the parser's patterns cost the bot's start-up

    return parse_bytes(text.encode("utf-8"), source, html=False)


def content_digest(report: Report) -> str:
    """Digest of what the report says: its title and body, letters and digits only.

    Page chrome, spacing, punctuation width and the document format do not change it, so one
    report published as a page and again under another URL (or as a .docx) digests alike."""
    text = unicodedata.normalize("NFKC", report.meta.title + report.body_text())
    return hashlib.sha256("".join(ch for ch in text if ch.isalnum()).encode()).hexdigest()
