"""The pages served by the bot's own aiohttp: what a browser shows, at phone and desktop widths,
light and dark, with no console error; the Mini App's personal panel only for signed initData.

One Chromium serves the module, each test in a fresh context of its own; so the tests, and the
fake Telegram and bot they start, run on the module's event loop, the browser's."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from bench.kits.fault_api import FakeBotApi
from bot.app import build_application
from bot.local.answered import Turns
from bot.pages.initdata import sign
from bot.present.render import item_list, plan_title
from bot.present.words import CHINESE
from bot.state import state_of
from bot.web.server import build_web_app, serving
from briefings import choice
from tests.kits.botkit import USER, Chat, fake_api, make_config, started
from tests.kits.pagekit import ARTEFACTS, browser_context, chromium

WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser() -> AsyncIterator[Any]:
    async with chromium() as launched:
        yield launched


@pytest_asyncio.fixture(loop_scope="module")
async def api() -> AsyncIterator[FakeBotApi]:
    async with fake_api() as server:
        yield server


@pytest_asyncio.fixture(loop_scope="module")
async def site(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[str, Chat]]:
    config = replace(make_config(tmp_path), token=api.token, base_url=api.base_url)
    application = build_application(config)
    turns = Turns().install(application)
    async with started(application), serving(build_web_app(application), "127.0.0.1", 0) as port:
        yield f"http://127.0.0.1:{port}", Chat(api, application, turns)


def _seed_digest(chat: Chat) -> str:
    return state_of(chat.application).library.reports[0].digest


def _pages(chat: Chat) -> dict[str, str]:
    digest = _seed_digest(chat)
    place = choice.place(state_of(chat.application).library.reports[0])
    return {
        "home": "/web/",
        "report": f"/web/r/{digest}",
        "place": f"/web/place/{place}",
        "compare": "/web/compare?q=%E6%B3%95%E6%B2%BB",
        "search": "/web/search?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE",
        "report-en": f"/web/r/{digest}?lang=en",
    }


async def _visit(context: Any, url: str, width: int, scheme: str) -> tuple[Any, list[str]]:
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed {r.url}"))
    await page.set_viewport_size({"width": width, "height": 900})
    await page.emulate_media(color_scheme=scheme)
    response = await page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    return page, errors


async def test_every_page_loads_without_console_error_at_both_widths_light_and_dark(
    site: tuple[str, Chat], browser: Any
) -> None:
    base, chat = site
    ARTEFACTS.mkdir(parents=True, exist_ok=True)

    async def check(context: Any, name: str, path: str, width: int, scheme: str) -> None:
        page, errors = await _visit(context, base + path, width, scheme)
        assert errors == [], (name, width, scheme, errors)
        # Nothing fetched from elsewhere: every resource is the bot's own.
        resources = await page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        requested = [url for url in resources if not url.startswith(base)]
        assert requested == [], requested
        # No sideways scrolling of the page itself at a phone's width.
        overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, width, overflow)
        shot = ARTEFACTS / f"{name}-{width}-{scheme}.png"
        await page.screenshot(path=str(shot), full_page=width == 360)
        await page.close()

    async with browser_context(browser) as context:
        for name, path in _pages(chat).items():
            # a page's four views at once: their waits for the network to idle overlap
            await asyncio.gather(*(check(context, name, path, width, scheme)
                                   for width in WIDTHS for scheme in SCHEMES))  # fmt: skip


async def test_the_dark_scheme_changes_the_page_colours(
    site: tuple[str, Chat], browser: Any
) -> None:
    base, chat = site
    async with browser_context(browser) as context:
        colours = []
        for scheme in SCHEMES:
            page, _ = await _visit(context, base + _pages(chat)["report"], 360, scheme)
            colours.append(await page.evaluate("getComputedStyle(document.body).backgroundColor"))
            await page.close()
    assert colours == ["rgb(255, 255, 255)", "rgb(23, 33, 43)"]


async def test_telegram_theme_parameters_colour_the_page(
    site: tuple[str, Chat], browser: Any
) -> None:
    base, chat = site
    theme = json.dumps({"bg_color": "#102030", "text_color": "#fafafa"})
    from urllib.parse import quote

    url = base + _pages(chat)["report"] + "#tgWebAppThemeParams=" + quote(theme)
    async with browser_context(browser) as context:
        page, errors = await _visit(context, url, 360, "light")
        background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(16, 32, 48)" and errors == []


async def test_the_report_page_shows_the_plan_and_problems_as_the_chat_does(
    site: tuple[str, Chat], browser: Any
) -> None:
    base, chat = site
    plan_reply = await chat.text("/plan")
    problems_reply = await chat.text("/problems")
    async with browser_context(browser) as context:
        page, _ = await _visit(context, base + _pages(chat)["report"], 1280, "light")
        shown = {}
        for part in ("plan", "problems"):
            heading = await page.inner_text(f"#{part} h2")
            items = await page.locator(f"#{part} ol > li").all_inner_texts()
            shown[part] = [heading, *(f"{n}. {item}" for n, item in enumerate(items, start=1))]
    # The chat's heading says the part it comes from (（第 五 部分）): the page links it instead.
    for part, reply in (("plan", plan_reply), ("problems", problems_reply)):
        lines = reply.splitlines()
        assert lines[0].startswith(shown[part][0])
        assert shown[part][1:] == lines[1:] and len(lines) > 3


async def test_the_page_lists_are_the_chat_renderer_s_items(site: tuple[str, Chat]) -> None:
    """Same source as the chat: the seed's plan as item_list words it, item for item."""
    base, chat = site
    report = state_of(chat.application).library.report(_seed_digest(chat))
    assert report is not None
    expected = item_list(plan_title(report.plan, CHINESE), report.plan).splitlines()[1:]
    async with (
        aiohttp.ClientSession() as session,
        session.get(base + _pages(chat)["report"]) as response,
    ):
        html = await response.text()
        assert response.status == 200
        assert response.headers.get("Content-Encoding") in {"gzip", "deflate"}
    for line in expected:
        assert line.split(". ", 1)[1] in html


async def test_pages_read_with_javascript_off(site: tuple[str, Chat], browser: Any) -> None:
    base, chat = site
    async with browser_context(browser, java_script_enabled=False) as context:
        page = await context.new_page()
        await page.goto(base + _pages(chat)["compare"])
        rows = await page.locator("table.sortable tbody tr").count()
        bars = await page.locator("figure.chart svg").count()
        await page.goto(base + _pages(chat)["report"])
        figures = await page.locator("#figures tbody tr").count()
    assert rows >= 1 and bars >= 1 and figures >= 5


async def test_the_report_page_has_no_serious_accessibility_violation(
    site: tuple[str, Chat], browser: Any
) -> None:
    base, chat = site

    async def check(context: Any, name: str, scheme: str) -> list[str]:
        page, _ = await _visit(context, base + _pages(chat)[name], 360, scheme)
        found = await _serious_violations(page, f"{name}/{scheme}")
        await page.close()
        return found

    serious: list[str] = []
    async with browser_context(browser) as context:
        for name in ("report", "place", "compare", "search", "home"):
            # both schemes at once: their waits for the network to go idle overlap
            for found in await asyncio.gather(*(check(context, name, s) for s in SCHEMES)):
                serious += found
    assert serious == []


async def _serious_violations(page: Any, name: str) -> list[str]:
    """axe-core's serious and critical findings on the page (and any heading out of order)."""
    axe_module = pytest.importorskip("axe_playwright_python.async_playwright")
    results = await axe_module.Axe().run(page)
    return [
        f"{name}: {v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"} or v["id"] == "heading-order"
    ]


def _init_data(token: str, user: int = USER, age: float = 0, language: str = "zh") -> str:
    fields = {
        "auth_date": str(int(time.time() - age)),
        "query_id": "AAH",
        "user": json.dumps({"id": user, "first_name": "用户", "language_code": language}),
    }
    return sign(fields, token)


async def _panel(base: str, init_data: str) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/web/me", data=init_data) as response,
    ):
        assert response.status == 200
        return dict(await response.json())


async def test_the_panel_speaks_the_chat_s_language_else_the_telegram_app_s(
    site: tuple[str, Chat], api: FakeBotApi
) -> None:
    base, chat = site
    stranger = USER + 1  # never wrote to the bot
    for code, language in (
        ("en", "en"),
        ("en-GB", "en"),
        ("zh-hans", "zh"),
        ("ru", "zh"),
        ("", "zh"),
    ):
        panel = await _panel(base, _init_data(api.token, stranger, language=code))
        assert panel["language"] == language, code
    english = await _panel(base, _init_data(api.token, stranger, language="en"))
    assert english["title"] == "My settings" and english["rows"][0] == ["Language", ["English"]]
    await chat.send("/lang zh")  # the chat chose: its choice wins over the app's
    assert (await _panel(base, _init_data(api.token, language="en")))["language"] == "zh"
    await chat.send("/lang en")
    assert (await _panel(base, _init_data(api.token, language="zh")))["language"] == "en"


async def test_the_panel_shows_the_chat_s_subscriptions_and_follows(
    site: tuple[str, Chat], api: FakeBotApi
) -> None:
    base, chat = site
    empty = dict(await _panel(base, _init_data(api.token)))
    assert empty["rows"][3:] == [["订阅", ["无"]], ["关注的词", ["无"]]]
    await chat.send("/subscribe 07:30 workdays")
    await chat.send("/follow 营商环境")
    await chat.send("/follow 低空经济")
    rows = dict((await _panel(base, _init_data(api.token)))["rows"])
    (pushed,) = rows["订阅"]
    assert pushed.startswith("工作日（周一至周五） 07:30（Asia/Shanghai），下次推送：")
    assert rows["关注的词"] == ["营商环境", "低空经济"]


async def test_the_personal_panel_needs_initdata_signed_with_the_bot_token(
    site: tuple[str, Chat], api: FakeBotApi
) -> None:
    base, _ = site
    good = _init_data(api.token)
    forged = _init_data("123:another-bots-token")
    stale = _init_data(api.token, age=3 * 24 * 3600)
    tampered = good.replace("1001", "1002")
    async with aiohttp.ClientSession() as session:
        for data, status in ((forged, 403), (stale, 403), (tampered, 403), ("", 403), (good, 200)):
            async with session.post(f"{base}/web/me", data=data) as response:
                assert response.status == status, data
                if status == 200:
                    body = await response.json()
    assert body["rows"][0] == ["语言", ["中文"]]


async def test_the_mini_app_shows_the_personal_panel(
    site: tuple[str, Chat], api: FakeBotApi, browser: Any
) -> None:
    base, _ = site
    from urllib.parse import quote

    url = f"{base}/web/#tgWebAppData={quote(_init_data(api.token))}"
    async with browser_context(browser) as context:
        page, errors = await _visit(context, url, 360, "light")
        await page.wait_for_selector("#me dl")
        text = await page.inner_text("#me")
        await page.close()
        forged = f"{base}/web/#tgWebAppData={quote(_init_data('1:x'))}"
        page, _ = await _visit(context, forged, 360, "light")
        hidden = await page.locator("#me").is_hidden()
    assert "中文" in text and hidden
    assert [e for e in errors if "403" not in e] == []


async def test_the_mini_app_opens_in_the_language_of_the_user_s_telegram_app(
    site: tuple[str, Chat], api: FakeBotApi, browser: Any
) -> None:
    """A user who never set a language opens a page from Telegram: it reads English when
    their app does; a language they pick on the page afterwards stands."""
    base, chat = site
    from urllib.parse import quote

    stranger = _init_data(api.token, USER + 1, language="en")
    url = f"{base}{_pages(chat)['report']}#tgWebAppData={quote(stranger)}"
    async with browser_context(browser) as context:
        page, errors = await _visit(context, url, 360, "light")
        await page.wait_for_url("**lang=en**")
        await page.wait_for_load_state("networkidle")
        opened = (await page.evaluate("document.documentElement.lang"), page.url)
        await page.click("header nav a[lang='zh-CN']")  # the page's own language link
        await page.wait_for_load_state("networkidle")
        chosen = await page.evaluate("document.documentElement.lang")
        home = f"{base}/web/#tgWebAppData={quote(stranger)}"
        await page.goto(home, wait_until="networkidle")
        await page.wait_for_selector("#me dl")
        panel = await page.inner_text("#me")
    assert opened[0] == "en" and "#tgWebAppData=" in opened[1]
    assert chosen == "zh-CN" and "My settings" in panel and "/subscribe" in panel
    assert errors == []


async def test_unknown_pages_are_not_found(site: tuple[str, Chat]) -> None:
    base, _ = site
    async with aiohttp.ClientSession() as session:
        for path in ("/web/r/ffff0000", "/web/place/无此地", "/web/r/ffff0000/card.png"):
            async with session.get(base + path) as response:
                assert response.status == 404, path


SHENZHEN_YEARS = (2018, 2020, 2022, 2024)


@pytest.fixture(scope="module")
def shenzhen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Four of 深圳市's reports, briefed into a cache of their own (jieba: seconds)."""
    from bench.kits.paths import CORPUS

    sources = [CORPUS / "more" / f"深圳市_{year}.txt" for year in SHENZHEN_YEARS]
    if not all(source.is_file() for source in sources):
        pytest.skip("no corpus at ../shared/corpus")
    texts = {source.name: source.read_text("utf-8") for source in sources}
    return _briefed_folder(tmp_path_factory.mktemp("shenzhen"), texts)


@contextlib.asynccontextmanager
async def _folder_site(
    api: FakeBotApi, tmp_path: Path, folder: tuple[Path, Path], browser: Any
) -> AsyncIterator[tuple[int, Any, Any]]:
    """The bot serving the reports of a briefed folder: its port, application and a browser."""
    reports, cache_dir = folder
    config = make_config(tmp_path, reports_dir=reports, cache_dir=str(cache_dir))
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    async with (
        started(application),
        serving(build_web_app(application), "127.0.0.1", 0) as port,
        browser_context(browser) as context,
    ):
        yield port, application, context


def _briefed_folder(folder: Path, texts: dict[str, str]) -> tuple[Path, Path]:
    """A reports folder holding `texts` (file name: text), briefed into a cache of their own."""
    from briefings.derive import brief
    from briefings.parse import parse_file

    reports, cache_dir = folder / "reports", folder / "cache"
    reports.mkdir()
    cache_dir.mkdir()
    for name, text in texts.items():
        (reports / name).write_text(text, "utf-8")
        brief(parse_file(reports / name), cache_dir)
    return reports, cache_dir


async def test_a_place_chart_shows_one_point_per_year(
    api: FakeBotApi, tmp_path: Path, shenzhen: tuple[Path, Path], browser: Any
) -> None:
    async with _folder_site(api, tmp_path, shenzhen, browser) as (port, _, context):
        url = f"http://127.0.0.1:{port}/web/place/%E6%B7%B1%E5%9C%B3%E5%B8%82"
        page, errors = await _visit(context, url, 1280, "light")
        charts = await page.evaluate(
            """[...document.querySelectorAll('figure.chart')].map(f => ({
                indicator: f.dataset.indicator,
                results: [...f.querySelectorAll('.plot.overlay .serie-0 circle.dot + desc.value')]
                    .map(d => d.textContent),
                years: [...f.querySelectorAll('table.points tbody tr td:first-child')]
                    .map(td => td.textContent),
            }))"""
        )
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTEFACTS / "place-shenzhen-1280-light.png"))
        await page.set_viewport_size({"width": 360, "height": 900})
        await page.screenshot(path=str(ARTEFACTS / "place-shenzhen-360-light.png"))
    assert errors == [] and charts
    gdp = next(chart for chart in charts if chart["indicator"] == "gdp_growth")
    years = [point.split(":")[0] for point in gdp["results"]]
    # One result point per year, one year per report at least, each also in the chart's table.
    assert len(years) == len(set(years)) >= len(SHENZHEN_YEARS)
    assert set(years) <= set(gdp["years"])
    for chart in charts:
        shown = [point.split(":")[0] for point in chart["results"]]
        assert len(shown) == len(set(shown)), chart


async def test_the_report_page_shows_the_card_image(site: tuple[str, Chat]) -> None:
    from bot.present.card import FontNotFoundError, find_font

    try:
        find_font()
    except FontNotFoundError:
        pytest.skip("no CJK font: the page shows no card")
    base, chat = site
    async with aiohttp.ClientSession() as session:
        async with session.get(base + _pages(chat)["report"]) as response:
            assert "/card.png" in await response.text()
        async with session.get(f"{base}/web/r/{_seed_digest(chat)}/card.png") as response:
            body = await response.read()
    assert response.content_type == "image/png" and body.startswith(b"\x89PNG")


async def test_a_year_chart_s_labels_are_readable_at_a_phone_s_width(browser: Any) -> None:
    """A chart of a figure every year for 26 years, in the page's own styles at 360 px: the
    year and value labels are drawn at 11 px or more on the screen and none covers another."""
    from bot.pages.routes import STATIC
    from bot.pages.views import place_series
    from briefings.model import Metric

    def gdp(year: int) -> Metric:
        value = (1.6 + 0.13 * (year - 2000)) * 1e12
        return Metric("m", "1", f"{value / 1e12:.2f}万亿元", value, "元", "", "地区生产总值",
                      "……", period=str(year), indicator="gdp")  # fmt: skip

    (series,) = place_series([(y + 1, [gdp(y)]) for y in range(2000, 2026)], CHINESE)
    css = (STATIC / "pages.css").read_text("utf-8")
    html = (
        f"<!doctype html><html lang='zh-CN'><head><style>{css}</style></head><body><main>"
        f"<div class='charts'><figure class='chart'><div class='svg'>{series.chart}</div>"
        "</figure></div></main></body></html>"
    )
    async with browser_context(browser) as context:
        page = await context.new_page()
        await page.set_viewport_size({"width": 360, "height": 900})
        await page.set_content(html)
        edges = await page.evaluate(
            "(r => [r.left, r.right])(document.querySelector('figure svg').getBoundingClientRect())"
        )
        labels = await page.evaluate(
            """['x', 'y'].map(axis => [...document.querySelectorAll(`g.axis.${axis} text`)]
                .map(t => { const r = t.getBoundingClientRect();
                            return [t.textContent, r.left, r.right, r.top, r.bottom]; }))"""
        )
        await page.screenshot(path=str(ARTEFACTS / "year-chart-360.png"))
    for axis in labels:
        assert len(axis) >= 3
        for text, left, right, top, bottom in axis:
            assert bottom - top >= 11, text  # a 13 px label drawn at 8 px was unreadable
            assert edges[0] <= left and right <= edges[1], text  # not cut by the chart's edge
            assert "e+" not in text
        boxes = sorted(axis, key=lambda label: (label[1], label[3]))
        for one, other in itertools.pairwise(boxes):
            apart = one[2] <= other[1] or one[4] <= other[3] or other[4] <= one[3]
            assert apart, (one, other)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two invented consecutive reports of one place, briefed into a cache of their own."""
    from tests.kits.promises import RESULTS, TARGETS

    texts = {"临川市_2024.txt": TARGETS, "临川市_2025.txt": RESULTS}
    return _briefed_folder(tmp_path_factory.mktemp("two-years"), texts)


async def test_the_report_page_sets_last_year_s_targets_against_this_year_s_results(
    api: FakeBotApi, tmp_path: Path, two_years: tuple[Path, Path], browser: Any
) -> None:
    async with _folder_site(api, tmp_path, two_years, browser) as (port, application, context):
        library = state_of(application).library
        later = next(r for r in library.reports if r.meta.year == 2025)
        shown, serious = {}, []
        for lang in ("zh", "en"):
            url = f"http://127.0.0.1:{port}/web/r/{later.digest}?lang={lang}"
            page, errors = await _visit(context, url, 360, "light")
            assert errors == []
            await page.locator("#promises tbody tr").first.locator("details").first.click()
            shown[lang] = await page.evaluate(
                """({
                    heading: document.querySelector('#promises h2').textContent,
                    score: document.querySelector('#promises .score').textContent,
                    links: [...document.querySelectorAll('#promises .paired a')]
                        .map(a => a.getAttribute('href')),
                    rows: [...document.querySelectorAll('#promises tbody tr')].map(tr =>
                        [tr.dataset.verdict, ...[...tr.querySelectorAll('td')].map(td =>
                            (td.querySelector('summary') || td).textContent.trim())]),
                    opened: document.querySelector('#promises details[open] p').innerText,
                })"""
            )
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            await page.locator("#promises").screenshot(path=str(ARTEFACTS / f"promises-{lang}.png"))
            serious += await _serious_violations(page, f"promises-{lang}")
    assert serious == []
    earlier = next(r for r in library.reports if r.meta.year == 2024)
    zh, en = shown["zh"], shown["en"]
    assert zh["heading"] == "承诺兑现" and en["heading"] == "Promises kept"
    assert zh["score"] == "2024年主要目标：达成 1 项，未达成 2 项，难以判断 2 项，报告未提及 1 项"
    # both reports linked, the page's language kept
    assert zh["links"] == [f"/web/r/{earlier.digest}", f"/web/r/{later.digest}"]
    assert en["links"] == [f"/web/r/{earlier.digest}?lang=en", f"/web/r/{later.digest}?lang=en"]
    # both figures as printed, the bound shown, and the verdict in the page's words
    assert zh["rows"][0] == ["missed", "地区生产总值增长", "5%左右", "4.7%", "❌ 未达成"]
    assert en["rows"][0] == ["missed", "GDP growth", "5%左右", "4.7%", "❌ missed"]
    assert ["not_reported", "一般公共预算收入增长", "4%左右", "未给出数字", "报告未提及"] in zh[
        "rows"
    ]
    # the target's sentence, quoted as printed
    assert zh["opened"].startswith("今年经济社会发展的主要预期目标是：地区生产总值增长5%左右")
