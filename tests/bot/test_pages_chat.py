"""The pages from the chat: /web, the 🌐 button (a Mini App on https, a link on http, none when
the pages are local only), the terminal chat's address, and the `web:` config keys."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import aiohttp
import pytest

import bot.handlers.across
import bot.handlers.search
from bench.kits.fault_api import FakeBotApi
from bench.kits.report_copies import write_copies
from bot.config import ConfigError, parse_config
from tests.kits.botkit import GROUP, buttons, make_config, open_chat, visible
from tests.kits.terminal import run_script, write_config


def _keyboard(call: object) -> list[dict]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []  # type: ignore[attr-defined]
    return [button for row in rows for button in row]


def _web_buttons(calls: list) -> list[dict]:
    return [b for c in calls for b in _keyboard(c) if b["text"] == "🌐 网页版"]


async def test_https_pages_open_as_a_mini_app_in_private_and_a_link_in_groups(
    api: FakeBotApi, tmp_path: Path
) -> None:
    config = make_config(tmp_path, web={"public_url": "https://pages.example.org/"})
    async with open_chat(api, config) as chat:
        digest = chat.application.bot_data.library.reports[0].digest
        (button,) = _web_buttons(await chat.send("/start"))
        assert button["web_app"]["url"] == f"https://pages.example.org/web/r/{digest}"
        (button,) = _web_buttons(await chat.send("/compare 法治"))
        assert button["web_app"]["url"].startswith("https://pages.example.org/web/compare?q=")
        (button,) = _web_buttons(await chat.send("/metrics"))
        assert button["web_app"]["url"].endswith(f"/web/r/{digest}#figures")
        (button,) = _web_buttons(await chat.send("/search 行政复议"))
        assert "/web/search?q=" in button["web_app"]["url"]
        (button,) = _web_buttons(await chat.send("/start", chat_id=GROUP, chat_type="supergroup"))
        assert "web_app" not in button
        assert button["url"] == f"https://pages.example.org/web/r/{digest}"
        reply = await chat.send("/web")
        assert f"https://pages.example.org/web/r/{digest}" in visible(reply)


async def test_the_web_button_stays_when_a_paged_reply_turns_its_page(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.handlers.across, "COMPARE_PAGE", 1)
    monkeypatch.setattr(bot.handlers.search, "PAGE_SIZE", 2)
    (tmp_path / "reports").mkdir()
    write_copies(tmp_path / "reports", tmp_path / "cache", 2)
    config = make_config(
        tmp_path, tmp_path / "reports", cache_dir=str(tmp_path / "cache"),
        web={"public_url": "https://pages.example.org"},
    )  # fmt: skip
    async with open_chat(api, config) as chat:
        for asked, page in (
            ("/compare 注册用户", "/web/compare?q="),
            ("/search 行政复议", "/web/search?q="),
        ):
            (first,) = [c for c in await chat.send(asked) if c.method == "sendMessage"]
            (button,) = _web_buttons([first])
            assert page in button["web_app"]["url"]
            forward = dict(buttons(first))["▶"]
            (turned,) = [c for c in await chat.tap(first, forward) if c.method == "editMessageText"]
            assert "◀" in dict(buttons(turned)) and _web_buttons([turned]) == [button], asked


async def test_http_pages_are_a_plain_link(api: FakeBotApi, tmp_path: Path) -> None:
    config = make_config(tmp_path, web={"public_url": "http://pages.example.org"})
    async with open_chat(api, config) as chat:
        (button,) = _web_buttons(await chat.send("/start"))
    assert button["url"].startswith("http://pages.example.org/web/r/") and "web_app" not in button


async def test_local_pages_have_no_button_and_web_prints_the_local_address(
    api: FakeBotApi, tmp_path: Path
) -> None:
    config = make_config(tmp_path, http={"port": 8099})
    async with open_chat(api, config) as chat:
        assert _web_buttons(await chat.send("/start")) == []
        digest = chat.application.bot_data.library.reports[0].digest
        assert await chat.text("/web") == f"网页版（本机）：http://127.0.0.1:8099/web/r/{digest}"
        await chat.send("/lang en")
        assert await chat.text("/web") == (
            f"Web pages (this machine): http://127.0.0.1:8099/web/r/{digest}?lang=en"
        )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"web": {"public_url": "pages.example.org"}}, "'web.public_url' must be an http(s) URL"),
        ({"web": {"publc_url": "https://x"}}, "'web.publc_url' is unknown"),
        ({"web": {"public_url": 5}}, "'web.public_url' must be str"),
    ],
)
def test_a_bad_web_key_stops_start_up_with_one_line(
    raw: dict, message: str, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        parse_config(raw, tmp_path, env={})
    assert "\n" not in str(caught.value)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_the_terminal_chat_prints_the_pages_address_and_serves_them(tmp_path: Path) -> None:
    port = _free_port()
    config = write_config(tmp_path)
    config.write_text(config.read_text() + f"http: {{port: {port}}}\n", encoding="utf-8")
    out = run_script(config, ["/web"])
    assert f"网页版（本机）：http://127.0.0.1:{port}/web/\n" in out
    assert f"http://127.0.0.1:{port}/web/r/" in out
    # and the pages are gone with the chat: nothing is left listening
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(f"http://127.0.0.1:{port}/web/")
