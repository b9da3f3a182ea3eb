"""Update fuzz: thousands of random and malformed updates through the fake Telegram into the
real running bot. It must stay up, log no error, answer every command addressed to it, stay
silent on commands for other bots, and only ever send HTML that Telegram accepts.

FUZZ_UPDATES sets how many updates (2,000 by default, 20,000 with LONG_TESTS=1; tests/kits/sizes.py)
and FUZZ_SEED the generator's seed; a failure prints the seed and the offending updates, so it
reproduces.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from bench.kits.fault_api import FakeBotApi
from bot.local.bot_api import Call
from bot.present.words import CHINESE
from bot.state import state_of
from bot.telegram.split import TELEGRAM_LIMIT
from tests.kits.botkit import Chat, make_config, open_chat, visible
from tests.kits.fuzzkit import Fuzzed, UpdateFuzzer, html_problems
from tests.kits.sizes import size

UPDATES = int(size("FUZZ_UPDATES", ci=2_000, long=20_000))
SEED = int(os.environ.get("FUZZ_SEED", "20240607"))
BATCH = 200
ANSWER_LIMIT = 200  # Telegram's limit on a callback answer's text
CAPTION_LIMIT = 1024
STALE_BUTTON = CHINESE("common.stale_button")
REFUSAL = "内容太长了"  # the guard's answer to an overlong argument
REPLIES = frozenset({"sendMessage", "editMessageText", "sendPhoto"})


def _number(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _by_chat(calls: list[Call]) -> dict[int | None, list[Call]]:
    chats: dict[int | None, list[Call]] = defaultdict(list)
    for call in calls:
        if call.method in REPLIES:
            chats[_number(call.params.get("chat_id"))].append(call)
    return chats


def _answered(calls: list[Call]) -> set[str]:
    return {c.params["callback_query_id"] for c in calls if c.method == "answerCallbackQuery"}


def _broken_replies(calls: list[Call]) -> list[str]:
    """Every message text must be Telegram HTML within the limits."""
    found = []
    for call in calls:
        text = call.params.get("text") or ""
        if call.method in {"sendMessage", "editMessageText"}:
            problems = html_problems(text)
            if len(text) > TELEGRAM_LIMIT:
                problems.append(f"{len(text)} characters")
            found += [f"{call.method} {text[:120]!r}: {p}" for p in problems]
        if call.method == "answerCallbackQuery" and len(text) > ANSWER_LIMIT:
            found.append(f"callback answer of {len(text)} characters")
        if len(call.params.get("caption") or "") > CAPTION_LIMIT:
            found.append(f"{call.method} caption over {CAPTION_LIMIT} characters")
    return found


def _owed(fuzzed: Fuzzed, chats: dict[int | None, list[Call]], answered: set[str]) -> list[str]:
    """What the bot failed to do for one update."""
    sent = chats.get(fuzzed.chat_id, [])
    missing = []
    if fuzzed.replies and not sent:
        missing.append("no reply to a command addressed to the bot")
    if fuzzed.silent and sent:
        missing.append(f"{len(sent)} message(s) for a command meant for another bot")
    if fuzzed.overlong and any(not c.params["text"].startswith(REFUSAL) for c in sent):
        missing.append("an overlong argument was not refused")
    if fuzzed.query_id and fuzzed.query_id not in answered:
        missing.append("the tap was never answered")
    threads = {
        _number(c.params.get("message_thread_id")) for c in sent if c.method != "editMessageText"
    }
    if fuzzed.thread_id is not None and threads - {fuzzed.thread_id}:
        missing.append(f"answered outside topic {fuzzed.thread_id}: {threads}")
    return missing


async def _feed(chat: Chat, fuzzer: UpdateFuzzer, count: int) -> dict[int, Fuzzed]:
    """Send `count` updates in batches, each batch waited for, and return them by update id."""
    sent: dict[int, Fuzzed] = {}
    while len(sent) < count:
        batch = [fuzzer() for _ in range(min(BATCH, count - len(sent)))]
        ids = [chat.api.add_update(fuzzed.update)["update_id"] for fuzzed in batch]
        sent.update(zip(ids, batch, strict=True))
        await chat.turns.wait(ids[-1], timeout=60)
    return sent


def _error_records(records: list[logging.LogRecord]) -> list[str]:
    # A server without a CJK font cannot draw /card; the bot says so and logs it on purpose.
    return [
        f"{r.name}: {r.getMessage()}"
        for r in records
        if r.levelno >= logging.ERROR and not r.getMessage().startswith("card not drawn")
    ]


def _report(sent: dict[int, Fuzzed], failures: list[str], seconds: float, replies: int) -> str:
    kinds = Counter(f.kind for f in sent.values())
    return (
        f"update fuzz: seed={SEED} updates fuzzed={len(sent)} ({dict(kinds)}) "
        f"replies={replies} errors={len(failures)} in {seconds:.1f} s "
        f"({len(sent) / max(seconds, 1e-9):.0f} updates/s)"
    )


def _failures(sent: dict[int, Fuzzed], calls: list[Call], done: set[int]) -> list[str]:
    chats, answered = _by_chat(calls), _answered(calls)
    failures = _broken_replies(calls)
    for update_id, fuzzed in sent.items():
        owed = ["never handled"] if update_id not in done else []
        owed += _owed(fuzzed, chats, answered)
        failures += [f"{problem}: {json.dumps(fuzzed.update, ensure_ascii=False)[:400]}"
                     for problem in owed]  # fmt: skip
    return failures


@pytest.mark.soak
async def test_fuzzed_updates_never_break_the_bot(
    api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: Any
) -> None:
    began = time.monotonic()
    with caplog.at_level(logging.ERROR):
        async with open_chat(api, make_config(tmp_path)) as chat:
            digests = [r.digest for r in state_of(chat.application).library.reports]
            sent = await _feed(chat, UpdateFuzzer(random.Random(SEED), digests), UPDATES)
            calls: list[Call] = list(api.calls)
            alive = visible(await chat.send("/start"))
            failures = _failures(sent, calls, chat.turns.done) + _error_records(caplog.records)
    seconds = time.monotonic() - began
    summary = _report(sent, failures, seconds, sum(c.method in REPLIES for c in calls))
    with capsys.disabled():
        print("\n" + summary)
    assert "请选择要看的内容" in alive, "the bot stopped answering /start"
    assert not failures, summary + "\n" + "\n".join(failures[:20])
    assert len(sent) == UPDATES


# -- what the fuzz found, kept as plain regressions ---------------------------------------------
async def test_an_edited_command_with_an_overlong_argument_is_refused(chat: Chat) -> None:
    text = "/summary " + "1" * 5000
    message = {"message_id": 1, "date": 1, "edit_date": 2, "text": text,
               "chat": {"id": 1001, "type": "private"},
               "from": {"id": 1001, "is_bot": False, "first_name": "用户"},
               "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}  # fmt: skip
    calls = await chat.deliver({"edited_message": message})
    texts = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert len(texts) == 1 and texts[0].startswith(REFUSAL)


async def test_a_menu_tap_under_an_inline_message_is_answered(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    query = {"id": "q1", "chat_instance": "c", "inline_message_id": "i1", "data": "menu::plan",
             "from": {"id": 1001, "is_bot": False, "first_name": "用户"}}  # fmt: skip
    with caplog.at_level(logging.ERROR):
        calls = await chat.deliver({"callback_query": query})
    assert [c.params.get("text") for c in calls] == [STALE_BUTTON]
    assert not caplog.records


@pytest.mark.parametrize("text", ["/timezone", "/timezone <b>UTC</b>", "/subscribe </b></pre>",
                                  "/timezone A&B"])  # fmt: skip
async def test_push_command_replies_are_telegram_html(chat: Chat, text: str) -> None:
    calls = await chat.send(text)
    sent = [c.params["text"] for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1 and not html_problems(sent[0]), sent
    assert text.partition(" ")[2] in visible(calls)  # the argument is quoted as typed
