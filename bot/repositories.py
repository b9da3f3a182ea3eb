"""The bot's database and its repositories, built once and handed to whoever needs them.

The application state owns one `Stores` (bot/state.py); the pusher, the sources' poller and
the handlers are given its repositories and never open the database themselves. The command
line's `push` builds its own on the same file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .push.follows import Follows
from .push.store import Store
from .sources.store import SourceStore
from .store.backends import Target, database_at
from .store.briefings import SharedBriefings
from .store.chats import ChatSettings
from .store.database import Database, SqliteDatabase

log = logging.getLogger(__name__)


def _shared_briefings(database: Database, lease_seconds: float) -> SharedBriefings | None:
    """The briefing jobs and results replicas share: on PostgreSQL only, whose driver (~55 ms
    to import) a bot on SQLite never loads."""
    if isinstance(database, SqliteDatabase):
        return None
    from .store.postgres import PostgresDatabase

    if not isinstance(database, PostgresDatabase):
        return None
    return SharedBriefings(database, database.holder, lease_seconds)


@dataclass(frozen=True)
class Stores:
    database: Database
    subscriptions: Store  # the subscriptions and their delivery log
    follows: Follows  # followed words and their alerts
    chats: ChatSettings  # each chat's settings, held in memory
    sources: SourceStore  # what the sources' poller fetched, from where and when
    # the briefing jobs and results replicas share (PostgreSQL); None: one process briefs alone
    briefings: SharedBriefings | None = None

    @classmethod
    def at(cls, target: Target, lease_seconds: float = 30.0, connections: int = 4) -> Stores:
        """The repositories on the database at `target` (a path or a postgresql:// URL),
        opened on first use (or by `open`)."""
        database = database_at(target, lease_seconds, connections)
        shared = _shared_briefings(database, lease_seconds)
        return cls(
            database, Store(database), Follows(database), ChatSettings(database),
            SourceStore(database), shared,
        )  # fmt: skip

    async def open(self) -> None:
        """Open the database (StoreError if it cannot be used) and read the chats' settings."""
        await self.database.open()
        await self.chats.load()

    async def close(self) -> None:
        await self.database.close()

    async def migrate_chat(self, old: int, new: int) -> None:
        """A group became a supergroup: its subscriptions, follows and settings move to the
        new id (what the new chat set for itself wins)."""
        await self.subscriptions.migrate_chat(old, new)
        await self.follows.migrate_chat(old, new)
        await self.chats.load()  # the settings moved in the subscriptions' transaction
        log.info("chat %s became supergroup %s; its subscriptions moved with it", old, new)
