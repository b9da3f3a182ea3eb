"""The admins' source commands (gated in bot.commands): `/add URL` fetches one report now and
answers with its title and briefing; `/sources` lists the sources followed and how they fare."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from telegram import Message, Update

from bot.present.short import short_summary
from bot.present.words import Words
from briefings.briefing import Briefing
from briefings.catalogue import Listing
from briefings.errors import NotAReportError, ReportError, UnusableDocumentError

from ..replies.language import words_of
from ..replies.send import replace_html, send_html
from ..sources.http import FetchError
from ..sources.settings import ADD_SOURCE, check_url
from ..sources.store import SourceStatus
from ..state import BotContext
from ..telegram.updates import chat_of
from .common import arguments

if TYPE_CHECKING:
    from ..sources.poller import Fetched

BRIEFING_WAIT = 60.0  # seconds /add waits for the new report's briefing (a worker: seconds)


async def add(update: Update, context: BotContext) -> None:
    url = arguments(context).strip()
    words = await words_of(update, context)
    if not url:
        await send_html(update, context, escape(words("sources.add_usage")))
        return
    if check_url(url):
        await send_html(update, context, escape(bad_url(url, words)))
        return
    # A fetch takes seconds (a briefing more): say so at once, then edit that line as it goes.
    progress = await send_html(update, context, words("sources.add_fetching", url=escape(url)))
    try:
        found = await context.state.ingest.add(url)
    except (FetchError, ReportError) as error:  # both one line, naming the URL
        failed = escape(words("sources.add_failed", error=why(error, words)))
        await replace_html(update, context, progress, failed)
        return
    for item in found:
        await _answer_added(update, context, progress, item, words)
        progress = None  # every further report of the page gets a message of its own


async def _answer_added(
    update: Update, context: BotContext, progress: Message | None, item: Fetched, words: Words
) -> None:
    """The report's line and briefing, in `progress` (edited) or a new message."""
    line = _added_line(item, words)
    listing = context.state.ingest.loaded(item)
    if listing is None:  # skipped by the library (too large): its line says why in the log
        await replace_html(update, context, progress, line)
        return
    briefing = await context.library.load_briefing(listing.digest)
    if briefing is None:
        briefing_line = f"{line}\n{words('sources.add_briefing')}"
        if progress is None:
            progress = await send_html(update, context, briefing_line)
        else:
            await replace_html(update, context, progress, briefing_line)
        briefing = await context.state.briefer.wait(listing, BRIEFING_WAIT)
    answer = await _briefing(context, listing, line, briefing, words)
    await replace_html(update, context, progress, answer)


def bad_url(url: str, words: Words) -> str:
    """Why /add cannot fetch `url`, and what to send instead: a file on the server is added
    from the terminal; an address without its scheme gets https:// put in front."""
    parts = urlsplit(url)
    if not parts.scheme:
        host = url.split("/", 1)[0]
        if "." in host and not host.startswith(".") and " " not in url:
            return words("sources.add_no_scheme", url=f"https://{url}")
        return words("sources.add_path", path=url)
    if parts.scheme not in {"http", "https"}:
        return words("sources.add_scheme", scheme=parts.scheme)
    return words("sources.add_no_host", url=url)


def why(error: FetchError | ReportError, words: Words) -> str:
    """The error's one line in the chat's language where the catalogue names its fault (the
    URL, then why); any other fault as the fetcher or reader said it."""
    if isinstance(error, UnusableDocumentError):
        return unusable(error, words)
    if isinstance(error, NotAReportError):
        reason = words(f"sources.not_report_{error.fault}", **error.values)
        return words("documents.unusable_as", source=error.source, reason=reason)
    if isinstance(error, FetchError) and error.fault is not None:
        reason = words(f"sources.fetch_{error.fault}", **error.values)
        return words("documents.unusable_as", source=error.url, reason=reason)
    return str(error)


def unusable(error: UnusableDocumentError, words: Words) -> str:
    """The document's fault in the chat's language: `<url>: not a usable document: <reason>`."""
    reason = words(f"documents.{error.fault}", **error.values)
    return words("documents.unusable", source=error.source, reason=reason)


def _added_line(item: Fetched, words: Words) -> str:
    heading = {"new": "sources.add_new", "updated": "sources.add_updated"}
    title = escape(item.report.meta.title or item.url)
    return words(heading.get(item.status, "sources.add_known"), title=title)


async def _briefing(
    context: BotContext, listing: Listing, line: str, briefing: Briefing | None, words: Words
) -> str:
    report = briefing.report if briefing else await context.library.read(listing.digest)
    if report is None:  # changed again since it was listed: the next look lists it anew
        return line
    late = "" if briefing else "\n" + words("sources.add_briefing_late")
    return f"{line}\n\n{short_summary(report, briefing, words)}{late}"


def _when(moment: datetime | None, zone: str, otherwise: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}" if moment else otherwise


def _status(name: str, kind: str, status: SourceStatus | None, zone: str, words: Words) -> str:
    named = words("sources.kind_add" if kind == ADD_SOURCE else f"sources.kind_{kind}")
    if status is None:
        return words("sources.not_yet_line", name=escape(name), kind=named)
    error = escape(status.last_error or words("sources.no_error"))
    if status.last_error:
        error = words("sources.error_at", error=error, when=_when(status.last_error_at, zone, ""))
    success = _when(status.last_success, zone, words("sources.never"))
    return words(
        "sources.status", name=escape(name), kind=named, success=success, error=error,
        reports=status.reports,
    )  # fmt: skip


async def sources(update: Update, context: BotContext) -> None:
    config = context.state.config
    statuses = {s.name: s for s in await context.state.stores.sources.statuses()}
    listed = [(spec.name, spec.kind) for spec in config.sources]
    if ADD_SOURCE in statuses:
        listed.append((ADD_SOURCE, ADD_SOURCE))
    words = await words_of(update, context)
    if not listed:
        await send_html(update, context, escape(words("sources.none")))
        return
    # The chat's own time zone (/timezone), named: a time without its zone misleads.
    zone = await context.state.chats.zone(chat_of(update).id, config.timezone)
    lines = [words("sources.head", count=len(listed), zone=escape(zone))]
    lines += [_status(name, kind, statuses.get(name), zone, words) for name, kind in listed]
    await send_html(update, context, "\n".join(lines))
