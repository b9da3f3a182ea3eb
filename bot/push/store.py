"""The subscriptions and their delivery log, in the bot's database (bot/store/database.py).

The delivery log is an outbox keyed by (subscription, slot): a slot is a briefing's due time
(UTC) or `report:<digest>` for a new-report announcement. A row moves pending → sending →
sent | failed | blocked, and `sending` is committed before the request leaves (see
docs/pushes.md for why this makes restarts safe). Recording an outcome moves its
subscription on in the same transaction (`_finish_batch`). The connection, its lock and the
push lock are the Database's; the schema is bot/store/schema.py's migrations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from ..store.backends import Target, database_at
from ..store.chats import move_statements
from ..store.database import Database, Statement
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
    " updated = excluded.updated WHERE deliveries.state = 'pending'"
    " RETURNING sub_id, slot"
)
# A VALUES column of NULLs only is text to PostgreSQL: position is cast to be an integer.
_FINISH = (
    "WITH done (sub_id, slot, state, error, updated, next_due, report, position)"
    " AS (VALUES {rows})"
    " UPDATE deliveries SET state = done.state, attempts = attempts + 1,"
    " error = coalesce(done.error, deliveries.error), updated = done.updated,"
    " next_due = done.next_due, report = done.report,"
    " position = CAST(done.position AS INTEGER)"
    " FROM done WHERE deliveries.sub_id = done.sub_id AND deliveries.slot = done.slot"
)
# A briefing's outcome carries the move it causes; only a subscription still due at that slot
# moves (a /subscribe meanwhile set a new time, which stands).
_ADVANCE = (
    "WITH done (sub_id, slot, state, error, updated, next_due, report, position)"
    " AS (VALUES {rows})"
    " UPDATE subscriptions SET next_due = done.next_due, hurry = 0, report = done.report,"
    " position = CAST(done.position AS INTEGER) FROM done"
    " WHERE subscriptions.id = done.sub_id AND subscriptions.next_due = done.slot"
    " AND EXISTS (SELECT 1 FROM deliveries d WHERE d.sub_id = done.sub_id AND d.slot = done.slot)"
)
_ADVANCING = ("sent", "failed")
# A chat that blocked the bot wants no briefing any more.
_BLOCKED = (
    "WITH done (sub_id, slot) AS (VALUES {rows}) DELETE FROM subscriptions WHERE id IN"
    " (SELECT d.sub_id FROM deliveries d JOIN done USING (sub_id, slot))"
)
Claim = tuple[int, str, bool, str]
# A finished send as _FINISH writes it: (sub_id, slot, state, error, updated, next_due, report, position).
FinishRow = tuple[int, str, str, str | None, str, str | None, str | None, int | None]


def _values(sql: str, rows: list[tuple[Any, ...]]) -> tuple[str, tuple[Any, ...]]:
    """`sql` with its VALUES list sized for `rows`, and the rows' parameters in order."""
    marks = "(" + ", ".join("?" * len(rows[0])) + ")"
    return sql.format(rows=", ".join([marks] * len(rows))), tuple(v for row in rows for v in row)


class Store:
    """The subscriptions and their delivery log, on the bot's one database (bot/store/database.py)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._claims = Batch(self._claim_batch, BATCH)
        self._outcomes = Batch(self._finish_batch, BATCH)

    @classmethod
    async def open(cls, target: Target) -> Store:
        """A store on its own database at `target` (the command line's and the tests' way; the
        bot's state owns the bot's). StoreError if it cannot be created or written."""
        return cls(await database_at(target).open())

    async def close(self) -> None:
        await self.database.close()

    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        return await self.database.rows(sql, params)

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int:
        return await self.database.write(sql, params)

    async def _transaction(self, statements: list[Statement]) -> None:
        await self.database.transaction(statements)

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
            "INSERT INTO deliveries (sub_id, slot, chat_id, state, updated)"
            " SELECT id, ?, chat_id, 'known', ? FROM subscriptions"
            " WHERE chat_id = ? AND thread_id = ? ON CONFLICT DO NOTHING"
        )
        statements: list[Statement] = [(upsert, (chat_id, thread_id, *values))]
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
            # Not the topics the new chat subscribed itself: those stay as they are.
            ("UPDATE subscriptions SET chat_id = ? WHERE chat_id = ? AND thread_id NOT IN"
             " (SELECT thread_id FROM subscriptions WHERE chat_id = ?)", (*move, new)),
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
            " INSERT INTO deliveries (sub_id, slot, chat_id, state, updated)"
            " SELECT s.id, want.slot, s.chat_id, 'pending', ? FROM subscriptions s, want"
            # WHERE true: without it SQLite would read ON CONFLICT as part of the join.
            " WHERE true ON CONFLICT DO NOTHING"
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
            " GROUP BY d.sub_id, s.chat_id, s.thread_id ORDER BY d.sub_id LIMIT ?",
            (after, limit),
        )
        return [
            Announcement(r["sub_id"], r["chat_id"], r["thread_id"],
                         tuple(slot[len(ANNOUNCE) :] for slot in r["slots"].split()))
            for r in rows
        ]  # fmt: skip

    async def news_sent_since(self, moment: datetime) -> dict[int, list[datetime]]:
        """When each chat was sent news messages after `moment`, by whichever process (a
        replica or the one before a restart) sent them. One message settles all the reports it
        tells of at one time, so a (subscription, time) pair is one message."""
        rows = await self.rows(
            "SELECT chat_id, updated FROM deliveries WHERE updated > ? AND state = 'sent'"
            " AND slot LIKE 'report:%' GROUP BY chat_id, sub_id, updated",
            (iso(moment),),
        )
        sent: dict[int, list[datetime]] = {}
        for row in rows:
            sent.setdefault(row["chat_id"], []).append(datetime.fromisoformat(row["updated"]))
        return sent

    # -- the delivery log ------------------------------------------------------------------
    async def claim(self, sub_id: int, slot: str, now: datetime) -> bool:
        """Atomically mark (sub, slot) as sending, if the subscription still wants it.

        A briefing's slot must still be the subscription's due time; an announcement must be
        pending. Anything else (already sent, being sent, unsubscribed) is not claimed. True
        only once the claim is committed.
        """
        return await self._claims.submit((sub_id, slot, slot.startswith(ANNOUNCE), iso(now)))

    async def _claim_batch(self, claims: list[Claim]) -> list[bool]:
        claimed = {tuple(row) for row in await self.database.claimed(*_values(_CLAIM, claims))}
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
        """Record the outcome, and with it move the subscription on (`advance`: a briefing
        sent, or given up), or end it (the chat blocked the bot): see _finish_batch."""
        move = (iso(advance.next_due), advance.report, advance.position) if advance else (None,) * 3
        await self._outcomes.submit((sub_id, slot, state, error, iso(now), *move))

    async def _finish_batch(self, rows: list[FinishRow]) -> list[None]:
        """The outcomes and the moves they cause, in one transaction: a briefing recorded as
        sent is never left due again, nor a due one recorded as sent."""
        moving = [row for row in rows if row[2] in _ADVANCING and row[5] is not None]
        blocked = [row[:2] for row in rows if row[2] == "blocked"]
        statements = [_values(_FINISH, rows)]
        statements += [_values(_ADVANCE, moving)] if moving else []
        statements += [_values(_BLOCKED, blocked)] if blocked else []
        await self._transaction(statements)
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

    async def push_holder(self) -> str | None:
        """Which other bot process is delivering them, if the database can tell (its push lease)."""
        return await self.database.push_holder()

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
