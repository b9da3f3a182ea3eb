"""Where a page is reached from the chat: the address, and the 🌐 button that opens it.

An https `web.public_url` opens the page as a Telegram Mini App (a `web_app` button, which
Telegram allows in private chats only: a group gets a plain link); an http one is a plain
link. Without one the pages are served on this machine only: Telegram refuses a button to a
local address, so there is no button, and /web and the terminal chat print the address.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from telegram import InlineKeyboardButton, WebAppInfo

from bot.config import Config
from bot.present.words import DEFAULT_LANGUAGE, Words


def local_base(config: Config) -> str:
    """This machine's address of the pages: the server that answers /healthz."""
    webhook = config.mode == "webhook"
    host = config.webhook.listen if webhook else config.http.listen
    port = config.webhook.port if webhook else config.http.port
    host = "127.0.0.1" if host in {"0.0.0.0", "", "::"} else host
    return f"http://{host}:{port}"


def page_path(kind: str, words: Words, key: str = "", query: str = "") -> str:
    """The path of a page: home, report (key: digest), place (key: its name), search or
    compare (query), the language kept."""
    path = {
        "home": "/web/",
        "report": f"/web/r/{key}",
        "place": f"/web/place/{quote(key, safe='')}",
        "search": "/web/search",
        "compare": "/web/compare",
    }[kind]
    asked = {"q": query} if query else {}
    if words.language != DEFAULT_LANGUAGE:
        asked["lang"] = words.language
    return path + ("?" + urlencode(asked) if asked else "")


def page_address(config: Config, path: str) -> str:
    return (config.web.public_url or local_base(config)) + path


def web_button(
    config: Config, path: str, words: Words, private: bool
) -> InlineKeyboardButton | None:
    """🌐 opening `path`: a Mini App, a link, or None when the pages are local only."""
    public = config.web.public_url
    if public is None:
        return None
    if public.startswith("https://") and private:
        return InlineKeyboardButton(words("web.open"), web_app=WebAppInfo(public + path))
    return InlineKeyboardButton(words("web.open"), url=public + path)
