"""Hostile documents, made on the spot and small on disk: a .docx zip bomb, a .docx with broken
XML, a billion-laughs .docx, an AES-encrypted PDF, a Flate-bomb PDF and a PDF whose page tree
has 200,000 entries: what a compromised or careless publisher's site could serve.

Shared by the tests (tests/bot/test_hostile_documents.py) and bench/hostile.py, so it imports
nothing of tests/ and builds its documents with python-docx and pypdf alone.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

BOMB_XML_BYTES = 420_000_000  # word/document.xml of the zip bomb, inflated (and declared)
FLATE_BOMB_BYTES = 200_000_000  # the Flate-bomb PDF's content stream, inflated
PAGE_TREE_ENTRIES = 200_000
SLOW_PAGES = 4_000  # pages of the slow PDF: within DocumentLimits, minutes to extract
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CHUNK = 3_000_000


def _docx_with(write: Callable[[zipfile.ZipFile], None]) -> bytes:
    """A real .docx (python-docx's) whose word/document.xml `write` writes instead."""
    import docx

    document = docx.Document()
    document.add_paragraph("关于东湖区2021年度法治政府建设工作的报告")
    made = io.BytesIO()
    document.save(made)
    out = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                write(target)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """~0.5 MB on disk; word/document.xml declares and really inflates to BOMB_XML_BYTES."""

    def write(target: zipfile.ZipFile) -> None:
        head = f"<w:document {_W}><w:body>".encode()
        tail = b"</w:body></w:document>"
        paragraph = "<w:p><w:r><w:t>" + "依法行政" * 250 + "</w:t></w:r></w:p>"
        chunk = paragraph.encode() * (_CHUNK // len(paragraph.encode()))
        with target.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(head)
            for _ in range(-(-BOMB_XML_BYTES // len(chunk))):
                xml.write(chunk)
            xml.write(tail)

    return _docx_with(write)


def broken_xml_docx() -> bytes:
    xml = f"<w:document {_W}><w:body><w:p><w:r><w:t>关于东湖区的报告</w:r></w:body>"
    return _docx_with(lambda target: target.writestr("word/document.xml", xml))


def billion_laughs_docx() -> bytes:
    """Ten levels of ten entities each: 10^10 laughs if a parser expands them."""
    entities = ['<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE w:document [{''.join(entities)}]>\n"
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with(lambda target: target.writestr("word/document.xml", xml))


def _written(writer: object) -> bytes:
    out = io.BytesIO()
    writer.write(out)  # type: ignore[attr-defined]
    return out.getvalue()


def aes_pdf(pdf: bytes | None = None, password: str = "secret") -> bytes:
    """`pdf` (else one blank page) AES-256 encrypted, opened by `password` ('' opens it
    without asking, as many published PDFs are: locked against editing, not reading)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf))) if pdf else PdfWriter()
    if not pdf:
        writer.add_blank_page(595, 842)
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    return _written(writer)


def _pdf_with_content(content: bytes, pages: int = 1, compressed: bool = False) -> bytes:
    """A PDF of `pages` entries in its page tree, each the same page, whose content stream is
    `content` (Flate-compressed when `compressed`) written in Helvetica."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        EncodedStreamObject,
        NameObject,
        NumberObject,
    )

    stream = EncodedStreamObject() if compressed else DecodedStreamObject()
    if compressed:
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = content  # set_data would compress it (again)
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    page[NameObject("/Contents")] = writer._add_object(stream)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})  # fmt: skip
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    if pages > 1:
        tree = writer._root_object["/Pages"]
        tree[NameObject("/Kids")] = ArrayObject([page.indirect_reference] * pages)
        tree[NameObject("/Count")] = NumberObject(pages)
    return _written(writer)


def flate_bomb_pdf() -> bytes:
    """One page whose content stream inflates to FLATE_BOMB_BYTES (~0.5 MB on disk)."""
    packer = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf (a) Tj ET\n" * (_CHUNK // 23)
    packed = b"".join(packer.compress(chunk) for _ in range(FLATE_BOMB_BYTES // len(chunk)))
    return _pdf_with_content(packed + packer.flush(), compressed=True)


def slow_pdf(pages: int = SLOW_PAGES) -> bytes:
    """Within every limit, yet minutes of work: `pages` pages of 2,000 short lines each (the
    same page, so ~60 KB on disk). What no limit but time and a killable process bounds."""
    lines = b"".join(b"(%d) Tj 0 -1 Td\n" % n for n in range(2_000))
    return _pdf_with_content(b"BT /F1 1 Tf 10 800 Td\n" + lines + b"ET", pages)


def page_tree_pdf() -> bytes:
    """A page tree of PAGE_TREE_ENTRIES entries, each the same page (~1.4 MB on disk)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject, NumberObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842).indirect_reference
    pages = writer._root_object["/Pages"]
    pages[NameObject("/Kids")] = ArrayObject([page] * PAGE_TREE_ENTRIES)
    pages[NameObject("/Count")] = NumberObject(PAGE_TREE_ENTRIES)
    return _written(writer)


# name -> (maker, file name): the tests' ids and the bench's rows
HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "zip-bomb-docx": (zip_bomb_docx, "bomb.docx"),
    "broken-xml-docx": (broken_xml_docx, "broken.docx"),
    "billion-laughs-docx": (billion_laughs_docx, "laughs.docx"),
    "aes-encrypted-pdf": (aes_pdf, "secret.pdf"),
    "flate-bomb-pdf": (flate_bomb_pdf, "flate.pdf"),
    "page-tree-pdf": (page_tree_pdf, "pages.pdf"),
}
