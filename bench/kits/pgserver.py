"""A throwaway PostgreSQL server for the tests: Debian's binaries, initdb into a temp folder,
pg_ctl on 127.0.0.1 and a port of its own, stopped at the end of the session.

Each pytest-xdist worker starts a server of its own (a session per worker), on its own port
and folder. PostgreSQL refuses to run as root: as root the server runs as a non-root user (`postgres` if
the packages made it, else one created here) through `runuser`. Missing binaries skip the
PostgreSQL cases, except in CI (the variable CI set), where they fail: CI installs them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "briefingtest"  # the server's OS user when none exists and the tests run as root


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> str | None:
    """Who runs the server: None (this user) unless root, which PostgreSQL refuses."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", USER):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    # Without check: another xdist worker (each starts its own server) may have made it first.
    subprocess.run(["useradd", "--system", "--no-create-home", USER], capture_output=True)
    pwd.getpwnam(USER)  # KeyError if neither could
    return USER


@dataclass
class PgServer:
    bin: Path
    folder: Path
    port: int
    user: str | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -h 127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-w", "-o", options, "-l",
                  str(self.folder / "log"), "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", mode, "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://briefing@127.0.0.1:{self.port}/{database}"

    def fresh_database(self) -> str:
        """The URL of a new, empty database of its own (one per test)."""
        name = "t_" + uuid.uuid4().hex[:12]
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "briefing", name)
        return self.url(name)


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """A started server, or pytest.skip (pytest.fail in CI) when PostgreSQL is not installed."""
    found = binaries()
    if found is None:
        message = "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run the PostgreSQL cases")
        pytest.skip(message)
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    if user is not None:
        shutil.chown(folder, user)
    server = PgServer(found, folder, _free_port(), user)
    # trust on 127.0.0.1: a throwaway server with no password to leak.
    server._run("initdb", "-D", str(server.data), "-U", "briefing", "-A", "trust", "-E", "UTF8",
                "--no-sync")  # fmt: skip
    server.start()
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
