"""The push database: subscriptions and the delivery log (SQLite, WAL).

The delivery log is an outbox keyed by (subscription, slot): a slot is a briefing's due time
(UTC) or `report:<digest>` for a new-report announcement. A row moves pending → sending →
sent | failed | blocked, and `sending` is committed before the request leaves (see
docs/pushes.md for why this makes restarts safe). All access goes through one lock so a
multi-statement transaction is never interleaved with another coroutine's statement.

The Store also keeps the database file itself open: its flock is the push lock (only one
process pushes at a time), and comparing it with the path tells a write that the file it would
go to was deleted or replaced under the running bot. Its one connection also carries the chats'
settings (bot/chats.py, through `rows` and `write`); the schema is bot/schema.py's migrations.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import aiosqlite

from .. import schema
from ..chats import move_statements
from .batch import Batch
from .schedule import Frequency, Schedule

ANNOUNCE = "report:"


def iso(moment: datetime) -> str:
    """A sortable UTC text form: equal instants give equal strings."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Subscription:
    id: int
    chat_id: int
    thread_id: int
    schedule: Schedule
    timezone: str
    next_due: datetime
    hurry: bool
    report: str
    position: int

    @property
    def slot(self) -> str:
        return iso(self.next_due)

    @classmethod
    def from_row(cls, row: Any) -> Subscription:
        hours, minutes = map(int, row["at"].split(":"))
        return cls(
            id=row["id"],
            chat_id=row["chat_id"],
            thread_id=row["thread_id"],
            schedule=Schedule(time(hours, minutes), Frequency(row["frequency"])),
            timezone=row["timezone"],
            next_due=datetime.fromisoformat(row["next_due"]),
            hurry=bool(row["hurry"]),
            report=row["report"],
            position=row["position"],
        )


@dataclass(frozen=True)
class Announcement:
    """The reports a subscription is owed announcements of: one message tells of them all."""

    sub_id: int
    chat_id: int
    thread_id: int
    digests: tuple[str, ...]

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(ANNOUNCE + digest for digest in self.digests)


@dataclass(frozen=True)
class Stats:
    subscribers: int
    sent: int
    failed: int
    last_error: str | None


@dataclass(frozen=True)
class Advance:
    """How a delivered (or given-up) briefing moves its subscription on."""

    next_due: datetime
    report: str
    position: int


BATCH = 200  # writes per statement at most; 8 parameters each, far under SQLite's limit

# One statement claims a batch: a row is claimed if its subscription exists and, for a
# briefing, still has that slot due; an announcement must have been enqueued and still be
# pending (the upsert's WHERE).
_CLAIM = (
    "WITH want (sub_id, slot, announcement, updated) AS (VALUES {rows})"
    " INSERT INTO deliveries (sub_id, slot, chat_id, state, updated)"
    " SELECT s.id, want.slot, s.chat_id, 'sending', want.updated"
    " FROM want JOIN subscriptions s ON s.id = want.sub_id"
    " WHERE CASE WHEN want.announcement THEN EXISTS (SELECT 1 FROM deliveries d"
    "  WHERE d.sub_id = s.id AND d.slot = want.slot) ELSE s.next_due = want.slot END"
    " ON CONFLICT (sub_id, slot) DO UPDATE SET state = 'sending',"
    " updated = excluded.updated WHERE state = 'pending'"
    " RETURNING sub_id, slot"
)
_FINISH = (
    "WITH done (sub_id, slot, state, error, updated, next_due, report, position)"
    " AS (VALUES {rows})"
    " UPDATE deliveries SET state = done.state, attempts = attempts + 1,"
    " error = coalesce(done.error, deliveries.error), updated = done.updated,"
    " next_due = done.next_due, report = done.report, position = done.position"
    " FROM done WHERE deliveries.sub_id = done.sub_id AND deliveries.slot = done.slot"
)
Claim = tuple[int, str, bool, str]
# A finished send as _FINISH writes it: (sub_id, slot, state, error, updated, next_due, report, position).
FinishRow = tuple[int, str, str, str | None, str, str | None, str | None, int | None]


def _values(sql: str, rows: list[tuple[Any, ...]]) -> tuple[str, tuple[Any, ...]]:
    """`sql` with its VALUES list sized for `rows`, and the rows' parameters in order."""
    marks = "(" + ", ".join("?" * len(rows[0])) + ")"
    return sql.format(rows=", ".join([marks] * len(rows))), tuple(v for row in rows for v in row)


class StoreError(Exception):
    """The push database cannot be opened or written; the message names the file."""


class StoreGone(sqlite3.DatabaseError):
    """The database file was deleted or replaced while in use: writes would go nowhere."""


BUSY_TIMEOUT_SECONDS = 10.0  # how long a statement waits for another connection's write lock


def _reason(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)


def _check_usable(path: Path) -> None:
    """Create the database, bring its schema up to date (bot/schema.py) and try a write
    (rolled back), with plain sqlite3.

    SQLite opens a read-only file without complaint and fails only at the first write, which
    would be a user's /subscribe: fail at start-up instead. Done before aiosqlite connects,
    whose worker thread outlives a failed connect and complains at interpreter exit.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        # Corrupt pages would start a bot whose every write then fails: refuse now. A quick
        # check reads each page once (about a second per 100 MB).
        problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(problems))
        schema.upgrade(db)
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("INSERT OR REPLACE INTO chat_settings (chat_id) VALUES (0)")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")


async def _prepare(db: aiosqlite.Connection) -> None:
    db.row_factory = aiosqlite.Row
    # WAL: readers never block the sender; NORMAL sync survives a killed process (the WAL
    # is in the OS cache), and only an OS crash could lose the last commits.
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL"):
        await db.execute(f"PRAGMA {pragma}")


class Store:
    def __init__(self, db: aiosqlite.Connection, path: Path, file: int) -> None:
        self._db = db
        self.path = path
        self._file = file  # the database file, opened once more: push lock and identity
        self._pushing = False
        self._lock = asyncio.Lock()
        self._claims = Batch(self._claim_batch, BATCH)
        self._outcomes = Batch(self._finish_batch, BATCH)

    @classmethod
    async def open(cls, path: Path) -> Store:
        """Open (creating) the database; StoreError if it cannot be created or written."""
        try:
            await asyncio.to_thread(_check_usable, path)
            file = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot use the push database {path}: {_reason(error)}") from error
        try:
            db = await aiosqlite.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
        except BaseException:
            os.close(file)
            raise
        try:
            await _prepare(db)
        except sqlite3.Error as error:
            await db.close()
            os.close(file)
            raise StoreError(f"cannot use the push database {path}: {error}") from error
        return cls(db, path, file)

    async def close(self) -> None:
        # In this order: closing any descriptor of the file drops every POSIX lock this
        # process holds on it, SQLite's own included, so ours goes after SQLite is done.
        await self._db.close()
        os.close(self._file)

    # -- the push lock and the file's identity ---------------------------------------------
    def lock_pushes(self) -> bool:
        """Take the push lock unless another pusher holds it (any process, this one too).

        An flock on the database file itself: an operator cannot delete it from under a
        running push without deleting the database, and the kernel releases it even on
        kill -9. flock and SQLite's fcntl locks do not interact.
        """
        if self._pushing:
            return False
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        self._pushing = True
        return True

    def unlock_pushes(self) -> None:
        if self._pushing:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._pushing = False

    def file_problem(self) -> str | None:
        """Why writes would be lost, if the path no longer names the file this store has open."""
        mine = os.fstat(self._file)
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            now = None
        if now is None or (now.st_dev, now.st_ino) != (mine.st_dev, mine.st_ino):
            return (
                "the database file was deleted or replaced while in use; nothing more is"
                " written to it: restore it and restart"
            )
        return None

    def _ensure_file(self) -> None:
        problem = self.file_problem()
        if problem is not None:
            raise StoreGone(problem)

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async with self._lock:
            return list(await self._db.execute_fetchall(sql, tuple(params)))

    async def _written(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """Run one writing statement (its own transaction); return the rows it returns."""
        async with self._lock:
            self._ensure_file()
            return list(await self._db.execute_fetchall(sql, tuple(params)))

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one writing statement (its own transaction); return how many rows it changed."""
        return len(await self._written(sql + " RETURNING 1", params))

    async def transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Run `statements` in one transaction (for the stores that share this connection)."""
        await self._transaction(statements)

    async def _transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        async with self._lock:
            self._ensure_file()
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    await self._db.execute(sql, params)
            except BaseException:
                # SQLite rolls back by itself on some errors (a full disk, an I/O error); a
                # second ROLLBACK would fail and hide the error that matters.
                if self._db.in_transaction:
                    await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    # -- subscriptions ------------------------------------------------------------------
    async def subscriptions_of(self, chat_id: int) -> list[Subscription]:
        rows = await self.rows(
            "SELECT * FROM subscriptions WHERE chat_id = ? ORDER BY thread_id", (chat_id,)
        )
        return [Subscription.from_row(row) for row in rows]

    async def get(self, chat_id: int, thread_id: int) -> Subscription | None:
        rows = await self.rows(
            "SELECT * FROM subscriptions WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
        )
        return Subscription.from_row(rows[0]) if rows else None

    async def subscribe(
        self, chat_id: int, thread_id: int, schedule: Schedule, zone: str, due: datetime,
        known: Iterable[str], now: datetime,
    ) -> Subscription:  # fmt: skip
        """Create or change the chat's (topic's) subscription; `known` reports are not news."""
        upsert = (
            "INSERT INTO subscriptions (chat_id, thread_id, at, frequency, timezone, next_due,"
            " created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, thread_id) DO UPDATE"
            " SET at = excluded.at, frequency = excluded.frequency,"
            " timezone = excluded.timezone, next_due = excluded.next_due, hurry = 0"
        )
        values = (f"{schedule.at:%H:%M}", schedule.frequency.value, zone, iso(due), iso(now))
        mark = (
            "INSERT OR IGNORE INTO deliveries (sub_id, slot, chat_id, state, updated)"
            " SELECT id, ?, chat_id, 'known', ? FROM subscriptions"
            " WHERE chat_id = ? AND thread_id = ?"
        )
        statements: list[tuple[str, tuple[Any, ...]]] = [(upsert, (chat_id, thread_id, *values))]
        statements += [(mark, (ANNOUNCE + d, iso(now), chat_id, thread_id)) for d in known]
        await self._transaction(statements)
        subscription = await self.get(chat_id, thread_id)
        assert subscription is not None  # just written in the same connection
        return subscription

    async def reschedule(self, sub_id: int, zone: str, due: datetime) -> None:
        await self.write(
            "UPDATE subscriptions SET timezone = ?, next_due = ? WHERE id = ?",
            (zone, iso(due), sub_id),
        )

    async def unsubscribe(self, chat_id: int, thread_id: int) -> bool:
        return bool(
            await self.write(
                "DELETE FROM subscriptions WHERE chat_id = ? AND thread_id = ?",
                (chat_id, thread_id),
            )
        )

    async def migrate_chat(self, old: int, new: int) -> None:
        """A group became a supergroup, with a new id: its subscriptions, time zone and report
        choice follow it. What the new chat already set for itself wins."""
        move, drop = (new, old), (old,)
        await self._transaction([
            ("UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?", move),
            ("DELETE FROM subscriptions WHERE chat_id = ?", drop),
            ("UPDATE deliveries SET chat_id = ? WHERE chat_id = ?", move),
            *move_statements(old, new),
        ])  # fmt: skip

    async def hurry_all(self) -> int:
        """Make every subscription due now (/push_now); durable, so a restart finishes it."""
        return await self.write("UPDATE subscriptions SET hurry = 1")

    async def due(self, now: datetime, after_id: int, limit: int) -> list[Subscription]:
        rows = await self.rows(
            "SELECT * FROM subscriptions WHERE (next_due <= ? OR hurry = 1) AND id > ?"
            " ORDER BY id LIMIT ?",
            (iso(now), after_id, limit),
        )
        return [Subscription.from_row(row) for row in rows]

    # -- announcements -------------------------------------------------------------------
    async def enqueue_announcements(self, digests: Iterable[str], now: datetime) -> int:
        """One pending announcement per (subscription, report) never recorded before."""
        # BATCH reports a statement: a bulk drop of thousands is a few commits, not thousands.
        sql = (
            "WITH want (slot) AS (VALUES {rows})"
            " INSERT OR IGNORE INTO deliveries (sub_id, slot, chat_id, state, updated)"
            " SELECT s.id, want.slot, s.chat_id, 'pending', ? FROM subscriptions s, want"
        )
        slots = [(ANNOUNCE + digest,) for digest in digests]
        count = 0
        for start in range(0, len(slots), BATCH):
            statement, params = _values(sql, slots[start : start + BATCH])
            count += await self.write(statement, (*params, iso(now)))
        return count

    async def pending_announcements(self, after: int, limit: int) -> list[Announcement]:
        """The announcements owed, per subscription (ids over `after`), `limit` subscriptions."""
        rows = await self.rows(
            "SELECT d.sub_id, s.chat_id, s.thread_id, group_concat(d.slot, ' ') AS slots"
            " FROM deliveries d JOIN subscriptions s ON s.id = d.sub_id"
            " WHERE d.state = 'pending' AND d.slot LIKE 'report:%' AND d.sub_id > ?"
            " GROUP BY d.sub_id ORDER BY d.sub_id LIMIT ?",
            (after, limit),
        )
        return [
            Announcement(r["sub_id"], r["chat_id"], r["thread_id"],
                         tuple(slot[len(ANNOUNCE) :] for slot in r["slots"].split()))
            for r in rows
        ]  # fmt: skip

    # -- the delivery log ------------------------------------------------------------------
    async def claim(self, sub_id: int, slot: str, now: datetime) -> bool:
        """Atomically mark (sub, slot) as sending, if the subscription still wants it.

        A briefing's slot must still be the subscription's due time; an announcement must be
        pending. Anything else (already sent, being sent, unsubscribed) is not claimed. True
        only once the claim is committed.
        """
        return await self._claims.submit((sub_id, slot, slot.startswith(ANNOUNCE), iso(now)))

    async def _claim_batch(self, claims: list[Claim]) -> list[bool]:
        claimed = {tuple(row) for row in await self._written(*_values(_CLAIM, claims))}
        return [(sub_id, slot) in claimed for sub_id, slot, _, _ in claims]

    async def record_attempt(self, sub_id: int, slot: str, error: str, now: datetime) -> None:
        await self.write(
            "UPDATE deliveries SET attempts = attempts + 1, error = ?, updated = ?"
            " WHERE sub_id = ? AND slot = ?",
            (error, iso(now), sub_id, slot),
        )

    async def finish(
        self, sub_id: int, slot: str, state: str, error: str | None, now: datetime,
        advance: Advance | None = None,
    ) -> None:  # fmt: skip
        """Record the outcome; the schema's triggers move the subscription on with it."""
        move = (iso(advance.next_due), advance.report, advance.position) if advance else (None,) * 3
        await self._outcomes.submit((sub_id, slot, state, error, iso(now), *move))

    async def _finish_batch(self, rows: list[FinishRow]) -> list[None]:
        await self._written(*_values(_FINISH, rows))
        return [None] * len(rows)

    async def recover(self) -> int:
        """Requeue sends a dead process left in flight; drop those no longer wanted.

        Only called while holding the push lock, so no live sender owns a `sending` row.
        """
        requeued = await self.write(
            "UPDATE deliveries SET state = 'pending', error = 'interrupted: outcome unknown'"
            " WHERE state = 'sending'"
        )
        await self.write(
            "UPDATE deliveries SET state = 'superseded' WHERE state = 'pending' AND NOT EXISTS"
            " (SELECT 1 FROM subscriptions s WHERE s.id = sub_id"
            "  AND (slot LIKE 'report:%' OR s.next_due = slot))"
        )
        return requeued

    async def stats(self, since: datetime) -> Stats:
        subscribers = await self.rows("SELECT count(*) AS n FROM subscriptions")
        counts = await self.rows(
            "SELECT state, count(*) AS n FROM deliveries WHERE updated >= ? GROUP BY state",
            (iso(since),),
        )
        errors = await self.rows(
            "SELECT error FROM deliveries WHERE error IS NOT NULL ORDER BY updated DESC LIMIT 1"
        )
        by_state = {row["state"]: row["n"] for row in counts}
        return Stats(
            subscribers=subscribers[0]["n"],
            sent=by_state.get("sent", 0),
            failed=by_state.get("failed", 0) + by_state.get("blocked", 0),
            last_error=errors[0]["error"] if errors else None,
        )
