"""The numbered list of reports a chat was shown last, so that a bare number typed right after
it (4) picks that line, as its button would, instead of searching for "4".

"Right after": anything else the chat sends forgets the list (see `forget_unless_number`). Kept
in memory for the most recent chats only: after a restart a number is a search again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

CHATS_KEPT = 1000  # chats whose last list is remembered


def bare_number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


class NumberedLists:
    def __init__(self, kept: int = CHATS_KEPT) -> None:
        self._kept = kept
        self._lists: OrderedDict[int, dict[int, str]] = OrderedDict()  # chat -> number -> digest

    def shown(self, chat_id: int, numbered: Iterable[tuple[int, str]]) -> None:
        """The chat was just shown these (number, report digest) lines."""
        self._lists[chat_id] = dict(numbered)
        self._lists.move_to_end(chat_id)
        while len(self._lists) > self._kept:
            self._lists.popitem(last=False)

    def forget_unless_number(self, chat_id: int, text: str | None) -> None:
        """The chat said `text` (None: not a text): only a bare number keeps its list."""
        if text is None or bare_number(text) is None:
            self._lists.pop(chat_id, None)

    def pick(self, chat_id: int, text: str) -> str | None:
        """The digest of the line `text` numbers in the chat's last list, if it does; the list
        is then used up (a second number is a search again)."""
        number = bare_number(text)
        listed = self._lists.get(chat_id, {})
        digest = listed.get(number) if number is not None else None
        if digest is not None:
            del self._lists[chat_id]
        return digest
