"""What the bot's log shows: its own lines, not a library's chatter."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.logs import configure_logging


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root, scheduler = logging.getLogger(), logging.getLogger("apscheduler")
    saved = root.level, list(root.handlers), scheduler.level
    yield
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    scheduler.setLevel(saved[2])


def test_the_schedulers_lines_for_every_job_run_stay_out_of_an_info_log(
    restored_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging([], level=logging.INFO)
    with caplog.at_level(logging.INFO):
        logging.getLogger("apscheduler.executors.default").info('Running job "round"')
        logging.getLogger("apscheduler.executors.default").warning("Run time of job was missed")
        logging.getLogger("bot.app").info("loaded 3 report(s)")
    shown = [record.getMessage() for record in caplog.records]
    assert shown == ["Run time of job was missed", "loaded 3 report(s)"]
