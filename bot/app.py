"""The one wiring module: the PTB Application, its lifecycle, and running it with its web app.

Start-up reads the reports folder's catalogue and parses only new or changed files (a file over
max_report_bytes is skipped unread); briefings are read from the cache or computed in a worker
process afterwards (bot.library.briefer) and added to the library, so jieba never delays start-up or a
reply. The aiohttp side (bot.web.server) is imported in a thread once the bot is up: aiohttp costs
~0.1 s to import.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
import signal
import time
from collections.abc import AsyncIterator
from datetime import timedelta

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults

from .commands import menus, register
from .config import TOKEN_ENV, Config, ConfigError
from .handlers.push import scheduled_round
from .library.document_reader import kill_readers
from .library.reports import ReportLibrary
from .push.runner import Clock, Pusher, utc_now
from .repositories import Stores
from .state import CONTEXT_TYPES, BotState, state_of
from .telegram.sending import Pacer, ReplyLimiter
from .telegram.transport import AiohttpRequest

logger = logging.getLogger(__name__)


# Updates are handled one at a time, but a reply, an edit and a callback answer may overlap.
REPLY_CONNECTIONS = 32
FIRST_ROUND_SECONDS = 0.5  # after start: pushes overdue while the bot was down go out then
# Start-up waits this long for the reports folder to be read before it goes on reading it in
# the background (a few hundred reports read within it; a catalogued folder in milliseconds).
LOAD_WAIT = 1.0


def build_application(
    config: Config,
    library: ReportLibrary | None = None,
    clock: Clock = utc_now,
) -> Application:
    """The bot, talking to `config.base_url`; webhook mode has no updater (aiohttp feeds it).

    `clock` (aware UTC now) is the pushes' own, for tests.
    """
    if not config.token:
        raise ConfigError(f"no bot token: set {TOKEN_ENV} in the environment")
    pacer = Pacer(config.push.rate_per_second, config.push.group_per_minute)
    builder = (
        Application.builder()
        .token(config.token)
        .base_url(config.base_url)
        .context_types(CONTEXT_TYPES)
        .request(AiohttpRequest(REPLY_CONNECTIONS, config.telegram_timeout_seconds))
        .get_updates_request(AiohttpRequest(1, config.telegram_timeout_seconds))
        .rate_limiter(ReplyLimiter(pacer))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
    )
    if config.mode == "webhook":
        builder = builder.updater(None)
    application = builder.build()
    state = state_of(application)
    library = library or ReportLibrary(
        config.reports_dir, config.cache_dir, config.max_report_bytes, config.reports_links_into
    )
    # One database for the whole bot, its repositories given to whoever needs them.
    stores = Stores.at(config.database, config.push.lease_seconds, config.database_connections)
    # The pusher sends in the same budget as the replies.
    pusher = Pusher(application.bot, config, library, state.cards, stores, clock, pacer)
    state.setup(config, library, stores, pusher)
    register(application, config)
    if application.job_queue is None:
        raise RuntimeError("pushes need the job queue: install python-telegram-bot[job-queue]")
    return application


def _schedule_pushes(application: Application, config: Config) -> None:
    """The first round runs at once, however busy start-up keeps the loop.

    An interval trigger whose start time is already past (as "now" is by the time the
    scheduler looks) waits a whole interval, 30 s by default, before its first run: so the
    start is set a moment ahead, and a late first run is still run (no misfire grace).
    """
    assert application.job_queue is not None  # checked when the application was built
    application.job_queue.run_repeating(
        scheduled_round,
        interval=config.push.check_interval_seconds,
        first=FIRST_ROUND_SECONDS,
        name="push-scheduler",
        job_kwargs={"misfire_grace_time": None, "coalesce": True},
    )


async def brief_library(state: BotState) -> None:
    """Brief the reports loaded at start-up (in the background) and wait until they are in."""
    began = time.monotonic()
    pending = state.library.pending()
    state.briefer.schedule(pending)
    await state.briefer.settled()
    logger.info("briefed %d report(s) in %.1f s", len(pending), time.monotonic() - began)
    await state.search.ready(timeout=None)  # the cross-report index takes them in
    if state.config.freeze_startup_heap:
        settle_heap()


def settle_heap() -> None:
    """Take what start-up built (PTB, the reports and their indexes) out of the collector's way.

    It lives as long as the process, yet every full collection would walk it again: a ~40 ms
    pause in the middle of a large push, after which the paced sends leave in a bunch that
    Telegram's flood control refuses. Unfreezing first lets a later call reclaim garbage.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


async def _set_webhook(application: Application, config: Config) -> None:
    if config.mode == "webhook" and config.webhook.public_url:
        url = config.webhook.public_url.rstrip("/") + config.webhook.path
        await application.bot.set_webhook(
            url, secret_token=config.webhook_secret, allowed_updates=Update.ALL_TYPES
        )


async def _stop(application: Application, state: BotState) -> None:
    kill_readers()  # a hostile document's parse ends now: its /add answers, the stop goes on
    try:
        if state.loading is not None and not state.loading.done():
            state.loading.cancel()  # its thread reads on, and its result is dropped
            with contextlib.suppress(asyncio.CancelledError):
                await state.loading
        await state.ingest.stop()  # first: no report comes in while the rest stops
        if state.enrichment is not None and not state.enrichment.done():
            state.enrichment.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await state.enrichment
        await state.pusher.stop()  # first: no new send, and those in flight settle
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
        # After a failed getMe the application is not initialized and its shutdown skips the
        # bot, whose HTTP sessions are open: closing them is a no-op otherwise.
        await application.bot.shutdown()
    finally:
        await state.briefer.close()  # kills a worker busy with a large report: seconds, not minutes
        await state.pusher.close()
        await state.search.close()
        await state.stores.close()  # last: whatever stopped above may have written to it


async def _start(application: Application, state: BotState, poll_timeout: float) -> None:
    # A bot that cannot record subscriptions must not start and accept them: StoreError.
    await state.stores.open()
    # The folder is read while Telegram is first called, and polling starts once it is read:
    # an update waiting since the bot was down is answered from the reports, never with "no
    # report loaded". A catalogued folder is read in milliseconds; thousands of reports never
    # read before (a first start without `warm`) take a while to parse: after LOAD_WAIT the
    # bot polls and answers meanwhile ("reading the folder"), reading on in the background.
    loading = state.loading = asyncio.create_task(_load(state))
    await application.initialize()
    await asyncio.gather(
        *(application.bot.set_my_commands(c, language_code=lang) for lang, c in menus())
    )
    await _set_webhook(application, state.config)
    await application.start()
    _schedule_pushes(application, state.config)
    await asyncio.wait({loading}, timeout=LOAD_WAIT)
    if application.updater is not None:
        await application.updater.start_polling(
            timeout=timedelta(seconds=poll_timeout),
            poll_interval=0,
            allowed_updates=Update.ALL_TYPES,
        )
    if loading.done():
        loading.result()  # a folder that cannot be read stops start-up
        await _follow(state)
    else:
        state.loading = asyncio.create_task(_follow_when_loaded(state, loading))


async def _load(state: BotState) -> None:
    await asyncio.to_thread(state.library.reload)
    # The first round from now on announces those that came while the bot was down; one
    # before (a slow read) finds nothing to announce yet, and leaves them to it.
    state.pusher.found_at_start(state.library.reports)
    logger.info("loaded %d report(s) from %s", len(state.library.reports), state.library.folder)
    for error in state.library.errors:
        logger.warning("skipped %s", error)


async def _follow(state: BotState) -> None:
    """Brief the loaded reports in the background and follow the folder and the sources."""
    state.enrichment = asyncio.create_task(brief_library(state))
    await state.ingest.start(state.stores.sources)


async def _follow_when_loaded(state: BotState, loading: asyncio.Task[None]) -> None:
    try:
        await loading
    except Exception:
        logger.exception("reading the reports folder failed: send /reload to try again")
    await _follow(state)


@contextlib.asynccontextmanager
async def running(
    application: Application, poll_timeout: float = 10.0
) -> AsyncIterator[Application]:
    """Load the reports, start the bot (polling unless webhook mode), brief them in the background.

    Every step runs inside the guard: whichever fails (the database, the reports, a rejected
    token, Telegram unreachable), what was opened is closed again, so the error ends the
    process instead of a database thread keeping it alive.
    """
    state = state_of(application)
    try:
        await _start(application, state, poll_timeout)
        yield application
    finally:
        await _stop(application, state)


async def _until_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


async def serve(config: Config) -> None:
    """Run the bot until SIGINT/SIGTERM: polling plus /healthz, or the webhook server."""
    application = build_application(config)
    webhook = config.mode == "webhook"
    host = config.webhook.listen if webhook else config.http.listen
    port = config.webhook.port if webhook else config.http.port
    async with running(application):
        gc.enable()  # off while it started (bot/cli.py); settle_heap() freezes what it built
        web = await asyncio.to_thread(importlib.import_module, "bot.web.server")
        async with web.serving(web.build_web_app(application), host, port) as bound:
            logger.info("serving on %s:%d (%s mode)", host, bound, config.mode)
            await _until_signal()
