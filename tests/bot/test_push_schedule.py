"""Parsing /subscribe arguments and computing the next push time, daylight saving included."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.present.words import CHINESE
from bot.push.schedule import (
    Frequency,
    Schedule,
    ScheduleError,
    next_due,
    parse_schedule,
    parse_zone,
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], Schedule(time(8, 0), Frequency.DAILY)),
        (["7:05"], Schedule(time(7, 5), Frequency.DAILY)),
        (["weekly"], Schedule(time(8, 0), Frequency.WEEKLY)),
        (["WORKDAYS", "18:30"], Schedule(time(18, 30), Frequency.WORKDAYS)),
        (["21：00", "每天"], Schedule(time(21, 0), Frequency.DAILY)),
    ],
)
def test_parse_schedule(args, expected):
    assert parse_schedule(args) == expected


@pytest.mark.parametrize("args", [["24:00"], ["8"], ["8:7"], ["hourly"], ["1:00", "daily", "x"]])
def test_bad_schedules_are_refused_in_chinese(args):
    with pytest.raises(ScheduleError) as refused:
        parse_schedule(args)
    assert "HH:MM" in refused.value.say(CHINESE)


def test_zone_names_are_checked():
    assert parse_zone("America/New_York") == "America/New_York"
    with pytest.raises(ScheduleError) as refused:
        parse_zone("Asia/Atlantis")
    assert "IANA" in refused.value.say(CHINESE)


def test_daily_is_strictly_after():
    daily = Schedule()
    assert next_due(daily, "Asia/Shanghai", utc("2024-05-06 00:00")) == utc("2024-05-07 00:00")
    assert next_due(daily, "Asia/Shanghai", utc("2024-05-05 23:59")) == utc("2024-05-06 00:00")


def test_weekly_is_monday_and_workdays_skip_the_weekend():
    friday_evening = utc("2024-05-03 12:00")
    assert next_due(Schedule(frequency=Frequency.WEEKLY), "Asia/Shanghai", friday_evening) == utc(
        "2024-05-06 00:00"
    )
    assert next_due(Schedule(frequency=Frequency.WORKDAYS), "Asia/Shanghai", friday_evening) == utc(
        "2024-05-06 00:00"
    )
    assert next_due(Schedule(frequency=Frequency.DAILY), "Asia/Shanghai", friday_evening) == utc(
        "2024-05-04 00:00"
    )


def test_new_york_keeps_local_time_across_both_changes():
    daily = Schedule(time(8, 0))
    zone = "America/New_York"
    assert next_due(daily, zone, utc("2024-03-09 14:00")) == utc("2024-03-10 12:00")  # EDT
    assert next_due(daily, zone, utc("2024-03-09 12:00")) == utc("2024-03-09 13:00")  # EST
    assert next_due(daily, zone, utc("2024-11-03 11:00")) == utc("2024-11-03 13:00")  # EST again


def test_a_skipped_wall_time_fires_an_hour_later_and_a_repeated_one_once():
    zone = "Europe/Berlin"
    gap = Schedule(time(2, 30))
    assert next_due(gap, zone, utc("2024-03-30 12:00")) == utc("2024-03-31 01:30")  # 03:30 CEST
    repeated = next_due(gap, zone, utc("2024-10-26 12:00"))
    assert repeated == utc("2024-10-27 00:30")  # the first 02:30 (CEST)
    assert next_due(gap, zone, repeated) == utc("2024-10-28 01:30")  # not the second 02:30
