"""Followed words and their alerts, in the bot's database (bot/store/schema.py, migration 3).

An alert is an outbox row keyed by (follow, report digest) that moves like a push's delivery
(bot/push/store.py): pending → sending (committed before the request leaves) → sent | failed |
blocked. The pusher sends it through the same Sender and pacing, with this class as its
ledger (claim, record_attempt, finish, recover: the Store's signatures, a follow's id in place
of a subscription's). A report is matched against the follows once, when it is announced:
`report_news` remembers it, so a restart alerts nobody twice and a follow made later is not
alerted to a report that came before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.present.alerts import render
from bot.present.words import CHINESE, Words
from briefings.alerts import match_report
from briefings.model import Report

from ..store.database import Database
from ..telegram.callbacks import encode
from .delivery import Markup
from .store import Advance, iso

ALERT = "alert:"  # an alert's slot: ALERT + the report's digest
MAX_FOLLOWS = 20  # per chat


@dataclass(frozen=True)
class Follow:
    id: int
    chat_id: int
    thread_id: int
    words: str  # as typed
    terms: tuple[str, ...]  # normalised: what is matched
    created: str  # when it was made (bot/push/store.py `iso`): sortable as text

    @classmethod
    def from_row(cls, row: Any) -> Follow:
        terms = tuple(row["terms"].split(" "))
        return cls(row["id"], row["chat_id"], row["thread_id"], row["words"], terms, row["created"])


@dataclass(frozen=True)
class NewAlert:
    follow_id: int
    chat_id: int
    text: str  # HTML, as it will be sent
    sentences: str  # the matching sentences: an update that changes none of them is not news


@dataclass(frozen=True)
class PendingAlert:
    follow_id: int
    digest: str
    chat_id: int
    thread_id: int
    text: str

    @property
    def slot(self) -> str:
        return ALERT + self.digest


def alerts_for(
    report: Report,
    follows: list[Follow],
    updated: bool,
    words_of: Callable[[int], Words] = lambda chat_id: CHINESE,
) -> list[NewAlert]:
    """The alerts `report` raises: one per follow whose words it mentions, in the words of
    its chat (`words_of`). CPU-bound: each distinct phrase is matched once, in a thread."""
    found = match_report(report, {" ".join(f.terms): f.terms for f in follows})
    alerts = []
    for follow in follows:
        alert = found.get(" ".join(follow.terms))
        if alert is not None:
            words = words_of(follow.chat_id)
            text = render(report, follow.words, follow.terms, alert, updated, words)
            said = "\n".join(match.sentence for match in alert.matches)
            alerts.append(NewAlert(follow.id, follow.chat_id, text, said))
    return alerts


def open_button(digest: str, words: Words = CHINESE) -> Markup:
    """The alert's button: the report's overview and table of contents (bot/handlers/follow)."""
    button = {"text": words("follow.open_button"), "callback_data": encode("open", digest)}
    return {"inline_keyboard": [[button]]}


class TooManyFollows(Exception):
    """The chat already follows MAX_FOLLOWS phrases."""


_FOLLOW = (
    "INSERT INTO follows (chat_id, thread_id, words, terms, created)"
    " SELECT ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM follows WHERE chat_id = ?) < ?"
    " ON CONFLICT (chat_id, terms) DO NOTHING"
)
# An alert for a corrected republication goes only to a follow whose sentences it changed.
_ENQUEUE = (
    "INSERT INTO alerts (follow_id, digest, chat_id, state, updated, text, sentences)"
    " SELECT ?, ?, ?, 'pending', ?, ?, ? WHERE NOT (? AND EXISTS (SELECT 1 FROM alerts"
    "  WHERE follow_id = ? AND sentences = ?)) ON CONFLICT DO NOTHING"
)
# Reports as matched: (?, ?, ?) a report in {} (one statement for many reports).
_NEWS = (
    "INSERT INTO report_news (digest, updated, matched) VALUES {}"
    " ON CONFLICT (digest) DO UPDATE SET updated = CASE WHEN excluded.updated = 1 THEN 1"
    " ELSE report_news.updated END"
)
_CLAIM = (
    "UPDATE alerts SET state = 'sending', updated = ? WHERE follow_id = ? AND digest = ?"
    " AND state = 'pending' AND EXISTS (SELECT 1 FROM follows f WHERE f.id = follow_id)"
)


def _digest(slot: str) -> str:
    return slot.removeprefix(ALERT)


class Follows:
    def __init__(self, database: Database) -> None:
        self._database = database

    # -- the chats' follows --------------------------------------------------------------------
    async def follow(
        self, chat_id: int, thread_id: int, words: str, terms: tuple[str, ...], now: datetime
    ) -> bool:
        """Follow `terms` in the chat (True), or False if it already does (the words as typed
        and the topic then stay as they were). TooManyFollows at the chat's limit."""
        db = self._database
        key = " ".join(terms)
        params = (chat_id, thread_id, words, key, iso(now), chat_id, MAX_FOLLOWS)
        if await db.write(_FOLLOW, params):
            return True
        if await self.find(chat_id, terms) is not None:
            return False
        raise TooManyFollows

    async def find(self, chat_id: int, terms: tuple[str, ...]) -> Follow | None:
        rows = await self._database.rows(
            "SELECT * FROM follows WHERE chat_id = ? AND terms = ?", (chat_id, " ".join(terms))
        )
        return Follow.from_row(rows[0]) if rows else None

    async def of_chat(self, chat_id: int) -> list[Follow]:
        rows = await self._database.rows(
            "SELECT * FROM follows WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [Follow.from_row(row) for row in rows]

    async def unfollow(self, chat_id: int, follow_id: int) -> bool:
        """End a follow; its alerts not yet sent are not sent (a claim needs the follow)."""
        db = self._database
        return bool(
            await db.write("DELETE FROM follows WHERE id = ? AND chat_id = ?", (follow_id, chat_id))
        )

    async def everyone(self) -> list[Follow]:
        rows = await self._database.rows("SELECT * FROM follows ORDER BY id")
        return [Follow.from_row(row) for row in rows]

    async def migrate_chat(self, old: int, new: int) -> None:
        """A group became a supergroup: its follows (but those the new id has) move with it."""
        db = self._database
        await db.transaction([
            ("UPDATE follows SET chat_id = ? WHERE chat_id = ? AND terms NOT IN"
             " (SELECT terms FROM follows WHERE chat_id = ?)", (new, old, new)),
            ("DELETE FROM follows WHERE chat_id = ?", (old,)),
            ("UPDATE alerts SET chat_id = ? WHERE chat_id = ?", (new, old)),
        ])  # fmt: skip

    # -- reports matched against the follows ---------------------------------------------------
    async def unmatched(self, digests: Iterable[str]) -> set[str]:
        """Those of `digests` never matched against the follows."""
        wanted = set(digests)
        db = self._database
        rows = await db.rows("SELECT digest FROM report_news")
        return wanted - {row["digest"] for row in rows}

    async def record_news(
        self, digest: str, updated: bool, alerts: list[NewAlert], now: datetime
    ) -> None:
        """The report's alerts, pending, and the report as matched: in one transaction."""
        await self.record_many_news([(digest, alerts)], updated, now)

    async def record_many_news(
        self, news: Sequence[tuple[str, list[NewAlert]]], updated: bool, now: datetime
    ) -> None:
        """Each report's alerts, pending, and the reports as matched: in one transaction, the
        reports in one statement (a start's thousands of reports in a few, not one each: a
        transaction each kept the database's thread and the event loop busy for seconds
        while users' replies waited)."""
        stamp = iso(now)
        statements: list[tuple[str, tuple[Any, ...]]] = [
            (_ENQUEUE, (a.follow_id, digest, a.chat_id, stamp, a.text, a.sentences, updated,
                        a.follow_id, a.sentences))
            for digest, alerts in news
            for a in alerts
        ]  # fmt: skip
        if news:
            values = ", ".join(["(?, ?, ?)"] * len(news))
            reports = tuple(v for digest, _ in news for v in (digest, int(updated), stamp))
            statements.append((_NEWS.format(values), reports))
        await self._database.transaction(statements)

    async def updated_reports(self) -> set[str]:
        """Digests of the reports announced as corrected republications."""
        rows = await self._database.rows("SELECT digest FROM report_news WHERE updated = 1")
        return {row["digest"] for row in rows}

    # -- the ledger the pusher sends alerts with -------------------------------------------
    async def pending(self, after: tuple[int, str], limit: int) -> list[PendingAlert]:
        """Pending alerts of follows that still exist, in key order after `after`."""
        rows = await self._database.rows(
            "SELECT a.follow_id, a.digest, f.chat_id, f.thread_id, a.text FROM alerts a"
            " JOIN follows f ON f.id = a.follow_id"
            " WHERE a.state = 'pending' AND (a.follow_id, a.digest) > (?, ?)"
            " ORDER BY a.follow_id, a.digest LIMIT ?",
            (*after, limit),
        )
        return [PendingAlert(*row) for row in rows]

    async def claim(self, follow_id: int, slot: str, now: datetime) -> bool:
        """Mark the alert as sending if it is pending and its follow still exists; committed."""
        db = self._database
        return bool(await db.claimed(_CLAIM + " RETURNING 1", (iso(now), follow_id, _digest(slot))))

    async def record_attempt(self, follow_id: int, slot: str, error: str, now: datetime) -> None:
        await self._database.write(
            "UPDATE alerts SET attempts = attempts + 1, error = ?, updated = ?"
            " WHERE follow_id = ? AND digest = ?",
            (error, iso(now), follow_id, _digest(slot)),
        )

    async def finish(
        self, follow_id: int, slot: str, state: str, error: str | None, now: datetime,
        advance: Advance | None = None,
    ) -> None:  # fmt: skip
        """Record the outcome; a chat that blocked the bot wants no alert any more, whatever
        its words: its follows end in the same transaction."""
        key = (follow_id, _digest(slot))
        statements: list[tuple[str, tuple[Any, ...]]] = [(
            "UPDATE alerts SET state = ?, attempts = attempts + 1,"
            " error = coalesce(?, error), updated = ? WHERE follow_id = ? AND digest = ?",
            (state, error, iso(now), *key),
        )]  # fmt: skip
        if state == "blocked":
            statements.append((
                "DELETE FROM follows WHERE chat_id IN (SELECT chat_id FROM alerts"
                " WHERE follow_id = ? AND digest = ?)", key,
            ))  # fmt: skip
        await self._database.transaction(statements)

    async def recover(self) -> int:
        """Requeue alerts a dead process left in flight; drop those of ended follows. Called
        with the push lock held, like Store.recover."""
        db = self._database
        requeued = await db.write(
            "UPDATE alerts SET state = 'pending', error = 'interrupted: outcome unknown'"
            " WHERE state = 'sending'"
        )
        await db.write(
            "UPDATE alerts SET state = 'superseded' WHERE state = 'pending'"
            " AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.id = follow_id)"
        )
        return requeued
