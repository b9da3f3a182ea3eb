"""Following a local government site: index (GBK, two pages), feed, single URL, attachments,
faults, dedupe, corrections, conditional requests, backoff and restarts."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench.kits.gov_site import FAULT_PATHS, PATTERN, GovSite, add_hostile, correct
from bot.sources import (
    Fetched,
    FetchError,
    FetchPolicy,
    PoliteClient,
    SourcePoller,
    SourceRunner,
    SourceSpec,
    SourceStore,
    add_url,
)
from bot.sources.settings import USER_AGENT
from briefings import parse_file
from briefings.errors import NotAReportError

# The timeout page never answers in time, and every poll of the index meets it: a 1 s timeout
# (the product's is 30 s) halves the wait, while still leaving the other pages, small and on
# 127.0.0.1, far more time than they take on a loaded machine.
POLICY = FetchPolicy(timeout_seconds=1.0, host_interval_seconds=0.0, first_backoff_seconds=300.0)


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


class Follower:
    """A poller over a store file: `restart()` drops both and opens them again."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "bot.sqlite3"
        self.reports = tmp_path / "reports"
        self.clock = Clock()
        self.poller: SourcePoller | None = None

    async def open(self) -> SourcePoller:
        store = await SourceStore.open(self.db)
        self.poller = SourcePoller(PoliteClient(POLICY), store, self.reports, self.clock)
        return self.poller

    async def close(self) -> None:
        if self.poller:
            await self.poller.close()
            self.poller = None

    async def restart(self) -> SourcePoller:
        await self.close()
        return await self.open()


@pytest.fixture
async def follower(tmp_path: Path) -> AsyncIterator[Follower]:
    opened = Follower(tmp_path)
    await opened.open()
    yield opened
    await opened.close()


def sources(site: GovSite) -> dict[str, SourceSpec]:
    pattern = re.compile(PATTERN)
    return {
        "index": SourceSpec("东湖区政府网", "index", site.url("/list/index.html"), pattern, 3),
        "feed": SourceSpec("政务公开RSS", "feed", site.url("/feed.xml")),
        "url": SourceSpec("进贤县报告", "url", site.url("/art/a5.html")),
    }


def fault_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.sources.poller"]


async def test_index_pages_articles_and_attachments_each_reported_once(
    site: GovSite, follower: Follower, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    found = await follower.poller.poll_source(sources(site)["index"])
    titles = sorted(item.report.meta.title for item in found)
    places = ["东湖区", "新建区", "西湖区", "红谷滩区", "青山湖区"]
    assert titles == sorted(f"关于{p}2021年度法治政府建设工作的报告" for p in places)
    assert {item.status for item in found} == {"new"}
    by_title = {item.report.meta.title: item for item in found}
    assert by_title["关于东湖区2021年度法治政府建设工作的报告"].url == site.url("/art/a1.html")
    assert by_title["关于青山湖区2021年度法治政府建设工作的报告"].url == site.url("/files/qsh.docx")
    assert by_title["关于红谷滩区2021年度法治政府建设工作的报告"].url == site.url("/files/hgt.pdf")
    # the same article under a second URL was fetched but is not a second report
    assert [hit.status for hit in site.hits_of("/art/a1-copy.html")] == [200]
    assert site.hits_of("/about/contact.html") == []  # the pattern does not match it
    assert site.hits_of("/list/index_1.html"), "the second index page was followed"
    assert {hit.user_agent for hit in site.hits} == {USER_AGENT}
    # each report is a file in reports_dir that loads with its source URL and fetch time
    files = sorted(follower.reports.glob("*.txt"))
    assert len(files) == 5 and not list(follower.reports.glob(".*"))
    for item in found:
        loaded = parse_file(item.path)
        assert loaded.meta.source_url == item.url and loaded.meta.fetched is not None
        assert loaded.meta.title == item.report.meta.title
    # every fault: one line, naming its URL, no traceback
    records = fault_records(caplog)
    for path in FAULT_PATHS:
        lines = [r.getMessage() for r in records if site.url(path) in r.getMessage()]
        assert len(lines) == 1, (path, lines)
        assert "\n" not in lines[0]
    assert not any(r.exc_info for r in records)
    messages = " | ".join(r.getMessage() for r in records)
    for words in ("HTTP 404", "HTTP 500", "no answer within 1 s", "redirect loop",
                  "over the 10.0 MB limit", "not a report", "no text layer"):  # fmt: skip
        assert words in messages


async def test_feed_entries_fetched_and_known_reports_not_reported_again(
    site: GovSite, follower: Follower
) -> None:
    specs = sources(site)
    await follower.poller.poll_source(specs["index"])
    found = await follower.poller.poll_source(specs["feed"])
    assert [(item.status, item.url) for item in found] == [("new", site.url("/art/a4.html"))]
    statuses = {s.name: s for s in await follower.poller.store.statuses()}
    assert statuses["政务公开RSS"].reports == 1 and statuses["东湖区政府网"].reports == 5
    assert statuses["东湖区政府网"].last_success is not None
    assert "huge.html: the page is over" in (statuses["东湖区政府网"].last_error or "")
    assert statuses["政务公开RSS"].last_error is None


async def test_unchanged_listing_costs_one_conditional_request_and_faults_back_off(
    site: GovSite, follower: Follower, caplog: pytest.LogCaptureFixture
) -> None:
    spec = sources(site)["index"]
    await follower.poller.poll_source(spec)
    before = len(site.hits)
    caplog.clear()
    assert await follower.poller.poll_source(spec) == []
    again = site.hits[before:]
    assert [(hit.path, hit.status) for hit in again] == [("/list/index.html", 304)]
    assert again[0].if_none_match == site.pages["/list/index.html"].tag
    assert fault_records(caplog) == []  # backing off: the faults are not even tried
    # once the backoff has run out, each failed URL is tried again, once
    follower.clock.now += 301
    before = len(site.hits)
    assert await follower.poller.poll_source(spec) == []
    retried = [hit.path for hit in site.hits[before:]]
    for path in ("/fault/404.html", "/fault/500.html", "/fault/timeout.html", "/fault/huge.html"):
        assert retried.count(path) == 1, path
    assert "/fault/loop-a.html" in retried
    assert "/art/about.html" not in retried  # read fine, holds no report: not retried
    # the second failure doubles the wait: 301 s later nothing is tried yet
    follower.clock.now += 301
    before = len(site.hits)
    await follower.poller.poll_source(spec)
    assert [hit.path for hit in site.hits[before:]] == ["/list/index.html"]


async def test_last_modified_is_sent_back_and_a_304_costs_nothing(
    site: GovSite, follower: Follower
) -> None:
    spec = SourceSpec("西湖区", "url", site.url("/art/a2.html"))
    assert len(await follower.poller.poll_source(spec)) == 1  # GBK page, Last-Modified only
    assert await follower.poller.poll_source(spec) == []
    first, second = site.hits_of("/art/a2.html")
    assert first.if_modified_since is None and first.status == 200
    assert second.if_modified_since == site.pages["/art/a2.html"].last_modified
    assert second.status == 304


async def test_a_restart_fetches_nothing_again_and_reports_nothing_twice(
    site: GovSite, follower: Follower
) -> None:
    specs = sources(site)
    for spec in specs.values():
        await follower.poller.poll_source(spec)
    files = sorted(follower.reports.iterdir())
    poller = await follower.restart()
    before = len(site.hits)
    for spec in specs.values():
        assert await poller.poll_source(spec) == []
    after = site.hits[before:]
    assert {hit.status for hit in after} == {304}
    assert sorted(hit.path for hit in after) == ["/art/a5.html", "/feed.xml", "/list/index.html"]
    assert sorted(follower.reports.iterdir()) == files


async def test_a_corrected_republication_is_an_update_and_an_unchanged_one_nothing(
    site: GovSite, follower: Follower
) -> None:
    spec = sources(site)["url"]
    (first,) = await follower.poller.poll_source(spec)
    # republished unchanged with other chrome (new bytes, new ETag): not a new report
    page = site.pages["/art/a5.html"]
    site.pages["/art/a5.html"] = type(page)(page.body.replace(b"1024", b"2048"), page.content_type)
    assert await follower.poller.poll_source(spec) == []
    correct(site, "/art/a5.html", "进贤县")
    (updated,) = await follower.poller.poll_source(spec)
    assert updated.status == "updated" and updated.path == first.path
    assert updated.digest != first.digest
    assert "更正部分数据" in first.path.read_text(encoding="utf-8")
    assert len(list(follower.reports.iterdir())) == 1
    (status,) = await follower.poller.store.statuses()
    assert status.reports == 1


async def test_a_correction_seen_through_a_changed_index(site: GovSite, follower: Follower) -> None:
    spec = sources(site)["index"]
    await follower.poller.poll_source(spec)
    correct(site, "/art/a1.html", "东湖区")
    index = site.pages["/list/index.html"]
    index.body = index.body.replace(b"</ul>", "<li>更新: 2021-03-05</li></ul>".encode("gbk"))
    found = await follower.poller.poll_source(spec)
    assert [(item.status, item.url) for item in found] == [("updated", site.url("/art/a1.html"))]


async def test_add_url_answers_one_line_for_what_is_not_a_report(
    site: GovSite, follower: Follower
) -> None:
    with pytest.raises(NotAReportError) as caught:
        await follower.poller.fetch_url(site.url("/art/about.html"))
    assert str(caught.value).startswith(site.url("/art/about.html") + ": not a report")
    with pytest.raises(FetchError, match="only http and https"):
        await follower.poller.fetch_url("file:///etc/passwd")
    (item,) = await follower.poller.fetch_url(site.url("/art/a4.html"))
    assert item.status == "new"
    (again,) = await follower.poller.fetch_url(site.url("/art/a4.html"))
    assert again.status == "known" and again.path == item.path


async def test_a_server_asking_to_wait_is_not_asked_again_sooner(
    site: GovSite, follower: Follower
) -> None:
    spec = SourceSpec("忙碌", "url", site.url("/fault/busy.html"))
    for advance in (0, 301, 3300, 10):  # backoff says 300 s, the server says 3600 s
        follower.clock.now += advance
        await follower.poller.poll_source(spec)
    assert len(site.hits_of("/fault/busy.html")) == 2
    (status,) = await follower.poller.store.statuses()
    assert status.last_success is None and "HTTP 503" in status.last_error


async def test_two_sources_reaching_one_report_at_once_keep_it_once(
    site: GovSite, follower: Follower
) -> None:
    first = SourceSpec("甲", "url", site.url("/art/a1.html"))
    second = SourceSpec("乙", "url", site.url("/art/a1-copy.html"))
    results = await asyncio.gather(*(follower.poller.poll_source(s) for s in (first, second)))
    assert sorted(len(found) for found in results) == [0, 1]
    assert len(list(follower.reports.iterdir())) == 1


async def test_the_page_limit_stops_pagination(site: GovSite, follower: Follower) -> None:
    spec = SourceSpec("一页", "index", site.url("/list/index.html"), re.compile("东湖区"), 1)
    (found,) = await follower.poller.poll_source(spec)
    assert found.url == site.url("/art/a1.html")
    assert site.hits_of("/list/index_1.html") == []


async def test_the_runner_polls_each_source_on_its_own_interval(
    site: GovSite, follower: Follower
) -> None:
    delivered: list[list[Fetched]] = []

    async def deliver(found: list[Fetched]) -> None:
        delivered.append(found)

    often = SourceSpec("常", "url", site.url("/art/a4.html"), interval_seconds=10)
    rarely = SourceSpec("少", "url", site.url("/art/a5.html"), interval_seconds=60)
    runner = SourceRunner(follower.poller, [often, rarely], deliver, clock=follower.clock)
    assert len(await runner.poll_due()) == 2 and len(delivered) == 1
    assert runner.seconds_to_next() == 10
    for advance in (5, 5, 10, 40):
        follower.clock.now += advance
        await runner.poll_due()
    assert len(site.hits_of("/art/a4.html")) == 4 and len(site.hits_of("/art/a5.html")) == 2
    assert len(delivered) == 1  # nothing new after the first poll
    stop = asyncio.Event()
    stop.set()
    await asyncio.wait_for(runner.run(stop), 10)


async def test_add_url_opens_and_closes_its_own_store(site: GovSite, tmp_path: Path) -> None:
    database, reports = tmp_path / "add.sqlite3", tmp_path / "reports"
    (item,) = await add_url(site.url("/art/a4.html"), database, reports, POLICY)
    assert item.status == "new" and item.path.parent == reports
    (again,) = await add_url(site.url("/art/a4.html"), database, reports, POLICY)
    assert again.status == "known"


async def test_a_crash_mid_poll_loses_no_report_and_duplicates_none(
    site: GovSite, follower: Follower, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = follower.poller.store
    save = store.save_report
    calls = []

    async def crash_on_second(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return await save(*args, **kwargs)

    monkeypatch.setattr(store, "save_report", crash_on_second)
    spec = sources(site)["index"]
    with pytest.raises(RuntimeError):
        await follower.poller.poll_source(spec)
    poller = await follower.restart()
    found = await poller.poll_source(spec)
    assert len(found) == 4 and {item.status for item in found} == {"new"}
    assert len(list(follower.reports.glob("*.txt"))) == 5
    assert (await poller.store.statuses())[0].reports == 5


async def test_a_document_that_breaks_its_parser_is_backed_off_and_the_next_link_fetched(
    site: GovSite, follower: Follower
) -> None:
    add_hostile(site)
    spec = SourceSpec("坏附件", "feed", site.url("/broken-first.xml"))
    (found,) = await follower.poller.poll_source(spec)
    assert found.url == site.url("/art/a4.html") and found.status == "new"
    (status,) = await follower.poller.store.statuses()
    assert status.reports == 1 and status.last_success is not None
    assert (status.last_error or "").startswith(site.url("/files/broken.docx") + ": ")
    assert "\n" not in status.last_error
    tried = []
    for advance in (0, 100, 150, 51, 500, 101):  # waits of 300 s, then 600 s
        follower.clock.now += advance
        assert await follower.poller.poll_source(spec) == []
        tried.append(len(site.hits_of("/files/broken.docx")))
    assert tried == [1, 1, 1, 2, 2, 3]
    assert len(site.hits_of("/art/a4.html")) == 1


async def test_a_page_of_150000_links_is_read_off_the_loop_and_cut_to_the_cap(
    site: GovSite, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    add_hostile(site)
    caplog.set_level(logging.WARNING)
    policy = FetchPolicy(timeout_seconds=2.0, host_interval_seconds=0.0, max_entries=3)
    store = await SourceStore.open(tmp_path / "bot.sqlite3")
    poller = SourcePoller(PoliteClient(policy), store, tmp_path / "reports")
    spec = SourceSpec("附件页", "index", site.url("/big-page.html"), re.compile(r"\.pdf"), 1)
    try:
        (found,) = await poller.poll_source(spec)
    finally:
        await poller.close()
    assert found.url == site.url("/files/hgt.pdf")
    assert [hit.path for hit in site.hits if hit.path.startswith("/files/")] == [
        "/files/hgt.pdf", "/files/big/1.pdf", "/files/big/2.pdf"
    ]  # fmt: skip
    cut = [r.getMessage() for r in caplog.records if "following the first" in r.getMessage()]
    assert cut == [f"source 附件页: {site.url('/big-page.html')} offers 150000 links; "
                   "following the first 3 (fetching.max_entries)"]  # fmt: skip
