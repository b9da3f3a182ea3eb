"""Push throughput against a rate-limited fake Telegram: rate achieved, losses, duplicates, latency.

N subscribers; the fake Bot API (in its own process, so it does not share the bot's CPU) admits
L sendMessage calls per second and answers 429 beyond that; 1% of chats have blocked the bot
(403) and 2% fail once with a 500. The bot pushes to everyone (as /push_now does) while a user
sends /subscriptions mid-push; we time the reply.

Replies during a push, at the shipped settings (config.yaml's push section, 25/s) against
Telegram's own limit (30/s): while the push runs, 15 users a second each send /subscriptions,
and each reply is timed from the moment the fake Telegram received the message (p50/p99).

Two rates, both over the whole push (first call to last, so the last retries' backoff counts):
the sending rate is the sendMessage calls Telegram took (any answer but 429), which is what L
limits; the delivery rate counts only the briefings that arrived. The 3% of calls answered 403
or 500 use L too, so the delivery rate can reach at most 0.97 of the sending rate.

    .venv/bin/python bench/push.py                      # L=30 for 10 s, L=1000 for all, replies
    .venv/bin/python bench/push.py --rate 1000 --n 10000
    .venv/bin/python bench/push.py --replies            # replies during a push only
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from aiohttp import ClientSession, web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kits.fault_api import (  # noqa: E402
    FakeBotApi,
    Faults,
    RateLimit,
)
from bench.kits.paths import SEEDS  # noqa: E402
from bot.app import build_application, running  # noqa: E402
from bot.config import PACKAGED_CONFIG, Config, parse_config  # noqa: E402
from bot.library.reports import ReportLibrary  # noqa: E402
from bot.local.bot_api import ok  # noqa: E402
from bot.push.store import Store, iso  # noqa: E402
from bot.state import state_of  # noqa: E402

ASKER = 3  # the subscriber who sends a command mid-push
PUSH_MARK = "📖"
TELEGRAM_RATE = 30.0  # Telegram's limit per bot, messages a second
CHATTER_RATE = 15.0  # users' messages a second while pushing
CHATTER_SECONDS = 20.0
CHATTER_BASE = 10_000_000  # chat ids of the users who write in (no subscriptions)


def blocked_chats(n: int) -> set[int]:
    return set(range(100, n + 1, 100))


def flaky_chats(n: int) -> Counter[int]:
    return Counter({chat: 1 for chat in range(7, n + 1, 50)})


class BenchApi(FakeBotApi):
    """The fake Bot API plus two bench endpoints: inject a user message, report what arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.said_at: float | None = None
        self.push_times: list[float] = []
        self.call_times: list[float] = []  # every sendMessage Telegram took (not 429)
        self.faults = Faults()
        self.pushes: Counter[int] = Counter()
        self.chatter_said: dict[int, float] = {}
        self._chatter: asyncio.Task[None] | None = None

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_post("/bench/say", self._say)
        app.router.add_post("/bench/chatter", self._start_chatter)
        app.router.add_get("/bench/stats", self._stats)
        return app

    async def _start_chatter(self, request: web.Request) -> web.Response:
        self._chatter = asyncio.create_task(self._chat(CHATTER_RATE, CHATTER_SECONDS))
        return ok(True)

    async def _chat(self, rate: float, seconds: float) -> None:
        """Users write in at `rate` a second, evenly spaced, each once; a late tick catches up."""
        began = time.monotonic()
        for i in range(int(rate * seconds)):
            await asyncio.sleep(max(began + i / rate - time.monotonic(), 0.0))
            chat = CHATTER_BASE + i
            self.chatter_said[chat] = time.monotonic()
            self.user_message("/subscriptions", chat_id=chat, user_id=chat)

    def _reply_latencies(self) -> list[float | None]:
        answered: dict[int, float] = {}
        for call in self.sent("sendMessage"):
            chat = int(call.params["chat_id"])
            if chat in self.chatter_said and chat not in answered:
                answered[chat] = call.at - self.chatter_said[chat]
        return [answered.get(chat) for chat in self.chatter_said]

    async def _say(self, request: web.Request) -> web.Response:
        self.said_at = time.monotonic()
        self.user_message(await request.text(), chat_id=ASKER, user_id=ASKER)
        return ok(True)

    async def _stats(self, request: web.Request) -> web.Response:
        replies = [c.at for c in self.sent("sendMessage") if int(c.params["chat_id"]) == ASKER
                   and not c.params["text"].startswith(PUSH_MARK) and self.said_at is not None
                   and c.at >= self.said_at]  # fmt: skip
        latency = replies[0] - self.said_at if replies and self.said_at else None
        return ok({"pushes": dict(self.pushes), "times": self.push_times, "latency": latency,
                   "calls": self.call_times, "answered": dict(self.faults.answered),
                   "reply_latencies": self._reply_latencies()})  # fmt: skip

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "sendMessage" and str(params.get("text", "")).startswith(PUSH_MARK):
            self.pushes[int(params["chat_id"])] += 1
            self.push_times.append(time.monotonic())
        return super()._result(method, params)


def timed(faults: Faults, times: list[float]) -> Any:
    """`faults`, noting the time of every sendMessage that is not refused with 429."""

    async def hook(method: str, params: dict[str, Any]) -> web.Response | None:
        answer = await faults(method, params)
        if method == "sendMessage" and (answer is None or answer.status != 429):
            times.append(time.monotonic())
        return answer

    return hook


def serve(pipe: Any, rate: float, n: int, limit: float) -> None:
    # The fake keeps every call it answers; a full collection of that growing log stalls it
    # ~50 ms, and its token bucket then reads the sends queued meanwhile as a burst from the
    # bot and refuses them. The process lives for one case: reference counting is enough.
    gc.disable()

    async def main() -> None:
        api = BenchApi()
        api.faults = Faults(
            blocked_chats(n), flaky_chats(n), limit=RateLimit(limit, max(2.0, limit / 20))
        )
        api.fault = timed(api.faults, api.call_times)
        await api.start()
        pipe.send(api.port)
        await asyncio.Event().wait()

    asyncio.run(main())


def shipped_push_settings() -> dict[str, Any]:
    return dict(yaml.safe_load(PACKAGED_CONFIG.read_text(encoding="utf-8"))["push"])


def bench_config(folder: Path, port: int, push: dict[str, Any]) -> Config:
    raw = {
        "telegram": {"base_url": f"http://127.0.0.1:{port}/bot"},
        "reports_dir": str(SEEDS),
        "database": str(folder / "push.sqlite3"),
        "push": {**push, "check_interval_seconds": 3600},
    }
    return parse_config(raw, folder, {"TELEGRAM_BOT_TOKEN": FakeBotApi().token})


async def fill(config: Config, library: ReportLibrary, n: int) -> None:
    await (await Store.open(config.database)).close()  # the schema
    due = iso(datetime.now(UTC) + timedelta(days=1))
    now = iso(datetime.now(UTC))
    with sqlite3.connect(config.database) as db:
        db.executemany(
            "INSERT INTO subscriptions (chat_id, at, frequency, timezone, next_due, created)"
            " VALUES (?, '08:00', 'daily', 'Asia/Shanghai', ?, ?)",
            [(chat, due, now) for chat in range(1, n + 1)],
        )
        db.executemany(
            "INSERT INTO deliveries (sub_id, slot, chat_id, state, updated)"
            " SELECT id, ?, chat_id, 'known', ? FROM subscriptions",
            [("report:" + r.digest, now) for r in library.reports],
        )


async def run_case(
    rate: float, n: int, seconds: float | None, chatter: bool = False
) -> dict[str, Any]:
    """L=`rate`: the fake admits `rate` sends a second and the bot is set 2% under it (replies
    count in the same budget; 2% absorbs the timing jitter between two processes on a shared
    machine, which the fake's strict bucket would refuse as a burst). With `chatter`, the fake
    is Telegram (30/s), the bot runs at the shipped settings and users write in meanwhile."""
    limit = TELEGRAM_RATE if chatter else rate
    push = shipped_push_settings() if chatter else {"rate_per_second": rate * 0.98}
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(child, rate, n, limit), daemon=True)
    server.start()
    port = parent.recv()
    try:
        with tempfile.TemporaryDirectory() as folder:
            config = bench_config(Path(folder), port, push)
            return await _push_and_measure(config, port, n, seconds, chatter)
    finally:
        server.terminate()
        server.join()


async def _push_and_measure(config: Config, port: int, n: int, seconds: float | None,
                            chatter: bool) -> dict[str, Any]:  # fmt: skip
    library = ReportLibrary(config.reports_dir)
    library.reload()
    await fill(config, library, n)
    app = build_application(config, library)
    pusher = state_of(app).pusher
    async with ClientSession() as http:
        async with running(app, poll_timeout=1):
            await state_of(app).enrichment  # start-up done, as in `briefing-bot run`
            await pusher.wait_idle()
            task = await pusher.push_now()
            assert task is not None
            await asyncio.sleep(min(seconds or 5.0, 5.0) / 2)
            await http.post(f"http://127.0.0.1:{port}/bench/say", data="/subscriptions")
            if chatter:
                await http.post(f"http://127.0.0.1:{port}/bench/chatter")
            await asyncio.wait({task}, timeout=seconds or 600)
        # Only once the bot has stopped: a send still in flight at the end of a slice reaches
        # the fake after a snapshot taken earlier, yet is logged sent.
        async with http.get(f"http://127.0.0.1:{port}/bench/stats") as response:
            stats = (await response.json())["result"]
    return {**stats, "sent_rows": _sent_chats(config)}


def _sent_chats(config: Config) -> list[int]:
    with sqlite3.connect(config.database) as db:
        return [row[0] for row in db.execute("SELECT chat_id FROM deliveries WHERE state = 'sent'")]


def _per_second(times: list[float]) -> tuple[float, int]:
    """Events per second over the whole span, and in its median whole second (the steady
    rate, without the tail of the last retries waiting out their backoff)."""
    times = sorted(times)
    span = times[-1] - times[0]
    per_second = Counter(int(t - times[0]) for t in times)
    whole = sorted(per_second[s] for s in range(int(span)))
    return len(times) / span, whole[len(whole) // 2] if whole else len(times)


def report(rate: float, n: int, seconds: float | None, stats: dict[str, Any]) -> str:
    pushes = Counter({int(chat): count for chat, count in stats["pushes"].items()})
    duplicated = sum(count - 1 for count in pushes.values() if count > 1)
    if seconds is None:
        expected = set(range(1, n + 1)) - blocked_chats(n)
        lost = len(expected - set(pushes))
    else:  # a slice: every send the database calls sent must have arrived
        lost = len(set(stats["sent_rows"]) - set(pushes))
    sending, sending_steady = _per_second(stats["calls"])
    delivery, _ = _per_second(stats["times"])
    latency = stats["latency"]
    scope = f"slice of {seconds:g} s" if seconds else "whole list"
    answer = "no reply" if latency is None else f"{latency:.3f} s"
    return (
        f"L={rate:g} n={n} {scope}: sending rate/L {sending / rate:.3f} "
        f"(median second {sending_steady / rate:.3f}), delivery rate/L {delivery / rate:.3f}; "
        f"delivered {len(pushes)}, lost {lost}, duplicated {duplicated}; "
        f"API answers {stats['answered']}; mid-push /subscriptions answered in {answer}"
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def replies_report(stats: dict[str, Any]) -> str:
    latencies = stats["reply_latencies"]
    answered = [latency for latency in latencies if latency is not None]
    push = shipped_push_settings()["rate_per_second"]
    head = (
        f"replies during a push (bot at the shipped {push:g}/s, Telegram {TELEGRAM_RATE:g}/s, "
        f"{CHATTER_RATE:g} users' messages/s for {CHATTER_SECONDS:g} s): "
    )
    if not answered:
        return head + f"none of {len(latencies)} answered"
    return head + (
        f"answered {len(answered)} of {len(latencies)}, latency p50 "
        f"{_percentile(answered, 0.5):.3f} s, p99 {_percentile(answered, 0.99):.3f} s, "
        f"max {max(answered):.3f} s; pushes delivered meanwhile {len(stats['pushes'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--rate", type=float, help="one case at this L (whole list)")
    parser.add_argument("--seconds", type=float, help="stop after this many seconds (a slice)")
    parser.add_argument("--replies", action="store_true", help="only replies during a push")
    args = parser.parse_args()
    cases = [(args.rate, args.seconds)] if args.rate else [(30.0, 10.0), (1000.0, None)]
    for rate, seconds in [] if args.replies else cases:
        stats = asyncio.run(run_case(rate, args.n, seconds))
        print(report(rate, args.n, seconds, stats), flush=True)
    if args.replies or not args.rate:
        # The push outlasts the users' messages: it is cut once they have all been answered.
        seconds = CHATTER_SECONDS + 5.0
        stats = asyncio.run(run_case(TELEGRAM_RATE, args.n, seconds, chatter=True))
        print(replies_report(stats), flush=True)


if __name__ == "__main__":
    main()
