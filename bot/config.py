"""Configuration: one YAML file validated into a frozen dataclass; secrets from the environment.

A bad value stops start-up with one line naming the key. Relative paths resolve against the
config file's folder, never the working directory.
"""

from __future__ import annotations

import difflib
import functools
import os
import shutil
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .sources.settings import (
    FetchPolicy,
    SourcesConfigError,
    SourceSpec,
    parse_fetching,
    parse_sources,
)
from .store.backends import is_postgres

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
# The project's own config.yaml: the default when there is no ./config.yaml.
PACKAGED_CONFIG = Path(__file__).resolve().parent.parent / "config.yaml"
WEBHOOK_SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
# A larger report file is skipped unread: briefing one of 20 MB takes minutes and ~700 MB.
MAX_REPORT_BYTES = 5 * 2**20
# Longer than a writer's pause one can reasonably expect (a copy over a slow share, an editor
# saving in steps): a file unchanged this long is taken as complete.
REPORTS_SETTLE_SECONDS = 10.0
# How long a Bot API call waits for Telegram's answer before it counts as failed (TimedOut)
TELEGRAM_TIMEOUT_SECONDS = 10.0
# Beside the config file, the seed reports copied into a reports_dir created on first run, so
# that a first start shows a report (the project's tests read seeds/ itself, never reports_dir).
SEEDS = "seeds"


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message names the key."""


@dataclass(frozen=True)
class WebhookConfig:
    listen: str = "0.0.0.0"
    port: int = 8443
    path: str = "/telegram"
    public_url: str | None = None


@dataclass(frozen=True)
class HttpConfig:
    listen: str = "127.0.0.1"
    port: int = 8080


@dataclass(frozen=True)
class WebConfig:
    # Where users reach the pages (bot.pages): https opens them as a Telegram Mini App, http as
    # a plain link; unset, the pages are served locally only and /web prints the local address.
    public_url: str | None = None


@dataclass(frozen=True)
class PushConfig:
    rate_per_second: float = 25.0  # Telegram allows about 30 messages/s per bot overall
    group_per_minute: int = 20  # and about 20 messages/min to one group
    # 5xx and timeouts: retried after first_retry_seconds, doubling each time. A quick first
    # retry rides out a blip without stretching a push; 7 attempts wait ~16 s for an outage.
    max_attempts: int = 7
    first_retry_seconds: float = 0.25
    check_interval_seconds: float = 30.0
    # A round that makes no progress this long (a database failing for minutes) is ended;
    # the next check starts afresh. Above Telegram's longest flood wait and a long lock.
    stall_seconds: float = 300.0
    # New reports arriving within this window go out as one message per chat (a bulk drop of
    # thousands: one message, not thousands), and a chat gets at most this many an hour; what
    # waits is carried by the next message.
    announce_window_seconds: float = 10.0
    announcements_per_hour: int = 4
    # On PostgreSQL, the push lease's term: a replica that dies while pushing is replaced by
    # another within this (docs/replicas.md). Renewed every third of it while pushing.
    lease_seconds: float = 30.0


@dataclass(frozen=True)
class Config:
    base_url: str
    mode: str
    webhook: WebhookConfig
    http: HttpConfig
    push: PushConfig
    reports_dir: Path
    database: Path | str  # a SQLite file, or a postgresql:// URL (no password: PGPASSWORD)
    cache_dir: Path
    max_report_bytes: int
    timezone: str
    admins: frozenset[int]
    token: str | None
    webhook_secret: str | None
    source: Path | None = None
    sources: tuple[SourceSpec, ...] = ()  # publishers followed (bot/sources)
    fetching: FetchPolicy = field(default_factory=FetchPolicy)  # etiquette towards their sites
    web: WebConfig = field(default_factory=WebConfig)
    # A file in reports_dir is read once unchanged this long (a writer may pause mid-file);
    # one whose modification time is older already (renamed into place) at once.
    reports_settle_seconds: float = REPORTS_SETTLE_SECONDS
    # Folders besides reports_dir that a symbolic link in it may lead into (none by default).
    reports_links_into: tuple[Path, ...] = ()
    # Processes briefing reports (jieba: ~150 MB each) for the bot and `warm`: one per core.
    briefing_workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Connections a bot process holds at most to a PostgreSQL database (SQLite's file: one).
    database_connections: int = 4
    # How long the bot's and the pushes' Bot API calls wait for an answer (getMe at start-up too).
    telegram_timeout_seconds: float = TELEGRAM_TIMEOUT_SECONDS
    # Start-up's heap (PTB, the reports, their indexes) frozen out of the collector's way once
    # briefed (bot.app.settle_heap). Off where many bots start in one process (the tests): each
    # settle walks that whole process's heap again.
    freeze_startup_heap: bool = True


class _Asked(Mapping[str, Any]):
    """A mapping that remembers which keys were asked for: a key the parser never asks for is
    unknown (a typo such as `telgram:` would otherwise be silently ignored). Deriving the known
    keys from what is read keeps one list of them: the parser itself."""

    def __init__(self, raw: Mapping[str, Any], prefix: str = "") -> None:
        self._raw, self.prefix = raw, prefix
        self.asked: set[str] = set()
        self.sections: list[_Asked] = []

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        return self._raw[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def reject_unknown(self) -> None:
        for key in self._raw:
            if key not in self.asked:
                near = difflib.get_close_matches(str(key), sorted(self.asked), n=1)
                hint = f" (did you mean '{self.prefix}{near[0]}'?)" if near else ""
                raise ConfigError(f"config key '{self.prefix}{key}' is unknown{hint}")
        for section in self.sections:
            section.reject_unknown()


def _section(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key) or {}
    prefix = raw.prefix if isinstance(raw, _Asked) else ""
    if not isinstance(value, Mapping):
        raise ConfigError(f"config key '{prefix}{key}' must be a mapping")
    section = _Asked(value, f"{prefix}{key}.")
    if isinstance(raw, _Asked):
        raw.sections.append(section)
    return section


def _typed(raw: Mapping[str, Any], key: str, kind: type, default: Any, prefix: str = "") -> Any:
    value = raw.get(key, default)
    prefix = prefix or (raw.prefix if isinstance(raw, _Asked) else "")
    if value is None and default is None:
        return None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        raise ConfigError(f"config key '{prefix}{key}' must be {kind.__name__}, got {value!r}")
    return value


def _port(raw: Mapping[str, Any], key: str, default: int, prefix: str) -> int:
    value = _typed(raw, key, int, default, prefix)
    if not 0 <= value <= 65535:
        raise ConfigError(f"config key '{prefix}{key}' must be a port number, got {value}")
    return value


def _path(raw: Mapping[str, Any], key: str, default: str, base: Path) -> Path:
    value = _typed(raw, key, str, default)
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)


# Files in the zone folders that zoneinfo loads yet name no place: "localtime" follows the
# host, "Factory" is no place, "posixrules" a template; "posix/" and "right/" hold copies of
# every zone (zoneinfo.available_timezones() leaves all of them out too).
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})
_COPIES = ("posix", "right")


# Bounded: /timezone asks with whatever a chat typed, and every distinct name was kept.
@functools.lru_cache(maxsize=64)
def is_zone(name: str) -> bool:
    """Whether `name` is a canonical IANA time zone (or one of its backward-compatible links):
    one zoneinfo loads, but those that name no place. Loading the one name (~0.2 ms) instead of
    listing them all: zoneinfo.available_timezones() opens ~600 files, ~25 ms at every start."""
    if name in _NOT_PLACES or name.split("/")[0] in _COPIES:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    # not found; not a zone file, or a path zoneinfo refuses (.., //); a folder
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _timezone(raw: Mapping[str, Any]) -> str:
    name = _typed(raw, "timezone", str, "Asia/Shanghai")
    if not is_zone(name):
        raise ConfigError(f"config key 'timezone' is not an IANA time zone: {name!r}")
    return name


def _admins(raw: Mapping[str, Any]) -> frozenset[int]:
    value = raw.get("admins") or []
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise ConfigError("config key 'admins' must be a list of Telegram user ids (integers)")
    return frozenset(value)


def _telegram(raw: Mapping[str, Any]) -> tuple[str, str, WebhookConfig, float]:
    telegram = _section(raw, "telegram")
    base_url = _typed(telegram, "base_url", str, "https://api.telegram.org/bot", "telegram.")
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"config key 'telegram.base_url' must be an http(s) URL: {base_url!r}")
    timeout = _typed(telegram, "timeout_seconds", float, TELEGRAM_TIMEOUT_SECONDS, "telegram.")
    if timeout <= 0:
        raise ConfigError(f"config key 'telegram.timeout_seconds' must be positive, got {timeout}")
    mode = _typed(telegram, "mode", str, "polling", "telegram.")
    if mode not in {"polling", "webhook"}:
        raise ConfigError(f"config key 'telegram.mode' must be polling or webhook, got {mode!r}")
    hook = _section(telegram, "webhook")
    prefix = "telegram.webhook."
    path = _typed(hook, "path", str, "/telegram", prefix)
    if not path.startswith("/"):
        raise ConfigError(f"config key '{prefix}path' must start with '/': {path!r}")
    webhook = WebhookConfig(
        listen=_typed(hook, "listen", str, "0.0.0.0", prefix),
        port=_port(hook, "port", 8443, prefix),
        path=path,
        public_url=_typed(hook, "public_url", str, None, prefix),
    )
    return base_url, mode, webhook, timeout


def _database(raw: Mapping[str, Any], base: Path) -> Path | str:
    """A SQLite file's path, or the URL of a PostgreSQL database that replicas share."""
    value = _typed(raw, "database", str, "data/briefing.sqlite3")
    if not is_postgres(value):
        return _path(raw, "database", "data/briefing.sqlite3", base)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- parsed on access: a port that is no number raises here
    except ValueError:
        raise ConfigError("config key 'database' is not a valid postgresql:// URL") from None
    if parts.password is not None:
        # Said without the URL: it holds the password.
        raise ConfigError(
            "config key 'database' holds a password: remove it from config.yaml and set"
            " PGPASSWORD in the environment"
        )
    if not parts.hostname:
        raise ConfigError("config key 'database' names no host: postgresql://user@host/name")
    return value


def _push(raw: Mapping[str, Any]) -> PushConfig:
    push = _section(raw, "push")
    config = PushConfig(
        rate_per_second=_typed(push, "rate_per_second", float, 25.0, "push."),
        group_per_minute=_typed(push, "group_per_minute", int, 20, "push."),
        max_attempts=_typed(push, "max_attempts", int, 7, "push."),
        first_retry_seconds=_typed(push, "first_retry_seconds", float, 0.25, "push."),
        check_interval_seconds=_typed(push, "check_interval_seconds", float, 30.0, "push."),
        stall_seconds=_typed(push, "stall_seconds", float, 300.0, "push."),
        announce_window_seconds=_typed(push, "announce_window_seconds", float, 10.0, "push."),
        announcements_per_hour=_typed(push, "announcements_per_hour", int, 4, "push."),
        lease_seconds=_typed(push, "lease_seconds", float, 30.0, "push."),
    )
    for key in fields(PushConfig):
        if getattr(config, key.name) <= 0:
            raise ConfigError(f"config key 'push.{key.name}' must be positive")
    return config


def _web(raw: Mapping[str, Any]) -> WebConfig:
    web = _section(raw, "web")
    url = _typed(web, "public_url", str, None, "web.")
    if url is not None and not url.startswith(("http://", "https://")):
        raise ConfigError(f"config key 'web.public_url' must be an http(s) URL: {url!r}")
    return WebConfig(public_url=url.rstrip("/") if url else None)


def _max_report_bytes(raw: Mapping[str, Any]) -> int:
    value = _typed(raw, "max_report_bytes", int, MAX_REPORT_BYTES)
    if value <= 0:
        raise ConfigError(f"config key 'max_report_bytes' must be positive, got {value}")
    return value


def _settle_seconds(raw: Mapping[str, Any]) -> float:
    value = _typed(raw, "reports_settle_seconds", float, REPORTS_SETTLE_SECONDS)
    if value < 0:
        raise ConfigError(f"config key 'reports_settle_seconds' must not be negative, got {value}")
    return value


def _at_least_one(raw: Mapping[str, Any], key: str, default: int) -> int:
    value = _typed(raw, key, int, default)
    if value < 1:
        raise ConfigError(f"config key '{key}' must be at least 1, got {value}")
    return value


def _link_roots(raw: Mapping[str, Any], base: Path) -> tuple[Path, ...]:
    value = raw.get("reports_links_into") or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError("config key 'reports_links_into' must be a list of folders")
    return tuple(path if path.is_absolute() else base / path for path in map(Path, value))


def _sources(raw: Mapping[str, Any]) -> tuple[tuple[SourceSpec, ...], FetchPolicy]:
    try:
        return parse_sources(raw.get("sources")), parse_fetching(raw.get("fetching"))
    except SourcesConfigError as exc:  # its message names the key already
        raise ConfigError(str(exc)) from exc


def parse_config(
    raw: Mapping[str, Any], base: Path, env: Mapping[str, str], source: Path | None = None
) -> Config:
    if not isinstance(raw, Mapping):
        raise ConfigError("config file must hold a YAML mapping of keys")
    raw = _Asked(raw)
    base_url, mode, webhook, telegram_timeout = _telegram(raw)
    http = _section(raw, "http")
    secret = env.get(WEBHOOK_SECRET_ENV) or None
    sources, fetching = _sources(raw)
    if mode == "webhook" and not secret:
        raise ConfigError(f"telegram.mode is webhook: set {WEBHOOK_SECRET_ENV} in the environment")
    config = Config(
        base_url=base_url,
        mode=mode,
        webhook=webhook,
        http=HttpConfig(
            _typed(http, "listen", str, "127.0.0.1", "http."), _port(http, "port", 8080, "http.")
        ),
        push=_push(raw),
        reports_dir=_path(raw, "reports_dir", "seeds", base),
        database=_database(raw, base),
        cache_dir=_path(raw, "cache_dir", "data/cache", base),
        max_report_bytes=_max_report_bytes(raw),
        timezone=_timezone(raw),
        admins=_admins(raw),
        token=env.get(TOKEN_ENV) or None,
        webhook_secret=secret,
        source=source,
        sources=sources,
        fetching=fetching,
        web=_web(raw),
        reports_settle_seconds=_settle_seconds(raw),
        reports_links_into=_link_roots(raw, base),
        briefing_workers=_at_least_one(raw, "briefing_workers", os.cpu_count() or 1),
        database_connections=_at_least_one(raw, "database_connections", 4),
        telegram_timeout_seconds=telegram_timeout,
        freeze_startup_heap=_typed(raw, "freeze_startup_heap", bool, True),
    )
    raw.reject_unknown()
    return config


def default_config_path() -> Path:
    local = Path("config.yaml")
    return local if local.is_file() else PACKAGED_CONFIG


def load_config(path: Path, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate the YAML file at `path`; environment secrets are read now."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"config file {path} is not valid YAML: {exc}") from exc
    config = parse_config(raw, path.resolve().parent, os.environ if env is None else env, path)
    if "reports_dir" in raw and config.reports_dir.parent.is_dir():
        _first_run(config.reports_dir, path.resolve().parent / SEEDS)
    if not config.reports_dir.is_dir():  # found missing later, it would stop start-up half-way
        unset = "" if "reports_dir" in raw else " (not set: the default is 'seeds')"
        raise ConfigError(f"config key 'reports_dir'{unset}: no such folder: {config.reports_dir}")
    return config


def _first_run(folder: Path, seeds: Path) -> None:
    """Create the reports folder the config names (its parent must exist: a typo in a path
    still stops start-up) and copy the seed reports into it, so that a first start has one."""
    try:
        folder.mkdir()
        for seed in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
            shutil.copyfile(seed, folder / seed.name)
    except OSError:  # there already, or not writable: the check after says what matters
        return
