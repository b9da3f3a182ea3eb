"""The package's own errors: each names the file and what is wrong with it."""

from __future__ import annotations


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


class NotAReportError(ReportError):
    """The text has none of the structure of a government report."""


class FontNotFoundError(ReportError):
    """No font able to draw Chinese is installed, or the configured one is unusable."""


class TooLargeReportError(ReportError):
    """The file is larger than the configured maximum, so it was not read."""
