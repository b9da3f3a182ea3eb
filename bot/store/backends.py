"""Which database the configured target names: a SQLite file's path, or a postgresql:// URL."""

from __future__ import annotations

from pathlib import Path

from .database import Database, SqliteDatabase

Target = Path | str  # a path, or a postgresql:// URL (config.py admits no other string)


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def database_at(target: Target, lease_seconds: float = 30.0, connections: int = 4) -> Database:
    """The database at `target`, opened on first use (or by `open`); `connections` at most to
    a PostgreSQL server."""
    if isinstance(target, Path):
        return SqliteDatabase(target)
    # psycopg and its pool (~55 ms to import) load only for a bot that uses PostgreSQL.
    from .postgres import PostgresDatabase

    return PostgresDatabase(target, lease_seconds, connections)
