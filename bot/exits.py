"""What the process says when it cannot go on: one line and an exit status per failure.

Every command runs under `guarded` (bot/cli.py), so a failure at start-up (a bad config, a
rejected token, Telegram unreachable, a busy port, an unusable database) ends the process
with one line on stderr instead of a traceback, and with a status a supervisor can act on.
"""

from __future__ import annotations

import sys
import traceback

from briefings.errors import ReportError

from .config import TOKEN_ENV, ConfigError

EXIT_FAILED = 1  # Telegram unreachable, or a bug: a restart may help
EXIT_BAD_INPUT = 2  # the operator must change something: config, token, database, port
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports it


class StartupError(Exception):
    """A start-up step failed; the message is the whole story (e.g. a port in use)."""


def _telegram(error: Exception) -> tuple[str, int] | None:
    from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut

    if isinstance(error, InvalidToken):
        return f"Telegram rejected the bot token: check {TOKEN_ENV}", EXIT_BAD_INPUT
    if isinstance(error, TimedOut):
        return f"Telegram did not answer in time ({error})", EXIT_FAILED
    if isinstance(error, NetworkError):
        return f"cannot reach Telegram: {error}", EXIT_FAILED
    if isinstance(error, TelegramError):
        return f"Telegram refused a start-up request: {error}", EXIT_FAILED
    return None


def describe(error: Exception) -> tuple[str, int] | None:
    """The one line and exit status for a failure the operator can act on; None for a bug."""
    from .store.database import StoreError

    if isinstance(error, ConfigError | StoreError | ReportError | StartupError):
        return str(error), EXIT_BAD_INPUT
    if isinstance(error, OSError):  # a file or folder the process cannot use
        return str(error), EXIT_BAD_INPUT
    if "telegram" in sys.modules:  # a Telegram error is possible only once PTB is imported
        return _telegram(error)
    return None


def report_failure(error: Exception) -> int:
    """Print the failure (redacted: stderr is wrapped) and return the exit status."""
    described = describe(error)
    if described is None:  # a bug: its traceback is what a fix needs
        traceback.print_exception(error, file=sys.stderr)
        described = f"unexpected error: {type(error).__name__}: {error}", EXIT_FAILED
    line, status = described
    print(f"briefing-bot: {line}", file=sys.stderr, flush=True)
    return status
