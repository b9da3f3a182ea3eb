"""Canonical indicators (briefings/data/indicators.yaml): what a figure measures, by whatever
name the report prints it under, so that 经济增长5.5%左右 and 地区生产总值增长5% are one
indicator, and what a query names (/compare GDP, /compare 经济增长).

A figure measures an indicator when its label says one of the indicator's names, preceded only
by scope words of the report's own place (全省, 本市, 北京地区 in Beijing's report — not 酒泉,
其中, 中央, 单位 or 人均), and its number is of the indicator's family: a growth rate is a
percentage said with a growth word (增长, 增速), a level rate a percentage said without one, an
amount anything else but a count of people, a share or a place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml

Family = Literal["amount", "growth", "level", "count"]
Direction = Literal["higher", "lower"]
_RATE_UNITS = ("%", "‰")
_COUNT_UNITS = ("人", "人次")
# An amount is money, a weight or a concentration: 4个 (千亿台阶) counts something else.
_AMOUNT_UNITS = ("斤", "公斤", "千克", "吨", "标准箱", "千瓦时", "微克/立方米", "毫克/立方米")
_NOT_MEASURE = ("rank", "ratio", "change")
# An amount said with a change word measures the change, not the amount (比上年减少198亿元);
# 增加到 and 降至 say the level reached.
# 增加值 (value added) is a measure, not a rise.
_CHANGE = re.compile(r"(?:增加(?!值)|增收|增产|减少|下降|降低|提高|翻)(?![到至])")
_REACHED = re.compile(r"(?:增长|提高|下降|降低)(?:到|至)")
_PLACE_SUFFIX = re.compile(r"(?:维吾尔|壮族|回族)?(?:自治区|自治州|省|市|县|区|州|盟|旗)$")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")
# “十四五”时期, 五年来, 年均: the span a figure is of, which leaves the measure the place's own.
_SPAN = re.compile(
    r"[“”\"]?[一二三四五六七八九十]{1,3}五[“”\"]?(?:期间|时期|末)?|(?:五年来|过去五年|今后五年|未来五年|近五年)"
    r"|年均|平均每年|累计|五年"
)
# What follows a measure's name to make it a share of it (对经济增长的贡献率, 占生产总值比重).
_SHARE_OF = re.compile(r"的?(?:贡献率|贡献|比重|占比)")
# 每平方公里土地产生1.75亿元的GDP和6000万元的税收 (label GDP税收): the name qualifies another
# measure that follows it.
_OTHER_MEASURE = re.compile(r"和?(?:税收|财政收入|利润|支出|用地|用水|用电)")


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    family: Family
    direction: Direction
    group: str
    names: tuple[str, ...]
    said_with: tuple[str, ...] = ()
    headline: bool = False
    # An amount whose change is printed as a percentage (PM2.5浓度下降13.7%) with no growth id.
    rate_of_change: bool = False
    # A quantity the budget arranges (发行建设国债1400亿元): a plan figure, not a target by itself.
    arranged: bool = False
    # Names of the measure of an earlier time, each with the last year of the reports that print
    # it so (国民生产总值 until the mid-1990s): in a later report, the name is another measure.
    dated_names: tuple[tuple[str, int], ...] = ()
    # A price index printed as a level: the id of its rise, which its change in points is.
    rise: str | None = None

    # Names that mean the measure only in reports from a year on (物价 is the retail price index
    # in the 1990s national reports, consumer prices later).
    names_since: tuple[tuple[str, int], ...] = ()

    def names_in(self, year: int | None) -> tuple[str, ...]:
        """The names a report of `year` prints the indicator under (an undated report: the
        present ones only)."""
        dated = tuple(name for name, until in self.dated_names if year and year <= until)
        later = {name for name, since in self.names_since if year and year < since}
        return (*dated, *(name for name in self.names if name not in later))


@dataclass(frozen=True)
class Indicators:
    items: tuple[Indicator, ...]
    scope_words: tuple[str, ...]
    growth_words: tuple[str, ...]
    national_issuers: tuple[str, ...] = ()
    national_scope: tuple[str, ...] = ()
    national_shown: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> Indicator | None:
        return next((i for i in self.items if i.id == key), None)

    def zh_of(self, item: Indicator, issuer: str = "") -> str:
        """The indicator's Chinese name for `issuer`'s reports (国内生产总值增长 for the country's)."""
        name = item.zh
        if issuer in self.national_issuers:
            for words, shown in self.national_shown:
                name = name.replace(words, shown)
        return name


class IndicatorsError(ValueError):
    """The indicator file is not shaped as this module reads it."""


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@cache
def indicators() -> Indicators:
    text = resources.files("briefings").joinpath("data/indicators.yaml").read_text("utf-8")
    return parse_indicators(yaml.safe_load(text))


def parse_indicators(data: dict[str, Any]) -> Indicators:
    """The indicator file's data, checked: every family and direction known, every id once."""
    items = []
    raw = data.get("indicators")
    if not isinstance(raw, dict):
        raise IndicatorsError("indicators: a mapping of ids is required")
    for key, fields in raw.items():
        if fields["family"] not in get_args(Family) or fields["direction"] not in get_args(
            Direction
        ):
            raise IndicatorsError(f"indicator {key}: unknown family or direction")
        items.append(
            Indicator(
                id=key, zh=fields["zh"], en=fields["en"], family=fields["family"],
                direction=fields["direction"], group=fields["group"],
                names=tuple(_normal(n) for n in fields["names"]),
                said_with=tuple(fields.get("said_with", ())),
                headline=bool(fields.get("headline", False)),
                rate_of_change=bool(fields.get("rate_of_change", False)),
                arranged=bool(fields.get("arranged", False)),
                dated_names=tuple(
                    (_normal(name), int(until))
                    for name, until in (fields.get("dated_names") or {}).items()
                ),
                rise=fields.get("rise"),
                names_since=tuple(
                    (_normal(name), int(since))
                    for name, since in (fields.get("names_since") or {}).items()
                ),
            )
        )  # fmt: skip
    scope = tuple(_normal(w) for w in data.get("scope_words", ()))
    growth = tuple(data.get("growth_words", ()))
    national = data.get("national") or {}
    issuers = tuple(national.get("issuers", ()))
    return Indicators(
        tuple(items),
        scope,
        growth,
        issuers,
        tuple(_normal(w) for w in national.get("scope_words", ())),
        tuple((str(a), str(b)) for a, b in (national.get("shown_as") or {}).items()),
    )


def own_scope(place: str) -> tuple[str, ...]:
    """Words that name the report's own place in a label: 北京市, 北京, 北京地区; 县域 in a
    county's report (in a city's, 县域 is its counties); 中央 in the national government's."""
    if not place:
        return ()
    table = indicators()
    if place in table.national_issuers:
        return (_normal(place), *table.national_scope)
    short = _PLACE_SUFFIX.sub("", place)
    words = [place, short, f"{short}地区"] if short else [place]
    if place.endswith("县"):
        words.append("县域")
    return tuple(_normal(w) for w in words if w)


# 全国, 全省, 本市, 我县…: a scope word naming a level of government.
_LEVEL_WORD = re.compile(r"^[全本我](国|省|自治区|市|州|盟|县|区|旗)$")
_LEVELS = {"国": 0, "省": 1, "自治区": 1, "市": 2, "州": 2, "盟": 2, "县": 3, "区": 3, "旗": 3}
_PLACE_LEVEL = re.compile(r"(自治区|自治州|省|市|县|区|州|盟|旗)$")


def _at_level(words: Iterable[str], place: str) -> tuple[str, ...]:
    """The scope words that can name `place` itself: of those naming a level of government,
    its own (全市 in a city's report; 全县 or 全区 in a county's or district's, which were
    counties until lately); 全国 or 全省 in a city's report is another government's figure
    (全省地区生产总值增长5.4%, then 全市…). An unknown level keeps them all."""
    suffix = _PLACE_LEVEL.search(place)
    level: int | None = None
    if place in indicators().national_issuers:
        level = 0
    elif suffix:
        level = _LEVELS.get(suffix.group(1).removeprefix("自治"))  # 自治州: a 州
        level = 1 if suffix.group(1) == "自治区" else level
    if level is None:
        return tuple(words)
    kept = []
    for word in words:
        named = _LEVEL_WORD.match(word)
        own = named is None or _LEVELS[named.group(1)] == level
        # an autonomous region says 全区 of itself
        own = own or (level == 1 and place.endswith("自治区") and word.endswith("区"))
        if own:
            kept.append(word)
    return tuple(kept)


def _own(prefix: str, scope: Iterable[str]) -> bool:
    """Whether `prefix` is nothing but scope words (and years or spans) of the report's own place."""
    rest = _SPAN.sub("", _YEAR.sub("", prefix))
    words = sorted(scope, key=len, reverse=True)
    while rest:
        word = next((w for w in words if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word) :]
    return True


def _fits(item: Indicator, unit: str, qualifier: str, said: str, growth: tuple[str, ...]) -> bool:
    """Whether a figure of `unit` whose label says `said` from the name on is of the family."""
    if qualifier in _NOT_MEASURE:
        return False
    rated = _rated(said, growth)
    if item.said_with and not any(word in said for word in item.said_with):
        return False
    if item.family == "growth":
        # 居民消费价格指数102%: an index level (last year = 100: cpi_index), not the rise;
        # 居民消费价格指数上涨1.8% is the rise.
        return unit in _RATE_UNITS and (rated or "指数" not in said)
    if item.family == "level":
        # 城镇化率提高到58.08%: the level reached, not a rise.
        return unit in _RATE_UNITS and not (rated and not _REACHED.search(said))
    if item.family == "count":
        # 新增就业岗位1530个: jobs counted as posts.
        posts = unit == "个" and "岗位" in said
        return (unit in _COUNT_UNITS or posts) and not rated
    changed = bool(_CHANGE.search(said)) or (rated and not _REACHED.search(said))
    if item.rate_of_change and unit in _RATE_UNITS:
        return changed  # PM2.5浓度下降13.7%: the printed change of a measure with no growth id
    amount = unit.endswith("元") or unit in _AMOUNT_UNITS
    return amount and not changed


_POINTS = ("个百分点", "百分点")


def _rated(said: str, growth: tuple[str, ...]) -> bool:
    return any(word in said for word in growth)


_VERB_INSIDE = re.compile(r"(企业)(?:累计)?(?:实现|完成)")
# 经济年均增长5%左右: the average inside the name of a growth rate (经济增长).
_AVERAGE_INSIDE = re.compile(r"(?<=经济)(?:年均|平均每年|平均)(?=增长|增速)")


@cache
def _names_of_year(year: int | None) -> tuple[tuple[Indicator, tuple[str, ...]], ...]:
    """Each indicator with its names in a report of `year`, worked out once per year:
    `indicator_of` runs for every figure. R&D经费投入强度: a label keeps no punctuation
    (RD经费投入强度), so neither does the name."""
    return tuple(
        (item, tuple(name.replace("&", "") for name in item.names_in(year)))
        for item in indicators().items
    )


@cache
def _scope_of(place: str) -> tuple[str, ...]:
    """The words that name `place` itself in a label (its level's scope words, its names),
    worked out once per place."""
    return (*_at_level(indicators().scope_words, place), *own_scope(place))


def indicator_of(
    label: str, unit: str, qualifier: str = "", place: str = "", year: int | None = None
) -> str | None:
    """The id of the indicator a figure of `unit` labelled `label` measures, or None; `year`,
    the report's, says which names of its time count (国民生产总值 in 1992 is its GDP)."""
    table = indicators()
    # 规模以上工业企业实现增加值15亿元: the verb inside the name says nothing of the measure.
    text = _AVERAGE_INSIDE.sub("", _VERB_INSIDE.sub(r"\1", _normal(label))).replace("&", "")
    scope = _scope_of(place)
    for item, names in _names_of_year(year):
        for name in names:
            at = text.find(name)
            if at < 0 or not _own(text[:at], scope):
                continue
            if _SHARE_OF.match(text, at + len(name)) or _OTHER_MEASURE.match(text, at + len(name)):
                return None  # 经济增长贡献率, 生产总值比重, GDP税收: another measure, not it
            if _fits(item, unit, qualifier, text[at:], table.growth_words):
                return item.id
            if item.rise and unit in _POINTS and _rated(text[at:], (*table.growth_words, "上升")):
                return item.rise  # 居民消费价格总指数上升2.8个百分点: prices rose 2.8%
            break  # the measure is named here; another name of it will not fit better
    return None


# A fall word ending a label (一般公共预算收入同比下降): what follows the measure's name.
_FALL = re.compile(r"(?:同比|比上年)?(?:下降|降低|减少|递减|回落)$")


def fallen(label: str, unit: str, qualifier: str = "", year: int | None = None) -> str | None:
    """The id of the growth indicator a rate printed as a fall measures (一般公共预算收入下降2.1%:
    fiscal_revenue_growth, at −2.1%), or None: `indicator_of` reads a growth name only with a
    rise word. Not a measure that is a fall itself (单位生产总值能耗下降: indicator_of's own)."""
    fall = _FALL.search(label)
    if fall is None or unit not in _RATE_UNITS:
        return None
    rise = indicator_of(f"{label[: fall.start()]}增长", unit, qualifier, "", year)
    item = indicators().get(rise or "")
    return item.id if item is not None and item.family == "growth" else None


def named(query: str) -> tuple[Indicator, ...]:
    """The indicators a query names (GDP, 经济增长, 地区生产总值增长: the gdp group, the
    amount and the growth rate), in the file's order; () when it names none."""
    text = _normal("".join(query.split()))
    table = indicators()
    bare = next((text[: -len(w)] for w in table.growth_words if text.endswith(w)), text)
    found = next(
        (
            item
            for said in dict.fromkeys((text, bare))
            for item in table.items
            if said in item.names or said in (item.id, _normal(item.zh))
        ),
        None,
    )
    if found is None:
        return ()
    return tuple(item for item in table.items if item.group == found.group)


# 财政收入突破3亿元，…其中一般预算收入…: beside the budget's revenue, 财政收入 is all revenue
# raised (with what goes to upper governments), another measure.
_BUDGET_REVENUE = re.compile(r"一般(?:公共)?(?:财政)?预算收入|公共财政预算收入|地方级收入")
_BARE_REVENUE = re.compile(r"^(?:[^预]*?)财政(?:总)?收入")
_REVENUE_IDS = ("fiscal_revenue", "fiscal_revenue_growth")


# A span or a part of the year a label carries over from the clause before (“九五”期间国内生产总值
# 年均增长8.3%，去年增长8%: the second figure's label reads 九五国内生产总值增长).
_SPAN_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}五|期间|时期|前?[一二三四]季度|前三个季度|上半年|"
    r"前[0-9一二三四五六七八九十]+个月|过去五年|五年来|五年|年均|平均每年)+"
)
# A clause opening on the year itself (去年, 全年, 2000年), or on its estimate (预计全年): its
# figure is the year's.
_YEAR_CLAUSE = re.compile(
    r"(?:^|[,;，；。:：])\s*(?:预计)?(?:去年|全年|当年|[0-9]{4}\s*年(?:全年)?)[^,;，；。:：]*$"
)


def in_own_clause(
    found: str | None,
    label: str,
    figure: tuple[str, str],
    text: str,
    at: int,
    place: str,
    year: int | None,
) -> str | None:
    """The indicator of a figure whose label carried words over from the clause before: read
    without the span or part of the year when its clause opens on the year (…年均增长8.3%，去年
    增长8%); read from its own clause when that names a measure and the words carried over name
    another of the place's own (…投资调控目标为２５３００亿元，投资率为３２％) or its clause opens on
    striving for it (…，力争粮食产量达到…)."""
    if found is not None:
        return found
    unit, qualifier = figure
    said = _reread(label, text, at)
    if said != label:
        return indicator_of(said, unit, qualifier, place, year)
    if _YEAR_CLAUSE.search(text[:at]):
        # 全市前三季度地区生产总值增长…，预计全年增长: the place's scope words may come first
        rest = _unscoped(label, indicators().scope_words)
        bare = label[: len(label) - len(rest)] + _SPAN_LEAD.sub("", rest)
        return indicator_of(bare, unit, qualifier, place, year) if bare != label else None
    clause = _normal(_CLAUSE_TAIL.split(text[:at])[-1].strip())
    own = indicator_of(clause, unit, qualifier, place, year)
    item = indicators().get(own or "")
    if item is None:
        return None
    name = next(n for n in item.names_in(year) if n in clause)
    said = _normal(label)
    carried = said[: said.find(name)] if name in said else ""
    # …抓紧南方早稻的生产，力争粮食产量达到４５５０亿公斤以上: a clause opening on striving sets the
    # place's own goal, whatever the clause before was about.
    striving = _STRIVING.match(clause)
    return own if carried and (_names_own(carried, place, year) or striving) else None


_STRIVING = re.compile(r"(?:力争|确保|争取|努力)")


_CLAUSE_TAIL = re.compile(r"[,;，；。:：]")
# 粮食总产量在上年…的基础上，又增产291亿斤，达到9680亿斤: the level reached, said after the change
# (the label keeps the change's word, 增产).
_REACHED_CLAUSE = re.compile(r"(?:达到|达|增加到|增至|提高到|提高至|升至)$")
# 粮食生产实现“十连增”，总产达到49.9万吨: the head of a name the sentence opened on (增加值 only
# of firms the sentence counted first: 规模以上工业企业达到55家，预计完成增加值15亿元).
_VALUE_ADDED = "增加值"
_HEADS = ("总产量", "总产", "产量", "总量", "总额", _VALUE_ADDED)
# 粮食、肉蛋奶、蔬菜产量均稳定在百万吨以上: items of a list sharing the head after the last one.
_SHARED_HEAD = re.compile(
    r"(?P<first>[\u4e00-\u9fff]{2,4})(?P<rest>(?:、[\u4e00-\u9fff]{1,4})+)(?P<head>产量|总产量)"
)


def _reread(label: str, text: str, at: int) -> str:
    """The label as the sentence means it when its words hide the measure: a level reached
    after a change (…又增产291亿斤，达到9680亿斤) without the change's word; a bare head (总产)
    with the name the sentence opened on (粮食生产…，总产达到…); the first of a list sharing its
    head (粮食、肉蛋奶、蔬菜产量) with that head; a change or average naming no measure (两年平均增长,
    实际回落到) with the measure the clauses before named; a group of residents alone (全体居民人均
    可支配收入增长5.1%，城镇、农村居民分别增长4.2%、6.3%) with the per-head income named before.
    Else the label itself."""
    clause = _CLAUSE_TAIL.split(text[:at])[-1].strip()
    if _REACHED_CLAUSE.search(clause) and _CHANGE.search(label) and clause != text[:at].strip():
        return _CHANGE.sub("", label)
    group = _RESIDENTS_ONLY.match(label)
    if group and _PER_HEAD_INCOME in text[:at]:
        return f"{group['group']}居民{_PER_HEAD_INCOME}{group['change']}"
    table = indicators()
    core = _unscoped(label, table.scope_words)
    head = next((h for h in _HEADS if core.startswith(h)), None)
    if head:
        # 全年粮食播种面积稳定在100万亩，总产量达到45万吨: scope words may come first.
        opening = _normal(_CLAUSE_TAIL.split(text)[0]).strip()
        for item in table.items:
            for name in item.names:
                stem = name.removesuffix(head)
                if head == _VALUE_ADDED and not stem.endswith("企业"):
                    continue  # 规模以上工业企业达到55家，完成增加值15亿元: the firms counted
                where = opening.find(stem) if stem != name and stem else -1
                if where >= 0 and _own(opening[:where], table.scope_words):
                    return stem + core
    for listed in _SHARED_HEAD.finditer(text, 0, at):
        joined = listed["first"] + listed["rest"].replace("、", "") + listed["head"]
        if joined in label:
            return label.replace(joined, listed["first"] + listed["head"], 1)
    if _BARE_CHANGE.match(label):
        # 实现地区生产总值1.2万亿元，比上年增长5.5%，两年平均增长5.1%; 物价涨幅要从14.8%降到10%
        # 左右，…，实际回落到6.1%: the change of the measure the clauses before named.
        for before in reversed(_CLAUSE_TAIL.split(text[:at])[:-1]):
            named = _DIGITS.split(before)[0].strip()
            if _names_own(_normal(named), "", None):
                return named + label
    return label


# 城镇居民增长, 农村居民收入增长: a group of residents and a change, the measure left to the
# sentence (…人均可支配收入增长5.1%，城镇、农村居民分别增长4.2%、6.3%).
_RESIDENTS_ONLY = re.compile(
    r"^(?:其中)?(?P<group>城镇|农村)(?:常住)?(?:居民)?(?:收入)?(?P<change>(?:实际)?(?:增长|增速|增幅))$"
)
_PER_HEAD_INCOME = "人均可支配收入"


def _unscoped(label: str, scope: Iterable[str]) -> str:
    """The label without the scope words it opens on (预计完成增加值: 增加值)."""
    words = sorted(scope, key=len, reverse=True)
    while word := next((w for w in words if label.startswith(w)), None):
        label = label[len(word) :]
    return label


# 两年平均增长, 年均增速, 实际回落到, 按可比口径计算增长: a change or an average naming no
# measure of its own (the basis of reckoning names none either).
_BARE_CHANGE = re.compile(
    r"^(?:按?可比(?:口径|价格)(?:计算)?)?(?:实际|同比|[两二三四五六七八九十0-9]+年)?(?:平均|年均)?"
    r"(?:增长|增速|回落|下降|降低|回升|上升|提高)(?:到|至)?$"
)
_DIGITS = re.compile(r"[0-9]")


def _names_own(text: str, place: str, year: int | None) -> bool:
    """Whether `text` opens on a measure of the place's own (全社会固定资产投资…)."""
    table = indicators()
    scope = _scope_of(place)
    return any(
        (at := text.find(name)) >= 0 and _own(text[:at], scope)
        for item in table.items
        for name in item.names_in(year)
    )


def in_sentence(found: str | None, label: str, sentence: str) -> str | None:
    """The indicator a figure measures as its sentence tells: none for 财政收入 printed beside
    the budget's revenue. (扣除房地产开发投资后，固定资产投资增长2.7% keeps its indicator: the
    promise labels pair it as the year's investment growth, though the figure labels, RULES.md,
    read it as a part of the indicator.)"""
    if found is None:
        return None
    if (
        found in _REVENUE_IDS
        and _BARE_REVENUE.search(label)
        and not _BUDGET_REVENUE.search(label)
        and _BUDGET_REVENUE.search(sentence)
    ):
        return None
    if found in _INVESTMENT_IDS and _URBAN_PART.search(label) and _ALL_INVESTMENT.search(sentence):
        return None  # 城镇固定资产投资 beside 全社会固定资产投资: a part of the whole
    return found


# Beside the whole society's investment (全社会固定资产投资), the towns' (城镇固定资产投资) is a part.
_INVESTMENT_IDS = ("fixed_investment", "fixed_investment_growth")
_URBAN_PART = re.compile(r"城镇(?:以上)?固定资产投资")
_ALL_INVESTMENT = re.compile(r"全社会固定资产投资")


# 全部财政收入和公共财政预算收入均增长14%以上, 城镇居民人均可支配收入和农民人均纯收入分别增长12%:
# one printed number for every item of a list before 均 or 分别 (the clause opens on the list; 人均,
# 平均 and 年均 are parts of names).
_SHARED_NUMBER = re.compile(
    r"(?P<items>[^0-9０-９]+?)(?:(?<![人平年])均|分别)(?P<verb>[^0-9０-９]*)$"
)
_LIST_JOINS = re.compile(r"[和、及与]")
# 分别增长5%和7%: a number per item, each its own figure (the bound words may come between).
_NEXT_NUMBER = re.compile(r"^[^0-9０-９，,；;。]{0,6}?[、和及与]\s*(?:[0-9０-９]|百分之)")


def of_shared_number(
    found: str | None,
    figure: tuple[str, str],
    text: str,
    span: tuple[int, int],
    place: str,
    year: int | None,
) -> str | None:
    """The indicator of one number printed for several items (A和B均增长14%以上, A、B分别增长12%):
    the first item's that has one, each read with the words after the list (RULES.md: one row,
    its label naming every item); else `found`."""
    shared = shared_indicators(figure, text, span, place, year)
    return shared[0] if shared else found


def shared_indicators(
    figure: tuple[str, str], text: str, span: tuple[int, int], place: str, year: int | None
) -> tuple[str, ...]:
    """Every indicator one number printed for several items measures (城镇居民人均可支配收入、
    农民人均纯收入分别增长12%: both incomes' growth), in the list's order; () when the number is
    not shared so."""
    start, end = span
    clause = _CLAUSE_TAIL.split(text[:start])[-1].strip()
    shared = _SHARED_NUMBER.match(clause)
    if shared is None or _NEXT_NUMBER.match(text[end:]):
        return ()
    items = [item.strip() for item in _LIST_JOINS.split(shared["items"])]
    if len(items) < 2 or not all(items):
        return ()
    unit, qualifier = figure
    found: list[str] = []
    for item in items:
        said = item + shared["verb"]
        own = in_sentence(indicator_of(said, unit, qualifier, place, year), said, text)
        if own is not None and own not in found:
            found.append(own)
    return tuple(found)


# 加快前海开发建设，全年完成固定资产投资160亿元: a clause on developing an area (a zone, a new
# district, a park) is the topic of the figures after it that name no subject of their own.
_AREA_WORK = re.compile(
    r"(?:开发建设|开发开放|(?:新区|片区|园区|开发区|自贸区|合作区|试验区|示范区|新城)(?:开发|建设))$"
)
_HAS_DIGIT = re.compile(r"[0-9０-９]")


def of_area(found: str | None, text: str, at: int, place: str) -> str | None:
    """None for a figure whose subject is an area being developed, not the place: its clause
    names no subject (…，全年完成固定资产投资160亿元) and the clause before it, or a run of
    clauses of figures back to one, is on developing the area (加快前海开发建设); else `found`.
    A clause naming the place's own scope (全市固定资产投资…) is the place's."""
    if found is None:
        return None
    clauses = _CLAUSE_TAIL.split(text[:at])
    own = (*own_scope(place), *_PLACE_SCOPE)
    if any(word in _normal(clauses[-1]) for word in own):
        return found
    for before in reversed(clauses[:-1]):
        said = before.strip()
        if _AREA_WORK.search(said):
            return None
        if not _HAS_DIGIT.search(said):
            return found
    return found


# The place's own scope said outright (全市, 本县, 我省…): the figure is the place's whatever the
# clause before was about.
_PLACE_SCOPE = tuple(
    f"{whole}{level}"
    for whole in ("全", "本", "我")
    for level in ("国", "省", "市", "县", "区", "州")
)
