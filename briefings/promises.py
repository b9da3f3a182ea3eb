"""Did they do what they promised: the targets one report sets for its year (report Y) against
the results the same issuer's next report gives for that year (report Y+1).

A target and a result pair through the canonical indicator both measure (Metric.indicator,
briefings/data/indicators.yaml) and the year they are for, never through a shared word: a
result for part of the year (前三季度) or over several (年均) is not the year's result. The
verdict follows the rules of briefings/data/promise_rules.yaml, in the indicator's direction:
`met`, `missed` (only ever with a result figure), `not_reported` (the later report gives no
figure and says nothing of it), `unclear` (it says so only in words — 保持在合理区间 — or in
another unit).

Plan items pair with the later report's review sentences of the year by the character bigrams
they share, each weighed by how rare it is in the review (idf), and by the section the sentence
sits in: a review part on the same work as an item speaks for the sentences under it. A sentence
goes to the item it is most about; each item's are ranked, verbatim, with their section.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal, Protocol, TypeVar

import yaml

from .choice import place
from .diff import bigrams
from .figures.indicators import (
    Indicator,
    Indicators,
    fallen,
    indicators,
    shared_indicators,
)
from .model import Item, Listed, Metric, Report, Section

L = TypeVar("L", bound=Listed)

Verdict = Literal["met", "missed", "not_reported", "unclear"]
# Which rule of the rule file decided a verdict: shown to users beside it.
Rule = Literal[
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "about_higher",
    "about_lower",
    "unit",
    "scope",
    "words",
    "absent",
    "plan_share",
]
_RATE_UNITS = ("%", "‰")
_CLAUSE = re.compile(r"[，；。：,;:]")
_LIST = re.compile(r"[、和]")


@dataclass(frozen=True)
class PlanMatch:
    share: float
    section_weight: float
    most: int
    not_reporting: tuple[str, ...] = ()
    margin: float = 0.0
    most_confident: int = 6
    confident_margin: float = 1.0
    heading_chars: int = 0
    lead_weight: float = 0.0


@dataclass(frozen=True)
class Rules:
    rate_points: float
    share: float
    partial_period: tuple[str, ...]
    partial_window: int
    decline_words: tuple[str, ...]
    qualitative: tuple[str, ...]
    plan: PlanMatch
    qualified: tuple[str, ...] = ()
    target_sentence: tuple[str, ...] = ()
    over_years: tuple[str, ...] = ()
    year_openers: tuple[str, ...] = ()
    reached: tuple[str, ...] = ()
    plan_share: tuple[str, ...] = ()
    quoting: tuple[str, ...] = ()
    ahead_titles: tuple[str, ...] = ()
    review_titles: tuple[str, ...] = ()
    level_reached: tuple[str, ...] = ()
    cumulative: tuple[str, ...] = ()


class RulesError(ValueError):
    """The rule file is not shaped as this module reads it."""


@cache
def rules() -> Rules:
    text = resources.files("briefings").joinpath("data/promise_rules.yaml").read_text("utf-8")
    return parse_rules(yaml.safe_load(text))


def parse_rules(data: dict[str, Any]) -> Rules:
    try:
        about, plan = data["about_tolerance"], data["plan_match"]
        return Rules(
            rate_points=float(about["rate_points"]),
            share=float(about["share"]),
            partial_period=tuple(data["partial_period"]),
            partial_window=int(data["partial_window"]),
            decline_words=tuple(data["decline_words"]),
            qualitative=tuple(data["qualitative"]),
            plan=PlanMatch(
                float(plan["share"]),
                float(plan["section_weight"]),
                int(plan["most"]),
                tuple(plan["not_reporting"]),
                float(plan["margin"]),
                int(plan["most_confident"]),
                float(plan["confident_margin"]),
                int(plan["heading_chars"]),
                float(plan["lead_weight"]),
            ),
            qualified=tuple(data["qualified"]),
            target_sentence=tuple(data["target_sentence"]),
            over_years=tuple(data["over_years"]),
            year_openers=tuple(data["year_openers"]),
            reached=tuple(data["reached"]),
            plan_share=tuple(data["plan_share"]),
            quoting=tuple(data["quoting"]),
            ahead_titles=tuple(data["ahead_titles"]),
            review_titles=tuple(data["review_titles"]),
            level_reached=tuple(data["level_reached"]),
            cumulative=tuple(data["cumulative"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"promise rules: {error}") from error


@dataclass(frozen=True)
class Quote:
    """A sentence as printed, with its section's number and title."""

    sentence: str
    section: str
    section_title: str = ""


@dataclass(frozen=True)
class Figure:
    """One side of a promise: the figure and where it is printed."""

    metric: Metric
    section_title: str = ""


@dataclass(frozen=True)
class Promise:
    indicator: str
    target: Figure
    result: Figure | None
    verdict: Verdict
    rule: Rule
    statement: Quote | None = None  # the later report's words, when it says so only in words


@dataclass(frozen=True)
class PlanReport:
    lead: str
    ordinal: str
    reported: tuple[Quote, ...]


@dataclass(frozen=True)
class Promises:
    issuer: str
    year: int | None  # the year of the targets, reviewed by the later report
    items: tuple[Promise, ...]
    plan: tuple[PlanReport, ...] = ()

    def count(self, verdict: Verdict) -> int:
        return sum(1 for item in self.items if item.verdict == verdict)


class Briefed(Protocol):
    """A report and its figures: a Briefing."""

    @property
    def report(self) -> Report: ...
    @property
    def metrics(self) -> Sequence[Metric]: ...


# Pairing of reports ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """The two reports to set side by side, or which one is missing (its place and year)."""

    target: Listed | None
    result: Listed | None
    place: str
    missing_year: int | None = None


def pair_for(reports: Sequence[Listed], report: Listed) -> Pair:
    """The pair `report` belongs to: with the same place's report of the year before (its
    targets, which `report` reviews), else of the year after (which reviews its targets)."""
    where, year = place(report), report.meta.year
    if year is None or not where:
        return Pair(None, None, where, None)
    same = {r.meta.year: r for r in reversed(reports) if place(r) == where and r.meta.year}
    same[year] = report
    if year - 1 in same:
        return Pair(same[year - 1], report, where)
    if year + 1 in same:
        return Pair(report, same[year + 1], where)
    return Pair(None, report, where, year - 1)


def pairs_of_year(reports: Sequence[L], year: int) -> list[tuple[L, L]]:
    """Every place's (report of `year`, report of `year` + 1), in the given order."""
    by_place: dict[tuple[str, int], L] = {}
    for report in reports:
        where = place(report)
        if where and report.meta.year in (year, year + 1):
            by_place.setdefault((where, report.meta.year), report)
    return [
        (target, by_place[(where, year + 1)])
        for (where, when), target in by_place.items()
        if when == year and (where, year + 1) in by_place
    ]


# Targets and results --------------------------------------------------------------------------


def _never(metric: Metric) -> bool:
    return False


def _of_year(metric: Metric, year: int | None) -> bool:
    return metric.period is None or year is None or metric.period == str(year)


def targets(metrics: Iterable[Metric], year: int | None) -> list[Metric]:
    """The year's targets, one per indicator: the first the report prints (its main targets),
    else a quantity its work plan sets for the year on a main indicator (城镇化率超过60%)."""
    found: dict[str, Metric] = {}
    planned: dict[str, Metric] = {}
    table = rules()
    for metric in _dealt(metrics, year):
        # 国民经济增长速度由原定平均每年百分之六调高到百分之八至九: an average over several
        # years (a five-year plan's, revised) is not the year's target
        if not metric.indicator or not _of_year(metric, year) or _partial(metric, table):
            continue
        if metric.kind == "target":
            found.setdefault(metric.indicator, metric)
        elif metric.kind == "plan":
            planned.setdefault(metric.indicator, metric)
    return list(found.values()) + [m for key, m in planned.items() if key not in found]


def _dealt(metrics: Iterable[Metric], year: int | None) -> Iterator[Metric]:
    """The metrics, one number printed for several items (城镇居民人均可支配收入、农民人均纯收入
    分别增长12%) dealt out to each: the figure engine gives it the first item's indicator, and it
    is as much the target (or result) of every other item of the list."""
    for metric in metrics:
        yield metric
        if metric.indicator is None:
            continue
        # the same number may be printed before for another measure (增长 12%左右…分别增长12%):
        # the place whose list names the metric's own indicator is the one
        for at in _found_at(metric.sentence, metric.raw):
            span = (at, at + len(metric.raw))
            figure = (metric.unit, metric.qualifier)
            shared = shared_indicators(figure, metric.sentence, span, "", year)
            if metric.indicator in shared:
                yield from (replace(metric, indicator=o) for o in shared if o != metric.indicator)
                break


def _found_at(text: str, part: str) -> Iterator[int]:
    at = text.find(part)
    while part and at >= 0:
        yield at
        at = text.find(part, at + 1)


def _partial(metric: Metric, table: Rules) -> bool:
    """Whether the figure covers part of the year or several years (前三季度, 年均); a clause
    opening on the year (前三季度…增长8.2%，全年增长8%) is the year's, whatever came before."""
    at = metric.sentence.find(metric.raw)
    item = indicators().get(metric.indicator or "")
    names = item.names if item else ()
    # PM2.5年均浓度: the year's average, named so; not an average of several years
    said = _unnamed(metric.sentence[:at], names) if at >= 0 else ""
    before = said[-table.partial_window :] if said else ""
    clause = _CLAUSE.split(said)[-1]
    label = _unnamed(metric.label, names)
    if _YEAR_OPENS.match(_plain(clause)):
        return any(word in clause for word in table.partial_period)
    return any(word in label or word in before for word in table.partial_period)


def _unnamed(text: str, names: Sequence[str]) -> str:
    """`text` with the indicator's names in it blanked out, each character kept in its place
    (names are kept folded and lower case)."""
    text = _YEARLY.sub(lambda m: "·" * len(m.group()), unicodedata.normalize("NFKC", text).lower())
    for name in names:
        text = text.replace(name, "·" * len(name))
    return text


_YEARLY = re.compile(r"年平?均浓度")  # a concentration's yearly mean


_YEAR_OPENS = re.compile(r"(?:预计)?(?:去年|全年|当年|[0-9]{4}年)")


def _narrowed(metric: Metric, table: Rules) -> bool:
    """Whether words before the number narrow what it measures (扣除房地产开发投资后)."""
    at = metric.sentence.find(metric.raw)
    return any(word in metric.sentence[: max(at, 0)] for word in table.qualified)


def results(
    metrics: Iterable[Metric], year: int | None, over_years: Callable[[Metric], bool] = _never
) -> dict[str, Metric]:
    """The year's results by indicator: the first the later report prints (its review). A
    flow or a growth rate said in a paragraph on several years (过去五年，城镇新增就业603.7万人)
    is theirs, not the year's; a level (城镇化率60%), or an amount said as the level reached
    (粮食总产量突破1300万吨), is where the year ended."""
    table, known = rules(), indicators()
    found: dict[str, Metric] = {}
    for metric in _named_before(_dealt(_fallen(metrics, year), year), known):
        if metric.kind != "result" or not metric.indicator or metric.period != str(year):
            continue
        item = known.get(metric.indicator)
        level = item is not None and (
            item.family == "level" or (item.family == "amount" and _level_reached(metric, table))
        )
        at = metric.sentence.find(metric.raw)
        quoted = any(
            re.search(f"{word}(?!的)", metric.sentence[: max(at, 0)]) for word in table.quoting
        )
        if not quoted and not _partial(metric, table) and (level or not over_years(metric)):
            first = found.setdefault(metric.indicator, metric)
            # 粮食产量稳定在60亿斤以上，达到61亿斤: the bar gives way to the figure its sentence
            # prints exactly
            if (
                first.bound in _BARS
                and metric.bound == "exact"
                and first.sentence == metric.sentence
            ):
                found[metric.indicator] = metric
    return found


_BARS = frozenset(("at_least", "more_than", "at_most", "less_than"))


def _level_reached(metric: Metric, table: Rules) -> bool:
    """Whether an amount is said as the level reached (总产量突破1300万吨, 生产总值达到13697.5亿元),
    not summed over the years (累计完成投资4999亿元) nor with their average in its own clause
    (进出口总值首次突破700亿元、年均增长13.2%: said of the span)."""
    at = metric.sentence.find(metric.raw)
    if at < 0:
        return False
    before = _CLAUSE.split(metric.sentence[:at])[-1]
    after = _CLAUSE.split(metric.sentence[at + len(metric.raw) :])[0]
    return any(word in before[-4:] + metric.raw for word in table.level_reached) and not any(
        word in before + metric.label + after for word in table.cumulative
    )


# A rise said with no subject (涨幅仍然高达百分之二十一点七): the measure is the sentence before's.
_BARE_CHANGE = re.compile(r"(?:涨幅|增幅|增速|上涨幅度|增长幅度)[仍然高低达为是只]*")


def _fallen(metrics: Iterable[Metric], year: int | None) -> Iterator[Metric]:
    """The metrics, a growth rate printed as a fall (一般公共预算收入下降2.1%, 固定资产投资下降8%)
    given its growth indicator: the year's result is the fall (judged as −2.1%)."""
    for metric in metrics:
        if metric.indicator is None:
            found = fallen(metric.label, metric.unit, metric.qualifier, year)
            metric = metric if found is None else replace(metric, indicator=found)
        yield metric


def _named_before(metrics: Iterable[Metric], known: Indicators) -> Iterator[Metric]:
    """The metrics, a bare rise (去年提出…物价上涨幅度控制在百分之十以内。…涨幅仍然高达百分之二十一点七)
    given the growth indicator of the sentence just before it in the same part, when its own
    sentence names no other figure before it."""
    before: Metric | None = None
    for metric in metrics:
        if (
            metric.indicator is None
            and before is not None
            and before.section == metric.section
            and before.sentence != metric.sentence
            and _BARE_CHANGE.fullmatch(metric.label)
            and getattr(known.get(before.indicator or ""), "family", None) == "growth"
        ):
            metric = replace(metric, indicator=before.indicator)
        if before is None or before.sentence != metric.sentence:
            before = metric if metric.indicator else None
        yield metric


def _signed(metric: Metric, item: Indicator, table: Rules) -> float:
    """The figure's value, negative for a growth rate printed as a fall (下降2%)."""
    falls = item.family == "growth" and not any(w in item.said_with for w in table.decline_words)
    at = metric.sentence.find(metric.raw)
    said = metric.label + (metric.sentence[max(0, at - 4) : at] if at >= 0 else "")
    if falls and any(word in said[-6:] for word in table.decline_words):
        return -abs(metric.value)
    return metric.value


def signed_value(metric: Metric) -> float:
    """The figure's number in its indicator's sense: negative for a growth rate printed as a
    fall (一般公共预算收入下降2.1%: −2.1), as the verdicts judge it and the reader is shown it."""
    item = indicators().get(metric.indicator or "")
    return metric.value if item is None else _signed(metric, item, rules())


def _tolerance(target: Metric, table: Rules) -> float:
    if target.unit in _RATE_UNITS:
        return table.rate_points
    return abs(target.value) * table.share


def judge(target: Metric, result: Metric, item: Indicator) -> tuple[Verdict, Rule]:
    """The verdict on a target given the later report's result for it, and the rule used."""
    table = rules()
    if target.unit != result.unit:
        return "unclear", "unit"
    if _narrowed(result, table):
        return "unclear", "scope"
    aim, got = _signed(target, item, table), _signed(result, item, table)
    higher = item.direction == "higher"
    if target.bound == "at_least":
        return ("met" if got >= aim else "missed"), "at_least"
    if target.bound == "more_than":  # 超过60%: 60% is not over it
        return ("met" if got > aim else "missed"), "more_than"
    if target.bound == "at_most":
        return ("met" if got <= aim else "missed"), "at_most"
    if target.bound == "less_than":
        return ("met" if got < aim else "missed"), "less_than"
    if target.bound == "range":
        edge = aim if higher else (target.upper if target.upper is not None else aim)
        return ("met" if (got >= edge if higher else got <= edge) else "missed"), (
            "at_least" if higher else "at_most"
        )
    slack = _tolerance(target, table) if target.bound == "about" else 0.0
    if higher:
        return ("met" if got >= aim - slack - 1e-9 else "missed"), "about_higher"
    return ("met" if got <= aim + slack + 1e-9 else "missed"), "about_lower"


def _sets_targets(text: str, table: Rules) -> bool:
    """Whether a sentence names targets other than as reached: 主要预期目标是… sets them,
    国内生产总值增长率达到预期目标 reports on one, as does …的预期目标圆满完成 (the verb after)."""
    for verb in table.reached:
        for word in table.target_sentence:
            text = text.replace(f"{verb}{word}", "").replace(f"{verb}了{word}", "")
            text = re.sub(f"{word}{_DONE_HOW}{verb}", "", text)
    return any(word in text for word in table.target_sentence)


# 预期目标圆满完成, 目标已经实现: how a target is said reached after it
_DONE_HOW = "(?:已经|已|均|全部|全面|顺利|圆满|胜利|如期|超额)*"
# 实现了年初确定的城镇新增就业4万人以上的目标: the year's target said reached, around its name
_TARGET_REACHED = re.compile(
    f"(?:实现|完成|达到)了?(?:年初|年度|全年)?(?:确定|提出|制定)的[^，。；;]*目标|目标{_DONE_HOW}(?:实现|完成)"
)


def _statement(item: Indicator, quotes: Sequence[Quote], table: Rules) -> Quote | None:
    """The later report's sentence saying the indicator only in words, if it has one."""
    for quote in quotes:
        text = quote.sentence.lower()
        if _sets_targets(text, table):
            continue
        said = any(w in text for w in table.qualitative) or _TARGET_REACHED.search(text)
        if any(name in text for name in item.names) and said:
            return quote
    return None


def _counterpart(item: Indicator, got: dict[str, Metric], known: Indicators) -> Metric | None:
    """The later report's figure on the same measure in the other form, when it prints that
    alone: 生产总值完成122.4亿元 for a 生产总值增长7% target (or a growth rate for an amount
    target). Units differ, so it is shown and judged unclear, never met or missed."""
    forms = {"growth", "amount"}
    return next(
        (
            got[other.id]
            for other in known.items
            if other.group == item.group
            and {other.family, item.family} == forms
            and other.id in got
        ),
        None,
    )


def _share_of_plan(
    item: Indicator, metrics: Sequence[Metric], year: int | None, table: Rules
) -> Metric | None:
    """The year's result printed as a share of its plan (城镇新增就业完成年计划的118.2%): the
    percentage after a plan_share word whose subject names the indicator (the n-th of a list
    of subjects takes the n-th percentage)."""
    names = item.names_in(year)
    for metric in metrics:
        if metric.kind != "result" or metric.period != str(year) or metric.unit != "%":
            continue
        text = metric.sentence.lower()
        for word in table.plan_share:
            at = text.find(word)
            if at < 0:
                continue
            clause = _CLAUSE.split(text[:at])[-1]
            subjects = _LIST.split(clause.replace("分别", ""))
            named = [n for n, said in enumerate(subjects) if any(x in said for x in names)]
            ends = _CLAUSE.search(text, at)
            end = ends.start() if ends else len(text)
            shares = sorted(
                (text.find(m.raw.lower(), at), n)
                for n, m in enumerate(metrics)
                if m.sentence == metric.sentence and m.unit == "%"
                and at <= text.find(m.raw.lower(), at) < end
            )  # fmt: skip
            if named and named[0] < len(shares) and len(shares) <= len(subjects):
                return metrics[shares[named[0]][1]]
    return None


def compare_figures(
    target_metrics: Sequence[Metric],
    result_metrics: Sequence[Metric],
    year: int | None,
    review: Sequence[Quote] = (),
    titles: dict[str, str] | None = None,
    over_years: Callable[[Metric], bool] = _never,
) -> list[Promise]:
    """Each target of `year` with its result (or the words or silence of the later report)."""
    table, known = rules(), indicators()
    titles = titles or {}
    got = results(result_metrics, year, over_years)
    promises = []
    for target in targets(target_metrics, year):
        item = known.get(target.indicator or "")
        if item is None:
            continue
        aim = Figure(target, titles.get(f"t:{target.section}", ""))
        result = got.get(item.id) or _counterpart(item, got, known)
        share = None if result else _share_of_plan(item, result_metrics, year, table)
        if share is not None:
            # a share of a rate's plan (增长6%) says neither the rate nor by how much: shown, unclear
            verdict: Verdict = "met" if share.value >= 100 else "missed"
            verdict = "unclear" if target.unit in _RATE_UNITS else verdict
            shown = Figure(share, titles.get(f"r:{share.section}", ""))
            promises.append(Promise(item.id, aim, shown, verdict, "plan_share"))
            continue
        if result is not None:
            verdict, rule = judge(target, result, item)
            shown = Figure(result, titles.get(f"r:{result.section}", ""))
            promises.append(Promise(item.id, aim, shown, verdict, rule))
            continue
        said = _statement(item, review, table)
        verdict, rule = ("unclear", "words") if said else ("not_reported", "absent")
        promises.append(Promise(item.id, aim, None, verdict, rule, said))
    return promises


# Reports --------------------------------------------------------------------------------------


def _review_sections(later: Briefed) -> list[Quote]:
    """The later report's sentences before the part on what comes: its plan, a part whose
    title names its year (2007年工作总体部署) or 今年 or sets goals (“十五五”时期的主要目标任务),
    or one setting its year's targets. A title naming the year before or a review too
    (1998年工作回顾和1999年工作的总体要求) opens a review."""
    report = later.report
    year = report.meta.year
    table = rules()
    plan_top = (report.plan.section or "").split(".")[0]
    own = (f"{year}年", "今年", *table.ahead_titles) if year else ("今年", *table.ahead_titles)
    reviews = (f"{year - 1}年", *table.review_titles) if year else table.review_titles
    targeting = {
        m.section.split(".")[0] for m in later.metrics
        if m.kind == "target" and (m.period is None or m.period == str(year))
    }  # fmt: skip
    quotes = [Quote(sentence, "", "") for sentence in report.preamble_sentences]
    for top in report.sections:
        title = _plain(top.title)
        ahead = any(w in title for w in own) and not any(w in title for w in reviews)
        if top.id == plan_top or top.id in targeting or ahead:
            break
        for node in top.walk():
            quotes += [Quote(sentence, node.id, node.title) for sentence in node.sentences]
    return quotes


def plan_reports(
    target: Report,
    review: Sequence[Quote],
    silent: frozenset[str] = frozenset(),
    giving: dict[str, frozenset[str]] | None = None,
) -> list[PlanReport]:
    """For each plan item of `target`, the review sentences that report on it, best first.

    A sentence's score for an item is the share of what it says (its bigrams, weighed by their
    idf over the review and the items: the genre's filler weighs next to nothing) that the
    item's lead or text says too, plus the rule's lead_weight times the share its lead alone says
    (the lead names what the item is about: 巩固和加强农业基础地位; its text runs on to much else);
    its section's score, the same over all the section says, adds
    to it for the item the section is most about. The sentence goes to the item it scores best
    for, when that score reaches the rule's share; headings, sentences saying what must be
    done (要…, 必须…) and addresses to the congress (各位代表！) report nothing; the `silent`
    sentences (run-in headings, shortcomings admitted) say what their part is about, but report
    nothing either. A sentence giving the year's result on an indicator the item names (国内生产
    总值比上年增长9.1% for an item on growth naming 国内生产总值) reaches the share for that item
    on that alone (`giving`: each sentence's indicator groups)."""
    table = rules().plan
    items = target.plan.items
    nodes = {node.id: node for node in target.walk()}
    texts = [_item_says(item, nodes.get(item.section)) for item in items]
    said = [_words(text) for text in texts]
    leads = [_words(item.lead) for item in items]
    named = [_named_groups(text, target.meta.year) for text in texts]
    giving = giving or {}
    grams = [frozenset() if _not_reporting(q, table) else _words(q.sentence) for q in review]
    weight = _idf([*grams, *said])
    unseen = math.log(len(grams) + len(said) + 1)  # a title's bigram said nowhere else

    def share(text: frozenset[str], item: frozenset[str]) -> float:
        whole = sum(weight.get(g, unseen) for g in text)
        return sum(weight.get(g, unseen) for g in text & item) / whole if whole else 0.0

    def gives(n: int, groups: frozenset[str]) -> bool:
        return bool(grams[n]) and bool(giving.get(review[n].sentence, frozenset()) & groups)

    scores = [
        [
            share(grams[n], saying)
            + table.lead_weight * share(grams[n], lead)
            + table.share * gives(n, groups)
            for saying, lead, groups in zip(said, leads, named, strict=True)
        ]
        for n in range(len(review))
    ]
    for part, members in _by_section(review).items():
        if not part or not said:
            continue
        title = _words(review[members[0]].section_title)
        whole = frozenset(title.union(*(grams[n] for n in members)))
        per_item = [share(whole, saying) for saying in said]
        best = max(range(len(said)), key=per_item.__getitem__)
        for n in members:
            if grams[n]:
                scores[n][best] += table.section_weight * per_item[best]
    chosen: list[list[tuple[float, int]]] = [[] for _ in items]
    margins: dict[int, float] = {}
    for n, row in enumerate(scores):
        if review[n].sentence in silent:
            continue
        top, second = ([0.0, *sorted(row)])[-1], ([0.0, 0.0, *sorted(row)])[-2]
        margins[n] = top - second
        for at, score in enumerate(row):
            if score >= table.share and score >= top:
                chosen[at].append((-score, n))
    return [
        PlanReport(item.lead or item.text, item.ordinal, _ranked(review, picked, margins, table))
        for item, picked in zip(items, chosen, strict=True)
    ]


def _named_groups(text: str, year: int | None) -> frozenset[str]:
    """The indicator groups (gdp, jobs…) a plan item names by any of their names of its time,
    the longest names first (单位国内生产总值能耗 is energy intensity, not the GDP it holds)."""
    plain = unicodedata.normalize("NFKC", text).lower()
    found = set()
    for name, group in _names_longest_first(year):
        if name in plain:
            found.add(group)
            plain = plain.replace(name, "·")
    return frozenset(found)


@cache
def _names_longest_first(year: int | None) -> tuple[tuple[str, str], ...]:
    """Every indicator name of `year`'s reports with its group, the longest first: sorted once
    per year, not once per plan item."""
    return tuple(
        sorted(
            ((name, item.group) for item in indicators().items for name in item.names_in(year)),
            key=lambda pair: -len(pair[0]),
        )
    )


def _giving(metrics: Iterable[Metric], year: int | None) -> dict[str, frozenset[str]]:
    """The indicator groups each sentence gives the year's result of (not of part of it)."""
    table, known = rules(), indicators()
    found: dict[str, set[str]] = {}
    for metric in metrics:
        item = known.get(metric.indicator or "")
        if item is None or metric.kind != "result" or metric.period != str(year):
            continue
        if not _partial(metric, table):
            found.setdefault(metric.sentence, set()).add(item.group)
    return {sentence: frozenset(groups) for sentence, groups in found.items()}


def _item_says(item: Item, node: Section | None) -> str:
    """What a plan item says: its lead and text, and when it is a part of the outline, what its
    sub-parts say too (（二）巩固和加强农业基础地位 over 第一，保护和提高粮食综合生产能力…)."""
    if node is None or node.title != item.lead or not node.children:
        return f"{item.lead}。{item.text}"
    return "。".join(f"{part.title}。{part.text}" for part in node.walk())


def _ranked(
    review: Sequence[Quote],
    picked: list[tuple[float, int]],
    margins: dict[int, float],
    table: PlanMatch,
) -> tuple[Quote, ...]:
    """An item's sentences, best first: of the `most` best, those it scores clearly above any
    other item (by `margin`); past them, up to `most_confident`, those it scores far above any
    other (by `confident_margin`: a broad review part on the item gives it many)."""
    kept = [
        n
        for rank, (_, n) in enumerate(sorted(picked))
        if margins[n] >= (table.margin if rank < table.most else table.confident_margin)
    ]
    return tuple(review[n] for n in kept[: table.most_confident])


def _not_reporting(quote: Quote, table: PlanMatch) -> bool:
    """A heading (the section's own title), a sentence on what must be done or an address to
    the congress: no report."""
    text = quote.sentence.strip().rstrip("。；;：:")
    if quote.section_title and text == quote.section_title.strip().rstrip("。；;：:"):
        return True
    return text.lstrip("—－-").startswith(table.not_reporting)


def _run_in_headings(report: Report, most: int) -> frozenset[str]:
    """Short sentences with no figure heading what follows: one standing alone as a paragraph
    over a paragraph of several (国民经济保持较快增长。, then the figures), or one opening on a
    dash (——经济平稳较快发展。 then the figures, a list of the year's results): a run-in heading
    of the review, reporting on no item itself. A text printing a sentence a line has no
    paragraph of several to head."""
    found: set[str] = set()
    for paragraphs in (report.preamble_paragraphs, *(n.paragraphs for n in report.walk())):
        for n, paragraph in enumerate(paragraphs):
            after = paragraphs[n + 1] if n + 1 < len(paragraphs) else ()
            for at, sentence in enumerate(paragraph):
                said = sentence.strip().strip("—－-").rstrip("。；;")
                dashed = sentence.lstrip().startswith(("—", "－"))
                heads = dashed or (at == 0 and len(paragraph) == 1 and len(after) > 1)
                if heads and said and len(said) <= most and not _DIGIT.search(said):
                    found.add(sentence)
    return frozenset(found)


_DIGIT = re.compile(r"[0-9０-９]")


def _admitted(report: Report, year: int | None) -> frozenset[str]:
    """The sentences of the shortcomings the report admits (经济效益仍然不高, 耕地不断减少…): the
    state of things, no report on a plan item; unless one speaks of the year or prints a figure
    (去年出台的调价项目比较多, 全国没有实现年初确定的…目标: the year's)."""
    table = rules()
    shortfalls = [item.text for item in report.problems.items if len(item.text) > 6]
    dated = (*table.year_openers, "年初", "全年", *((f"{year}年",) if year else ()))
    return frozenset(
        sentence
        for node in report.walk()
        for sentence in node.sentences
        if any(text in sentence or sentence in text for text in shortfalls)
        and not _DIGIT.search(sentence)
        and not any(word in _plain(sentence) for word in dated)
    )


def _idf(texts: Sequence[frozenset[str]]) -> dict[str, float]:
    counts = Counter(gram for text in texts for gram in text)
    return {gram: math.log((len(texts) + 1) / (count + 0.5)) for gram, count in counts.items()}


def _by_section(review: Sequence[Quote]) -> dict[str, list[int]]:
    parts: dict[str, list[int]] = {}
    for n, quote in enumerate(review):
        parts.setdefault(quote.section, []).append(n)
    return parts


def _words(text: str) -> frozenset[str]:
    """The text's bigrams of words: a number's digits (2025年) say nothing of a task."""
    return frozenset(gram for gram in bigrams(text) if not any(ch.isdigit() for ch in gram))


def _over_years(report: Report, year: int | None) -> frozenset[str]:
    """The sentences of the paragraphs reviewing several years: from a paragraph opening on
    the span (过去的五年极不寻常) to one opening on the year itself (刚刚过去的2025年), within
    a part of the outline."""
    table = rules()
    closing = (*table.year_openers, f"{year}年") if year else table.year_openers
    found: set[str] = set()
    for node in report.walk():
        span = False
        for paragraph in node.paragraphs:
            first = _plain(paragraph[0]) if paragraph else ""
            if any(word in first for word in closing):
                span = False
            elif any(word in first for word in table.over_years):
                span = True
            if span:
                # 去年经济增长8.8%: a sentence opening on the year is the year's, span or not.
                found.update(s for s in paragraph if not _plain(s).startswith(closing))
    return frozenset(found)


_YEARS = re.compile(r"([0-9]{4})年")


def _dated(metric: Metric, year: int | None) -> bool:
    """Whether the last year its sentence names before the figure is `year`: in a review of
    several years, 2000年国内生产总值…比上年增长8% is the year's own growth."""
    at = metric.sentence.find(metric.raw)
    named = _YEARS.findall(_plain(metric.sentence[: max(at, 0)]))
    return year is not None and bool(named) and named[-1] == str(year)


def _plain(text: str) -> str:
    """The text with full-width digits read as plain and the spaces between them gone
    (1 9 9 7 年 as 1997年), as the 1990s texts print them."""
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _says(sentence: str, words: str | None) -> bool:
    return words is not None and words in _plain(sentence)


def _titles(report: Report, prefix: str) -> dict[str, str]:
    return {f"{prefix}:{node.id}": node.title for node in report.walk()}


def year_of_targets(target: Listed, result: Listed) -> int | None:
    if target.meta.year is not None:
        return target.meta.year
    return result.meta.year - 1 if result.meta.year is not None else None


def promises(target: Briefed, result: Briefed) -> Promises:
    """Report `target`'s targets for its year against report `result`'s results for it."""
    year = year_of_targets(target.report, result.report)
    review = _review_sections(result)
    titles = {**_titles(target.report, "t"), **_titles(result.report, "r")}
    spans = _over_years(result.report, result.report.meta.year and result.report.meta.year - 1)
    items = compare_figures(
        target.metrics,
        result.metrics,
        year,
        review,
        titles,
        lambda m: m.sentence in spans and not _dated(m, year),
    )
    # The plan's items are reported on in the year's review, not in paragraphs on several years
    # nor in a sentence on the later report's own year (１９９５年是…重要一年).
    ahead = f"{result.report.meta.year}年" if result.report.meta.year else None
    silent = _run_in_headings(result.report, rules().plan.heading_chars) | _admitted(
        result.report, year
    )
    plan = plan_reports(
        target.report,
        [q for q in review if q.sentence not in spans and not _says(q.sentence, ahead)],
        silent,
        _giving(result.metrics, year),
    )
    return Promises(place(target.report), year, tuple(items), tuple(plan))


# Export ---------------------------------------------------------------------------------------


def _side(side: Figure | None) -> dict[str, Any] | None:
    if side is None:
        return None
    metric = side.metric
    return {
        "raw": metric.raw,
        "value": signed_value(metric),
        "bound": metric.bound,
        "unit": metric.unit,
        "sentence": metric.sentence,
        "section": metric.section,
    }


def _zh(table: Indicators, key: str, issuer: str) -> str:
    item = table.get(key)
    return table.zh_of(item, issuer) if item is not None else key


def as_record(found: Promises) -> dict[str, Any]:
    """The export's contract: issuer, year, each target with its result (or null) and verdict,
    each plan item with the review sentences on it."""
    table = indicators()
    return {
        "issuer": found.issuer,
        "year": found.year,
        "items": [
            {
                "indicator": item.indicator,
                "name": _zh(table, item.indicator, found.issuer),
                "target": _side(item.target),
                "result": _side(item.result),
                "verdict": item.verdict,
            }
            for item in found.items
        ],
        "plan": [
            {
                "lead": plan.lead,
                "reported": [{"sentence": q.sentence, "section": q.section} for q in plan.reported],
            }
            for plan in found.plan
        ],
    }
