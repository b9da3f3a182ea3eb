"""Reading a report file: encoding detection, HTML extraction, line normalisation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import EmptyReportError, UnreadableReportError
from .html_text import extract_text, has_markup, looks_like_html
from .percent_signs import mend_percent_signs

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
REPORT_SUFFIXES = {".txt", *HTML_SUFFIXES}
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class SourceText:
    source: str
    digest: str
    lines: tuple[str, ...]


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # what Windows Notepad's "Unicode" begins with


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with its BOM, or GB18030/GBK."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableReportError(source, "starts as UTF-16 but is not valid UTF-16") from exc
    if b"\x00" in data[:4096]:
        raise UnreadableReportError(
            source, "binary data, not a text report (UTF-16 needs its byte-order mark)"
        )
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableReportError(source, "not text in UTF-8, UTF-16 or GB18030/GBK")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ch < " " and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


def read_text(data: bytes, source: str, html: bool | None = None) -> SourceText:
    """`html` None: decided by the text; True (an .html name): HTML if it holds any markup, as
    a text file named .html is still read as text."""
    text = decode(data, source)
    if _control_ratio(text) > 0.01:
        raise UnreadableReportError(source, "binary data, not a text report")
    hidden = None
    if has_markup(text) if html else (html is None and looks_like_html(text)):
        text, hidden = extract_text(text)
    lines = tuple(
        line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    lines = tuple(line for line in lines if line)
    if not lines:
        raise EmptyReportError(source, _why_empty(data, hidden))
    return SourceText(source, hashlib.sha256(data).hexdigest(), mend_percent_signs(lines))


def _why_empty(data: bytes, hidden: str | None) -> str:
    if hidden:
        return f"no text outside an unclosed <{hidden}> element: the page's text is inside it"
    if data.strip():
        return "no text: the HTML holds only markup"
    return "the file is empty: no text to read"


def read_file(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableReportError(str(path), f"cannot read the file ({exc.strerror})") from exc
    return read_text(data, path.name, html=True if path.suffix.lower() in HTML_SUFFIXES else None)
