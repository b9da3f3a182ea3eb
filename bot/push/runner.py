"""One push round: announce new reports, send the topic alerts they raised (bot/push/follows.py),
then every due briefing, concurrently and paced.

Only one process pushes at a time (SQLite: an flock on the database file, released by the
kernel even on kill -9; PostgreSQL: a lease in the database, which expires; see
Database.lock_pushes). Whoever takes the lock first requeues the sends a dead pusher left in
flight; a replica whose lease passed to another stops claiming (LeaseLost) and ends its round.

A round survives a database that fails for a while (locked by another process, a full disk):
its statements are retried (retry.py), and an outcome that cannot be written yet is kept in
memory and written before anything else, by a later round if need be, so a sent briefing is
never requeued and sent twice. A watchdog ends a round that makes no progress for
`push.stall_seconds`, with one log line; the next scheduled check starts a fresh one.

Stopping (SIGTERM) is gentler than a kill: no send is started any more, and those in flight
finish their request and record its outcome, for STOP_GRACE seconds at most.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from functools import partial
from typing import Protocol

from telegram import Bot

from bot.config import Config
from bot.library.cards import CardCache, CardSubject, card_caption
from bot.library.reports import ReportLibrary
from bot.present.card import FontNotFoundError
from bot.present.words import Words, spoken
from bot.store.chats import ChatSettings
from bot.store.database import Database, LeaseLost
from briefings.briefing import Briefing
from briefings.model import Listed, Report

from ..telegram.sending import Pacer
from ..telegram.transport import AiohttpRequest
from .delivery import Journal, Markup, Outcome, Photo, Sender
from .follows import Follows, NewAlert, alerts_for, open_button
from .news import Kept, news_message
from .retry import Retrying
from .schedule import Frequency, next_due
from .store import ANNOUNCE, Advance, Store, Subscription, iso

# The briefings' texts (bot.present.series) and the promises are imported by the first push
# that needs them, not with the bot: their figure rules cost its start ~50 ms.

log = logging.getLogger(__name__)

PAGE = 500
# Long enough for a request in flight to be answered (or time out and be left pending), short
# enough that the whole stop stays within Docker's 10 s.
STOP_GRACE = 5.0
# How long a new report's announcement waits for its briefing (and its place's report of the year
# before) to say what it reports of last year's targets; without them it goes out without it.
BRIEFING_WAIT = 30.0
# Reports recorded as matched in one transaction: a start's 10,000 in 50, not 10,000, while
# a transaction (one statement) stays short enough that a reply writing meanwhile hardly waits.
NEWS_BATCH = 200
WITH_PROMISES = 3  # news of at most this many reports waits for their promises (bulk drops: none)
KEPT_PAIRS = 256  # pairs whose promises are kept
Clock = Callable[[], datetime]
# A report's briefing, waited for up to some seconds (the bot's Briefer.wait).
WaitBriefing = Callable[[Listed, float], Awaitable[Briefing | None]]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _log_failure(task: asyncio.Task[Tally]) -> None:
    # A failed round must not fail silently; the next scheduler tick starts a fresh one.
    if not task.cancelled() and task.exception() is not None:
        log.error("push round failed", exc_info=task.exception())


class Repositories(Protocol):
    """What the pusher is given of the bot's database (bot/repositories.py builds it)."""

    @property
    def database(self) -> Database: ...
    @property
    def subscriptions(self) -> Store: ...
    @property
    def follows(self) -> Follows: ...
    @property
    def chats(self) -> ChatSettings: ...
    def open(self) -> Awaitable[None]: ...
    def migrate_chat(self, old: int, new: int) -> Awaitable[None]: ...


class Send(Enum):
    """What a push sends, which says whose record it is and which ledger keeps it."""

    BRIEFING = "briefing"  # a subscription's due briefing: the delivery log, slot = its due time
    NEWS = "news"  # new reports announced: the delivery log, slot = ANNOUNCE + a digest
    ALERT = "alert"  # a topic follow's alert: the follows' own log, slot = ALERT + a digest


# A send as the ledgers key it: its kind, its owner's id, its slot.
SendKey = tuple[Send, int, str]


@dataclass(frozen=True)
class Job:
    kind: Send
    owner: int  # the subscription's id; for an ALERT, the follow's id
    slot: str
    chat_id: int
    thread_id: int
    text: str
    advance: Advance | None = None  # briefings only
    card: CardSubject | None = None  # weekly briefings carry the report's card
    give_up: Advance | None = None  # how a failed briefing moves on: next time, same chapter
    markup: Markup | None = None  # an alert's or a news message's button
    also: tuple[str, ...] = ()  # a news message's other slots: one message settles them all


@dataclass(frozen=True)
class Settlement:
    """A send's outcome, to be recorded: kept until the database has taken it."""

    state: str
    error: str | None
    advance: Advance | None
    also: tuple[str, ...] = ()


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    skipped: int = 0
    pending: int = 0  # the bot stopped before they went
    busy: bool = False  # another pusher held the lock; nothing was done
    stalled: bool = False  # the watchdog ended the round
    fault: str | None = None  # a database error no retry gets past ended the round
    stopped: bool = False  # stop() ended the round: what was not sent is owed to the next

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)


@dataclass
class Pusher:
    bot: Bot
    config: Config
    library: ReportLibrary
    cards: CardCache
    stores: Repositories
    clock: Clock = utc_now
    pacer: Pacer | None = None  # shared with the bot's replies; its own for `briefing-bot push`
    # The bot's briefer, which briefs new reports in the background (BotState.setup); without
    # it (`briefing-bot push`) only briefings already cached are read.
    wait_briefing: WaitBriefing | None = None
    _task: asyncio.Task[Tally] | None = None
    # A round asked for while one ran (a report announced after the running round read what
    # it owes): it runs when that one ends, not at the next scheduler tick, maybe 30 s later.
    _again: bool = False
    _reruns: set[asyncio.Task[None]] = field(default_factory=set)
    _texts: dict[tuple[str, int, str], tuple[str, int]] = field(default_factory=dict)
    # by the pair's digests (earlier, later): its promises, worked out when the later report
    # is announced or a card first needs them
    _kept: OrderedDict[tuple[str, str], Kept | None] = field(default_factory=OrderedDict)
    _languages: dict[int, str] = field(default_factory=dict)  # chats not in Chinese, per round
    _unsettled: dict[SendKey, Settlement] = field(default_factory=dict)
    _in_flight: set[asyncio.Task[Outcome]] = field(default_factory=set)
    # chat -> when it was sent news messages in the last hour: read from the delivery log at
    # each round (another replica, or this process before a restart, may have sent them)
    _news_sent: dict[int, list[datetime]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The reports the start-up read found in the folder were there before the process
        # started: a follow made since (here or on another replica) does not make them news.
        self._started = iso(self.clock())
        # Those reports, once read (found_at_start), until a round has announced them.
        self._at_start: list[Listed] | None = None
        push = self.config.push
        self.pacer = self.pacer or Pacer(push.rate_per_second, push.group_per_minute)
        # Enough concurrent senders to fill the rate while some sleep in retry backoff; more
        # would only cost CPU in connection-pool bookkeeping.
        self.workers = min(64, int(push.rate_per_second * 0.05) + 16)
        self._transport = AiohttpRequest(self.workers, self.config.telegram_timeout_seconds)
        # It never polls; without a get_updates_request PTB would build an httpx client, whose
        # certificate store alone costs ~20 ms of start-up.
        push_bot = Bot(
            self.bot.token, base_url=self.config.base_url, request=self._transport,
            get_updates_request=self._transport,
        )  # fmt: skip
        self.sender = Sender(push_bot, self.pacer, push.max_attempts, push.first_retry_seconds)
        self._retry = Retrying(self.stores.database.name)
        self.database = self.stores.database
        self.follows = self.stores.follows
        self.chats = self.stores.chats

    def found_at_start(self, reports: Sequence[Listed]) -> None:
        """The reports the start-up read found in the folder: the next round announces those
        never announced (they came while the bot was down). Only these: a report the folder
        watcher finds later, even before that round (another replica's rounds may hold the
        push lease until then), is announce()'s, matched against every follow."""
        self._at_start = list(reports)

    @property
    def fault(self) -> str | None:
        """What the database says while the push cannot write to it; None when it can."""
        return self._retry.fault

    async def stop(self) -> None:
        """Start no send any more; those in flight settle and record their outcome (for
        STOP_GRACE seconds at most). What was not claimed stays owed to the next start."""
        self.sender.stopping.set()
        # A rerun past its stopping check may still start its round: let it, then stop that.
        await asyncio.gather(*self._reruns, return_exceptions=True)
        if self._task is not None and not self._task.done():
            self._task.cancel()  # the deliveries in flight are shielded from it
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def close(self) -> None:
        await self.stop()
        if self._unsettled:
            log.warning("%d sent briefings' outcomes could not be recorded; they may be sent "
                        "again after the restart", len(self._unsettled))  # fmt: skip
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

    async def start(self, hurry: bool = False) -> asyncio.Task[Tally] | None:
        """Run a round in the background; updates keep being served. None if a push is
        running, in this process or another, the bot is stopping, or the database is not open yet.
        Refused because a round runs here, another round follows it.

        The lock is taken here, before the round changes anything: `hurry` (make every
        subscription due now) is done only by a round that will send.
        """
        if self.sender.stopping.is_set():
            return None
        if self.busy:
            self._again = True
            return None
        if not await self.database.lock_pushes():
            return None
        round_ = self._round(self.stores.subscriptions, hurry)
        self._task = asyncio.get_running_loop().create_task(round_, name="push-round")
        self._task.add_done_callback(_log_failure)
        self._task.add_done_callback(self._ended)
        return self._task

    def _ended(self, _round: asyncio.Task[Tally]) -> None:
        if not self._again or self.sender.stopping.is_set():
            return
        self._again = False
        rerun = asyncio.get_running_loop().create_task(self._start_again(), name="push-again")
        self._reruns.add(rerun)
        rerun.add_done_callback(self._reruns.discard)

    async def _start_again(self) -> None:
        try:
            await self.start()
        except Exception:  # the database failing: what is owed stays owed to the next tick
            log.exception("the push round asked for during the last one could not start")

    async def push_now(self) -> asyncio.Task[Tally] | None:
        """Start a round that sends every subscription its briefing now (None: one is running)."""
        await self.database.open()
        return await self.start(hurry=True)

    async def announce(self, reports: Sequence[Listed], updated: bool = False) -> int:
        """Announce `reports` once to every subscriber and queue the topic alerts they raise;
        the next round sends them. `updated`: they are corrected republications (new digests
        replacing reports announced before), announced as updated, and a follow is alerted
        again only if the sentences matching its words changed. Returns the announcements
        queued."""
        await self._match(reports, updated)  # first: an announcement reads `updated`
        if len(reports) <= WITH_PROMISES:
            # Before the round, not in it: waiting for a new report's briefing holds up no send.
            for report in reports:
                await self._kept_of(report, BRIEFING_WAIT)
        digests = (r.digest for r in reports)
        return await self.stores.subscriptions.enqueue_announcements(digests, self.clock())

    async def _match(
        self, reports: Sequence[Listed], updated: bool, before: str | None = None
    ) -> None:
        """Queue the alerts of those of `reports` never matched against the follows; a report
        is parsed for it (in a thread) only when someone follows anything. Reports found
        at start (`before`: the start's stamp) alert only the follows made before it."""
        fresh = await self.follows.unmatched(report.digest for report in reports)
        follows = await self.follows.everyone() if fresh else []
        follows = [f for f in follows if before is None or f.created < before]
        languages = await self.chats.languages() if follows else {}

        def words_of(chat_id: int) -> Words:  # an alert is written in its chat's language
            return spoken(languages.get(chat_id))

        def alerts_of(digest: str) -> list[NewAlert]:
            report = self.library.report(digest)
            return alerts_for(report, follows, updated, words_of) if report is not None else []

        news: list[tuple[str, list[NewAlert]]] = []
        for listing in reports:
            new = listing.digest in fresh
            if not (new or updated):
                continue
            alerts = await asyncio.to_thread(alerts_of, listing.digest) if new and follows else []
            news.append((listing.digest, alerts))
            if len(news) >= NEWS_BATCH or alerts:  # an alert is queued at once
                await self.follows.record_many_news(news, updated, self.clock())
                news = []
        if news:
            await self.follows.record_many_news(news, updated, self.clock())

    async def run(self, hurry: bool = False) -> Tally:
        """One round, to its end (the command line's push); busy if a push is running."""
        await self.database.open()
        task = await self.start(hurry)
        return Tally(busy=True) if task is None else await task

    async def _round(self, store: Store, hurry: bool) -> Tally:
        tally = Tally()
        try:
            work = asyncio.create_task(self._push(store, hurry, tally))
            tally.stalled = not await self._watch(work)
        except asyncio.CancelledError:
            if not self.sender.stopping.is_set():
                raise
            # stop()'s own cancel, once the sends in flight settled: the round's tally stands.
            tally.stopped = True
        except LeaseLost as error:  # this replica stalled past its lease: another pushes
            log.error("push round ended: %s", error)
            tally.fault = str(error)
        except sqlite3.Error as error:  # not a passing fault: a corrupt or deleted file
            self._retry.report(error, retrying=False)
            tally.fault = str(error)
        finally:
            await self.database.unlock_pushes()
        log.info("push round done: %s", tally)
        return tally

    async def _watch(self, work: asyncio.Task[None]) -> bool:
        """Wait for `work`; cancel it if it makes no progress for stall_seconds (False)."""
        stall = self.config.push.stall_seconds
        seen, since = self._retry.progress, time.monotonic()
        try:
            while not work.done():
                await asyncio.wait({work}, timeout=min(stall / 4, 5.0))
                if self._retry.progress != seen:
                    seen, since = self._retry.progress, time.monotonic()
                elif not work.done() and time.monotonic() - since >= stall:
                    log.error("push round ended: no progress for %g s (%s); the next round "
                              "resumes it", stall, self._retry.fault or "no database fault")  # fmt: skip
                    return False
            work.result()
            return True
        finally:
            if not work.done():
                work.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await work

    async def _push(self, store: Store, hurry: bool, tally: Tally) -> None:
        retry = self._retry
        # Outcomes an ended round could not write go first: recover() would requeue them.
        await asyncio.gather(*(self._settle(store, key) for key in list(self._unsettled)))
        requeued = await retry(store.recover)
        requeued += await retry(self.follows.recover)
        if requeued:
            log.warning("requeued %d sends left in flight by an interrupted push", requeued)
        if hurry:
            await retry(store.hurry_all)
        if self._at_start is not None:
            listed = {report.digest for report in self.library.reports}
            reports = [report for report in self._at_start if report.digest in listed]
            await retry(lambda: self._match(reports, updated=False, before=self._started))
            digests = [report.digest for report in reports]
            await retry(lambda: store.enqueue_announcements(digests, self.clock()))
            self._at_start = None
        self._texts.clear()
        self._languages = await retry(self.chats.languages)
        await self._drain(store, self._announcements(store), tally)
        await self._drain(store, self._alerts(), tally)
        await self._drain(store, self._briefings(store), tally)

    # -- what to send ------------------------------------------------------------------------
    async def _announcements(self, store: Store) -> AsyncIterator[Job]:
        """One news message per subscription owed announcements, unless its chat had
        `announcements_per_hour` in the last hour: those wait, and a later round's message
        tells of them too."""
        after = 0
        updated = await self._retry(self.follows.updated_reports)
        hour_ago = self.clock() - timedelta(hours=1)
        self._news_sent = await self._retry(partial(store.news_sent_since, hour_ago))
        listed = {listing.digest: listing for listing in self.library.reports}
        order = {digest: n for n, digest in enumerate(listed)}  # newest first
        told: dict[str, Kept | None] = {}
        for _ in range(10_000):  # pages; bounded
            page = await self._retry(partial(store.pending_announcements, after, PAGE))
            if not page:
                return
            for item in page:
                known = sorted((d for d in item.digests if d in listed), key=order.__getitem__)
                if not known or not self._may_tell(item.chat_id):
                    continue
                words = self._words(item.chat_id)
                kept = None
                if len(known) == 1:
                    if known[0] not in told:  # once a round, not once a chat
                        told[known[0]] = await self._kept_of(listed[known[0]])
                    kept = told[known[0]]
                if kept is not None and kept.result.digest != known[0]:
                    kept = None  # it set targets the next report judged: not news of it
                text, markup = news_message([listed[d] for d in known], updated, words, kept)
                slots = [ANNOUNCE + digest for digest in known]
                yield Job(Send.NEWS, item.sub_id, slots[0], item.chat_id, item.thread_id, text,
                          markup=markup, also=tuple(slots[1:]))  # fmt: skip
            after = page[-1].sub_id

    async def _kept_of(self, report: Listed, wait: float = 0.0) -> Kept | None:
        """The promises of `report`'s pair with its place's report of the adjacent year (the
        year before first, as /promises pairs them), when that report is in the library and
        both are briefed (waited for up to `wait` seconds: a new report is briefed in the
        background); worked out once a pair, in a thread."""
        from briefings.promises import pair_for, promises, targets, year_of_targets

        pair = await asyncio.to_thread(pair_for, self.library.reports, report)
        if pair.target is None or pair.result is None:
            return None
        key = (pair.target.digest, pair.result.digest)
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        earlier = await self._briefed(pair.target, wait)
        if earlier is None:
            return None  # not settled: asked again when it is next needed
        year = year_of_targets(pair.target, pair.result)
        if not targets(earlier.metrics, year):  # none to judge: the later report is not waited for
            kept = None
        else:
            later = await self._briefed(pair.result, wait)
            if later is None:
                return None
            found = await asyncio.to_thread(promises, earlier, later)
            kept = Kept(found, pair.target, pair.result) if found.items else None
        self._kept[key] = kept
        while len(self._kept) > KEPT_PAIRS:
            self._kept.popitem(last=False)
        return kept

    async def _card_subject(
        self, report: Report, briefing: Briefing | None, words: Words
    ) -> CardSubject:
        """A weekly briefing's card, with the promises panel of the report's pair."""
        kept = await self._kept_of(report)
        return CardSubject.of(report, briefing, kept.found if kept else None, words)

    async def _briefed(self, report: Listed, wait: float) -> Briefing | None:
        if self.wait_briefing is not None and wait:
            return await self.wait_briefing(report, wait)
        return await self.library.load_briefing(report.digest)

    def _may_tell(self, chat_id: int) -> bool:
        """Whether the chat may have a news message now (its hourly cap)."""
        hour_ago = self.clock() - timedelta(hours=1)
        sent = [moment for moment in self._news_sent.get(chat_id, []) if moment > hour_ago]
        self._news_sent[chat_id] = sent
        return len(sent) < self.config.push.announcements_per_hour

    async def _alerts(self) -> AsyncIterator[Job]:
        """Pending topic alerts; the button opens the report while the library holds it."""
        after: tuple[int, str] = (0, "")
        for _ in range(10_000):  # pages; bounded
            page = await self._retry(partial(self.follows.pending, after, PAGE))
            if not page:
                return
            for item in page:
                known = self.library.by_digest(item.digest) is not None
                markup = open_button(item.digest, self._words(item.chat_id)) if known else None
                yield Job(Send.ALERT, item.follow_id, item.slot, item.chat_id, item.thread_id,
                          item.text, markup=markup)  # fmt: skip
            after = (page[-1].follow_id, page[-1].digest)

    async def _briefings(self, store: Store) -> AsyncIterator[Job]:
        after = 0
        for _ in range(10_000):  # pages; bounded
            page = await self._retry(partial(store.due, self.clock(), after, PAGE))
            if not page:
                return
            # The page's report choices in one read: one statement, not one a subscription
            # (on PostgreSQL a round trip each, which bounded a push's rate).
            chats = [subscription.chat_id for subscription in page]
            choices = await self._retry(partial(self.chats.reports, chats))
            for subscription in page:
                job = await self._briefing(subscription, choices.get(subscription.chat_id))
                if job is not None:
                    yield job
            after = page[-1].id

    async def _briefing(self, sub: Subscription, choice: str | None) -> Job | None:
        """The briefing `sub` is owed, of the report its chat chose (`choice`: a digest, or
        None for the newest)."""
        listing = self.library.for_choice(choice)
        report = await self.library.read(listing.digest) if listing is not None else None
        if report is None:
            return None
        position = sub.position if sub.report == report.digest else 0
        words = self._words(sub.chat_id)
        briefing = await self.library.load_briefing(report.digest)
        text, following = self._text(report, briefing, sub.schedule.frequency, position, words)
        after = max(sub.next_due, self.clock())
        due = next_due(sub.schedule, sub.timezone, after)
        weekly = sub.schedule.frequency is Frequency.WEEKLY
        card = await self._card_subject(report, briefing, words) if weekly else None
        return Job(
            Send.BRIEFING, sub.id, sub.slot, sub.chat_id, sub.thread_id, text,
            advance=Advance(due, report.digest, following),
            give_up=Advance(due, report.digest, position),
            card=card,
        )  # fmt: skip

    def _words(self, chat_id: int) -> Words:
        return spoken(self._languages.get(chat_id))

    def _text(
        self,
        report: Report,
        briefing: Briefing | None,
        frequency: Frequency,
        position: int,
        words: Words,
    ) -> tuple[str, int]:
        from bot.present import series

        if frequency is Frequency.WEEKLY:
            return series.weekly(report, briefing, words), position
        key = (report.digest, position, words.language)
        if key not in self._texts:
            self._texts[key] = series.chapter(report, position, briefing, words)
        return self._texts[key]

    # -- sending -----------------------------------------------------------------------------
    async def _drain(self, store: Store, jobs: AsyncIterator[Job], tally: Tally) -> None:
        queue: asyncio.Queue[Job | None] = asyncio.Queue(maxsize=self.workers * 2)

        async def feed() -> None:
            async for job in jobs:
                await queue.put(job)
            for _ in range(self.workers):
                await queue.put(None)

        async def work() -> None:
            while (job := await queue.get()) is not None:
                tally.add(await self._deliver(store, job))

        tasks = [asyncio.create_task(feed())]
        tasks += [asyncio.create_task(work()) for _ in range(self.workers)]
        try:
            # A task that fails ends the drain at once: nobody is left waiting on the queue.
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                task.result()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            # Still holding the push lock: a pusher that took it before the sends in flight
            # settled would requeue them as interrupted and send them again.
            await self._settle_in_flight(tally)

    async def _settle_in_flight(self, tally: Tally) -> None:
        if not self._in_flight:
            return
        settled, late = await asyncio.wait(set(self._in_flight), timeout=STOP_GRACE)
        for delivery in settled:  # their workers were cancelled before they could count them
            if not delivery.cancelled() and delivery.exception() is None:
                tally.add(delivery.result())
        for delivery in late:
            delivery.cancel()
        if late and self.sender.stopping.is_set():
            log.warning("stopped with %d push(es) unanswered; the next start resends them",
                        len(late))  # fmt: skip
        if late:  # else the watchdog ended the round, and its one line says so
            await asyncio.wait(late)

    async def _card(self, subject: CardSubject, words: Words) -> Photo | None:
        """The report's card for a weekly briefing; without a CJK font the text goes alone."""
        try:
            return await self.cards.photo(subject), card_caption(subject, words)
        except FontNotFoundError as error:
            log.warning("weekly briefing sent without its card: %s", error)
            return None

    def _ledger(self, store: Store, kind: Send) -> Store | Follows:
        """Where a send is recorded: the delivery log, or for a topic alert the follows'."""
        return self.follows if kind is Send.ALERT else store

    async def _deliver(self, store: Store, job: Job) -> Outcome:
        retry = self._retry
        ledger = self._ledger(store, job.kind)

        async def claim() -> bool:  # a news message claims every report it tells of
            slots = (job.slot, *job.also)
            return all(await asyncio.gather(*(ledger.claim(job.owner, slot, self.clock())
                                              for slot in slots)))  # fmt: skip

        journal = Journal(
            claim=lambda: retry(claim),
            retry=lambda error: retry(
                lambda: ledger.record_attempt(job.owner, job.slot, error, self.clock())
            ),
            moved=lambda new_id: retry(lambda: self.stores.migrate_chat(job.chat_id, new_id)),
        )
        words = self._words(job.chat_id)
        photo = await self._card(job.card, words) if job.card is not None else None
        if not await self.sender.wait_turn(job.chat_id):
            return Outcome.PENDING  # the bot is stopping; the next start sends it
        # From the claim on, a cancelled request could have arrived with nothing recorded, so
        # stopping the round waits for this part instead of cancelling it.
        delivery = asyncio.create_task(self._send_and_record(store, job, journal, photo))
        self._in_flight.add(delivery)
        delivery.add_done_callback(self._in_flight.discard)
        return await asyncio.shield(delivery)

    async def _send_and_record(
        self, store: Store, job: Job, journal: Journal, photo: Photo | None
    ) -> Outcome:
        """Claim and deliver a send, and record its outcome."""
        result = await self.sender.deliver(
            job.chat_id, job.thread_id, job.text, journal, photo, job.markup
        )
        if result.outcome is Outcome.SKIPPED:
            return result.outcome
        if result.file_id and job.card is not None:
            self.cards.remember(job.card, result.file_id)
        if result.outcome is Outcome.PENDING:
            advance = None  # owed still, from the same chapter
        else:
            advance = job.advance if result.outcome is Outcome.SENT else job.give_up
        if result.outcome is Outcome.SENT and job.kind is Send.NEWS:
            self._news_sent.setdefault(job.chat_id, []).append(self.clock())
        key = (job.kind, job.owner, job.slot)
        self._unsettled[key] = Settlement(result.outcome.value, result.error, advance, job.also)
        await self._settle(store, key)
        if result.outcome is Outcome.FAILED:
            log.warning("push to chat %s failed: %s", job.chat_id, result.error)
        return result.outcome

    async def _settle(self, store: Store, key: SendKey) -> None:
        """Record a kept outcome (which moves its subscription on with it)."""
        done = self._unsettled[key]
        kind, owner, slot = key
        ledger = self._ledger(store, kind)

        async def finish() -> None:
            now = self.clock()  # one time for one message's slots: the hourly cap counts it once
            await asyncio.gather(
                ledger.finish(owner, slot, done.state, done.error, now, done.advance),
                *(ledger.finish(owner, other, done.state, done.error, now)
                  for other in done.also),
            )  # fmt: skip

        await self._retry(finish)
        del self._unsettled[key]
