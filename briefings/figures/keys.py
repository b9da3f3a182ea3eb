"""Which figures a busy reader wants first: rankings, rates, totals, spread over the sections.

Each figure gets a score: a ranking 6 (7 for a top-three place); a percentage 5 when it is a
rate or a change (率, 增长, 下降, 占 …) else 4; a ratio or a streak of years 4; any other count
1, plus 1 each for reaching a thousand, ten thousand and a million, plus 2 when it is a total
(累计, 总, 共 …). Keys are then taken round-robin over the sections holding figures: each
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
_RATE_WORDS = ("率", "增长", "增幅", "下降", "提高", "降低", "减少", "上升", "占", "比重")


def key_score(metric: Metric) -> int:
    if metric.qualifier == "rank":
        return 7 if metric.value <= 3 else 6
    if metric.unit in PERCENT_UNITS:
        return 5 if any(word in metric.label for word in _RATE_WORDS) else 4
    if metric.qualifier == "ratio" or metric.unit == "年":
        return 4
    size = sum(metric.value >= bound for bound in (1_000, 10_000, 1_000_000))
    return 1 + size + (2 if _is_total(metric) else 0)


def _is_total(metric: Metric) -> bool:
    at = metric.sentence.find(metric.raw)
    lead = metric.sentence[max(at - 4, 0) : at] if at >= 0 else ""
    return any(word in metric.label or word in lead for word in _TOTAL_WORDS)


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
            queues.setdefault(metric.section, []).append(metric)
    chosen = set(chosen)
    depth = 0
    while len(chosen) < KEY_COUNT and any(len(queue) > depth for queue in queues.values()):
        tier = sorted((queue[depth] for queue in queues.values() if len(queue) > depth), key=rank)
        chosen.update(metric.id for metric in tier[: KEY_COUNT - len(chosen)])
        depth += 1
    return chosen
