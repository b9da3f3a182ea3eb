"""Briefing each report once across replicas on one PostgreSQL server: a job per report, and
the result shared through the database (tables `briefing_jobs` and `shared_briefings`,
bot/store/schema.py).

A replica's briefer (bot/library/briefer.py) asks here before it briefs a report: a briefing
another replica stored is loaded; else the report's job is claimed, by one replica only, and
whoever claims it briefs it, renews its claim while the worker runs, and stores the result in
the same transaction that marks the job done. A replica that finds the job held by another
waits for it (`ready`); one that dies holding it loses it when the claim expires (`seconds`,
the push lease's term), and the next replica to look claims it again.

The claim locks the job's row `FOR UPDATE SKIP LOCKED`: two replicas reaching for the same new
report at once do not queue behind each other's transaction, the second finds no row to claim
and moves on to its next report. The times are the server's clock, as the leases' are.

PostgreSQL only: on SQLite one bot process briefs into its own cache folder, as always.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefings.cache import CACHE_VERSION

from .database import Database, Transaction

# Times are epoch seconds on the server's clock, extract(epoch FROM clock_timestamp()), spelled
# out in each statement (no SQL is built from variables here).
_NEW = (
    "INSERT INTO briefing_jobs (digest, code, state, holder, expires)"
    " VALUES (?, ?, 'pending', '', 0) ON CONFLICT (digest) DO NOTHING"
)
# Claimable: nobody's claim runs (never claimed, given back, done, or its holder's expired),
# and no briefing by this code is stored (a job done by other code is this code's to redo).
_CLAIM = (
    "UPDATE briefing_jobs SET state = 'running', code = ?, holder = ?,"
    " expires = extract(epoch FROM clock_timestamp()) + ?, attempts = attempts + 1, error = NULL"
    " WHERE digest = (SELECT job.digest FROM briefing_jobs job WHERE job.digest = ?"
    " AND job.expires < extract(epoch FROM clock_timestamp())"
    " AND NOT EXISTS (SELECT 1 FROM shared_briefings s"
    " WHERE s.digest = job.digest AND s.format = ? AND s.code = ?)"
    " FOR UPDATE SKIP LOCKED) RETURNING attempts"
)
_RENEW = (
    "UPDATE briefing_jobs SET expires = extract(epoch FROM clock_timestamp()) + ?"
    " WHERE digest = ? AND holder = ? AND state = 'running' RETURNING 1"
)
_STORE = (
    "INSERT INTO shared_briefings (digest, format, code, data, made)"
    " VALUES (?, ?, ?, ?, extract(epoch FROM clock_timestamp()))"
    " ON CONFLICT (digest, format) DO UPDATE"
    " SET code = excluded.code, data = excluded.data, made = excluded.made"
)
_DONE = "UPDATE briefing_jobs SET state = 'done', holder = '', expires = 0 WHERE digest = ?"
_GIVE_BACK = (
    "UPDATE briefing_jobs SET state = 'pending', holder = '', expires = 0, error = ?"
    " WHERE digest = ? AND holder = ?"
)


class SharedBriefings:
    """The jobs and stored briefings, for the replica `holder` (the database's name for it)."""

    def __init__(self, database: Database, holder: str, seconds: float) -> None:
        self.database = database
        self.holder = holder
        self.seconds = seconds  # a claim's term: another replica takes the job over after it

    async def stored(self, digest: str, code: str) -> bytes | None:
        """The briefing of `digest` another replica stored (a cache file's bytes), if this code
        made it."""
        rows = await self.database.rows(
            "SELECT data FROM shared_briefings WHERE digest = ? AND format = ? AND code = ?",
            (digest, CACHE_VERSION, code),
        )
        return bytes(rows[0]["data"]) if rows else None

    async def claim(self, digest: str, code: str) -> bool:
        """Whether this replica is now the one to brief `digest` (until `seconds` pass without a
        `renew`): no other replica's claim runs, and no briefing of it is stored."""
        await self.database.written(_NEW, (digest, code))
        claimed = await self.database.written(
            _CLAIM, (code, self.holder, self.seconds, digest, CACHE_VERSION, code)
        )
        return bool(claimed)

    async def renew(self, digest: str) -> bool:
        """Extend this replica's claim on `digest`; False if it lost it (it expired and another
        replica took it over: both then brief it, and store the same briefing)."""
        return bool(await self.database.written(_RENEW, (self.seconds, digest, self.holder)))

    async def finish(self, digest: str, code: str, data: bytes) -> None:
        """Store the briefing (a cache file's bytes) and close the job, in one transaction."""

        async def run(db: Transaction) -> None:
            await db.rows(_STORE, (digest, CACHE_VERSION, code, data))
            await db.rows(_DONE, (digest,))

        await self.database.atomically(run)

    async def give_back(self, digest: str, error: str) -> None:
        """Briefing `digest` failed here: the job is free for another replica at once."""
        await self.database.written(_GIVE_BACK, (error, digest, self.holder))

    async def ready(self, digests: Sequence[str]) -> list[str]:
        """Those of `digests` (jobs other replicas held) no claim holds any more: done, given
        back, or their holder's claim expired."""
        rows = await self.database.rows(
            "SELECT digest FROM briefing_jobs WHERE digest = ANY(?)"
            " AND expires < extract(epoch FROM clock_timestamp())",
            (list(digests),),
        )
        return [str(row["digest"]) for row in rows]
