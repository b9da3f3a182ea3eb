"""The bot's one database: one connection, one discipline, for every table.

Two backends behind one interface (`Database`): embedded SQLite (WAL, the default; here) and a
PostgreSQL server that several replicas share (bot/store/postgres.py); `database_at` picks by the
configured target. The repositories write one SQL for both (`?` placeholders, ON CONFLICT, no
SQLite-only functions but those bot/store/postgres.py translates), and catch one family of errors:
sqlite3's, which the PostgreSQL backend raises too (a lost server is an OperationalError, so
every retry below and in the push round applies to it unchanged).

The application state owns one `Database` (bot/state.py); the repositories — subscriptions
and deliveries (bot/push/store.py), follows and alerts (bot/push/follows.py), the chats'
settings (bot/store/chats.py), the sources' fetch state (bot/sources/store.py) — are given it and
never open the file themselves. Whoever adds a table adds a migration to bot/store/schema.py and a
repository over this object.

The discipline, the same for every statement:
- All access goes through one lock, so a multi-statement transaction is never interleaved with
  another coroutine's statement.
- A statement waits BUSY_TIMEOUT_SECONDS for another process's write lock (SQLite's busy
  timeout); a write that still finds the file locked is tried again until LOCK_PATIENCE
  seconds have passed, unless its caller retries by itself (the push round, `retrying_outside`).
  Any other failure (a full disk, a read-only file) is raised at once: the handlers' error
  handler turns it into the storage-error reply (bot/handlers/errors.py), nothing written.
- Before a write, the file this connection has open must still be the one at the path: a
  database deleted or replaced under the running bot raises StoreGone instead of writing into
  a file nobody will read again.

The file is also opened once more: its flock is the push lock (one process pushes at a time).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import fcntl
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite

from . import schema

T = TypeVar("T")
Statement = tuple[str, tuple[Any, ...]]

BUSY_TIMEOUT_SECONDS = 10.0  # how long a statement waits for another connection's write lock
LOCK_PATIENCE = 60.0  # then a write is tried again, this long at most, before it fails
FIRST_DELAY = 0.05
MAX_DELAY = 2.0

# Set while a caller retries every failed statement by itself (the push round's Retrying): the
# database then raises a lock at once, so the caller sees, logs and waits out the fault.
_RETRIED_OUTSIDE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "retried_outside", default=False
)


@contextlib.contextmanager
def retrying_outside() -> Iterator[None]:
    """Within this block the caller retries failed statements itself (see the module doc)."""
    token = _RETRIED_OUTSIDE.set(True)
    try:
        yield
    finally:
        _RETRIED_OUTSIDE.reset(token)


class StoreError(Exception):
    """The database cannot be opened or written; the message names the file."""


class LeaseLost(Exception):
    """Another replica took the push lease (this one stalled past its expiry): no more claims."""


class StoreGone(sqlite3.DatabaseError):
    """The database file was deleted or replaced while in use: writes would go nowhere."""


def is_locked(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (SQLITE_BUSY/LOCKED): it passes by itself."""
    text = str(error)
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _reason(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return str(error)


def _check_usable(path: Path) -> None:
    """Create the database, bring its schema up to date (bot/store/schema.py) and try a write
    (rolled back), with plain sqlite3.

    SQLite opens a read-only file without complaint and fails only at the first write, which
    would be a user's /subscribe: fail at start-up instead. Done before aiosqlite connects,
    whose worker thread outlives a failed connect and complains at interpreter exit.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(
        sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    ) as db:
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


class Transaction(Protocol):
    """The statements of one transaction (`Database.atomically`), on either backend."""

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]: ...


class _SqliteTransaction:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        return list(await self._db.execute_fetchall(sql, tuple(params)))


class Database:
    """The interface every repository is given: statements, transactions, the push lock.

    `name` is what logs and errors call it: the file's path, or the server's URL without its
    password. A subclass supplies rows, written, atomically and the push lock.
    """

    name: str
    # Whether other bot processes write to it too (replicas on one server): then what a
    # repository holds in memory may be stale, and it reads the database instead.
    shared = False

    async def open(self) -> Database:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        raise NotImplementedError

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        raise NotImplementedError

    async def written(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """Run one writing statement (its own transaction); return the rows it returns."""
        raise NotImplementedError

    async def atomically(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run `work`'s statements as one transaction, no other coroutine's in between; on a
        lock the whole of it is tried again."""
        raise NotImplementedError

    async def claimed(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        """`written`, for a statement that claims sends: only while this process holds the push
        lock (LeaseLost otherwise, where another process could have taken it: PostgreSQL)."""
        return await self.written(sql, params)

    async def lock_pushes(self) -> bool:
        """Take the push lock unless another pusher holds it (any process, this one too)."""
        raise NotImplementedError

    async def unlock_pushes(self) -> None:
        raise NotImplementedError

    async def take_turn(self, name: str, seconds: float) -> bool:
        """Whether this process is the one to do `name` (a source's poll) for the next
        `seconds`: always, on a database only one bot process uses (SQLite's file)."""
        return True

    def file_problem(self) -> str | None:
        """Why writes would be lost (a file deleted under the bot), if they would."""
        return None

    async def health(self) -> str | None:
        """Why the bot cannot keep what it is told right now, if it cannot (for /healthz)."""
        return self.file_problem()

    async def push_holder(self) -> str | None:
        """Which other bot process is pushing, if one is and this database can tell (the
        lease's holder on PostgreSQL; None on SQLite, whose lock names nobody)."""
        return None

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one writing statement (its own transaction); return how many rows it changed."""
        return len(await self.written(sql + " RETURNING 1", params))

    async def transaction(self, statements: list[Statement]) -> None:
        """Run `statements` in one transaction."""

        async def run(db: Transaction) -> None:
            for sql, params in statements:
                await db.rows(sql, params)

        await self.atomically(run)


class SqliteDatabase(Database):
    """The SQLite file at `path`, opened on first use (or by `open`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self._db: aiosqlite.Connection | None = None
        self._file = -1  # the database file, opened once more: push lock and identity
        self._pushing = False
        self._lock = asyncio.Lock()
        self._opening = asyncio.Lock()

    async def open(self) -> Database:
        """Open (creating, upgrading) the database unless open; StoreError if it cannot be
        created or written."""
        async with self._opening:
            if self._db is None:
                self._db, self._file = await self._connect()
        return self

    async def _connect(self) -> tuple[aiosqlite.Connection, int]:
        path = self.path
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
        return db, file

    @property
    def is_open(self) -> bool:
        return self._db is not None

    async def close(self) -> None:
        if self._db is None:
            return
        # In this order: closing any descriptor of the file drops every POSIX lock this
        # process holds on it, SQLite's own included, so ours goes after SQLite is done.
        db, self._db = self._db, None
        await db.close()
        os.close(self._file)
        self._file, self._pushing = -1, False

    async def _connection(self) -> aiosqlite.Connection:
        if self._db is None:
            await self.open()
        assert self._db is not None  # open() connected, or raised
        return self._db

    # -- the push lock and the file's identity ---------------------------------------------
    async def lock_pushes(self) -> bool:
        """An flock on the database file itself: an operator cannot delete it from under a
        running push without deleting the database, and the kernel releases it even on
        kill -9. flock and SQLite's fcntl locks do not interact.
        """
        if self._pushing or self._db is None:
            return False
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        self._pushing = True
        return True

    async def unlock_pushes(self) -> None:
        if self._pushing:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._pushing = False

    def file_problem(self) -> str | None:
        """Why writes would be lost, if the path no longer names the file this database has
        open (None too while it is not open)."""
        if self._db is None:
            return None
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

    # -- statements --------------------------------------------------------------------------
    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        db = await self._connection()
        values = tuple(params)

        async def attempt() -> list[Any]:
            async with self._lock:
                return list(await db.execute_fetchall(sql, values))

        return await patiently(attempt, is_locked)

    async def written(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        db = await self._connection()
        values = tuple(params)

        async def attempt() -> list[Any]:
            async with self._lock:
                self._ensure_file()
                return list(await db.execute_fetchall(sql, values))

        return await patiently(attempt, is_locked)

    async def atomically(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        db = await self._connection()

        async def attempt() -> T:
            async with self._lock:
                self._ensure_file()
                await db.execute("BEGIN IMMEDIATE")
                try:
                    result = await work(_SqliteTransaction(db))
                except BaseException:
                    # SQLite rolls back by itself on some errors (a full disk, an I/O error);
                    # a second ROLLBACK would fail and hide the error that matters.
                    if db.in_transaction:
                        await db.execute("ROLLBACK")
                    raise
                await db.execute("COMMIT")
                return result

        return await patiently(attempt, is_locked)


async def patiently(
    attempt: Callable[[], Awaitable[T]], passing: Callable[[sqlite3.OperationalError], bool]
) -> T:
    """`attempt`, tried again while its failure is `passing` (a lock; a server restarting),
    LOCK_PATIENCE at most, unless the caller retries by itself."""
    if _RETRIED_OUTSIDE.get():
        return await attempt()
    delay, deadline = FIRST_DELAY, time.monotonic() + LOCK_PATIENCE
    while True:  # ends: each failed try moves towards the deadline
        try:
            return await attempt()
        except sqlite3.OperationalError as error:
            if not passing(error) or time.monotonic() + delay > deadline:
                raise
        await asyncio.sleep(delay)
        delay = min(2 * delay, MAX_DELAY)
