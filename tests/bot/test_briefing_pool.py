"""Briefing in a pool of worker processes: `briefing-bot warm` with several workers caches
byte for byte what one process briefing each report in turn caches, the pool's size is a
validated config key, and its workers do not outlive the bot, even killed -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from bench.kits.paths import ROOT, SEEDS
from bot.config import ConfigError, parse_config
from briefings.cache import SUFFIX
from briefings.derive import brief_file

SEED = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")


def _reports(folder: Path) -> list[Path]:
    """Distinct reports: the seed as printed, a year later, and one with a line of its own."""
    folder.mkdir()
    texts = {
        "a_2020.txt": SEED,
        "b_2021.txt": SEED.replace("2021", "2022").replace("2020", "2021"),
        "c_2020.txt": f"{SEED.rstrip()}\n（本文件为第1号副本。）\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


def _briefings(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in cache.glob(f"*{SUFFIX}")}


def test_warm_with_two_workers_caches_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    paths = _reports(tmp_path / "reports")
    config = tmp_path / "config.yaml"
    config.write_text(
        yaml.safe_dump({"reports_dir": "reports", "cache_dir": "pooled", "briefing_workers": 2}),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "warm", "--config", str(config)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("cached: ") == 3
    assert "search index: 3 report(s) added" in result.stdout
    single = tmp_path / "single"
    for path in paths:
        brief_file(path, single)
    pooled = _briefings(tmp_path / "pooled")
    assert len(pooled) == 3
    assert pooled == _briefings(single)


def test_briefing_workers_default_to_the_cores_and_must_be_a_positive_integer(
    tmp_path: Path,
) -> None:
    assert parse_config({}, tmp_path, {}).briefing_workers == (os.cpu_count() or 1)
    assert parse_config({"briefing_workers": 3}, tmp_path, {}).briefing_workers == 3
    for wrong in (0, -2, "2", 1.5, True):
        with pytest.raises(ConfigError, match="'briefing_workers'"):
            parse_config({"briefing_workers": wrong}, tmp_path, {})


# A bot's briefing pool, its one worker busy for ten minutes; the worker's pid printed.
_BUSY_POOL = """
import time
from bot.library.briefer import pool_of
pool = pool_of(1)
pool.submit(time.sleep, 600)
while not pool._processes:
    time.sleep(0.05)
print(*pool._processes, flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_a_busy_briefing_worker_exits_when_the_bot_is_killed_9() -> None:
    bot = subprocess.Popen([sys.executable, "-c", _BUSY_POOL], cwd=ROOT, stdout=subprocess.PIPE)
    workers: list[int] = []
    try:
        workers += [int(pid) for pid in bot.stdout.readline().split()]  # type: ignore[union-attr]
        assert workers and all(_alive(pid) for pid in workers)
        bot.send_signal(signal.SIGKILL)
        bot.wait()
        end = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < end:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        bot.kill()
        bot.wait()
        for pid in filter(_alive, workers):  # an orphan left by a failure: not past the test
            os.kill(pid, signal.SIGKILL)
