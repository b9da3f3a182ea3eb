"""Each chat's settings: its time zone, the report it reads (/use) and its language.

A row exists only for a chat that changed something; an unset value means the default (the
configured time zone, the newest report, Chinese). The table is `chat_settings` in the bot's
database (bot/schema.py); the statements run on the database's one connection, which the
push store owns, so a chat's settings and its subscriptions share its limits and checks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from bot.present.words import DEFAULT_LANGUAGE


class Database(Protocol):
    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]: ...

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int: ...


Statement = tuple[str, tuple[Any, ...]]

# Written out, one per setting: SQL is never built from variables (tests/test_security.py).
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
        ("INSERT OR IGNORE INTO chat_settings (chat_id, language)"
         " SELECT ?, language FROM chat_settings WHERE chat_id = ?", (new, old)),
        ("UPDATE chat_settings SET"
         " timezone = coalesce(timezone, (SELECT o.timezone FROM chat_settings o"
         "  WHERE o.chat_id = ?)),"
         " report = coalesce(report, (SELECT o.report FROM chat_settings o WHERE o.chat_id = ?))"
         " WHERE chat_id = ?", (old, old, new)),
        ("DELETE FROM chat_settings WHERE chat_id = ?", (old,)),
    ]  # fmt: skip


class ChatSettings:
    def __init__(self, database: Callable[[], Awaitable[Database]]) -> None:
        self._database = database  # opened on first use, by whoever owns the connection

    async def _row(self, chat_id: int) -> Any:
        db = await self._database()
        rows = await db.rows(
            "SELECT timezone, report, language FROM chat_settings WHERE chat_id = ?", (chat_id,)
        )
        return rows[0] if rows else None

    async def _set(self, sql: str, chat_id: int, value: str) -> None:
        await (await self._database()).write(sql, (chat_id, value))

    async def zone(self, chat_id: int, default: str) -> str:
        row = await self._row(chat_id)
        return (row["timezone"] if row else None) or default

    async def set_zone(self, chat_id: int, zone: str) -> None:
        await self._set(_SET_ZONE, chat_id, zone)

    async def report_choices(self) -> dict[int, str]:
        """Every chat's /use choice: chat id -> report digest."""
        db = await self._database()
        rows = await db.rows("SELECT chat_id, report FROM chat_settings WHERE report IS NOT NULL")
        return {row["chat_id"]: row["report"] for row in rows}

    async def choose_report(self, chat_id: int, digest: str) -> None:
        await self._set(_SET_REPORT, chat_id, digest)

    async def language(self, chat_id: int) -> str:
        row = await self._row(chat_id)
        return row["language"] if row else DEFAULT_LANGUAGE

    async def languages(self) -> dict[int, str]:
        """Every chat's language other than the default: chat id -> language code."""
        db = await self._database()
        rows = await db.rows(
            "SELECT chat_id, language FROM chat_settings WHERE language != ?", (DEFAULT_LANGUAGE,)
        )
        return {row["chat_id"]: row["language"] for row in rows}

    async def set_language(self, chat_id: int, language: str) -> None:
        await self._set(_SET_LANGUAGE, chat_id, language)
