"""Unreadable and non-report files: the package's own error, exit 2 and one line, no traceback."""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.kits.paths import ROOT, SEED
from briefings.errors import EmptyReportError, NotAReportError, ReportError, UnreadableReportError
from briefings.folder import load_folder
from briefings.parse import parse_bytes

BAD_FILES = {
    "empty.txt": (b"", EmptyReportError, "empty"),
    "blank.txt": (b"\n\r\n   \n", EmptyReportError, "empty"),
    "binary.txt": (bytes(range(256)) * 8, UnreadableReportError, "binary"),
    "random.txt": (
        random.Random(7).randbytes(4096).replace(b"\x00", b"\x01"),
        UnreadableReportError,
        "text",
    ),
    "prose.txt": ("今天天气很好，我们去公园散步。".encode(), NotAReportError, "Chinese characters"),
    "latin.txt": (b"lorem ipsum dolor sit amet\n" * 50, NotAReportError, "not a report"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_raises_the_packages_error(name: str) -> None:
    data, error, words = BAD_FILES[name]
    with pytest.raises(error) as raised:
        parse_bytes(data, name)
    assert name in str(raised.value)
    assert words in str(raised.value)


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "prose.txt"])
def test_cli_exits_2_with_one_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name][0])
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "export", str(path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert name in result.stderr and "Traceback" not in result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a_report.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b_broken.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c_empty.htm").write_bytes(b"")
    (tmp_path / "notes.md").write_text("ignored: not a report file type")
    loaded = load_folder(tmp_path)
    assert [r.source for r in loaded.reports] == ["a_report.txt"]
    assert sorted(e.source for e in loaded.errors) == ["b_broken.txt", "c_empty.htm"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=3000), st.binary(max_size=3000)))
def test_random_input_gives_a_report_or_the_packages_error(data: str | bytes) -> None:
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    try:
        report = parse_bytes(raw, "random")
    except ReportError as error:
        assert error.source == "random"
    else:
        assert report.sections


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SEED.read_text(encoding="utf-8").splitlines()), max_size=80))
def test_shuffled_report_lines_never_crash(lines: list[str]) -> None:
    with contextlib.suppress(ReportError):
        parse_bytes("\n".join(lines).encode("utf-8"), "shuffled")
