"""Shared by tests: taken from tests/bot/test_push_delivery.py, so that no test module imports another."""

from __future__ import annotations

from bot.present.card import FontNotFoundError, find_font


def has_cjk_font() -> bool:
    try:
        find_font()
    except FontNotFoundError:
        return False
    return True
