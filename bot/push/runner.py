"""One push round: announce new reports, then send every due briefing, concurrently and paced.

Only one process pushes at a time (an flock next to the database, released by the kernel even
on kill -9). Whoever takes the lock first requeues the sends a dead pusher left in flight.

Stopping (SIGTERM) is gentler than a kill: no send is started any more, and those in flight
finish their request and record its outcome, for STOP_GRACE seconds at most.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from telegram import Bot

from bot.cards import CardCache, card_caption
from bot.config import Config
from bot.library import ReportLibrary
from briefings import series
from briefings.errors import FontNotFoundError
from briefings.model import Report

from ..transport import AiohttpRequest
from .delivery import Journal, Outcome, Photo, Sender
from .pacing import Pacer
from .schedule import Frequency, next_due
from .store import Advance, Store, Subscription

log = logging.getLogger(__name__)

PAGE = 500
# Long enough for a request in flight to be answered (or time out and be left pending), short
# enough that the whole stop stays within Docker's 10 s.
STOP_GRACE = 5.0
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _log_failure(task: asyncio.Task[Tally]) -> None:
    # A failed round must not fail silently; the next scheduler tick starts a fresh one.
    if not task.cancelled() and task.exception() is not None:
        log.error("push round failed", exc_info=task.exception())


@dataclass(frozen=True)
class Job:
    sub_id: int
    slot: str
    chat_id: int
    thread_id: int
    text: str
    advance: Advance | None = None  # briefings only
    card: Report | None = None  # weekly briefings carry the report's card
    give_up: Advance | None = None  # how a failed briefing moves on: next time, same chapter


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    skipped: int = 0
    pending: int = 0  # the bot stopped before they went
    busy: bool = False  # another pusher held the lock; nothing was done

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


@contextlib.contextmanager
def push_lock(path: Path) -> Iterator[bool]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Pusher:
    bot: Bot
    config: Config
    library: ReportLibrary
    cards: CardCache
    clock: Clock = utc_now
    pacer: Pacer | None = None  # shared with the bot's replies; its own for `briefing-bot push`
    announce_library: bool = True  # at start every report not yet announced is news
    _store: Store | None = None
    _task: asyncio.Task[Tally] | None = None
    _texts: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    _in_flight: set[asyncio.Task[Outcome]] = field(default_factory=set)

    def __post_init__(self) -> None:
        push = self.config.push
        self.pacer = self.pacer or Pacer(push.rate_per_second, push.group_per_minute)
        # Enough concurrent senders to fill the rate while some sleep in retry backoff; more
        # would only cost CPU in connection-pool bookkeeping.
        self.workers = min(64, int(push.rate_per_second * 0.05) + 16)
        self._transport = AiohttpRequest(connections=self.workers)
        # It never polls; without a get_updates_request PTB would build an httpx client, whose
        # certificate store alone costs ~20 ms of start-up.
        push_bot = Bot(
            self.bot.token, base_url=self.config.base_url, request=self._transport,
            get_updates_request=self._transport,
        )  # fmt: skip
        self.sender = Sender(push_bot, self.pacer, push.max_attempts, push.first_retry_seconds)

    async def store(self) -> Store:
        if self._store is None:
            self._store = await Store.open(self.config.database)
        return self._store

    async def stop(self) -> None:
        """Start no send any more; those in flight settle and record their outcome (for
        STOP_GRACE seconds at most). What was not claimed stays owed to the next start."""
        self.sender.stopping.set()
        if self._task is not None and not self._task.done():
            self._task.cancel()  # the deliveries in flight are shielded from it
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def close(self) -> None:
        await self.stop()
        if self._store is not None:
            await self._store.close()
            self._store = None
        await self._transport.shutdown()

    # -- starting rounds ---------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    async def wait_idle(self) -> None:
        """Wait for the running round, if any, to end."""
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)

    def start(self) -> asyncio.Task[Tally] | None:
        """Run a round in the background unless one is running or the bot is stopping."""
        if self.busy or self.sender.stopping.is_set():
            return None
        self._task = asyncio.get_running_loop().create_task(self.run(), name="push-round")
        self._task.add_done_callback(_log_failure)
        return self._task

    async def push_now(self) -> asyncio.Task[Tally] | None:
        await (await self.store()).hurry_all()
        return self.start()

    async def announce(self, reports: list[Report]) -> int:
        store = await self.store()
        return await store.enqueue_announcements((r.digest for r in reports), self.clock())

    async def run(self) -> Tally:
        tally = Tally()
        lock = self.config.database.with_name(self.config.database.name + ".push-lock")
        with push_lock(lock) as acquired:
            if not acquired:
                return replace(tally, busy=True)
            store = await self.store()
            requeued = await store.recover()
            if requeued:
                log.warning("requeued %d sends left in flight by an interrupted push", requeued)
            if self.announce_library:
                await self.announce(self.library.reports)
                self.announce_library = False
            self._texts.clear()
            await self._drain(self._announcements(store), tally)
            await self._drain(self._briefings(store), tally)
        log.info("push round done: %s", tally)
        return tally

    async def _settle_in_flight(self) -> None:
        if not self._in_flight:
            return
        _, late = await asyncio.wait(set(self._in_flight), timeout=STOP_GRACE)
        for delivery in late:
            delivery.cancel()
        if late:
            log.warning("stopped with %d push(es) unanswered; the next start resends them",
                        len(late))  # fmt: skip
            await asyncio.wait(late)

    # -- what to send ------------------------------------------------------------------------
    async def _announcements(self, store: Store) -> AsyncIterator[Job]:
        after: tuple[int, str] = (0, "")
        for _ in range(10_000):  # pages; bounded
            page = await store.pending_announcements(after, PAGE)
            if not page:
                return
            for item in page:
                report = self.library.by_digest(item.digest)
                if report is not None:
                    text = series.announcement(report)
                    yield Job(item.sub_id, item.slot, item.chat_id, item.thread_id, text)
            after = (page[-1].sub_id, page[-1].slot)

    async def _briefings(self, store: Store) -> AsyncIterator[Job]:
        after = 0
        for _ in range(10_000):  # pages; bounded
            page = await store.due(self.clock(), after, PAGE)
            if not page:
                return
            for subscription in page:
                job = self._briefing(subscription)
                if job is not None:
                    yield job
            after = page[-1].id

    def _briefing(self, sub: Subscription) -> Job | None:
        report = self.library.for_chat(sub.chat_id)
        if report is None:
            return None
        position = sub.position if sub.report == report.digest else 0
        text, following = self._text(report, sub.schedule.frequency, position)
        after = max(sub.next_due, self.clock())
        due = next_due(sub.schedule, sub.timezone, after)
        return Job(
            sub.id, sub.slot, sub.chat_id, sub.thread_id, text,
            advance=Advance(due, report.digest, following),
            give_up=Advance(due, report.digest, position),
            card=report if sub.schedule.frequency is Frequency.WEEKLY else None,
        )  # fmt: skip

    def _text(self, report: Report, frequency: Frequency, position: int) -> tuple[str, int]:
        if frequency is Frequency.WEEKLY:
            return series.weekly(report), position
        key = (report.digest, position)
        if key not in self._texts:
            self._texts[key] = series.chapter(report, position)
        return self._texts[key]

    async def migrate(self, old: int, new: int) -> None:
        """A group became a supergroup: its subscriptions and settings move to the new id."""
        await (await self.store()).migrate_chat(old, new)
        self.library.move_choice(old, new)
        log.info("chat %s became supergroup %s; its subscriptions moved with it", old, new)

    # -- sending -----------------------------------------------------------------------------
    async def _drain(self, jobs: AsyncIterator[Job], tally: Tally) -> None:
        queue: asyncio.Queue[Job | None] = asyncio.Queue(maxsize=self.workers * 2)
        store = await self.store()

        async def work() -> None:
            while (job := await queue.get()) is not None:
                tally.add(await self._deliver(store, job))

        workers = [asyncio.create_task(work()) for _ in range(self.workers)]
        try:
            async for job in jobs:
                await queue.put(job)
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
            # Still holding the push lock: a pusher that took it before the sends in flight
            # settled would requeue them as interrupted and send them again.
            await self._settle_in_flight()

    async def _card(self, report: Report) -> Photo | None:
        """The report's card for a weekly briefing; without a CJK font the text goes alone."""
        try:
            return await self.cards.photo(report), card_caption(report)
        except FontNotFoundError as error:
            log.warning("weekly briefing sent without its card: %s", error)
            return None

    async def _deliver(self, store: Store, job: Job) -> Outcome:
        journal = Journal(
            claim=lambda: store.claim(job.sub_id, job.slot, self.clock()),
            retry=lambda error: store.record_attempt(job.sub_id, job.slot, error, self.clock()),
            moved=lambda new_id: self.migrate(job.chat_id, new_id),
        )
        photo = await self._card(job.card) if job.card is not None else None
        if not await self.sender.wait_turn(job.chat_id):
            return Outcome.PENDING  # the bot is stopping; the next start sends it
        # From the claim on, a cancelled request could have arrived with nothing recorded, so
        # stopping the round waits for this part instead of cancelling it.
        delivery = asyncio.create_task(self._settle(store, job, journal, photo))
        self._in_flight.add(delivery)
        delivery.add_done_callback(self._in_flight.discard)
        return await asyncio.shield(delivery)

    async def _settle(
        self, store: Store, job: Job, journal: Journal, photo: Photo | None
    ) -> Outcome:
        """Claim and deliver a send, and record its outcome."""
        result = await self.sender.deliver(job.chat_id, job.thread_id, job.text, journal, photo)
        if result.outcome is Outcome.SKIPPED:
            return result.outcome
        if result.file_id and job.card is not None:
            self.cards.remember(job.card, result.file_id)
        if result.outcome is Outcome.PENDING:
            advance = None  # owed still, from the same chapter
        else:
            advance = job.advance if result.outcome is Outcome.SENT else job.give_up
        await store.finish(
            job.sub_id, job.slot, result.outcome.value, result.error, self.clock(), advance
        )
        if result.outcome is Outcome.FAILED:
            log.warning("push to chat %s failed: %s", job.chat_id, result.error)
        return result.outcome
