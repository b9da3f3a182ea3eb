"""/search across every report: through the real bot and the fake Telegram, on corpus reports
(read from ../shared/corpus, copied only into the test's temporary folder)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import CORPUS, SEED
from bot.local.bot_api import Call
from bot.local.plain_text import plain
from bot.state import state_of
from briefings.corpus_index import FILE_NAME
from briefings.derive import brief
from briefings.folder import load_folder
from tests.kits.botkit import USER, Chat, buttons, make_config, open_chat

SAYS_IT = ("gansu_2025.txt", "henan_2025.txt")  # both say 低空经济
SILENT = ("beijing_2025.txt",)  # never says it, nor does the seed
WORD = "低空经济"

pytestmark = pytest.mark.skipif(
    not all((CORPUS / name).is_file() for name in SAYS_IT + SILENT), reason="corpus absent"
)


@pytest.fixture(scope="module")
def briefed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports (three corpus ones and the seed) and their briefings, made once per module."""
    folder = tmp_path_factory.mktemp("across")
    reports = folder / "reports"
    reports.mkdir()
    for path in [SEED, *(CORPUS / name for name in SAYS_IT + SILENT)]:
        shutil.copy(path, reports / path.name)
    for report in load_folder(reports).reports:
        brief(report, folder / "cache")
    return folder


@pytest.fixture
def folder(briefed: Path, tmp_path: Path) -> Path:
    """This test's own copy: it may remove reports or damage the index."""
    shutil.copytree(briefed, tmp_path / "bot")
    return tmp_path / "bot"


@contextlib.asynccontextmanager
async def chat_on(api: FakeBotApi, folder: Path) -> AsyncIterator[Chat]:
    config = make_config(folder, folder / "reports", cache_dir=str(folder / "cache"), admins=[USER])
    async with open_chat(api, config) as chat:
        yield chat


def titles(chat: Chat) -> dict[str, str]:
    """File name -> title of every loaded report."""
    library = state_of(chat.application).library
    return {report.source: report.meta.title for report in library.reports}


async def all_pages(chat: Chat, query: str) -> list[str]:
    """The visible text of every page of a search's answer, tapping ▶ until the last."""
    calls = [c for c in await chat.send(f"/search {query}") if c.method == "sendMessage"]
    pages = [plain(calls[-1].params["text"])]
    message = calls[-1]
    for _ in range(20):
        forward = [data for label, data in buttons(message) if label == "▶"]
        if not forward:
            break
        edits = [c for c in await chat.tap(message, forward[0]) if c.method == "editMessageText"]
        pages.append(plain(edits[-1].params["text"]))
        message = Call(edits[-1].method, edits[-1].params, message.result)
    return pages


def indexed(folder: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(folder / "cache" / FILE_NAME)) as db:
        return {name for (name,) in db.execute("SELECT title FROM reports")}


async def test_search_names_the_reports_that_say_the_words(api: FakeBotApi, folder: Path) -> None:
    async with chat_on(api, folder) as chat:
        named = titles(chat)
        text = "\n".join(await all_pages(chat, WORD))
    assert text.startswith(f"搜索“{WORD}”")
    for name in SAYS_IT:
        assert named[name] and f"《{named[name]}》" in text
    for name in (*SILENT, SEED.name):
        assert f"《{named[name]}》" not in text


async def test_the_chats_report_comes_first(api: FakeBotApi, folder: Path) -> None:
    async with chat_on(api, folder) as chat:
        library = state_of(chat.application).library
        numbers = {report.source: n for n, report in enumerate(library.reports, start=1)}
        named = titles(chat)
        for chosen, other in (SAYS_IT, SAYS_IT[::-1]):
            await chat.send(f"/use {numbers[chosen]}")
            hits = [line for line in (await all_pages(chat, WORD))[0].splitlines() if "——" in line]
            assert f"《{named[chosen]}》" in hits[0] and "当前报告" in hits[0]
            assert any(f"《{named[other]}》" in hit for hit in hits)
            assert all("当前报告" not in hit for hit in hits if named[other] in hit)


@pytest.mark.parametrize("damage", ["garbage", "missing", "truncated"])
async def test_a_damaged_or_missing_index_is_rebuilt(
    api: FakeBotApi, folder: Path, damage: str
) -> None:
    async with chat_on(api, folder) as chat:
        before = "\n".join(await all_pages(chat, WORD))
    index = folder / "cache" / FILE_NAME
    if damage == "garbage":
        index.write_bytes(b"not a database at all " * 500)
    elif damage == "missing":
        index.unlink()
    else:
        index.write_bytes(index.read_bytes()[:3000])
    async with chat_on(api, folder) as chat:
        after = "\n".join(await all_pages(chat, WORD))
    assert after == before and WORD in after
    assert index.read_bytes().startswith(b"SQLite format 3")
    assert len(indexed(folder)) == 4


async def test_a_removed_report_leaves_the_index_and_returns_when_added(
    api: FakeBotApi, folder: Path
) -> None:
    gone = folder / "reports" / SAYS_IT[0]
    kept = folder / "kept.txt"
    async with chat_on(api, folder) as chat:
        title = titles(chat)[gone.name]
        gone.rename(kept)
        await chat.send("/reload")
        without = "\n".join(await all_pages(chat, WORD))
        assert title not in indexed(folder)
        kept.rename(gone)
        await chat.send("/reload")
        await state_of(chat.application).briefer.settled()
        again = "\n".join(await all_pages(chat, WORD))
    assert f"《{title}》" not in without and WORD in without
    assert f"《{title}》" in again and title in indexed(folder)


async def test_a_renamed_report_is_still_found_after_a_reload(
    api: FakeBotApi, folder: Path
) -> None:
    """The index reads a report's sentences from its file: renamed, the same bytes are read
    from their new name (the one the index names)."""
    old = folder / "reports" / SAYS_IT[0]
    async with chat_on(api, folder) as chat:
        title = titles(chat)[old.name]
        before = "\n".join(await all_pages(chat, WORD))
        old.rename(old.with_name(f"renamed_{old.name}"))
        await chat.send("/reload")
        after = "\n".join(await all_pages(chat, WORD))
    assert f"《{title}》" in before and after == before
    with contextlib.closing(sqlite3.connect(folder / "cache" / FILE_NAME)) as db:
        named = {source for (source,) in db.execute("SELECT source FROM reports")}
    assert f"renamed_{old.name}" in named and old.name not in named


async def test_markup_in_a_report_is_escaped_in_results(api: FakeBotApi, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("关于南昌市2020年度", "关于<b>南昌</b>&amp;市2020年度", 1)
    text = text.replace("拓展“赣服通”功能建设", "拓展“赣服通”<i>功能</i>建设", 1)
    (reports / "marked.txt").write_text(text, encoding="utf-8")
    shutil.copy(SEED, reports / SEED.name)  # hits in two reports: each names its report
    config = make_config(tmp_path, reports, cache_dir=str(tmp_path / "cache"))
    async with open_chat(api, config) as chat:
        calls = [c for c in await chat.send("/search 赣服通") if c.method == "sendMessage"]
    html = calls[-1].params["text"]
    assert "&lt;b&gt;南昌&lt;/b&gt;&amp;amp;" in html and "&lt;i&gt;功能&lt;/i&gt;" in html
    assert "<i>" not in html and "<b>南昌" not in html


async def test_many_hits_are_paged_and_numbered_throughout(api: FakeBotApi, folder: Path) -> None:
    async with chat_on(api, folder) as chat:
        pages = await all_pages(chat, "法治")
    heading = pages[0].splitlines()[0]  # 共 N 条 (every match)，列出最相关的 M 条
    count = int(heading.split("最相关的 ")[1].split(" 条")[0])
    numbers = [
        int(line.split(".")[0])
        for page in pages
        for line in page.splitlines()
        if line[:1].isdigit() and ". " in line
    ]
    assert len(pages) >= 2 and f"第 {len(pages)}/{len(pages)} 页" in pages[-1]
    assert numbers == list(range(1, count + 1))
    assert all(sum("——" in line for line in page.splitlines()) <= 5 for page in pages)
