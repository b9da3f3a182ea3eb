"""The token bucket spaces sends evenly and never bursts after an idle spell."""

from __future__ import annotations

from bot.push.pacing import Pacer, TokenBucket


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
