"""The real CLI (`python -m bot.cli`) as a process: its config file, its start, its end within
a bound, and its health endpoint."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml

from bench.kits.paths import ROOT, SEED

# The admin chat of the configs the kits write (push tests, replicas).
ADMIN = 4242

BOUND = 90.0  # seconds a process may take before it counts as hung (a bound, not a measure)


@dataclass
class Finished:
    """How a CLI process ended: its exit status and what it printed."""

    status: int | None
    stdout: str
    stderr: str

    @property
    def said(self) -> list[str]:
        """The lines the CLI itself printed (log lines carry a timestamp and a level)."""
        return [line for line in self.stderr.splitlines() if line.startswith("briefing-bot:")]

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def write_config(folder: Path, base_url: str, **raw: Any) -> Path:
    values = {"telegram": {"base_url": base_url}, "reports_dir": str(SEED.parent),
              "database": str(folder / "db.sqlite3"), "cache_dir": str(folder / "cache"),
              "http": {"listen": "127.0.0.1", "port": 0}, **raw}  # fmt: skip
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return path


async def start_cli(
    config: Path, *args: str, token: str, env: dict[str, str] | None = None, **options: Any
) -> asyncio.subprocess.Process:
    """`briefing-bot --config CONFIG ARGS…` with the bot token `token` in its environment."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "PYTHONUNBUFFERED": "1", **(env or {})}
    pipes = {"stdout": asyncio.subprocess.PIPE, "stderr": asyncio.subprocess.PIPE}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--config", str(config), *args, cwd=ROOT, env=env,
        **(pipes | options),
    )  # fmt: skip


async def finish(process: asyncio.subprocess.Process) -> Finished:
    """The process's end; a process still alive after BOUND seconds is killed and fails."""
    try:
        out, err = await asyncio.wait_for(process.communicate(), BOUND)
    except TimeoutError:
        process.kill()
        out, err = await process.communicate()
        pytest.fail(f"still running after {BOUND:.0f} s:\n{err.decode()[-3000:]}")
    return Finished(process.returncode, out.decode(), err.decode())


async def healthz(port: int) -> dict[str, Any] | None:
    with contextlib.suppress(aiohttp.ClientError, OSError, TimeoutError):
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session,
            session.get(f"http://127.0.0.1:{port}/healthz") as response,
        ):
            return await response.json()
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
