"""Push throughput and reply latency on each backend, in one run, as ratios to SQLite.

Four cases, each the real `briefing-bot run` in webhook mode (bot processes of their own) on the
fake Bot API: one bot on SQLite (the baseline), one replica on PostgreSQL with one connection
(`database_connections: 1`), one with the default pool, two replicas on one PostgreSQL
database. N subscribers are owed a briefing; an admin sends /push_now and, while
the round runs, a user sends /help again and again, to each replica in turn (as a load
balancer would).

- throughput: briefings a second, from the first the fake received to the last;
- reply latency: from posting /help to the webhook to the fake receiving the reply (p50, p95).

The fake admits every call, and the push runs at RATE a second: what is measured is the bot and
its database, not Telegram (whose ~30 messages/s per bot bounds a real push on any backend).
The PostgreSQL server is the tests' throwaway one (bench/kits/pgserver.py: Debian's binaries,
fsync off), on this machine. No figure is asserted: the machine may be shared.

    /work/venv/bin/python bench/replicas.py            # N=1500
    /work/venv/bin/python bench/replicas.py --n 500
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kits.clikit import ADMIN, free_port  # noqa: E402
from bench.kits.fault_api import FakeBotApi  # noqa: E402
from bench.kits.pgserver import running_server  # noqa: E402
from bench.kits.replicakit import say, start_replicas, stop_replicas, subscribe_all  # noqa: E402

RATE = 1000  # push.rate_per_second: far above what a round reaches here
ASKER = 9_999_001  # the user sending /help during the round
FIRST_CHAT = 8_000_001


@dataclass(frozen=True)
class Figures:
    per_second: float  # briefings a second over the round
    p50: float  # /help's reply latency, seconds
    p95: float
    replies: int
    duplicates: int  # briefings beyond one a subscriber (should be 0)
    missing: int


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def case(folder: Path, database: str, replicas: int, n: int, connections: int = 4) -> Figures:
    chats = range(FIRST_CHAT, FIRST_CHAT + n)
    await subscribe_all(database if "://" in database else Path(database), chats)
    api = FakeBotApi()
    await api.start()
    ports = [free_port() for _ in range(replicas)]
    processes = await start_replicas(folder, api, database, ports,
                                     push={"rate_per_second": RATE},
                                     database_connections=connections)  # fmt: skip
    try:
        await asyncio.sleep(2)  # the start-up rounds (nothing due) are over

        def briefed() -> list[float]:
            return [c.at for c in api.sent("sendMessage")
                    if str(c.params["text"]).startswith("📖")]  # fmt: skip

        for _ in range(40):  # another replica's scheduled check may hold the lease a moment
            if "推送正在进行中" not in await say(api, ports[0], "/push_now", ADMIN):
                break
            await asyncio.sleep(0.25)
        latencies: list[float] = []
        deadline = time.monotonic() + 300
        while len(briefed()) < n and time.monotonic() < deadline:
            began = time.monotonic()
            await say(api, ports[len(latencies) % replicas], "/help", ASKER, timeout=30)
            latencies.append(time.monotonic() - began)
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)  # a second briefing to anyone would show by now
    finally:
        await stop_replicas(processes)
        await api.stop()
    times = sorted(briefed())
    counts = Counter(int(c.params["chat_id"]) for c in api.sent("sendMessage")
                     if str(c.params["text"]).startswith("📖"))  # fmt: skip
    return Figures(
        per_second=(len(times) - 1) / (times[-1] - times[0]),
        p50=_percentile(latencies, 0.5),
        p95=_percentile(latencies, 0.95),
        replies=len(latencies),
        duplicates=sum(count - 1 for count in counts.values()),
        missing=n - len(counts),
    )


def table(n: int, cases: dict[str, Figures]) -> str:
    base = cases["SQLite, one bot"]
    lines = [
        f"{n} subscribers, push at up to {RATE}/s through the fake Bot API; /help during the round",
        f"{'case':<28}{'briefings/s':>12}{'×SQLite':>9}{'p50 ms':>9}{'×SQLite':>9}"
        f"{'p95 ms':>9}{'×SQLite':>9}{'replies':>9}{'dup':>5}{'miss':>6}",
    ]
    for name, f in cases.items():
        lines.append(
            f"{name:<28}{f.per_second:>12.0f}{f.per_second / base.per_second:>9.2f}"
            f"{f.p50 * 1000:>9.0f}{f.p50 / base.p50:>9.2f}{f.p95 * 1000:>9.0f}"
            f"{f.p95 / base.p95:>9.2f}{f.replies:>9}{f.duplicates:>5}{f.missing:>6}"
        )
    return "\n".join(lines)


async def main(n: int) -> None:
    cases: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory() as tmp, running_server() as server:
        folder = Path(tmp)
        cases["SQLite, one bot"] = await case(folder / "s", str(folder / "push.sqlite3"), 1, n)
        cases["PostgreSQL, 1 conn."] = await case(folder / "p0", server.fresh_database(), 1, n, 1)
        cases["PostgreSQL, one replica"] = await case(folder / "p1", server.fresh_database(), 1, n)
        cases["PostgreSQL, two replicas"] = await case(folder / "p2", server.fresh_database(), 2, n)
    print(table(n, cases))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="subscribers (default 1500)")
    asyncio.run(main(parser.parse_args().n))
