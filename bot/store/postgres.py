"""The bot's database on a PostgreSQL server, shared by several replicas (psycopg 3, async).

The same interface as SQLite's (bot/store/database.py), on a small pool of connections
(psycopg_pool, config `database_connections`) where SQLite has one connection and one lock: each statement or
transaction has a connection to itself for its time, so no other coroutine's statement comes
between a transaction's, and a push's claims, its outcomes and the replies' reads do not queue
behind one another for a round trip to the server each. The same migrations
(bot/store/schema.py, tracked in `schema_version`), the same statements — `?` placeholders and
SQLite's group_concat spelled for PostgreSQL here, nowhere else. Errors come out as sqlite3's
classes, so every caller catches one family: a server that cannot be reached or went away is
an OperationalError (retried like a lock; the pool throws the broken connection away and makes
new ones once the server is back), anything else a DatabaseError. Every line naming the server shows its URL
without the password (`name`); libpq's messages never hold it.

The push lock is a lease row (`leases`, name 'push'), not a session's advisory lock: a replica that
dies, or loses its network, loses the lease when it expires (`push.lease_seconds`), whether
or not the server noticed its connection drop, and a database that goes away for less than
that does not cost the holder its round. Its token, one more at every takeover, fences a
holder that stalled past the expiry: a claim is made only in a transaction that finds the
token still its own (LeaseLost otherwise). A source's poll is a turn taken the same way
(`take_turn`), held for the source's interval: one replica polls it each time. See
docs/replicas.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import secrets
import socket
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.rows import RowMaker
from psycopg_pool import AsyncConnectionPool

from . import schema
from .database import (
    LOCK_PATIENCE,
    Database,
    LeaseLost,
    Statement,
    StoreError,
    Transaction,
    patiently,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
CONNECT_TIMEOUT = 10  # seconds: a server that does not answer is reported, not waited for
POOL_WAIT = 5.0  # seconds a statement waits for a connection: the server away, it is retried
# /healthz's look at the server: short, since a load balancer waits on it (Caddy: 5 s)
HEALTH_SECONDS = 3.0
_MIGRATION_LOCK = 0x62726266  # the advisory lock key replicas upgrade the schema under

# Times are the server's clock (replicas' may differ), in epoch seconds. A lease is taken once
# the last holder's expiry passed, or again by the holder itself (a timer of its own that ran a
# little fast); every takeover counts one more token.
_LEASE_TAKE = (
    "INSERT INTO leases (name, holder, expires, token)"
    " VALUES (?, ?, extract(epoch FROM clock_timestamp()) + ?, 1)"
    " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires,"
    " token = leases.token + 1 WHERE leases.expires < extract(epoch FROM clock_timestamp())"
    " OR leases.holder = excluded.holder RETURNING token"
)
_LEASE_RENEW = (
    "UPDATE leases SET expires = extract(epoch FROM clock_timestamp()) + ?"
    " WHERE name = 'push' AND token = ?"
)
_LEASE_HELD = "SELECT 1 FROM leases WHERE name = 'push' AND token = ? FOR SHARE"
_LEASE_END = "UPDATE leases SET expires = 0 WHERE name = 'push' AND token = ?"


def redacted(url: str) -> str:
    """The URL without its password (the only form any line shows)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))


_PLACEHOLDER = re.compile(r"\?")
_GROUP_CONCAT = re.compile(r"\bgroup_concat\(", re.IGNORECASE)


def spelled(sql: str) -> str:
    """A statement written for SQLite, as PostgreSQL takes it from psycopg."""
    sql = sql.replace("%", "%%")  # a literal % (LIKE 'report:%') is not a placeholder
    return _GROUP_CONCAT.sub("string_agg(", _PLACEHOLDER.sub("%s", sql))


class Row(tuple[Any, ...]):
    """A row read by name (row["chat_id"]) or position, like sqlite3.Row."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def row_maker(cursor: Any) -> RowMaker[Row]:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row.names = names
        return row

    return make


def _translated(error: psycopg.Error) -> sqlite3.Error:
    """`error` as the sqlite3 class callers catch, in one line (those that log it name the
    server: Database.name)."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return sqlite3.OperationalError(text)
    if isinstance(error, psycopg.IntegrityError):
        return sqlite3.IntegrityError(text)
    return sqlite3.DatabaseError(text)


def _passing(error: sqlite3.OperationalError) -> bool:
    return True  # a server restarting or a network blip: every OperationalError may pass


class _PostgresTransaction:
    def __init__(self, connection: psycopg.AsyncConnection[Row]) -> None:
        self._connection = connection

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        cursor = await self._connection.execute(spelled(sql), tuple(params))
        return await cursor.fetchall() if cursor.description else []


class PostgresDatabase(Database):
    """The database at a postgresql:// URL (its password from PGPASSWORD, never the URL)."""

    shared = True

    def __init__(self, url: str, lease_seconds: float = 30.0, connections: int = 4) -> None:
        self.url = url
        self.connections = connections
        self.name = redacted(url)
        self.lease_seconds = lease_seconds
        # Host and process for the operator; and which of the process's databases (the command
        # line's `add` opens one beside the bot's).
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self._pool: AsyncConnectionPool[psycopg.AsyncConnection[Row]] | None = None
        self._opened = False
        self._lock = asyncio.Lock()  # opening and closing the pool
        self._token: int | None = None  # the push lease's, while this process holds it
        self._renewing: asyncio.Task[None] | None = None

    async def open(self) -> Database:
        """Connect and bring the schema up to date; StoreError naming the server if it cannot."""
        try:
            await self._connections()
        except sqlite3.Error as error:
            raise StoreError(f"cannot use the push database {self.name}: {error}") from None
        self._opened = True
        return self

    async def _connections(self) -> AsyncConnectionPool[psycopg.AsyncConnection[Row]]:
        """The pool, opened on first use: the schema upgraded first, on a connection of its own
        (so a wrong URL, a refused connection or a schema too new is one clear line). A failure
        comes out as sqlite3's class, like a statement's: a statement that opens the pool (before
        open(), or after close()) while the server is away is retried as any other; open()
        turns it into a StoreError."""
        async with self._lock:
            if self._pool is not None:
                return self._pool
            try:
                async with await psycopg.AsyncConnection.connect(
                    self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                    row_factory=row_maker,
                ) as connection:  # fmt: skip
                    await _upgrade(connection)
            except psycopg.Error as error:
                raise _translated(error) from None
            pool: AsyncConnectionPool[psycopg.AsyncConnection[Row]] = AsyncConnectionPool(
                self.url,
                kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT,
                        "row_factory": row_maker},
                min_size=1, max_size=self.connections, open=False, timeout=POOL_WAIT,
                name=f"database {self.name}",
            )  # fmt: skip
            await pool.open()
            self._pool = pool
            return pool

    @property
    def is_open(self) -> bool:
        return self._opened

    async def close(self) -> None:
        await self.unlock_pushes()
        async with self._lock:
            pool, self._pool, self._opened = self._pool, None, False
        if pool is not None:
            await pool.close()

    async def _run(self, work: Callable[[psycopg.AsyncConnection[Row]], Awaitable[T]]) -> T:
        async def attempt() -> T:
            pool = await self._connections()
            try:
                # A connection the server dropped is thrown away on its return, and the next
                # statement gets another (made anew by the pool once the server is back).
                async with pool.connection() as connection:
                    return await work(connection)
            except psycopg.Error as error:
                raise _translated(error) from None

        return await patiently(attempt, _passing)

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        values = tuple(params)
        return await self._run(lambda c: _PostgresTransaction(c).rows(sql, values))

    written = rows

    async def atomically(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        async def run(connection: psycopg.AsyncConnection[Row]) -> T:
            async with connection.transaction():
                return await work(_PostgresTransaction(connection))

        return await self._run(run)

    async def transaction(self, statements: list[Statement]) -> None:
        """`statements` in one transaction, pipelined: sent together with its BEGIN and
        COMMIT, one round trip to the server where each statement would cost one."""

        async def run(connection: psycopg.AsyncConnection[Row]) -> None:
            async with connection.pipeline(), connection.transaction():
                for sql, params in statements:
                    await connection.execute(spelled(sql), tuple(params))

        await self._run(run)

    async def claimed(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        token, values = self._token, tuple(params)
        if token is None:
            raise LeaseLost(f"the push lease passed to another replica ({self.name})")

        async def claim(connection: psycopg.AsyncConnection[Row]) -> list[Any]:
            # The lease's row read FOR SHARE, then the claim, sent together (pipelined): a
            # takeover's update of the row waits until this claim is committed, and a claim
            # made after the lease passed on is rolled back, never committed.
            async with connection.pipeline(), connection.transaction():
                held = await connection.execute(spelled(_LEASE_HELD), (token,))
                claimed = await connection.execute(spelled(sql), values)
                if not await held.fetchall():
                    raise LeaseLost(f"the push lease passed to another replica ({self.name})")
                return await claimed.fetchall()  # a claim returns its rows: RETURNING

        return await self._run(claim)

    # -- the push lease --------------------------------------------------------------------
    async def lock_pushes(self) -> bool:
        if self._token is not None:
            return False
        try:
            rows = await self.written(_LEASE_TAKE, ("push", self.holder, self.lease_seconds))
        except sqlite3.OperationalError as error:
            log.warning("push lease not taken: %s", error)
            return False
        if not rows:
            return False
        self._token = rows[0]["token"]
        self._renewing = asyncio.get_running_loop().create_task(self._renew(), name="lease")
        return True

    async def _renew(self) -> None:
        """Extend the lease every third of its term; past its expiry without a renewal the
        claims' fence refuses (another replica may hold it by then)."""
        while self._token is not None:  # ends when the lease is given up or lost
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                if not await self.write(_LEASE_RENEW, (self.lease_seconds, self._token)):
                    log.error(
                        "push lease lost: another replica took it over; this one stops claiming"
                    )
                    return
            except sqlite3.Error as error:
                log.warning("push lease not renewed (tried again in %g s): %s",
                            self.lease_seconds / 3, error)  # fmt: skip

    async def health(self) -> str | None:
        """None if the server answers within HEALTH_SECONDS. On a connection of its own: the
        shared one may be busy with a push, and a look cut off by its timeout must not leave
        that one mid-statement. The line names no host (/healthz may be public)."""

        async def look() -> None:
            async with await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=int(HEALTH_SECONDS)
            ) as connection:
                await connection.execute("SELECT 1")

        try:
            await asyncio.wait_for(look(), HEALTH_SECONDS)
        except (psycopg.Error, OSError, TimeoutError):
            return "the database server cannot be reached"
        return None

    async def push_holder(self) -> str | None:
        rows = await self.rows(
            "SELECT holder FROM leases WHERE name = 'push'"
            " AND expires > extract(epoch FROM clock_timestamp())"
        )
        holder = str(rows[0]["holder"]) if rows else None
        return holder if holder != self.holder else None

    async def take_turn(self, name: str, seconds: float) -> bool:
        """This replica's turn at `name` for `seconds`, unless another replica's runs."""
        return bool(await self.written(_LEASE_TAKE, (name, self.holder, seconds)))

    async def unlock_pushes(self) -> None:
        token, self._token = self._token, None
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
            self._renewing = None
        if token is not None:
            # Given up at once, so another replica need not wait out the expiry; if the server
            # is away, the expiry frees it anyway.
            with contextlib.suppress(sqlite3.Error):
                await asyncio.wait_for(self.written(_LEASE_END, (token,)), LOCK_PATIENCE)


async def _upgrade(connection: psycopg.AsyncConnection[Row]) -> None:
    """Bring the schema to schema.LATEST, each migration in its own transaction under an
    advisory lock, so replicas starting together upgrade it once."""
    known = len(schema.MIGRATIONS)
    await connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    while True:  # ends: each pass applies one migration, or returns
        async with connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            cursor = await connection.execute("SELECT max(version) FROM schema_version")
            row = await cursor.fetchone()
            found = int(row[0]) if row and row[0] is not None else 0
            if found > known:
                raise psycopg.DataError(str(schema.too_new(found, known)))
            if found == known:
                return
            for step in schema.MIGRATIONS[found]:
                if isinstance(step, str) and not isinstance(step, schema.SqliteOnly):
                    await connection.execute(schema.for_postgres(step).replace("%", "%%"), ())
            await connection.execute("DELETE FROM schema_version")
            await connection.execute("INSERT INTO schema_version VALUES (%s)", (found + 1,))
