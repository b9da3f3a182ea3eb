"""The bot's database schema as numbered migrations, tracked by `PRAGMA user_version`.

One file holds the push tables, the chats' settings and the sources' `source_*` tables, so
one list describes it all and every store that opens the file brings it up to date. Each
migration runs once, in order, inside one transaction with its version bump: a failure
leaves the file at the version before it, and two processes opening the file at once
upgrade it once (the second finds the version already reached once it gets the lock).

Migration 1 is the schema as it stood before versions were kept, written with IF NOT EXISTS:
a database made then (user_version 0, those tables) passes through it unchanged. A new
column or table is a new migration appended here, never an edit to an old one.

PostgreSQL (bot/store/postgres.py) follows the same history, version for version, kept in its
`schema_version` table: the statements are written in SQLite's types and `for_postgres`
spells them for it (64-bit integers, double precision); the few SQLite-only steps (triggers
since dropped) are marked `SqliteOnly` and skipped there.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence


class SqliteOnly(str):
    """A step in SQLite's own syntax (a trigger) that PostgreSQL skips."""


Step = str | Callable[[sqlite3.Connection], None]

_PUSH_V1 = (
    "CREATE TABLE IF NOT EXISTS chats (chat_id INTEGER PRIMARY KEY, timezone TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS report_choices (chat_id INTEGER PRIMARY KEY, digest TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    frequency TEXT NOT NULL,
    timezone TEXT NOT NULL,
    next_due TEXT NOT NULL,
    hurry INTEGER NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    UNIQUE (chat_id, thread_id)
)""",
    "CREATE INDEX IF NOT EXISTS subscriptions_due ON subscriptions (next_due)",
    # The delivery log, an outbox keyed by (subscription, slot): see bot/push/store.py.
    """CREATE TABLE IF NOT EXISTS deliveries (
    sub_id INTEGER NOT NULL,
    slot TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    updated TEXT NOT NULL,
    next_due TEXT,
    report TEXT,
    position INTEGER,
    PRIMARY KEY (sub_id, slot)
)""",
    "CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state)",
    "CREATE INDEX IF NOT EXISTS deliveries_updated ON deliveries (updated)",
    # A briefing's row carries the move it causes (next_due, report, position); recording its
    # outcome applies the move in the same statement, hence atomically, in one round trip.
    SqliteOnly(
        """CREATE TRIGGER IF NOT EXISTS delivery_advances AFTER UPDATE OF state ON deliveries
WHEN NEW.state IN ('sent', 'failed') AND NEW.next_due IS NOT NULL
BEGIN
    UPDATE subscriptions SET next_due = NEW.next_due, hurry = 0, report = NEW.report,
        position = NEW.position
    WHERE id = NEW.sub_id AND next_due = NEW.slot;
END"""
    ),
    SqliteOnly(
        """CREATE TRIGGER IF NOT EXISTS delivery_blocked AFTER UPDATE OF state ON deliveries
WHEN NEW.state = 'blocked'
BEGIN
    DELETE FROM subscriptions WHERE id = NEW.sub_id;
END"""
    ),
)

_SOURCES_V1 = (
    """CREATE TABLE IF NOT EXISTS source_urls (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    listing INTEGER NOT NULL DEFAULT 0,  -- a feed or index page, not a document
    etag TEXT,
    last_modified TEXT,
    body_digest TEXT,          -- sha256 of the bytes last read: unchanged bytes are not reparsed
    succeeded REAL,            -- last 200 or 304 (epoch seconds)
    error TEXT,                -- last fault, one line; NULL once fetched again
    failures INTEGER NOT NULL DEFAULT 0,  -- in a row; sets the backoff
    retry_at REAL NOT NULL DEFAULT 0
)""",
    """CREATE TABLE IF NOT EXISTS source_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    digest TEXT NOT NULL,      -- content digest of the current version
    url TEXT NOT NULL,         -- where it was first found
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    path TEXT,                 -- its file in reports_dir
    first_fetched REAL NOT NULL,
    updated REAL NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS source_report_urls (
    url TEXT PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES source_reports (id)
)""",
    """CREATE TABLE IF NOT EXISTS source_digests (
    digest TEXT PRIMARY KEY,   -- every version ever read, so a stale copy is never new
    report_id INTEGER NOT NULL REFERENCES source_reports (id)
)""",
    """CREATE TABLE IF NOT EXISTS source_status (
    name TEXT PRIMARY KEY,
    last_success REAL,
    last_error TEXT,
    last_error_at REAL
)""",
)

# A chat's settings in one row of their own (bot/store/chats.py), with a language; NULL = default.
_CHAT_SETTINGS_V2 = (
    """CREATE TABLE chat_settings (
    chat_id INTEGER PRIMARY KEY,
    timezone TEXT,             -- IANA name; NULL: the configured default
    report TEXT,               -- the digest chosen with /use; NULL: the newest report
    language TEXT NOT NULL DEFAULT 'zh'
)""",
    "INSERT INTO chat_settings (chat_id, timezone) SELECT chat_id, timezone FROM chats",
    # WHERE true: without it SQLite would read ON CONFLICT as part of the SELECT's join.
    "INSERT INTO chat_settings (chat_id, report) SELECT chat_id, digest FROM report_choices"
    " WHERE true ON CONFLICT (chat_id) DO UPDATE SET report = excluded.report",
    "DROP TABLE chats",
    "DROP TABLE report_choices",
)

# Topic alerts (/follow, bot/push/follows.py): each chat's followed words, and an outbox of
# alerts keyed by (follow, report) with the deliveries' states. `report_news` holds each report
# once it was matched against the follows (and whether it was a corrected republication): a
# restart neither matches it again nor alerts twice, and a later follow is not alerted to it.
_FOLLOWS_V3 = (
    """CREATE TABLE follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL DEFAULT 0,  -- the forum topic the alerts go to (0: none)
    words TEXT NOT NULL,       -- as typed
    terms TEXT NOT NULL,       -- normalised (briefings.alerts.terms): what is matched
    created TEXT NOT NULL,
    UNIQUE (chat_id, terms)
)""",
    """CREATE TABLE alerts (
    follow_id INTEGER NOT NULL,
    digest TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    state TEXT NOT NULL,       -- pending, sending, sent, failed, blocked, superseded
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    updated TEXT NOT NULL,
    text TEXT NOT NULL,        -- the alert as sent (HTML), fixed when the report was matched
    sentences TEXT NOT NULL,   -- the matching sentences: a correction that changes none of
                               -- them is no news to this follow
    PRIMARY KEY (follow_id, digest)
)""",
    "CREATE INDEX alerts_state ON alerts (state)",
    """CREATE TABLE report_news (
    digest TEXT PRIMARY KEY,
    updated INTEGER NOT NULL DEFAULT 0,  -- 1: a corrected republication of an earlier report
    matched TEXT NOT NULL      -- when it was matched against the follows (UTC)
)""",
    # A chat that blocked the bot wants no alert any more, whatever its words.
    SqliteOnly(
        """CREATE TRIGGER alert_blocked AFTER UPDATE OF state ON alerts
WHEN NEW.state = 'blocked'
BEGIN
    DELETE FROM follows WHERE chat_id = NEW.chat_id;
END"""
    ),
)

# The rules the triggers above kept — an outcome moves its subscription on, a chat that blocked
# the bot loses its subscriptions and its follows — are Python now, run in the same transaction
# as the outcome they follow (bot/push/store.py `_finish_batch`, bot/push/follows.py `finish`),
# beside their tests: no trigger was needed to keep them atomic.
# A chat's recent searches (bot/store/chats.py), so a page button tapped after a restart still
# turns the page: the query by its key, the most recently used kept.
_RULES_IN_CODE_V4 = (
    SqliteOnly("DROP TRIGGER IF EXISTS delivery_advances"),
    SqliteOnly("DROP TRIGGER IF EXISTS delivery_blocked"),
    SqliteOnly("DROP TRIGGER IF EXISTS alert_blocked"),
    """CREATE TABLE chat_searches (
    chat_id INTEGER NOT NULL,
    key TEXT NOT NULL,         -- what the page buttons carry (a hash of the query)
    query TEXT NOT NULL,
    used INTEGER NOT NULL,     -- a counter: the chat's most recent search has the largest
    PRIMARY KEY (chat_id, key)
)""",
)

# The leases of replicas sharing a PostgreSQL database (bot/store/postgres.py): 'push' (who pushes)
# and 'source:<name>' (who polls that source this interval); until when (the database's clock,
# epoch seconds), and the token that fences a holder who overstayed. SQLite's push lock stays
# the file's flock and it has one poller: the table is there, unused, to keep one history.
_LEASES_V5 = (
    """CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,      -- host:process id:database, for the operator
    expires REAL NOT NULL,
    token INTEGER NOT NULL     -- one more at every takeover
)""",
)

# Briefing a new report once across replicas on PostgreSQL (bot/store/briefings.py): a job per
# report, claimed by one replica's free worker and held until `expires` (renewed while it briefs),
# and the result, the report's cache file as briefings/cache.py writes it, keyed by its digest and
# that format: another replica loads it instead of briefing again. `code` is the fingerprint of
# the code that briefs (briefings.cache.code_fingerprint): a briefing by other code is stale. On
# SQLite one process briefs into its cache folder: the tables are there, unused, for one history.
_BRIEFING_JOBS_V6 = (
    """CREATE TABLE briefing_jobs (
    digest TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    state TEXT NOT NULL,       -- pending, running, done
    holder TEXT NOT NULL,      -- the replica briefing it (host:process id:database), or ''
    expires REAL NOT NULL,     -- running: the holder's claim ends then (database clock); else 0
    attempts INTEGER NOT NULL DEFAULT 0,  -- claims so far: more than one, a takeover or a retry
    error TEXT                 -- why the last attempt failed, one line
)""",
    """CREATE TABLE shared_briefings (
    digest TEXT NOT NULL,
    format INTEGER NOT NULL,   -- briefings.cache.CACHE_VERSION
    code TEXT NOT NULL,
    data BLOB NOT NULL,        -- the cache file's bytes (a header line, then zlib'd JSON)
    made REAL NOT NULL,        -- when (epoch seconds)
    PRIMARY KEY (digest, format)
)""",
)

# MIGRATIONS[n - 1] brings a database from version n - 1 to n.
MIGRATIONS: tuple[Sequence[Step], ...] = (
    (*_PUSH_V1, *_SOURCES_V1),
    _CHAT_SETTINGS_V2,
    _FOLLOWS_V3,
    _RULES_IN_CODE_V4,
    _LEASES_V5,
    _BRIEFING_JOBS_V6,
)
LATEST = len(MIGRATIONS)


class SchemaTooNew(sqlite3.DatabaseError):
    """The file was written by a newer briefing-bot: this one would misread it."""


def version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def too_new(found: int, known: int) -> SchemaTooNew:
    return SchemaTooNew(
        f"its schema is version {found}, newer than this briefing-bot knows ({known}):"
        " run a newer briefing-bot, or restore a backup made by this one"
    )


def upgrade(db: sqlite3.Connection, migrations: Sequence[Sequence[Step]] = MIGRATIONS) -> int:
    """Apply the migrations `db` lacks, each in its own transaction; return the version reached.

    `db` must be in autocommit mode (isolation_level=None). SchemaTooNew if the file is newer.
    """
    known = len(migrations)
    while (found := version(db)) < known:
        db.execute("BEGIN IMMEDIATE")
        try:
            if version(db) == found:  # not upgraded meanwhile by another process
                _apply(db, migrations[found])
                # PRAGMA takes no parameters; `:d` admits an int only.
                db.execute(f"PRAGMA user_version = {found + 1:d}")
        except BaseException:
            if db.in_transaction:  # SQLite rolls back by itself on some errors
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    if found > known:
        raise too_new(found, known)
    return found


_POSTGRES_TYPES = (
    # SQLite's integers are 64-bit (chat ids need it), PostgreSQL's INTEGER is not.
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"),
     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    # PostgreSQL's REAL is 32-bit: epoch seconds need double precision.
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
)  # fmt: skip


def for_postgres(step: str) -> str:
    """A migration's statement in PostgreSQL's types."""
    for pattern, spelled in _POSTGRES_TYPES:
        step = pattern.sub(spelled, step)
    return step


def _apply(db: sqlite3.Connection, steps: Sequence[Step]) -> None:
    for step in steps:
        if isinstance(step, str):
            db.execute(step)
        else:
            step(db)
