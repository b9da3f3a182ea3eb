"""Briefing pushes: subscriptions, schedule and delivery.

`install(application)` registers the push commands and the scheduler job; it needs
`bot_data["config"]` (Config) and `bot_data["library"]` (ReportLibrary) in place, and puts the
`Pusher` at `bot_data["pusher"]`.
"""

from __future__ import annotations

from telegram.ext import Application, ContextTypes

from .handlers import COMMANDS, register
from .runner import Clock, Pusher, utc_now

__all__ = ["COMMANDS", "Pusher", "install"]


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    context.bot_data["pusher"].start()


def install(application: Application, clock: Clock = utc_now, backoff: float = 1.0) -> Pusher:
    """Register the push commands and the scheduler on `application`.

    `clock` (aware UTC now) and `backoff` (first retry delay, seconds) exist for tests.
    """
    config = application.bot_data["config"]
    pusher = Pusher(application.bot, config, application.bot_data["library"], clock, backoff)
    application.bot_data["pusher"] = pusher
    register(application)
    if application.job_queue is None:
        raise RuntimeError("pushes need the job queue: install python-telegram-bot[job-queue]")
    interval = config.push.check_interval_seconds
    application.job_queue.run_repeating(_tick, interval=interval, first=0, name="push-scheduler")
    previous = application.post_shutdown

    async def shutdown(app: Application) -> None:
        await pusher.close()
        if previous is not None:
            await previous(app)

    application.post_shutdown = shutdown
    return pusher
