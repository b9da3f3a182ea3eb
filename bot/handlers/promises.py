"""/promises: did they do what they promised — the chat's report (or a named place's) paired with
the same place's report of the adjacent year, the earlier one's targets against the later one's
results; /promises all 2025 ranks places by the 2025 targets they met.

The pairing is worked out in a thread (briefings.promises), so a chat asking never holds up
others; /promises all reads the figures from the on-disk index, not a briefing a report.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.present.render_promises import plan_page, promises_page, ranking_page, sentences_page
from bot.present.words import Words
from briefings.briefing import Briefing
from briefings.choice import matching, place
from briefings.model import Listed, Metric

from ..library.pairs import pair_promises
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import send_html
from ..state import BotContext
from ..telegram.callbacks import DIGEST_PREFIX, decode, encode
from ..telegram.updates import chat_of, query_of
from .common import ENRICHMENT_WAIT, answer_stale, arguments, await_briefing

if TYPE_CHECKING:
    from briefings.promises import Pair, Promises

# briefings.promises is imported where a pairing is worked out, not with the bot: with the
# figures' rules it loads it costs a start ~50 ms that no first reply needs.

BUTTONS_PER_ROW = 4
_ALL = "all"
# /promises all YEAR's rankings by year and the index's reports: a ranking changes only when the
# index does, so asking again costs one query of the index, not a pass over every pair.
_RANKINGS: OrderedDict[tuple[int, frozenset[str]], list[Promises]] = OrderedDict()
_KEPT_RANKINGS = 8


async def worked_out(context: BotContext, target: Listed, result: Listed) -> Promises | None:
    """The pair's promises (bot/library/pairs.py); None while a briefing is not in yet."""
    library = context.library

    async def briefed(listing: Listed) -> Briefing | None:
        # A briefed report's briefing is read from the cache in a thread (JSON to objects:
        # milliseconds the other chats need not wait); one not briefed yet is waited for.
        briefing = await asyncio.to_thread(library.briefing, listing.digest)
        if briefing is None:
            report = await library.read(listing.digest)
            briefing = await await_briefing(context, report) if report is not None else None
        return briefing

    return await pair_promises(target, result, briefed)


def _missing(pair: Pair, words: Words) -> str:
    if pair.missing_year is None or pair.result is None:
        return words("promises.no_place")
    have = pair.result.meta.year or 0
    return words(
        "promises.missing",
        place=escape(pair.place),
        have=words("across.year", year=have),
        missing=words("across.year", year=pair.missing_year),
        later=words("across.year", year=have + 1),
    )


def _keyboard(
    found: Promises, target: Listed, result: Listed, words: Words
) -> InlineKeyboardMarkup:
    def button(text: str, arg: str) -> InlineKeyboardButton:
        data = encode("prm", target.digest, f"{result.digest[:DIGEST_PREFIX]}-{arg}")
        return InlineKeyboardButton(text, callback_data=data)

    items = [button(words("promises.button_item", n=n), str(n))
             for n in range(1, len(found.items) + 1)]  # fmt: skip
    rows = [items[i : i + BUTTONS_PER_ROW] for i in range(0, len(items), BUTTONS_PER_ROW)]
    if found.plan:
        rows.append([button(words("promises.button_plan"), "p")])
    return InlineKeyboardMarkup(rows)


async def promises_command(update: Update, context: BotContext) -> None:
    words = await words_of(update, context)
    asked = arguments(context).strip()
    if asked.split()[:1] == [_ALL]:
        await _ranking(update, context, asked.split()[1:], words)
        return
    library = context.library
    reports = library.reports
    if asked:
        # Every report's place and names read: a pass over a thousand listings, in a thread.
        named = await asyncio.to_thread(matching, reports, asked)
        if not named:
            await send_html(update, context, words("promises.not_found", query=escape(asked)))
            return
        chosen: Listed | None = named[0]
    else:
        chosen = await context.state.report_of(chat_of(update).id)
    if chosen is None:
        await send_html(update, context, words("common.no_report"))
        return
    from briefings.promises import pair_for

    pair = await asyncio.to_thread(pair_for, reports, chosen)
    if pair.target is None or pair.result is None:
        await send_html(update, context, _missing(pair, words))
        return
    found = await worked_out(context, pair.target, pair.result)
    if found is None:
        await send_html(update, context, words("promises.pending"))
    elif not found.items:
        where = escape(place(pair.target))
        text = words("promises.no_targets", place=where, year=pair.target.meta.year or "")
        await send_html(update, context, text)
    else:
        text = promises_page(found, pair.target, pair.result, words)
        keyboard = _keyboard(found, pair.target, pair.result, words)
        await send_html(update, context, text, keyboard)


def _ranked(
    reports: Sequence[Listed], figures: dict[str, list[Metric]], year: int
) -> list[Promises]:
    """Every place's promises for `year`, most targets met first (run in a thread)."""
    from briefings.promises import Promises, compare_figures, pairs_of_year

    ranked = []
    for target, result in pairs_of_year(reports, year):
        items = compare_figures(
            figures.get(target.digest, []), figures.get(result.digest, []), year
        )
        if items:
            ranked.append(Promises(place(target), year, tuple(items)))
    ranked.sort(key=lambda found: (-found.count("met"), found.count("missed")))
    return ranked


async def _ranking(update: Update, context: BotContext, rest: list[str], words: Words) -> None:
    if len(rest) != 1 or not rest[0].removesuffix("年").isdigit():
        await send_html(update, context, words("promises.all_hint"))
        return
    year = int(rest[0].removesuffix("年"))
    shelf = context.state.search
    await shelf.ready(ENRICHMENT_WAIT)
    key = (year, await shelf.indexed())
    ranked = _RANKINGS.get(key)
    if ranked is None:
        indexed = key[1]
        figures = await shelf.indicator_figures([year, year + 1], ENRICHMENT_WAIT)
        reports = [r for r in context.library.reports if r.digest in indexed]
        ranked = await asyncio.to_thread(_ranked, reports, figures, year)
        _RANKINGS[key] = ranked
        while len(_RANKINGS) > _KEPT_RANKINGS:
            _RANKINGS.popitem(last=False)
    if not ranked:
        await send_html(update, context, words("promises.all_none", year=year, later=year + 1))
        return
    await send_html(update, context, ranking_page(year, ranked, words))


async def on_promise_button(update: Update, context: BotContext) -> None:
    button = decode(query_of(update).data)
    library = context.library
    result_digest, _, arg = button.arg.partition("-") if button else ("", "", "")
    target = library.by_digest(button.digest) if button else None
    result = library.by_digest(result_digest)
    found = await worked_out(context, target, result) if target and result else None
    number = int(arg) if arg.isdigit() else 0
    known = found is not None and (arg in ("p", "s") or 0 < number <= len(found.items))
    if found is None or not known or target is None or result is None:
        await answer_stale(update, context)
        return
    await query_of(update).answer()
    words = await words_of(update, context)
    if arg == "p":
        await send_html(update, context, plan_page(found, result, words))
        return
    if arg == "s":  # the new-report announcement's button: the pair's whole page
        page = promises_page(found, target, result, words)
        await send_html(update, context, page, _keyboard(found, target, result, words))
        return
    item = found.items[number - 1]
    await send_html(update, context, sentences_page(number, item, target, result, words))


def handlers() -> list[BaseHandler]:
    # A tap waits on two briefings and a thread: other chats' updates need not wait too.
    return [tap_handler("prm", on_promise_button, slow=True)]
