"""What a figure is and when: a result of the year reviewed, a target or plan of the coming
year, the start of a change, a threshold, or a total over a span; and the year or span.

A 政府工作报告 of year Y reviews Y-1 (or a five-year plan period) and then sets out Y's targets
and work. A section's place in that story comes from its top-level part's title (回顾 …), the
years and spans its titles name; a sentence's own time words (2024年, 去年, "十四五"期间,
过去五年) override it for the figures that follow them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..model import Report, Section
from ..text import fold
from .scan import Found

KINDS = ("result", "target", "plan", "start", "threshold", "cumulative")
REVIEW, PLAN = "review", "plan"

# Five-year plans by their ordinal (“九五” … “十五五”): the first year of each.
_FIVE_YEAR_PLANS = {
    "六五": 1981, "七五": 1986, "八五": 1991, "九五": 1996, "十五": 2001, "十一五": 2006,
    "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031,
}  # fmt: skip
_PLAN_NAME = re.compile(
    r"[“\"「]?(?P<name>" + "|".join(sorted(_FIVE_YEAR_PLANS, key=len, reverse=True)) + r")[”\"」]?"
)
_REVIEW_TITLE = re.compile(r"回顾|过去|一年来|去年|成就|基本情况|以来工作|工作总结")
_TARGET_TITLE = re.compile(r"预期目标|主要目标|奋斗目标|发展目标|目标任务|任务目标|工作目标")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2}) ?年(?!代)")
_PAST_SPAN = re.compile(r"过去(?:的)?[五5]年|[五5]年来|近[五5]年|这[五5]年|本届政府")
_NEXT_SPAN = re.compile(r"今后[五5]年|未来[五5]年")
# Time words of a sentence, the nearest before a figure wins: a year, a plan period, a span.
_TIME = re.compile(
    r"(?P<year>(?<![0-9])(?:19|20)[0-9]{2}) ?年(?![代0-9])|(?P<plan>"
    + "|".join(sorted(_FIVE_YEAR_PLANS, key=len, reverse=True))
    + r")(?=[”\"」]?(?:时期|期间|以来|规划|末|计划))"
    r"|(?P<past>过去(?:的)?[五5]年|[五5]年来|近[五5]年|这[五5]年)|(?P<next>今后[五5]年|未来[五5]年)"
    r"|(?P<last>去年|上一年|过去一年|一年来)|(?P<this>今年|明年)"
)
# A year after 比, 较, 与 … is the base of a comparison, not the figure's period.
_COMPARED = re.compile(r"[比较与同于]$")
_TARGET_CUE = re.compile(r"预期目标|主要目标|发展目标|目标是|目标为|目标任务")
_CUMULATIVE_CUE = re.compile(r"累计|期间|时期|年均|五年来|过去五年|近五年|这五年|总计")
# 从X增加到Y, 由X提高至Y: what lies between a change's start and its result.
_CHANGE_TO = re.compile(
    r"^(?:的水平|的)?\s*(?:增加|提高|提升|增长|上升|下降|减少|降低|扩大|缩小|缩减|跃升|攀升|升|降|增|减)?(?:到|至)"
)
_CHANGE_FROM = re.compile(r"[从由]")
_THRESHOLD_RAW = re.compile(r"^(?:超过|超|逾|过)|(?:以上|以下|以内)$")
_CLAUSE = re.compile(r"[,;:。!?]")


@dataclass(frozen=True)
class Setting:
    """Where a section stands in the report's time: reviewing or planning, and when."""

    phase: str
    period: str | None
    targets: bool = False  # a part setting out the main targets (主要预期目标)


def report_year(report: Report) -> int | None:
    """The year the report plans for: the year of the report (its reviewed year is one less)."""
    return report.meta.year or report.plan.year


def _span(first: int, last: int) -> str:
    return f"{first}-{last}"


def _plan_span(name: str) -> str:
    first = _FIVE_YEAR_PLANS[name]
    return _span(first, first + 4)


def _title_period(title: str, year: int | None, review: bool) -> str | None:
    """The year or span a section title names, as it concerns the part (review or plan)."""
    years = [int(y) for y in _YEAR.findall(title)]
    if year is not None:
        years = [y for y in years if (y < year if review else y >= year)]
    if years:
        return str(max(years) if review else min(years))
    plan = _PLAN_NAME.search(title)
    if plan and plan["name"] in _FIVE_YEAR_PLANS and ("时期" in title or "期间" in title):
        return _plan_span(plan["name"])
    if year is not None and review and _PAST_SPAN.search(title):
        return _span(year - 5, year - 1)
    if year is not None and not review and _NEXT_SPAN.search(title):
        return _span(year, year + 4)
    return None


def section_settings(report: Report) -> dict[str, Setting]:
    """Setting of the preamble ("0") and of every section, by id."""
    year = report_year(report)
    reviewed = str(year - 1) if year else None
    settings = {"0": Setting(REVIEW, reviewed)}
    for top in report.sections:
        title = _clean(top.title)
        review = bool(_REVIEW_TITLE.search(title))
        default = reviewed if review else (str(year) if year else None)
        base = Setting(
            REVIEW if review else PLAN,
            _title_period(title, year, review) or default,
            bool(_TARGET_TITLE.search(title)) and not review,
        )
        for section, setting in _descend(top, base, year):
            settings[section.id] = setting
    return settings


def _descend(
    section: Section, setting: Setting, year: int | None
) -> Iterator[tuple[Section, Setting]]:
    yield section, setting
    for child in section.children:
        title = _clean(child.title)
        own = _title_period(title, year, setting.phase == REVIEW)
        targets = setting.targets or (
            setting.phase == PLAN and bool(_TARGET_TITLE.search(title[:20]))
        )
        yield from _descend(
            child, replace(setting, period=own or setting.period, targets=targets), year
        )


def _clean(title: str) -> str:
    return re.sub(r"\s+", "", fold(title))


@dataclass(frozen=True)
class Told:
    kind: str
    period: str | None


def classify(
    text: str, found: list[Found], setting: Setting, year: int | None, in_targets: bool
) -> list[Told]:
    """Kind and period of each figure of the folded sentence `text`. `in_targets`: the
    sentence belongs to a run that states the coming year's main targets."""
    result: list[Told] = []
    for index, figure in enumerate(found):
        period, span_word = _period(text, figure.start, setting, year)
        kind = _kind(text, found, index, setting, in_targets)
        if kind == "start":
            period = _start_period(text, figure.start)
        elif kind == "result" and span_word:
            kind = "cumulative"
        elif kind in ("target", "plan") and _before(period, year):
            kind = "result"  # a past year's figure recalled in the plan part
        result.append(Told(kind, period))
    return result


def _before(period: str | None, year: int | None) -> bool:
    return bool(period and year and "-" not in period and int(period) < year)


def opens_targets(text: str, setting: Setting, year: int | None) -> bool:
    """Whether the folded sentence states the coming year's main targets (主要预期目标是：…);
    the sentences after it in its paragraph go on stating them."""
    if not _TARGET_CUE.search(text):
        return False
    return setting.phase == PLAN or "今年" in text or (year is not None and f"{year}年" in text)


def _kind(text: str, found: list[Found], index: int, setting: Setting, targets: bool) -> str:
    figure = found[index]
    raw = text[figure.start : figure.end]
    if index + 1 < len(found) and _is_start(text, figure, found[index + 1]):
        return "start"
    if _is_threshold(text, figure, raw):
        return "threshold"
    if targets or setting.targets:
        return "target"
    clause = _clause_before(text, figure.start)
    if setting.phase == REVIEW:
        return "cumulative" if _CUMULATIVE_CUE.search(clause) else "result"
    return "plan"


def _clause_before(text: str, start: int) -> str:
    return _CLAUSE.split(text[:start])[-1]


def _is_start(text: str, figure: Found, following: Found) -> bool:
    between = text[figure.end : following.start]
    return bool(_CHANGE_TO.match(between)) and bool(
        _CHANGE_FROM.search(_clause_before(text, figure.start)[-12:])
    )


def _is_threshold(text: str, figure: Found, raw: str) -> bool:
    """超200亿元的县, 亿元以上项目: a bar that names what is counted, not a figure of it."""
    after = text[figure.end : figure.end + 1]
    if not _THRESHOLD_RAW.search(raw):
        return False
    if after == "的":
        return True
    return (
        raw.endswith(("以上", "以下")) and "\u4e00" <= after <= "\u9fff" and after not in "增达占"
    )


def _period(text: str, start: int, setting: Setting, year: int | None) -> tuple[str | None, bool]:
    """The figure's period and whether a span word (过去五年, “十四五”期间) gives it."""
    told = None
    for match in _TIME.finditer(text[:start]):
        if not _COMPARED.search(text[: match.start()]):
            told = match
    if told is None:
        return setting.period, False
    if told["year"]:
        return told["year"], False
    if told["plan"]:
        return _plan_span(told["plan"]), True
    if year is None:
        return setting.period, False
    if told["past"]:
        return _span(year - 5, year - 1), True
    if told["next"]:
        return _span(year, year + 4), False
    if told["last"]:
        return str(year - 1), False
    return str(year), False


def _start_period(text: str, start: int) -> str | None:
    """从2012年的X: the year printed with the start, if any."""
    years = _YEAR.findall(_clause_before(text, start)[-10:])
    return years[-1] if years else None
