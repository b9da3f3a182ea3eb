"""Chatting with the bot in the terminal, no Telegram token needed.

The same Application and handlers answer, talking over HTTP to an in-process LocalBotApi that
stands in for Telegram. Replies are shown as plain text with their buttons listed; a button is
chosen by typing its number or its label.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
import threading
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from .app import build_application, running
from .config import TOKEN_ENV, Config
from .context import state_of
from .local_api import Call, LocalBotApi
from .turns import Turns

CHAT_ID = 1001
QUIT = {"/quit", "/exit"}
REPLY_TIMEOUT = 30.0
_LINK = re.compile(r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram HTML as terminal text: links as `text (url)`, other tags dropped."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", text)
    return html.unescape(_TAG.sub("", text))


@dataclass
class Buttons:
    """The inline buttons of the latest bot message that had any."""

    message: dict[str, Any] | None = None
    labels: list[tuple[str, str]] = field(default_factory=list)  # (label, callback data)

    def take(self, call: Call) -> str:
        """Remember `call`'s buttons; return them as a line like `[1 摘要] [2 目录]`."""
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
        if not rows:
            return ""
        self.message = call.result
        self.labels = [(b["text"], b.get("callback_data", "")) for row in rows for b in row]
        numbers = iter(range(1, len(self.labels) + 1))
        return "\n".join(" ".join(f"[{next(numbers)} {b['text']}]" for b in row) for row in rows)

    def chosen(self, line: str) -> str | None:
        """The callback data of the button `line` names by number or label, if any."""
        for number, (label, data) in enumerate(self.labels, start=1):
            if line in (str(number), label):
                return data
        return None


def show(call: Call, buttons: Buttons) -> str:
    """What the user would see of one Bot API call, or '' for calls they would not see."""
    if call.method in {"sendMessage", "editMessageText"}:
        head = "（消息已更新）\n" if call.method == "editMessageText" else ""
        keys = buttons.take(call)
        return head + plain(str(call.params.get("text", ""))) + (f"\n{keys}" if keys else "")
    if call.method == "answerCallbackQuery" and call.params.get("text"):
        return f"〔提示〕{call.params['text']}"
    return ""


def _read_lines(stream: TextIO, queue: asyncio.Queue[str | None]) -> None:
    """Feed `stream`'s lines to the loop; a daemon thread, so a pending read never blocks exit."""
    loop = asyncio.get_running_loop()

    def pump() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="stdin", daemon=True).start()


def banner(count: int) -> str:
    return (
        f"政务简报 · 本地对话（已载入 {count} 份报告）\n"
        f"未设置 {TOKEN_ENV}：回复只显示在这里。设置 {TOKEN_ENV} 后运行 briefing-bot 即可连接 Telegram。\n"
        "输入 /help 查看命令，按钮可输入编号或名称选择；/quit 或 Ctrl-D 退出。"
    )


async def _turn(api: LocalBotApi, turns: Turns, buttons: Buttons, line: str) -> list[str]:
    """Send one line as the user (a button tap or a message); the bot's visible answer."""
    data = buttons.chosen(line) if buttons.message else None
    update = api.tap(buttons.message, data) if data else api.user_message(line, CHAT_ID, CHAT_ID)
    before = len(api.calls)
    await turns.wait(update["update_id"], REPLY_TIMEOUT)
    return [text for call in api.calls[before:] if (text := show(call, buttons))]


async def run_local_chat(
    config: Config, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    api = LocalBotApi()
    await api.start()
    try:
        local = replace(config, token=api.token, base_url=api.base_url, mode="polling")
        application = build_application(local)
        turns = Turns().install(application)
        async with running(application):
            print(banner(len(state_of(application).library.reports)), file=out, flush=True)
            await _converse(api, turns, stdin, out)
    finally:
        await api.stop()
    return 0


async def _converse(api: LocalBotApi, turns: Turns, stdin: TextIO, out: TextIO) -> None:
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    _read_lines(stdin, queue)
    buttons = Buttons()
    echo = not stdin.isatty()  # piped input is not shown by a terminal: show it as a transcript
    while (line := await queue.get()) is not None:
        line = line.strip()
        if echo and line:
            print(f"你> {line}", file=out, flush=True)
        if line in QUIT:
            break
        if line:
            for text in await _turn(api, turns, buttons, line):
                print(f"\n{text}\n", file=out, flush=True)
