"""Fault soak: the running bot serves users and pushes briefings while Telegram misbehaves.

A few hundred subscriptions (private chats, groups, forum topics; daily, workdays, weekly; six
time zones) and a handful of users sending /summary, /metrics, /search, /sections and taps,
/subscriptions. The test clock jumps 6–30 hours between push rounds. The fake Telegram answers,
at random, 429 (retry after 1 s), 500, late (up to 1 s), or hangs up before recording the call.

Afterwards every (subscription, due slot) owed must be in the delivery log as sent (or, rarely,
failed after max_attempts) and every sent one must have reached its chat exactly once, with the
tour's chapters in order. A hang-up *after* Telegram took the message would be an unavoidable
duplicate (docs/pushes.md, at-least-once window); it is not injected, so lost and duplicated
must both be 0.

SOAK_SECONDS bounds the rounds (10 s by default, 45 s with LONG_TESTS=1; tests/kits/sizes.py);
SOAK_SEED seeds subscribers, faults and users.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.local.answered import Turns
from bot.local.bot_api import Call
from bot.push.store import ANNOUNCE
from bot.state import state_of
from tests.kits.push_fixtures import Clock, Harness, push_bot, rows
from tests.kits.sizes import size
from tests.kits.soakkit import (
    USERS,
    Chatter,
    Owed,
    RandomFaults,
    expected_texts,
    received,
    subscribe_all,
)

SECONDS = size("SOAK_SECONDS", ci=10, long=45)
SEED = int(os.environ.get("SOAK_SEED", "7"))
SUBSCRIBERS = 300
MAX_ATTEMPTS = 3
MAX_ROUNDS = 10_000
# Rounds the soak runs however slow the machine (parallel test workers, a busy CI runner):
# enough for every subscriber to be owed a push; the time budget only adds rounds.
MIN_ROUNDS = 4
# Telegram's 20 a minute per group would make each round wait seconds for a group's retry;
# faster group pacing keeps the soak about faults and volume (tests/bot/test_push_pacing.py has it).
GROUP_PER_MINUTE = 120
PROMPT = 2.0  # seconds /start may take once the faults stop

pytestmark = pytest.mark.soak


def _states(harness: Harness) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = defaultdict(dict)
    for row in rows(harness.config.database, "SELECT sub_id, slot, state FROM deliveries"):
        if not row["slot"].startswith(ANNOUNCE):
            found[row["sub_id"]][row["slot"]] = row["state"]
    return found


def _account(harness: Harness, owed: list[Owed], calls: list[Call]) -> dict[str, Any]:
    """Compare what was owed, what the log says, and what Telegram accepted."""
    library = state_of(harness.app).library
    report = library.report(library.reports[0].digest)
    assert report is not None
    briefing = library.briefing(report.digest)
    states = _states(harness)
    expected: Counter[tuple[int, int, str]] = Counter()
    unlogged = 0
    for sub in owed:
        logged = states.get(sub.sub_id, {})
        unlogged += len(set(sub.slots) - {s for s, v in logged.items() if v in {"sent", "failed"}})
        unlogged += len(set(logged) - set(sub.slots))  # a slot never owed was pushed
        expected.update(
            (*sub.place, text) for text in expected_texts(sub, logged, report, briefing)
        )
    pushed = Counter({k: n for k, n in received(calls).items() if k[0] not in USERS})
    return {
        "owed": sum(len(sub.slots) for sub in owed),
        "delivered": sum(pushed.values()),
        "failed": sum(v == "failed" for logged in states.values() for v in logged.values()),
        "lost": unlogged + sum((expected - pushed).values()),
        "duplicated": sum((pushed - expected).values()),
    }


async def _soak(harness: Harness, owed: list[Owed], rng: random.Random) -> int:
    rounds, began = 0, time.monotonic()  # the budget is the soak's, not the bot's start-up
    while rounds < MIN_ROUNDS or (time.monotonic() - began < SECONDS and rounds < MAX_ROUNDS):
        harness.clock.now += timedelta(hours=rng.uniform(6, 30))
        for sub in owed:
            sub.round_at(harness.clock.now)
        await asyncio.wait_for(harness.push_round(), 60)
        rounds += 1
    return rounds


async def _start_latency(harness: Harness) -> float:
    began = time.monotonic()
    call = await harness.say("/start", chat_id=USERS[0])
    assert "请选择要看的内容" in call.params["text"]
    return time.monotonic() - began


async def test_pushes_survive_a_misbehaving_telegram_exactly_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: Any
) -> None:
    rng, began = random.Random(SEED), time.monotonic()
    clock = Clock("2024-03-01T00:00:00+00:00")
    with caplog.at_level(logging.WARNING):
        async with push_bot(
            tmp_path, clock, max_attempts=MAX_ATTEMPTS, group_per_minute=GROUP_PER_MINUTE
        ) as harness:
            turns = Turns().install(harness.app)
            store, library = harness.store, state_of(harness.app).library
            await harness.pusher.wait_idle()
            known = [r.digest for r in library.reports]
            owed = await subscribe_all(store, rng, SUBSCRIBERS, known, clock())
            faults, chatter, stop = RandomFaults(rng), Chatter(harness.api, rng), asyncio.Event()
            harness.api.fault = faults
            talking = asyncio.create_task(chatter.run(stop))
            rounds = await _soak(harness, owed, rng)
            stop.set()
            await talking
            for update_id in chatter.update_ids:
                await turns.wait(update_id, timeout=30)
            faults.enabled = False
            latency = await _start_latency(harness)
            tally = _account(harness, owed, list(harness.api.calls))
    seconds = time.monotonic() - began
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    with capsys.disabled():
        print(
            f"\nfault soak: seed={SEED} subscriptions={len(owed)} rounds={rounds} "
            f"updates sent={len(chatter.update_ids)} ({dict(chatter.kinds)}) "
            f"faults injected={dict(faults.injected)} pushes owed={tally['owed']} "
            f"delivered={tally['delivered']} failed after {MAX_ATTEMPTS} attempts={tally['failed']}"
            f" lost={tally['lost']} duplicated={tally['duplicated']} /start after the soak "
            f"{latency:.2f} s, errors logged by reply failures={len(errors)}, in {seconds:.1f} s"
        )
    assert tally["lost"] == 0 and tally["duplicated"] == 0, tally
    assert tally["delivered"] + tally["failed"] == tally["owed"], tally
    assert tally["failed"] <= max(3, tally["owed"] // 100), tally
    assert rounds >= 2 and tally["delivered"] >= SUBSCRIBERS
    assert all(faults.injected[kind] for kind in ("429", "500", "dropped", "slow"))
    assert latency < PROMPT
    # Interactive replies that met an injected fault are logged by the one error handler;
    # nothing else may log an error (a failed push round would).
    assert {r.name for r in errors} <= {"bot.handlers.errors"}, [r.getMessage() for r in errors]
