"""The aiohttp web app: GET /healthz and the pages (bot.pages) in both modes, and in webhook mode the update route.

The route accepts an update only with Telegram's secret-token header, then hands it to the
Application's update queue, as PTB's custom-webhook example does.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
from collections.abc import AsyncIterator

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from ..exits import StartupError
from ..pages import routes as pages
from ..state import state_of
from .limits import ConnectionGuard, QuietAcceptErrors, WebLimits

logger = logging.getLogger(__name__)
APPLICATION = web.AppKey("application", Application)
LIMITS = web.AppKey("limits", WebLimits)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def _health(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    # A database deleted under the bot needs an operator and a restart: unhealthy. So is a
    # replica cut off from its PostgreSQL server: a load balancer sends updates elsewhere.
    problem = await state.stores.database.health() if state.stores is not None else None
    return web.json_response(
        {
            "status": problem or "ok",
            "database": problem or "ok",
            "reports": len(state.library.reports),
            "briefed": state.briefer.progress()[0],
            "uptime_seconds": round(state.uptime(), 1),
        },
        status=503 if problem else 200,
    )


def _as_update(data: object, application: Application) -> Update | None:
    """The update in a JSON body, or None: a malformed body is the sender's fault (400), not a
    server error with a traceback."""
    if not isinstance(data, dict):
        return None
    try:
        return Update.de_json(data, application.bot)
    except Exception as error:  # PTB trusts Telegram's shapes: a forged one raises anything
        logger.warning("webhook body is not an update: %s: %s", type(error).__name__, error)
        return None


async def _telegram_update(request: web.Request) -> web.Response:
    application = request.app[APPLICATION]
    secret = (state_of(application).config.webhook_secret or "").encode()
    given = request.headers.get(SECRET_HEADER, "").encode()
    if not secret or not hmac.compare_digest(given, secret):
        return web.Response(status=403, text="forbidden")
    try:
        async with asyncio.timeout(request.app[LIMITS].body_seconds):
            data = await request.json()
    except TimeoutError:  # a body sent a byte at a time holds a connection for nothing
        return web.Response(status=408, text="too slow")
    except ValueError:
        return web.Response(status=400, text="not JSON")
    update = _as_update(data, application)
    if update is None:
        return web.Response(status=400, text="not an update")
    await application.update_queue.put(update)
    return web.Response(text="ok")


def build_web_app(application: Application, limits: WebLimits | None = None) -> web.Application:
    """GET /healthz always; in webhook mode also the update route at telegram.webhook.path."""
    app = web.Application()
    app[APPLICATION] = application
    app[LIMITS] = limits or WebLimits()
    app.router.add_get("/healthz", _health)
    pages.add_routes(app, application)
    if application.updater is None:
        app.router.add_post(state_of(application).config.webhook.path, _telegram_update)
    return app


@contextlib.asynccontextmanager
async def serving(app: web.Application, host: str, port: int) -> AsyncIterator[int]:
    """Serve `app` on host:port (0 = any free port) within its limits; yields the bound port."""
    limits = app[LIMITS]
    guard = ConnectionGuard(limits.connections())
    app.middlewares.append(guard.middleware)
    runner = web.AppRunner(app, access_log=None, keepalive_timeout=limits.header_seconds)
    await runner.setup()
    guard.server = runner.server
    loop = asyncio.get_running_loop()
    handler = loop.get_exception_handler()
    loop.set_exception_handler(QuietAcceptErrors())
    try:
        try:  # a small backlog: each accept burst may overshoot the cap by at most that many
            listener = await loop.create_server(guard, host, port, backlog=32)
        except OSError as error:  # a port in use or not ours to take: the operator's to fix
            reason = os.strerror(error.errno) if error.errno else str(error)
            raise StartupError(f"cannot listen on {host}:{port}: {reason}") from error
        try:
            yield listener.sockets[0].getsockname()[1]
        finally:
            listener.close()
    finally:
        loop.set_exception_handler(handler)
        await runner.cleanup()
