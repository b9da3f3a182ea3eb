"""Splitting an HTML reply into messages Telegram accepts (at most 4096 characters each).

Cuts fall at a blank line (a section boundary) when one is in the second half of a message,
else at a line end; only a single overlong line is cut inside, and never inside a tag or an
entity. Tags open at a cut are closed before it and reopened after it, so every part is
well-formed HTML on its own.
"""

from __future__ import annotations

import re
from collections import deque

TELEGRAM_LIMIT = 4096
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")


def _after(stack: list[str], piece: str) -> list[str]:
    """The open tags (as written) after `piece`, given those open before it."""
    stack = list(stack)
    for match in _TAG.finditer(piece):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append(match.group(0))
            continue
        for index in range(len(stack) - 1, -1, -1):
            if _name(stack[index]).lower() == name:
                del stack[index]
                break
    return stack


def _name(tag: str) -> str:
    """The element name of an opening tag on the stack (put there because _TAG matched it)."""
    match = _TAG.match(tag)
    assert match is not None
    return match.group(2)


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_name(tag)}>" for tag in reversed(stack))


def _pieces(text: str, room: int) -> list[str]:
    """Lines (each with its newline); a line longer than `room` cut into token runs."""
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        if len(line) <= room:
            pieces.append(line)
            continue
        run = ""
        for token in _TOKEN.findall(line):
            if run and len(run) + len(token) > room:
                pieces.append(run)
                run = ""
            run += token
        pieces.append(run)
    return pieces


def _fits(opening_stack: list[str], body: list[str], limit: int) -> bool:
    return len(_part(opening_stack, body)) <= limit


def _cut(body: list[str]) -> int:
    """Where to end a full message: after its last blank line if that is past half-way."""
    total = sum(map(len, body))
    seen = 0
    best = len(body)
    for index, piece in enumerate(body):
        seen += len(piece)
        if not piece.strip() and seen * 2 >= total:
            best = index + 1
    return best


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """`text` as parts of at most `limit` characters, each well-formed on its own."""
    if len(text) <= limit:
        return [text]
    room = limit // 2  # leaves space for the tags reopened and closed around a part
    parts: list[str] = []
    opening_stack: list[str] = []
    body: list[str] = []
    pending = deque(_pieces(text, room))
    while pending:
        body.append(pending.popleft())
        while not _fits(opening_stack, body, limit):
            if len(body) == 1:
                # Alone and still too long: the tags reopened around it take the room
                # (deep nesting, a small limit). Halve it; a lone token stays as it is.
                halves = _halves(body[0])
                if halves is None:
                    break
                body = [halves[0]]
                pending.appendleft(halves[1])
                continue
            cut = _cut(body[:-1])
            done, body = body[:cut], body[cut:]
            parts.append(_part(opening_stack, done))
            opening_stack = _after(opening_stack, "".join(done))
    parts.append(_part(opening_stack, body))
    return [part for part in parts if part.strip()]


def _halves(piece: str) -> tuple[str, str] | None:
    """`piece` cut between two tokens near its middle; None for a single token."""
    tokens = _TOKEN.findall(piece)
    if len(tokens) < 2:
        return None
    middle = len(tokens) // 2
    return "".join(tokens[:middle]), "".join(tokens[middle:])


def _part(opening_stack: list[str], body: list[str]) -> str:
    inner = "".join(body)
    html = "".join(opening_stack) + inner + _closing(_after(opening_stack, inner))
    return html.strip("\n")
