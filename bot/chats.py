"""Each chat's settings: its time zone, the report it reads (/use) and its language.

A row exists only for a chat that changed something; an unset value means the default (the
configured time zone, the newest report, Chinese). The table is `chat_settings` in the bot's
database (bot/schema.py); the statements run on the database's one connection, which the
push store owns, so a chat's settings and its subscriptions share its limits and checks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

DEFAULT_LANGUAGE = "zh"


class Database(Protocol):
    async def rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]: ...

    async def write(self, sql: str, params: Iterable[Any] = ()) -> int: ...


Statement = tuple[str, tuple[Any, ...]]


def _upsert(column: str) -> str:
    return (
        f"INSERT INTO chat_settings (chat_id, {column}) VALUES (?, ?)"
        f" ON CONFLICT (chat_id) DO UPDATE SET {column} = excluded.{column}"
    )


def move_statements(old: int, new: int) -> list[Statement]:
    """A group became a supergroup with a new id: its settings follow it, except those the new
    chat set for itself. Run in the caller's transaction, with the rest of the chat's move."""
    inherit = "{0} = coalesce({0}, (SELECT o.{0} FROM chat_settings o WHERE o.chat_id = ?))"
    return [
        ("INSERT OR IGNORE INTO chat_settings (chat_id, language)"
         " SELECT ?, language FROM chat_settings WHERE chat_id = ?", (new, old)),
        (f"UPDATE chat_settings SET {inherit.format('timezone')}, {inherit.format('report')}"
         " WHERE chat_id = ?", (old, old, new)),
        ("DELETE FROM chat_settings WHERE chat_id = ?", (old,)),
    ]  # fmt: skip


class ChatSettings:
    def __init__(self, database: Callable[[], Awaitable[Database]]) -> None:
        self._database = database  # opened on first use, by whoever owns the connection

    async def _value(self, chat_id: int, column: str) -> Any:
        db = await self._database()
        rows = await db.rows(f"SELECT {column} FROM chat_settings WHERE chat_id = ?", (chat_id,))
        return rows[0][column] if rows else None

    async def _set(self, chat_id: int, column: str, value: str) -> None:
        await (await self._database()).write(_upsert(column), (chat_id, value))

    async def zone(self, chat_id: int, default: str) -> str:
        return await self._value(chat_id, "timezone") or default

    async def set_zone(self, chat_id: int, zone: str) -> None:
        await self._set(chat_id, "timezone", zone)

    async def report_choices(self) -> dict[int, str]:
        """Every chat's /use choice: chat id -> report digest."""
        db = await self._database()
        rows = await db.rows("SELECT chat_id, report FROM chat_settings WHERE report IS NOT NULL")
        return {row["chat_id"]: row["report"] for row in rows}

    async def choose_report(self, chat_id: int, digest: str) -> None:
        await self._set(chat_id, "report", digest)

    async def language(self, chat_id: int) -> str:
        return await self._value(chat_id, "language") or DEFAULT_LANGUAGE

    async def set_language(self, chat_id: int, language: str) -> None:
        await self._set(chat_id, "language", language)
