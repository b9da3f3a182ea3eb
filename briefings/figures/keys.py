"""Which figures a busy reader wants first: rankings, rates, totals, spread over the sections.

Each figure gets a score: gross product (生产总值, GDP) 9; a ranking 6 (7 for a top-three place); a percentage 5 when it is a
rate or a change (率, 增长, 下降 …) else 4 (a share, 占…%, says less than the total it is of); a ratio, a streak of years or places gained 4; any other count
1, plus 1 each for reaching a thousand, ten thousand and a million, plus 3 when it is a total
(累计, 总, 共 …) or 4 when a following 其中 breaks it down (the report's own headline). Keys are then taken round-robin over the subsections (1.2, not 1.2.1) holding figures: each
section's best figure scoring at least KEY_MIN_SCORE, best sections first, before any
section's second; when the strong figures run out, the rest fill up by the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..model import Metric
from .scan import PERCENT_UNITS

KEY_COUNT = 15
KEY_MIN_SCORE = 3
_TOTAL_WORDS = ("累计", "总", "共", "合计")
_RATE_WORDS = ("率", "增长", "增幅", "下降", "提高", "降低", "减少", "上升")
# Gross product (its size, its growth, the year's target) is the figure a reader of the genre
# looks for first; it outranks every other figure of its section. Not what is measured per
# unit of it or as a share of it (单位国内生产总值能耗, 占国内生产总值比例).
_GDP_WORDS = ("生产总值", "GDP")
_OF_GDP_WORDS = ("单位", "占", "比")
GDP_SCORE = 9


def key_score(metric: Metric) -> int:
    if _is_gdp(metric):
        return GDP_SCORE
    if metric.qualifier == "rank":
        return 7 if metric.value <= 3 else 6
    if metric.unit in PERCENT_UNITS:
        return 5 if any(word in metric.label for word in _RATE_WORDS) else 4
    if metric.qualifier in ("ratio", "change") or metric.unit == "年":
        return 4
    size = sum(metric.value >= bound for bound in (1_000, 10_000, 1_000_000))
    return 1 + size + _total_bonus(metric)


def _is_gdp(metric: Metric) -> bool:
    if not (metric.unit in PERCENT_UNITS or metric.unit.endswith("元")):
        return False
    label = metric.label
    return any(w in label for w in _GDP_WORDS) and not any(w in label for w in _OF_GDP_WORDS)


def _total_bonus(metric: Metric) -> int:
    """4 for a total the report breaks down right after ("819项,其中578项…": its headline),
    3 for one that says it is a total (累计, 共 …), else 0."""
    at = metric.sentence.find(metric.raw)
    if at < 0:
        return 0
    if metric.sentence[at + len(metric.raw) :].lstrip(",，、 ").startswith("其中"):
        return 4
    lead = metric.sentence[max(at - 4, 0) : at]
    return 3 if any(w in metric.label or w in lead for w in _TOTAL_WORDS) else 0


def _chapter(section: str) -> str:
    """The subsection a figure belongs to (1.2 for 1.2.1): items are too fine a grain to
    spread the keys over, a report's eight subsections are what a reader scans."""
    return ".".join(section.split(".")[:2])


def mark_keys(metrics: list[Metric]) -> list[Metric]:
    """The same figures, in the same order, with `key` set on the chosen ones."""
    order = {metric.id: n for n, metric in enumerate(metrics)}

    def rank(metric: Metric) -> tuple[int, int]:
        return -key_score(metric), order[metric.id]

    ranked = sorted(metrics, key=rank)
    chosen = _round_robin(ranked, set(), KEY_MIN_SCORE, rank)
    chosen = _round_robin(ranked, chosen, 0, rank)
    return [replace(metric, key=metric.id in chosen) for metric in metrics]


def _round_robin(
    ranked: list[Metric], chosen: set[str], min_score: int, rank: Callable[[Metric], Any]
) -> set[str]:
    queues: dict[str, list[Metric]] = {}
    for metric in ranked:
        if metric.id not in chosen and key_score(metric) >= min_score:
            queues.setdefault(_chapter(metric.section), []).append(metric)
    chosen = set(chosen)
    depth = 0
    while len(chosen) < KEY_COUNT and any(len(queue) > depth for queue in queues.values()):
        tier = sorted((queue[depth] for queue in queues.values() if len(queue) > depth), key=rank)
        chosen.update(metric.id for metric in tier[: KEY_COUNT - len(chosen)])
        depth += 1
    return chosen
