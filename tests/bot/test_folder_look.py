"""The reports folder's look (taken every second): the files a reload would read, each with the
size and modification time of what it holds."""

from __future__ import annotations

import os
from pathlib import Path

from bot.ingest import look_at
from briefings.folder import look_into


def test_a_look_names_the_files_a_reload_reads_with_their_size_and_time(tmp_path: Path) -> None:
    reports, outside = tmp_path / "reports", tmp_path / "outside"
    reports.mkdir()
    outside.mkdir()
    (reports / "b.txt").write_text("乙" * 10, encoding="utf-8")
    (reports / "a.TXT").write_text("甲", encoding="utf-8")
    (reports / ".c.txt.part").write_text("being written", encoding="utf-8")
    (reports / "notes.csv").write_text("not a report", encoding="utf-8")
    (reports / "folder.txt").mkdir()
    (reports / "inside.txt").symlink_to(reports / "b.txt")
    (reports / "broken.txt").symlink_to(reports / "gone.txt")
    (outside / "far.txt").write_text("far", encoding="utf-8")
    (reports / "far.txt").symlink_to(outside / "far.txt")
    os.utime(reports / "a.TXT", ns=(1_000_000_000, 1_500_000_000))
    if os.uname().sysname == "Linux":  # a name that is not UTF-8: skipped, never listed
        with open(os.path.join(os.fsencode(reports), b"\xff_bad.txt"), "wb") as bad:
            bad.write(b"x")

    looked = look_at(reports)

    assert list(looked) == [path.name for path in look_into(reports).files]
    assert looked == {
        "a.TXT": (3, 1_500_000_000),
        "b.txt": (30, (reports / "b.txt").stat().st_mtime_ns),
        "inside.txt": (30, (reports / "b.txt").stat().st_mtime_ns),  # the link followed
    }
