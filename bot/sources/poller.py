"""Polling a source: read its listing, fetch the reports it links to, keep each report once.

A listing (feed or index page) that has not changed since the last poll (304, or the same
bytes) costs one request and nothing more: new reports appear at the top of a listing, so an
unchanged first page means nothing new. When it has changed, every matching link is asked for
again conditionally, which is how a corrected republication is seen. A failed URL waits out
its backoff and is retried by a later poll even if its listing has not changed.

Every link is on its own: whatever fails for one (an HTTP error, a timeout, a document that
breaks its parser) is recorded on that URL and on its source, and the poll goes on to the next
link. A document read and judged no report (its text has none of a report's structure, there
is none, or it is of a kind the bot does not read) is not fetched again until its bytes change:
the same bytes get the same verdict, and an index links many such pages. Any other failure,
a document that breaks its parser included, backs off (`fetching.first_backoff_seconds`,
doubling, up to `max_backoff_seconds`), so that a file the site repairs is seen again.
Listings are read in a worker process and cut to `fetching.max_entries` links per poll and
`max_attachments` per page, with a log line when a cap cuts.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from briefings.documents import (
    NoTextLayerError,
    UnsupportedDocumentError,
    content_digest,
    document_kind,
    parse_report_text,
    report_text,
)
from briefings.errors import EmptyReportError, NotAReportError, ReportError, UnreadableReportError
from briefings.model import Report

from ..library.document_reader import read_document
from . import links as listing
from .http import FetchError, PoliteClient, Response
from .settings import ADD_SOURCE, SourceSpec
from .store import SourceStore
from .worker import ListingWorker

log = logging.getLogger(__name__)

# verdicts on a document that was read: retried only once its bytes change
_VERDICTS = (NotAReportError, EmptyReportError, NoTextLayerError, UnsupportedDocumentError)
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Fetched:
    """A report read from the web: `new`, `updated` (a corrected republication of a report
    already kept), or `known` (already kept under this or another URL; only `fetch_url`
    returns those)."""

    status: str
    source: str
    url: str  # the URL it was read from (its meta.source_url is where redirects ended)
    digest: str  # content digest: equal for the same text under any URL or format
    report: Report
    text: str  # the report file's content, provenance header first
    path: Path | None  # its file in reports_dir, when the poller writes files


@dataclass
class _Poll:
    source: str
    faults: list[Exception] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    # listing pages read, remembered only once their documents are kept: a crash mid-poll
    # must leave them looking changed, or their new links would never be followed
    listings: list[tuple[str, Response]] = field(default_factory=list)

    def fault(self, error: Exception, note: str = "") -> None:
        self.faults.append(error)
        log.warning("source %s: %s%s", self.source, one_line(error), note)


def one_line(error: Exception, limit: int = 300) -> str:
    """An error as the one line the log and /sources show (a parser's message may be long)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse_failure(url: str, error: Exception) -> ReportError:
    """A parser's unexpected exception as this URL's one-line failure."""
    return UnreadableReportError(url, f"not a usable document: {type(error).__name__}: {error}")


class SourcePoller:
    """Polls sources through `client`, remembers in `store`, writes reports into
    `reports_dir` (or only returns them when it is None)."""

    def __init__(
        self,
        client: PoliteClient,
        store: SourceStore,
        reports_dir: Path | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = client
        self.store = store
        self.reports_dir = reports_dir
        self.clock = clock
        self._keeping = asyncio.Lock()
        self.reader = ListingWorker(client.policy.listing_seconds)

    async def close(self) -> None:
        """Close the client, the store and the listing worker."""
        await self.reader.close()
        await self.client.close()
        await self.store.close()

    async def poll_source(self, spec: SourceSpec) -> list[Fetched]:
        """New and updated reports of one source; faults are logged, recorded and retried later."""
        poll = _Poll(spec.name)
        urls = await self._listing(spec, poll)
        retries = await self.store.due_retries(spec.name, self.clock())
        wanted = self._capped(list(dict.fromkeys([*urls, *retries])), poll, spec.url, "entries")
        found: list[Fetched] = []
        for url in wanted:
            found += await self._document(url, poll, follow=True)
        for url, response in poll.listings:
            await self._remember(url, poll, response, listing=True)
        last = one_line(poll.faults[-1]) if poll.faults else None
        read = spec.url not in poll.failed  # answered 200 or 304 and was usable
        await self.store.note_source(spec.name, self.clock(), read, last)
        return [item for item in found if item.status != "known"]

    async def fetch_url(self, url: str, source: str = ADD_SOURCE) -> list[Fetched]:
        """Fetch one URL now (an admin's /add): the reports it holds or links as attachments,
        kept like any other. Raises the fault (FetchError or ReportError, one line) when it
        yields no report."""
        poll = _Poll(source)
        found = await self._document(url, poll, follow=True, force=True)
        if not found and poll.faults:
            raise poll.faults[0]
        return found

    # -- listings ----------------------------------------------------------------------------
    async def _listing(self, spec: SourceSpec, poll: _Poll) -> list[str]:
        """The document URLs the listing offers now (none when it is unchanged)."""
        if spec.kind == "url":
            return [spec.url]
        if spec.kind == "feed":
            return await self._feed(spec, poll)
        return await self._index(spec, poll)

    async def _feed(self, spec: SourceSpec, poll: _Poll) -> list[str]:
        response = await self._get(spec.url, poll, listing=True)
        if response is None:
            return []
        offered = await self._read_listing(listing.read_feed, response, spec.pattern, self._cap)
        if offered.problem:
            await self._unusable(spec.url, poll, response, FetchError(spec.url, offered.problem))
            return []
        poll.listings.append((spec.url, response))
        self._cut(offered, poll, spec.url, "entries")
        return list(offered.urls)

    async def _index(self, spec: SourceSpec, poll: _Poll) -> list[str]:
        urls: list[str] = []
        page: str | None = spec.url
        visited: set[str] = set()
        while page and page not in visited and len(visited) < spec.max_pages:
            visited.add(page)
            response = await self._get(page, poll, listing=True)
            if response is None:  # unchanged (nothing new behind it either) or failed
                break
            offered = await self._read_listing(
                listing.read_index, response, spec.pattern, self._cap
            )
            if offered.problem:
                await self._unusable(page, poll, response, FetchError(page, offered.problem))
                break
            urls += offered.urls
            poll.listings.append((page, response))
            self._cut(offered, poll, page, "entries")
            page = offered.next_page
        return list(dict.fromkeys(urls))

    async def _read_listing(
        self, read: Callable[..., listing.Offered], response: Response, *how: object
    ) -> listing.Offered:
        """What the listing page offers (`read(body, url, type, *how)`), read in the worker."""
        return await self.reader.read(read, response.body, response.url, response.content_type,
                                      *how)  # fmt: skip

    def _cut(self, offered: listing.Offered, poll: _Poll, url: str, what: str) -> None:
        if offered.found > len(offered.urls):
            self._say_cut(poll, url, offered.found, len(offered.urls), what)

    @property
    def _cap(self) -> int:
        return self.client.policy.max_entries

    def _capped(self, urls: list[str], poll: _Poll, url: str, what: str) -> list[str]:
        if len(urls) > self._cap:
            self._say_cut(poll, url, len(urls), self._cap, what)
        return urls[: self._cap]

    @staticmethod
    def _say_cut(poll: _Poll, url: str, found: int, kept: int, what: str) -> None:
        log.warning("source %s: %s offers %d links; following the first %d (fetching.max_%s)",
                    poll.source, url, found, kept, what)  # fmt: skip

    # -- documents ---------------------------------------------------------------------------
    async def _document(
        self, url: str, poll: _Poll, follow: bool, force: bool = False
    ) -> list[Fetched]:
        """The report at `url` and, for a page (with `follow`), those attached to it."""
        response = await self._get(url, poll, force=force)
        if response is None:
            return []
        found: list[Fetched] = []
        problem: ReportError | None = None
        try:
            found.append(await self._keep(url, poll.source, response))
        except ReportError as error:
            problem = error
        attached = await self._attachments(url, response, poll) if follow else []
        if problem and not attached and isinstance(problem, _VERDICTS):
            await self._unusable(url, poll, response, problem)
        elif problem and not attached:
            await self._failed(url, poll, problem, listing=False)
        else:
            await self._remember(url, poll, response)
        for link in attached:
            found += await self._document(link, poll, follow=False, force=force)
        return found

    async def _attachments(self, url: str, response: Response, poll: _Poll) -> list[str]:
        try:  # the signature and type: a .docx or .pdf links nothing, and needs no worker
            if document_kind(response.body, response.content_type, response.url) != "html":
                return []
        except ReportError:
            return []
        cap = self.client.policy.max_attachments
        offered = await self._read_listing(listing.read_attachments, response, cap)
        self._cut(offered, poll, url, "attachments")
        return list(offered.urls)

    async def _read(self, url: str, response: Response) -> tuple[str, Report]:
        """The report file's text and its parse: the document is read in a child process
        (hostile bytes cost the bot nothing), its text parsed off the event loop."""
        lines = await read_document(response.body, response.url, response.content_type)
        return await asyncio.to_thread(self._parse, url, response.url, lines)

    def _parse(self, url: str, read_from: str, lines: list[str]) -> tuple[str, Report]:
        text = report_text(lines, read_from, datetime.fromtimestamp(self.clock(), UTC))
        return text, parse_report_text(text, url)

    async def _keep(self, url: str, source: str, response: Response) -> Fetched:
        """Parse the document; store and write it unless its digest is already known."""
        try:
            text, report = await self._read(url, response)
        except ReportError:
            raise
        except Exception as error:  # any parser's exception is this link's, never the poll's
            raise _parse_failure(url, error) from error
        digest = content_digest(report)
        async with self._keeping:  # two sources may reach one report at once: keep it once
            same = await self.store.report_by_digest(digest)
            if same:
                await self.store.add_alias(url, same.id)
                return Fetched("known", source, url, digest, report, text, same.path)
            earlier = await self.store.report_by_url(url)
            path = self._write(text, earlier.path if earlier else self._new_path(report, url))
            await self.store.save_report(url, source, digest, report.meta.title, path, self.clock())
        report = replace(report, source=path.name) if path else report
        return Fetched("updated" if earlier else "new", source, url, digest, report, text, path)

    def _new_path(self, report: Report, url: str) -> Path | None:
        if self.reports_dir is None:
            return None
        stem = _UNSAFE.sub("_", report.meta.title).strip("_")[:40] or "report"
        return self.reports_dir / f"{stem}-{hashlib.sha256(url.encode()).hexdigest()[:8]}.txt"

    @staticmethod
    def _write(text: str, path: Path | None) -> Path | None:
        """Write whole or not at all: a folder watcher must never see half a report."""
        if path is None:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
        return path

    # -- requests and their bookkeeping ------------------------------------------------------
    async def _get(
        self, url: str, poll: _Poll, listing: bool = False, force: bool = False
    ) -> Response | None:
        """The changed body at `url`, or None: unchanged, in backoff, or failed (logged)."""
        state = await self.store.url_state(url)
        now = self.clock()
        if state and state.failures and state.retry_at > now and not force:
            poll.failed.add(url)
            return None
        try:
            response = await self.client.get(url, None if force or not state else state.validators)
        except FetchError as error:
            await self._failed(url, poll, error, listing)
            return None
        if response.not_modified:
            await self.store.record_not_modified(url, now)
            return None
        if state and state.body_digest == response.digest and not force:
            await self._remember(url, poll, response, listing)
            return None
        return response

    async def _failed(
        self, url: str, poll: _Poll, error: FetchError | ReportError, listing: bool
    ) -> None:
        """Backed off: retried after `first_backoff_seconds`, doubling, capped. An admin's /add
        is tried once: they were told why, and no schedule fetches it again behind them."""
        if poll.source == ADD_SOURCE:
            poll.failed.add(url)
            poll.fault(error)
            return
        policy = self.client.policy
        backoff = (policy.first_backoff_seconds, policy.max_backoff_seconds)
        now = self.clock()
        wait = error.retry_after if isinstance(error, FetchError) else None
        asked = now + wait if wait else 0.0
        retry_at = await self.store.record_failure(
            url, poll.source, one_line(error), now, backoff, listing, asked
        )
        poll.failed.add(url)
        poll.fault(error, f" (retry in {retry_at - now:.0f} s)")

    async def _remember(
        self, url: str, poll: _Poll, response: Response, listing: bool = False
    ) -> None:
        await self.store.record_fetched(
            url, poll.source, response.validators, response.digest, self.clock(), listing=listing
        )

    async def _unusable(self, url: str, poll: _Poll, response: Response, error: Exception) -> None:
        """Read but holding no report: logged once, not retried until the bytes change."""
        poll.fault(error)
        poll.failed.add(url)
        await self.store.record_fetched(
            url, poll.source, response.validators, response.digest, self.clock(),
            error=one_line(error),
        )  # fmt: skip
