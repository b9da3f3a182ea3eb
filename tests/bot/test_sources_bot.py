"""New reports reach the running bot by themselves: the watched reports folder, the sources in
config.yaml, and the admins' /add and /sources, through the fake Bot API and the local site."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.kits.clikit import ADMIN
from bench.kits.gov_site import GovSite, correct
from bot.state import state_of
from tests.kits import push_fixtures as fixtures
from tests.kits.botkit import buttons
from tests.kits.push_fixtures import Clock
from tests.kits.sources_bot import (
    DONGHU,
    FETCHING,
    SUBSCRIBER,
    announced_titles,
    announcements,
    answer_until,
    ask,
    done,
    push_bot,
    report_text,
    settle,
    shown,
    until,
)


async def test_a_report_dropped_into_the_folder_is_briefed_searchable_and_announced_once(
    tmp_path: Path, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
        # read by itself: no /reload, no restart
        library = state_of(bot.app).library
        await until(lambda: DONGHU in {r.meta.title for r in library.reports})
        assert "已切换到" in (await bot.say("/use 2021")).params["text"]
        figures = await answer_until(bot, "/metrics", "21次")
        assert "开展专项督察" in figures
        found = await answer_until(bot, "/search 政务服务事项", "办理时限平均压缩21%")
        assert "数据还在整理中" not in found and "正在建立" not in found
        await until(lambda: announcements(bot))
        await settle(bot)
        assert announcements(bot) == [
            f"🆕 新报告：<b>{DONGHU}</b>\n点下方按钮查看这份报告的简报；设为当前报告后，/summary"
            " 等命令都看这份。/reports 查看全部报告。"
        ]


async def test_an_announcement_opens_the_report_it_announces_and_the_chat_keeps_its_own(
    tmp_path: Path, clock: Clock, reports: Path
):
    seed = "关于南昌市2020年度法治政府建设工作的报告"
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        assert seed in (await bot.say("/summary", chat_id=SUBSCRIBER)).params["text"]
        (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
        await until(lambda: announcements(bot))
        await settle(bot)
        [told] = [c for c in bot.api.sent("sendMessage") if "新报告" in c.params["text"]]
        assert "点下方按钮查看这份报告的简报" in told.params["text"]
        [(opens, open_data), (uses, use_data)] = buttons(told)
        assert (opens, uses) == ("打开这份报告的简报", "设为当前报告")
        # the chat chose no report: it keeps the one it was reading, not the newest
        assert seed in (await bot.say("/summary", chat_id=SUBSCRIBER)).params["text"]
        seen = len(bot.api.calls)
        bot.api.tap(told.result, open_data, user_id=SUBSCRIBER)
        opened = await bot.api.wait_for(
            lambda c: c.method == "sendMessage" and c in bot.api.calls[seen:]
        )
        assert opened.params["text"].startswith(f"<b>{DONGHU}</b>")
        bot.api.tap(told.result, use_data, user_id=SUBSCRIBER)
        await bot.api.wait_for(lambda c: "已切换到" in c.params.get("text", ""))
        assert DONGHU in (await bot.say("/summary", chat_id=SUBSCRIBER)).params["text"]


async def test_a_file_written_in_two_halves_is_read_once_complete(
    tmp_path: Path, clock: Clock, reports: Path, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="bot.ingest")
    text = report_text("西湖区")
    half = text.index("二、存在的问题")  # the first half is a report too: read, it would show
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        library, ingest = state_of(bot.app).library, state_of(bot.app).ingest
        with (reports / "xihu.txt").open("w", encoding="utf-8") as file:
            file.write(text[:half])
            file.flush()
            looks = ingest.looks
            await until(lambda: ingest.looks > looks)  # the watcher has looked at the half
            file.write(text[half:])  # a writer pausing: its next look is a second away
        listing = await until(
            lambda: next((r for r in library.reports if r.source == "xihu.txt"), None)
        )
        report = library.report(listing.digest)
        assert [section.title for section in report.sections][-1].startswith("下一步工作安排")
        await until(lambda: announcements(bot))
        await settle(bot)
        assert len(announcements(bot)) == 1
        loads = [r for r in caplog.records if "new report" in r.getMessage()]
        assert len(loads) == 1 and "xihu.txt" in loads[0].getMessage()


async def test_a_removed_file_disappears_from_reports_and_a_dotfile_is_never_read(
    tmp_path: Path, clock: Clock, reports: Path
):
    (reports / "donghu.txt").write_text(report_text("东湖区"), encoding="utf-8")
    async with push_bot(tmp_path, clock, reports=reports) as bot:
        assert DONGHU in (await bot.say("/reports")).params["text"]
        (reports / ".xihu.txt.part").write_text(report_text("西湖区"), encoding="utf-8")
        (reports / "donghu.txt").unlink()
        library = state_of(bot.app).library
        await until(lambda: len(library.reports) == 1)
        listing = (await bot.say("/reports")).params["text"]
        assert DONGHU not in listing and "西湖区" not in listing
        assert "法治政府建设工作的报告" in listing  # the seed's


async def subscribe_first(folder: Path, clock: Clock, reports: Path) -> None:
    """The subscriber subscribes before the sources are polled: a report fetched before a chat
    subscribed (the poller's file is read at once) is not news to it."""
    async with push_bot(folder, clock, reports=reports) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)


def site_sources(site: GovSite, **extra: Any) -> dict[str, Any]:
    feed = {"name": "政务公开RSS", "feed": site.url("/feed.xml"), **extra}
    return {"sources": [feed], "fetching": FETCHING}


async def test_sources_are_fetched_briefed_and_announced_once_even_after_a_restart(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite
):
    titles = {"关于湾里区2021年度法治政府建设工作的报告", DONGHU}
    await subscribe_first(tmp_path, clock, reports)
    async with push_bot(tmp_path, clock, reports=reports, **site_sources(site)) as bot:
        library = state_of(bot.app).library
        await until(lambda: titles <= {r.meta.title for r in library.reports})
        await until(lambda: len(announced_titles(bot)) == 2)
        await settle(bot)
        assert sorted(announced_titles(bot)) == sorted(titles)
        assert all(r.meta.source_url for r in library.reports if r.meta.title in titles)
        status = (await bot.say("/sources", chat_id=ADMIN)).params["text"]
        assert "政务公开RSS（订阅源）" in status and "报告：2 份" in status
        assert "最近错误：无" in status and "上次成功：尚未成功" not in status
    fetched = len(site.hits)
    async with push_bot(tmp_path, clock, reports=reports, **site_sources(site)) as bot:
        await until(lambda: len(site.hits) > fetched)  # the feed asked again: unchanged
        await settle(bot)
        assert announcements(bot) == []
        assert [hit.status for hit in site.hits[fetched:]] == [304]


async def test_a_corrected_republication_replaces_the_old_version(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite
):
    source = {"sources": [{"name": "进贤县", "url": site.url("/art/a5.html"),
                           "interval_seconds": 0.5}], "fetching": FETCHING}  # fmt: skip
    await subscribe_first(tmp_path, clock, reports)
    async with push_bot(tmp_path, clock, reports=reports, **source) as bot:
        library = state_of(bot.app).library
        await until(lambda: len(library.reports) == 2)
        correct(site, "/art/a5.html", "进贤县")
        await until(
            lambda: any("更正" in library.report(r.digest).preamble for r in library.reports),
            tries=600,
        )
        assert len(library.reports) == 2  # replaced, not added
        await until(lambda: len(bot.texts(SUBSCRIBER)) >= 2)  # new, corrected
        await settle(bot)
        assert len(announcements(bot)) == 1  # new once
        corrected = [text for text in bot.texts(SUBSCRIBER) if "已更正重发" in text]
        assert len(corrected) == 1 and "进贤县" in corrected[0]


async def test_add_fetches_one_report_and_answers_with_its_title_and_briefing(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite
):
    async with push_bot(tmp_path, clock, reports=reports, fetching=FETCHING) as bot:
        await bot.say("/subscribe", chat_id=SUBSCRIBER)
        reply = await ask(bot, f"/add {site.url('/art/a5.html')}", ADMIN)
        title = "关于进贤县2021年度法治政府建设工作的报告"
        assert reply.startswith(f"已添加：《{title}》")
        # The one-screen summary, as /summary sends it.
        assert "\n工作计划 2 项：/plan\n1. " in reply
        assert reply.endswith("存在问题 2 项：/problems\n完整概要：/summary full")
        again = await ask(bot, f"/add {site.url('/art/a5.html')}", ADMIN)
        assert again.startswith(f"已有这份报告：《{title}》")
        assert title in (await bot.say("/reports")).params["text"]
        await until(lambda: announcements(bot))
        await settle(bot)
        assert len(announcements(bot)) == 1
        status = (await bot.say("/sources", chat_id=ADMIN)).params["text"]
        assert "/add（管理员 /add）" in status and "报告：1 份" in status
        assert status.startswith("信息源（1 个，时间为 Asia/Shanghai 时间）")
        await bot.say("/timezone Europe/Berlin", chat_id=ADMIN)
        berlin = (await bot.say("/sources", chat_id=ADMIN)).params["text"]
        assert berlin.startswith("信息源（1 个，时间为 Europe/Berlin 时间）")
        shown = [
            datetime.strptime(re.search(r"上次成功：(\S+ \S+)", text)[1], "%Y-%m-%d %H:%M")
            for text in (status, berlin)
        ]
        assert shown[0] - shown[1] in {timedelta(hours=6), timedelta(hours=7)}  # the same moment


async def test_add_says_at_once_that_it_fetches_shows_typing_and_edits_that_line_when_done(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite
):
    gate = site.held["/art/a5.html"] = asyncio.Event()  # the site answers when the test says
    url = site.url("/art/a5.html")
    async with push_bot(tmp_path, clock, reports=reports, fetching=FETCHING) as bot:
        seen = len(bot.api.calls)
        bot.api.user_message(f"/add {url}", ADMIN, ADMIN, "private")
        first = await bot.api.wait_for(
            lambda c: c.method == "sendMessage" and c in bot.api.calls[seen:], timeout=1.0
        )
        assert first.params["text"] == f"正在获取 {url} …"
        typing = await bot.api.wait_for(
            lambda c: c.method == "sendChatAction" and c in bot.api.calls[seen:], timeout=2.0
        )
        assert typing.params["action"] == "typing" and int(typing.params["chat_id"]) == ADMIN
        gate.set()
        await bot.api.wait_for(lambda c: bool(done(shown(bot, ADMIN))), timeout=60)
        to_admin = shown(bot, ADMIN)
        assert len(to_admin) == 1  # the one line, edited: no second message
        assert to_admin[0].startswith("已添加：《关于进贤县2021年度法治政府建设工作的报告》")
        assert "概要" in to_admin[0]


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/art/about.html", "/art/about.html：不是报告：正文只有 25 个汉字"),
        ("/fault/404.html", "网站返回 HTTP 404"),
        ("/files/scan.pdf", "无法添加："),
    ],
)
async def test_add_of_what_is_not_a_report_gets_one_clear_line(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite, path: str, says: str
):
    async with push_bot(tmp_path, clock, reports=reports, fetching=FETCHING) as bot:
        seen = len(bot.api.calls)
        reply = await ask(bot, f"/add {site.url(path)}", ADMIN)
        assert says in reply and "\n" not in reply and "Traceback" not in reply
        assert len(bot.texts(ADMIN)) == 1 and len(state_of(bot.app).library.reports) == 1
        # tried once, as asked: no retry is scheduled behind the admin's back
        retries = "SELECT url FROM source_urls WHERE failures > 0"
        assert fixtures.rows(bot.config.database, retries) == []
        # one message: the progress line, edited to say why
        first = next(c for c in bot.api.calls[seen:] if c.method == "sendMessage")
        assert first.params["text"] == f"正在获取 {site.url(path)} …"
        edit = [c for c in bot.api.calls[seen:] if c.method == "editMessageText"][-1]
        assert edit.params["message_id"] == first.result["message_id"]
        assert edit.params["text"] == reply


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("/add file:///etc/passwd", "只能抓取 http 和 https 网址，不能抓取 file: 网址。"),
        ("/add ftp://gov.example/r.html", "只能抓取 http 和 https 网址，不能抓取 ftp: 网址。"),
        ("/add", "用法：/add"),
        ("/add /srv/reports/r.txt", "服务器上的报告文件请在终端添加：briefing-bot add 文件路径"),
        ("/add www.gov.example/art/1.html", "例如：/add https://www.gov.example/art/1.html"),
        ("/add http:///art/1.html", "没有写明网站地址"),
    ],
)
async def test_add_takes_only_http_and_https(tmp_path: Path, clock: Clock, text: str, says: str):
    async with push_bot(tmp_path, clock) as bot:
        reply = (await bot.say(text, chat_id=ADMIN)).params["text"]
        assert says in reply and "\n" not in reply


async def test_only_admins_add_or_see_sources(tmp_path: Path, clock: Clock, site: GovSite):
    async with push_bot(tmp_path, clock, fetching=FETCHING) as bot:
        for text in (f"/add {site.url('/art/a5.html')}", "/sources"):
            reply = (await bot.say(text, chat_id=SUBSCRIBER)).params["text"]
            assert reply == "抱歉，这个命令只有管理员可以使用。"
        assert site.hits == []
        reply = (await bot.say("/sources", chat_id=ADMIN)).params["text"]
        assert reply.startswith("没有配置信息源")


async def test_the_bot_stops_without_waiting_for_a_fetch_in_flight(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite
):
    source = {"sources": [{"name": "慢站", "url": site.url("/fault/timeout.html")}],
              "fetching": {"timeout_seconds": 60, "host_interval_seconds": 0.01}}  # fmt: skip
    async with push_bot(tmp_path, clock, reports=reports, **source) as bot:
        await until(lambda: site.hits_of("/fault/timeout.html"))  # answers in 10 s, or never
        database = bot.config.database
    # stopped mid-request (a stop waiting for the answer would have recorded it): nothing is
    # recorded, so the next start asks again
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM source_urls").fetchone() == (0,)


async def test_add_of_a_page_with_attachments_answers_for_each_report(
    tmp_path: Path, clock: Clock, reports: Path, site: GovSite
):
    async with push_bot(tmp_path, clock, reports=reports, fetching=FETCHING) as bot:
        first = await ask(bot, f"/add {site.url('/art/notice.html')}", ADMIN)
        await bot.api.wait_for(lambda c: len(done(shown(bot, ADMIN))) == 2, timeout=60)
        second = shown(bot, ADMIN)[1]
        places = [text.split("《")[1][:6] for text in (first, second)]
        assert sorted(places) == ["关于红谷滩区", "关于青山湖区"]
        assert all(text.startswith("已添加：") and "概要" in text for text in (first, second))
        assert len(state_of(bot.app).library.reports) == 3  # the scanned PDF is not a report
