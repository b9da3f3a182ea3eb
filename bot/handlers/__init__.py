"""The bot's handlers, one module per concern, registered in the order they must match."""

from __future__ import annotations

from telegram.ext import Application

from . import browse, card, errors, fallback, figures, groups, guard, items, reports, search, start


def register(application: Application) -> None:
    for module in (guard, start, browse, figures, items, search, reports, card):
        application.add_handlers(module.handlers(), group=groups.MAIN)
    application.add_handlers(fallback.handlers(), group=groups.FALLBACK)
    application.add_error_handler(errors.on_error)
