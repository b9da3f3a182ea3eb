"""/reports and /use: which report a chat reads (the newest unless it chose another).

/reports lists the reports a page at a time, grouped by place, newest first, with a button per
report; the buttons carry the report's digest, so a tap chooses the same report after a reload
added others. /use takes the number /reports shows, or words naming the report: a place, a
year, a title's words (/use 南昌 2020); several matches are offered as buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.present.render import report_choices, report_title, shared_titles
from bot.present.words import Words
from briefings.catalogue import Listing
from briefings.choice import listing, matching

from ..replies.keyboards import report_keyboard
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import edit_html, send_html
from ..state import BotContext
from ..telegram.callbacks import decode
from ..telegram.paging import page_of
from ..telegram.updates import chat_of, query_of
from .common import answer_stale, arguments, send_no_report
from .permissions import may_change_settings

REPORTS_PAGE = 10  # reports (and their buttons) on one page of /reports
CHOICES_SHOWN = 10  # buttons offered when several reports match /use words


def _numbered(ordered: Sequence[Listing], chosen: Sequence[Listing]) -> list[tuple[int, Listing]]:
    """`chosen` with the numbers /reports gives them."""
    number = {report.digest: n for n, report in enumerate(ordered, start=1)}
    return [(number[report.digest], report) for report in chosen]


async def _reports_page(
    context: BotContext, chat_id: int, number: int | None, words: Words
) -> tuple[str, InlineKeyboardMarkup]:
    """Page `number` of /reports; None: the page listing the chat's current report."""
    reports = context.library.reports
    ordered = listing(reports)
    current = await context.state.report_of(chat_id)
    if number is None:
        number = ordered.index(current) // REPORTS_PAGE if current in ordered else 0
    page = page_of(ordered, number, REPORTS_PAGE)
    numbered = _numbered(ordered, page.items)
    pages = page.count > 1
    where = words("reports.page_where", page=page.number + 1, pages=page.count) if pages else ""
    chosen = current.digest if current else None
    listed = report_choices(numbered, chosen, shared_titles(reports), words)
    heading = words("reports.heading", count=len(ordered), where=where)
    done, total = context.state.briefer.progress()
    progress = f"\n{words('reports.briefing', done=done, total=total)}" if done < total else ""
    text = f"{heading}{progress}\n{listed}\n\n{words('reports.hint')}"
    context.state.lists.shown(chat_id, ((n, report.digest) for n, report in numbered))
    return text, report_keyboard(numbered, page.number, page.count)


async def reports(update: Update, context: BotContext) -> None:
    if not context.library.reports:
        await send_no_report(update, context)
        return
    words = await words_of(update, context)
    await send_html(update, context, *await _reports_page(context, chat_of(update).id, None, words))


async def on_reports_page(update: Update, context: BotContext) -> None:
    query = query_of(update)
    button = decode(query.data)
    if button is None or not context.library.reports:
        await answer_stale(update, context)
        return
    await query.answer()
    words = await words_of(update, context)
    page = await _reports_page(context, chat_of(update).id, button.page, words)
    await edit_html(update, context, *page)


async def switch(update: Update, context: BotContext, report: Listing) -> None:
    chat_id = chat_of(update).id
    # A database that refuses it (a full disk) leaves the choice as it was.
    await context.state.chats.choose_report(chat_id, report.digest)
    words = await words_of(update, context)
    await send_html(update, context, words("reports.switched", title=report_title(report)))


def _by_number(ordered: Sequence[Listing], words: str) -> Listing | None:
    number = int(words)
    return ordered[number - 1] if 1 <= number <= len(ordered) else None


async def use(update: Update, context: BotContext) -> None:
    library = context.library
    if not library.reports:
        await send_no_report(update, context)
        return
    if not await may_change_settings(update, context):
        return
    asked = arguments(context).strip()
    ordered = listing(library.reports)
    number = asked.isascii() and asked.isdigit()
    # A year (/use 2024) before a number that could be one; a number is never a title's word.
    found = matching(ordered, asked) if not number or len(asked) == 4 else []
    if not found and number and (chosen := _by_number(ordered, asked)) is not None:
        found = [chosen]
    if len(found) == 1:
        await switch(update, context, found[0])
        return
    words = await words_of(update, context)
    if found:
        await _offer(update, context, asked, _numbered(ordered, found), words)
    elif not asked:
        await send_html(update, context, words("reports.use_hint"))
    elif number:
        await send_html(update, context, words("reports.use_usage", count=len(ordered)))
    else:
        await send_html(update, context, words("reports.use_none", words=escape(asked)))


async def _offer(
    update: Update,
    context: BotContext,
    asked: str,
    numbered: list[tuple[int, Listing]],
    words: Words,
) -> None:
    """The reports `asked` names, as buttons (the first CHOICES_SHOWN)."""
    lines = [words("reports.use_several", count=len(numbered), words=escape(asked))]
    lines += [f"{n}. {report_title(report)}" for n, report in numbered[:CHOICES_SHOWN]]
    if len(numbered) > CHOICES_SHOWN:
        lines.append(words("reports.use_more", shown=CHOICES_SHOWN))
    offered = numbered[:CHOICES_SHOWN]
    context.state.lists.shown(chat_of(update).id, ((n, r.digest) for n, r in offered))
    await send_html(update, context, "\n".join(lines), report_keyboard(offered))


async def on_use(update: Update, context: BotContext) -> None:
    query = query_of(update)
    button = decode(query.data)
    report = context.library.by_digest(button.digest) if button else None
    if report is None:
        await answer_stale(update, context)
        return
    await query.answer()
    if await may_change_settings(update, context):
        await switch(update, context, report)


async def forget_lists(update: Update, context: BotContext) -> None:
    """Anything the chat sends but a bare number (another message, a tap) forgets its last
    numbered list."""
    if update.effective_chat is not None:
        text = update.message.text if update.message is not None else None
        context.state.lists.forget_unless_number(update.effective_chat.id, text)


async def picked(update: Update, context: BotContext, text: str) -> bool:
    """A bare number typed right after a numbered list of reports chooses that report, as its
    button does; False when `text` is no such number."""
    digest = context.state.lists.pick(chat_of(update).id, text)
    report = context.library.by_digest(digest) if digest else None
    if report is None:
        return False
    if await may_change_settings(update, context):
        await switch(update, context, report)
    return True


def handlers() -> list[BaseHandler]:
    return [
        tap_handler("rep", on_reports_page),
        tap_handler("use", on_use),
    ]
