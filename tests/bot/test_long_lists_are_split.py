"""Replies that list things (the files /reload could not read) are split to Telegram's limit
like every other reply, instead of failing with 抱歉."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEED
from tests.kits.botkit import USER, make_config, open_chat

LIMIT = 4096


async def test_reload_with_hundreds_of_unreadable_files_answers_in_parts(
    api: FakeBotApi, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    config = make_config(tmp_path, reports_dir=folder, admins=[USER])
    async with open_chat(api, config) as chat:
        for number in range(300):  # each too short to be a report: one line each in the reply
            (folder / f"不是报告的文件_{number:03}_{'x' * 40}.txt").write_text(
                "短", encoding="utf-8"
            )
        calls = await chat.send("/reload")
    sent = [call.params["text"] for call in calls if call.method == "sendMessage"]
    assert len(sent) > 1 and all(len(text) <= LIMIT for text in sent)
    assert sent[0].startswith("报告目录已重新加载：共 1 份")
    assert "不是报告的文件_000_" in sent[0]
    assert "抱歉" not in "".join(sent)
