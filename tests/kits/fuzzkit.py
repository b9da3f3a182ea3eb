"""Generators for the update fuzz: random and malformed Telegram updates from a seeded `Random`,
and a strict check of the HTML Telegram accepts in a message.

Each generated update comes with what the bot owes it: a reply (a command addressed to it),
silence (a command for another bot), or nothing in particular (anything else, which must only
not break the bot). Every update gets its own chat, so the replies can be told apart.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import available_timezones

from bot.commands import COMMANDS
from bot.handlers.guard import MAX_ARGUMENT_CHARS
from bot.local.bot_api import BOT_USER

BOT_NAME = BOT_USER["username"]
# Push commands get arguments of their own (times, frequencies, zones) from `push_command`.
# The admin ones are in the mix too: the fuzz's random senders are never admins.
PUSH_COMMANDS = ("subscribe", "subscribe", "subscribe", "unsubscribe", "subscriptions",
                 "timezone", "timezone", "push_now", "stats", "reload")  # fmt: skip
KNOWN = tuple(c.name for c in COMMANDS if c.name not in PUSH_COMMANDS)
FREQUENCY_WORDS = ("daily", "weekly", "workdays", "每天", "每日", "每周", "工作日", "DAILY",
                   "Weekly")  # fmt: skip
BAD_TIMES = (
    "24:00",
    "7:5",
    "07:60",
    "25:61",
    "-1:00",
    "08:00:00",
    "8点",
    "０８：００",
    ":",
    "<08:00>",
)
ZONES = tuple(sorted(available_timezones() - {"localtime", "Factory"}))
BAD_ZONES = ("Mars/Olympus", "../../etc/passwd", "/etc/localtime", "UTC+8", "GMT+08:00",
             "asia/shanghai", "Asia/", "Asia//Shanghai", "北京", "\x00", ".", "", "<b>UTC</b>",
             "A&B")  # fmt: skip
ALL_NAMES = frozenset(c.name for c in COMMANDS)
CALLBACK_KINDS = ("menu", "toc", "sec", "met", "sub", "", "x" * 70)
HTML_BITS = ("<b>", "</b>", "<i>x</i>", "&amp;", "&", "<", ">", "<script>alert(1)</script>",
             '<a href="javascript:1">', "&#0;", "&lt;", "</pre>", "<tg-spoiler>", '"', "'")  # fmt: skip
ARGS = ("", "1", "1.2", "1.2.1", "3", "0", "-1", "99.99.99", "1..2", ".", "all", "ALL", "人口",
        "营商环境", "2", "100000000000000000000", "1 2 3", "  ")  # fmt: skip
# Code point ranges a user can type: ASCII, Latin, CJK, full-width, emoji, and the awkward ones
# (combining marks, zero-width and direction marks, control characters).
RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF00, 0xFFEF),
          (0x1F300, 0x1FAFF), (0x300, 0x36F), (0x200B, 0x200F), (0x202A, 0x202E), (0x0, 0x1F),
          (0x10000, 0x1007F))  # fmt: skip
# The tags of Telegram's HTML style this bot may use (Telegram knows a few synonyms more).
ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "code", "pre", "a", "tg-spoiler", "blockquote"})
_MARKUP = re.compile(
    r"<(/?)([a-zA-Z][\w-]*)((?:\s+[\w-]+=\"[^\"<>]*\")*)\s*>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);"
)


@dataclass
class Fuzzed:
    """One update and what the bot owes it."""

    kind: str
    update: dict[str, Any]
    chat_id: int | None
    query_id: str | None = None  # a callback query must be answered
    replies: bool = False  # a command addressed to the bot: it must answer in the chat
    silent: bool = False  # a command for another bot: nothing may be sent to the chat
    thread_id: int | None = None  # a forum topic: answers go to the same topic
    overlong: bool = False  # an argument over the limit: the only answer is a refusal


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class UpdateFuzzer:
    """Random updates, each in a chat of its own; `digests` are the loaded reports' (the bot's
    buttons carry a prefix of one), so some forged taps look valid."""

    def __init__(self, rng: random.Random, digests: list[str]) -> None:
        self.rng, self.digests = rng, digests
        self._serial = 0
        self._kinds: list[tuple[Callable[[], Fuzzed], int]] = [
            (self.command, 30), (self.push_command, 15), (self.plain_text, 12), (self.no_text, 8),
            (self.edited, 8), (self.channel_post, 5), (self.callback, 20), (self.bot_buttons, 8),
            (self.odd_update, 4), (self.no_sender, 5), (self.bad_entity, 4),
        ]  # fmt: skip

    def __call__(self) -> Fuzzed:
        makers, weights = zip(*self._kinds, strict=True)
        return self.rng.choices(makers, weights)[0]()

    # -- text ----------------------------------------------------------------------------
    def text(self, most: int = 40) -> str:
        pick = self.rng.random()
        if pick < 0.05:
            return self.rng.choice(("", " ", "\n", "\u200b"))
        if pick < 0.12:
            return self.huge()
        if pick < 0.3:
            return "".join(self.rng.choice(HTML_BITS) for _ in range(self.rng.randint(1, 6)))
        return "".join(self.char() for _ in range(self.rng.randint(1, most)))

    def char(self) -> str:
        low, high = self.rng.choice(RANGES)
        return chr(self.rng.randint(low, high))

    def huge(self) -> str:
        unit = self.rng.choice(("字", "a", "😀", "<b>", "&amp;", "1.", " "))
        return (unit * 10_000)[: self.rng.choice((201, 4097, 10_000))]

    def argument(self) -> str:
        return self.rng.choice(ARGS) if self.rng.random() < 0.5 else self.text()

    # -- chats ---------------------------------------------------------------------------
    def chat(self) -> tuple[dict[str, Any], int | None]:
        """A new private chat, group or supergroup, sometimes a forum topic (its thread id)."""
        self._serial += 1
        kind = self.rng.choice(("private", "private", "group", "supergroup", "forum"))
        if kind == "private":
            return {"id": 10_000_000 + self._serial, "type": "private", "first_name": "用户"}, None
        if kind == "group":
            return {"id": -(500_000 + self._serial), "type": "group", "title": "测试群"}, None
        chat = {"id": -(1_000_000_000_000 + self._serial), "type": "supergroup", "title": "超级群"}
        if kind == "forum":
            chat["is_forum"] = True
            return chat, self.rng.randint(2, 10_000)
        return chat, None

    def sender(self) -> dict[str, Any]:
        return {"id": self.rng.randint(1, 2**40), "is_bot": False,
                "first_name": self.text(8) or "x", "language_code": "zh-hans"}  # fmt: skip

    def message(
        self, text: str | None, entities: list[dict[str, Any]] | None = None
    ) -> tuple[dict[str, Any], int | None]:
        chat, thread = self.chat()
        message: dict[str, Any] = {"message_id": self._serial, "date": int(time.time()),
                                   "chat": chat, "from": self.sender()}  # fmt: skip
        if text is not None:
            message["text"] = text
        if entities:
            message["entities"] = entities
        if thread is not None:
            message["message_thread_id"] = thread
            message["is_topic_message"] = True
        return message, thread

    # -- update kinds ----------------------------------------------------------------------
    def command(self) -> Fuzzed:
        known = self.rng.random() < 0.7
        name = self.rng.choice(KNOWN) if known else self.unknown_name()
        return self._command(name, known, self.argument)

    def push_command(self) -> Fuzzed:
        """A push command; /subscribe and /timezone get arguments valid as often as not."""
        name = self.rng.choice(PUSH_COMMANDS)
        fuzzed = self._command(name, True, lambda: self.push_argument(name))
        fuzzed.kind = "push"
        return fuzzed

    def _command(self, name: str, known: bool, argument: Callable[[], str]) -> Fuzzed:
        target = self.rng.choice(("", "", "", f"@{BOT_NAME}", f"@{BOT_NAME.upper()}", "@OtherBot"))
        word = f"/{name}{target}"
        text = word if self.rng.random() < 0.3 else f"{word} {argument()}"
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(word)}
        message, thread = self.message(text, [entity])
        chat = message["chat"]
        mine = target.lower() == f"@{BOT_NAME}".lower()
        private = chat["type"] == "private"
        argument_text = [*text.split(maxsplit=1), ""][1]
        return Fuzzed(
            "command", {"message": message}, chat["id"],
            replies=target != "@OtherBot" and (mine or private or known),
            silent=target == "@OtherBot", thread_id=thread,
            overlong=target != "@OtherBot" and len(argument_text) > MAX_ARGUMENT_CHARS,
        )  # fmt: skip

    def push_argument(self, name: str) -> str:
        if name == "subscribe":
            return " ".join(self.schedule_word() for _ in range(self.rng.choice((1, 1, 2, 2, 3))))
        if name == "timezone":
            pick = self.rng.random()
            if pick < 0.5:
                return self.rng.choice(ZONES)
            return self.markup() if pick < 0.6 else self.bad_zone()
        return self.argument()

    def markup(self) -> str:
        """Text a reply that quotes it must escape."""
        return "".join(self.rng.choice(HTML_BITS) for _ in range(self.rng.randint(1, 3)))

    def schedule_word(self) -> str:
        pick = self.rng.random()
        if pick < 0.4:
            hour, minute = self.rng.randrange(24), self.rng.randrange(60)
            return f"{hour:0{self.rng.choice((1, 2))}d}{self.rng.choice(':：')}{minute:02d}"
        if pick < 0.75:
            return self.rng.choice(FREQUENCY_WORDS)
        if pick < 0.85:
            return self.rng.choice(BAD_TIMES)
        if pick < 0.9:
            return self.markup()
        return self.argument()

    def bad_zone(self) -> str:
        return self.rng.choice((*BAD_ZONES, self.text(), self.rng.choice(ZONES).upper()))

    def unknown_name(self) -> str:
        letters = "abcdefghijklmnopqrstuvwxyz0123456789_"
        while True:
            name = "".join(self.rng.choice(letters) for _ in range(self.rng.randint(1, 32)))
            if name not in ALL_NAMES:
                return name

    def plain_text(self) -> Fuzzed:
        message, thread = self.message(self.text())
        overlong = (
            message["chat"]["type"] == "private" and len(message["text"]) > MAX_ARGUMENT_CHARS
        )
        return Fuzzed("text", {"message": message}, message["chat"]["id"], thread_id=thread,
                      overlong=overlong)  # fmt: skip

    def no_text(self) -> Fuzzed:
        """Stickers, photos, captions, locations, an empty text, service messages."""
        message, thread = self.message(None)
        extra = self.rng.choice((
            {"sticker": {"file_id": "st", "file_unique_id": "s", "width": 512, "height": 512,
                         "is_animated": False, "is_video": False, "type": "regular",
                         "emoji": "😀"}},
            {"photo": [{"file_id": "ph", "file_unique_id": "p", "width": 90, "height": 90}],
             "caption": "/summary " + self.text()},
            {"location": {"latitude": 28.68, "longitude": 115.86}},
            {"text": ""},
            {"new_chat_members": [self.sender()]},
            {"dice": {"emoji": "🎲", "value": 3}},
        ))  # fmt: skip
        message.update(extra)
        return Fuzzed("no-text", {"message": message}, message["chat"]["id"], thread_id=thread)

    def edited(self) -> Fuzzed:
        fuzzed = self.rng.choice((self.command, self.plain_text))()
        message = fuzzed.update["message"]
        message["edit_date"] = message["date"] + 5
        return Fuzzed("edited", {"edited_message": message}, fuzzed.chat_id,
                      silent=fuzzed.silent, overlong=fuzzed.overlong)  # fmt: skip

    def channel_post(self) -> Fuzzed:
        self._serial += 1
        chat: dict[str, Any] = {
            "id": -(2_000_000_000_000 + self._serial), "type": "channel", "title": "频道"
        }  # fmt: skip
        text = self.rng.choice(("/summary", "/start@" + BOT_NAME, self.text()))
        post = {"message_id": self._serial, "date": int(time.time()), "chat": chat, "text": text,
                "sender_chat": chat}  # fmt: skip
        if text.startswith("/"):
            post["entities"] = [{"type": "bot_command", "offset": 0,
                                 "length": utf16_len(text.split()[0])}]  # fmt: skip
        key = self.rng.choice(("channel_post", "edited_channel_post"))
        return Fuzzed("channel", {key: post}, chat["id"])

    def no_sender(self) -> Fuzzed:
        """A command without `from`, as an anonymous group admin's or a linked channel's."""
        fuzzed = self.command()
        message = fuzzed.update["message"]
        del message["from"]
        if message["chat"]["type"] != "private":
            message["sender_chat"] = message["chat"]
        fuzzed.kind = "no-sender"
        return fuzzed

    def bad_entity(self) -> Fuzzed:
        """A command entity that does not fit its text: too long, empty, or not at the start.
        Telegram never sends these, so the bot owes them nothing but not to break."""
        fuzzed = self.command()
        message = fuzzed.update["message"]
        entity = message["entities"][0]
        entity[self.rng.choice(("length", "offset"))] = self.rng.choice((0, 1, 3, 500))
        return Fuzzed("bad-entity", fuzzed.update, fuzzed.chat_id)

    def callback_data(self) -> str:
        pick = self.rng.random()
        if pick < 0.25:
            return "".join(self.char() for _ in range(self.rng.randint(0, 80)))
        if pick < 0.35:
            return bytes(self.rng.randrange(256) for _ in range(64)).decode("latin-1")
        kind = self.rng.choice(CALLBACK_KINDS)
        real = self.rng.choice(self.digests)[: self.rng.choice((12, 12, 1, 64))]
        digest = self.rng.choice((real, f"{self.rng.getrandbits(48):012x}", "", "0" * 12))
        return f"{kind}:{digest}:{self.argument()}"

    def callback(self) -> Fuzzed:
        """A tap on a message the bot sent, with forged data, sometimes on an old message."""
        message, thread = self.message(self.text())
        message["from"] = BOT_USER
        if self.rng.random() < 0.1:  # too old to read: its topic is unknown, so is the reply's
            message = {"message_id": message["message_id"], "date": 0, "chat": message["chat"]}
            thread = None
        query_id = f"q{self._serial}"
        query = {"id": query_id, "from": self.sender(), "chat_instance": str(self._serial),
                 "message": message, "data": self.callback_data()}  # fmt: skip
        return Fuzzed("callback", {"callback_query": query}, message["chat"]["id"], query_id,
                      thread_id=thread)  # fmt: skip

    def bot_buttons(self) -> Fuzzed:
        """A tap on a button the bot does make, with a real report digest."""
        fuzzed = self.callback()
        kind = self.rng.choice(("menu", "toc", "sec", "met"))
        arg = self.rng.choice(("summary", "toc", "metrics", "plan", "problems", "subscribe", "1",
                               "1.2", "2.1", "0", "1", "999", "-1", ""))  # fmt: skip
        digest = "" if kind == "menu" else self.rng.choice(self.digests)[:12]
        fuzzed.update["callback_query"]["data"] = f"{kind}:{digest}:{arg}"
        fuzzed.kind = "button"
        return fuzzed

    def odd_update(self) -> Fuzzed:
        """Update types the bot has no handler for, and a tap with no message (inline)."""
        chat, _ = self.chat()
        self._serial += 1
        update: dict[str, Any] = self.rng.choice((
            {"my_chat_member": {"chat": chat, "from": self.sender(), "date": 0,
                                "old_chat_member": {"status": "left", "user": BOT_USER},
                                "new_chat_member": {"status": "member", "user": BOT_USER}}},
            {"inline_query": {"id": f"i{self._serial}", "from": self.sender(),
                              "query": self.text(), "offset": ""}},
            {"callback_query": {"id": f"q{self._serial}", "from": self.sender(),
                                "chat_instance": "x", "inline_message_id": "im",
                                "data": self.callback_data()}},
            {"message_reaction": {"chat": chat, "message_id": 1, "date": 0, "old_reaction": [],
                                  "new_reaction": [{"type": "emoji", "emoji": "👍"}]}},
        ))  # fmt: skip
        query_id = update["callback_query"]["id"] if "callback_query" in update else None
        return Fuzzed("odd", update, None, query_id)


def html_problems(html: str) -> list[str]:
    """What Telegram's HTML parser would reject: unknown tags, unbalanced tags, a bare `<`,
    `>` or `&`. Empty when `html` is fine."""
    problems: list[str] = []
    stack: list[str] = []
    at = 0
    for match in _MARKUP.finditer(html):
        bare = set(html[at : match.start()]) & set("<>&")
        if bare:
            problems.append(f"bare {sorted(bare)} before offset {match.start()}")
        at = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name:
            continue
        if name not in ALLOWED_TAGS:
            problems.append(f"tag <{name}> is not Telegram HTML")
        elif not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            problems.append(f"</{name}> closes nothing open")
    if set(html[at:]) & set("<>&"):
        problems.append("bare markup character at the end")
    problems += [f"<{name}> never closed" for name in stack]
    return problems
