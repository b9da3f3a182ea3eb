"""The real terminal chat (`briefing-bot` without a token) run as a process, driven through a
pseudo-terminal (readline at work) or through pipes (a script), every read bounded in time."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from bench.kits.paths import ROOT, SEEDS

READ_TIMEOUT = 60.0  # a cold start loads jieba; the machine may be busy
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


def write_config(folder: Path, reports_dir: Path = SEEDS, cache_dir: str = "data/cache") -> Path:
    """A config in `folder` with its own database and, unless given, cache (as the project's,
    under `data/`). A cache shared by several chats spares each one computing the figures."""
    path = folder / "config.yaml"
    path.write_text(
        f"reports_dir: {reports_dir}\ndatabase: data/briefing.sqlite3\ncache_dir: {cache_dir}\n",
        encoding="utf-8",
    )
    return path


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    pythonpath = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    # A known terminal and no personal readline settings: the keys below mean what they say.
    return {**env, "TERM": "xterm", "INPUTRC": os.devnull, "HOME": str(folder),
            "PYTHONPATH": pythonpath}  # fmt: skip


def _command(config: Path) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "run", "--config", str(config)]


def run_script(config: Path, lines: list[str], timeout: float = 240.0) -> str:
    """The chat's whole output for `lines` piped in (no terminal), banner included."""
    return run_script_with_errors(config, lines, timeout)[0]


def run_script_with_errors(
    config: Path, lines: list[str], timeout: float = 240.0
) -> tuple[str, str]:
    """The chat's output and what it wrote to stderr (both on the user's terminal)."""
    result = subprocess.run(
        _command(config), input="".join(f"{line}\n" for line in lines), capture_output=True,
        text=True, timeout=timeout, env=_env(config.parent), cwd=config.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout, result.stderr


class Terminal:
    """The chat on a pseudo-terminal (`tty=True`) or on pipes; `expect` reads with a timeout."""

    def __init__(self, config: Path, tty: bool = True) -> None:
        self.slave: int | None = None
        if tty:
            master, self.slave = pty.openpty()
            fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
            stdin, stdout, stderr = self.slave, self.slave, self.slave
            self._read_fd, self._write_fd = master, master
        else:
            stdin, stdout, stderr = subprocess.PIPE, subprocess.PIPE, subprocess.STDOUT
        self.process = subprocess.Popen(
            _command(config), env=_env(config.parent), cwd=config.parent,
            stdin=stdin, stdout=stdout, stderr=stderr,
        )  # fmt: skip
        if not tty:
            assert self.process.stdin is not None and self.process.stdout is not None
            self._read_fd, self._write_fd = (
                self.process.stdout.fileno(),
                self.process.stdin.fileno(),
            )
        self._output = b""
        self._mark = 0  # `expect` looks past here

    @property
    def output(self) -> str:
        """Everything shown so far, terminal control sequences removed."""
        return _ESCAPES.sub("", self._output.decode("utf-8", errors="replace"))

    def send(self, keys: str) -> None:
        os.write(self._write_fd, keys.encode("utf-8"))

    def _read(self, deadline: float) -> bool:
        ready, _, _ = select.select([self._read_fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return False
        try:
            chunk = os.read(self._read_fd, 65536)
        except OSError:  # the terminal closed
            return False
        self._output += chunk
        return bool(chunk)

    def expect(self, text: str, timeout: float = READ_TIMEOUT) -> str:
        """Read until `text` appears after the last match; the output up to it."""
        return self.expect_any(text, timeout=timeout)[1]

    def expect_any(self, *texts: str, timeout: float = READ_TIMEOUT) -> tuple[str, str]:
        """Read until one of `texts` appears after the last match: the first to appear, and
        the output up to it."""
        deadline = time.monotonic() + timeout
        for _ in range(100_000):  # bounded; the deadline ends it first
            places = [
                (at, text) for text in texts if (at := self.output.find(text, self._mark)) >= 0
            ]
            if places:
                found, text = min(places)
                self._mark = found + len(text)
                return text, self.output[:found]
            if time.monotonic() >= deadline:
                break
            if not self._read(deadline) and self.process.poll() is not None:
                break  # it ended and nothing more is coming
        raise AssertionError(f"{texts!r} not shown; the chat showed:\n{self.output[-3000:]}")

    def wait(self, timeout: float = READ_TIMEOUT) -> int:
        """The exit status, reading what is left meanwhile so the process never blocks."""
        deadline = time.monotonic() + timeout
        for _ in range(100_000):
            if self.process.poll() is not None or time.monotonic() >= deadline:
                break
            self._read(min(deadline, time.monotonic() + 0.2))
        return self.process.wait(timeout=max(0.1, deadline - time.monotonic()))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        if self.slave is not None:
            os.close(self._read_fd)
            os.close(self.slave)
