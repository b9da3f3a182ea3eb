"""The web compare page (bot/pages/views.py) reads what chat's /compare page reads: which
reports have rows, once a query, and the figures of its own page's reports only; its year and
kind filters are asked of the index, its level filter picks among the reports."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.report_copies import write_copies
from bot.app import build_application
from bot.pages import views
from bot.state import state_of
from bot.web.server import build_web_app, serving
from tests.kits.botkit import make_config, started
from tests.kits.shelf_reads import count_calls

QUERY = "注册用户"  # said by two labels of the seed report's figures (2020 results)
COPIES = 8


@pytest.fixture
async def site(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[str, Any]]:
    """A bot serving its pages over COPIES copies of the seed report, 3 reports a compare page."""
    reports, cache = tmp_path / "reports", tmp_path / "cache"
    reports.mkdir()
    cache.mkdir()
    write_copies(reports, cache, COPIES)
    config = make_config(tmp_path, reports, cache_dir=str(cache))
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    async with started(application), serving(build_web_app(application), "127.0.0.1", 0) as port:
        yield f"http://127.0.0.1:{port}", application


async def _page(base: str, **query: str) -> str:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{base}/web/compare?{urlencode({'q': QUERY, **query})}") as response,
    ):
        assert response.status == 200
        return await response.text()


def _digests(html: str) -> list[str]:
    """The reports the page's rows link to, in the order of their first row."""
    return list(dict.fromkeys(re.findall(r'href="/web/r/([0-9a-f]+)', html)))


async def test_a_compare_page_reads_only_the_figures_of_its_own_reports(
    site: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, application = site
    monkeypatch.setattr(views, "REPORTS_PER_PAGE", 3, raising=False)  # (none on the old page)
    newest_first = [report.digest for report in state_of(application).library.reports]
    calls = count_calls(monkeypatch, "shown", "figures")
    pages = [await _page(base, page=str(number)) for number in (1, 2, 3, 4)]  # 4: past the end
    shown = [_digests(html) for html in pages]
    assert sorted(shown[0]) == sorted(newest_first[:3])
    assert sorted(shown[1]) == sorted(newest_first[3:6])
    assert sorted(shown[2]) == sorted(shown[3]) == sorted(newest_first[6:])
    assert [sorted(args[2]) for args in calls["figures"]] == [sorted(each) for each in shown]
    assert len(calls["shown"]) == 1  # which reports have rows: once for every page
    assert "第 3/3 页" in pages[3] and "8 份报告有此数据，本页为其中第 7–8 份" in pages[3]


async def test_a_compare_page_s_filters_ask_the_index_and_pick_among_the_reports(
    site: tuple[str, Any],
) -> None:
    """The seed's 注册用户 figures are 2020's results, of 南昌市 (a city)."""
    base, _ = site
    every = _digests(await _page(base))
    assert len(every) == COPIES
    for kept in ({"year": "2020"}, {"kind": "result"}, {"level": "city"}):
        assert _digests(await _page(base, **kept)) == every, kept
    for emptied in ({"year": "2024"}, {"kind": "target"}, {"level": "province"}):
        html = await _page(base, **emptied)
        assert _digests(html) == [] and "没有找到符合条件的" in html, emptied


def test_a_filter_narrows_what_the_query_asks_and_never_widens_it() -> None:
    assert views.filtered_query("注册用户", "", "") == "注册用户"
    assert views.filtered_query("注册用户", "2020", "target") == "注册用户 目标 2020"
    assert views.filtered_query("注册用户 目标 完成", "", "result") == "注册用户 完成"
    assert views.filtered_query("注册用户 目标", "", "result") is None
    assert views.filtered_query("注册用户 2021", "2020", "") is None
    assert views.filtered_query("注册用户", "2021-2025", "novel") == "注册用户"
