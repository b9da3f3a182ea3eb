"""/search and plain text in a private chat."""

from __future__ import annotations

from tests.botkit import GROUP, Chat


async def test_search_lists_matching_sentences_with_their_section(chat: Chat) -> None:
    text = await chat.text("/search 赣服通")
    assert text.startswith("搜索“赣服通”")
    assert "1.2.1" in text and "赣服通" in text


async def test_plain_text_in_a_private_chat_is_a_search(chat: Chat) -> None:
    assert (await chat.text("赣服通")).startswith("搜索“赣服通”")
    assert await chat.text("赣服通", chat_id=GROUP, chat_type="supergroup") == ""


async def test_no_match_says_so(chat: Chat) -> None:
    assert "没有找到与“量子计算机”相关的内容" in await chat.text("/search 量子计算机")
