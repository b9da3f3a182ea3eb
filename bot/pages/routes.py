"""The pages' routes, added when the web server starts with the bot. Their views
(bot.pages.views: Jinja2, the charts, the figures' and promises' rules; ~9 MB resident and
~0.1 s to import) are imported by the first page asked for, in a thread, so a bot nobody
browses never holds them."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from aiohttp import web
from telegram.ext import Application

APPLICATION = web.AppKey("pages_application", Application)
STATIC = Path(str(resources.files("bot.pages") / "static"))
VIEWS = "bot.pages.views"

View = Callable[[web.Request], Awaitable[web.StreamResponse]]
# method, path, the view's name in VIEWS
ROUTES = (
    ("GET", "/web", "home"),
    ("GET", "/web/", "home"),
    ("GET", "/web/r/{digest}", "report_page"),
    ("GET", "/web/r/{digest}/card.png", "card_image"),
    ("GET", "/web/place/{place}", "place_page"),
    ("GET", "/web/compare", "compare_page"),
    ("GET", "/web/search", "search_page"),
    ("POST", "/web/me", "me"),
)


def _view(name: str) -> View:
    async def view(request: web.Request) -> web.StreamResponse:
        module = sys.modules.get(VIEWS) or await asyncio.to_thread(importlib.import_module, VIEWS)
        handler: View = getattr(module, name)
        return await handler(request)

    return view


def add_routes(app: web.Application, application: Application) -> None:
    app[APPLICATION] = application
    for method, path, name in ROUTES:
        app.router.add_route(method, path, _view(name))
    app.router.add_static("/web/static/", STATIC, append_version=False)
