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
from itertools import pairwise
from typing import Final, Literal, get_args

from ..lexicon import alternation, pattern, years
from ..model import FigureKind, Report, Section
from ..text import cn_number, fold
from . import patterns as p
from .indicators import indicator_of, indicators
from .keys import HEADLINES, NOT_HEADLINE
from .label import acted_on, acts, ends_on_action
from .scan import Found

KINDS: tuple[FigureKind, ...] = get_args(FigureKind)
# A top-level part's role in the report's story: it reviews the year (or span) gone, or plans.
PartRole = Literal["review", "plan"]
REVIEW: Final = "review"
PLAN: Final = "plan"

# Five-year plans by their ordinal (“九五” … “十五五”): the first year of each.
_FIVE_YEAR_PLANS = years("time_words", "five_year_plans")
_PLAN_NAME = re.compile(
    r"[“\"「]?(?P<name>" + "|".join(sorted(_FIVE_YEAR_PLANS, key=len, reverse=True)) + r")[”\"」]?"
)
_REVIEW_TITLE = pattern("heading_words", "figure_review_title")
_TARGET_END = re.compile(r"(?:预期目标|主要目标|发展目标|奋斗目标)$")
_WORK_TITLE = pattern("heading_words", "figure_work_title")
_REVIEWED_YEAR = re.compile(r"((?:19|20)[0-9]{2}) ?年度")
_TARGET_TITLE = pattern("heading_words", "figure_target_title")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2}) ?年(?!代)")
# 2011年，规划面积由…: a sentence opening on its year (not 2011年以来, a span, nor 2011年的, a base).
_OPENS_ON_YEAR = re.compile(r"\s*(?:19|20)[0-9]{2} ?年(?!以来|的|代)")
_PAST_SPAN = pattern("time_words", "past_span")
_NEXT_SPAN = pattern("time_words", "next_span")
# Time words of a sentence, the nearest before a figure wins: a year, a plan period, a span.
_TIME = re.compile(
    # 自1993年定点帮扶以来: a since whose words sit between the year and 以来.
    # 从2015年开始: a since too.
    r"(?P<since>(?<![0-9])(?:19|20)[0-9]{2}) ?年(?:以来|起|开始|(?=[^,;:。!?0-9年]{1,10}以来))"
    r"|(?P<year>(?<![0-9])(?:19|20)[0-9]{2}) ?年(?![代0-9])|(?P<plan>"
    + "|".join(sorted(_FIVE_YEAR_PLANS, key=len, reverse=True))
    + r")(?=[”\"」]?(?:时期|期间|以来|规划|末|计划|年均|累计))"
    r"|(?P<past>(?:过去(?:的)?|近|这)(?P<n>[二三四五六七八九十两2-9])年(?!前)|(?P<n2>[三五5]|(?<![0-9.零〇一二三四五六七八九十百两])[两二])年来)"
    + r"|(?P<next>"
    + alternation("time_words", "next_span")
    + ")"
    # 用三年时间, 三年内, 今明两年, 从今年开始连续三年: the plan's years from this one.
    r"|(?P<ahead>今明两年|(?:用|在)?(?P<an>[二三四五两2-5])年(?:时间|内)"
    r"|从今年(?:开始|起),?连续(?P<an2>[二三四五两2-5])年)"
    # 五年全国公路建设投资…, 人均GDP五年增加1万美元: a bare 五年 is the span the part covers.
    r"|(?P<five>(?<![0-9.零〇一二三四五六七八九十百两第隔])[五5]年"
    r"(?![0-9级制前后度底末初以左内的一期]|规划|计划|行动|攻坚|过渡))"
    + r"|(?P<last>"
    + alternation("time_words", "last_year")
    + r")|(?P<this>今年)|(?P<next_year>明年)"
)
_THROUGH = ("到", "至", "-", "—", "~")
# A year printed bare before another joined to it (1998－2000年): the first of a span.
_BARE_YEAR_THROUGH = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2}) ?(?:到|至|-|—|~|－) ?$")
_COMPARISON_END = re.compile(r"\s*(?:相比|比较)[,;:]")
_SINCE_AFTER = re.compile(r"[”\"」]?以来")
# 是1997年的2.3倍, 是五年前的1.9倍, 经济总量为2020年的4.7倍: a multiple of a base.
_TIMES_OVER = re.compile(r"[是为][^,;。0-9]{0,12}?的$|[是为][^,;。]{0,8}年[^,;。0-9]{0,8}的$")
# A multiple whose base is an earlier span (前九年总和, 前20年, 上个五年): sums compared.
_SUMS_COMPARED = re.compile(
    r"(?:相当于|是|为)(?:前|上个|上一个)[0-9一二三四五六七八九十两]*年?(?:总和)?的$"
)
# A year after 比, 较, 与 … is the base of a comparison, not the figure's period; so is one
# after 为 of a multiple (为2020年的4.7倍), which dates neither its clause nor the next.
_COMPARED = re.compile(r"(?:[比较与同于]|是)[“\"「]?\s*$")
_MULTIPLE_OF = re.compile(r"为$")
_MULTIPLE_AFTER = re.compile(r"的[0-9.]+倍")
# A sentence stating the targets (主要预期目标是：…), not one mentioning them (高于预期目标).
_TARGET_CUE = re.compile(
    r"(?:预期目标|主要目标|发展目标|目标任务|目标)(?:确定|定|设定)?(?:是|为|:)"
)
_CUMULATIVE_CUE = re.compile(r"累计|历年|总计|已积累")
# 全年累计减免税费4.2亿元: a total over the year is the year's result, no running total.
_YEAR_TOTAL = re.compile(r"(?:全年|年内|当年|今年|本年|一年来)(?:共|合计)?累计")
# What follows a 累计 total and dates it to the year (同比增长, 年度计划投资完成率).
_YEAR_COMPARED_AFTER = re.compile(r"[^。]{0,6}?(?:同比|比上年|较上年|年度计划)")
# 年均浓度 (PM2.5) is a measure of one year, no average over the span.
_TOTAL_CUE = re.compile(r"累计|总计|共计|合计")
_OVER_SPAN = re.compile(r"累计|年均(?!浓度)|总计|共计|合计|平均每年|每年平均|平均增长")
# 连续8年稳定在…: a streak of years; held at or above a bar it is a threshold.
_STREAK = re.compile(r"连续(?P<n>[0-9]+|[二三四五六七八九十两]+)年")
# The streak itself: 连续8年, 连续16个季度, 五连冠.
_STREAK_RAW = re.compile(r"^连续|连冠$")
# What a span's review held its level at (稳定在, 保持在, 保持).
_ONE_YEAR_DATED = re.compile(r"(?:19|20)[0-9]{2} ?年(?!以来)|全年|当年|这一年")
_HELD_AT = re.compile(r"(?:稳定在|保持在|稳定|保持|稳在)$")
_HELD = re.compile(r"^[^0-9]{0,6}?(?:稳定在|保持在|稳在|站稳|超过|突破|高于|在)$")
# 跻身500亿元行列: a bar of membership; 突破百万吨大关 is a milestone passed, a result.
_BAR_AFTER = re.compile(r"的?(?:行列|俱乐部)")
# What a bar names: 超50万县, 亿元以上项目.
_BAR_NAMES = re.compile(r"(?:县|市|区|镇|乡|村|企业|项目|园区|城市|集群|产业)(?:[、,;。]|$)")
# 报销比例达90%, 覆盖率提高到95%: a rate the plan is to reach is a target.
_REACH = re.compile(
    r"(?:达|达到|提高到|提升到|提高至|提升至|增加到|增加至|扩大到|扩大至|上升到|降到|降至|下降到|下降至|稳定在|保持在|"
    r"保持|控制在)"
    # 要增加到全国人口的75%: the share of a base reached.
    r"(?:[^,;:。0-9]{1,8}?的)?$"
)
# 农牧民转移就业64万人, 实际利用外资100亿美元: measures of the economy the plan aims at (jobs,
# labour moved, foreign capital used), not works it does.
_GOAL_MEASURE = re.compile(r"转移就业|新增就业|输转|劳动力转移|实际利用外资|增收")
# 再扫除350万青壮年文盲, 完成减贫1186人, 确保剩余584名贫困群众全部稳定脱贫: people whose lot the
# plan changes are an outcome it aims at, as new jobs are, not works it does.
_PEOPLE_LOT = re.compile(r"文盲|脱贫|减贫|温饱")
_PEOPLE_UNITS = ("人", "名", "户")
# 力争技术合同成交额3000亿元: what the plan strives for is a goal, whatever its unit.
_STRIVE = re.compile(r"力争|争取|争创|争列")
# 争创…示范区，…新增航线80条: striving for a title opens no goal of the clauses after it.
# 年内力争…, 今年全县要力争…: the year or the place the sentence opens on comes before its 力争.
_STRIVE_OPENING = re.compile(
    r"(?:年内|今年|全年|明年|当年|[0-9]{4}年)?(?:全县|全市|全区|全省|我县|我市|我区|我省)?(?:要|将)?"
    r"(?:力争|争取)"
)
# 新能源装机规模达到1亿千瓦, 全产业链产值超过6500亿元, 蔬菜产量稳定在200万吨左右: a level the
# plan is to reach or hold is a goal; what it is to build or do (新建, 改造, 完成) is a plan.
_LEVEL_REACHED = re.compile(
    r"(?:达到|达|突破|超过|发展到|累计建成|稳定在|保持在|稳在|保持|控制在|提高到|提高至|提升到|提升至)$"
    # 守住全国耕地不少于18亿亩: a level the plan holds, a red line.
    r"|守住[^,;。0-9]{0,10}$"
    # 数字经济规模2.5万亿元, 实现林下经济总产值3000亿元: a level printed without a verb.
    r"|(?:规模|产值|交易额|成交额|营收|营业收入|销售收入|销售额|进出口额|进出口总额|出口额?|吞吐量|"
    r"预期寿命)$"
)
_PLAN_TOTAL = re.compile(r"累计")
_PER_HEAD = re.compile(r"每[十百千万]*(?:人|户|人口|居民|平方公里)")
_NEXT_ITEM = re.compile(r"、[\u4e00-\u9fff]{1,10}")


def _per_head(text: str, found: list[Found], index: int) -> bool:
    """每千户拥有电脑数650台, 每万人医生数达22名: a level per head (or per square kilometre); so is
    each later item of its list (每百人拥有固定电话70部、移动电话85部)."""
    while index and _NEXT_ITEM.fullmatch(text, found[index - 1].end, found[index].start):
        index -= 1
    return bool(_PER_HEAD.match(text, found[index].start))


_BARE_CHANGE = re.compile(r"^\s*(?:分别)?(?:增长|下降|提高|降低|增加|减少)$")
# 较“十三五”末的9323.1亿元增加…, 比2020年的X提高…: the base a comparison starts from.
_BASE_OF = re.compile(r"[较比][^,;。0-9]{1,12}?的$")
_CHANGE_NEXT = re.compile(r"(?:增加|增长|提高|提升|下降|减少|降低|上升)")
# A rate of what the government spends (支出增长, 财政科技投入增长); 工业投资增长12%以上 is the
# economy's investment, a rate the plan aims at.
# 各负担三分之一: the share of a cost each bears is spending too.
_SPENT_RATE = re.compile(r"支出|(?:财政|政府|预算内)[^,;。]{0,6}(?:投入|投资)|资金|经费|负担")
_SHARE_OF_THINGS = re.compile(r"的|“|[\u4e00-\u9fff]")
# ...but what it is to spend (支出总额将达到664亿元, 完成投资20亿元以上) is a plan.
# 全社会研发投入 and 企业研发投入 measure the economy's R&D, not what the government spends.
_SPENDING = re.compile(r"支出|(?<!全社会研发)(?<!企业研发)投入|投资|资金|经费")
# 突破100万辆, 超1700亿元: a bar the plan's level is to pass; 保持全市第一: a place to hold.
_PASSED_RAW = re.compile(r"突破|超(?!过)|保持")
_SET_RATE = re.compile(r"税率|费率|利率")
_ALREADY = re.compile(
    r"已(?:经)?(?:由|从|达|降|提高|提升|增加|增长|完成|实现|建成|超过|突破)"
    # 国家已经组织了57户企业集团试点, 已经加入17个国际公约: done already, whatever the verb.
    r"|已经[^,;:。要将]{1,6}了?$"
)
# 全国有24万多户国有小企业, 有三分之二的城镇职工在国有企业就业: what the place has, as last counted;
# 现在全国有100多个城市…: as it stands now.
_HAS_NOW = re.compile(
    r"^\s*(?P<now>现在|目前)?,?(?:全国|全省|全市|全县|全区|我国|我省|我市|我县)?(?:共|现|已)?有$"
)
# 国家财政收入的60%以上来自国有企业: where a share comes from, as last counted.
_COMES_FROM = re.compile(r"(?:来自|来源于)")
# 全县有100个村要完成改造: what the plan is to do with a stock.
_PLAN_AFTER = re.compile(r"[^,;:。]{0,12}?(?:要|将|力争|争取)")
# 研发经费 is the economy's R&D, no budget spending.
_SPENT_FUNDS = re.compile(r"资金|(?<!研发)经费")
# 应届高校毕业生就业率保持95%以上, “掌上办”比例90%以上: a level rate the plan holds or reaches.
_LEVEL_RATE = re.compile(r"(?:率|比例|占比|比重)$")
_FROM_YEAR = re.compile(r"[从由][“\"「]?\s*$")
# 从2021年的X, 由“十二五”末的X: the time word dates the start of a change.
_START_DATED = re.compile(r"[”\"」]?末?的")
# “十二五”末: the plan period's last year.
_PLAN_END = re.compile(r"[”\"」]?末")
_ON_BASE = re.compile(r"[)）]?的基础上")
# 从X增加到Y, 由X提高至Y: what lies between a change's start and its result.
_CHANGE_TO = re.compile(
    r"^(?:的水平|的)?[^0-9,;。]{0,4}?(?:增加|提高|提升|增长|上升|下降|减少|降低|扩大|缩小|缩减|跃升|攀升|"
    r"调整优化|调整|优化|升|降|增|减)?(?:到|至|为)"
    # 由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%: a turn after a comma is a change too.
    r"|^,\s*(?:转|减|变|降|升|增)为"
)
_CHANGE_FROM = re.compile(r"[从由]|现行|原来|原有")
_THRESHOLD_RAW = re.compile(r"^(?:超过|超|逾|过)|(?:以上|以下|以内)$")
_CLAUSE = re.compile(r"[,;:。!?]")
# A plan named as a document (“十二五”规划1.5万亿元的目标) dates its own clause only.
_PLAN_DOCUMENT = re.compile(r"[”\"」]?(?:规划|计划)")
# 略低于8%的预定目标, 提前实现规划1.5万亿元的目标: the figure is a goal, whenever it is said.
_ALREADY_END = re.compile(r"已(?:经)?$")
_GOAL_RECALLED = re.compile(
    r"(?:报告|计划|规划)中?(?:曾经?)?(?:提出|确定|要求)(?:[^。]{0,6}?[,:]?(?:要|必须)?把"
    # 去年政府工作报告提出，物价涨幅要从14.8%降到10%左右: the goal in the clause said with 要.
    r"|[,:]?[^,;:。0-9]{0,12}?(?:要|必须)[^,;:。]*$)"
)
_GOAL_AFTER = re.compile(r"的?(?:预定|预期|规划|计划|既定)?目标")


@dataclass(frozen=True)
class Setting:
    """Where a section stands in the report's time: reviewing or planning, and when."""

    phase: PartRole
    period: str | None
    targets: bool = False  # a part setting out the main targets (主要预期目标)
    # The span a review covers (过去五年, “十三五”时期): its levels are of `period`, its last
    # year; totals and yearly averages are over the span.
    span: str | None = None
    # False in a paragraph about the span's last year alone (2020年，…; 这一年，…): what it
    # did that year is that year's, though its yearly averages still run over the span.
    flows_over_span: bool = True


def report_year(report: Report) -> int | None:
    """The year the report plans for: the year of a 政府工作报告 (it reviews the year before),
    the year after the one a yearly report names (关于…2020年度…工作的报告)."""
    reviewed = _REVIEWED_YEAR.search(fold(report.meta.title or ""))
    if reviewed:
        return int(reviewed.group(1)) + 1
    return report.meta.year or report.plan.year


def _span(first: int, last: int) -> str:
    return f"{first}-{last}"


# Five-year plans end in years ending in 0 or 5 (2010, 2025).
_PLAN_LAST_YEAR = 0


def _next_five(year: int) -> str:
    """The five years ahead (今后五年, 未来五年): from the report's year, or, in a report of the
    year that closes a five-year plan (2005, 2010), the coming plan's five from the next."""
    first = year + 1 if year % 5 == _PLAN_LAST_YEAR else year
    return _span(first, first + 4)


def _plan_span(name: str) -> str:
    first = _FIVE_YEAR_PLANS[name]
    return _span(first, first + 4)


def _plan_years(name: str, text: str, end: int, year: int | None) -> str:
    """The plan period a name dates; “十四五”以来 said in its fourth year runs to the year
    reviewed, not through the plan's five."""
    first = _FIVE_YEAR_PLANS[name]
    if year is not None and _SINCE_AFTER.match(text, end) and first < year - 1 < first + 4:
        return _span(first, year - 1)
    return _plan_span(name)


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
        return _next_five(year)  # 今后五年目标与任务 in 2010: the coming plan's 2011-2015
    return None


def section_settings(report: Report) -> dict[str, Setting]:
    """Setting of the preamble ("0") and of every section, by id."""
    year = report_year(report)
    reviewed = str(year - 1) if year else None
    settings = {"0": Setting(REVIEW, reviewed)}
    for top in report.sections:
        title = _clean(top.title)
        review = part_role(top, year) == REVIEW
        default = reviewed if review else (str(year) if year else None)
        period = (_opening_span(top, year) if review else _opening_next(top, year)) or (
            _title_period(title, year, review)
        )
        span = period if review and period and "-" in period else None
        base = Setting(
            REVIEW if review else PLAN,
            span.split("-")[1] if span else period or default,
            bool(_TARGET_TITLE.search(title)) and not review,
            span,
        )
        if _WORK_TITLE.search(title):
            base = replace(base, targets=False)  # 目标任务和重点工作: the work is no target
        for section, setting in _descend(top, base, year):
            settings[section.id] = setting
    return settings


# What a part's sentences say: results of the year gone (同比增长, 完成, 一年来 …) or what the
# coming year is to do (力争, 预期目标, 要 …). A sentence saying both tells nothing.
_SAYS_DONE = re.compile(
    r"同比|比上年|较上年|一年来|过去一年|预计全年|(?:增长|下降|提高|减少)了?[0-9.]+|"
    r"(?:完成|实现|达到|新增|累计|建成)了?[^,;。]{0,12}[0-9]|取得"
)
_SAYS_TO_DO = re.compile(
    r"力争|预期目标|确保|(?<![主重需必只纲])要(?![求素点闻件害])|将(?!近|军)|今年|明年|今后|计划"
)
# Title words of a plan part; 主要工作, 重点工作 head a review as often (…主要工作情况).
_PLAN_TITLE = re.compile(r"安排|打算|计划|思路|要求|任务|目标|建议|展望")
# A part whose title tells nothing is a review only when its sentences plainly say so.
_DONE_MARGIN = 3


def part_role(part: Section, year: int | None) -> PartRole:
    """Whether a top-level part reviews the year (or span) gone or plans the coming one.

    The title decides when it says so (…工作回顾, 2025年工作安排, 主要目标); a title naming only
    years before the report's reviews them (2021年主要工作情况 in a 2022 report). A title
    that says neither (抓紧有利时机，加快经济发展) leaves it to what the part's sentences say:
    a review states results, a plan what is to be done."""
    title = _clean(part.title)
    if _REVIEW_TITLE.search(title):
        return REVIEW
    years = [int(y) for y in _YEAR.findall(title)]
    if year is not None and years:
        return REVIEW if max(years) < year else PLAN
    if _PLAN_TITLE.search(title) or _NEXT_SPAN.search(title):
        return PLAN
    sentences = [fold(sentence) for node in part.walk() for sentence in node.sentences]
    done = sum(bool(_SAYS_DONE.search(s)) and not _SAYS_TO_DO.search(s) for s in sentences)
    to_do = sum(bool(_SAYS_TO_DO.search(s)) and not _SAYS_DONE.search(s) for s in sentences)
    return REVIEW if done >= 2 * to_do + _DONE_MARGIN else PLAN


def _opening_span(section: Section, year: int | None) -> str | None:
    """A review that opens on its span (“十三五”时期，…; 过去五年，…) reviews the span, though
    its title names the last year too (2020年和“十三五”工作回顾)."""
    opening = _clean(section.text[:12])
    plan = _PLAN_NAME.match(opening)
    if plan:
        return _plan_years(plan["name"], opening, plan.end(), year)
    past = _TIME.match(opening)
    if past and past["past"] and year is not None:
        return _span(year - numeral_value(past["n"] or past["n2"]), year - 1)
    return None


def _opening_next(section: Section, year: int | None) -> str | None:
    """A plan part that opens on the five years ahead (今后五年是…关键性五年) sets their goals,
    though its title names no span (争取国民经济再上一个新台阶)."""
    if year is not None and _NEXT_SPAN.match(_clean(section.text[:12])):
        return _next_five(year)
    return None


def _descend(
    section: Section, setting: Setting, year: int | None
) -> Iterator[tuple[Section, Setting]]:
    yield section, setting
    setting = _list_scope(section, setting, year)
    for child in section.children:
        title = _clean(child.title)
        base = _child_phase(title, setting, year)
        own = _title_period(title, year, base.phase == REVIEW)
        # A targets part's own text states the targets; its children only when they say so.
        targets = base.phase == PLAN and bool(
            _TARGET_TITLE.match(title)
            or _TARGET_END.search(title)
            # The parts of a five-year plan's 主要目标 state its goals (高质量发展水平明显提升).
            or (setting.targets and "-" in (setting.period or ""))
        )
        if own and "-" in own and base.phase == REVIEW:
            # （一）过去五年，综合经济实力稳步增长 in a review: the span's flows add up over it,
            # its levels are of its last year, as a part or paragraph opening on the span.
            base = replace(base, period=own.split("-")[1], span=own)
            own = None
        yield from _descend(child, replace(base, period=own or base.period, targets=targets), year)


def _child_phase(title: str, setting: Setting, year: int | None) -> Setting:
    """A part holding both the year reviewed and the coming one (2021年工作回顾和2022年工作
    安排) turns with the years its sub-headings name: （二）2022年工作安排 plans."""
    years = [int(y) for y in _YEAR.findall(title)]
    if year is None or not years:
        return setting
    if setting.phase == REVIEW and min(years) >= year:
        return Setting(PLAN, str(min(years)))
    if setting.phase == PLAN and max(years) < year:
        return Setting(REVIEW, str(max(years)))
    return setting


def _list_scope(section: Section, setting: Setting, year: int | None) -> Setting:
    """The setting a review's list of items inherits from the paragraph that opens it
    (2025年是…收官之年，…。一年来，主要做了以下工作：): the time scope of its last sentence,
    or else of its first."""
    if setting.phase != REVIEW or not section.children:
        return setting
    if setting.span and section.children[0].style in _INLINE_ITEMS:
        # 刚刚过去的2020年，…夺取了…双胜利。一是…二是…: items run inline after a paragraph on
        # the span's last year review that year, whatever the paragraphs after them say.
        for paragraph in section.paragraphs:
            lead = paragraph_setting(opening(paragraph), setting, year) if paragraph else setting
            if not lead.flows_over_span:
                return lead
    for paragraph in reversed(section.paragraphs):
        scoped = list_setting(paragraph, setting, year)
        if scoped is not None:
            return scoped
    # No paragraph opens the list: a span's review that goes on to one year (过去五年，… then
    # 刚刚过去的2025年，…) has its sub-headings review that year, not the five years.
    if setting.span is None:
        return setting
    for paragraph in reversed(section.paragraphs):
        scoped = paragraph_setting(opening(paragraph), setting, year) if paragraph else setting
        if scoped != setting and (scoped.span is None or not scoped.flows_over_span):
            return scoped
    return setting


# Item styles run inline in a paragraph (一是…二是…), split off the paragraph that leads them.
_INLINE_ITEMS = ("shi",)


def list_setting(paragraph: tuple[str, ...], setting: Setting, year: int | None) -> Setting | None:
    """The setting of the items a paragraph opens (…：), or None when it opens none: the time
    scope of its last sentence (五年来，主要做了以下工作：), or else of its first."""
    if not paragraph or not fold(paragraph[-1]).rstrip().endswith(":"):
        return None
    scoped = paragraph_setting(paragraph[-1], setting, year)
    return scoped if scoped != setting else paragraph_setting(opening(paragraph), setting, year)


def _clean(title: str) -> str:
    return re.sub(r"\s+", "", fold(title))


@dataclass(frozen=True)
class Told:
    kind: FigureKind
    period: str | None


def classify(
    text: str,
    found: list[Found],
    labels: list[str],
    setting: Setting,
    year: int | None,
    in_targets: bool,
    where: str = "",
) -> list[Told]:
    """Kind and period of each figure of the folded sentence `text`. `in_targets`: the
    sentence belongs to a run that states the coming year's main targets; `where`: the
    report's place (中央 is the national government's own)."""
    told: list[Told] = []
    for index in range(len(found)):
        whole = _part_of(text, found, index)
        if (
            whole is not None
            and told[whole].kind == "cumulative"
            and "-" in (told[whole].period or "")
        ):
            told.append(told[whole])  # a part of a span's flow flowed over the span
            continue
        if index and _CONVERTED.fullmatch(text, found[index - 1].end, found[index].start):
            told.append(
                told[-1]
            )  # 1.54亿元(按现行汇率折算约1855万美元): the same figure, converted
            continue
        said = _told(text, found, index, labels[index], setting, year, in_targets, where)
        if said.kind == "plan" and index and told[-1].kind == "target":
            said = _listed_goal(text, found, index, told[-1]) or said
        told.append(said)
    return _years_dealt(text, found, told)


_CONVERTED = re.compile(r"\s*\(按[^()]{0,10}?(?:折算|计算)(?:约|为)?\s*")
# 、科技型中小企业 after 高新技术企业达到1.5万家: an item naming its thing, no verb of its own.
_BARE_ITEM = re.compile(r"、[\u4e00-\u9fff“”\"]{1,12}")


def _listed_goal(text: str, found: list[Found], index: int, before: Told) -> Told | None:
    """国家高新技术企业达到1.5万家、科技型中小企业3.2万家: an item of a goal's list that names only
    its thing is a goal as the item before is (the verb before the first goes on)."""
    between = text[found[index - 1].end : found[index].start]
    if not _BARE_ITEM.fullmatch(between) or acts(between[1:]) or _REACH.search(between):
        return None
    return before


# 新增公路通车里程1.2万公里，其中高速公路3358公里: a part named after 其中 with no verb of its own;
# 五年共培养毕业生687万人，研究生17.5万人: a next item of the same count.
_PART_AFTER = re.compile(r"^\s*(?:其中)?[\u4e00-\u9fff“”\"]{1,12}$")


def _part_of(text: str, found: list[Found], index: int) -> int | None:
    """The figure before, when this one is a part of it (其中 and a name, in the same unit)."""
    if not index or found[index].unit != found[index - 1].unit:
        return None
    between = text[found[index - 1].end : found[index].start]
    clause = _clause_before(text, found[index].start)
    if not re.fullmatch(r"\s*,", between.removesuffix(clause)) or not _PART_AFTER.match(clause):
        return None  # the part's clause right after the whole's
    if (
        _CHANGE_NEXT.search(clause)
        or _times(clause)
        or _LEVEL.search(clause)
        or _HAS_END.search(clause)
        or acts(clause.strip().removeprefix("其中"))
    ):
        return None  # 其中去年超收2573亿元: a part said with a time or a verb of its own
    return index - 1


# 1998年至2000年，国内生产总值分别增长7.8%、7.1%和8%: a 分别 over a run of years deals them out.
_YEARS_DEALT = re.compile(r"([0-9]{4})年?(?:至|到|—|－|-|~)([0-9]{4})年[^。;；]*?分别")


def _years_dealt(text: str, found: list[Found], told: list[Told]) -> list[Told]:
    """Each figure of a list a run of years deals out (…年至…年…分别…), given its own year as
    that year's result; a list shorter than the run (1998年至2000年…分别增长7.8%和8%) says not
    which years its figures are of, so each is the run's, never one year's."""
    for match in _YEARS_DEALT.finditer(text):
        first, last = int(match[1]), int(match[2])
        after = [n for n, f in enumerate(found) if f.start >= match.end()]
        listed = after[:1]
        for a, b in pairwise(after):
            if (
                len(listed) > last - first
                or text[found[a].end : found[b].start].strip() not in _JOINS
            ):
                break
            listed.append(b)
        if last <= first or not listed:
            continue
        dealt = len(listed) == last - first + 1
        for k, n in enumerate(listed):
            kind = told[n].kind
            # each year's own figure, no longer a total over the run (unless printed as one)
            if dealt and kind == "cumulative" and not _TOTAL_CUE.search(text, 0, found[n].start):
                kind = "result"
            period = str(first + k) if dealt else _span(first, last)
            told[n] = replace(told[n], kind=kind, period=period)
    return told


# What joins the items of a list (7.8%、7.1%和8%).
_JOINS = ("、", "和", "及", "与", ",")


def _told(
    text: str,
    found: list[Found],
    index: int,
    label: str,
    setting: Setting,
    year: int | None,
    in_targets: bool,
    where: str = "",
) -> Told:
    figure = found[index]
    raw = text[figure.start : figure.end]
    # 原煤、原油、天然气产量分别达到7000万吨、1280万吨、10亿立方米: the items after the first of a
    # list are said with the words before the first.
    first = found[_items_lead(text, found, index)]
    clause = _clause_before(text, first.start)
    times = _TIMES_OVER.search(clause.rstrip())  # 是 2011 年的 3.14 倍: spaces as printed
    if figure.unit == "倍" and setting.span and _SUMS_COMPARED.search(clause.rstrip()):
        # 相当于前九年总和的1.6倍, 是上个五年的两倍: the span's total against an earlier span's.
        return Told("cumulative", setting.span)
    if figure.unit == "倍" and times and not _OVER_SPAN.search(clause):
        # 2002年在校生1600万人，是1997年的2.3倍: a level's ratio to a base year, of the level's year.
        return Told(
            "result", _period(text, figure.start - len(clause) + times.start(), setting, year)[0]
        )
    period, span_word = _period(text, figure.start, setting, year)
    if period and "-" not in period:
        period, span_word = _averaged_over(text, figure.start, clause, period, span_word)
    if setting.phase == PLAN and "-" in (setting.period or "") and period == _last(setting.period):
        period = setting.period  # 力争到2025年… in the “十四五” goals: a goal of the span
    if _STREAK_RAW.search(raw) and setting.phase == PLAN and year and _ALREADY_END.search(clause):
        # 由于已经连续三年增长速度在百分之十一以上, said in the plan: a streak reached by last year.
        return Told("result", str(year - 1))
    if _STREAK_RAW.search(raw) and setting.phase == REVIEW:
        # 连续16个季度, 五连冠: a streak as reached in the year reviewed (or the span's last).
        return Told("result", period.split("-")[-1] if period else None)
    streak = _STREAK.search(clause) if figure.qualifier != "rank" else None
    if streak and period:
        # 连续8年稳定在1300亿斤以上: a bar held over the streak's years (in a span's review, the
        # streak's years up to the span's last: 连续5年压减超5%).
        last = int(period.split("-")[-1])
        period = _span(last - int(numeral_value(streak["n"])) + 1, last)
        # 连续2年破万亿元: a bar passed in each year of the streak, as one held above.
        held = (
            _HELD.search(clause[streak.end() :])
            or _THRESHOLD_RAW.search(raw)
            or raw.startswith("破")
        )
        if "累计" not in clause and held:
            return Told("threshold", period)
        span_word = True
    elif (
        setting.span
        and (
            # 平均每年增加2053亿元 reads as a rate per year; 累计建成… in a paragraph on the
            # span's last year adds up since a start it does not print, not over the span.
            (
                _OVER_SPAN.search(clause + raw)
                and (setting.flows_over_span or not _TOTAL_CUE.search(clause + raw))
            )
            or (
                setting.flows_over_span
                and (
                    _is_flow(text, figure, clause, first.start)
                    or _CHANGE_BEFORE.search(clause)
                    or raw.startswith("翻")  # 经济总量翻一番: a change over the span
                )
                and not _dated(text[: figure.start])
            )
        )
        and not _before(period, year - 1 if year else None)
        and not (span_word and "-" in (period or ""))  # a span the sentence prints
    ):
        period, span_word = setting.span, True  # 年均增长8.2%, 累计实施68个 in a review of “十三五”
    if (
        setting.span
        and setting.flows_over_span
        and _HELD_AT.search(clause)
        and not _ONE_YEAR_DATED.search(text[: figure.start])
    ):
        # 参保率均稳定在98%以上, 年度投资保持1万亿元以上 in a span's review: a bar held over the
        # span; 比重保持在55%左右: a level held over it.
        if raw.endswith("以上"):
            return Told("threshold", setting.span)
        if raw.endswith("左右"):
            return Told("result", setting.span)
    recalled = setting.phase == REVIEW and _GOAL_RECALLED.search(text, 0, figure.start)
    if _is_start(text, found, index):
        # 2011年，规划面积由4.9平方公里调整为12平方公里 in a review of 2007-2011: a change of the
        # year printed, not of the span, is dated that year (not when the sentence compares with
        # another year: 2016年…比2011年增长…，贫困人口由10.81万人下降到2.88万人).
        dated = _OPENS_ON_YEAR.match(text) and len(_YEAR.findall(text[: figure.start])) == 1
        if setting.span and period == setting.period and not dated:
            period = setting.span
        lead = _clause_before(text, found[_list_lead(text, found, index)].start)
        if recalled and period and "-" not in period and not _YEAR.search(lead):
            return Told("start", str(int(period) - 1))  # 要从14.8%降到…: the year before the goal's
        return Told("start", _start_period(lead, period))
    if _GOAL_AFTER.match(text, figure.end):
        return Told("target", period)
    if recalled:
        # 去年我在政府工作报告中曾提出，要把…控制在百分之十以内: the year's target, recalled.
        return Told("target", period)
    if _is_threshold(text, figure, raw):
        return Told("threshold", period)
    # 今年中央财政预算安排再就业补助资金83亿元: funds the budget spends, even in a run of
    # targets, are its plan.
    funds = bool(_SPENT_FUNDS.search(clause + label)) and not headline_measure(label)
    if (in_targets or setting.targets) and not _dated_before(clause, period, year) and not funds:
        # 在去年…的基础上增长8.1%: last year is the base, the target is this year's.
        return Told("target", str(year) if year and _before(period, year) else period)
    has = _HAS_NOW.match(clause)
    described = has or (figure.unit in p.PERCENT_UNITS and _COMES_FROM.match(text, figure.end))
    if setting.phase == PLAN and year and described and not _PLAN_AFTER.match(text, figure.end):
        return Told("result", str(year if has and has["now"] else year - 1))
    if (
        setting.phase == PLAN
        and _ALREADY.search(clause)
        and not _PLAN_AFTER.match(text, figure.end)
    ):
        # 从2002年1月1日起，我国关税总水平已由15.3%降到12%: done already, said in the plan; a
        # level a span has reached (现已达到155个) is its last year's.
        return Told("result", _last(period))
    if setting.phase == PLAN and not _before(_last(period), year):
        # A rate the plan aims at (增长14%左右, 贫困发生率降到0.5%); not what it spends (支出增长
        # 28.7%) nor a rate it sets (增值税税率降至13%).
        rate = (
            figure.unit in ("%", "‰", "个百分点", "百分点")
            # 研究与开发支出占GDP的比重达2.8%: a share of spending is a level, not spending.
            and not (_SPENT_RATE.search(clause) and not _SHARE_REACHED.search(clause))
            # 补助资金比去年增长11.3%: the funds named in the label before the change.
            and not _SPENT_FUNDS.search(label)
        )
        own = clause.rsplit("、", 1)[-1]  # the list item's own words
        reach = (
            (
                rate
                and (
                    _REACH.search(clause)
                    or _CHANGE_BEFORE.search(clause)
                    or _LEVEL_RATE.search(label)
                    # 推动60%以上的县级机构达标, 实现政务服务事项90%以上“掌上办”: a share of things
                    # (一半用于大病保险: a share of money put to a use is spending)
                    or (
                        _SHARE_OF_THINGS.match(text, figure.end)
                        and not text.startswith("用于", figure.end)
                    )
                )
                and not _SET_RATE.search(clause + label)
            )
            or _STRIVE.search(clause)
            # 确保PM2.5指数退出全省后30位: a place in a ranking the plan aims at (RULES.md).
            or figure.qualifier == "rank"
            or (figure.unit == "位" and text[: figure.start].endswith(("前", "后")))
            or _per_head(text, found, index)
            # 力争全年新上项目10个，完成投资20亿元以上: a sentence opening on 力争 strives in each clause.
            or _STRIVE_OPENING.match(text.lstrip())
            # 今年要累计建成基站4.5万个, 新增1000处…、累计达8000处: a total the plan is to reach.
            or (_PLAN_TOTAL.search(own) and not _SPENDING.search(own))
            or (
                (_LEVEL_REACHED.search(clause) or _PASSED_RAW.match(raw))
                and not _FLOW_BEFORE.search(clause + raw)
                and not _SPENDING.search(clause)
                # 财政对参合农民的补助标准提高到40元: what the budget pays per head is spent.
                and "财政" not in clause
                and not _SET_RATE.search(clause + label)  # 保持6%一档税率不变: a rate it sets
                # 设立首期规模30亿元的航运基金: the size of a thing set up, no level reached.
                and not text.startswith("的", figure.end)
            )
        )
        measured = (
            headline_measure(label)
            or (
                _aimed_at(label, figure.unit, figure.qualifier, where, year)
                and not _a_part(text, label)
            )
            or (_GOAL_MEASURE.search(label) and not _SPENDING.search(clause + label))
            or (_PEOPLE_LOT.search(label) and figure.unit in _PEOPLE_UNITS)
        )
        return Told("target" if reach or measured else "plan", period)
    if year and period and "-" not in period and int(period) >= year:
        # 到2021年…达到110亿元以上, said in the review: what the plan is to reach.
        return Told("target" if headline_measure(label) else "plan", period)
    if (
        span_word
        and "-" in (period or "")
        and (
            # 总资产达到 3.29万亿元: a space printed before the figure says nothing.
            _REACHED_END.search(clause.rstrip())
            # 五年净增106万户、总量突破465万户: the stock the item names, after the span's flow.
            or _STOCK_ITEM.search(clause.rsplit("、", 1)[-1].rstrip())
            # 这两年…开工了一大批工程，全市在建工地有1万多个: a stock the span ends on (五年中有3000万
            # 贫困人口解决了温饱问题: those who did something over the span, no stock).
            or (
                _HAS_END.search(clause.rstrip())
                and not acted_on(_CLAUSE.split(text[figure.end :])[0])
            )
            # 占两板上市企业数的11%: a share of a stock is a level, of the span's last year; one
            # of what the span added (新设…, 累计…占) is the span's.
            or (
                _SHARE_ITEM.search(clause.rsplit("、", 1)[-1].rstrip())
                and figure.unit in ("%", "成")
                and not (_FLOW_BEFORE.search(clause) or _OVER_SPAN.search(clause))
            )
            or figure.qualifier == "rank"  # a place is held at a date, never summed
            # 9个县城空气质量全面达标, 6家企业上榜…500强: how many are in that state at the end.
            or _STATE_AFTER.match(text, figure.end)
        )
        # 研发投入占GDP比重达到3.6%: a share of spending is a level, not spending that adds up.
        # 来深投资的世界500强企业达到166家: what is counted is after the 的, no spending.
        and not (_ADDS_UP.search(clause.rsplit("的", 1)[-1]) and not _SHARE_REACHED.search(clause))
    ):
        # 五年间…，1992年达到1656亿美元; 累计达到46个: a level reached, the span's last year's.
        return Told("result", _last(period))
    if (
        _CUMULATIVE_CUE.search(clause)
        and not span_word
        and not _YEAR_TOTAL.search(clause)
        # 累计实现工业增加值4.48亿元，同比增长18.9%: the year's total so far, compared with last
        # year's; a place in a ranking is held at a date, never summed.
        and not _YEAR_COMPARED_AFTER.match(text, figure.end)
        and figure.qualifier != "rank"
    ):
        return Told("cumulative", None)  # 累计建设30万套: since the start, no span printed
    return Told("cumulative" if span_word else "result", period)


# What was done over a span adds up over it (城镇新增就业522万人, 发行6600亿元国债, 5029人…脱贫);
# a level (达到, 总量, 余额) is of the span's last year, and so is what a yearly statistic
# 完成 (财政收入完成3.25亿元, 比2006年增长…).
_FLOW_BEFORE = re.compile(
    r"先后|新增|新建|新开工|建成|实施|发行|引进|培育|改造|改扩建|扩建|落户|利用外资|减少|培训|帮助|解决|创建|造林|治理|减免|"
    r"发放|落地|开通|转移|安置|救助|招引|签约|净增|开挖|疏浚|新设|改善|筹集|办理|制定|修订|审议|加固|"
    r"探明|开工|组建|重组|出让|增补|升格|识别|完成[^,;。0-9]{0,4}投资|育林|(?:^|(?<=[0-9元\s、]))建设(?!用地|规模|面积|里程)[^、]*$|"
    # 举办三届双年展, 赢得一金一铜, 通过两轮改革: events held, medals won, rounds gone through.
    r"举办|承办|赢得|夺得|通过$"
)
_FLOW_AFTER = re.compile(
    r"[^,;。0-9]{0,16}?(?:脱贫|出列|摘帽|实现就业|搬迁)|\s*(?:建成|投用|投产|竣工|完工|开工)"
    # 52个村、8万人喝上了“放心水”: what places and people gained over the span, each item of the list.
    r"|[^,;。]{0,16}?(?:喝上|用上|住上|入住|迁入)"
    # 11个市…被命名为…模范城, 3家企业主板上市: what was named or listed over the span (上市公司
    # is a stock).
    r"|[^,;。]{0,16}?(?:被命名|上市(?!公司|企业))"
)
# 新能源总装机增长2.4倍, 刑事案件下降55.8% in a span's review (这是…的五年): a change over the span,
# as its flows add up over it; 同比 and 比上年 date the change to one year.
_CHANGE_BEFORE = re.compile(
    r"(?<!同比)(?<!比上年)(?<!较上年)(?:分别)?(?:增长|下降|提高|提升|降低|减少|增加|压降|压减|压缩|精简"
    r"|清偿|减)了?$"
)
# 为 says a level only right before the figure (总数为X): 为国家赢得 is for the country; so does
# 达 (总数达120家), not inside a name (建成了祥达嘉园等8个小区).
_LEVEL = re.compile(
    r"达到|达\s*$|为$|现已|现有|已有|总量|总数|余额|保有|突破|超过|年末|年底|末|占|(?:到|至)$"
)


# 突破1万公里, 超5400公里: a bar the stock passed, whatever the clause's verb.
_PASSED = re.compile(r"突破|超过|超|逾|近|接近")


# 全年共引荐项目76个 in a span's review: what was done that year, not over the span.
_ONE_YEAR = re.compile(r"全年|当年|这一年")


# 投入达3200亿元, 下岗职工达2700多万人: what the span spent or shed adds up over it.
_ADDS_UP = re.compile(r"支出|投入|投资|资金|经费|下岗|失业|利用外资")
_SHARE_REACHED = re.compile(r"(?:比例|占比|比重|强度)[^,;。0-9]{0,4}$")
_REACHED_END = re.compile(
    r"(?:达到|达|提高到|提高至|提升到|提升至|增加到|增长到|上升到|扩大到|发展到|发展至|升至|跃升至|增至|"
    r"降至|降到|下降到|下降至|减少到|减少至)$"
)


# 先后有12个单位…: who took part over the span, not a stock.
# A state the counted things are in at the span's end, said after them (9个县城空气质量全面达标,
# 15个学科进入全国排名前10%, 3000余项事项实现“一网通办”, 四个乡镇全部建成教育强镇).
_STATE_AFTER = re.compile(
    r"[^,;:。、]{0,16}?(?:(?:全面|均)?(?:达标|上榜|进入)|实现[“\"]|实现集中|全部建成)"
)
_HAS_END = re.compile(r"(?<!先后)(?<!累计)(?:有|现有|共有|拥有)$")
_SHARE_ITEM = re.compile(r"占[^,;:。、]{0,12}$")
_STOCK_ITEM = re.compile(r"(?:总量|总数|总规模|余额|保有量)(?:达到|达|突破|超过|为)?$")


def _averaged_over(
    text: str, start: int, clause: str, period: str, span_word: bool
) -> tuple[str, bool]:
    """两年平均增长4.9%: an average over the N years ending with the figure's year; 从2020年的X增至
    2024年的Y、年均增长12.9%: an average over the years of the change before it."""
    years = _YEARS_AVERAGE.search(clause)
    last = int(period)
    if years:
        return _span(last - numeral_value(years["n"]) + 1, last), True
    if _OVER_SPAN.search(clause):
        change = next(reversed(list(_CHANGE_YEARS.finditer(text, 0, start))), None)
        if change and int(change["a"]) < int(change["b"]) == last:
            return _span(int(change["a"]) + 1, last), True
    return period, span_word


_YEARS_AVERAGE = re.compile(r"(?<![0-9])(?P<n>[两二三四2-4])年(?:平均|年均)")
_CHANGE_YEARS = re.compile(
    r"从(?P<a>(?:19|20)[0-9]{2})年[^,;。]{0,30}?(?:到|至)(?P<b>(?:19|20)[0-9]{2})年"
)


def _last(period: str | None) -> str | None:
    return period.split("-")[-1] if period else None


def _dated(before: str) -> bool:
    """Whether a time word (2020年, 去年, 全年 …) dates what follows; a bare 五年 does not."""
    return bool(_ONE_YEAR.search(before)) or any(not m["five"] for m in _times(before))


def _times(text: str) -> list[re.Match[str]]:
    """The time words of the text, but a year inside a quoted name (荣获“2010年全省五保工作先进县”
    称号) dates the title, not the clauses after it."""
    return [
        m for m in _TIME.finditer(text) if not (m["year"] and _IN_NAME.search(text, 0, m.start()))
    ]


# A quote opened before the year and not closed: the year is part of a quoted name.
_IN_NAME = re.compile(r"[“\"「][^”\"」,;。]*$")


def _is_flow(text: str, figure: Found, clause: str, listed: int) -> bool:
    """Whether the figure counts what was done (a flow), not a stock; `listed`: where the
    list it belongs to starts (分别突破300亿元和3000亿元: both passed a bar)."""
    if figure.unit in ("%", "‰", "个百分点", "百分点", "倍") or _LEVEL.search(clause):
        return False
    if _FLOW_BEFORE.search(clause) or _FLOW_AFTER.match(text, figure.end):
        return True
    passed = _PASSED.match(text, listed)
    if _SENTENCE_ADDS_UP.search(text, 0, listed) and not passed:
        # 先后有43个单位…，累计派出546名干部，在72个村开展驻村帮扶: a sentence opening on 先后 or
        # 累计 (or 共, 共有 aside: a stock) tells what was done over the years in each of its clauses.
        return True
    # 高速公路通车里程突破1万公里: a milestone the stock passed, whatever verb names the stock.
    if passed:
        return False
    plain = _plain_clause(clause)
    # “手撕镍”“无氧铜”等353项技术…实现国产化替代: examples named before the count open no
    # clause of their own.
    if not plain or (plain.endswith("等") and not acts(clause)):
        # 164个贫困村…全部脱贫摘帽: the figure opens its clause, the action follows.
        return acted_on(_CLAUSE.split(text[figure.end :])[0])
    return acts(clause) or ends_on_action(clause)


_SENTENCE_ADDS_UP = re.compile(r"^\s*(?:其中,)?(?:先后|累计|共(?!有|计))")


def _plain_clause(clause: str) -> str:
    return re.sub(r"[\s“”\"「」()（）]|其中|此外|另外|同时|全年|累计|共|先后|分别", "", clause)


# 各位代表！ printed as a sentence of its own: an address, not the paragraph's time scope.
_ADDRESS = re.compile(r"^\s*(?:各位代表|各位委员|同志们)[,!:]?\s*$")


def opening(paragraph: tuple[str, ...]) -> str:
    """A paragraph's opening sentence; one that only addresses the audience (各位代表！过去五年，…)
    runs on into the next."""
    if len(paragraph) > 1 and _ADDRESS.match(fold(paragraph[0])):
        return paragraph[0] + paragraph[1]
    return paragraph[0]


def paragraph_setting(opening: str, setting: Setting, year: int | None) -> Setting:
    """The setting of a paragraph whose first sentence opens on a time scope: the scope governs
    the whole paragraph, not only that sentence. 过去五年，… or “十三五”时期，… (a span: its totals
    add up over it, its levels are of its last year); 2020年，…, 这一年，… (one year)."""
    if setting.phase == PLAN and year and _LAST_YEAR_OPENING.match(_clean(opening)):
        # 在过去的一年里，我国外交工作取得重要进展 in a part on the work ahead: last year reviewed.
        return Setting(REVIEW, str(year - 1))
    if setting.phase != REVIEW:
        return setting  # a plan's dated sentences (2024年…, 今后五年…) date themselves
    head = _SCOPE_LEAD.sub("", _clean(opening))
    clause = _CLAUSE.split(head, maxsplit=1)[0]
    compared = _COMPARED_OPENING.match(clause)
    if compared and int(compared["base"]) < int(compared["year"]):
        # 1992年同1987年相比，…: the paragraph reviews the years since the base.
        span = _span(int(compared["base"]) + 1, int(compared["year"]))
        return replace(setting, period=compared["year"], span=span, flows_over_span=True)
    scope = _TIME.match(clause)
    if scope is None or scope["five"] or (scope["plan"] and not _PLAN_SCOPE.match(clause)):
        return setting
    period, _ = _period(clause, scope.end(), setting, year)
    if period is None:
        return setting
    if "-" not in period:
        if setting.span and period == setting.period:
            if _YEARLY_AVERAGE.search(head):
                # 1997年国内生产总值达到…，平均每年增长11%: the last year's level opens a review of
                # the span, its yearly average over it.
                return setting
            return replace(setting, flows_over_span=False)  # the span's last year
        return replace(setting, period=period, span=None)
    if not year or int(period.split("-")[1]) >= year:
        return setting  # a span still running is no review's
    return replace(setting, period=period.split("-")[1], span=period)


_YEARLY_AVERAGE = re.compile(r"(?:平均每年|每年平均|年均)(?:实际)?(?:增长|递增)")
_LAST_YEAR_OPENING = re.compile(r"^(?:在)?(?:过去的?一年|刚刚过去的一年)(?:里|中|来)?[,:]")
_COMPARED_OPENING = re.compile(
    r"^(?P<year>(?:19|20)[0-9]{2})年(?:同|与|和|比|较)(?P<base>(?:19|20)[0-9]{2})年(?:相比|比较)?$"
)
# Words a paragraph may open with before its time scope (各位代表，刚刚过去的2020年…).
# Words that only lead into the scope: an address, 回顾, and a stress (这里要特别指出，刚刚过去的
# 1992年，…; 值得一提的是，…) that dates nothing itself.
_SCOPE_LEAD = re.compile(
    r"^(?:各位代表[,!:]?|回顾|刚刚过去的|过去的"
    r"|(?:这里)?(?:需要|要|应当)?特别(?:要)?指出(?:的是)?[,:]|(?:需要|应当)指出的是[,:]"
    r"|值得(?:一提|注意|指出)的是[,:])+"
)
_PLAN_SCOPE = re.compile(r"[“\"「]?[十六七八九]+五[”\"」]?(?:时期|期间|以来)")


def headline_measure(label: str) -> bool:
    """Whether a label names one of the measures a reader asks for first (keys.HEADLINES)."""
    return any(pattern.search(label) for _, pattern in HEADLINES) and not NOT_HEADLINE.search(label)


def numeral_value(token: str) -> int:
    return int(token) if token.isdigit() else int(cn_number(token) or 1)


def _dated_before(clause: str, period: str | None, year: int | None) -> bool:
    """The clause prints a year before the report's (从2003年到2006年年均超收…): a past figure."""
    return _before(period, year) and f"{period}年" in clause.replace(" ", "")


def _before(period: str | None, year: int | None) -> bool:
    return bool(period and year and "-" not in period and int(period) < year)


# 已建成的主要有：…, 已经完成…: what the sentence says is done already.
_DONE_OPENING = re.compile(r"^\s*(?:其中,?)?已经?(?:建成|完成|竣工|开工|实施)")


def carried_span(previous: str, text: str, setting: Setting, year: int | None) -> Setting | None:
    """The setting of a plan's sentence opening on what is done already (已建成的主要有：…) right
    after one dated by a past span (两年来，通过…共建设5100多个项目。): a review of that span, or
    None for any other sentence."""
    if setting.phase != PLAN or year is None or not _DONE_OPENING.match(text):
        return None
    if _times(text):
        return None  # a sentence dated by its own words
    past = [m for m in _times(previous) if m["past"]]
    if not past:
        return None
    years = numeral_value(past[-1]["n"] or past[-1]["n2"])
    return Setting(REVIEW, str(year - 1), span=_span(year - years, year - 1))


def opens_targets(text: str, setting: Setting, year: int | None) -> bool:
    """Whether the folded sentence states the coming year's main targets (主要预期目标是：…);
    the sentences after it in its paragraph go on stating them."""
    if not _TARGET_CUE.search(text):
        return False
    return setting.phase == PLAN or "今年" in text or (year is not None and f"{year}年" in text)


# 《纲要草案》…设置了29项主要指标，包括：…: the draft outline of the plan the report opens with.
_PLAN_DRAFT_GOALS = re.compile(r"(?:纲要|规划)(?:草案)?[^。]{0,40}?(?:主要指标|主要目标|发展目标)")
# Five-year plans begin in years ending in 1 or 6 (2021, 2026): a report of such a year opens one.
_PLAN_FIRST_YEAR = 1


def plan_draft_goals(text: str, setting: Setting, year: int | None) -> Setting | None:
    """The setting of a review's sentence quoting the main indicators of the draft outline of the
    five-year plan the report's year opens (“十五五”时期主要目标任务 inside the span's review):
    goals over the coming five years, or None for any other sentence."""
    if setting.phase != REVIEW or year is None or year % 5 != _PLAN_FIRST_YEAR:
        return None
    if not _PLAN_DRAFT_GOALS.search(text):
        return None
    return Setting(PLAN, _span(year, year + 4), targets=True)


def _clause_before(text: str, start: int) -> str:
    return _CLAUSE.split(text[:start])[-1]


# 由上年居世界第四位, 由上年分别增长5.6%, 比上年190天: a start said of the year before.
_LAST_YEAR_BEFORE = re.compile(r"[由从比较](?:上年|去年|上一年)(?:同期)?[^,;:。0-9]{0,6}$")
_LAST_YEAR_BASE = re.compile(r"[比较](?:上年|去年|上一年)(?:同期)?$")


def _is_start(text: str, found: list[Found], index: int) -> bool:
    """从X增加到Y, 由X降至Y, 现行16%的税率降至13%: X is where a change starts; so is the base
    of 在X的基础上增长Y."""
    figure = found[index]
    if _ON_BASE.match(text, figure.end):
        return True
    if _BASE_OF.search(text, 0, figure.start) and _CHANGE_NEXT.match(text, figure.end):
        return True
    if _LAST_YEAR_BASE.search(text, 0, figure.start) and _CHANGE_NEXT.match(text, figure.end):
        return True  # 比上年190天增加19天: last year's level, the base of the change
    if index + 1 >= len(found):
        return False
    between = text[figure.end : found[index + 1].start]
    if between.strip() in p.LIST_JOINS and _is_start(text, found, index + 1):
        return True  # 从46503元和16935元分别提高到…: both listed figures are starts
    lead = _list_lead(text, found, index)
    # 排名由369位上升到235位: the 由 may be printed inside the place's words.
    first = found[lead]
    said = _clause_before(text, first.start)[-12:] + text[first.start : first.end]
    return bool(_CHANGE_TO.match(between)) and bool(_CHANGE_FROM.search(said))


def _list_lead(text: str, found: list[Found], index: int) -> int:
    """The first figure of the list the figure ends (从A和B分别提高到…: A for B)."""
    while index and text[found[index - 1].end : found[index].start].strip() in p.LIST_JOINS:
        index -= 1
    return index


def _items_lead(text: str, found: list[Found], index: int) -> int:
    """The first figure of a list of counted things (配套建设218个园区基地、39个就业创业服务站): each
    later item is said with the words before the first, as a bare list (_list_lead) is."""
    index = _list_lead(text, found, index)
    while index and _THINGS_BETWEEN.match(text, found[index - 1].end, found[index].start):
        index = _list_lead(text, found, index - 1)
    return index


# What sits between two items of a list of counts: the first's things, then 、 (no verb of its own
# starts the next item, which opens on its figure).
_THINGS_BETWEEN = re.compile(r"[\u4e00-\u9fff“”\"]{1,10}、$")


def _is_threshold(text: str, figure: Found, raw: str) -> bool:
    """超200亿元的县, 亿元以上项目, 50万元以下拖欠账款, 跻身500亿元行列: a bar, not a figure of what
    passes it. A count with a floor (实施1000个以上省重点项目) counts the things; a share with one
    (60%以上的县级机构, 覆盖95%以上行政村) is the share of them, unless a rate named before it is
    the bar (空置率30%以下“空心村”)."""
    end = figure.end + 2 if text.startswith("以下", figure.end) else figure.end
    raw = text[figure.start : end]
    after = text[end : end + 1]
    if _BAR_AFTER.match(text, end):
        return True
    if not _THRESHOLD_RAW.search(raw):
        return False
    if figure.unit in p.PERCENT_UNITS:
        named = _RATE_NAMED.search(_clause_before(text, figure.start))
        return bool(named) and after != "的" and ("\u4e00" <= after <= "\u9fff" or after == "“")
    if raw.endswith("以上") and (figure.unit in _COUNTERS or p.PEOPLE_AFTER.match(text, end)):
        return False  # 1000个以上重点项目, 1000万以上贫困人口: the things or people counted
    if _THINGS_SHARED_PASS.search(_clause_before(text, figure.start)):
        return True  # 55%以上的村经营性收入达到10万元以上: the bar the share's things pass
    if after == "的" or _BAR_NAMES.match(text, end):
        return True  # 超200亿元的县, 城区人口超50万县
    if raw.startswith(("超", "过")) and not raw.startswith("超过") and _BARRED.match(text, end):
        return True  # 产值超亿元企业13家, 投资过千万元项目: the bar picks out the firms
    return (
        raw.endswith(("以上", "以下")) and "\u4e00" <= after <= "\u9fff" and after not in "增达占"
    )


# Measure words that count the noun after them (1000个以上省重点项目); 20户以上自然村 counts
# households, a bar on the villages.
_COUNTERS = ("个", "家", "项", "条", "所", "座", "处", "类", "种", "支", "片")
# The things a bar printed before them picks out (超亿元项目, 超10亿元农业产业化龙头企业).
_BARRED = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:企业|项目|园区|集群|县|乡镇|镇|村)")
# 55%以上的村(社区)经营性收入达到…, 八成的企业营收超过…: a share of things, then what each of
# them reaches; the bar after it picks out the things the share counts.
_THINGS_SHARED_PASS = re.compile(
    r"(?:[0-9.]+%|[一二三四五六七八九]成)(?:以上|以下|左右)?的[^,;:。!?0-9]{1,20}?"
    r"(?:达到|达|超过|突破|在)?$"
)
# 空置率30%以下: the rate whose bar the percentage is.
_RATE_NAMED = re.compile(r"(?:率|比例|比重|占比)$")


def _period(text: str, start: int, setting: Setting, year: int | None) -> tuple[str | None, bool]:
    """The figure's period and whether a span word (过去五年, “十四五”期间) gives it."""
    told = base = None
    opened: str | None = None  # the first year of a printed span (2003年到2006年)
    current: str | None = None  # a plan named before whose years hold the report's
    clause = start - len(_clause_before(text, start))
    for match in _times(text[:start]):
        if (
            match["plan"]
            and year is not None
            and year - 4 <= _FIVE_YEAR_PLANS[match["plan"]] <= year
        ):
            current = match["plan"]
        if (
            (match["year"] or match["plan"])
            and _FROM_YEAR.search(text, 0, match.start())
            and _START_DATED.match(text, match.end())
        ):
            continue  # 从2021年的X提高到Y: the year dates the start only (its own clause reads it)
        if (
            match.start() < clause
            and (match["five"] or (match["plan"] and _PLAN_DOCUMENT.match(text, match.end())))
            # 按调整后的“八五”计划，…由原定平均每年百分之六调高到…: an average per year dates
            # to the plan the sentence names
            and not (match["plan"] and _OVER_SPAN.search(text, clause, start))
        ):
            continue  # weak time words: they date their own clause only
        through = base is not None and text[base.end() : match.start()] in _THROUGH
        multiple = _MULTIPLE_OF.search(text[: match.start()]) and _MULTIPLE_AFTER.match(
            text, match.end()
        )
        if _COMPARED.search(text[: match.start()]) or multiple or through:
            # 是1950年到1997年…总和的1.7倍: the base runs to its last year; 1992年同1987年相比，…:
            # a comparison clause sets the base of the clauses after it.
            here = (
                match.start() >= clause
                or _COMPARISON_END.match(text, match.end())
                # …较“十三五”末增加4374.4亿元，增长33.6%: a bare change goes on comparing.
                or _BARE_CHANGE.match(text[clause:start])
            )
            base = match if here else None
        else:
            # 从2003年到2006年年均超收…: two years joined by 到 print the span the figure covers;
            # so do a bare year and a dated one (1998－2000年, 2021至2025年).
            ranged = (
                told is not None
                and told["year"]
                and match["year"]
                and text[told.end() : match.start()].strip() in _THROUGH
                and int(told["year"]) < int(match["year"])
            )
            bare = _BARE_YEAR_THROUGH.search(text, 0, match.start()) if match["year"] else None
            opened = (
                told["year"]
                if told is not None and ranged
                else bare[1]
                if bare and int(bare[1]) < int(match["year"])
                else None
            )
            told, base = match, None
    if base is not None:
        # 到2010年国内生产总值比2000年翻一番 among the 十五 goals: from the base to the year printed.
        until = told["year"] if told is not None and told["year"] else None
        return _since(base, setting, year, int(until) if until else None)
    if told is None:
        return setting.period, "-" in (setting.period or "")
    if told["year"]:
        return (_span(int(opened), int(told["year"])), True) if opened else (told["year"], False)
    if told["plan"]:
        if _PLAN_END.match(text, told.end()):
            return str(_FIVE_YEAR_PLANS[told["plan"]] + 4), False
        return _plan_years(told["plan"], text, told.end(), year), True
    if year is None:
        return setting.period, False
    if told["past"]:
        years = numeral_value(told["n"] or told["n2"])
        return _span(year - years, year - 1), True
    if told["since"]:
        first = int(told["since"])
        return (_span(first, year - 1), True) if first < year - 1 else (str(first), False)
    if told["five"]:
        if current is not None and setting.phase == PLAN:
            # “十一五”期间，关停…；五年淘汰落后产能1亿吨 said in 2007: the plan's five years.
            return _plan_span(current), True
        if setting.phase == REVIEW:
            return _span(year - 5, year - 1), True
        return _next_five(year), False
    if told["next"]:
        return _next_five(year), False
    if told["ahead"]:
        if setting.phase != PLAN:
            return setting.period, False
        years = numeral_value(told["an"] or told["an2"]) if told["an"] or told["an2"] else 2
        return _span(year, year + years - 1), False
    if told["last"]:
        return str(year - 1), False
    return str(year + 1 if told["next_year"] else year), False


def _since(
    base: re.Match[str], setting: Setting, year: int | None, until: int | None = None
) -> tuple[str | None, bool]:
    """比“十二五”末增长52.4%, 较2015年下降50%: a change over the years since the base, to the
    year printed before it (`until`) when that is later than the base."""
    if base["year"]:
        first = int(base["year"]) + 1
    elif base["plan"]:
        first = _FIVE_YEAR_PLANS[base["plan"]] + 5
    else:
        return setting.period, False
    period = setting.period or (str(year - 1) if year else None)
    if until and until >= first:
        period = str(until)
    if not period:
        return None, False
    last = int(period.split("-")[-1])
    return (_span(first, last), True) if first < last else (period, False)


def _start_period(clause: str, period: str | None) -> str | None:
    """从2012年的X: the year printed with the start; else the figure's period, or the year
    before a span (a five-year review's changes start where the span begins)."""
    years: list[str] = _YEAR.findall(clause[-10:])
    if years:
        return years[-1]
    if period and _LAST_YEAR_BEFORE.search(clause[-12:]):
        return str(int(period.split("-")[-1]) - 1)  # 由上年46亿元增加到…: the year before
    ends = [m for m in _PLAN_NAME.finditer(clause[-12:]) if _PLAN_END.match(clause[-12:], m.end())]
    if ends:
        return str(_FIVE_YEAR_PLANS[ends[-1]["name"]] + 4)  # 由“十二五”末的29.1亿元: 2015
    if period and "-" in period:
        return str(int(period.split("-")[0]) - 1)
    return period


# 拟安排财政赤字2.76万亿元，其中中央财政赤字1.83万亿元: the whole is the target, its parts plan;
# printed alone (拟安排中央财政赤字3000亿元, before local governments ran deficits), the
# national government's deficit is the budget's target.
_PART = re.compile(r"(?:中央|地方)(?=财政)")
_WHOLE = re.compile(r"(?<!中央)(?<!地方)财政赤字")


def _a_part(text: str, label: str) -> bool:
    return bool(_PART.search(label)) and bool(_WHOLE.search(text))


def _aimed_at(
    label: str, unit: str, qualifier: str, where: str = "", year: int | None = None
) -> bool:
    """Whether the plan's figure measures an indicator it aims at; one the budget arranges
    (发行建设国债) is a plan figure."""
    found = indicators().get(indicator_of(label, unit, qualifier, where, year) or "")
    return found is not None and not found.arranged
