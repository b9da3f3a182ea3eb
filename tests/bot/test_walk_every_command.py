"""A new user's walk through every command of the command table, and every kind of button the
answers offer, in Chinese and in English, with twenty reports loaded.

Every answer is checked as the user sees it: no catalogue words of the other language, the
numbers of a numbered list match the buttons under it, and every message or tap shows progress
(the typing action or a first message) within a second. Reports added during the walk (a file
and /reload, a fetched /add) are held in the briefing worker until the test lets them go, so
the slow answers are slow on every machine.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.gov_docs import report_lines
from bench.kits.gov_site import GovSite
from bench.kits.paths import SEED
from bot.commands import COMMANDS
from bot.local.bot_api import Call
from bot.local.plain_text import plain
from bot.state import state_of
from bot.telegram.callbacks import KINDS, decode
from briefings.derive import brief
from briefings.folder import load_folder
from tests.kits import chat_checks
from tests.kits.botkit import USER, Chat, bot_working, buttons, make_config
from tests.kits.many_reports import COUNT, PLACES, invented_lines, write_reports
from tests.kits.slow_work import brief_after_gate

ANSWER_TIMEOUT = 60.0  # seconds a whole answer may take on a busy machine (a card, a fetch)
FETCHING = {"timeout_seconds": 5, "host_interval_seconds": 0.01}
LATE_PLACE, LATE_YEAR = "宜宾市", 2024  # the report a /reload adds during the walk
ADDED = "/art/a5.html"  # the page /add fetches from the local government site
ADDED_PLACE = "进贤县"
ADMINS = [USER + n for n in range(6)]  # the walker, in each of its chats


@functools.cache
def _briefed() -> dict[str, bytes]:
    """The twenty reports' cache files, briefed once per test process."""
    with tempfile.TemporaryDirectory() as folder:
        reports = write_reports(Path(folder) / "reports")
        cache = Path(folder) / "cache"
        for report in load_folder(reports[0].parent).reports:
            brief(report, cache)
        return {path.name: path.read_bytes() for path in cache.iterdir()}


class Walk:
    """The user's side: each message or tap is timed to its first sign of progress, and every
    button kind tapped is noted."""

    def __init__(self, chat: Chat, folder: Path) -> None:
        self.chat, self.api, self.folder = chat, chat.api, folder
        self.progress: list[tuple[str, float | None]] = []
        self.tapped: set[str] = set()
        self.seen: set[str] = set()  # button kinds offered
        self.chats = {USER}

    async def _timed(
        self, what: str, update: dict[str, Any], chat_id: int, wait: bool
    ) -> list[Call]:
        since = time.monotonic()
        before = len(self.api.calls)
        self.chats.add(chat_id)
        try:
            first = await self.api.wait_for(
                lambda c: c.at >= since and chat_checks.shows_progress(c)
                and int(c.params.get("chat_id") or chat_id) == chat_id,
                timeout=chat_checks.PROGRESS_WITHIN + 2.0,
            )  # fmt: skip
            self.progress.append((what, first.at - since))
        except TimeoutError:
            self.progress.append((what, None))
        if wait:
            await self.chat.turns.wait(update["update_id"], timeout=ANSWER_TIMEOUT)
        calls = [*self.api.calls[before:]]
        for call in calls:
            self.seen.update(kind for _, data in buttons(call) if (kind := _kind(data)))
        return calls

    async def send(self, text: str, chat_id: int = USER, wait: bool = True) -> list[Call]:
        update = self.api.user_message(text, chat_id=chat_id, user_id=chat_id)
        return await self._timed(text, update, chat_id, wait)

    async def tap(
        self, calls: list[Call], choose: Callable[[str, str], bool], wait: bool = True
    ) -> list[Call]:
        """Tap the first button under `calls` that `choose(label, data)` picks."""
        for call in reversed(calls):
            for label, data in buttons(call):
                if choose(label, data):
                    self.tapped.add(_kind(data) or "?")
                    chat_id = int(call.params["chat_id"])
                    update = self.api.tap(call.result, data, user_id=chat_id)
                    return await self._timed(f"tap {label} ({data})", update, chat_id, wait)
        shown = [buttons(call) for call in calls]
        raise AssertionError(f"no such button among {shown}")

    async def text(self, text: str) -> str:
        return "\n".join(
            plain(c.params["text"])
            for c in await self.send(text)
            if c.method in {"sendMessage", "editMessageText"}
        )


def _kind(data: str) -> str | None:
    button = decode(data)
    return button.kind if button else None


def kind(name: str) -> Callable[[str, str], bool]:
    return lambda label, data: _kind(data) == name


def labelled(text: str) -> Callable[[str, str], bool]:
    return lambda label, data: label == text


def argument(name: str, arg: str) -> Callable[[str, str], bool]:
    return lambda label, data: (
        (found := decode(data)) is not None
        and (
            found.kind,
            found.arg,
        )
        == (name, arg)
    )


def _last_text(calls: list[Call]) -> str:
    texts = [
        plain(c.params["text"]) for c in calls if c.method in {"sendMessage", "editMessageText"}
    ]
    return texts[-1] if texts else ""


async def fast_walk(walk: Walk) -> None:
    """Every command and the buttons its answers offer, on reports already briefed."""
    menu = await walk.send("/start")
    for key in ("summary", "toc", "metrics", "plan", "problems", "subscribe"):
        answer = await walk.tap(menu, argument("menu", key))
        if key == "summary":
            await walk.tap(answer, kind("sum"))
        if key == "subscribe":
            await walk.tap(answer, kind("sub"))
        if key == "toc":
            section = await walk.tap(answer, kind("sec"))
            section = await walk.tap(section, labelled("▶"))
            await walk.tap(section, kind("toc"))
    for command in ("/help", "/summary", "/summary full", "/summary 1", "/sections"):
        await walk.send(command)
    await walk.send("/use 南昌")  # the seed report: figures over more than one page
    await walk.tap(await walk.send("/metrics all"), labelled("▶"))
    for command in ("/metrics", "/metrics 地区生产总值", "/plan", "/problems"):
        await walk.send(command)
    await walk.tap(await walk.send("/search 法治"), labelled("▶"))
    listing = await walk.send("/reports")
    assert "1/2" in _last_text(listing)  # twenty reports: more than one page
    await walk.tap(await walk.tap(listing, labelled("▶")), kind("use"))
    offered = await walk.send("/use 2020")
    lines = chat_checks.listed_numbers(_last_text(offered))
    number = sorted(lines, key=int)[-1]
    switched = await walk.text(number)  # a bare number right after the list picks its line
    title = re.sub(r"^\S+\s+", "", lines[number]).strip()
    assert title in switched, (lines[number], switched)
    await walk.tap(offered, kind("use"))
    compared = await walk.send("/compare 地区生产总值")
    await walk.tap(compared, labelled("▶"))
    await walk.send("/use 九江 2020")
    await walk.send("/diff")
    await walk.tap(await walk.send("/promises"), kind("prm"))
    for command in (
        "/card",
        "/web",
        "/subscribe 08:00",
        "/subscriptions",
        "/timezone Europe/Berlin",
    ):
        await walk.send(command)
    await walk.send("/unsubscribe")
    await walk.send("/follow 法治")
    await walk.tap(await walk.send("/unfollow"), kind("unf"))
    await walk.send("/follow 法治")  # followed again: the report added later is announced
    for command in ("/push_now", "/stats", "/sources", "/sumary"):
        await walk.send(command)


async def slow_walk(walk: Walk, site: GovSite, gate: Path, language: str) -> None:
    """Answers that wait on a briefing still being made (held until `gate` exists) or on a
    fetch: each must show progress within a second, then answer once the briefing is in.
    They wait side by side, each in a chat of its own (whose answer is whose is then plain),
    and none holds up the others."""
    late = walk.folder / "late.txt"
    late.write_text("\n".join(invented_lines(LATE_PLACE, LATE_YEAR)) + "\n", encoding="utf-8")
    await walk.send("/reload")
    chats = [USER + n for n in range(1, 6)]
    for chat_id in chats:
        if language == "en":
            await walk.send("/lang en", chat_id)
        await walk.send(f"/use {LATE_PLACE[:2]}", chat_id)
    menu = await walk.send("/start", chats[1])
    await walk.send("/metrics", chats[0], wait=False)
    await walk.tap(menu, argument("menu", "metrics"), wait=False)
    await walk.send(f"/search {LATE_PLACE[:2]}", chats[2], wait=False)
    await walk.send("/card", chats[3], wait=False)
    await walk.send(f"/add {site.url(ADDED)}", chats[4], wait=False)
    gate.touch()
    api = walk.api
    alert = await api.wait_for(lambda c: any(_kind(d) == "open" for _, d in buttons(c)), 60)
    await walk.tap([alert], kind("open"))


def _quoted(folder: Path) -> str:
    """Every report's text the walk may quote."""
    texts = [path.read_text(encoding="utf-8") for path in folder.glob("*.txt")]
    return "\n".join([*texts, *report_lines(ADDED_PLACE, 2021)])


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_every_command_and_button_answers_in_one_language_with_numbers_and_progress(
    api: FakeBotApi, tmp_path: Path, site: GovSite, language: str
) -> None:
    folder = tmp_path / "reports"
    write_reports(folder)
    cache = tmp_path / "cache"
    cache.mkdir()
    for name, data in _briefed().items():
        (cache / name).write_bytes(data)
    config = make_config(tmp_path, folder, cache_dir=str(cache), admins=ADMINS, fetching=FETCHING)
    gate = tmp_path / "gate"
    work = functools.partial(brief_after_gate, gate)
    async with bot_working(api, config, work) as chat:
        state = state_of(chat.application)
        if state.loading is not None:
            await state.loading
        assert state.enrichment is not None
        await state.enrichment
        assert len(state.library.reports) == COUNT >= 20
        walk = Walk(chat, folder)
        if language == "en":
            await walk.send("/lang en")
        await fast_walk(walk)
        await slow_walk(walk, site, gate, language)
        await walk.tap(await walk.send("/lang"), argument("lang", language))
        calls = [c for c in api.calls if int(c.params.get("chat_id") or 0) in walk.chats]
        calls += [c for c in api.calls if c.method == "answerCallbackQuery"]
    walked = {text.split()[0].removeprefix("/") for text, _ in walk.progress if text[0] == "/"}
    assert {c.name for c in COMMANDS} <= walked, {c.name for c in COMMANDS} - walked
    assert walk.seen <= walk.tapped, f"buttons offered and never tapped: {walk.seen - walk.tapped}"
    assert walk.tapped == set(KINDS), f"button kinds never met: {set(KINDS) - walk.tapped}"
    quoted = _quoted(folder)
    mixed = {
        word: plain(c.params.get("text") or c.params.get("caption") or "")[:120]
        for c in calls
        for word in chat_checks.mixed_words(c, language, quoted)
    }
    assert not mixed, mixed
    wrong = [problem for c in calls for problem in chat_checks.number_mismatches(c)]
    assert not wrong, wrong
    assert not chat_checks.late(walk.progress), chat_checks.late(walk.progress)


async def test_a_tap_waiting_on_a_briefing_shows_typing_and_holds_up_no_other_chat(
    api: FakeBotApi, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder)  # briefed already (its briefing is in the cache); not this one:
    place, year = PLACES[0]
    lines = invented_lines(place, year)
    (folder / "late.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gate = tmp_path / "gate"
    config = make_config(tmp_path, folder)
    async with bot_working(api, config, functools.partial(brief_after_gate, gate)) as chat:
        walk = Walk(chat, folder)
        await walk.send(f"/use {place} {year}")
        menu = await walk.send("/start")
        await walk.tap(menu, argument("menu", "metrics"), wait=False)
        typing = await api.wait_for(lambda c: c.method == "sendChatAction", timeout=5)
        assert int(typing.params["chat_id"]) == USER and typing.params["action"] == "typing"
        other = USER + 1
        await walk.send("/help", other, wait=False)
        helped = await api.wait_for(
            lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == other, timeout=5
        )  # answered while the tap still waits
        assert "/start" in helped.params["text"]
        gate.touch()
        figures = await api.wait_for(
            lambda c: c.method == "sendMessage" and int(c.params["chat_id"]) == USER
            and "地区生产总值" in c.params["text"],
            timeout=60,
        )  # fmt: skip
        assert "关键数据" in figures.params["text"]
    assert not chat_checks.late(walk.progress), chat_checks.late(walk.progress)
