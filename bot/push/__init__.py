"""Briefing pushes: subscriptions, schedule and delivery (placeholder until pushes land)."""

from __future__ import annotations

from telegram.ext import Application


def install(application: Application) -> None:
    """Register the push commands and the scheduler on `application`."""
