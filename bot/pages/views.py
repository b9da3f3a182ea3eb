"""The page routes: what each page reads from the library and the indexes, rendered by Jinja2.

Jinja2 (autoescaping) rather than strings built by hand: every report value is escaped on its
way into HTML without a call at each place, and the page shapes stay readable as HTML.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web
from markupsafe import Markup

from bot.library.cards import CardSubject
from bot.library.pairs import pair_promises
from bot.library.search_index import SearchShelf
from bot.present.render import figure_text, highlight, lead_sentences, part_name, plan_title
from bot.present.render_promises import rules_line
from bot.present.words import DEFAULT_LANGUAGE, LANGUAGES, Words, catalogue
from bot.state import BotState, state_of
from bot.telegram.paging import Page, page_of
from briefings.briefing import Briefing
from briefings.catalogue import Listing
from briefings.choice import listing as by_place
from briefings.choice import place
from briefings.compare import KIND_ORDER, KIND_WORDS, Row, ask
from briefings.figures.indicators import indicators
from briefings.figures.patterns import MULTIPLIERS, alternation
from briefings.model import Listed, Metric, Report, Section
from briefings.promises import (
    Pair,
    Promise,
    Promises,
    Verdict,
    compare_figures,
    pair_for,
    pairs_of_year,
)

from . import charts
from .initdata import InitDataError, WebAppUser, validate
from .routes import APPLICATION

SEARCH_LIMIT = 200  # sentences on a search page, at most PER_REPORT of each report
PER_REPORT = 10
INDEX_PER_PLACE = 8  # reports named under each place on the home page; its page has all
CHARTS = 12  # indicator charts on a place page
# Reports on one compare page (briefings.compare.ROWS_PER_REPORT rows each at most): its
# tables are sorted and its charts drawn from theirs.
REPORTS_PER_PAGE = 50
CHART_GROUPS = 4  # bar charts on a compare page (one per kind and unit, the largest first)
INDEX_WAIT = 5.0  # seconds a page waits for the search index to take in new reports
VERDICTS: tuple[Verdict, ...] = ("met", "missed", "unclear", "not_reported")  # a score's columns
_SINGLE_YEAR = re.compile(r"(?:19|20)\d{2}")
_PROVINCES = ("省", "自治区", "北京市", "天津市", "上海市", "重庆市")
_ADMIN = re.compile(r"省|自治区|市|州|盟|地区|区|县|旗")
_MULTIPLIER = alternation(MULTIPLIERS)  # 万亿 before 万

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("bot.pages", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def words_for(request: web.Request) -> Words:
    lang = request.query.get("lang", DEFAULT_LANGUAGE)
    return catalogue(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def _link(path: str, words: Words, **query: object) -> str:
    """A page's address with its query, the page language kept."""
    wanted = {k: str(v) for k, v in query.items() if v not in (None, "")}
    if words.language != DEFAULT_LANGUAGE:
        wanted["lang"] = words.language
    return path + ("?" + urlencode(wanted) if wanted else "")


def report_link(digest: str, words: Words, anchor: str = "") -> str:
    return _link(f"/web/r/{digest}", words) + (f"#{anchor}" if anchor else "")


def place_link(name: str, words: Words) -> str:
    return _link(f"/web/place/{quote(name, safe='')}", words)


def _page(request: web.Request, template: str, status: int = 200, **values: object) -> web.Response:
    words = words_for(request)
    other = "en" if words.language == "zh" else "zh"
    query = {**request.query, "lang": other}
    html = _ENV.get_template(template).render(
        words=words,
        link=lambda path, **q: _link(path, words, **q),
        report_link=lambda digest, anchor="": report_link(digest, words, anchor),
        place_link=lambda name: place_link(name, words),
        other_language=f"{request.path}?{urlencode(query)}",
        **values,
    )
    response = web.Response(text=html, content_type="text/html", charset="utf-8", status=status)
    response.headers["Cache-Control"] = "no-cache"
    # Nothing on a page comes from elsewhere: the browser is told so, and refuses it.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
    )
    response.enable_compression()
    return response


def _not_found(request: web.Request) -> web.Response:
    return _page(request, "message.html", status=404, message=words_for(request)("web.not_found"))


# ---- the home page


async def home(request: web.Request) -> web.Response:
    library = state_of(request.app[APPLICATION]).library
    places: dict[str, list[Listing]] = {}
    for listing in by_place(library.reports):
        places.setdefault(place(listing), []).append(listing)
    shown = [(name, found[:INDEX_PER_PLACE], len(found)) for name, found in places.items()]
    return _page(request, "home.html", places=shown)


# ---- the report page


@dataclass(frozen=True)
class TocEntry:
    section: Section
    depth: int
    summary: str


@dataclass(frozen=True)
class FigureRow:
    metric: Metric
    value: str
    indicator: str
    kind: str
    where: str  # the section as shown: 3.1, or the opening by name


def _walk(sections: Sequence[Section], depth: int = 0) -> Iterator[tuple[int, Section]]:
    for section in sections:
        yield depth, section
        yield from _walk(section.children, depth + 1)


def _indicator_name(indicator: str | None, words: Words) -> str:
    found = indicators().get(indicator) if indicator else None
    if found is None:
        return ""
    return found.en if words.language == "en" else found.zh


def kind_name(kind: str, words: Words) -> str:
    """A figure's kind in the page's words (a kind the catalogue does not name: as it is)."""
    key = f"web.kind_{kind}"
    return words(key) if key in words.messages else kind


def figure_rows(metrics: Sequence[Metric], words: Words) -> list[FigureRow]:
    return [
        FigureRow(
            metric,
            figure_text(metric),
            _indicator_name(metric.indicator, words),
            kind_name(metric.kind, words),
            part_name(metric.section, words, numbered=False),
        )
        for metric in metrics
    ]


def _toc(report: Report, briefing: Briefing | None) -> list[TocEntry]:
    """The outline's first two levels, each with its summary (lead sentences until briefed)."""
    entries = []
    for depth, section in _walk(report.sections):
        if depth > 1:
            continue
        brief = briefing.sections.get(section.id) if briefing is not None else None
        summary = (brief.summary if brief else "") or lead_sentences(section.full_text())
        entries.append(TocEntry(section, depth, summary))
    return entries


@dataclass(frozen=True)
class PromiseRow:
    """One target of the panel: its indicator, both figures as printed (bound shown) and the
    sentences they are quoted from, the later report's words when it gives no figure."""

    name: str
    verdict: str
    target: str
    target_sentence: str
    result: str
    result_sentence: str


@dataclass(frozen=True)
class PromisePanel:
    """The report's pair (last year's targets against this year's results), or which report
    the pair lacks."""

    target: Listed | None = None
    result: Listed | None = None
    counts: dict[Verdict, int] | None = None
    rows: tuple[PromiseRow, ...] = ()
    missing: str = ""


def promise_rows(found: Promises, words: Words) -> list[PromiseRow]:
    def shown(item: Promise) -> tuple[str, str]:
        if item.result is not None:
            got = item.result.metric
            return figure_text(got), got.sentence
        said = item.statement.sentence if item.statement is not None else ""
        return words("promises.no_figure"), said

    rows = []
    for item in found.items:
        aim = item.target.metric
        result, sentence = shown(item)
        rows.append(
            PromiseRow(
                _indicator_name(item.indicator, words) or item.indicator,
                item.verdict,
                figure_text(aim),
                aim.sentence,
                result,
                sentence,
            )
        )
    return rows


async def promise_panel(state: BotState, listing: Listing, words: Words) -> PromisePanel | None:
    """The promises of the report's pair with the same place's report of the adjacent year (as
    /promises pairs them); None while either report is not briefed yet."""
    library = state.library
    pair: Pair = await asyncio.to_thread(pair_for, library.reports, listing)
    if pair.target is None or pair.result is None:
        if pair.missing_year is None:
            return None
        return PromisePanel(missing=words("web.promises_missing", place=pair.place,
                                          year=pair.missing_year))  # fmt: skip
    found = await pair_promises(
        pair.target, pair.result, lambda listed: library.load_briefing(listed.digest)
    )
    if found is None:
        return None
    if not found.items:
        return None
    counts = {verdict: found.count(verdict) for verdict in VERDICTS}
    return PromisePanel(pair.target, pair.result, counts, tuple(promise_rows(found, words)))


async def report_page(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    library = state.library
    listing = library.by_digest(request.match_info["digest"])
    report = await library.read(listing.digest) if listing is not None else None
    if listing is None or report is None:
        return _not_found(request)
    words = words_for(request)
    briefing = await asyncio.to_thread(library.briefing, listing.digest)
    overview = (briefing.summary if briefing else "") or lead_sentences(
        report.preamble or report.body_text()
    )
    return _page(
        request,
        "report.html",
        report=report,
        briefed=briefing is not None,
        overview=overview,
        toc=_toc(report, briefing),
        figures=figure_rows(briefing.metrics if briefing else (), words),
        plan_title=plan_title(report.plan, words),
        sections=list(_walk(report.sections)),
        title=report.display_title,
        place_name=place(report),
        card=_card_drawable(state.cards.font_path),
        promises=await promise_panel(state, listing, words),
        verdicts=VERDICTS,
        promise_rules=rules_line(words),
    )


def _card_drawable(font_path: str | None) -> bool:
    """Whether a card can be drawn: a machine without a CJK font shows no card image (an
    image that fails to load is an error in the reader's console)."""
    from bot.present.card import FontNotFoundError, find_font  # Pillow: only for a card

    try:
        find_font(font_path)
    except FontNotFoundError:
        return False
    return True


async def card_image(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    listing = state.library.by_digest(request.match_info["digest"])
    report = await state.library.read(listing.digest) if listing is not None else None
    if listing is None or report is None or not _card_drawable(state.cards.font_path):
        raise web.HTTPNotFound()
    briefing = await asyncio.to_thread(state.library.briefing, listing.digest)
    photo = await state.cards.photo(CardSubject.of(report, briefing))
    if isinstance(photo, str):  # Telegram's file id: the bytes are still kept
        photo = state.cards.pngs[CardSubject.of(report, briefing).key]
    return web.Response(body=photo, content_type="image/png")


# ---- the place page


@dataclass(frozen=True)
class Series:
    indicator: str
    unit: str
    name: str
    results: list[tuple[int, float]]
    targets: list[tuple[int, float]]
    chart: Markup
    # (kind, year) -> the value as the report printed it (1665.2亿元, not 166520000000.0)
    printed: dict[tuple[str, int], str]

    @property
    def years(self) -> list[int]:
        return sorted({year for year, _ in [*self.results, *self.targets]})


def _year_of(metric: Metric) -> int | None:
    period = metric.period or ""
    return int(period) if _SINGLE_YEAR.fullmatch(period) else None


def place_series(sheets: Sequence[tuple[int, Sequence[Metric]]], words: Words) -> list[Series]:
    """Each indicator's results and targets by year over the reports `sheets` (report year,
    figures). A year said by several reports takes the nearest report's figure: the result of
    2019 from the 2020 report, the target for 2020 from the 2020 report; a unit of its own is
    a series of its own, so units are never mixed."""
    best: dict[tuple[str, str, str, int], tuple[int, float, str]] = {}
    for report_year, metrics in sheets:
        for metric in metrics:
            year = _year_of(metric)
            if metric.indicator is None or year is None or metric.kind not in ("result", "target"):
                continue
            distance = abs(report_year - (year + 1 if metric.kind == "result" else year))
            slot = (metric.indicator, metric.unit, metric.kind, year)
            if slot not in best or distance < best[slot][0]:
                best[slot] = (
                    distance,
                    metric.value,
                    figure_text(metric),
                )
    grouped: dict[tuple[str, str], dict[str, list[tuple[int, float]]]] = defaultdict(
        lambda: {"result": [], "target": []}
    )
    printed: dict[tuple[str, str], dict[tuple[str, int], str]] = defaultdict(dict)
    for (indicator, unit, kind, year), (_, value, shown) in sorted(best.items()):
        grouped[(indicator, unit)][kind].append((year, value))
        printed[(indicator, unit)][(kind, year)] = shown
    catalogue_order = {item.id: n for n, item in enumerate(indicators().items)}
    ranked = sorted(
        grouped.items(),
        key=lambda item: (
            not _headline(item[0][0]),
            -len(item[1]["result"]) - len(item[1]["target"]),
            catalogue_order.get(item[0][0], 0),
        ),
    )
    names = (words("web.results"), words("web.targets"))
    found = []
    for (indicator, unit), points in ranked:
        if len(points["result"]) + len(points["target"]) < 2:
            continue  # one point is no line over the years
        as_printed = printed[(indicator, unit)]
        scale, axis_unit = _axis_unit(
            unit, [(v, as_printed[(kind, y)]) for kind, said in points.items() for y, v in said]
        )
        name = f"{_indicator_name(indicator, words)}（{axis_unit}）" if unit else indicator
        chart = charts.years_chart(
            name,
            tuple((year, value / scale) for year, value in points["result"]),
            tuple((year, value / scale) for year, value in points["target"]),
            names,
        )
        found.append(
            Series(
                indicator, unit, name, points["result"], points["target"], Markup(chart),
                as_printed,
            )
        )  # fmt: skip
        if len(found) == CHARTS:
            break
    return found


def _axis_unit(unit: str, figures: Sequence[tuple[float, str]]) -> tuple[float, str]:
    """The unit a series of (value, as printed) is drawn in, as its reports print it
    (1.6万亿元 → 万亿元; 522万人 → 万人), with its factor to the figures' own unit (元, 人): the
    unit its largest figure was printed in, else by size (亿元 for 100000000元), never 3.6e+12."""
    if not unit or not figures:
        return 1.0, unit
    value, raw = max(figures, key=lambda figure: (abs(figure[0]), figure[1]))  # whatever the order
    said = re.search(f"({_MULTIPLIER}){re.escape(unit)}", raw)
    if said is not None:
        return float(MULTIPLIERS[said[1]]), said[1] + unit
    for prefix in ("万亿", "亿"):  # printed in digits alone: named as reports name such sums
        if abs(value) >= MULTIPLIERS[prefix]:
            return float(MULTIPLIERS[prefix]), prefix + unit
    return 1.0, unit


@dataclass(frozen=True)
class PromiseYear:
    """The targets a report set for its year, judged by the next year's report."""

    year: int
    target: Listing
    result: Listing
    counts: dict[Verdict, int]


def promises_by_year(
    listings: Sequence[Listing], figures: Mapping[str, Sequence[Metric]]
) -> list[PromiseYear]:
    """Each year's promises score of one place's reports: its targets against the results the
    next year's report gives (briefings.promises), from the indexed figures."""
    scored = []
    for year in sorted({listing.meta.year for listing in listings if listing.meta.year}):
        for target, result in pairs_of_year(listings, year):
            items = compare_figures(
                figures.get(target.digest, []), figures.get(result.digest, []), year
            )
            if items:
                counts = {verdict: 0 for verdict in VERDICTS}
                for item in items:
                    counts[item.verdict] += 1
                scored.append(PromiseYear(year, target, result, counts))
    return scored


def _headline(indicator: str) -> bool:
    found = indicators().get(indicator)
    return bool(found and found.headline)


async def place_page(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    library = state.library
    name = request.match_info["place"]
    listings = sorted(
        (listing for listing in library.reports if place(listing) == name),
        key=lambda listing: listing.meta.year or 0,
    )
    if not listings:
        return _not_found(request)
    words = words_for(request)
    # From the index's figures table: a few rows a report, where reading each briefing from
    # the cache takes ~60 ms (15 s for a place with 167 reports, at 1,000 copies).
    years = sorted({listing.meta.year for listing in listings if listing.meta.year})
    found = await state.search.indicator_figures(years, INDEX_WAIT)
    sheets = [(listing.meta.year or 0, found.get(listing.digest, [])) for listing in listings]
    series = await asyncio.to_thread(place_series, [s for s in sheets if s[0]], words)
    kept = await asyncio.to_thread(promises_by_year, listings, found)
    return _page(
        request,
        "place.html",
        title=name,
        place=name,
        listings=listings,
        series=series,
        promises=kept,
        verdicts=VERDICTS,
    )


# ---- the compare page


def level_of(name: str) -> str:
    """province, city or district, from the place's own name (the last unit it names)."""
    if not name:
        return ""
    if name.endswith(_PROVINCES) and len(_ADMIN.findall(name)) == 1:
        return "province"
    if len(_ADMIN.findall(name)) >= 3 or name.endswith(("区", "县", "旗")):
        return "district"
    return "city" if name.endswith(("市", "州", "盟", "地区")) else ""


@dataclass(frozen=True)
class Group:
    kind: str
    unit: str
    heading: str
    rows: list[Row]
    chart: Markup


SORTS = {
    "place": lambda row: row.issuer,
    "year": lambda row: row.year or 0,
    "value": lambda row: row.number if row.number is not None else float("-inf"),
    "period": lambda row: row.period or "",
}
# The word a /compare query says a kind with (briefings.compare.ask): the first of each.
_KIND_WORD = {kind: next(w for w, k in KIND_WORDS.items() if k == kind) for kind in KIND_ORDER}


def compare_groups(rows: Sequence[Row], words: Words, sort: str, descending: bool) -> list[Group]:
    """The rows (a page's) by kind and unit (results and targets apart, units never mixed),
    sorted, the largest groups charted."""
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        grouped[(row.kind, row.unit)].append(row)
    order = {kind: n for n, kind in enumerate(KIND_ORDER)}
    groups: list[Group] = []
    for (kind, unit), found in sorted(
        grouped.items(), key=lambda i: (order.get(i[0][0], 9), -len(i[1]))
    ):
        found.sort(key=SORTS.get(sort, SORTS["value"]), reverse=descending)
        heading = words("web.unit_group", kind=kind_name(kind, words), unit=unit or "—")
        # The largest bars in an order of their own: the chart drawn for one sort of the
        # table is the one kept for every other (pygal takes ~1.5 ms a bar).
        bars = tuple(
            sorted(
                ((f"{row.issuer} {row.year or ''}".strip(), row.number)
                 for row in found if row.number is not None),
                key=lambda bar: (-bar[1], bar[0]),
            )[: charts.CHART_BARS]
        )  # fmt: skip
        # The largest groups are charted; every group has its table. Sums are drawn in the
        # unit the reports print them in (万亿元), not as 3.6e+12元.
        chart = ""
        if len(groups) < CHART_GROUPS and bars:
            scale, axis_unit = _axis_unit(
                unit, [(row.number, row.value) for row in found if row.number is not None]
            )
            title = words("web.unit_group", kind=kind_name(kind, words), unit=axis_unit or "—")
            chart = charts.bar_chart(title, tuple((name, n / scale) for name, n in bars))
        groups.append(Group(kind, unit, heading, found, Markup(chart)))
    return groups


def _number(text: str) -> int:
    """A page number from the address: 1 for anything that is not a small positive number."""
    return int(text) if text.isdigit() and 0 < int(text) < 10_000 else 1


def filtered_query(query: str, year: str, kind: str) -> str | None:
    """The /compare query a page's year and kind filters ask (said as chat says them: 目标,
    2025), so that the index finds the reports with such rows, as it does for chat; None when
    a filter contradicts the query's own words (a kind or a year it does not ask for)."""
    year = year if _SINGLE_YEAR.fullmatch(year) else ""
    kind = kind if kind in _KIND_WORD else ""
    if not year and not kind:
        return query
    wanted = ask(query)
    kinds, periods = _narrowed(wanted.kinds, kind), _narrowed(wanted.periods, year)
    if kinds is None or periods is None:
        return None
    return " ".join([wanted.measure, *(_KIND_WORD[k] for k in sorted(kinds)), *sorted(periods)])


def _narrowed(asked: frozenset[str], chosen: str) -> frozenset[str] | None:
    """What a query asks (`asked`; everything when empty) narrowed to `chosen` (when given)."""
    if not chosen:
        return asked
    return frozenset({chosen}) if not asked or chosen in asked else None


async def compared_page(
    shelf: SearchShelf, query: str, level: str, number: int
) -> tuple[list[Row], Page[int], int]:
    """Page `number` of the reports with rows for `query` (of places of `level`, when given),
    REPORTS_PER_PAGE a page, newest first: their rows, the page (its items: the reports'
    places among those with rows, a range; its number, how many pages) and how many have rows.
    Read as a chat's /compare page is (SearchShelf): which reports have rows is worked out
    in SQL and kept; only the figures of the page's reports are read (a whole comparison
    across 10,000 reports took ~1 s of CPU)."""
    having: list[Listed] = []

    def chosen(listed: list[Listed]) -> Sequence[Listed]:
        nonlocal having
        having = [r for r in listed if level_of(place(r)) == level] if level else listed
        return page_of(having, number, REPORTS_PER_PAGE).items

    found, _ = await shelf.compared_reports(query, INDEX_WAIT, chosen)
    page = page_of(range(len(having)), number, REPORTS_PER_PAGE)
    return [row for rows in found for row in rows], page, len(having)


def _years(reports: Sequence[Listed]) -> list[str]:
    """The years a comparison's figures may be of: each report's year, the one before it
    (results reviewed) and the one after (targets), newest first."""
    years = {year + step for r in reports if (year := r.meta.year) for step in (-1, 0, 1)}
    return [str(year) for year in sorted(years, reverse=True)]


async def compare_page(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    words = words_for(request)
    query = request.query.get("q", "").strip()[:40]
    year, level, kind = (request.query.get(k, "") for k in ("year", "level", "kind"))
    sort = request.query.get("sort", "value")
    descending = request.query.get("desc", "1") == "1"
    rows: list[Row] = []
    page, compared = page_of(range(0), 0, REPORTS_PER_PAGE), 0
    asked = filtered_query(query, year, kind) if query else None
    if asked is not None:
        number = _number(request.query.get("page", "1")) - 1
        rows, page, compared = await compared_page(state.search, asked, level, number)
    groups = await asyncio.to_thread(compare_groups, rows, words, sort, descending)
    return _page(
        request,
        "compare.html",
        title=f"{words('web.compare')} {query}".strip(),
        query=query,
        year=year,
        level=level,
        kind=kind,
        sort=sort,
        descending=descending,
        years=_years(state.library.reports),
        kinds=KIND_ORDER,
        groups=groups,
        page=page.number + 1,
        pages=page.count,
        shown=page.items,
        compared=compared,
        shown_bars=charts.CHART_BARS,
    )


# ---- the search page


async def search_page(request: web.Request) -> web.Response:
    state = state_of(request.app[APPLICATION])
    query = request.query.get("q", "").strip()[:40]
    groups: list[tuple[object, list[tuple[str, Markup]]]] = []
    if query:
        result = await state.search.search(query, "", SEARCH_LIMIT, PER_REPORT, INDEX_WAIT, 0)
        by_report: dict[str, tuple[object, list[tuple[str, Markup]]]] = {}
        for hit in result.hits:
            entry = by_report.setdefault(hit.report.digest, (hit.report, []))
            anchor = f"s-{hit.section_id}" if hit.section_id else "overview"
            entry[1].append((anchor, Markup(highlight(hit.sentence, result.words))))
        groups = list(by_report.values())
    words = words_for(request)
    return _page(
        request, "search.html", title=f"{words('web.search')} {query}".strip(), query=query,
        groups=groups,
    )  # fmt: skip


# ---- the personal panel: only for a Mini App whose initData Telegram signed


def app_language(own: str | None, user: WebAppUser) -> str:
    """The Mini App's language: the chat's own setting when the chat set anything, else the
    language of the user's Telegram app (en-GB, zh-hans: by its first part), else the default."""
    if own is not None:
        return own if own in LANGUAGES else DEFAULT_LANGUAGE
    code = (user.language_code or "").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


async def _pushes(state: BotState, chat_id: int, words: Words) -> list[str]:
    """The chat's subscriptions, one line each: schedule, topic and the next push's time."""
    now = state.pusher.clock()
    lines = []
    for sub in await state.subscriptions.subscriptions_of(chat_id):
        due = sub.hurry or sub.next_due <= now  # as /subscriptions says it: not a past time
        when = f"{sub.next_due.astimezone(ZoneInfo(sub.timezone)):%Y-%m-%d %H:%M}"
        lines.append(
            words(
                "web.me_next",
                schedule=sub.schedule.describe(sub.timezone, words),
                topic=words("push.topic", thread=sub.thread_id) if sub.thread_id else "",
                when=words("push.soon") if due else when,
            )
        )
    return lines


async def me(request: web.Request) -> web.Response:
    """The personal panel of the Mini App's user (their private chat with the bot: its id is
    theirs), in the language the pages should take; read-only, the chat changes it."""
    state = state_of(request.app[APPLICATION])
    body = await request.text()
    try:
        user = validate(body, state.config.token or "")
    except InitDataError:
        return web.Response(status=403, text="forbidden")
    language = app_language(await state.chats.own_language(user.id), user)
    words = catalogue(language)
    # Read, never pinned: report_of would keep the newest report as the chat's choice, and
    # with it a settings row that makes the default language look chosen.
    current = state.library.for_choice(await state.chats.report(user.id))
    none = [words("web.me_none")]
    follows = [follow.words for follow in await state.follows.of_chat(user.id)]
    return web.json_response(
        {
            "language": language,
            "title": words("web.me"),
            "rows": [
                [words("web.me_language"), [words("language.name")]],
                [
                    words("web.me_timezone"),
                    [await state.chats.zone(user.id, state.config.timezone)],
                ],
                [words("web.me_report"), [current.display_title if current else ""]],
                [words("web.me_subscriptions"), await _pushes(state, user.id, words) or none],
                [words("web.me_follows"), follows or none],
            ],
            "note": words("web.me_change"),
        },
        dumps=lambda data: json.dumps(data, ensure_ascii=False),
    )
