"""The package's own errors: a report error names the file and what is wrong with it; a user
input error names the catalogue message that says why."""

from __future__ import annotations

from collections.abc import Callable


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
