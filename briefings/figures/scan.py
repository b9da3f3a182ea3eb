"""Find the figures printed in one sentence: amounts, percentages, ratios and rankings."""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, partial

from ..text import cn_number, fold
from . import patterns as p
from .words import figure_words

PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")
RANK_UNIT = "位"
STREAK_TIMES = "次"
# A streak counts its years, quarters or months (连续16个季度: 16 季度).
STREAK_UNITS = {"个季度": "季度", "个月": "月"}
# Symbols that glue a number into a formula or a code (7×24, 1+6+5+X), never a figure.
_FORMULA = set("+×*/=" + string.ascii_letters)


@dataclass(frozen=True)
class Found:
    """A figure's span in its sentence and what it says; `start`/`end` index the sentence."""

    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    upper: float | None = None


def figure_text(sentence: str) -> str:
    """The folded sentence the figures are read from (same length as `sentence`)."""
    return p.DOT_DECIMAL.sub(".", fold(sentence))


def scan_sentence(sentence: str) -> list[Found]:
    """Every figure of `sentence`, in order; overlaps go to the more specific reading."""
    text, where = _compact(figure_text(sentence))
    blocked = list(_blocked_spans(text))
    taken: list[Found] = []
    for finder in _FINDERS:
        for item in finder(text):
            if not _overlaps(item, blocked) and not _overlaps(item, taken):
                taken.append(item)
    taken = [item for item in taken if not (_names_or_age(text, item) or _no_quantity(text, item))]
    found = [replace(item, start=where[item.start], end=where[item.end - 1] + 1) for item in taken]
    return sorted(found, key=lambda item: item.start)


# Digits spread by spaces (1 9 9 7 年, 4 9 2 5 0 万吨, 39.8 万亿元, 第 2 位) read as one number;
# a space before 余/多 (3300 余栋, 6000 多家) or after a bound word (近 4000 户) joins them too.
_SPREAD = re.compile(
    r"(?<=[0-9.])\s+(?=[0-9.]|[万亿千百][^0-9]|[万亿]|[%‰位名]|[余多][\u4e00-\u9fff])"
    r"|(?<=第)\s+(?=[0-9])|(?<=[近约超过破逾])\s+(?=[0-9])"
)


def _compact(text: str) -> tuple[str, list[int]]:
    """`text` without the spaces inside numbers, and each kept character's index in `text`."""
    kept = [True] * len(text)
    for match in _SPREAD.finditer(text):
        for n in range(*match.span()):
            kept[n] = False
    where = [n for n in range(len(text)) if kept[n]]
    return "".join(text[n] for n in where), [*where, len(text)]


def _names_or_age(text: str, item: Found) -> bool:
    """A number that names a policy (22条举措, 落实民营经济32条) or an age of eligibility
    (35岁以下, 2-3周岁托班): taken by a finder, but no quantity."""
    clause = p.CLAUSE_BREAK.split(text[: item.start])[-1]
    if item.unit in p.AGE_UNITS:
        return not p.AGE_MEASURED.search(clause)
    if (
        item.unit in ("项", "条")
        and p.SLOGAN_COUNT.search(clause)
        and p.POLICY_QUALIFIED.match(text, item.end)
    ):
        return True  # 落实“十个常态化”30项防控措施: a package known by its slogan and size
    if item.unit != "条" or any(cue in clause[-4:] for cue in p.COUNT_CUES):
        return False
    if p.POLICY_AFTER.match(text, item.end):
        return True
    if clause.strip() and p.POLICY_QUALIFIED.match(text, item.end):
        return True
    return bool(p.POLICY_NAMED.search(clause) and p.POLICY_END.match(text, item.end))


def _no_quantity(text: str, item: Found) -> bool:
    """A number that measures nothing: a grade, magnitude or rating (三级医院, 6.8级地震,
    25兆瓦级风电轴承), a vague batch (新增一批), or the count of the things just listed
    (器件、装备、人工智能等3个产业集群: the reader sees them named)."""
    if item.unit == "级" or text.startswith("级", item.end):
        return True
    if item.unit == "批" and text[item.start : item.end].endswith("一批"):
        return True
    if item.unit in p.RATING_UNITS and (
        p.RATED_CLASS.match(text, item.end)
        or (_RATED_RAW.search(text, item.start, item.end) and _HAN.match(text, item.end))
    ):
        return True  # 10万千瓦及以下燃煤机组, 480千瓦以上超充站: a rating that names a class
    if item.unit in p.REACH_UNITS and p.REACH_NAME.match(text, item.end):
        return True  # 15分钟便民生活圈, 50米内换乘比例: a reach naming an area or a measure
    if item.unit == "人" and item.value >= _PEOPLE_RHETORIC and text.startswith("人民", item.end):
        return True  # 凝聚13亿人民的智慧和力量: the whole people, no count of the work
    if p.DOCUMENT_PARTS.match(text, item.end):
        return True  # 28个主要指标: the parts of a document, counted in its outline
    if (
        item.unit in ("个", "项")
        and p.DOCUMENT_ITEMS.match(text, item.end)
        and p.DOCUMENT_SAYS.search(text[: item.start])
    ):
        return True  # 《纲要（草案）》提出了15个方面的重点任务, 具体部署了13项任务举措
    if text.endswith("时速", 0, item.start):
        return True  # 时速350公里高铁: a line's rating
    if item.unit == "小时" and p.HOURS_NAME.match(text, item.end):
        return True  # 144小时过境免签, 24小时通关: a service named by its hours
    if item.unit == "次" and p.ACTION_AFTER.match(text, item.end):
        return True  # 5次调高…标准: how often something was done, no measure of it
    if _describes(text, item):
        return True
    if p.VOLTAGE_AFTER.match(text, item.end):
        return True  # 11万伏变电站: a rating
    if item.unit in ("个", "项") and p.FRAMEWORK_PARTS.match(text, item.end):
        return True  # 由4个方面、42个指标组成的指标体系
    if item.unit in p.ELAPSED_UNITS and text.endswith("过去", 0, item.start):
        return True  # 今年已经过去3个多月: the time of year the report is given in
    if item.unit in p.THING_UNITS and (
        p.LISTED_AFTER.match(text, item.end)
        or (item.value == 1 and p.NAMED_AFTER_COLON.match(text, item.end))
    ):
        return True  # 城建工程10项：①…②…, 卫生工程1项：县医院医技楼建设: named right after
    if item.unit in p.THING_UNITS and p.PARTS_FOLLOW.fullmatch(text, item.end):
        return True  # 着力完成七项任务：(一是…): the parts the text sets out next
    clause = p.CLAUSE_BREAK.split(text[: item.start])[-1]
    if item.unit in PERCENT_UNITS:
        return False
    if clause.endswith("等"):
        # …、人事和薪酬制度以及投融资平台建设等四项改革: 以及 and 及 join the last one;
        # 冉庄镇、张登镇和魏村镇等3个乡镇: 和 may too.
        listed = len(_LISTED.split(clause))
        return item.value in (listed, listed + clause.count("和"))
    # 完成龙泉关、天生桥、史家寨3个镇区: the count of the places or firms named right before it
    # (婚育、重大疾病免费救治、退休3个链条 counts kinds of things: a figure).
    names = clause.split("、")
    return (
        item.unit in p.THING_UNITS
        and bool(p.NAMED_THINGS.match(text, item.end))
        and len(names) >= 2
        and len(names) == item.value
        and all(name and not _DIGIT.search(p.DESCRIBED_AMOUNT.sub("", name)) for name in names)
    )


_DIGIT = re.compile(r"[0-9]")
_RATED_RAW = re.compile(r"(?:以上|以下)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PEOPLE_RHETORIC = 10**8
_LISTED = re.compile(r"、|以及|及")


def _describes(text: str, item: Found) -> bool:
    """A quantity that describes one named thing (总投资12.6亿元的照旺台棚改项目, 占地6904亩的
    工业台地, 16.64平方公里的阜东产业园区): part of its name, not a result of the work; a count
    of such things after it (总投资286.19亿元的重点项目64个) makes it their total."""
    if item.unit in p.CAPACITY_UNITS and p.CAPACITY_OF.match(text, item.end):
        return True  # 白银集团7万吨锌基合金等项目: a project named by its capacity
    described = p.DESCRIBED.match(text, item.end)
    if not described:
        return _names_one_project(text, item)
    if p.COUNTED_AFTER.match(text, described.end()) or p.LISTED_UP_TO_COUNT.match(
        text, described.end()
    ):
        return False  # …等文旅文创“十大项目”: the things described are counted, a total
    before = p.CLAUSE_BREAK.split(text[: item.start])[-1]
    # 年产各30万吨的扬子和齐鲁乙烯工程: a plant's yearly capacity describes it too.
    capacity = item.unit in p.CAPACITY_UNITS and p.CAPACITY_BY.search(before)
    return bool(p.DESCRIBED_BY.search(before) or capacity) or item.unit in p.AREA_UNITS


def _names_one_project(text: str, item: Found) -> bool:
    """投资3.12亿元的晨阳水性涂料: an investment in 元 followed by one project's name (no 项目
    printed). A count after the name (总投资45亿元的8个项目…) makes it a total, unless the amount
    is one item of a 、 list the count closes (…、投资1.2亿元的双帆蓄电池7个过亿元项目)."""
    if not item.unit.endswith("元"):
        return False
    before = p.CLAUSE_BREAK.split(text[: item.start])[-1]
    by = p.DESCRIBED_BY.search(before)
    named = p.NAMED_AFTER.match(text, item.end)
    if not by or by.group() == "占地" or not named:
        return False
    if not p.COUNTED_AFTER.match(text, named.end()):
        return not p.LISTED_UP_TO_COUNT.match(text, named.end())
    return before[: by.start()].endswith("、")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _overlaps(item: Found, spans: Sequence[Found | _Span]) -> bool:
    return any(item.start < span.end and span.start < item.end for span in spans)


@cache
def _slogans() -> re.Pattern[str]:
    return re.compile(p.alternation(figure_words().slogans))


def _blocked_spans(text: str) -> Iterator[_Span]:
    for pattern in (p.TITLE, p.QUOTED_NAME, p.TITLE_WON, p.DATED_BRACKET, _slogans()):
        for match in pattern.finditer(text):
            inner = match.group()[1:-1]
            if pattern in (p.QUOTED_NAME, p.TITLE_WON) and (
                p.STREAK_TITLES.fullmatch(inner)
                or p.STREAK_RISES.fullmatch(inner)
                or p.TOP_LIST.search(inner)
            ):
                continue  # 争创“六连冠”, 实现“十连增”, 进入“…500强”: a streak or a place, quoted
            yield _Span(*match.span())


def arabic(token: str) -> Decimal:
    """Value of an Arabic number as patterns.ARABIC matches it (thousands commas allowed)."""
    return Decimal(token.replace(",", ""))


def numeral(token: str) -> Decimal | None:
    """Value of an Arabic number (with thousands commas) or of a Chinese numeral."""
    if token[0].isdigit():
        return arabic(token)
    if token in p.MULTIPLIERS:
        return Decimal(p.MULTIPLIERS[token])
    whole, _, decimals = token.partition("点")  # 十一点八: 11.8
    value = cn_number(whole)
    if value is None or (decimals and not all(d in _CN_DIGIT for d in decimals)):
        return None
    return Decimal(f"{value}.{''.join(_CN_DIGIT[d] for d in decimals)}" if decimals else value)


_CN_DIGIT = dict(zip("零〇一二三四五六七八九", "00123456789", strict=True))


def _approx(match: re.Match[str], *groups: str) -> bool:
    return any(match.group(name) for name in groups)


def _ratios(text: str) -> Iterator[Found]:
    for head in p.RATIO_HEAD.finditer(text):
        if head["unit"] in ("人", "个") and not head["num"]:
            continue  # 每人每月1160元, 每个村培训1人: one person or thing names the measure, no base
        clause = p.CLAUSE_BREAK.split(text[head.end() :])[0]
        # 每千人拥有3岁以下婴幼儿托位数4.59个: an age names the things counted, not the rate.
        amounts = [a for a in _base_amounts(clause) if a.unit not in p.AGE_UNITS]
        if not amounts or amounts[0].start >= p.RATIO_GAP or amounts[0].unit in PERCENT_UNITS:
            continue
        amount = amounts[0]
        num = head["num"] or head["bare_num"] or ""
        base_unit = head["unit"] or head["bare_unit"] or head["month"]
        end = head.end() + amount.end
        if p.PER_UNIT_CHANGE.search(clause[: amount.start]):
            # 每50公斤提高5到7元: a rise of 5 to 7 元 for each 50 公斤, as printed, not 0.1 元/公斤.
            unit = (
                _per(amount, num, base_unit)[1]
                if base_unit == "年"
                else f"{amount.unit}/{num}{base_unit}"
            )
            yield Found(head.start(), end, amount.value, unit, "ratio", amount.upper)
            continue
        value, unit = _per(amount, num, base_unit)
        if value is None:
            continue
        # 每千人病床数达到3.9张 prints the rate whole; when the measure's name runs longer
        # (每千人拥有3岁以下婴幼儿托位数4.59个) or holds the base (万人发明专利拥有量达到4件), the
        # figure is the amount, labelled by the words before it like any other.
        whole = amount.end <= p.RATIO_GAP and not head["bare_num"] and not head["month"]
        start = head.start() if whole else head.end() + amount.start
        yield Found(start, end, value, unit, "ratio")
        # 每平方公里产出GDP、财政收入分别达8亿元和2.8亿元, 每百人拥有固定电话70部、移动电话85部:
        # the items listed after the first in the same unit are per the same base; so is the end
        # of the change the first opens (从每月70元提高到88元).
        for before, item in itertools.pairwise(amounts):
            between = clause[before.end : item.start]
            joined = any(join in between for join in p.LIST_JOINS) or bool(
                p.CHANGE_TO.fullmatch(between)
            )
            if item.unit != amount.unit or not joined:
                break
            value, unit = _per(item, num, base_unit)
            if value is not None:
                start = head.end() + item.start
                yield Found(start, head.end() + item.end, value, unit, "ratio")


def _base_amounts(clause: str) -> list[Found]:
    """The amounts of a clause after a base (每万人…), ranges read whole (5到7元)."""
    ranges = list(_ranges(clause))
    singles = [a for a in _amounts(clause) if not any(r.start <= a.start < r.end for r in ranges)]
    return sorted(ranges + singles, key=lambda a: a.start)


def _per(amount: Found, base: str, base_unit: str) -> tuple[float | None, str]:
    """每2名…1台 is 0.5 台/名; a base written in words stays in the unit: 3.2 人/万人; 每年拿出
    1200万元 is a yearly amount in 元, its year being the figure's period."""
    if base_unit == "年" and not base:
        return amount.value, amount.unit
    if base and not base[0].isdigit():
        return amount.value, f"{amount.unit}/{base}{base_unit}"
    divisor = numeral(base) if base else Decimal(1)
    if not divisor:
        return None, ""
    return float(Decimal(repr(amount.value)) / divisor), f"{amount.unit}/{base_unit}"


def _rank_changes(text: str) -> Iterator[Found]:
    for match in p.RANK_CHANGE.finditer(text):
        value = numeral(match["num"])
        if value:
            yield Found(match.start(), match.end(), float(value), RANK_UNIT, "change")


def _ranks(text: str) -> Iterator[Found]:
    for pattern in (
        p.RANK_CUED,
        p.RANK_PLACE,
        p.RANK_PLAIN,
        p.RANK_BAND,
        p.RANK_WON,
        p.RANK_LISTED,
    ):
        for match in pattern.finditer(text):
            value = Decimal(1) if match.groupdict().get("top") else numeral(match["num"])
            if value:
                # 、第3: the place, not the 、 that lists it
                start = match.start() + (pattern is p.RANK_LISTED)
                yield Found(start, match.end(), float(value), RANK_UNIT, "rank")


def _top_lists(text: str) -> Iterator[Found]:
    for match in p.TOP_LIST.finditer(text):
        if not p.TOP_LIST_CUE.search(text[: match.start()]):
            continue
        value = _TOP_WORDS.get(match["num"]) or numeral(match["num"])
        if value:
            yield Found(match.start(), match.end(), float(value), RANK_UNIT, "rank")


_TOP_WORDS = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000)}


def _streak_titles(text: str) -> Iterator[Found]:
    # 五连冠, 连续第四次荣获: titles or honours won in a row, counted as times.
    for match in p.STREAK_TITLES.finditer(text):
        value = numeral(match["num"] or match["nth"])
        if value:
            yield Found(match.start(), match.end(), float(value), STREAK_TIMES, "exact")


def _cn_magnitudes(text: str) -> Iterator[Found]:
    for match in p.CN_MAGNITUDE.finditer(text):
        pre = match["pre"]
        if pre == "约" and "\u4e00" <= text[match.start() - 1 : match.start()] <= "\u9fff":
            pre = None  # 签约亿元以上项目: 约 ends a word, it bounds nothing (以上 may)
        if not (pre or match["post"]):
            continue
        unit = match["unit"] or ""
        if not unit and p.VISITS_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
            unit = "人次"  # 年旅游人次突破百万
        if not unit or unit in PERCENT_UNITS:
            continue
        count = numeral(match["num"]) if match["num"] else Decimal(1)
        if count is None:
            continue
        value = count * p.MAGNITUDE_WORDS[match["mult"]]
        start = match.start("pre") if pre else match.start("num")
        yield Found(start, match.end(), float(value), unit, "approx" if pre else "exact")


def _doublings(text: str) -> Iterator[Found]:
    for match in p.DOUBLINGS.finditer(text):
        times = 2 ** int(numeral(match["n"]) or 1) if match["n"] else 2
        qualifier = "approx" if match["more"] or match["pre"] else "exact"
        # 翻了将近一番: the figure starts at its bound word (将近一番, about twice)
        start = match.start("pre") if match["pre"] else match.start()
        yield Found(start, match.end(), float(times), "倍", qualifier)


def _percent_words(text: str) -> Iterator[Found]:
    for match in p.PERCENT_WORDS.finditer(text):
        value = numeral(match["num"])
        unit = "%" if match["base"] == "百" else "‰"
        qualifier = "approx" if _approx(match, "pre", "post") else "percent"
        if value is None:
            continue
        high = numeral(match["hi"]) if match["hi"] else None
        changed = p.CHANGE_FROM.search(text[max(match.start() - 12, 0) : match.start()])
        if high is not None and high > value and not changed:
            yield Found(match.start(), match.end(), float(value), unit, "range", float(high))
        elif match["hi"] and high is not None:
            # 从百分之五到百分之七: a change, its start and its result two figures.
            yield Found(match.start(), match.start("sep"), float(value), unit, "percent")
            yield Found(match.end("sep"), match.end(), float(high), unit, qualifier)
        else:
            yield Found(match.start(), match.end(), float(value), unit, qualifier)


def _tenths(text: str) -> Iterator[Found]:
    for match in p.TENTHS.finditer(text):
        value = numeral(match["num"])
        qualifier = "approx" if _approx(match, "pre", "post") else "percent"
        if value is not None:
            yield Found(match.start(), match.end(), float(value * 10), "%", qualifier)


def _fractions(text: str) -> Iterator[Found]:
    """Fractions as the shares they are, in % to two decimals (三分之一 33.33%, 1/4 25%, 一半
    50%), as the figure labels have them (tests/data/labels/figures/RULES.md)."""
    for pattern in (p.FRACTION, p.DIGIT_FRACTION):
        for match in pattern.finditer(text):
            den, num = numeral(match["den"]), numeral(match["num"])
            if den and num is not None and num < den and match["den"] not in ("百", "千"):
                yield _share(match, num / den)
    for match in p.HALF.finditer(text):
        yield _share(match, Decimal("0.5"))


def _share(match: re.Match[str], fraction: Decimal) -> Found:
    qualifier = "approx" if match["post"] else "percent"
    value = float(round(fraction * 100, 2))
    return Found(match.start(), match.end(), value, "%", qualifier)


def _proportions(text: str) -> Iterator[Found]:
    """A ratio as printed: 1∶3.4 reads 3.4 (for every 1), 2.04∶1 reads 2.04, 41.3∶58.6 and
    20.8：36.7：42.5 read their first term."""
    for match in p.PROPORTION.finditer(text):
        first = numeral(match["den"] or match["den2"] or match["den3"])
        second = numeral(match["num"] or match["num2"] or match["num3"])
        if first and second:
            # 1∶3.4 is 3.4 for every 1; a structure of three terms (1.0：52.4：46.6) its first.
            terms = len(_PROPORTION_SEPARATOR.findall(match.group())) + 1
            value = second if first == 1 and terms == 2 else first
            yield Found(match.start(), match.end(), float(value), p.RATIO_UNIT, "ratio")


_PROPORTION_SEPARATOR = re.compile("[∶:比]")

# A ratio or an index printed as a bare number after its name (城乡居民收入比降至2以内, 收入比值由3.27
# 缩小至2.93, 交通指数从6.32下降至6.08, 空气质量综合指数3.9): no unit, the name says what it is.
# Not a price index (居民消费价格指数为102.5: a level on last year's 100, read with its % elsewhere).
_BARE_NUMBER = (
    r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<bound>以内|以下|左右)?"
    r"(?=[,;:。、)]|$|(?:下降|缩小|降低|提高|上升|扩大)(?:至|到))"
)
_BARE_LEVEL = re.compile(
    r"(?<!价格)(?:收入比|比值|指数)(?:从|由|为|是|达到|达|降至|降到|下降至|下降到|缩小至|缩小到|稳定在|"
    r"控制在|保持在)?" + _BARE_NUMBER
)
_BARE_LEVEL_NEXT = re.compile(r"(?:下降|缩小|降低|提高|上升|扩大)(?:至|到)" + _BARE_NUMBER)


def _bare_levels(text: str) -> Iterator[Found]:
    for match in _BARE_LEVEL.finditer(text):
        yield Found(match.start("num"), match.end(), float(match["num"]), "", "exact")
        after = _BARE_LEVEL_NEXT.match(text, match.end())
        if after:
            yield Found(after.start("num"), after.end(), float(after["num"]), "", "exact")


def _shared_units(text: str) -> Iterator[Found]:
    for match in p.SHARED_UNIT.finditer(text):
        value = arabic(match["num"]) * p.MULTIPLIERS.get(match["mult"] or "", 1)
        unit = match["unit"]
        if unit != "年" and text[match.start() - 1 : match.start()] not in _FORMULA | {"第"}:
            qualifier = "percent" if unit in PERCENT_UNITS else "exact"
            yield Found(match.start(), match.end(), float(value), unit, qualifier)


def _ranges(text: str) -> Iterator[Found]:
    for match in p.RANGE.finditer(text):
        unit, before = match["unit"], text[match.start() - 1] if match.start() else ""
        if match["lounit"] not in (None, unit) or unit == "年" or before in _FORMULA | {"第"}:
            continue
        if match["sep"] in "至到" and p.CHANGE_FROM.search(
            text[max(match.start() - 12, 0) : match.start()]
        ):
            continue  # 从5到7人: a change, its start and result are two figures
        if text[match.end() : match.end() + 1] in _FORMULA:
            continue
        scale = p.MULTIPLIERS.get(match["mult"] or "", 1)
        low = arabic(match["lo"]) * p.MULTIPLIERS.get(match["lomult"] or "", scale)
        high = arabic(match["hi"]) * scale
        if low < high:
            yield Found(match.start(), match.end(), float(low), unit, "range", float(high))


def _cn_counts(text: str) -> Iterator[Found]:
    for match in p.CN_COUNT.finditer(text):
        value, unit = numeral(match["num"]), match["unit"]
        if value is None or (unit == "年" and match["cue"] not in p.DURATION_CUES):
            continue
        if unit in _PLACE_UNITS and text[max(match.start("num") - 1, 0)] == "前":
            continue  # 前三位: a band of places
        # A duration keeps its cue (连续三年); a count starts at its approximation word.
        start = match.start() if unit == "年" else match.start("pre" if match["pre"] else "num")
        qualifier = "approx" if _approx(match, "pre", "sfx", "post") else "exact"
        start, unit = _streak(text, start, unit)
        yield Found(start, match.end(), float(value), unit, qualifier)


def _cn_works(text: str) -> Iterator[Found]:
    for match in p.CN_WORKS.finditer(text):
        group = next(n for n in ("num", "num2", "num3") if match[n])
        unit_group = "unit" if group == "num" else f"unit{group[-1]}"
        value = numeral(match[group])
        if not value or (group == "num2" and value == 1):
            continue  # 高水平举办一届…运动会: the one event itself, no count
        described = p.CLAUSE_BREAK.split(text[match.end() :])[0]
        if value == 1 and "的" in described:
            continue  # 建成一座生态宜居的现代化城市: what the place is to become, no count
        qualifier = "approx" if match["sfx"] else "exact"
        yield Found(
            match.start(group), match.end(unit_group), float(value), match[unit_group], qualifier
        )
        more = p.CN_WORKS_MORE.match(text, match.end()) if group == "num" else None
        if more and (count := numeral(more["num"])):
            qualifier = "approx" if more["sfx"] else "exact"
            yield Found(more.start("num"), more.end(), float(count), more["unit"], qualifier)


def _counted_in_words(pattern: re.Pattern[str], text: str) -> Iterator[Found]:
    """Things counted in Chinese numerals by `pattern` (groups num and unit; 余 or 多 in sfx, where
    the pattern has one, makes the count approximate)."""
    for match in pattern.finditer(text):
        value = numeral(match["num"])
        if value:
            qualifier = "approx" if match.groupdict().get("sfx") else "exact"
            yield Found(
                match.start("num"), match.end("unit"), float(value), match["unit"], qualifier
            )


def _cn_times(text: str) -> Iterator[Found]:
    of_base = (m for m in p.CN_TIMES_OF.finditer(text) if p.TIMES_OF_CUE.search(text, 0, m.start()))
    for match in (*p.CN_TIMES.finditer(text), *of_base):
        value = numeral(match["num"])
        if value:
            start = match.start("pre") if match["pre"] else match.start("num")
            qualifier = "approx" if match["pre"] or match["sfx"] else "exact"
            yield Found(start, match.end(), float(value), "倍", qualifier)


def _streak_rises(text: str) -> Iterator[Found]:
    for match in p.STREAK_RISES.finditer(text):
        value = numeral(match["num"])
        if value:
            yield Found(match.start(), match.end(), float(value), "年", "exact")


def _medals(text: str) -> Iterator[Found]:
    for match in p.MEDALS.finditer(text):
        clause = p.CLAUSE_BREAK.split(text[: match.start()])[-1]
        value = numeral(match["num"])
        if value and p.MEDALS_WON.search(clause):
            yield Found(match.start(), match.end(), float(value), match["unit"], "exact")


def _cn_points(text: str) -> Iterator[Found]:
    for match in p.CN_POINTS.finditer(text):
        value = numeral(match["num"])
        if value is not None:
            qualifier = "approx" if match["post"] else "percent"
            yield Found(match.start(), match.end(), float(value), match["unit"], qualifier)


def _amounts(text: str) -> Iterator[Found]:
    before: Found | None = None  # the figure before, whose unit a bare one listed after shares
    for match in p.AMOUNT.finditer(text):
        unit, end = _unit(text, match)
        start = _amount_start(text, match, unit, end)
        if start is None:
            continue
        if not unit and match["mult"]:
            unit = _listed_unit(text, start, end, before)
        value = arabic(match["num"]) * p.MULTIPLIERS.get(match["mult"] or "", 1)
        if not unit and p.VISITS_BEFORE.search(text[max(0, start - 8) : start]):
            unit = "人次"
        elif not unit and (
            p.PEOPLE_BEFORE.search(text[max(0, start - 8) : start])
            or p.PEOPLE_AFTER.match(text, end)
        ):
            unit = "人"  # 贫困人口减少1386万: a number of people, the measure word left out
        elif not unit and p.HOUSEHOLDS_AFTER.match(text, end):
            unit = "户"  # 3400多贫困户: households, the measure word left out
        approx = (
            _approx(match, "pre", "sfx", "sfx2")
            or (end == match.end() and match["post"])
            or text.startswith("倍多", end - 2)
        )
        qualifier = "approx" if approx else "percent" if unit in PERCENT_UNITS else "exact"
        start, unit = _streak(text, start, unit)
        before = Found(start, end, float(value), unit, qualifier)
        yield before


def _listed_unit(text: str, start: int, end: int, before: Found | None) -> str:
    """The unit of a bare 万/亿 (1.28万亿): the one a list it opens ends on (1.28万亿、8200亿元),
    the one of the item right before it in a list (1600万人、180万), or 元 after a measure only
    counted in money (财政收入突破10亿大关); else none."""
    listed = p.LIST_UNIT_AFTER.match(text, end)
    if listed:
        return listed["unit"]
    if before and before.unit and text[before.end : start] in p.LIST_JOINS:
        return before.unit
    return "元" if p.MONEY_BEFORE.search(text[max(0, start - 12) : start]) else ""


def _streak(text: str, start: int, unit: str) -> tuple[int, str]:
    """连续16个季度, 连续30个月: a streak starts at 连续 and counts quarters or months."""
    if unit in STREAK_UNITS and text[max(start - 2, 0) : start] == "连续":
        return start - 2, STREAK_UNITS[unit]
    return start, unit


def _unit(text: str, match: re.Match[str]) -> tuple[str, int]:
    """The measure word and where the figure ends; a false one (1200亿台阶) is dropped."""
    unit = match["unit"] or ""
    if unit and text.startswith(p.FALSE_UNITS, match.start("unit")):
        return "", match.start("unit")
    if unit == "个" and text.startswith("多月", match.end()):
        return "个月", match.end() + 2  # 3个多月: more than three months
    if unit == "倍" and text.startswith("多", match.end()):
        return unit, match.end() + 1  # 增长1倍多: more than a doubling
    per = p.PER_UNIT.match(text, match.end()) if unit and not match["post"] else None
    if per:
        return unit + per.group(), per.end()
    other = p.OTHER_UNIT.match(text, match.end()) if unit and not match["post"] else None
    if other:
        return unit + other.group(), other.end()  # 60万套（间）: either measure, as printed
    return unit, match.end()


_PLACE_UNITS = ("位", "名")


def _amount_start(text: str, match: re.Match[str], unit: str, end: int) -> int | None:
    """Where the figure starts, or None when the number is not a figure at all."""
    num_start, num = match.start("num"), match["num"]
    before = text[num_start - 1] if num_start else ""
    after = text[end] if end < len(text) else ""
    counted = unit or match["mult"] or p.HOUSEHOLDS_AFTER.match(text, end)
    if not counted or unit in p.NOT_FIGURE_UNITS:
        return None
    if before == "第" or re.match(r"0[0-9]", num) or before in _FORMULA or after in _FORMULA:
        return None
    if before == "前" and unit in _PLACE_UNITS:
        return None  # 居全国前10位: a band of places in a league table, no count of people
    if unit != "年":
        return match.start()
    return _duration_start(text, match)


def _duration_start(text: str, match: re.Match[str]) -> int | None:
    """N年 is a figure only as a span of the work (连续12年), never as a year (2020年)."""
    num_start = match.start("num")
    cue = text[max(num_start - 2, 0) : num_start]
    if match["mult"] or cue not in p.DURATION_CUES:
        return None
    return num_start - 2


_FINDERS: tuple[Callable[[str], Iterator[Found]], ...] = (
    _ratios,
    _rank_changes,
    _ranks,
    _streak_titles,
    _streak_rises,
    _top_lists,
    _doublings,
    _cn_magnitudes,
    _percent_words,
    _tenths,
    _fractions,
    _proportions,
    _ranges,
    _shared_units,
    _cn_counts,
    _cn_works,
    partial(_counted_in_words, p.CN_WORKS_AFTER),
    _cn_times,
    partial(_counted_in_words, p.CN_SUBJECT),
    partial(_counted_in_words, p.CN_ZONES),
    _medals,
    _cn_points,
    _amounts,
    _bare_levels,
)
