"""Briefing in the background (issue 12, items 5, 8 and 11): reports added by /reload are
briefed, an oversized file is skipped unread, a report being briefed holds back no other,
stopping kills the worker mid-report, and the bot process never imports jieba."""

from __future__ import annotations

import asyncio
import functools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

import bot.app
import bot.handlers.common
from bench.kits.clikit import write_config
from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import ROOT, SEEDS
from bot.config import MAX_REPORT_BYTES, Config, ConfigError, parse_config
from bot.library.reports import ReportLibrary
from bot.present.card import FontNotFoundError, find_font
from bot.state import state_of
from briefings.catalogue import Listing
from briefings.derive import brief
from tests.kits.botkit import USER, Chat, bot_working, make_config, open_chat, visible
from tests.kits.slow_work import brief_dying_on, brief_in_order, brief_stalling_on

SEED = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
POLL_STEPS = 1200  # of 0.05 s: a minute at most for the worker to start a report
SETTLE_SECONDS = 120.0


def year_after(text: str) -> str:
    return text.replace("2021", "2022").replace("2020", "2021")


def cold_config(tmp_path: Path, folder: Path, **raw: Any) -> Config:
    """A bot on the reports in `folder` with an empty report cache: all briefed by the worker."""
    return make_config(tmp_path, reports_dir=folder, cache_dir=str(tmp_path / "cold"), **raw)


def has_font() -> bool:
    try:
        find_font()
    except FontNotFoundError:
        return False
    return True


async def settled(chat: Chat) -> None:
    await asyncio.wait_for(state_of(chat.application).briefer.settled(), SETTLE_SECONDS)


async def stalled_worker(pid_file: Path) -> int:
    """The process id of the worker once it is stuck in the stalling report."""
    for _ in range(POLL_STEPS):
        if pid_file.exists() and pid_file.read_text(encoding="utf-8"):
            return int(pid_file.read_text(encoding="utf-8"))
        await asyncio.sleep(0.05)
    raise AssertionError("the worker never started the stalling report")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_a_report_added_by_reload_is_briefed(api: FakeBotApi, tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_2020.txt").write_text(SEED, encoding="utf-8")
    config = make_config(tmp_path, reports_dir=folder, admins=[USER])  # the seed's cache is warm
    async with open_chat(api, config) as chat:
        newest = year_after(SEED)  # every chat's report by default
        (folder / "b_2021.txt").write_text(newest, encoding="utf-8")
        assert "新增 1 份" in await chat.text("/reload")
        await settled(chat)
        figures = await chat.text("/metrics")
        assert "819项" in figures and "231万人" in figures
        found = await chat.text("/search 赣服通")
        assert found.startswith("搜索“赣服通”") and "1.2.1" in found
        if has_font():
            [card] = [call for call in await chat.send("/card") if call.method == "sendPhoto"]
            assert "关键数据 15 项" in card.params["caption"]


async def test_a_report_over_max_report_bytes_is_skipped_unread(api: FakeBotApi, tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED, encoding="utf-8")
    limit = len((folder / "a.txt").read_bytes()) + 1000
    (folder / "huge.txt").write_text(year_after(SEED) * 3, encoding="utf-8")
    config = make_config(tmp_path, reports_dir=folder, admins=[USER], max_report_bytes=limit)
    async with open_chat(api, config) as chat:
        [skipped] = state_of(chat.application).library.errors
        assert str(skipped).startswith("huge.txt: too large, not read: ")
        reply = await chat.text("/reload")
        assert "共 1 份" in reply
        assert (
            f"huge.txt: too large, not read: {3 * len(year_after(SEED).encode()):,} bytes" in reply
        )
        assert f"over max_report_bytes ({limit:,})" in reply


def test_max_report_bytes_is_five_megabytes_unless_set_to_a_positive_integer(tmp_path: Path):
    assert parse_config({}, tmp_path, {}).max_report_bytes == MAX_REPORT_BYTES == 5 * 2**20
    assert parse_config({"max_report_bytes": 1000}, tmp_path, {}).max_report_bytes == 1000
    for wrong in (0, -1, "5MB", 1.5, True):
        with pytest.raises(ConfigError, match="'max_report_bytes'"):
            parse_config({"max_report_bytes": wrong}, tmp_path, {})


async def test_commands_on_a_report_answer_while_another_is_briefed(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_2020.txt").write_text(SEED, encoding="utf-8")
    # The newest, briefed first; and it never finishes: the other worker briefs the other.
    (folder / "b_2021.txt").write_text(year_after(SEED), encoding="utf-8")
    pid_file = tmp_path / "worker.pid"
    work = functools.partial(brief_stalling_on, "b_2021.txt", pid_file)
    monkeypatch.setattr(bot.handlers.common, "ENRICHMENT_WAIT", 0.5)
    config = cold_config(tmp_path, folder, admins=[USER])
    async with bot_working(api, config, work, workers=2) as chat:
        await stalled_worker(pid_file)
        briefer = state_of(chat.application).briefer
        for _ in range(POLL_STEPS):  # until the other worker has briefed the other report
            if briefer.progress()[0]:
                break
            await asyncio.sleep(0.05)
        assert "后台简报中：已完成 1/2 份（新报告优先）" in await chat.text("/reports")
        assert "报告简报：已完成 1/2 份" in await chat.text("/stats")
        assert "2020年度" in await chat.text("/use 2")
        figures = await chat.text("/metrics")
        assert "819项" in figures and "231万人" in figures
        assert (await chat.text("/search 赣服通")).startswith("搜索“赣服通”")
        await chat.text("/use 1")
        assert await chat.text("/metrics") == "数据还在整理中，请稍后再试。"
        # /search covers every report: the other's hits, saying this one is not in yet
        found = await chat.text("/search 赣服通")
        assert found.startswith("当前报告的搜索索引正在建立") and "《关于南昌市2020年度" in found
        assert await chat.text("/search 量子计算机") == (
            "搜索索引正在建立，请稍后再试。\n\n另有 1 份报告还在整理中，结果尚不完整，稍后再搜可包括它们。"
        )


async def test_the_report_a_user_waits_for_is_briefed_next(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Newest first, except that the report someone asked about jumps the queue."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_2020.txt").write_text(SEED, encoding="utf-8")
    oldest = SEED.replace("2020", "2019").replace("2021", "2020")  # asked about
    (folder / "b_2019.txt").write_text(oldest, encoding="utf-8")
    newest = year_after(SEED).replace("。", "。以上情况属实。", 100)  # and the largest
    (folder / "c_2021.txt").write_text(newest, encoding="utf-8")
    log, gate = tmp_path / "order.txt", tmp_path / "gate"
    monkeypatch.setattr(bot.handlers.common, "ENRICHMENT_WAIT", 0.1)
    work = functools.partial(brief_in_order, log, gate)
    async with bot_working(api, cold_config(tmp_path, folder), work) as chat:
        for _ in range(POLL_STEPS):  # until the worker holds the first report
            if log.exists():
                break
            await asyncio.sleep(0.05)
        await chat.text("/use 3")
        await chat.text("/metrics")
        gate.touch()
        await settled(chat)
        assert "819项" in await chat.text("/metrics")
    assert log.read_text(encoding="utf-8").split() == ["c_2021.txt", "b_2019.txt", "a_2020.txt"]


async def test_a_first_metrics_on_a_report_being_briefed_says_so_and_answers_when_it_is_in(
    api: FakeBotApi, tmp_path: Path
):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_2020.txt").write_text(SEED, encoding="utf-8")
    log, gate = tmp_path / "order.txt", tmp_path / "gate"
    work = functools.partial(brief_in_order, log, gate)  # held until the gate opens
    async with bot_working(api, cold_config(tmp_path, folder), work):
        for _ in range(POLL_STEPS):  # until the worker holds the report
            if log.exists():
                break
            await asyncio.sleep(0.05)
        seen, asked = len(api.calls), time.monotonic()
        api.user_message("/metrics", USER, USER)
        said = await api.wait_for(lambda c: c.method == "sendMessage" and c in api.calls[seen:])
        assert said.params["text"] == (
            "正在整理《关于南昌市2020年度法治政府建设工作的报告》的数据，稍候即发……"
        )
        assert said.at - asked < 2.0  # within a second or so, not after the wait
        gate.touch()
        figures = await api.wait_for(
            lambda c: c.method == "sendMessage" and c in api.calls[seen:] and c is not said,
            timeout=SETTLE_SECONDS,
        )
        assert "819项" in figures.params["text"]
        assert "整理中" not in visible(api.calls[seen:])


async def test_stop_kills_the_worker_busy_with_a_report(api: FakeBotApi, tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "slow.txt").write_text(SEED, encoding="utf-8")
    pid_file = tmp_path / "worker.pid"
    work = functools.partial(brief_stalling_on, "slow.txt", pid_file)
    async with bot_working(api, cold_config(tmp_path, folder), work) as chat:
        pid = await stalled_worker(pid_file)
        library = state_of(chat.application).library
    assert not alive(pid)  # terminated and reaped, not left to finish or linger
    assert library.briefings == {}  # the stop did not wait for the briefing


async def test_a_worker_that_dies_fails_its_report_only(
    api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_2020.txt").write_text(SEED, encoding="utf-8")
    (folder / "b_2021.txt").write_text(year_after(SEED), encoding="utf-8")
    work = functools.partial(brief_dying_on, "b_2021.txt")
    async with bot_working(api, cold_config(tmp_path, folder, admins=[USER]), work) as chat:
        await settled(chat)
        assert await chat.text("/metrics") == "数据还在整理中，请稍后再试。"  # b_2021, the newest
        await chat.text("/use 2")
        assert "819项" in await chat.text("/metrics")  # briefed by a fresh worker
        assert "briefing b_2021.txt failed: the worker process ended" in caplog.text
        await chat.text("/reload")  # tries the failed report again: it dies again
        await settled(chat)
    assert caplog.text.count("briefing b_2021.txt failed") == 2


BOT_PROCESS = """
import asyncio, sys, tempfile
from pathlib import Path
from typing import Any
from bench.kits.clikit import write_config
from bench.kits.fault_api import FakeBotApi
from tests.kits.botkit import make_config, open_chat

async def main():
    api = FakeBotApi()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        config = make_config(Path(folder), cache_dir=str(Path(folder) / "cold"))
        async with open_chat(api, config) as chat:
            for command in ("/summary", "/sections", "/plan", "/search 赣服通", "/card"):
                await chat.send(command)
            print(await chat.text("/metrics"))
    await api.stop()
    print(sorted(name for name in sys.modules if name.split(".")[0] == "jieba"))

asyncio.run(main())
"""


def test_the_bot_process_never_imports_jieba():
    """jieba costs ~150 MB that never unloads: only the briefing worker process loads it."""
    done = subprocess.run(
        [sys.executable, "-c", BOT_PROCESS], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    *figures, modules = done.stdout.splitlines()
    assert "819项" in "\n".join(figures)  # briefed, by the worker
    assert modules == "[]"


# What the first reply after a start must not wait on: each loads when a command needs it.
LOADED_LATER = ('jieba', 'PIL', 'jinja2', 'pygal', 'pypdf', 'docx', 'briefings.parse', 'psycopg',
                'briefings.figures', 'briefings.promises', 'briefings.compare',
                'bot.pages.views')  # fmt: skip
# Loaded once the bot polls, in a thread: the sources' poller with its document readers,
# the cross-report index.
NOT_IMPORTED = (*LOADED_LATER, "bot.sources.poller", "briefings.corpus_index")


def test_starting_the_bot_imports_no_library_only_some_commands_need():
    """Pillow (cards), jieba (briefing), page templates and document readers load when used,
    not before the first reply; nor the report parser, which only reading a report needs, nor
    the figures' rules (~50 ms), which showing, comparing or pairing figures needs. The web
    server, started with the bot, loads the pages' views (Jinja2: ~9 MB) with the first page."""
    script = (
        "import sys, bot.app, bot.web.server\n"
        f"print(sorted(m for m in {NOT_IMPORTED!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


FIRST_REPLY = """
import asyncio, sys
from dataclasses import replace
from pathlib import Path
from bench.kits.clikit import write_config
from bench.kits.fault_api import FakeBotApi
from bot.app import build_application, running
from bot.config import load_config

async def main():
    api = FakeBotApi()
    await api.start()
    config = load_config(Path(sys.argv[1]))
    api.user_message("/start")
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    async with running(application, poll_timeout=1):
        reply = await api.wait_for(lambda call: call.method == "sendMessage", 60)
        print(sorted(m for m in sys.argv[2:] if m in sys.modules))
        print(reply.params["text"].splitlines()[0])
    await api.stop()

asyncio.run(main())
"""


def test_the_first_start_reply_loads_no_library_only_other_commands_need(tmp_path: Path):
    """A bot started on a warmed cache (as the image's) answers its first /start from the
    catalogue: before that reply it has loaded none of what other commands need."""
    config = write_config(tmp_path, "http://127.0.0.1:9/bot")
    warm = [sys.executable, "-m", "bot.cli", "warm", "--config", str(config)]
    subprocess.run(warm, cwd=ROOT, check=True, capture_output=True, timeout=300)
    command = [sys.executable, "-c", FIRST_REPLY, str(config), *LOADED_LATER]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    loaded, heading = done.stdout.splitlines()
    assert heading == "<b>关于南昌市2020年度法治政府建设工作的报告</b>"
    assert loaded == "[]"


async def test_a_start_sent_while_the_bot_was_down_is_answered_from_the_reports(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """An update waiting when the bot starts is answered once the reports folder is read (within
    LOAD_WAIT), not with "no report loaded" because the first poll came before the folder."""
    reload = ReportLibrary.reload

    def slow_reload(library: ReportLibrary, held: Collection[str] = ()) -> list[Listing]:
        time.sleep(0.3)  # a busy disk: the first poll would come first
        return reload(library, held)

    monkeypatch.setattr(ReportLibrary, "reload", slow_reload)
    api.user_message("/start")
    async with bot_working(api, make_config(tmp_path), brief):
        reply = await api.wait_for(lambda call: call.method == "sendMessage", SETTLE_SECONDS)
    assert "南昌市2020年度法治政府建设工作" in visible([reply])


async def test_the_bot_answers_while_a_large_reports_folder_is_first_read(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A folder that takes longer than LOAD_WAIT to read (thousands of reports never read
    before) is read on in the background: commands answer meanwhile, then the reports are in."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a_2020.txt").write_text(SEED, encoding="utf-8")
    release = threading.Event()
    reload = ReportLibrary.reload

    def slow_reload(library: ReportLibrary, held: Collection[str] = ()) -> list[Listing]:
        release.wait(SETTLE_SECONDS)  # as parsing ten thousand files does
        return reload(library, held)

    monkeypatch.setattr(ReportLibrary, "reload", slow_reload)
    monkeypatch.setattr(bot.app, "LOAD_WAIT", 0.1)
    config = make_config(tmp_path, reports_dir=folder)
    async with bot_working(api, config, brief) as chat:
        assert "/reports" in await chat.text("/help")
        assert await chat.text("/metrics") == "正在读取报告文件夹，请稍后再试。"
        release.set()
        state = state_of(chat.application)
        assert state.loading is not None
        await asyncio.wait_for(state.loading, SETTLE_SECONDS)
        assert "819项" in await chat.text("/metrics")
