"""Following publishers: fetch reports from feeds, index pages and report URLs, politely, and
keep each report once. `SourcePoller.poll_source(spec)` is the entry point."""

from .http import FetchError, HostPacer, PoliteClient
from .poller import ADD_SOURCE, Fetched, SourcePoller
from .settings import (
    FetchPolicy,
    SourcesConfigError,
    SourceSpec,
    check_url,
    parse_fetching,
    parse_sources,
)
from .store import SourceStatus, SourceStore

__all__ = [
    "ADD_SOURCE",
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "HostPacer",
    "PoliteClient",
    "SourcePoller",
    "SourceSpec",
    "SourceStatus",
    "SourceStore",
    "SourcesConfigError",
    "check_url",
    "parse_fetching",
    "parse_sources",
]
