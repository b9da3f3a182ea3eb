"""Chatting with the bot in the terminal, no Telegram token needed.

The same Application and handlers answer, talking over HTTP to an in-process LocalBotApi that
stands in for Telegram. Everything the bot sends to the local chat is shown as plain text, the
replies to a line and the pushes and announcements that arrive between lines alike; a button is
chosen by typing its number or its label, a photo is saved to a file whose path is shown.

At a terminal the line is edited with readline and the history kept in the cache folder. Piped
input is a script: each line is echoed as a transcript, the figures are waited for before the
first line, and a push round still running at the end is waited for, so a script's transcript
does not depend on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import importlib
import signal
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from telegram.ext import Application

from ..app import build_application, running
from ..config import TOKEN_ENV, Config
from ..exits import StartupError
from ..pages.links import local_base
from ..present.words import catalogue
from ..state import state_of
from .answered import Turns
from .bot_api import Call, LocalBotApi
from .plain_text import plain

CHAT_ID = 1001  # the local user and their private chat; an admin of this bot
PROMPT = "你> "
QUIT = {"/quit", "/exit"}
REPLY_TIMEOUT = 30.0
SCRIPT_WAIT = 120.0  # piped input: the longest wait for the figures, and for a push round
SLOW_REPLY = f"（{REPLY_TIMEOUT:g} 秒内没有回答完；之后到达的消息会照常显示。）"
HISTORY_FILE = "localchat-history"
HISTORY_LENGTH = 1000


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


@dataclass
class Photos:
    """Photos the bot sent, saved as PNG files named by their content."""

    folder: Path
    uploads: dict[str, bytes]  # file_id -> bytes: what the local API kept of each upload

    def save(self, photo: bytes | str) -> str | None:
        """The shown path of `photo` (bytes, or the file_id of an earlier upload), or None."""
        content = photo if isinstance(photo, bytes) else self.uploads.get(photo)
        if content is None:
            return None
        path = self.folder / f"{hashlib.sha256(content).hexdigest()[:16]}.png"
        if not path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return _shown_path(path)


def _shown_path(path: Path) -> str:
    """`path` relative to the working folder when inside it: short, and what one would type."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _text(params: dict[str, Any], key: str) -> str:
    value = str(params.get(key) or "")
    return plain(value) if params.get("parse_mode") == "HTML" else value


def show(call: Call, buttons: Buttons, photos: Photos | None = None) -> str:
    """What the user would see of one Bot API call, or '' for calls they would not see."""
    if call.method in {"sendMessage", "editMessageText"}:
        head = "（消息已更新）\n" if call.method == "editMessageText" else ""
        keys = buttons.take(call)
        return head + _text(call.params, "text") + (f"\n{keys}" if keys else "")
    if call.method == "sendPhoto":
        saved = photos.save(call.params.get("photo", "")) if photos else None
        caption = _text(call.params, "caption")
        return f"〔图片〕{saved or '（未能保存）'}" + (f"\n{caption}" if caption else "")
    if call.method == "answerCallbackQuery" and call.params.get("text"):
        return f"〔提示〕{call.params['text']}"
    return ""


def to_local_chat(call: Call) -> bool:
    """A call the local user sees: anything sent to their chat, or an answer to their tap."""
    return call.method == "answerCallbackQuery" or str(call.params.get("chat_id")) == str(CHAT_ID)


def banner(count: int) -> str:
    return (
        f"政务简报 · 本地对话（已载入 {count} 份报告）\n"
        f"未设置 {TOKEN_ENV}：回复只显示在这里。设置 {TOKEN_ENV} 后运行 briefing-bot 即可连接 Telegram。\n"
        "输入 /help 查看命令，按钮可输入编号或名称选择；/quit、Ctrl-D 或 Ctrl-C 退出。"
    )


class Screen:
    """The terminal: bot messages are set off by blank lines; one that arrives while the user
    is typing is printed above their line, which is then drawn again."""

    def __init__(self, out: TextIO, readline: Any = None) -> None:
        self.out = out
        self.readline = readline  # the module, at a terminal
        self.prompting = False  # the reader thread waits in input(PROMPT)
        self.spaced = False  # the line above the cursor is blank

    def echo(self, line: str) -> None:
        self.out.write(f"{PROMPT}{line}\n")
        self.out.flush()
        self.spaced = False

    def say(self, texts: list[str]) -> None:
        if not texts:
            return
        typing = self.prompting and self.readline is not None
        if typing:
            self.out.write("\r\x1b[K")  # the prompt line goes; it comes back below
        for text in texts:
            self.out.write(("" if self.spaced else "\n") + text + "\n\n")
            self.spaced = True
        if typing:
            self.out.write(f"{PROMPT}{self.readline.get_line_buffer()}")
        self.out.flush()


class Lines:
    """The user's lines, read in a daemon thread so a pending read never blocks the exit.

    Piped input is read ahead; at a terminal the next line is asked for only once the answer
    to the last one is shown, so the prompt comes after it."""

    def __init__(self, stream: TextIO, screen: Screen, history: Path | None) -> None:
        self.stream, self.screen, self.history = stream, screen, history
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.wanted = threading.Event()
        self.script = screen.readline is None
        self._loop = asyncio.get_running_loop()
        target = self._pump if self.script else self._prompt
        threading.Thread(target=target, name="stdin", daemon=True).start()

    async def next(self) -> str | None:
        """The next line, stripped; None at the end of input."""
        self.wanted.set()
        line = await self.queue.get()
        return None if line is None else line.strip()

    def _put(self, line: str | None) -> None:
        self._loop.call_soon_threadsafe(self.queue.put_nowait, line)

    def _pump(self) -> None:
        for line in self.stream:
            self._put(line)
        self._put(None)

    def _prompt(self) -> None:
        while self.wanted.wait():
            self.wanted.clear()
            self.screen.prompting = True
            try:
                line: str | None = input(PROMPT)
            except EOFError:
                line = None
                print(file=self.screen.out)  # Ctrl-D leaves the cursor after the prompt
            finally:
                self.screen.prompting = False
                self.screen.spaced = False  # Enter moved the cursor below the typed line
            self._put(line)
            if line is None:
                return

    def save_history(self) -> None:
        if self.screen.readline is not None and self.history is not None:
            with contextlib.suppress(OSError):
                self.history.parent.mkdir(parents=True, exist_ok=True)
                self.screen.readline.write_history_file(self.history)


def _readline(history: Path) -> Any:
    """The readline module with the saved history loaded; None where there is none."""
    try:
        import readline
    except ImportError:  # a Python built without it: lines are still read, just not edited
        return None
    readline.set_history_length(HISTORY_LENGTH)
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    return readline


class LocalChat:
    """Talks to the bot as the local user and shows what the bot sends to their chat."""

    def __init__(self, api: LocalBotApi, turns: Turns, screen: Screen, photos: Photos) -> None:
        self.api, self.turns, self.screen, self.photos = api, turns, screen, photos
        self.buttons = Buttons()
        self._seen = 0  # calls up to here are shown
        self._turn = asyncio.Lock()  # a reply is shown whole, pushes before or after it

    def show_new(self) -> None:
        calls, self._seen = self.api.calls[self._seen :], len(self.api.calls)
        shown = [show(call, self.buttons, self.photos) for call in calls if to_local_chat(call)]
        self.screen.say([text for text in shown if text])

    async def turn(self, line: str) -> None:
        """Send one line as the user (a button tap or a message) and show the bot's answer."""
        async with self._turn:
            self.show_new()  # what arrived while the user typed comes first
            data = self.buttons.chosen(line) if self.buttons.message else None
            if data and self.buttons.message:
                update = self.api.tap(self.buttons.message, data, user_id=CHAT_ID)
            else:
                update = self.api.user_message(line, CHAT_ID, CHAT_ID)
            try:
                await self.turns.wait(update["update_id"], REPLY_TIMEOUT)
            except TimeoutError:
                self.screen.say([SLOW_REPLY])
            self.show_new()

    async def follow(self) -> None:
        """Show what the bot sends outside a turn (pushes, announcements) as it arrives."""
        while True:
            await self.api.wait_calls(len(self.api.calls))
            async with self._turn:
                self.show_new()


async def _when_script_ready(application: Application, lines: Lines) -> None:
    if lines.script and (task := state_of(application).enrichment) is not None:
        await asyncio.wait({task}, timeout=SCRIPT_WAIT)


async def _push_round_ended(application: Application, lines: Lines) -> None:
    pusher = state_of(application).pusher
    if lines.script and pusher is not None and pusher.busy:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(pusher.wait_idle(), SCRIPT_WAIT)


async def _converse(chat: LocalChat, lines: Lines) -> None:
    while (line := await lines.next()) is not None:
        if lines.script and line:
            chat.screen.echo(line)
        if line in QUIT:
            break
        if line:
            await chat.turn(line)


def local_config(config: Config, api: LocalBotApi) -> Config:
    """The bot talking to `api`, with the local user as an admin, and a database of its own:
    a subscription made here must never reach the Telegram bot's subscribers (a SQLite file
    beside the bot's, or in the cache folder when the bot's is a PostgreSQL server)."""
    shared = config.database
    if isinstance(shared, Path):
        database = shared.with_name(f"{shared.stem}.localchat.sqlite3")
    else:
        database = config.cache_dir / "localchat.sqlite3"
    admins = config.admins | {CHAT_ID}
    return replace(
        config, token=api.token, base_url=api.base_url, mode="polling", database=database,
        admins=admins,
    )  # fmt: skip


@contextlib.asynccontextmanager
async def _pages(application: Application) -> AsyncIterator[str]:
    """The web pages served as the bot serves them, on http.listen:http.port; the address of
    their home, or "" when that port is taken (the bot itself may be running): the chat goes on."""
    config = state_of(application).config
    web = await asyncio.to_thread(importlib.import_module, "bot.web.server")
    async with contextlib.AsyncExitStack() as stack:
        served = web.serving(web.build_web_app(application), config.http.listen, config.http.port)
        try:
            port = await stack.enter_async_context(served)
        except StartupError:
            yield ""
            return
        yield f"{local_base(replace(config, http=replace(config.http, port=port)))}/web/"


async def run_local_chat(
    config: Config, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout
) -> int:
    interactive = stdin is sys.stdin and stdin.isatty()
    history = config.cache_dir / HISTORY_FILE
    screen = Screen(out, _readline(history) if interactive else None)
    api = LocalBotApi()
    await api.start()
    try:
        application = build_application(local_config(config, api))
        turns = Turns().install(application)
        chat = LocalChat(api, turns, screen, Photos(config.cache_dir / "cards", api.files))
        async with running(application), _pages(application) as address:
            out.write(banner(len(state_of(application).library.reports)) + "\n")
            if address:
                out.write(catalogue()("web.local", url=address) + "\n")
            out.flush()
            with _terminal_kept(stdin, interactive):
                await _session(application, chat, Lines(stdin, screen, history))
    finally:
        await api.stop()
    return 0


async def _session(application: Application, chat: LocalChat, lines: Lines) -> None:
    """The conversation until /quit, the end of input or Ctrl-C, pushes shown meanwhile."""
    follower = asyncio.create_task(chat.follow(), name="local-chat-outbox")
    talk = asyncio.create_task(_talk(application, chat, lines), name="local-chat")
    loop = asyncio.get_running_loop()
    with contextlib.suppress(ValueError):  # not the main thread (a test): no Ctrl-C to catch
        loop.add_signal_handler(signal.SIGINT, talk.cancel)
    try:
        await talk
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise  # this task itself is cancelled, not only the talk by Ctrl-C
        chat.screen.out.write("\n")  # Ctrl-C ends the chat as /quit does, on a new line
    finally:
        loop.remove_signal_handler(signal.SIGINT)
        follower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await follower
        chat.show_new()
        lines.save_history()


async def _talk(application: Application, chat: LocalChat, lines: Lines) -> None:
    await _when_script_ready(application, lines)
    await _converse(chat, lines)
    await _push_round_ended(application, lines)


@contextlib.contextmanager
def _terminal_kept(stdin: TextIO, interactive: bool) -> Iterator[None]:
    """Put the terminal back as it was: after Ctrl-C the reader thread is still inside
    readline, which would leave the terminal without echo."""
    if not interactive:
        yield
        return
    import termios

    fd = stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
