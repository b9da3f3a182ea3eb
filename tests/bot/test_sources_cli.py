"""`briefing-bot add URL|FILE`: one report into reports_dir, its title and briefing printed;
bad input gets one line and exit status 2. Run as the real command, against the local site."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from bench.kits.gov_docs import make_docx, make_pdf, report_lines
from bench.kits.gov_site import GovSite
from bench.kits.paths import ROOT, SEEDS

TITLE = "关于进贤县2021年度法治政府建设工作的报告"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), reports / "seed.txt")
    raw = {"reports_dir": str(reports), "database": str(tmp_path / "db.sqlite3"),
           "cache_dir": str(tmp_path / "cache"),
           "fetching": {"timeout_seconds": 2, "host_interval_seconds": 0.01}}  # fmt: skip
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


async def add(config: Path, target: str) -> tuple[int, str, str]:
    """Run `briefing-bot add TARGET` (within 60 s): exit status, stdout, stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "add", "--config", str(config), target, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    return process.returncode or 0, out.decode(), err.decode()


async def test_add_url_fetches_the_report_and_prints_its_title_and_briefing(
    config: Path, site: GovSite
):
    status, out, err = await add(config, site.url("/art/a5.html"))
    assert (status, err) == (0, "")
    first, *rest = out.splitlines()
    assert first.startswith(f"added: 《{TITLE}》 (") and first.endswith(".txt)")
    assert rest[-5] == "工作计划 2 项：/plan" and rest[-4].startswith("1. ")
    assert rest[-2:] == ["存在问题 2 项：/problems", "完整概要：/summary full"]
    assert "<b>" not in out
    written = Path(first.rsplit(" (", 1)[1][:-1])
    assert written.parent == config.parent / "reports"
    assert f"原文链接: {site.url('/art/a5.html')}" in written.read_text(encoding="utf-8")
    status, out, _ = await add(config, site.url("/art/a5.html"))
    assert status == 0 and out.startswith(f"already kept: 《{TITLE}》")
    assert len(list((config.parent / "reports").iterdir())) == 2


async def test_add_file_copies_or_converts_the_report(config: Path, tmp_path: Path):
    docx = tmp_path / "qsh.docx"
    docx.write_bytes(make_docx(report_lines("青山湖区", 2021)))
    status, out, err = await add(config, str(docx))
    assert (status, err) == (0, "")
    assert out.startswith("added: 《关于青山湖区2021年度法治政府建设工作的报告》")
    assert (config.parent / "reports" / "qsh.txt").is_file()
    text = tmp_path / "donghu.txt"
    text.write_text("\n".join(report_lines("东湖区", 2021)), encoding="utf-8")
    status, out, _ = await add(config, str(text))
    assert status == 0 and out.startswith("added: 《关于东湖区2021年度法治政府建设工作的报告》")
    assert (config.parent / "reports" / "donghu.txt").read_bytes() == text.read_bytes()


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://127.0.0.1/r.html", "only http and https"),
        ("{site}/art/about.html", "about.html"),
        ("{site}/fault/404.html", "HTTP 404"),
        ("{tmp}/missing.txt", "no such report file"),
        ("{tmp}/scan.pdf", "scan.pdf"),
        ("{tmp}/notes.txt", "notes.txt"),
    ],
)
async def test_bad_input_gets_one_line_and_exit_status_2(
    config: Path, tmp_path: Path, site: GovSite, target: str, says: str
):
    (tmp_path / "scan.pdf").write_bytes(make_pdf([], text_layer=False))
    (tmp_path / "notes.txt").write_text("开会。\n", encoding="utf-8")
    target = target.format(site=site.url(""), tmp=tmp_path)
    status, out, err = await add(config, target)
    assert status == 2 and out == ""
    assert err.startswith("briefing-bot: ") and says in err and err.count("\n") == 1
    assert len(list((config.parent / "reports").iterdir())) == 1
