"""Reading a report file: encoding detection, HTML extraction, line normalisation."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import EmptyReportError, UnreadableReportError
from .html_text import html_to_text, looks_like_html

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
REPORT_SUFFIXES = {".txt", *HTML_SUFFIXES}
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class SourceText:
    source: str
    digest: str
    lines: tuple[str, ...]


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK, whichever the bytes are."""
    if b"\x00" in data[:4096]:
        raise UnreadableReportError(source, "binary data, not a text report")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableReportError(source, "not text in UTF-8 or GB18030/GBK")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ch < " " and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


def read_text(data: bytes, source: str, html: bool | None = None) -> SourceText:
    text = decode(data, source)
    if _control_ratio(text) > 0.01:
        raise UnreadableReportError(source, "binary data, not a text report")
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    lines = tuple(
        line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    lines = tuple(line for line in lines if line)
    if not lines:
        raise EmptyReportError(source, "the file is empty: no text to read")
    return SourceText(source, hashlib.sha256(data).hexdigest(), lines)


def read_file(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableReportError(str(path), f"cannot read the file ({exc.strerror})") from exc
    return read_text(data, path.name, html=True if path.suffix.lower() in HTML_SUFFIXES else None)
