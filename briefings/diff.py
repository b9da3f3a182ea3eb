"""What changed in one issuer's plan from one report to the next (/diff): the items new this
year, those dropped since the previous report, and those kept (reworded or not).

Plans are reworded every year (深圳: 深入实施扩大内需战略… → 坚持扩大内需这个战略基点…), so
items match by the character bigrams their leads share rather than by equal text. The share is
taken of the shorter lead (a lead that grew a clause still matches), after dropping the genre's
filler bigrams: those in at least FILLER_SHARE of both plans' leads, and in three at least
(推进, 建设, 加快 …). Pairs
are taken best first, each item in at most one pair, down to SIMILAR.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from .choice import place
from .lazy_re import LazyPattern
from .model import Item, Listed, Report
from .text import fold

L = TypeVar("L", bound=Listed)

SIMILAR = 0.3
FILLER_SHARE = 0.25
_WORD_CHARS = LazyPattern(r"[^0-9a-z\u3400-\u9fff]+")


@dataclass(frozen=True)
class PlanDiff:
    added: tuple[Item, ...]  # in the new plan, like nothing in the old one
    dropped: tuple[Item, ...]  # in the old plan, like nothing in the new one
    kept: tuple[tuple[Item, Item], ...]  # (old, new)


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of each run of letters, digits and Chinese in `text`."""
    runs = _WORD_CHARS.split(fold(text).lower())
    return frozenset(run[i : i + 2] for run in runs for i in range(len(run) - 1))


def filler(leads: Sequence[frozenset[str]]) -> frozenset[str]:
    """The genre's filler bigrams among `leads`: in FILLER_SHARE of them, and in three at least."""
    counts = Counter(gram for lead in leads for gram in lead)
    least = max(3, FILLER_SHARE * len(leads))  # two leads sharing a bigram may be one pair
    return frozenset(gram for gram, count in counts.items() if count >= least)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set's bigrams the other holds too (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _lead(item: Item) -> str:
    return item.lead or item.text


def diff_items(old: Sequence[Item], new: Sequence[Item], threshold: float = SIMILAR) -> PlanDiff:
    grams = [bigrams(_lead(item)) for item in [*old, *new]]
    filler_grams = filler(grams)
    olds = [g - filler_grams for g in grams[: len(old)]]
    news = [g - filler_grams for g in grams[len(old) :]]
    pairs = sorted(
        ((similarity(a, b), i, j) for i, a in enumerate(olds) for j, b in enumerate(news)),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    kept: dict[int, int] = {}  # new index -> old index
    for score, i, j in pairs:
        if score < threshold:
            break
        if j not in kept and i not in kept.values():
            kept[j] = i
    return PlanDiff(
        added=tuple(item for j, item in enumerate(new) if j not in kept),
        dropped=tuple(item for i, item in enumerate(old) if i not in kept.values()),
        kept=tuple((old[kept[j]], new[j]) for j in sorted(kept)),
    )


def earlier(reports: Sequence[L], report: Listed) -> list[L]:
    """The same place's reports of years before `report`'s, the latest first (in the given
    order within a year): a listing says place and year, so none is parsed to find them."""
    year, where = report.meta.year, place(report)
    if year is None or not where:
        return []
    found = [
        r for r in reports
        if r.digest != report.digest and place(r) == where and r.meta.year is not None
        and r.meta.year < year
    ]  # fmt: skip
    return sorted(found, key=lambda r: -(r.meta.year or 0))


def previous(reports: Sequence[Report], report: Report) -> Report | None:
    """The same place's report of the latest year before `report`'s that has a plan, if any."""
    return next((r for r in earlier(reports, report) if r.plan.items), None)


def diff_plans(older: Report, newer: Report) -> PlanDiff:
    return diff_items(older.plan.items, newer.plan.items)
