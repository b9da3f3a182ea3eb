"""When a subscription is due: parsing /subscribe arguments and the next push time (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.present.words import CHINESE, Words
from briefings.errors import UserInputError

from ..config import is_zone

DEFAULT_AT = time(8, 0)
WEEKLY_DAY = 0  # weekly briefings go out on Mondays, the start of the working week
_HHMM = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


class Frequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    WORKDAYS = "workdays"

    def label(self, words: Words = CHINESE) -> str:
        return words(f"schedule.{self.value}")


_FREQUENCY_WORDS = {
    "daily": Frequency.DAILY, "每天": Frequency.DAILY, "每日": Frequency.DAILY,
    "weekly": Frequency.WEEKLY, "每周": Frequency.WEEKLY,
    "workdays": Frequency.WORKDAYS, "工作日": Frequency.WORKDAYS,
}  # fmt: skip


class ScheduleError(UserInputError):
    """A /subscribe or /timezone argument the bot cannot use."""


@dataclass(frozen=True)
class Schedule:
    at: time = DEFAULT_AT
    frequency: Frequency = Frequency.DAILY

    def describe(self, zone: str, words: Words = CHINESE) -> str:
        return words(
            "schedule.describe",
            frequency=self.frequency.label(words),
            at=f"{self.at:%H:%M}",
            zone=zone,
        )


def parse_schedule(args: list[str]) -> Schedule:
    """`[HH:MM] [daily|weekly|workdays]` in either order; missing parts take the defaults."""
    if len(args) > 2:
        raise ScheduleError("schedule.too_many")
    at, frequency = DEFAULT_AT, Frequency.DAILY
    for arg in args:
        if match := _HHMM.match(arg):
            at = time(int(match[1]), int(match[2]))
        elif arg.lower() in _FREQUENCY_WORDS:
            frequency = _FREQUENCY_WORDS[arg.lower()]
        else:
            raise ScheduleError("schedule.unreadable", arg=arg)
    return Schedule(at, frequency)


def parse_zone(name: str) -> str:
    """A valid IANA time zone name, or a ScheduleError saying what is expected."""
    if not is_zone(name):
        raise ScheduleError("schedule.bad_zone", name=name)
    return name


def _runs_on(day: date, frequency: Frequency) -> bool:
    if frequency is Frequency.WEEKLY:
        return day.weekday() == WEEKLY_DAY
    if frequency is Frequency.WORKDAYS:
        return day.weekday() < 5
    return True


def next_due(schedule: Schedule, zone: str, after: datetime) -> datetime:
    """The first push time strictly after `after` (aware), as an aware UTC datetime.

    A wall time skipped by a daylight-saving jump maps to the same instant an hour later; a
    repeated one is taken at its first occurrence (zoneinfo's fold=0).
    """
    tz = ZoneInfo(zone)
    day = after.astimezone(tz).date() - timedelta(days=1)
    for _ in range(9):  # a week plus the slack of a time-zone change always contains a run day
        if _runs_on(day, schedule.frequency):
            due = datetime.combine(day, schedule.at, tz).astimezone(UTC)
            if due > after:
                return due
        day += timedelta(days=1)
    raise AssertionError("no run day within nine days")  # unreachable: every week has a Monday
