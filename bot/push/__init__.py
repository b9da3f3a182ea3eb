"""Briefing pushes: subscriptions, schedule and delivery.

`install(application)` registers the push commands and the scheduler job on an application
built by `bot.app.build_application` (its state holds the config, library and card cache),
and keeps the `Pusher` in that state; `bot.app.running` closes it.
"""

from __future__ import annotations

from telegram.ext import Application, ContextTypes

from ..context import state_of
from .handlers import COMMANDS, register
from .pacing import Pacer
from .runner import Clock, Pusher, utc_now

__all__ = ["COMMANDS", "Clock", "Pusher", "install", "utc_now"]


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    pusher = state_of(context.application).pusher
    await pusher.store()
    pusher.start()


def install(application: Application, pacer: Pacer, clock: Clock = utc_now) -> Pusher:
    """Register the push commands and the scheduler on `application`.

    `pacer` is the sending budget the application's replies count in too; `clock` is for tests.
    """
    state = state_of(application)
    config = state.config
    pusher = Pusher(application.bot, config, state.library, state.cards, clock, pacer)
    state.pusher = pusher
    register(application)
    if application.job_queue is None:
        raise RuntimeError("pushes need the job queue: install python-telegram-bot[job-queue]")
    interval = config.push.check_interval_seconds
    application.job_queue.run_repeating(_tick, interval=interval, first=0, name="push-scheduler")
    return pusher
