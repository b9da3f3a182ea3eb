"""What has been fetched, from where and when (the bot's database): the fetch state of every URL, the
reports found with every digest and URL they were seen under, and each source's status.

Kept so that a restart neither refetches everything (validators and digests survive) nor
reports anything twice (a digest once seen is known for good). Tables are the `source_*`
ones, in the bot's schema (bot/store/schema.py) with its migrations, on the bot's one database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..store.backends import Target, database_at
from ..store.database import Database, Transaction
from .http import Validators

T = TypeVar("T")


@dataclass(frozen=True)
class UrlState:
    validators: Validators
    body_digest: str | None
    failures: int
    retry_at: float


@dataclass(frozen=True)
class StoredReport:
    id: int
    digest: str
    url: str
    title: str
    path: Path | None


@dataclass(frozen=True)
class SourceStatus:
    name: str
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    reports: int


def _when(epoch: float | None) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if epoch is not None else None


def _stored(row: Any) -> StoredReport:
    path = Path(row["path"]) if row["path"] else None
    return StoredReport(row["id"], row["digest"], row["url"], row["title"], path)


_ADD_ALIAS = "INSERT INTO source_report_urls (url, report_id) VALUES (?, ?) ON CONFLICT DO NOTHING"


class SourceStore:
    """The sources' tables, on the bot's one database (bot/store/database.py): its connection, lock,
    busy timeout and retry on a lock."""

    def __init__(self, database: Database, owned: bool = False) -> None:
        self._db = database
        self._owned = owned  # the database is this store's own, closed with it

    @classmethod
    async def open(cls, target: Target) -> SourceStore:
        """A store on its own database at `path` (the command line's `add`; the bot's state
        gives the running bot's, which only the state closes)."""
        return cls(await database_at(target).open(), owned=True)

    async def close(self) -> None:
        if self._owned:
            await self._db.close()

    async def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return await self._db.rows(sql, params)

    async def _atomically(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run `work`'s statements as one transaction, no other coroutine's in between."""
        return await self._db.atomically(work)

    async def _transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        await self._db.transaction(statements)

    # -- URLs ------------------------------------------------------------------------------
    async def url_state(self, url: str) -> UrlState | None:
        rows = await self._rows("SELECT * FROM source_urls WHERE url = ?", (url,))
        if not rows:
            return None
        row = rows[0]
        validators = Validators(row["etag"], row["last_modified"])
        return UrlState(validators, row["body_digest"], row["failures"], row["retry_at"])

    @staticmethod
    def _fetched_sql(
        url: str, source: str, validators: Validators, body_digest: str | None, at: float
    ) -> tuple[str, tuple[Any, ...]]:
        return (
            "INSERT INTO source_urls (url, source, etag, last_modified, body_digest, succeeded,"
            " error, failures, retry_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, 0)"
            " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, body_digest = excluded.body_digest,"
            " succeeded = excluded.succeeded, error = NULL, failures = 0, retry_at = 0",
            (url, source, validators.etag, validators.last_modified, body_digest, at),
        )

    async def record_fetched(
        self,
        url: str,
        source: str,
        validators: Validators,
        body_digest: str | None,
        at: float,
        error: str | None = None,
        listing: bool = False,
    ) -> None:
        """The URL was read (and, with `error`, found to hold no report: not retried until it
        changes, since the same bytes would fail the same way)."""
        statements = [self._fetched_sql(url, source, validators, body_digest, at)]
        if listing:
            statements.append(("UPDATE source_urls SET listing = 1 WHERE url = ?", (url,)))
        if error:
            statements.append(("UPDATE source_urls SET error = ? WHERE url = ?", (error, url)))
        await self._transaction(statements)

    async def record_not_modified(self, url: str, at: float) -> None:
        await self._transaction([(
            "UPDATE source_urls SET succeeded = ?, failures = 0, retry_at = 0 WHERE url = ?",
            (at, url),
        )])  # fmt: skip

    async def record_failure(
        self,
        url: str,
        source: str,
        error: str,
        at: float,
        backoff: tuple[float, float],
        listing: bool = False,
        not_before: float = 0.0,
    ) -> float:
        """Count a failure in a row and set when to retry: `first` seconds, doubling, capped,
        and never before `not_before` (what the server asked for). Returns the retry time."""
        first, longest = backoff
        state = await self.url_state(url)
        failures = (state.failures if state else 0) + 1
        retry_at = max(at + min(first * 2 ** (failures - 1), longest), not_before)
        await self._transaction([(
            "INSERT INTO source_urls (url, source, listing, error, failures, retry_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET error = excluded.error,"
            " failures = excluded.failures, retry_at = excluded.retry_at",
            (url, source, int(listing), error, failures, retry_at),
        )])  # fmt: skip
        return retry_at

    async def due_retries(self, source: str, now: float) -> list[str]:
        """Documents of `source` that failed and whose backoff has run out."""
        rows = await self._rows(
            "SELECT url FROM source_urls"
            " WHERE source = ? AND listing = 0 AND failures > 0 AND retry_at <= ?"
            " ORDER BY url",
            (source, now),
        )
        return [row["url"] for row in rows]

    # -- reports ---------------------------------------------------------------------------
    async def report_by_digest(self, digest: str) -> StoredReport | None:
        rows = await self._rows(
            "SELECT r.* FROM source_digests d JOIN source_reports r ON r.id = d.report_id"
            " WHERE d.digest = ?",
            (digest,),
        )
        return _stored(rows[0]) if rows else None

    async def report_by_url(self, url: str) -> StoredReport | None:
        rows = await self._rows(
            "SELECT r.* FROM source_report_urls u JOIN source_reports r ON r.id = u.report_id"
            " WHERE u.url = ?",
            (url,),
        )
        return _stored(rows[0]) if rows else None

    async def add_alias(self, url: str, report_id: int) -> None:
        await self._transaction([(
            _ADD_ALIAS,
            (url, report_id),
        )])  # fmt: skip

    async def save_report(
        self, url: str, source: str, digest: str, title: str, path: Path | None, at: float
    ) -> StoredReport:
        """Store a new report, or a new version of the report already read at `url`."""
        known = await self.report_by_url(url)

        async def run(db: Transaction) -> int:
            report_id = await self._upsert(db, known, url, source, digest, title, path, at)
            await db.rows(
                "INSERT INTO source_digests (digest, report_id) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                (digest, report_id),
            )
            await db.rows(_ADD_ALIAS, (url, report_id))
            return report_id

        report_id = await self._atomically(run)
        return StoredReport(report_id, digest, known.url if known else url, title, path)

    async def _upsert(
        self,
        db: Transaction,
        known: StoredReport | None,
        url: str,
        source: str,
        digest: str,
        title: str,
        path: Path | None,
        at: float,
    ) -> int:
        where = str(path) if path else None
        if known:
            await db.rows(
                "UPDATE source_reports SET digest = ?, title = ?, path = ?, updated = ?"
                " WHERE id = ?",
                (digest, title, where, at, known.id),
            )
            return known.id
        rows = await db.rows(
            "INSERT INTO source_reports (digest, url, source, title, path, first_fetched, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (digest, url, source, title, where, at, at),
        )
        return int(rows[0]["id"])

    # -- sources ---------------------------------------------------------------------------
    async def my_turn(self, name: str, seconds: float) -> bool:
        """Whether this replica polls source `name` now: one replica a poll, each interval
        (`seconds`), among those sharing the database (always, on SQLite)."""
        return await self._db.take_turn("source:" + name, seconds)

    async def note_source(
        self, name: str, at: float, succeeded: bool, error: str | None = None
    ) -> None:
        """A poll of `name` ended: its listing read (`succeeded`), and its last fault if any."""
        await self._transaction([(
            "INSERT INTO source_status (name, last_success, last_error, last_error_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            " last_success = COALESCE(excluded.last_success, source_status.last_success),"
            " last_error = COALESCE(excluded.last_error, source_status.last_error),"
            " last_error_at = COALESCE(excluded.last_error_at, source_status.last_error_at)",
            (name, at if succeeded else None, error, at if error else None),
        )])  # fmt: skip

    async def statuses(self) -> list[SourceStatus]:
        """Every source polled: last success, last error and how many reports it brought."""
        rows = await self._rows(
            "SELECT s.*, (SELECT COUNT(*) FROM source_reports r WHERE r.source = s.name) AS n"
            " FROM source_status s ORDER BY s.name"
        )
        return [
            SourceStatus(row["name"], _when(row["last_success"]), row["last_error"],
                         _when(row["last_error_at"]), row["n"])
            for row in rows
        ]  # fmt: skip
