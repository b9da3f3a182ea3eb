"""What a walk through every command checks in each answer: no catalogue words of the other
language, list numbers that match the buttons under them, and progress shown in time.

The language check is built from the two catalogues (bot/present/data/words/{zh,en}.yaml): in
English a Chinese phrase is flagged when it is the Chinese catalogue's wording of a message the
English catalogue words otherwise, and the reverse. A report's own text is quoted as printed
in both languages, so a phrase that the loaded reports print is never flagged: what is checked
is the catalogue's words, not every Chinese character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from bot.local.bot_api import Call
from bot.local.plain_text import plain
from bot.present.words import catalogue

# Calls that show the user something is happening: the typing action or an answer.
PROGRESS = frozenset({"sendChatAction", "sendMessage", "editMessageText", "sendPhoto"})
PROGRESS_WITHIN = 1.0  # seconds from a message or tap to its first sign of progress

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|<[^<>]*>|\[[^\[\]|]*\|[^\[\]|]*\]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
_URL_OR_COMMAND = re.compile(r"https?://\S+|/[a-z_]+(?:@\w+)?|<code>.*?</code>", re.S)
_LANGUAGE_NAMES = ("language.name",)  # each language's own name, shown in every language


def _others(language: str) -> dict[str, str]:
    """The other catalogue's messages that this language words otherwise, by key."""
    own = catalogue(language).messages
    other = catalogue("en" if language == "zh" else "zh").messages
    return {
        key: text
        for key, text in other.items()
        if key not in _LANGUAGE_NAMES and text.strip() != own[key].strip()
    }


def _fragments(text: str, pattern: re.Pattern[str]) -> set[str]:
    return set(pattern.findall(_PLACEHOLDER.sub(" ", _URL_OR_COMMAND.sub(" ", text))))


@cache
def foreign_words(language: str, quoted: str = "") -> frozenset[str]:
    """Words of the other catalogue that must not show in `language`'s messages: its Chinese
    phrases (two characters or more) in English, its English words (three letters or more,
    lowercased) in Chinese; less those that `language`'s own catalogue or `quoted` (the
    reports' text) also says."""
    own = " ".join(catalogue(language).messages.values())
    if language == "en":
        found = set().union(*(_fragments(t, _CJK_RUN) for t in _others(language).values()))
        return frozenset(w for w in found if w not in own and w not in quoted)
    words = set().union(*(_fragments(t, _ENGLISH_WORD) for t in _others(language).values()))
    own_words = {w.lower() for w in _ENGLISH_WORD.findall(own)}
    quoted_words = {w.lower() for w in _ENGLISH_WORD.findall(quoted)}
    return frozenset(w.lower() for w in words if w.lower() not in own_words | quoted_words)


def shown_texts(call: Call) -> list[str]:
    """Everything `call` shows the user: message text or caption, an alert, button labels."""
    params = call.params
    texts = [plain(params[key]) for key in ("text", "caption") if params.get(key)]
    rows = (params.get("reply_markup") or {}).get("inline_keyboard") or []
    return texts + [button["text"] for row in rows for button in row]


def mixed_words(call: Call, language: str, quoted: str) -> list[str]:
    """The other language's catalogue words in what `call` shows."""
    forbidden = foreign_words(language, quoted)
    found = []
    for text in shown_texts(call):
        text = _URL_OR_COMMAND.sub(" ", text)
        if language == "en":
            found += [w for w in forbidden if w in text]
        else:
            found += [w for w in _ENGLISH_WORD.findall(text) if w.lower() in forbidden]
    return found


_BUTTON_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)[.\s]")
_LIST_LINE = re.compile(r"^[\s\u3000]*(\d+(?:\.\d+)*)[.\s]", re.M)


def listed_numbers(text: str) -> dict[str, str]:
    """The numbered lines of a message, by their number."""
    numbered: dict[str, str] = {}
    for line in text.splitlines():
        found = _LIST_LINE.match(line)
        if found:
            numbered.setdefault(found.group(1), line)
    return numbered


def number_mismatches(call: Call) -> list[str]:
    """Buttons under a numbered list whose number is no line's of the list, or whose line is
    not about what the button names (a report button's place and year)."""
    text = plain(call.params.get("text") or call.params.get("caption") or "")
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard") or []
    lines = listed_numbers(text)
    wrong = []
    for button in (b for row in rows for b in row):
        label, data = button["text"], button.get("callback_data", "")
        found = _BUTTON_NUMBER.match(label)
        if not found:
            continue
        line = lines.get(found.group(1))
        if line is None:
            wrong.append(f"button {label!r} has no line {found.group(1)} in {text[:200]!r}")
        elif data.startswith("use:") and not _names_same(label, line):
            wrong.append(f"button {label!r} stands under line {line!r}")
    return wrong


def _names_same(label: str, line: str) -> bool:
    """A report button (`7. 南昌市 2020`) and its list line name the same place and year."""
    words = label.split(" ", 1)[1].replace("…", " ").split()
    return all(word[:2] in line for word in words)


def shows_progress(call: Call) -> bool:
    """The typing action, a message, an edit, a photo, or an alert answering a tap."""
    alert = call.method == "answerCallbackQuery" and bool(call.params.get("text"))
    return alert or call.method in PROGRESS


def first_progress(calls: Iterable[Call], since: float) -> float | None:
    """Seconds from `since` to the first call that shows progress (None: none did)."""
    times = [getattr(c, "at", 0.0) - since for c in calls if c.method in PROGRESS]
    return min(times) if times else None


def late(steps: Sequence[tuple[str, float | None]]) -> list[str]:
    return [
        f"{what}: {'nothing' if took is None else f'{took:.2f} s'}"
        for what, took in steps
        if took is None or took > PROGRESS_WITHIN
    ]
