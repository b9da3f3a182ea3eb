"""Search and /compare when the cache folder cannot hold the search index: they answer from an
index kept in memory, and nothing says the subscriptions are in trouble."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEED
from bench.kits.report_copies import warm_cache
from bot.local.plain_text import plain
from briefings.corpus_index import FILE_NAME
from tests.kits.botkit import USER, make_config, open_chat


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / SEED.name)
    warm_cache(tmp_path)
    return tmp_path


async def answers(api: FakeBotApi, folder: Path) -> tuple[str, str]:
    config = make_config(folder, folder / "reports", cache_dir=str(folder / "cache"), admins=[USER])
    async with open_chat(api, config) as chat:
        found = await chat.send("/search 行政复议")
        compared = await chat.send("/compare 行政复议")
    return plain(found[-1].params["text"]), plain(compared[-1].params["text"])


def unusable(folder: Path, how: str) -> None:
    index = folder / "cache" / FILE_NAME
    if how == "a folder in its place":
        index.mkdir()
    else:  # a read-only index file in a read-only folder (root writes them anyway)
        index.write_bytes(b"")
        index.chmod(0o444)
        index.parent.chmod(0o555)


@pytest.mark.parametrize("how", ["a folder in its place", "read-only"])
async def test_search_and_compare_work_when_the_index_file_cannot_be_written(
    api: FakeBotApi, folder: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    if how == "read-only" and os.geteuid() == 0:
        pytest.skip("root writes read-only files and folders")
    unusable(folder, how)
    try:
        with caplog.at_level(logging.WARNING):
            found, compared = await answers(api, folder)
    finally:
        (folder / "cache").chmod(0o755)
    assert "行政复议" in found and "订阅" not in found and "暂时无法" not in found
    assert "行政复议" in compared and "订阅" not in compared
    said = [r.getMessage() for r in caplog.records if "search index" in r.getMessage()]
    assert said and "memory" in said[0]
    assert not [r for r in caplog.records if "never retrieved" in r.getMessage()]
