"""Following publishers: fetch reports from feeds, index pages and report URLs, politely, and
keep each report once. `SourcePoller.poll_source(spec)` polls one source; `SourceRunner`
polls them all on their intervals; `add_url` fetches one URL now.

The names below are loaded on first use: the config needs only the settings, and the poller
with its document readers and link parsing loads once the bot is polling (bot.ingest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.exports import lazy_exports

if TYPE_CHECKING:
    from .http import FetchError, HostPacer, PoliteClient
    from .poller import Fetched, SourcePoller
    from .runner import SourceRunner, add_url
    from .settings import (
        ADD_SOURCE,
        FetchPolicy,
        SourcesConfigError,
        SourceSpec,
        check_url,
        parse_fetching,
        parse_sources,
    )
    from .store import SourceStatus, SourceStore

_HOMES = {
    "FetchError": "http",
    "HostPacer": "http",
    "PoliteClient": "http",
    "Fetched": "poller",
    "SourcePoller": "poller",
    "SourceRunner": "runner",
    "add_url": "runner",
    "ADD_SOURCE": "settings",
    "FetchPolicy": "settings",
    "SourcesConfigError": "settings",
    "SourceSpec": "settings",
    "check_url": "settings",
    "parse_fetching": "settings",
    "parse_sources": "settings",
    "SourceStatus": "store",
    "SourceStore": "store",
}
__all__ = [
    "ADD_SOURCE",
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "HostPacer",
    "PoliteClient",
    "SourcePoller",
    "SourceRunner",
    "SourceSpec",
    "SourceStatus",
    "SourceStore",
    "SourcesConfigError",
    "add_url",
    "check_url",
    "parse_fetching",
    "parse_sources",
]

__getattr__ = lazy_exports(__name__, _HOMES)
