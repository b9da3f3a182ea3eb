"""/search and plain text in a private chat."""

from __future__ import annotations

from pathlib import Path

from bot.present.words import CHINESE
from tests.botkit import GROUP, Chat, buttons, make_config, open_chat, visible
from tests.fault_api import FakeBotApi


async def test_search_lists_matching_sentences_with_their_section(chat: Chat) -> None:
    text = await chat.text("/search 赣服通")
    assert text.startswith("搜索“赣服通”")
    assert "1.2.1" in text and "赣服通" in text


async def test_plain_text_in_a_private_chat_is_a_search(chat: Chat) -> None:
    assert (await chat.text("赣服通")).startswith("搜索“赣服通”")
    assert await chat.text("赣服通", chat_id=GROUP, chat_type="supergroup") == ""


async def test_no_match_says_so(chat: Chat) -> None:
    assert "没有找到与“量子计算机”相关的内容" in await chat.text("/search 量子计算机")


async def test_a_results_page_still_turns_after_a_restart(api: FakeBotApi, tmp_path: Path) -> None:
    """The chat's recent searches are kept with its settings, not in the process's memory."""
    config = make_config(tmp_path)
    async with open_chat(api, config) as chat:
        (first,) = await chat.send("/search 法治")
        assert "（第 1/" in visible([first])
        forward = dict(buttons(first))["▶"]
    async with open_chat(api, config) as chat:
        turned = visible(await chat.tap(first, forward))
    assert "（第 2/" in turned and "搜索“法治”" in turned
    assert CHINESE("search.expired") not in turned
