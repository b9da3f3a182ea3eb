"""The package's own errors: a report error names the file and what is wrong with it; a user
input error names the catalogue message that says why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal


class ReportError(Exception):
    """A file could not be turned into a report."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class UnreadableReportError(ReportError):
    """The bytes are not text in a supported encoding (binary, or an unknown encoding)."""


class EmptyReportError(ReportError):
    """The file holds no text."""


ReportFault = Literal["too_short", "no_sections"]


class NotAReportError(ReportError):
    """The text has none of the structure of a government report; `fault` and `values` let
    the chat say why in its own words."""

    def __init__(self, source: str, problem: str, fault: ReportFault, **values: int) -> None:
        super().__init__(source, problem)
        self.fault: ReportFault = fault
        self.values = values


class TooLargeReportError(ReportError):
    """The file is larger than the configured maximum, so it was not read."""


class UserInputError(ValueError):
    """Input from a user that cannot be used. The domain names what is wrong by the key of a
    message in the bot's catalogue (bot/present/words.py) and its values, never by text: `say`
    lets the presentation tell the user why in their own words."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(" ".join([key, *(f"{name}={value!r}" for name, value in values.items())]))
        self.key, self.values = key, values

    def say(self, words: Callable[..., str]) -> str:
        """The message in `words` (a catalogue: key and values in, text out)."""
        return words(self.key, **self.values)


DocumentFault = Literal[
    "not_a_docx",
    "broken_xml",
    "xml_entities",
    "too_many_entries",
    "unpacks_too_large",
    "broken_pdf",
    "encrypted",
    "too_many_pages",
    "pdf_limit",
    "unsupported_type",
    "no_text_layer",
    "too_slow",
    "out_of_memory",
    "reader_ended",
]

# What each fault says in logs and on the command line (the chat says it in its own language,
# from the catalogue's documents.* words, with the same values).
_FAULTS: dict[DocumentFault, str] = {
    "not_a_docx": "it is not a .docx (zip) file, or the file is damaged",
    "broken_xml": "its XML is broken ({detail})",
    "xml_entities": "its XML declares entities (a DTD), which Word never writes",
    "too_many_entries": "the .docx holds {count} files, more than the {limit} allowed",
    "unpacks_too_large": "it unpacks to over {size} MB, more than the {limit} MB allowed",
    "broken_pdf": "the PDF's structure is broken ({detail})",
    "encrypted": "the PDF is encrypted and needs a password",
    "too_many_pages": "the PDF has {count} pages, more than the {limit} allowed",
    "pdf_limit": "the PDF exceeds a safety limit of its reader ({detail})",
    "unsupported_type": "a {kind} document: the bot reads web pages, .docx and .pdf",
    "no_text_layer": "the PDF's {count} page(s) have no text layer (a scan): nothing to read",
    "too_slow": "reading it took longer than the {seconds} s allowed",
    "out_of_memory": "reading it needed more than the {limit} MB of memory allowed",
    "reader_ended": "the process reading it ended unexpectedly ({detail})",
}


class UnusableDocumentError(ReportError):
    """A fetched or given document (.docx, .pdf, page) that cannot be turned into text: broken,
    encrypted, built to exhaust its reader, or too slow or too large to read. One line:
    `source: not a usable document: <reason>`; `fault` and `values` let the chat say the
    reason in its own words."""

    def __init__(self, source: str, fault: DocumentFault, **values: str | int) -> None:
        self.fault: DocumentFault = fault
        self.values = values
        self.reason = _FAULTS[fault].format_map(values)
        super().__init__(source, f"not a usable document: {self.reason}")
