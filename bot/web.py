"""The aiohttp web app: GET /healthz in both modes, and in webhook mode the update route.

The route accepts an update only with Telegram's secret-token header, then hands it to the
Application's update queue, as PTB's custom-webhook example does.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import AsyncIterator

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from .context import state_of
from .failures import StartupError

logger = logging.getLogger(__name__)
APPLICATION = web.AppKey("application", Application)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def _health(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    return web.json_response(
        {
            "status": "ok",
            "reports": len(state.library.reports),
            "uptime_seconds": round(state.uptime(), 1),
        }
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
        data = await request.json()
    except ValueError:
        return web.Response(status=400, text="not JSON")
    update = _as_update(data, application)
    if update is None:
        return web.Response(status=400, text="not an update")
    await application.update_queue.put(update)
    return web.Response(text="ok")


def build_web_app(application: Application) -> web.Application:
    """GET /healthz always; in webhook mode also the update route at telegram.webhook.path."""
    app = web.Application()
    app[APPLICATION] = application
    app.router.add_get("/healthz", _health)
    if application.updater is None:
        app.router.add_post(state_of(application).config.webhook.path, _telegram_update)
    return app


@contextlib.asynccontextmanager
async def serving(app: web.Application, host: str, port: int) -> AsyncIterator[int]:
    """Serve `app` on host:port (0 = any free port); yields the bound port."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as error:  # a port in use or not ours to take: the operator's to fix
            raise StartupError(f"cannot listen on {host}:{port}: {error.strerror}") from error
        yield site._server.sockets[0].getsockname()[1]
    finally:
        await runner.cleanup()
