"""What Telegram refuses in a message, so the local Bot API refuses it too.

Telegram parses HTML text strictly: only its own tags, each closed in order, and a `<` that
does not start one is an error; an `&` that starts no entity stays a literal. It also caps a
message's text and an inline keyboard, and checks an answer to an inline query (at most 50
results, ids unique and of 1–64 bytes, each result's message as a message). The local API applies the same rules so that the local
chat and the tests meet a malformed reply where a deployment would, instead of in production.
Error texts are Telegram's.
"""

from __future__ import annotations

import html
import re
from typing import Any

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
KEYBOARD_LIMIT = 100  # buttons in one inline keyboard
CALLBACK_DATA_BYTES = 64
INLINE_RESULTS = 50  # results in one answer to an inline query
RESULT_ID_BYTES = 64
TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
                  "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"})  # fmt: skip
_NAME = re.compile(r"[a-zA-Z0-9-]*")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")


class RefusedRequest(ValueError):
    """Telegram would answer 400 with this description."""


def _tag_end(text: str, start: int) -> int:
    """The index of the `>` closing the tag that starts at `start`, honouring quoted values."""
    quote = ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ">":
            return index
    raise RefusedRequest(
        f"Bad Request: can't parse entities: Unclosed start tag at byte offset {start}"
    )


def _offset(text: str, index: int) -> int:
    return len(text[:index].encode())


def parse_html(text: str) -> str:
    """The plain text Telegram shows for HTML `text`, or RefusedRequest as Telegram refuses it."""
    open_tags: list[str] = []
    shown: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "&":
            entity = _ENTITY.match(text, index)
            shown.append(html.unescape(entity.group()) if entity else "&")
            index = entity.end() if entity else index + 1
            continue
        if char != "<":
            shown.append(char)
            index += 1
            continue
        end = _tag_end(text, index)
        closing = text.startswith("</", index)
        match = _NAME.match(text, index + 1 + closing)
        assert match is not None  # the pattern matches the empty string too
        name = match.group().lower()
        if closing:
            _close(open_tags, name, _offset(text, index))
        elif name not in TAGS:
            raise RefusedRequest(
                f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" '
                f"at byte offset {_offset(text, index)}"
            )
        else:
            open_tags.append(name)
        index = end + 1
    if open_tags:
        raise RefusedRequest(
            "Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{open_tags[-1]}"'
        )
    return "".join(shown)


def _close(open_tags: list[str], name: str, offset: int) -> None:
    if not open_tags:
        raise RefusedRequest(
            f"Bad Request: can't parse entities: Unexpected end tag at byte offset {offset}"
        )
    expected = open_tags.pop()
    if name != expected:
        raise RefusedRequest(
            f"Bad Request: can't parse entities: Unmatched end tag at byte offset {offset}, "
            f'expected "</{expected}>", found "</{name}>"'
        )


def check_keyboard(markup: Any) -> None:
    rows = (markup or {}).get("inline_keyboard") if isinstance(markup, dict) else None
    buttons = [button for row in rows or [] for button in row]
    if len(buttons) > KEYBOARD_LIMIT:
        raise RefusedRequest("Bad Request: reply markup is too long")
    for button in buttons:
        if len(str(button.get("callback_data", "")).encode()) > CALLBACK_DATA_BYTES:
            raise RefusedRequest("Bad Request: BUTTON_DATA_INVALID")


def check_message(params: dict[str, Any]) -> None:
    """RefusedRequest when Telegram would refuse these sendMessage/editMessageText/sendPhoto
    parameters: malformed HTML, empty or overlong text, an oversized keyboard."""
    key, limit = ("text", TEXT_LIMIT) if "text" in params else ("caption", CAPTION_LIMIT)
    text = str(params.get(key) or "")
    shown = parse_html(text) if params.get("parse_mode") == "HTML" else text
    if key == "text" and not shown.strip():
        raise RefusedRequest("Bad Request: message text is empty")
    if len(shown.encode("utf-16-le")) // 2 > limit:  # Telegram counts UTF-16 code units
        raise RefusedRequest(f"Bad Request: message {key} is too long")
    check_keyboard(params.get("reply_markup"))


def _check_result(result: Any) -> None:
    """One InlineQueryResultArticle (the only kind this bot offers) as Telegram checks it."""
    if not isinstance(result, dict) or result.get("type") != "article":
        raise RefusedRequest("Bad Request: RESULT_TYPE_INVALID")
    if not str(result.get("title") or "").strip():
        raise RefusedRequest("Bad Request: RESULT_TITLE_EMPTY")
    content = result.get("input_message_content")
    if not isinstance(content, dict) or "message_text" not in content:
        raise RefusedRequest("Bad Request: MESSAGE_EMPTY")
    check_message({"text": content["message_text"], "parse_mode": content.get("parse_mode")})
    check_keyboard(result.get("reply_markup"))


def check_inline_answer(params: dict[str, Any]) -> None:
    """RefusedRequest when Telegram would refuse these answerInlineQuery parameters: too many
    results, an id empty, over 64 bytes or repeated, a result it cannot show."""
    results = params.get("results")
    if not isinstance(results, list):
        raise RefusedRequest("Bad Request: can't parse inline query results JSON object")
    if len(results) > INLINE_RESULTS:
        raise RefusedRequest("Bad Request: RESULTS_TOO_MUCH")
    ids = [str(result.get("id", "")) if isinstance(result, dict) else "" for result in results]
    if any(not 1 <= len(key.encode()) <= RESULT_ID_BYTES for key in ids):
        raise RefusedRequest("Bad Request: RESULT_ID_INVALID")
    if len(set(ids)) != len(ids):
        raise RefusedRequest("Bad Request: RESULT_ID_DUPLICATE")
    for result in results:
        _check_result(result)
