"""Start-up under attack (issue 12): the real CLI as a process, against a fake Telegram on
127.0.0.1. Every failure ends the process with one line, a non-zero status and no secret; a
folder of many reports starts."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import socket
import sys
import traceback
from collections.abc import AsyncIterator
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiohttp import web

from bench.kits.clikit import BOUND, Finished, finish, free_port, healthz, start_cli, write_config
from bench.kits.fault_api import DropConnection, FakeBotApi
from bench.kits.paths import CORPUS, SEED
from bot.config import parse_config
from bot.local.bot_api import error
from bot.logs import REDACTED, redacted_output
from briefings.folder import load_folder, newest_first
from tests.kits.botkit import make_config, open_chat

TOKEN = "918273645:AAH-startup_SECRET-t0ken-xyz"
TOKEN_SECRET = TOKEN.split(":")[1]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(token=TOKEN)
    await server.start()
    yield server
    await server.stop()


async def run_cli(config: Path, *args: str, token: str = TOKEN) -> Finished:
    return await finish(await start_cli(config, *args, token=token))


def assert_one_line_failure(outcome: Finished, *words: str) -> None:
    assert outcome.status not in (0, None), outcome.output
    assert len(outcome.said) == 1, outcome.output
    assert "Traceback" not in outcome.output, outcome.output
    for word in words:
        assert word in outcome.said[0], outcome.said
    assert TOKEN_SECRET not in outcome.output


HANG = "hang"


def briefed(folder: Path) -> list[Path]:
    """What the command wrote into its cache folder (write_config's): briefings, the catalogue."""
    cache = folder / "cache"
    return list(cache.iterdir()) if cache.is_dir() else []


def on_first(method: str, answer: Any) -> Any:
    """A fault hook: the first call of `method` gets `answer`: a response, DropConnection (a
    hang-up) or HANG (no answer at all)."""
    pending = [answer]
    released = asyncio.Event()

    async def hook(called: str, params: dict[str, Any]) -> web.StreamResponse | None:
        if called != method or not pending:
            return None
        given = pending.pop()
        if given is DropConnection:
            raise DropConnection
        if given is HANG:  # no answer while the bot waits: until released
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(released.wait(), 2 * BOUND)
            return None
        return given

    hook.release = released.set  # type: ignore[attr-defined]
    return hook


# -- item 2: many reports, dated and undated ---------------------------------------------------
def corpus_copies(folder: Path, count: int) -> list[Path]:
    """`count` real reports with distinct content: corpus files with a line appended."""
    sources = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "more").glob("*.txt"))
    if not sources:
        pytest.skip("the shared corpus is absent")
    folder.mkdir(exist_ok=True)
    copies = []
    for n, source in enumerate(islice(cycle(sources), count)):
        copy = folder / f"{n:03d}_{source.name}"
        copy.write_bytes(source.read_bytes() + f"\n（副本 {n}）\n".encode())
        copies.append(copy)
    return copies


def test_dated_and_undated_reports_of_one_year_sort_newest_first(tmp_path: Path) -> None:
    corpus_copies(tmp_path / "reports", 200)
    (tmp_path / "reports" / SEED.name).write_bytes(SEED.read_bytes())  # 2020, with a date
    loaded = load_folder(tmp_path / "reports")
    assert len(loaded.reports) == 201 and not loaded.errors
    years = [report.meta.year or 0 for report in loaded.reports]
    assert years == sorted(years, reverse=True)
    of_2020 = [r for r in loaded.reports if r.meta.year == 2020]
    assert of_2020[0].source == SEED.name and of_2020[0].meta.published is not None
    dated = [r.meta.published or r.meta.signed for r in of_2020]  # a delivery line dates a speech
    undated_from = next(i for i, day in enumerate(dated) if day is None)
    assert all(day is None for day in dated[undated_from:])  # the undated after the dated
    assert dated[:undated_from] == sorted(dated[:undated_from], reverse=True)
    assert newest_first(list(reversed(loaded.reports))) == loaded.reports  # a total order


async def test_the_bot_starts_with_200_real_reports(api: FakeBotApi, tmp_path: Path) -> None:
    corpus_copies(tmp_path / "reports", 200)
    (tmp_path / "reports" / SEED.name).write_bytes(SEED.read_bytes())
    port = free_port()
    config = write_config(tmp_path, api.base_url, reports_dir=str(tmp_path / "reports"),
                          http={"listen": "127.0.0.1", "port": port})  # fmt: skip
    process = await start_cli(config, "run", token=TOKEN)
    health = None
    try:
        # until /healthz counts every report (the bot answers while it still reads a large
        # folder) or the process ends
        for _ in range(int(BOUND * 4)):
            health = await healthz(port) if process.returncode is None else None
            if process.returncode is not None or (health and health["reports"] == 201):
                break
            await asyncio.sleep(0.25)
    finally:  # the briefings of 201 reports are not the point: a hard stop ends their thread
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)
        _, err = await process.communicate()
    assert health is not None, err.decode()[-3000:]
    assert health["reports"] == 201
    assert api.sent("setMyCommands")


async def test_start_up_freezes_its_heap_unless_the_config_says_not_to(
    api: FakeBotApi, tmp_path: Path
) -> None:
    """Once the reports loaded at start are briefed, what start-up built is frozen out of the
    collector's way (the default); `freeze_startup_heap: false` leaves the heap as it was."""
    assert parse_config({}, tmp_path, env={}).freeze_startup_heap
    gc.unfreeze()
    try:
        for freeze in (False, True):
            config = make_config(tmp_path / str(freeze), freeze_startup_heap=freeze)
            async with open_chat(api, config) as chat:
                assert "南昌市" in await chat.text("/start")
                assert (gc.get_freeze_count() > 0) is freeze
    finally:
        gc.unfreeze()


# -- item 3: the token is never printed ---------------------------------------------------------
@pytest.mark.parametrize("command", [["run"], ["push", "--now"]])
async def test_a_rejected_token_is_not_printed(
    api: FakeBotApi, tmp_path: Path, command: list[str]
) -> None:
    api.token = "918273645:a-different-token"  # Telegram answers 404: InvalidToken
    outcome = await run_cli(write_config(tmp_path, api.base_url), *command)
    assert_one_line_failure(outcome, "rejected the bot token")
    assert TOKEN not in outcome.output
    if command[0] == "push":
        assert not briefed(tmp_path)  # said before any report was briefed


# -- item 4: every start-up failure ends the process ---------------------------------------------
UNANSWERED_SECONDS = 3.0  # for the bot's Telegram timeout: the shipped 10 s proves no more


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(("getMe", error(500, "Internal Server Error")), id="getMe-500"),
        pytest.param(("getMe", DropConnection), id="getMe-dropped"),
        # the bot waits out its Telegram timeout (telegram.timeout_seconds, UNANSWERED_SECONDS here)
        pytest.param(("getMe", HANG), id="getMe-unanswered"),
        pytest.param(("setMyCommands", error(502, "Bad Gateway")), id="setMyCommands-502"),
    ],
)
async def test_a_start_up_failure_ends_the_process(
    api: FakeBotApi, tmp_path: Path, fault: tuple[str, Any]
) -> None:
    api.fault = on_first(*fault)
    telegram = {"base_url": api.base_url, "timeout_seconds": UNANSWERED_SECONDS}
    outcome = await run_cli(write_config(tmp_path, api.base_url, telegram=telegram), "run")
    api.fault.release()
    assert_one_line_failure(outcome, "Telegram")
    assert outcome.status == 1  # worth a restart, unlike a bad token or config (2)


async def test_a_rejected_token_ends_the_process(api: FakeBotApi, tmp_path: Path) -> None:
    outcome = await run_cli(write_config(tmp_path, api.base_url), "run", token="1:wrong-token")
    assert_one_line_failure(outcome, "TELEGRAM_BOT_TOKEN")
    assert outcome.status == 2
    assert not api.sent()


# -- item 15: operator mistakes in the config and the environment --------------------------------
async def test_an_unknown_key_stops_start_up(api: FakeBotApi, tmp_path: Path) -> None:
    config = write_config(tmp_path, api.base_url, telgram={"mode": "webhook"})
    outcome = await run_cli(config, "run")
    assert_one_line_failure(outcome, "'telgram'", "unknown", "'telegram'")
    assert not api.sent()


async def test_a_config_without_reports_dir_says_so(api: FakeBotApi, tmp_path: Path) -> None:
    config = write_config(tmp_path, api.base_url)
    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    del raw["reports_dir"]
    config.write_text(yaml.safe_dump(raw), encoding="utf-8")
    outcome = await run_cli(config, "run")
    assert_one_line_failure(outcome, "'reports_dir'", str(tmp_path / "seeds"))


async def test_a_busy_health_port_ends_start_up(api: FakeBotApi, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = write_config(tmp_path, api.base_url, http={"listen": "127.0.0.1", "port": port})
        outcome = await run_cli(config, "run")
    assert_one_line_failure(outcome, f"127.0.0.1:{port}")


async def test_push_with_telegram_unreachable_says_one_line(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/bot"  # nothing listens there
    outcome = await run_cli(write_config(tmp_path, closed), "push", "--now")
    assert_one_line_failure(outcome, "cannot reach Telegram")
    assert not briefed(tmp_path)  # said before any report was briefed


async def test_a_time_zone_that_is_a_folder_is_a_config_error(
    api: FakeBotApi, tmp_path: Path
) -> None:
    outcome = await run_cli(write_config(tmp_path, api.base_url, timezone="Asia"), "run")
    assert_one_line_failure(outcome, "'timezone'", "Asia")


def test_whatever_is_printed_is_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    """Tracebacks, prints and warnings bypass logging: the streams themselves redact."""
    with redacted_output([TOKEN, None]):
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
        except RuntimeError:
            traceback.print_exc()
        print(f"GET /bot{TOKEN.replace(':', '%3A')}/getMe")  # the secret part alone, encoded
        sys.stderr.writelines([f"{TOKEN_SECRET}\n"])
    printed = capsys.readouterr()
    assert TOKEN_SECRET not in printed.out + printed.err
    assert printed.err.count(REDACTED) == 2 and REDACTED in printed.out
    assert "RuntimeError: The token `[REDACTED]` was rejected" in printed.err
