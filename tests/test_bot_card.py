"""/card: the briefing card arrives as a photo, drawn once and then re-sent by file_id."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.present.card import FontNotFoundError, find_font
from tests.botkit import Chat

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
