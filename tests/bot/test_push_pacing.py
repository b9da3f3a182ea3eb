"""The token bucket spaces sends evenly and never bursts after an idle spell; replies go
ahead of pushes."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from bot.local.bot_api import Call
from bot.telegram.sending import Pacer, TokenBucket
from tests.kits.push_fixtures import Clock, push_bot


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_slots_are_one_interval_apart():
    ticks = Ticks()
    bucket = TokenBucket(10, clock=ticks)
    waits = [round(bucket.reserve(), 6) for _ in range(5)]
    assert waits == [0.0, 0.1, 0.2, 0.3, 0.4]


def test_no_burst_after_idle():
    ticks = Ticks()
    bucket = TokenBucket(10, clock=ticks)
    bucket.reserve()
    ticks.now += 60
    assert [round(bucket.reserve(), 6) for _ in range(3)] == [0.0, 0.1, 0.2]


def test_hold_pushes_every_slot_back():
    ticks = Ticks()
    bucket = TokenBucket(10, clock=ticks)
    bucket.hold(2.0)
    assert bucket.reserve() == 2.0


def test_groups_get_their_own_slower_pace():
    ticks = Ticks()
    pacer = Pacer(30, 20, clock=ticks)
    group = pacer._group(-5)
    assert [round(group.reserve(), 6) for _ in range(3)] == [0.0, 3.0, 6.0]
    pacer.hold(-5, 10)
    assert pacer.overall.reserve() == 0.0  # a group's flood wait does not stall the others


async def test_a_reply_goes_at_once_but_the_next_push_waits_a_slot_after_it():
    ticks = Ticks()
    pacer = Pacer(10, 20, clock=ticks)
    for _ in range(100):  # replies in a group, no push running: none waits, and no debt piles up
        await pacer.reply(-5)
    assert round(pacer.overall.reserve(), 6) == 0.1
    assert round(pacer._group(-5).reserve(), 6) == 3.0


def _to_chat(chat_id: int, call: Call) -> bool:
    return int(call.params.get("chat_id", 0)) == chat_id


async def test_replies_during_a_push_go_ahead_of_the_pushes(tmp_path: Path):
    """Issue 12 item 12: users who write in during a push are answered in the next free
    slots, ahead of the pushes; a push never holds a slot a reply could take. Counted, not
    timed: the push sends Telegram saw between the users' messages and each reply."""
    subscribers, users = range(7001, 7031), range(9101, 9109)
    clock = Clock("2024-05-06T12:00:00+00:00")
    async with push_bot(tmp_path, clock, rate_per_second=10) as bot:
        for chat in subscribers:
            await bot.say("/subscribe", chat_id=chat)
        seen = len(bot.api.calls)

        def pushes(calls: Sequence[Call]) -> int:
            return sum(c.method == "sendMessage" and int(c.params["chat_id"]) in subscribers
                       for c in calls)  # fmt: skip

        clock.set("2024-05-07T00:00:00+00:00")  # 08:00 in Shanghai: every subscription is due
        push = asyncio.create_task(bot.push_round())
        await bot.api.wait_for(lambda _: pushes(bot.api.calls[seen:]) >= 3)
        arrived = len(bot.api.calls)
        for user in users:  # eight users write in at once, mid-push
            bot.api.user_message("/help", user, user)
        replies = [await bot.api.wait_for(partial(_to_chat, user)) for user in users]
        tally = await push
    waited = [pushes(bot.api.calls[arrived : bot.api.calls.index(r)]) for r in replies]
    assert max(waited) <= 2, waited  # before the fix each reply waited behind a push: 1..8
    assert tally.sent == len(subscribers)
