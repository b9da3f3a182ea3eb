"""The bot's handlers, one module per concern, registered in the order they must match."""

from __future__ import annotations

from telegram.ext import Application

from . import browse, card, errors, fallback, figures, guard, items, reports, search, start


def register(application: Application) -> None:
    for module in (guard, start, browse, figures, items, search, reports, card):
        application.add_handlers(module.handlers())
    application.add_error_handler(errors.on_error)


def register_fallbacks(application: Application) -> None:
    """Hints for unknown commands and stray buttons: call after every other handler is in."""
    application.add_handlers(fallback.handlers())
