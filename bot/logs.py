"""Output that never shows a secret: the token appears in Bot API URLs and in errors.

Two layers: a logging filter for log records, and `redacted_output`, which wraps the process's
stdout and stderr so that whatever else is printed (a traceback, a warning, a library's print)
is redacted too.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

REDACTED = "[REDACTED]"
# A bot token is "<bot id>:<secret>"; the secret part alone is redacted too, so that a token
# cut or encoded at its colon (a URL's %3A) is still caught. Shorter strings are not secrets.
_MIN_SECRET = 8


def secret_forms(secrets: Iterable[str | None]) -> list[str]:
    """Each secret, and a token's part after the colon; longest first."""
    forms = set()
    for secret in filter(None, secrets):
        forms.add(secret)
        tail = secret.partition(":")[2]
        if len(tail) >= _MIN_SECRET:
            forms.add(tail)
    return sorted(forms, key=len, reverse=True)


class Redactor:
    def __init__(self, secrets: Iterable[str | None]) -> None:
        self.secrets = secret_forms(secrets)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


class RedactSecrets(logging.Filter):
    """Replaces each secret in a record's message and traceback text."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        self._redact = Redactor(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self._redact(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        return True


class RedactedStream:
    """A text stream that redacts what is written, then passes it on; everything else (the
    binary `buffer`, `isatty`, `fileno`) is the wrapped stream's."""

    def __init__(self, stream: TextIO, redact: Redactor) -> None:
        self._stream, self._redact = stream, redact

    def write(self, text: str) -> int:
        self._stream.write(self._redact(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def redacted_output(secrets: Iterable[str | None]) -> Iterator[Redactor]:
    """Redact `secrets` from everything written to stdout and stderr until the block ends."""
    redact = Redactor(secrets)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = RedactedStream(saved[0], redact), RedactedStream(saved[1], redact)
    try:
        yield redact
    finally:
        sys.stdout, sys.stderr = saved


def configure_logging(
    secrets: Iterable[str | None], level: int = logging.INFO, path: Path | None = None
) -> None:
    """Log lines to stderr, or to the file `path` (the terminal chat: the terminal is the chat)."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level, filename=path
    )
    redact = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # The scheduler logs two lines at INFO for every run of every job (the push round runs each
    # second): they drowned what the bot itself says. Its warnings and errors still show.
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
