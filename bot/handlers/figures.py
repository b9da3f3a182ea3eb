"""/metrics: the key figures, the figures mentioning a word, or every figure page by page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.pages.links import page_path
from bot.present.render import key_figures, metrics_list
from bot.present.words import Words
from briefings.briefing import Briefing
from briefings.model import Metric, Report

from ..replies.keyboards import pager
from ..replies.language import words_of
from ..replies.progress import tap_handler
from ..replies.send import edit_html, send_html
from ..state import BotContext
from ..telegram.paging import page_of
from ..telegram.updates import query_of
from .common import arguments, await_briefing, briefing_of, current_report, tapped
from .pages import with_web

PAGE_SIZE = 15


def _not_found(briefing: Briefing | None, words: Words, key: str, **values: str) -> str:
    """`key` says what was not found; figures not yet computed are told apart."""
    if briefing is None:
        return words("figures.still_working")
    return words(key, **values)


def _metrics(briefing: Briefing | None) -> Sequence[Metric]:
    return briefing.metrics if briefing is not None else ()


def _page(
    report: Report, metrics: Sequence[Metric], number: int, words: Words
) -> tuple[str, InlineKeyboardMarkup | None]:
    page = page_of(metrics, number, PAGE_SIZE)
    title = words("figures.all_page", page=page.number + 1, pages=page.count)
    return metrics_list(title, page.items, words), pager(report, page.number, page.count)


def matching(metrics: Sequence[Metric], word: str) -> list[Metric]:
    """The figures measuring the indicator `word` names (GDP, 经济增长) first, then those
    whose label or sentence says the word."""
    from briefings.figures.indicators import named  # the figures' rules: loaded when first asked

    ids = {item.id for item in named(word)}
    measured = [m for m in metrics if m.indicator in ids]
    said = [m for m in metrics if m not in measured and (word in m.label or word in m.sentence)]
    return measured + said


async def send_key_figures(update: Update, context: BotContext, report: Report) -> None:
    await _send_key(update, context, await await_briefing(context, report, update))


async def _send_key(update: Update, context: BotContext, briefing: Briefing | None) -> None:
    words = await words_of(update, context)
    html = key_figures(_metrics(briefing), words) or _not_found(briefing, words, "figures.no_key")
    path = page_path("report", words, briefing.digest) + "#figures" if briefing else ""
    await send_html(
        update, context, html, with_web(None, update, context, path, words) if path else None
    )


async def send_all(
    update: Update, context: BotContext, report: Report, briefing: Briefing | None
) -> None:
    words = await words_of(update, context)
    if not _metrics(briefing):
        await send_html(update, context, _not_found(briefing, words, "figures.no_any"))
        return
    await send_html(update, context, *_page(report, _metrics(briefing), 0, words))


async def send_matching(
    update: Update, context: BotContext, briefing: Briefing | None, word: str
) -> None:
    words = await words_of(update, context)
    found = matching(_metrics(briefing), word)
    if found:
        html = metrics_list(words("figures.with_word", word=word), found, words)
        await send_html(update, context, html, more=words("figures.all_paged"))
    else:
        missing = _not_found(briefing, words, "figures.no_word", word=escape(word))
        await send_html(update, context, missing)


async def metrics(update: Update, context: BotContext) -> None:
    report = await current_report(update, context)
    if report is None:
        return
    briefing = await await_briefing(context, report, update)
    word = arguments(context).strip()
    if not word:
        await _send_key(update, context, briefing)  # waited for above: once is enough
    elif word.lower() == "all":
        await send_all(update, context, report, briefing)
    else:
        await send_matching(update, context, briefing, word)


async def on_page(update: Update, context: BotContext) -> None:
    tap = await tapped(update, context)
    if tap is None:
        return
    figures = _metrics(await briefing_of(context, tap.report))
    if not figures:
        await query_of(update).answer(tap.words("figures.stale_pager"))
        return
    await query_of(update).answer()
    await edit_html(update, context, *_page(tap.report, figures, tap.button.page, tap.words))


def handlers() -> list[BaseHandler]:
    return [tap_handler("met", on_page)]
