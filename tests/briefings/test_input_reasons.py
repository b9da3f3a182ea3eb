"""Issue 12 item 16: a skipped file is skipped for the reason it has, a file that is a report
is read, and reports sharing a title can be told apart in /reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEED
from briefings.errors import ReportError
from briefings.folder import load_folder
from tests.kits.botkit import make_config, open_chat, visible

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _loaded(folder: Path, name: str, data: bytes) -> tuple[list[str], list[ReportError]]:
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    loaded = load_folder(folder)
    return [report.source for report in loaded.reports], loaded.errors


@pytest.mark.parametrize(
    "data",
    [SEED_TEXT.encode("utf-16"), b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"),
     b"\xfe\xff" + SEED_TEXT.encode("utf-16-be")],
    ids=["utf-16", "utf-16-le", "utf-16-be"],
)  # fmt: skip
def test_utf16_with_its_byte_order_mark_is_read(tmp_path: Path, data: bytes) -> None:
    reports, errors = _loaded(tmp_path, "notepad.txt", data)
    assert reports == ["notepad.txt"] and not errors


def test_utf16_without_its_mark_is_named(tmp_path: Path) -> None:
    _, (skipped,) = _loaded(tmp_path, "raw.txt", SEED_TEXT.encode("utf-16-le"))
    assert "UTF-16" in skipped.problem


def test_a_text_file_named_html_is_read_as_text(tmp_path: Path) -> None:
    reports, errors = _loaded(tmp_path, "report.html", SEED.read_bytes())
    assert reports == ["report.html"] and not errors


def test_an_unclosed_script_is_the_reason_given(tmp_path: Path) -> None:
    page = "<html><body><script>var x = 1;\n" + SEED_TEXT
    _, (skipped,) = _loaded(tmp_path, "broken.html", page.encode())
    assert "<script>" in skipped.problem and "unclosed" in skipped.problem
    assert "empty" not in skipped.problem


def test_markup_without_text_is_not_called_empty(tmp_path: Path) -> None:
    _, (skipped,) = _loaded(tmp_path, "shell.html", b"<html><body><div></div></body></html>")
    assert "empty" not in skipped.problem and "HTML" in skipped.problem


async def test_reports_sharing_a_title_are_told_apart(api: FakeBotApi, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, extra in (("first.txt", "\n（一）\n"), ("second.txt", "\n（二）\n")):
        (folder / name).write_text(SEED_TEXT + extra, encoding="utf-8")
    async with open_chat(api, make_config(tmp_path, reports_dir=folder)) as chat:
        listed = visible(await chat.send("/reports"))
    lines = [line for line in listed.splitlines() if line[:2] in ("1.", "2.")]
    assert len(lines) == 2 and lines[0].removesuffix(" ✅") != lines[1].removesuffix(" ✅")
    assert "first.txt" in listed and "second.txt" in listed
