"""Each chat's settings: its time zone, the report it reads (/use) and its language.

A row exists only for a chat that changed something; an unset value means the default (the
configured time zone, the newest report, Chinese). The table is `chat_settings` in the bot's
database (bot/store/schema.py, bot/store/database.py); this store is its one reader and writer, and keeps
every row in memory. It holds each chat's recent searches too (`chat_searches`), so a results
page's buttons still turn after a restart.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.present.words import DEFAULT_LANGUAGE

from .database import Database

log = logging.getLogger(__name__)

Statement = tuple[str, tuple[Any, ...]]

# Written out, one per setting: SQL is never built from variables (tests/bot/test_security.py).
_SET_ZONE = (
    "INSERT INTO chat_settings (chat_id, timezone) VALUES (?, ?)"
    " ON CONFLICT (chat_id) DO UPDATE SET timezone = excluded.timezone"
)
_SET_REPORT = (
    "INSERT INTO chat_settings (chat_id, report) VALUES (?, ?)"
    " ON CONFLICT (chat_id) DO UPDATE SET report = excluded.report"
)
_SET_LANGUAGE = (
    "INSERT INTO chat_settings (chat_id, language) VALUES (?, ?)"
    " ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language"
)


def move_statements(old: int, new: int) -> list[Statement]:
    """A group became a supergroup with a new id: its settings follow it, except those the new
    chat set for itself. Run in the caller's transaction, with the rest of the chat's move."""
    return [
        ("INSERT INTO chat_settings (chat_id, language)"
         " SELECT ?, language FROM chat_settings WHERE chat_id = ? ON CONFLICT DO NOTHING",
         (new, old)),
        ("UPDATE chat_settings SET"
         " timezone = coalesce(timezone, (SELECT o.timezone FROM chat_settings o"
         "  WHERE o.chat_id = ?)),"
         " report = coalesce(report, (SELECT o.report FROM chat_settings o WHERE o.chat_id = ?))"
         " WHERE chat_id = ?", (old, old, new)),
        ("DELETE FROM chat_settings WHERE chat_id = ?", (old,)),
    ]  # fmt: skip


@dataclass(frozen=True)
class Settings:
    timezone: str | None = None
    report: str | None = None
    language: str = DEFAULT_LANGUAGE


class ChatSettings:
    """The one owner of the chats' settings: every row read once (a row exists only for a chat
    that changed something), then answered from memory, so a reply never waits on SQLite for
    its language. A change is written first and remembered once committed: a database that
    refuses it leaves the setting as it was, here and on disk.

    On a database other replicas write too (`Database.shared`), any of them may have changed a
    chat's settings or searches since: each is read from the database when asked, one row."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._rows: dict[int, Settings] | None = None
        self._writing = asyncio.Lock()  # a write and its memory update, one chat at a time
        self._queries: dict[int, OrderedDict[str, str]] = {}  # chats' searches, as read

    async def _all(self) -> dict[int, Settings]:
        if self._rows is None or self._database.shared:
            rows = await self._database.rows(
                "SELECT chat_id, timezone, report, language FROM chat_settings"
            )
            self._rows = {
                row["chat_id"]: Settings(row["timezone"], row["report"], row["language"])
                for row in rows
            }
        return self._rows

    async def load(self) -> None:
        """Read every chat's settings again (at start, and after a chat's move)."""
        async with self._writing:
            self._rows, self._queries = None, {}
            await self._all()

    async def _get(self, chat_id: int) -> Settings:
        if self._database.shared:
            rows = await self._database.rows(
                "SELECT timezone, report, language FROM chat_settings WHERE chat_id = ?",
                (chat_id,),
            )
            return Settings(*rows[0]) if rows else _DEFAULT
        return (await self._all()).get(chat_id, _DEFAULT)

    async def _set(self, sql: str, chat_id: int, **change: str) -> None:
        async with self._writing:
            await self._database.write(sql, (chat_id, *change.values()))
            if self._rows is not None and not self._database.shared:
                self._rows[chat_id] = replace(self._rows.get(chat_id, _DEFAULT), **change)

    async def zone(self, chat_id: int, default: str) -> str:
        return (await self._get(chat_id)).timezone or default

    async def set_zone(self, chat_id: int, zone: str) -> None:
        await self._set(_SET_ZONE, chat_id, timezone=zone)

    async def report(self, chat_id: int) -> str | None:
        """The digest of the chat's /use choice; None: the newest report."""
        return (await self._get(chat_id)).report

    async def reports(self, chat_ids: Sequence[int]) -> dict[int, str | None]:
        """Each chat's /use choice (None: the newest report), the chats' rows read at once: on a
        shared database one statement for them all (a push's page), not one a chat."""
        if not self._database.shared:
            held = await self._all()
            return {chat: held.get(chat, _DEFAULT).report for chat in chat_ids}
        # PostgreSQL's array parameter: a shared database is one (bot/store/postgres.py).
        rows = await self._database.rows(
            "SELECT chat_id, report FROM chat_settings WHERE chat_id = ANY(?)", (list(chat_ids),)
        )
        found = {row["chat_id"]: row["report"] for row in rows}
        return {chat: found.get(chat) for chat in chat_ids}

    async def choose_report(self, chat_id: int, digest: str) -> None:
        await self._set(_SET_REPORT, chat_id, report=digest)

    async def language(self, chat_id: int) -> str:
        return (await self._get(chat_id)).language

    async def own_language(self, chat_id: int) -> str | None:
        """The chat's language when the chat set anything (None: a chat the bot has no row of,
        which reads the default without having chosen it)."""
        row = (await self._all()).get(chat_id)
        return row.language if row is not None else None

    async def languages(self) -> dict[int, str]:
        """Every chat's language other than the default: chat id -> language code."""
        rows = await self._all()
        return {
            chat: row.language for chat, row in rows.items() if row.language != DEFAULT_LANGUAGE
        }

    async def set_language(self, chat_id: int, language: str) -> None:
        await self._set(_SET_LANGUAGE, chat_id, language=language)

    # -- recent searches: what a results page's buttons turn --------------------------------
    async def _searches(self, chat_id: int) -> OrderedDict[str, str]:
        held = self._queries.get(chat_id)
        if held is None or self._database.shared:
            rows = await self._database.rows(
                "SELECT key, query FROM chat_searches WHERE chat_id = ? ORDER BY used", (chat_id,)
            )
            held = self._queries[chat_id] = OrderedDict((row["key"], row["query"]) for row in rows)
        return held

    async def search(self, chat_id: int, key: str) -> str | None:
        """The query of the chat's recent search `key` (None: not among the recent ones)."""
        return (await self._searches(chat_id)).get(key)

    async def remember_search(self, chat_id: int, key: str, query: str, kept: int) -> None:
        """Keep the query for its page buttons, with the chat's `kept` most recent. A
        database that refuses it costs the buttons after a restart, never the answer."""
        queries = await self._searches(chat_id)
        queries.pop(key, None)
        queries[key] = query
        while len(queries) > kept:
            queries.popitem(last=False)
        try:
            await self._database.transaction([
                (_REMEMBER_SEARCH, (chat_id, key, query, chat_id)),
                (_FORGET_SEARCHES, (chat_id, chat_id, kept - 1)),
            ])  # fmt: skip
        except sqlite3.Error as error:
            log.warning("chat %s: search not stored (its pages turn until a restart): %s",
                        chat_id, error)  # fmt: skip


_DEFAULT = Settings()
_REMEMBER_SEARCH = (
    "INSERT INTO chat_searches (chat_id, key, query, used) VALUES (?, ?, ?,"
    " (SELECT coalesce(max(used), 0) + 1 FROM chat_searches WHERE chat_id = ?))"
    " ON CONFLICT (chat_id, key) DO UPDATE SET query = excluded.query, used = excluded.used"
)
_FORGET_SEARCHES = (
    "DELETE FROM chat_searches WHERE chat_id = ? AND used < (SELECT used FROM chat_searches"
    " WHERE chat_id = ? ORDER BY used DESC LIMIT 1 OFFSET ?)"
)
