"""/card: the briefing card arrives as a photo, drawn once and then re-sent by file_id."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from bench.kits.paths import SEED
from bot.present.card import FontNotFoundError, card_layout, find_font
from bot.present.card.draw import draw_card
from bot.present.words import catalogue
from briefings.derive import brief
from briefings.parse import parse_file
from tests.kits.botkit import Chat

try:
    find_font()
except FontNotFoundError:
    pytest.skip("no CJK font installed", allow_module_level=True)


async def test_card_is_sent_as_a_photo_with_a_short_caption(chat: Chat) -> None:
    calls = await chat.send("/card")
    photo = next(call for call in calls if call.method == "sendPhoto")
    image = Image.open(io.BytesIO(photo.params["photo"]))
    assert image.format == "PNG" and image.width == 1080
    caption = photo.params["caption"]
    assert caption.startswith("关于南昌市2020年度法治政府建设工作的报告")
    assert "关键数据 15 项 · 工作计划 7 项" in caption and len(caption) <= 1024


async def test_a_second_card_reuses_the_uploaded_photo(chat: Chat) -> None:
    await chat.send("/card")
    again = next(call for call in await chat.send("/card") if call.method == "sendPhoto")
    assert again.params["photo"] == "photo1"  # the file_id the fake Telegram gave the upload


ENGLISH = catalogue("en")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


async def test_an_english_chat_gets_the_card_in_english(chat: Chat) -> None:
    chinese = next(c for c in await chat.send("/card") if c.method == "sendPhoto")
    assert await chat.text("/lang en") == ENGLISH("language.set")
    english = next(c for c in await chat.send("/card") if c.method == "sendPhoto")
    # Drawn again in English, not the Chinese card's upload re-sent.
    assert isinstance(english.params["photo"], bytes)
    assert english.params["photo"] != chinese.params["photo"]
    # The picture the chat got is this layout drawn: its own words have no Chinese in them.
    report = parse_file(SEED)
    layout = card_layout(report, brief(report).metrics, words=ENGLISH)
    assert draw_card(layout, find_font()) == english.params["photo"]
    meta = report.meta
    byline = layout.byline.removeprefix(f"{meta.issuer} · ")
    source = " · ".join(filter(None, [report.display_title, meta.issuer, report.source]))
    footer = layout.footer.replace(source, "")
    own = [layout.kicker, layout.figures_heading, layout.plan_heading, byline, footer]
    assert own == ["At a glance", "Key figures", "Work plan for 2021", byline, "Source: "]
    assert not [text for text in own if _CJK.search(text)], own
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", byline)
