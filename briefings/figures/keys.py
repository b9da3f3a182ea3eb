"""Which figures a busy reader wants first: the headline figures of the year, then rankings,
rates, totals, spread over the sections.

Headline figures answer a reader's first questions of a 政府工作报告: the canonical indicators
(briefings/data/indicators.yaml: gross product, budget revenue, incomes, jobs, unemployment,
prices, grain, industry, investment, retail sales, trade …) as results of the year reviewed or
targets of the coming year; then every other main target of the coming year. They are all key,
in that order (results, then targets); the rest of the keys are picked as follows.

Each figure gets a score: gross product (生产总值, GDP) 9; a ranking 6 (7 for a top-three place); a percentage 5 when it is a
rate or a change (率, 增长, 下降 …) else 4 (a share, 占…%, says less than the total it is of); a ratio, a streak of years or places gained 4; any other count
1, plus 1 each for reaching a thousand, ten thousand and a million, plus 3 when it is a total
(累计, 总, 共 …) or 4 when a following 其中 breaks it down (the report's own headline). Keys are then taken round-robin over the subsections (1.2, not 1.2.1) holding figures: each
section's best figure scoring at least KEY_MIN_SCORE, best sections first, before any
section's second; when the strong figures run out, the rest fill up by the same rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from ..model import Metric
from .indicators import indicator_of, indicators
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
# 万元GDP能耗, 亿元GDP生产安全事故死亡率: a measure per unit of gross product.
_PER_GDP = re.compile(r"[万亿]元(?:地区|国内)?(?:生产总值|GDP)")
GDP_SCORE = 9


# Measures a reader of the genre asks for first, by their usual names: what a work plan states
# as a target rather than a plan (kinds.headline_measure). A label naming one of them (and not
# a part or a derivative of it: 海洋生产总值, 单位GDP能耗, 财政支出) names a headline measure.
HEADLINES = (
    # 全县生产总值 is the place's own; 各县生产总值 and 县域生产总值 are parts of it.
    (
        "gdp",
        re.compile(
            r"(?<![海洋域渔牧数字经济人均单位占元])(?<![^全我本]县)(?:生产总值|GDP|经济增长)"
        ),
    ),
    (
        "revenue",
        re.compile(r"一般公共(?:财政)?预算收入|财政收入|财政总收入|地方级收入|全口径税收"),
    ),
    ("income", re.compile(r"可支配收入|人均纯收入")),
    ("jobs", re.compile(r"新增(?:城乡)?就业")),
    ("unemployment", re.compile(r"失业率")),
    ("prices", re.compile(r"消费价格|物价|CPI")),
    ("grain", re.compile(r"粮食(?:总)?产量|粮食生产|粮食总产")),
)
_GDP_HEADLINE = HEADLINES[0][1]
NOT_HEADLINE = re.compile(
    r"占|比重|单位|支出|平均每年|年均|贡献率|人均(?:地区|国内)?生产总值|人均GDP"
)
# Headline figures are the year's results and the coming year's targets of the canonical
# indicators (briefings/data/indicators.yaml, those marked headline), in the order a reader
# asks for them: by the indicator's group, the groups not named here after these.
HEADLINE_GROUPS = (
    "gdp", "fiscal_revenue", "income_per_capita", "urban_income", "rural_income",
    "urban_new_jobs", "unemployment", "cpi", "cpi_index", "retail_price_index",
    "retail_price_index_level", "grain_output",
    "industrial_value_added",
    "fixed_investment", "retail_sales", "trade",
)  # fmt: skip
_MEASURES = len(HEADLINE_GROUPS) + 1
# More key figures than KEY_COUNT only to make room for the headline ones.
MAX_HEADLINES = 30
SPREAD_AFTER_HEADLINES = 6
# A count of people in hundreds of millions is rhetoric (14亿人民), never a key figure.
RHETORIC_PEOPLE = 10**8
_NEVER_KEY_KINDS = ("threshold", "start")
# A gap to another rate, a streak of years, a span of time: never a headline figure.
_NO_HEADLINE_UNITS = ("个百分点", "百分点", "年", "个月", "天", "周", "小时", "个工作日", "工作日")


def headline_rank(
    metric: Metric,
    year: int | None = None,
    main: frozenset[str] = frozenset(),
    spans: frozenset[str] = frozenset(),
) -> int | None:
    """Place of the figure's measure in HEADLINES (targets after every result), or None when
    it is no headline figure: not a result of one year or a main target of the coming one
    (`main`: ids of the figures stated among the main targets; `spans`: ids of a span's
    figures standing in for a year's the report does not print, see `span_stand_ins`)."""
    if metric.id in spans:
        return headline_measure(metric)
    if metric.kind not in ("result", "target") or _is_rhetoric(metric):
        return None
    if metric.qualifier in ("rank", "change", "ratio") or (
        metric.unit in _NO_HEADLINE_UNITS and not _index_rise(metric)
    ):
        return None  # a place in a league table, a gap to another rate: less than the figure
    if metric.period and "-" in metric.period:
        return None
    if year is not None and metric.period and metric.period not in (str(year), str(year - 1)):
        return None
    if year is not None and metric.kind == "target" and metric.period == str(year - 1):
        return None  # last year's target recalled (去年提出…控制在10%以内): not the coming year's
    measure = headline_measure(metric)
    if measure is None:
        measure = _MEASURES if metric.id in main else None
    if measure is None:
        return None
    return measure + (_MEASURES + 1 if metric.kind == "target" else 0)


def _index_rise(metric: Metric) -> bool:
    """A price index's rise in points (居民消费价格总指数上升2.8个百分点): prices rose 2.8%, the
    year's price figure, not a gap between two rates."""
    return metric.unit in ("个百分点", "百分点") and metric.indicator in _rises()


@cache
def _rises() -> frozenset[str]:
    """The ids of the price indices' rises, read once from the indicator table."""
    return frozenset(item.rise for item in indicators().items if item.rise)


_AVERAGE_WORDS = ("年均", "平均")


def span_stand_ins(metrics: Sequence[Metric], year: int | None) -> frozenset[str]:
    """Ids of the yearly averages over the span just reviewed (平均每年增长7.7% over 1998-2002)
    of an indicator the report prints no result of the year for: the reader's headline for it."""
    if year is None:
        return frozenset()
    reviewed = str(year - 1)
    printed = {m.indicator for m in metrics if m.kind == "result" and m.period == reviewed}
    return frozenset(
        m.id
        for m in metrics
        if m.kind == "cumulative"
        and m.indicator not in printed
        and (m.period or "").endswith(f"-{reviewed}")
        and m.qualifier not in ("rank", "change", "ratio")
        and any(word in m.label for word in _AVERAGE_WORDS)
        and headline_measure(m) is not None
    )


def headline_measure(metric: Metric) -> int | None:
    """The place of the figure's canonical indicator among the headline measures (its group's
    in HEADLINE_GROUPS, the other headline indicators after them), None when it measures none."""
    # A figure stored before indicators were read carries none: its label still says it.
    said = metric.indicator or indicator_of(metric.label, metric.unit, metric.qualifier)
    item = indicators().get(said or "")
    if (
        item is None
        and _GDP_HEADLINE.search(metric.label)
        and not NOT_HEADLINE.search(metric.label)
    ):
        return (
            0  # gross product in a label too loose to name its indicator (本市生产总值翻了一番多)
        )
    if item is None or not item.headline:
        return None
    return (
        HEADLINE_GROUPS.index(item.group) if item.group in HEADLINE_GROUPS else len(HEADLINE_GROUPS)
    )


def _is_rhetoric(metric: Metric) -> bool:
    people = "人" in metric.raw or "人" in metric.label
    return metric.unit in ("人", "") and metric.value >= RHETORIC_PEOPLE and people


def key_score(metric: Metric) -> int:
    if metric.kind in _NEVER_KEY_KINDS or _is_rhetoric(metric):
        return -1
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
    if _PER_GDP.search(label):
        return False
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


def headlines(
    metrics: Sequence[Metric], year: int | None = None, main: frozenset[str] = frozenset()
) -> list[Metric]:
    """The headline figures, each measure's first statement once, in reading order:
    results by measure, then targets."""
    seen: set[tuple[str, str, str]] = set()
    found: list[tuple[int, int, Metric]] = []
    spans = span_stand_ins(metrics, year)
    for n, metric in enumerate(metrics):
        rank = headline_rank(metric, year, main, spans)
        # The same headline figure said twice (8%左右 增长 … 提出增长目标8%左右) is shown once.
        said = (metric.indicator or metric.label, metric.raw, metric.kind)
        if rank is not None and said not in seen:
            seen.add(said)
            found.append((rank if metric.kind == "result" else _target_order(rank), n, metric))
    return [metric for _, _, metric in sorted(found, key=lambda f: f[:2])][:MAX_HEADLINES]


def _target_order(rank: int) -> int:
    """Targets in reading order, those of a headline indicator before the other main targets
    (工业总产值, 实际利用外资 …): a long target list must not crowd the indicators out."""
    other = rank == 2 * _MEASURES + 1
    return _MEASURES + 1 + other


def key_order(metrics: Sequence[Metric], year: int | None = None) -> list[Metric]:
    """The key figures in the order a reader wants them: headline results, targets, the rest."""
    keys = [metric for metric in metrics if metric.key]
    targets = frozenset(metric.id for metric in keys if metric.kind == "target")
    first = headlines(keys, year, targets)
    ids = {metric.id for metric in first}
    return first + [metric for metric in keys if metric.id not in ids]


def mark_keys(
    metrics: Sequence[Metric], year: int | None = None, main: frozenset[str] = frozenset()
) -> list[Metric]:
    """The same figures, in the same order, with `key` set on the chosen ones; `main`: ids
    of the figures stated among the coming year's main targets."""
    order = {metric.id: n for n, metric in enumerate(metrics)}

    def rank(metric: Metric) -> tuple[int, int]:
        return -key_score(metric), order[metric.id]

    chosen = {metric.id for metric in headlines(metrics, year, main)}
    count = max(KEY_COUNT, len(chosen) + SPREAD_AFTER_HEADLINES)
    ranked = sorted((m for m in metrics if key_score(m) >= 0), key=rank)
    chosen = _round_robin(ranked, chosen, KEY_MIN_SCORE, rank, count)
    chosen = _round_robin(ranked, chosen, 0, rank, count)
    return [replace(metric, key=metric.id in chosen) for metric in metrics]


def _round_robin(
    ranked: Sequence[Metric],
    chosen: set[str],
    min_score: int,
    rank: Callable[[Metric], Any],
    count: int = KEY_COUNT,
) -> set[str]:
    queues: dict[str, list[Metric]] = {}
    for metric in ranked:
        if metric.id not in chosen and key_score(metric) >= min_score:
            queues.setdefault(_chapter(metric.section), []).append(metric)
    chosen = set(chosen)
    depth = 0
    while len(chosen) < count and any(len(queue) > depth for queue in queues.values()):
        tier = sorted((queue[depth] for queue in queues.values() if len(queue) > depth), key=rank)
        chosen.update(metric.id for metric in tier[: count - len(chosen)])
        depth += 1
    return chosen


_AHEAD = ("target", "plan")
KeyGroupKind = Literal["results", "targets"]


@dataclass(frozen=True)
class KeyGroup:
    """Key figures of one kind and year. Ids only: the heading a reader sees (关键数据（2024年）,
    Targets (2025)) is the presentation's, in the chat's language (bot/present)."""

    kind: KeyGroupKind
    year: str | None
    metrics: tuple[Metric, ...]


def key_groups(metrics: Sequence[Metric]) -> list[KeyGroup]:
    """The key figures as a reader wants them: what was achieved (headline results first),
    then, apart, the coming year's targets and planned quantities; each with its year."""
    ordered = key_order(metrics)
    done = [m for m in ordered if m.kind not in _AHEAD]
    ahead = [m for m in ordered if m.kind in _AHEAD]
    done_year, ahead_year = _most_common_year(done), _first_year(ahead)
    groups = [
        KeyGroup("results", done_year, tuple(done)),
        KeyGroup("targets", ahead_year, tuple(ahead)),
    ]
    return [group for group in groups if group.metrics]


def _years(metrics: Sequence[Metric]) -> list[str]:
    return [m.period for m in metrics if m.period and "-" not in m.period]


def _most_common_year(metrics: Sequence[Metric]) -> str | None:
    years = Counter(_years(metrics))
    return years.most_common(1)[0][0] if years else None


def _first_year(metrics: Sequence[Metric]) -> str | None:
    """The coming year: the earliest a target or plan names (others reach further)."""
    return min(_years(metrics), default=None)
