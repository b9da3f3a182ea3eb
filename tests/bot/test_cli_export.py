"""`briefing-bot export`: the JSON contract, the Markdown briefing and the PNG card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.kits.paths import SEED
from bot.cli import main
from bot.present.card import FontNotFoundError, find_font
from briefings.cache import SUFFIX


def test_json_follows_the_contract(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(SEED)]) == 0
    exported = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert set(exported) >= {"source", "meta", "sections", "problems", "plan", "metrics"}
    assert set(exported["meta"]) >= {"title", "issuer", "published", "signed", "addressee",
                                     "index_no", "year"}  # fmt: skip
    assert exported["meta"]["published"] == "2021-02-28"
    first_item = exported["sections"][0]["children"][0]["children"][0]
    assert (first_item["id"], first_item["ordinal"], first_item["lead"]) == (
        "1.1.1",
        "一是",
        "强化组织领导",
    )
    assert exported["problems"]["section"] == "2"
    assert exported["plan"]["year"] == 2021
    assert len(exported["plan"]["items"]) == 7


def test_markdown_is_a_readable_briefing(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(SEED), "--format", "md"]) == 0
    markdown = capsysbinary.readouterr().out.decode("utf-8")
    assert markdown.startswith("# 关于南昌市2020年度法治政府建设工作的报告\n")
    assert "## 2021年工作计划（第 3 部分）" in markdown
    assert "1. 依法行政水平还需加强" in markdown


def test_png_card_is_written_to_a_file(tmp_path: Path) -> None:
    try:
        find_font()
    except FontNotFoundError:
        pytest.skip("no CJK font installed")
    out = tmp_path / "card.png"
    assert main(["export", str(SEED), "--format", "png", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_missing_font_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", str(SEED), "--format", "png", "--font", "/no/such.ttf",
                 "-o", str(tmp_path / "c.png")])  # fmt: skip
    assert code == 2
    assert "fonts-wqy-microhei" in capsys.readouterr().err


def test_markdown_is_also_asked_for_by_its_full_name(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    assert main(["export", str(SEED), "--format", "md"]) == 0
    short = capsysbinary.readouterr().out
    assert main(["export", str(SEED), "--format", "markdown"]) == 0
    assert capsysbinary.readouterr().out == short


def test_csv_lists_every_figure_with_its_sentence(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    import csv
    import io

    assert main(["export", str(SEED), "--format", "json"]) == 0
    metrics = json.loads(capsysbinary.readouterr().out.decode("utf-8"))["metrics"]
    assert main(["export", str(SEED), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"))))
    assert len(rows) == len(metrics) > 10
    assert {
        "source",
        "title",
        "raw",
        "value",
        "unit",
        "kind",
        "period",
        "label",
        "sentence",
    } <= set(rows[0])
    assert [row["raw"] for row in rows] == [metric["raw"] for metric in metrics]
    assert all(row["raw"] in row["sentence"] for row in rows)
    assert rows[0]["title"] == "关于南昌市2020年度法治政府建设工作的报告"


def test_export_reads_the_bots_cache_instead_of_briefing_again(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    cache = tmp_path / "cache"
    config = tmp_path / "config.yaml"
    config.write_text(f"cache_dir: {cache}\nreports_dir: {SEED.parent}\n", encoding="utf-8")
    assert main(["export", str(SEED), "--config", str(config)]) == 0
    first = capsysbinary.readouterr().out
    [entry] = list(cache.rglob(f"*{SUFFIX}"))
    written = entry.stat().st_mtime_ns
    assert main(["export", str(SEED), "--config", str(config)]) == 0
    assert capsysbinary.readouterr().out == first
    assert entry.stat().st_mtime_ns == written  # read, not briefed and written again
