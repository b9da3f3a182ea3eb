"""Pieces of the fault soak: a seeded Telegram that misbehaves at random, subscribers of every
kind, an independent account of which briefings are owed, and a user who keeps talking.

The faults are decided by one seeded `Random`; the order in which concurrent requests draw from
it depends on scheduling, so a seed reproduces the mix of faults, not every single one.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from aiohttp import web

from bench.kits.fault_api import DropConnection, FakeBotApi
from bot.local.bot_api import Call, error
from bot.present import series
from bot.push.schedule import Frequency, Schedule, next_due
from bot.push.store import Store, iso
from briefings.briefing import Briefing
from briefings.model import Report

# Polling and start-up calls stay clean: the soak is about replies and pushes, and a failing
# getUpdates only makes PTB back off, which would starve the interactive traffic.
UNTOUCHED = frozenset({"getUpdates", "getMe", "setMyCommands", "deleteWebhook"})
ZONES = ("Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
         "Australia/Adelaide", "UTC")  # fmt: skip
FREQUENCIES = (Frequency.DAILY,) * 7 + (Frequency.WORKDAYS,) * 2 + (Frequency.WEEKLY,)
USERS = range(1, 9)  # interactive chats; subscribers live elsewhere
COMMANDS = ("/summary", "/metrics", "/search 营商环境", "/sections", "/subscriptions", "tap")


@dataclass
class RandomFaults:
    """On every call but polling: 429 with `retry_after`, 500, a dropped connection (before the
    call is recorded, so the message never went out), or an answer up to `slowest` s late."""

    rng: random.Random
    odds: dict[str, float] = field(
        default_factory=lambda: {"429": 0.01, "500": 0.04, "dropped": 0.03, "slow": 0.08}
    )
    slowest: float = 1.0
    retry_after: int = 1
    enabled: bool = True
    injected: Counter[str] = field(default_factory=Counter)

    async def __call__(self, method: str, params: dict[str, Any]) -> web.Response | None:
        if not self.enabled or method in UNTOUCHED:
            return None
        kind = self._draw()
        if kind is None:
            return None
        self.injected[kind] += 1
        if kind == "429":
            return error(429, f"Too Many Requests: retry after {self.retry_after}",
                         retry_after=self.retry_after)  # fmt: skip
        if kind == "500":
            return error(500, "Internal Server Error")
        if kind == "dropped":
            raise DropConnection
        await asyncio.sleep(self.rng.uniform(0.0, self.slowest))
        return None  # late, but answered and recorded

    def _draw(self) -> str | None:
        roll = self.rng.random()
        for kind, odds in self.odds.items():
            if roll < odds:
                return kind
            roll -= odds
        return None


@dataclass
class Owed:
    """One subscription as the test sees it: when it is due and which slots it is owed."""

    sub_id: int
    place: tuple[int, int]  # chat, topic
    schedule: Schedule
    zone: str
    due: datetime
    slots: list[str] = field(default_factory=list)

    def round_at(self, now: datetime) -> None:
        """A push round at `now` owes one briefing if due; a late bot catches up once."""
        if self.due <= now:
            self.slots.append(iso(self.due))
            self.due = next_due(self.schedule, self.zone, max(self.due, now))


def places(rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Private chats, groups and forum topics (two topics in some forums)."""
    found: list[tuple[int, int]] = []
    for serial in range(count):
        kind = rng.random()
        if kind < 0.7:
            found.append((300_000 + serial, 0))
        elif kind < 0.85:
            found.append((-(400_000 + serial), 0))
        else:
            forum = -(1_000_000_000_000 + serial)
            found += [(forum, topic) for topic in range(2, 2 + rng.choice((1, 2)))]
    return found[:count]


async def subscribe_all(
    store: Store, rng: random.Random, count: int, known: list[str], now: datetime
) -> list[Owed]:
    owed = []
    for chat, topic in places(rng, count):
        schedule = Schedule(time(rng.randrange(24), rng.randrange(60)), rng.choice(FREQUENCIES))
        zone = rng.choice(ZONES)
        due = next_due(schedule, zone, now)
        sub = await store.subscribe(chat, topic, schedule, zone, due, known, now)
        owed.append(Owed(sub.id, (chat, topic), schedule, zone, due))
    return owed


def expected_texts(
    owed: Owed, states: dict[str, str], report: Report, briefing: Briefing | None
) -> list[str]:
    """The briefings a subscription should have received: the tour advances only on `sent`."""
    texts, position = [], 0
    for slot in owed.slots:
        if states.get(slot) != "sent":
            continue
        if owed.schedule.frequency is Frequency.WEEKLY:
            texts.append(series.weekly(report, briefing))
        else:
            text, position = series.chapter(report, position, briefing)
            texts.append(text)
    return texts


def received(calls: list[Call]) -> Counter[tuple[int, int, str]]:
    """Accepted sendMessage calls by (chat, topic, text)."""
    return Counter(
        (int(c.params["chat_id"]), int(c.params.get("message_thread_id") or 0), c.params["text"])
        for c in calls
        if c.method == "sendMessage"
    )


class Chatter:
    """Users in their own chats sending a mix of commands and taps until told to stop."""

    def __init__(self, api: FakeBotApi, rng: random.Random) -> None:
        self.api, self.rng = api, rng
        self.update_ids: list[int] = []
        self.kinds: Counter[str] = Counter()

    async def run(self, stop: asyncio.Event, most: int = 5_000) -> None:
        for _ in range(most):  # bounded even if never stopped
            if stop.is_set():
                return
            self.say(self.rng.choice(USERS), self.rng.choice(COMMANDS))
            await asyncio.sleep(self.rng.uniform(0.02, 0.15))

    def say(self, user: int, command: str) -> None:
        if command == "tap":
            under = self._buttons_for(user)
            if under is None:
                command = "/sections"
            else:
                rows = under.params["reply_markup"]["inline_keyboard"]
                data = self.rng.choice([b["callback_data"] for row in rows for b in row])
                self._sent("tap", self.api.tap(under.result, data, user_id=user))
                return
        self._sent(command.split()[0], self.api.user_message(command, user, user))

    def _sent(self, kind: str, update: dict[str, Any]) -> None:
        self.kinds[kind] += 1
        self.update_ids.append(update["update_id"])

    def _buttons_for(self, user: int) -> Call | None:
        for call in reversed(self.api.calls):
            markup = call.params.get("reply_markup") or {}
            if (call.method == "sendMessage" and int(call.params["chat_id"]) == user
                    and markup.get("inline_keyboard")):  # fmt: skip
                return call
        return None
