"""The terminal chat: no token, same handlers, buttons chosen by number or label."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.local_api import Call
from bot.localchat import Buttons, plain, show
from tests.botkit import ROOT

MARKUP = {"inline_keyboard": [[{"text": "摘要", "callback_data": "menu::summary"},
                               {"text": "目录", "callback_data": "menu::toc"}]]}  # fmt: skip


def _run_chat(stdin: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "run", "--config", str(ROOT / "config.yaml")],
        input=stdin, capture_output=True, text=True, timeout=60, env=env, cwd=Path("/"),
    )  # fmt: skip


def test_the_chat_answers_and_quits() -> None:
    result = _run_chat("/plan\n/start\n2\n/quit\n/help\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "设置 TELEGRAM_BOT_TOKEN" in out
    assert "2021年工作计划（第 3 部分）\n1. 抓好《法治政府建设规划" in out
    assert "[1 摘要] [2 目录] [3 关键数据]" in out
    assert "目录 · 关于南昌市2020年度法治政府建设工作的报告" in out  # button 2 was tapped
    assert "政务简报 · 命令" not in out  # nothing after /quit


def test_the_chat_ends_at_end_of_input() -> None:
    result = _run_chat("/problems\n")
    assert result.returncode == 0, result.stderr
    assert "1. 依法行政水平还需加强" in result.stdout


def test_plain_drops_tags_and_unescapes() -> None:
    assert plain('<b>粗</b> &lt;x&gt; <a href="https://e.org/?a=1&amp;b=2">链接</a>') == (
        "粗 <x> 链接 (https://e.org/?a=1&b=2)"
    )


def test_buttons_are_listed_and_chosen_by_number_or_label() -> None:
    buttons = Buttons()
    call = Call("sendMessage", {"text": "<b>简报</b>", "reply_markup": MARKUP}, {"message_id": 5})
    assert show(call, buttons) == "简报\n[1 摘要] [2 目录]"
    assert buttons.chosen("2") == buttons.chosen("目录") == "menu::toc"
    assert buttons.chosen("/help") is None
