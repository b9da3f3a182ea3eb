"""The `sources:` list and the `fetching:` etiquette of config.yaml, validated.

A bad entry stops start-up with one line naming the key, e.g. `sources[2].pattern`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

KINDS = ("feed", "index", "url")  # the key holding the URL says what the source is
_KEYS = {
    "feed": {"feed", "name", "pattern", "interval_seconds"},
    "index": {"index", "name", "pattern", "max_pages", "interval_seconds"},
    "url": {"url", "name", "interval_seconds"},
}
USER_AGENT = "briefing-bot/0.1 (政务简报; fetches published government reports)"
ADD_SOURCE = "/add"  # the source name of reports an admin fetched by hand


class SourcesConfigError(ValueError):
    """A `sources:` or `fetching:` value is wrong; the message names the key."""


@dataclass(frozen=True)
class SourceSpec:
    name: str
    kind: str  # feed | index | url
    url: str
    pattern: re.Pattern[str] | None = None  # matched against link text or URL
    max_pages: int = 3  # index pages followed through 下一页 / rel=next, the first included
    interval_seconds: float = 3600.0


@dataclass(frozen=True)
class FetchPolicy:
    """Etiquette towards the sites polled: defaults a small government server can live with."""

    user_agent: str = USER_AGENT
    timeout_seconds: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    host_interval_seconds: float = 1.0  # at most one request per second per host
    first_backoff_seconds: float = 300.0  # after a failure; doubles with each failure in a row
    max_backoff_seconds: float = 6 * 3600.0
    # Listings are untrusted too: a feed of 10,000 entries or a page of 150,000 links must not
    # turn one poll into hours of requests, nor hold the bot while it is read.
    max_entries: int = 100  # links of a listing followed per poll (the first listed first)
    max_attachments: int = 10  # .docx/.pdf links of one page followed, per poll and per /add
    listing_seconds: float = 60.0  # reading one listing page, in the worker, before it is killed
    sources_at_once: int = 4  # sources polled at the same time (each on its own interval)


def check_url(url: str) -> str | None:
    """Why `url` cannot be fetched (only http and https can), or None when it can."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        return f"only http and https URLs can be fetched, not {parts.scheme + ':' if parts.scheme else 'a bare path'}"
    if not parts.hostname:
        return "the URL names no host"
    return None


def _number(raw: Mapping[str, Any], key: str, default: float, where: str, kind: type) -> Any:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise SourcesConfigError(f"config key '{where}.{key}' must be a positive number")
    if kind is int and not isinstance(value, int):
        raise SourcesConfigError(f"config key '{where}.{key}' must be a whole number")
    return kind(value)


def _pattern(raw: Mapping[str, Any], where: str) -> re.Pattern[str] | None:
    value = raw.get("pattern")
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise SourcesConfigError(f"config key '{where}.pattern' must be a regular expression")
    try:
        return re.compile(value)
    except re.error as exc:
        raise SourcesConfigError(f"config key '{where}.pattern' is not valid: {exc}") from exc


def _source(raw: Any, where: str) -> SourceSpec:
    if not isinstance(raw, Mapping):
        raise SourcesConfigError(f"config key '{where}' must be a mapping with feed, index or url")
    kinds = [kind for kind in KINDS if kind in raw]
    if len(kinds) != 1:
        raise SourcesConfigError(f"config key '{where}' needs exactly one of feed, index, url")
    kind = kinds[0]
    unknown = sorted(set(raw) - _KEYS[kind])
    if unknown:
        raise SourcesConfigError(f"config key '{where}.{unknown[0]}' is not known for a {kind}")
    url = raw[kind]
    problem = "must be a URL" if not isinstance(url, str) else check_url(url)
    if problem:
        raise SourcesConfigError(f"config key '{where}.{kind}' {problem}: {url!r}")
    name = raw.get("name", url)
    if not isinstance(name, str) or not name.strip():
        raise SourcesConfigError(f"config key '{where}.name' must be a non-empty string")
    if kind == "index" and "pattern" not in raw:  # without one the whole site would be read
        raise SourcesConfigError(f"config key '{where}.pattern' is required for an index")
    return SourceSpec(
        name=name.strip(),
        kind=kind,
        url=url,
        pattern=_pattern(raw, where),
        max_pages=_number(raw, "max_pages", 3, where, int),
        interval_seconds=_number(raw, "interval_seconds", 3600.0, where, float),
    )


def parse_sources(raw: Any) -> tuple[SourceSpec, ...]:
    """The validated `sources:` list (None or absent: no sources)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise SourcesConfigError("config key 'sources' must be a list of sources")
    specs = tuple(_source(entry, f"sources[{index}]") for index, entry in enumerate(raw))
    names = [spec.name for spec in specs]
    duplicate = next((name for name in names if names.count(name) > 1), None)
    if duplicate:
        raise SourcesConfigError(f"config key 'sources': two sources are named {duplicate!r}")
    return specs


def parse_fetching(raw: Any) -> FetchPolicy:
    """The validated `fetching:` mapping; every key optional."""
    raw = raw or {}
    if not isinstance(raw, Mapping):
        raise SourcesConfigError("config key 'fetching' must be a mapping")
    defaults = FetchPolicy()
    unknown = sorted(set(raw) - set(defaults.__dataclass_fields__))
    if unknown:
        raise SourcesConfigError(f"config key 'fetching.{unknown[0]}' is not known")
    agent = raw.get("user_agent", defaults.user_agent)
    if not isinstance(agent, str) or not agent.strip():
        raise SourcesConfigError("config key 'fetching.user_agent' must be a non-empty string")
    numbers = {
        key: _number(raw, key, getattr(defaults, key), "fetching", type(getattr(defaults, key)))
        for key in defaults.__dataclass_fields__
        if key != "user_agent"
    }
    return FetchPolicy(user_agent=agent.strip(), **numbers)
