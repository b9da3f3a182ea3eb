"""One figure across reports (/compare 地区生产总值增长): each report's result and target for
it, with the report's place and year.

A figure matches when its label says every part of the query: the query is cut at the words of
the search synonym table (地区生产总值增长 → 地区生产总值 + 增长), and a table word may be said
by any of its synonyms (国内生产总值增长, 生产总值增长 match too). Of a report's matching
figures, the closest label is kept for each kind and period: the report's 2024 result and its
2025 target, not every sentence that mentions the measure. A label that measures something
else of it (人均, 单位, 占, 比重) is the last choice unless the query asks for that.

A query that names a canonical indicator (GDP, 经济增长, 地区生产总值增长: see
briefings.figures.indicators) matches the figures measuring one of its group's indicators
instead, whatever their labels call it: /compare GDP and /compare 经济增长 give the same table,
each report's amount and growth rate apart (an amount and a rate never share a row's slot).

The figures come from a report's briefing, or (the bot, across every report) from the on-disk
index (briefings.corpus_index), which keeps the candidates' rows so that a comparison reads no
briefing at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from .choice import place
from .figures.bounds import shown_sign
from .figures.indicators import fallen, indicator_of, named
from .model import Listed, Metric
from .search import synonyms

MAX_QUERY_CHARS = 16  # a figure's label is short; a longer query is a sentence, not a measure
# Kinds a comparison shows, in this order; a threshold or a starting value is not the figure.
KIND_ORDER = ("result", "target", "plan", "cumulative")
# Words of a query that ask for a kind of figure rather than name the measure.
KIND_WORDS = {"完成": "result", "实绩": "result", "结果": "result", "目标": "target",
              "预期目标": "target", "计划": "plan", "累计": "cumulative"}  # fmt: skip
ROWS_PER_REPORT = 4
_OTHER_MEASURE = ("人均", "单位", "占", "比重", "比例")
_OTHER_MEASURE_COST = 100
_LONGEST_WORD = 12
_YEAR = re.compile(r"(?:19|20)[0-9]{2}年?")
_RUN = re.compile(r"[0-9a-z.&\u3400-\u9fff]+")


@dataclass(frozen=True)
class Row:
    """One report's figure: where it comes from and what it says, as printed."""

    digest: str
    issuer: str  # the place, as choice.place names it
    year: int | None
    title: str
    label: str
    value: str  # value and unit as printed (5%左右); a growth rate printed as a fall, −2.1%
    kind: str
    period: str | None
    section: str
    sentence: str
    section_title: str = ""  # known when the figure comes from the on-disk index
    indicator: str | None = None  # the canonical indicator the figure measures, if any
    number: float | None = None  # the value as a number, and its unit: what a chart plots
    unit: str = ""


class Figured(Protocol):
    """A report and its figures: a Briefing, or `Figures`."""

    @property
    def report(self) -> Listed: ...
    @property
    def metrics(self) -> Sequence[Metric]: ...


@dataclass(frozen=True)
class Figures:
    report: Listed
    metrics: Sequence[Metric]


@dataclass(frozen=True)
class Candidate:
    """A figure whose label says a query's first part: its number in the report's figures,
    its normalised label, and its section's title when known."""

    number: int
    label: str
    metric: Metric
    section_title: str = ""


def normal(text: str) -> str:
    # NFKC: full-width letters and digits as half-width, as fold does, but without fold's
    # cache, which a thousand reports' labels would only churn; newlines kept.
    return unicodedata.normalize("NFKC", text).lower()


def _cut(run: str) -> list[tuple[str, ...]]:
    """The run as parts, each with the ways a label may say it: a word of the synonym table
    with its synonyms, the characters between such words as they are."""
    table = synonyms()
    parts: list[tuple[str, ...]] = []
    rest, i = "", 0
    while i < len(run):
        word = next(
            (run[i : i + n] for n in range(min(_LONGEST_WORD, len(run) - i), 1, -1)
             if run[i : i + n] in table),
            "",
        )  # fmt: skip
        if not word:
            rest, i = rest + run[i], i + 1
            continue
        parts += [(rest,), (word, *table[word])] if rest else [(word, *table[word])]
        rest, i = "", i + len(word)
    return [*parts, (rest,)] if rest else parts


def query_parts(query: str) -> list[tuple[str, ...]]:
    """Every part a matching label must say, each as its alternatives."""
    return [part for run in _RUN.findall(normal(query)) for part in _cut(run)]


def _distance(label: str, parts: list[tuple[str, ...]], query: str) -> int | None:
    """How far the label is from saying just the query (None: it does not say it all)."""
    said = 0
    for alternatives in parts:
        found = [a for a in alternatives if a in label]
        if not found:
            return None
        said += max(map(len, found))
    other = any(w in label and w not in query for w in _OTHER_MEASURE)
    return len(label) - said + (_OTHER_MEASURE_COST if other else 0)


def _kind_rank(metric: Metric) -> tuple[int, str]:
    return KIND_ORDER.index(metric.kind), metric.period or ""


def candidates(metrics: Sequence[Metric], first: Sequence[str]) -> list[Candidate]:
    """The figures whose label says the query's first part (one of `first`): one scan of all
    labels joined, so a report without it costs next to nothing."""
    joined = normal("\n".join(metric.label for metric in metrics))
    pattern = re.compile("|".join(map(re.escape, sorted(first, key=len, reverse=True))))
    found = dict.fromkeys(joined.count("\n", 0, m.start()) for m in pattern.finditer(joined))
    lines = joined.split("\n") if found else []
    return [Candidate(n, lines[n], metrics[n]) for n in found]


def report_rows(sheet: Figured, query: str) -> list[Row]:
    """The report's figures for `query`: for each kind and period the closest label, results
    first, at most ROWS_PER_REPORT."""
    wanted = ask(query)
    parts = wanted.parts()
    found = candidates(sheet.metrics, parts[0]) if parts else []
    return _rows(sheet.report, found, parts, wanted)


def measure_of(metric: Metric) -> str | None:
    """The indicator a figure measures: as its briefing found it, or, for a figure made
    without one (a caller's own), read from its label the same way; a growth rate printed as a
    fall (一般公共预算收入下降2.1%) measures the growth indicator."""
    label, unit, qualifier = metric.label, metric.unit, metric.qualifier
    return (
        metric.indicator or indicator_of(label, unit, qualifier) or fallen(label, unit, qualifier)
    )


@dataclass(frozen=True)
class Ask:
    """A /compare query: the measure's words, and the kinds and periods asked for (all when
    none: /compare 地区生产总值增长 目标 2025 asks for the 2025 targets only)."""

    measure: str
    kinds: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()
    indicators: tuple[str, ...] = ()  # ids of the indicators the measure names, if it does

    def wants(self, metric: Metric, measure: str | None) -> bool:
        """Whether the figure, measuring `measure`, is of a kind, period and indicator asked."""
        kind_ok = metric.kind in (self.kinds or KIND_ORDER)
        measured = not self.indicators or measure in self.indicators
        return kind_ok and measured and (not self.periods or (metric.period or "") in self.periods)

    def parts(self) -> list[tuple[str, ...]]:
        """What a matching label must say: for an indicator, one of its group's names."""
        if self.indicators:
            said = (name for item in named(self.measure) for name in item.names)
            return [tuple(dict.fromkeys(said))]
        return query_parts(self.measure)


def ask(query: str) -> Ask:
    """The measure, kind words (目标, 完成 …) and years of a /compare query."""
    measure, kinds, periods = [], set(), set()
    for token in normal(query).split():
        if token in KIND_WORDS:
            kinds.add(KIND_WORDS[token])
        elif _YEAR.fullmatch(token):
            periods.add(token.rstrip("年"))
        else:
            measure.append(token)
    said = " ".join(measure)
    ids = tuple(item.id for item in named(said))
    return Ask(said, frozenset(kinds), frozenset(periods), ids)


def _rows(
    report: Listed, found: Iterable[Candidate], parts: list[tuple[str, ...]], wanted: Ask
) -> list[Row]:
    # A figure's indicator is worked out once (from its label when it has none: ~0.1 ms), and
    # only for a query naming indicators; otherwise only a row's own is.
    best: dict[tuple[str | None, str, str | None], tuple[int, int, Candidate, str | None]] = {}
    for candidate in found:
        metric, n = candidate.metric, candidate.number
        distance = _distance(candidate.label, parts, wanted.measure)
        if distance is None:
            continue
        measure = measure_of(metric) if wanted.indicators else None
        if not wanted.wants(metric, measure):
            continue
        slot = (measure, metric.kind, metric.period)
        if slot not in best or (distance, n) < best[slot][:2]:
            best[slot] = (distance, n, candidate, measure)
    order = {key: n for n, key in enumerate(wanted.indicators)}
    chosen = sorted(
        best.values(), key=lambda entry: (order.get(entry[3] or "", 0), _kind_rank(entry[2].metric))
    )
    where = place(report) if chosen else ""  # a few regular expressions: once a report
    return [
        _row(report, where, candidate, measure)
        for *_, candidate, measure in chosen[:ROWS_PER_REPORT]
    ]


def _row(report: Listed, where: str, candidate: Candidate, measure: str | None) -> Row:
    metric = candidate.metric
    measure = measure or measure_of(metric)
    value, number = shown_sign(metric.bound, metric.raw) + metric.raw, metric.value
    if measure is not None and fallen(metric.label, metric.unit, metric.qualifier) == measure:
        # a fall in a column of growth rates: −2.1%, as a chart plots it
        value, number = f"−{value}", -abs(metric.value)
    return Row(
        report.digest, where, report.meta.year, report.display_title,
        metric.label, value, metric.kind, metric.period, metric.section, metric.sentence,
        candidate.section_title, measure, number, metric.unit,
    )  # fmt: skip


def compare(sheets: Iterable[Figured], query: str) -> list[list[Row]]:
    """Each report's rows for `query`, in the given order; reports without one left out."""
    wanted = ask(query)
    parts = wanted.parts()
    if not parts:
        return []
    found = (_rows(s.report, candidates(s.metrics, parts[0]), parts, wanted) for s in sheets)
    return [rows for rows in found if rows]


def compare_found(
    reports: Iterable[Listed], found: Mapping[str, Sequence[Candidate]], query: str
) -> list[list[Row]]:
    """`compare` from candidates found beforehand (`found`: by digest, as
    CorpusIndex.figures gives them for `first_part(query)`), in the order of `reports`."""
    wanted = ask(query)
    parts = wanted.parts()
    if not parts:
        return []
    rows = (_rows(r, found[r.digest], parts, wanted) for r in reports if r.digest in found)
    return [each for each in rows if each]


def first_part(query: str) -> tuple[str, ...]:
    """The ways of saying the first part of a /compare query's measure: a figure's label says
    one of them, or it does not match (empty: the query names no measure)."""
    parts = ask(query).parts()
    return parts[0] if parts else ()
