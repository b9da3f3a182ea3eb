"""Following publishers: fetch reports from feeds, index pages and report URLs, politely, and
keep each report once. `SourcePoller.poll_source(spec)` polls one source; `SourceRunner`
polls them all on their intervals; `add_url` fetches one URL now."""

from .http import FetchError, HostPacer, PoliteClient
from .poller import ADD_SOURCE, Fetched, SourcePoller
from .runner import SourceRunner, add_url
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
