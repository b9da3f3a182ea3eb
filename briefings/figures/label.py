"""What a figure measures: a short phrase built from the words of its clause (jieba.posseg)."""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from types import ModuleType

from . import patterns as p
from .scan import Found
from .words import figure_words

# Room for a share that names its part and its whole (战略性新兴产业增加值占地区生产总值比重, 20).
LABEL_MAX = 20
# A label that takes its subject from the clause before may run longer (城镇居民人均可支配收入实际增长).
LABEL_WITH_SUBJECT_MAX = 24
RANK_WORD = "排名"
# Own words this short and noun-less (同比增长, 共) cannot name what a figure measures.
BORROW_MAX = 4
# Words that say how something is measured, not what: a label made of them only (总量, 完成投资,
# 同比下降, 占地区生产总值比重) takes its subject from the figure or clause before.
_MEASURE_HEAD = re.compile(
    # 年度完成投资, 全年完成投资: the year the measure is of names no subject either.
    r"^(?:年度|全年)?(?:总量|总里程|总投资|总额|总产值|总规模|规模(?!以上)|金额|成交价|总数|完成投资|计划投资|(?:完成|实现)(?:增加值|产值)|年度计划|投资|增速|增幅|"
    r"累计(?=完成|实现|投资|达|突破|超过|增长|下降|减少|增加|新增|$)|"
    r"增长|增产|减产|同比|同口径|较上年|比上年|较(?=[“\"]?[一二三四五六七八九十]+五)|[一二三四五六七八九十]+五(?:时期|期间)(?=增长|下降|提高|增加|减少)|比重|占|产量|实际(?=增长|下降|回落|上涨)|实际(?:到位|投资)$|回落|年均|当年|首期|安排|下降|降低|提高|提升|"
    r"突破|超过|高于|低于|快于|慢于|完成率|税率|均|平均|力争|其中|面积|基础(?!研究|设施|教育))"
)
# Words that add to the figure before's measure rather than bring their own (…增长7%以上、力争达到8%).
_KEEPS_MEASURE = re.compile(r"^(?:力争|其中|均)")
_CHANGES = re.compile(r"增长|下降|增加|减少|提高|降低|上升|回落|增产|减产")
# Words a subject sheds before a measure is added to it (国内生产总值增长 → 国内生产总值 + 总量).
_MEASURE_TAIL = re.compile(
    r"(?:同比|同口径|实际|年均|累计|[比较](?:19|20)[0-9]{2}年[末底]?)?(?:(?:增长|增加|提高|提升|上升|下降|降低|减少|扩大)(?:到|至)?|增产|减产|增速|增幅|达到|突破|超过|"
    r"完成|里程|面积|总量|(?:累计完成|完成|总)投资|关口|大关|台阶|力争|稳定在?|保持|新增|新建|"
    # 物价涨幅要从14.8%降到10%左右: what it was to come down to.
    r"(?:要|将)?(?:从|由)?(?:降|升|回落)(?:到|至))$"
)
_CHANGE_TAIL = re.compile(
    r"(?:同比|实际|年均)?(?:增长|增加|提高|提升|上升|下降|降低|减少|扩大|新增|新建)(?:到|至)?$"
)
_INCREASE_LEAD = re.compile(r"^(?:累计)?(?:新增|新建)")
_CHANGE_BETWEEN = re.compile(
    r"(?:的水平)?(?:增加|提高|提升|增长|上升|下降|减少|降低|扩大|缩小|调整优化|调整|优化|升|降|增|减)?"
    r"(?:到|至|为)$"
)
_CHANGE_AFTER = re.compile(
    r"(?:的水平)?(?:增加|提高|提升|增长|上升|下降|减少|降低|扩大|缩小|调整优化|调整|优化|升|降|增|减)"
    r"(?:到|至|为)"
)
# 城乡居民收入分别增长5%和7%: the first is urban, the second rural.
_TOWN_AND_COUNTRY = ("城镇", "农村")
# 城乡低保标准分别提高…: social assistance is urban (城市低保, 城市特困人员) or rural.
_AID = re.compile(r"低保|最低生活保障|特困")
_URBAN_AID = ("城市", "农村")
# Parts of speech that never say what is measured: numerals, measure words, time and place
# words, prepositions, particles, conjunctions, pronouns, adverbs, interjections, punctuation
# (an English word, flag "eng", is a noun: GDP, PCT).
_DROP_FLAGS = ("q", "t", "f", "p", "u", "c", "r", "x", "d", "y", "e", "o", "w")
_NOUN_FLAGS = ("n", "vn", "eng")
_BRACKETED = re.compile(r"\([^()]*\)|“[^”]*”")
# 扣除价格因素, 按可比价格计算: an aside on how a figure is reckoned names no subject.
_ASIDE = re.compile(r"\s*(?:扣除|考虑|剔除|按可比|按照可比|按不变)")
# Measures jieba cuts apart (可/支配/收入, 占/比, 再/就业, 规模/以上, 无/还/本续/贷): kept whole,
# each a noun; 规模以上 and 限额以上 name a class of enterprise, not a bound. 和美乡村, 生均,
# 在建, 在园 begin with a word that is a conjunction, an adverb or a preposition elsewhere; 专精特新
# (specialised, refined, distinctive, innovative) loses 特新 to jieba.
MEASURE_TERMS = (
    "可支配收入", "纯收入", "一般公共预算收入", "一般预算收入", "新增就业", "再就业", "占比", "自然增长率", "增长率", "贡献率",
    "规模以上", "限额以上", "国有及国有控股", "无还本续贷", "和美乡村", "生均", "在建", "在园", "在校", "专精特新",
    # 全部财政收入 (all revenue raised) is another measure than 财政收入 (the budget's); 全部
    # alone is a stopword (全部完成).
    "全部财政收入",
    # Bonds and sectors the statistics name whole (长期/特别 read as adverbs, 现代 as a time
    # word, 在 of 在学人数 as a preposition).
    "超长期特别国债", "长期建设国债", "长期国债", "特别国债", "现代服务业", "在学",
    # 本外币 (in yuan and foreign currency), whose 本 jieba reads as a pronoun.
    "本外币",
    # National titles a city competes for: 全国 is part of the name, not a scope.
    "全国文明城市", "全国双拥模范城",
    # Sectors of the national industry classification (GB/T 4754) and R&D statistics, whose
    # 和/与 jieba reads as a conjunction.
    "软件和信息技术服务业", "科学研究和技术服务业", "批发和零售业", "住宿和餐饮业", "租赁和商务服务业",
    "卫生和社会工作", "研究与试验发展", "研究与试验开发", "研究与开发",
)  # fmt: skip
# Bound words belong to the figure (its bound is read from them), never to its label: cut
# whole, so that 不低于 cannot leave 低于, its opposite, behind.
_BOUND_WORDS = r"不(?:低于|少于|超过|高于|大于|小于)|以上|以下|以内|左右|或者?更多(?:一些)?"
_NOISE = re.compile(
    r"\([^()]*\)|(?<![A-Za-z0-9.])[0-9][0-9., ]*(?:[-~—][0-9.]+)?(?:年度|年初|年底|年|月|日|号|周岁|岁|条)?|"
    # 收入按可比口径计算增长6.5%: how the figure is reckoned says nothing of what it measures.
    r"按照?(?:可比|不变)(?:价格|口径)计算|"
    # 五年来年均增长6%: a span said in words dates the figure (jieba would cut 五年/来年).
    r"[一二三四五六七八九十两]+年(?:以来|来|间)|" + _BOUND_WORDS
)


@dataclass(frozen=True)
class Word:
    text: str
    flag: str

    @property
    def is_noun(self) -> bool:
        return self.flag.startswith(_NOUN_FLAGS) or self.flag == "nz"


@cache
def _posseg() -> ModuleType:
    # Imported here: loading jieba costs ~0.6 s, which importing briefings must not pay.
    posseg = importlib.import_module("jieba.posseg")
    importlib.import_module("jieba").setLogLevel(logging.WARNING)
    return posseg


def load_tagger() -> None:
    """Import jieba's part-of-speech tagger and its tables now, not at the first figure."""
    _posseg()


# A sentence this short with no figure and no comma may be a topic line (服装产业再上新水平。).
_TOPIC_MAX = 14
# What a topic line says of its subject rather than names (新兴产业活力迸发, 城市建设步伐加快).
_TOPIC_TAIL = re.compile(r"(?:发展|活力|步伐|水平|质量|成效|实力|势头|工作|能力|面貌)$")
_TOPIC_FLAGS = ("n", "nt", "nz", "ns", "vn", "j")


def topic(sentence: str) -> str:
    """The subject a short sentence without figures opens on when it reads as a topic line for
    the sentences after it (服装产业再上新水平。2011年，预计完成产值161.5亿元: the 产值 is the
    clothing industry's), or ""."""
    line = sentence.strip().rstrip("。!！")
    if len(line) > _TOPIC_MAX or p.CLAUSE_BREAK.search(line) or re.search(r"[0-9]", line):
        return ""
    run: list[str] = []
    words = _segment(line)
    for word in words:
        if not word.flag.startswith(_TOPIC_FLAGS):
            break
        run.append(word.text)
    if len(run) == len(words):
        return ""  # nothing said of it: a heading-like name, not a topic line
    named = "".join(run)
    while (shorter := _TOPIC_TAIL.sub("", named)) != named and len(shorter) >= 2:
        named = shorter
    return named if len(named) >= 2 else ""


def label_figures(text: str, found: list[Found], topic: str = "") -> list[str]:
    """A label for each figure of the folded sentence `text`, in order; `topic`: what the
    topic line before the sentence names, the subject of a bare measure (完成产值) the sentence
    gives no subject of its own."""
    listed = _respectively(text, found)
    labels: list[str] = []
    subjects: list[str] = []  # what each figure's clause names before it (a streak's subject)
    for index, figure in enumerate(found):
        dealt = listed.get(index)
        streak = index and _is_streak(text, found[index - 1])
        if isinstance(dealt, tuple):
            label = shed_measure(labels[dealt[0]].removesuffix(RANK_WORD)) + dealt[1]
        elif _is_streak(text, figure):
            label = _streak_label(text, found, index, labels)
        elif text.startswith("翻", figure.start):
            label = _doubled(text, figure)
        elif figure.unit in _MEDALS and index and _same_medal_run(text, found[index - 1], figure):
            # 获得三金、十二银、五铜的优异成绩: every colour was won where the first was.
            label = labels[-1].removesuffix(_MEDALS[found[index - 1].unit])
        elif streak and not text[found[index - 1].end : figure.start].strip():
            # 连续29年居内地城市首位: the place is of what the streak kept up.
            label = subjects[-1]
        else:
            label = (
                dealt
                or _shared_noun(text, found, index)
                or _shared_done(text, found, index)
                or _label(text, found, index, labels, topic)
            )
        subjects.append(_streak_subject(text, found, index, labels))
        if figure.qualifier == "rank" and text.endswith("强", 0, figure.end):
            label = _top_list(text, figure)
        elif figure.qualifier == "rank":
            label = _ranked(
                _rank_of_before(text, found, index, labels, label, index - 1 in listed),
                text[figure.start : figure.end],
            )
        label = _pointed_back(text, figure.start, label) + _MEDALS.get(figure.unit, "")
        label = _spent_on(text, found, index, label)
        label = _with_company(text, figure.start, _with_area(text, figure.start, label))
        label = _of_quoted_programme(text, figure.start, label)
        label = _listed_subject(text, found, index, labels, _project_bar(text, figure, label))
        label = _benefit_of(text, found, index, _per_base_of(text, found, index, label))
        label = _attribute_of(text, found, index, labels, label)
        label = _with_base(text, figure, label)
        label = _what_they_did(text, found, index, label)
        if index and _CONVERTED.match(text, found[index - 1].end, figure.start):
            # 人均国内生产总值6.31万元(按现行汇率折算约7600美元): the same measure, converted.
            label = labels[-1] + "折算"
        labels.append(_with_agent(text, figure.start, label))
    return [_ACHIEVED.sub("", label) for label in _said_whole(text, found, labels)]


# 实现城镇新增就业, 实现利润: the verb that reports a figure names nothing of what it measures.
_ACHIEVED = re.compile(r"^实现(?=[^,;:。、]{2})")


def _said_whole(text: str, found: list[Found], labels: list[str]) -> list[str]:
    """城乡居民储蓄存款大幅度增加，年末存款余额达到14764亿元: a sentence opening on a clause with no
    figure that names a thing, then a label opening on that name's last word, read the name whole."""
    first = p.CLAUSE_BREAK.search(text)
    if first is None or any(f.start < first.start() for f in found):
        return labels
    run: list[str] = []
    words = _segment(text[: first.start()].strip())
    for word in words:
        if word.flag not in _NAME_FLAGS or word.text in _SCOPES:
            break
        run.append(word.text)
    # What the clause says of the name is no more than how it went (大幅度增加), no other thing.
    rest = words[len(run) :]
    if len(run) < 2 or len(run[-1]) < 2 or not rest or any(w.is_noun for w in rest):
        return labels
    whole, last = "".join(run), run[-1]
    said = []
    for label in labels:
        # 储蓄存款 … 存款余额: the label opens on the end of the name's last word.
        k = next((k for k in range(len(last), 1, -1) if label.startswith(last[-k:])), 0)
        fits = len(whole) + len(label) - k <= LABEL_WITH_SUBJECT_MAX
        said.append(whole + label[k:] if k and fits else label)
    return said


# Words a name is made of (not verbal nouns or idioms, which say what was done).
_NAME_FLAGS = frozenset(("n", "nz", "nt", "ns", "nr", "j"))


_CONVERTED = re.compile(r"\s*\(按[^()]{0,10}?(?:折算|计算)(?:约|为)?\s*$")
_CONVERTED_AFTER = re.compile(r"\s*\(按[^()]{0,10}?(?:折算|计算)")


# 生产总值比2006年增长24.47亿元: a change on a year other than the last says its base; without it
# the label reads as a change on last year.
_BASE_YEAR = re.compile(
    r"(?:比|较)\s*(?P<year>(?:19|20)[0-9]{2})\s*年(?P<end>末|底)?(?:同期)?(?:分别)?"
    # 分别比2006年增加2个、21件: the base says the later items' change too.
    # 分别比1995年增长69%和67%: and so does one after 和.
    r"(?P<change>增长|增加|提高|提升|下降|减少|降低|上升)了?(?:[^,;:。]*[、和])?\s*$"
)
# 引进省外资金10亿元，是2006年的3.85倍: a multiple of a base year's.
_MULTIPLE_OF_YEAR = re.compile(r"(?P<verb>[是为])\s*(?P<year>(?:19|20)[0-9]{2})\s*年的\s*$")


# 比“八五”时期增长79.6%: a change on a plan period's whole.
_BASE_PLAN = re.compile(
    r"[比较]\s*[“\"]?(?P<plan>[一二三四五六七八九十]+五[”\"]?(?:时期|期间))(?P<change>增长|增加|下降|减少|提高)\s*$"
)


def _with_base(text: str, figure: Found, label: str) -> str:
    plan = _BASE_PLAN.search(text, 0, figure.start)
    if plan:
        said = re.sub(r"[“”\"]", "", plan["plan"]) + plan["change"]
        return label.removesuffix(said) + "比" + said if label.endswith(said) else label
    multiple = _MULTIPLE_OF_YEAR.search(text, 0, figure.start)
    if multiple and figure.unit == "倍" and multiple["year"] not in label:
        return f"{label}{multiple['verb']}{multiple['year']}年的"
    base = _BASE_YEAR.search(text, 0, figure.start)
    if base is None or base["year"] in label or not label.endswith(base["change"]):
        return label
    said = f"比{base['year']}年{base['end'] or ''}"
    return label.removesuffix(base["change"]) + said + base["change"]


# Medals counted by colour (一金一铜): the label says which.
_MEDALS = {"金": "金牌", "银": "银牌", "铜": "铜牌"}


def _same_medal_run(text: str, before: Found, figure: Found) -> bool:
    return before.unit in _MEDALS and not text[before.end : figure.start].strip("、 ")


# 建立健全国家奖学金、助学金制度，为此中央财政支出将由…: 为此 (for this) points back at what the
# clause before sets up; alone the label would name the pointer, not what the money is for.
_POINTER = ("为此", "对此")
_POINTED_MIN = 4  # a lone noun (病种) names too little to stand for the clause


def _pointed_back(text: str, start: int, label: str) -> str:
    if not label.startswith(_POINTER):
        return label
    own = label[len(_POINTER[0]) :]
    clauses = [c.strip() for c in p.CLAUSE_BREAK.split(text[:start])]
    at = next((n for n in range(len(clauses) - 1, 0, -1) if clauses[n].startswith(_POINTER)), 0)
    if not at:
        return own
    run: list[Word] = []
    for word in reversed(_words(clauses[at - 1])):
        if not (word.text == "、" or (word.is_noun and word.flag != "nr")):
            break
        run.insert(0, word)
    thing = "".join(w.text for w in run).lstrip("、")
    if len(thing) < _POINTED_MIN or len(thing + own) > LABEL_WITH_SUBJECT_MAX:
        return own
    return thing + own


# What may stand between the items of a list of counts that share the noun after the last one:
# a grade of the thing counted (1个县级、8个乡镇级饮用水源保护区; 3个万亿级和7个千亿级产业集群) or
# nothing (开工和续建23条、340公里地铁线路).
_LIST_ITEM_GAP = re.compile(r"(?P<grade>[\u4e00-\u9fff]{0,4}级)?(?:、|和|及|与)?")


_ITEM_GRADE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}级|[一二三四五六七八九十百千万亿两]+(?:以上|以下)?)"
)


def _shared_noun(text: str, found: list[Found], index: int) -> str:
    """A count whose list item names no thing of its own takes the noun the list ends on, with
    its own grade and the words before it (开工建设5个百亿级、10个…重大工业项目 → 开工建设百亿级
    重大工业项目), or "" when the shape is not there."""
    last = index
    grade = ""
    while last + 1 < len(found):
        gap = _LIST_ITEM_GAP.fullmatch(text, found[last].end, found[last + 1].start)
        if gap is None or found[last + 1].qualifier == "rank":
            break
        grade = grade if last > index else gap["grade"] or ""
        last += 1
    if last == index or found[index].qualifier == "rank" or _is_streak(text, found[index]):
        return ""
    end = min(
        [m.start() for m in p.CLAUSE_BREAK.finditer(text, found[last].end)], default=len(text)
    )
    if last + 1 < len(found):
        end = min(end, found[last + 1].start)
    # The last item's own grade (乡镇级, 三十亿以上) is not the others'.
    words = _content(_words(_ITEM_GRADE.sub("", text[found[last].end : end])))
    # 重大工业项目: a quality before the first noun stays with it.
    first = next((n for n, w in enumerate(words) if w.is_noun), len(words))
    if any(not w.flag.startswith(("a", "b")) for w in words[:first]):
        return ""
    noun = "".join(w.text for w in words[:first] + _noun_run(words[first:]))
    if len(noun) <= 2:
        return ""
    start = _clause_start(text, found[index].start, ",;:。!?、")
    if index:
        start = max(start, found[index - 1].end)
    return (_plain(text[start : found[index].start]) + grade + noun)[-LABEL_MAX:]


# 完成了6个乡镇、81个村的垃圾一体化处理; 何桥、李庄等6个乡镇41个村的土地整治项目: counts of
# things listed before one 的 share what it says was done to them.
_ITEM_NOUN = re.compile(r"(?P<noun>[\u4e00-\u9fff]{1,4}?)、?")
_DONE_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}?的(?P<done>[^,;:。、和0-9]{2,12})")


def _shared_done(text: str, found: list[Found], index: int) -> str:
    if index + 1 >= len(found):
        return ""
    item = _ITEM_NOUN.fullmatch(text, found[index].end, found[index + 1].start)
    done = _DONE_AFTER.match(text, found[index + 1].end)
    if item is None or done is None:
        return ""
    what = "".join(w.text for w in _done_to(_words(done["done"])))
    return item["noun"] + what if len(what) > 2 else ""


# Money a clause spends with nothing of its own but who spends it (投资1.2亿元, 中央财政安排51亿元,
# 安排资金136亿元): what it is spent on follows the figure (…完成了农村公路建设, …，用于农村寄宿制
# 学校建设工程, …，办好34项民生实事, 投资1070万元的3个农村水厂, 对…进行病虫害防治).
_SPEND_LEAD = re.compile(
    r"(?:[0-9一二三四五六七八九十两]+年(?:内|来|间)|今年|全年|年内|当年|每年|近[一二三四五]年)?"
    r"(?P<who>(?:中央和地方|中央|地方|国家|各级|省级?|市级?|县级?|区级?)?(?:财政)?"
    r"(?:今年|全年|年内|当年)?(?:再|还|将|共|又|先后|累计|直接|共同)*"
    r"(?:安排|投入|投资|拿出|筹措|申请|落实|争取|下达|整合|完成投资|列预算)(?:资金|财政资金)?)"
)
_SPEND_NOUN = r"国债资金|建设资金|财政资金|专项资金|补助资金|资金"
# What opens the clause after the figure when it says what the money goes to.
_SPEND_PURPOSE = re.compile(
    r"(?:主要|重点|全部|专项|直接|继续)?(?:用于|用来)?(?:支持|启动实施|实施|启动|全力办好|办好|新增|新改建|新建|建设|"
    r"完成了?|基本建成了?|建成了?|增加对|推进|开展|对)?"
)
_PURPOSE_MAX = 16
_LISTED_KIND = re.compile(
    r"、[^,;:。]*?等(?:一大批|一批|多个)?(?P<kind>[\u4e00-\u9fff“”\"]{2,14})$"
)
_ITEM_OPENING = re.compile(r"^[一二三四五六七八九十]+是")
_YEARLY_SPEND = re.compile(r"每年[^0-9]*")
_TOTAL_INVESTED = re.compile(r"(?P<who>总投资)$")
# 的 or 、 and a count right after a total investment: what the total is of follows.
_TOTAL_OF_THINGS = re.compile(r"\s*(?:的|(?P<joined>、)(?=\s*[0-9一二三四五六七八九十两]))")
_SPEND_STOP = re.compile(r"[,;:。!?]|和?(?:投资|投入)[0-9]")
# A count inside the purpose (办好34项民生实事, 新建…变电站一座) says how many, not what.
_PURPOSE_COUNT = re.compile(
    r"(?<![A-Za-z0-9.])[0-9.]+[多余]?[万亿千百]*[多余]?(?:个|项|所|户|座|家|名|条|处|批|亩|公里|平方米)?(?![A-Za-z0-9])"
    r"|[一两](?:座|批|个|处|所)$"
)


def _spent_on(text: str, found: list[Found], index: int, label: str) -> str:
    """A spend's label with what the money goes to, when the clause after the figure says it
    (用于…, 支持…, 办好…, 对…进行…, 的…) and the words before name only who spends."""
    figure = found[index]
    if figure.unit not in ("元", "美元", "元/年"):
        return label
    start = _clause_start(text, figure.start)
    if index:
        start = max(start, found[index - 1].end)
    before = re.sub(r"[\s“”\"\u2460-\u2473\u2776-\u277f]", "", text[start : figure.start])
    before = _ITEM_OPENING.sub("", before)  # 二是投资300万元: the item's number is no spender
    # 每年拿出1200万元: a spend per year prints its verb inside the figure.
    yearly = _YEARLY_SPEND.match(text, figure.start, figure.end)
    before += yearly.group().replace(" ", "") if yearly else ""
    # 中央和地方投入, or the last item of a list (…田间工程和投资1070万元).
    lead = _SPEND_LEAD.fullmatch(before) or _SPEND_LEAD.fullmatch(re.split("、|和", before)[-1])
    listed = _TOTAL_OF_THINGS.match(text, figure.end)
    if lead is None and listed:
        # 大力推进总投资18.8亿元的53个集镇建设项目, 抓好总投资638亿元、128个重点项目建设: the total
        # is of the things after it, whatever the verb before.
        lead = _TOTAL_INVESTED.search(before)
    if lead is None:
        return label
    rest = text[figure.end :]
    if listed and listed["joined"]:
        rest = rest[listed.end() - figure.end :]
    noun = re.match(rf"(的)?({_SPEND_NOUN})?", rest)
    attributive = bool(noun and noun[1])  # 投资1070万元的3个农村水厂: the thing the money went to
    spent = (noun[2] or "") if noun else ""
    rest = rest[noun.end() if noun else 0 :]
    if rest[:1] in (",", ";"):
        rest = rest[1:]
        opens = _SPEND_PURPOSE.match(rest)
        if opens is None or not opens.group():
            return label
    # 中央财政连续三年累计投入90亿元: the clause's own words, when they say who spends.
    measure = label if _SPEND_LEAD.fullmatch(label) else _plain(lead["who"]) + spent
    joint = "" if measure.endswith(("资金", "投资", "投入")) else "用于"
    room = min(_PURPOSE_MAX, LABEL_WITH_SUBJECT_MAX - len(measure + joint))
    stop = _SPEND_STOP.search(rest)
    purpose = _purpose(rest[: stop.start() if stop else len(rest)], attributive, room)
    if not purpose:
        return label
    if measure.endswith(("资金", "投资")):
        return purpose + measure
    return measure + joint + purpose


def _purpose(clause: str, attributive: bool, room: int) -> str:
    """What a clause after a spend says it goes to: its object, the leading verbs gone (用于,
    支持, 完成了); 对X进行Y reads X and Y; after 的, the thing named and no more."""
    clause = _PURPOSE_COUNT.sub("", clause)
    # 实施了路网建设、饮水安全工程…等一大批公益事业项目: the kind after 等 names what they all are.
    kind = _LISTED_KIND.search(clause)
    clause = _plain(kind["kind"]) if kind else clause
    done = re.fullmatch(r"对(?P<what>.+?)进行(?P<how>.+)", clause)
    if done:
        how = _plain(done["how"])
        return _trimmed(_content(_words(done["what"])), room - len(how)) + how
    opens = _SPEND_PURPOSE.match(clause)
    words = _content(_words(clause[opens.end() if opens else 0 :]))
    lead = 0
    while lead < len(words) and words[lead].flag.startswith(("p", "d", "u", "c")):
        lead += 1
    words = words[lead:]
    if attributive:
        # 3个农村水厂建设进展顺利: what is said of the thing after it is no part of it.
        # 8个新农村电气化建设工程: a qualifier before the first noun stays with it.
        first = next((n for n, w in enumerate(words) if w.is_noun), 0)
        words = words[:first] + _noun_run(words[first:])
    return _trimmed(words, room)


def _trimmed(words: list[Word], room: int) -> str:
    """The words from the first while they fit in `room` characters."""
    kept = ""
    for word in words:
        if len(kept) + len(word.text) > room:
            break
        kept += word.text
    return kept


# 新增幼儿园63所、学位2.1万个; 建成…30个公共住房项目，建筑面积220万平方米: an attribute counted
# right after things (places at school, floor area, length) is theirs.
_ATTRIBUTE = re.compile(
    r"(?:新增|新建|提供|增加)?(?:学位|床位|建筑面积|面积|在建里程|里程|车位|泊位)"
)


def _attribute_of(text: str, found: list[Found], index: int, labels: list[str], label: str) -> str:
    if not index or not labels or not _ATTRIBUTE.fullmatch(label):
        return label
    if "。" in text[found[index - 1].end : found[index].start]:
        return label
    thing = ""  # the things the figure before counts: the nouns its label ends on
    for word in reversed(_words(labels[-1])):
        if not (word.is_noun or word.flag.startswith(("j", "l", "ns", "nt", "b"))):
            break
        thing = word.text + thing
    if len(thing) < 2 or _ATTRIBUTE.search(thing) or _MEASURE_HEAD.match(thing):
        return label
    named = thing + label
    return named if len(named) <= LABEL_WITH_SUBJECT_MAX else label


# 育儿补贴惠及120余万婴幼儿; 全面推行免费义务教育，惠及学生176万人次: who benefits is counted,
# and what benefits them (the words before 惠及, or the clause before) says what the count is of.
_BENEFITS = "惠及"


def _benefit_of(text: str, found: list[Found], index: int, label: str) -> str:
    figure = found[index]
    at = text.rfind(_BENEFITS, 0, figure.start)
    if at < 0 or p.CLAUSE_BREAK.search(text, at, figure.start):
        return label
    start = _clause_start(text, at, ",;:。!?、")
    if index and found[index - 1].end > start:
        start = found[index - 1].end
    subject = _leading_thing(text[start:at])
    if not _plain(text[start:at]):
        # 、惠及消费者…: the clause the list item belongs to; ，惠及…: the clause before.
        head = _clause_start(text, start - 1) if start else 0
        subject = _leading_thing(text[head : max(start - 1, head)])
    if len(subject) < 2:
        return label
    own = label[label.index(_BENEFITS) :] if _BENEFITS in label else _BENEFITS + label
    named = subject + own
    return named if len(named) <= LABEL_WITH_SUBJECT_MAX else label


# What may open a clause before the count that is its subject: a scope, 已/共/有 (全市有25家…).
_SUBJECT_OPENING = re.compile(
    r"\s*(?:全县|全市|全区|全省|全国|我县|我市|我区|我省)?(?:已有|共有|有|已)?\s*$"
)
# Verbs jieba may tag otherwise (落实 as a quality) that say what the things counted did.
_DID = re.compile(r"(?:全部|均|都|已|已经|基本)?(?:落实|实现|完成|建立|建成|接通|得到|通过)")
# Counters of things and people that may do something (8所乡镇卫生院全部落实…).
_DOERS = ("个", "家", "所", "户", "名", "人", "座", "处")


def _what_they_did(text: str, found: list[Found], index: int, label: str) -> str:
    """A count opening its clause as the subject of what follows (全县8所乡镇卫生院全部落实国家
    基本药物制度, 全市有25家定点医疗机构实现异地就医直接结算): the things counted and what they
    did, to the clause's end, when no other figure is in the clause; else the label as it was."""
    figure = found[index]
    start = _clause_start(text, figure.start)
    end = min([m.start() for m in p.CLAUSE_BREAK.finditer(text, figure.end)], default=len(text))
    if (
        figure.unit not in _DOERS
        or not _SUBJECT_OPENING.fullmatch(text[start : figure.start])
        or any(figure.end <= f.start < end for f in found)
    ):
        return label
    words = _words(text[figure.end : end])
    run = _noun_run(words)
    rest = "".join(w.text for w in words[len(run) :])
    if not run or not (acts(rest) or _DID.match(rest)):
        return label
    said = _plain(text[figure.end : end])
    return said if 2 < len(said) <= LABEL_WITH_SUBJECT_MAX and len(said) > len(label) else label


def _acts_on_next(words: list[Word], n: int) -> bool:
    """A verb, adverb, preposition, time or number word before the thing a clause names, or a
    quality before its verb (全面/推行)."""
    word = words[n]
    if word.flag.startswith(("v", "d", "p", "t", "m", "x", "u")):
        return word.flag != "vn"
    return word.flag.startswith("a") and n + 1 < len(words) and words[n + 1].flag == "v"


def _leading_thing(clause: str) -> str:
    """The thing a clause opens on, after the verbs that act on it (全面推行免费义务教育 →
    免费义务教育; 新型农村合作医疗制度试点已扩大到… → 新型农村合作医疗制度试点)."""
    words = _words(clause)
    lead = 0
    while lead < len(words) and _acts_on_next(words, lead):
        lead += 1
    run = ""
    for word in words[lead:]:
        if not (word.is_noun or word.flag.startswith(("j", "l", "ns", "nt", "a", "b"))):
            break
        run += word.text
    return run[:LABEL_MAX] if not _OWN_SCOPE.fullmatch(run) else ""


# 每平方公里土地产生1.75亿元的GDP和6000万元的税收: a rate per unit of land (or of people)
# measures what follows its 的, and so does each amount listed after it.
_PER_BASE = re.compile(r"每[万千百]?(?:平方公里|人口|人|户|亩|平方米)")
_OF_AFTER = re.compile(r"的(?P<what>[^,;:。、和与及的0-9]{1,10}?)(?=[,;:。、和与及]|$)")


def _per_base_of(text: str, found: list[Found], index: int, label: str) -> str:
    figure = found[index]
    base = _PER_BASE.match(text, figure.start)
    if base is None and index:
        before = found[index - 1]
        joined = _OF_AFTER.match(text, before.end)
        if joined and text[joined.end() : figure.start] in p.LIST_JOINS:
            base = _PER_BASE.match(text, before.start)
    what = _OF_AFTER.match(text, figure.end)
    if base is None or what is None:
        return label
    return base.group() + _plain(what["what"])


# 7个过亿元项目投产运营, 投资亿元以上生产经营项目: a money bar on projects is on their investment.
_PROJECTS_AFTER = re.compile(r"[\u4e00-\u9fff]{0,8}?项目")


def _project_bar(text: str, figure: Found, label: str) -> str:
    if figure.unit not in ("元", "美元") or not _BAR_RAW.search(text[figure.start : figure.end]):
        return label
    projects = _PROJECTS_AFTER.match(text, figure.end)
    if projects is None:
        return label
    # 确保年内引进亿元以上项目: what is done to the projects stays (引进), the investment once.
    start = _clause_start(text, figure.start, ",;:。!?、个")
    lead = _plain(text[start : figure.start]).removesuffix("投资").removesuffix("总")
    return (lead + _plain(projects.group()) + "投资")[-LABEL_MAX:]


# 省属企业完成产业类投资553.1亿元、研发投入133.5亿元; 中欧班列发运204列、总货值增长36.9%: the
# subject a clause opens on, before its first verb, is its later list items' too.
_SUBJECT_VERB = re.compile(r"完成|实现|发运|开行|开通|引进|新增|投入|签约|出口|进口")


def _listed_subject(
    text: str, found: list[Found], index: int, labels: list[str], label: str
) -> str:
    if not index or "、" not in text[found[index - 1].end : found[index].start]:
        return label
    start = _clause_start(text, found[index - 1].start)
    if p.CLAUSE_BREAK.search(text, found[index - 1].end, found[index].start):
        return label
    verb = _SUBJECT_VERB.search(text, start, found[index - 1].start)
    if verb is None:
        return label
    subject = text[start : verb.start()].strip()
    words = _words(subject)
    if (
        len(subject) < 2
        or not words
        or not all(w.is_noun or w.flag in ("j", "l", "ns", "nt", "nr") for w in words)
        or _OWN_SCOPE.search(subject)
        or _TAIL_START.search(subject)
        or not labels[-1].startswith(subject)
        or subject[:2] in label
    ):
        return label
    named = subject + label
    return named if len(named) <= LABEL_WITH_SUBJECT_MAX else label


# An agent a clause opens on (长城公司在徐水实现产值…; 前海国际化城市新中心展现新面貌; 省、市级农业
# 龙头企业达到12家): the clauses after it that open on a verb (实现税收31.7亿元, 新增注册企业1.2万家)
# say what it did.
_AGENT = re.compile(
    r"(?P<agent>[\u4e00-\u9fff、]{2,12}?(?:公司|集团|龙头企业|实验室|新中心|协作|帮扶单位|班列))"
    r"(?=[\u4e00-\u9fff])"
)


def _with_agent(text: str, start: int, label: str) -> str:
    clauses = [c.strip() for c in p.CLAUSE_BREAK.split(text[:start])]
    if len(clauses) < 2 or not acts(clauses[-1]):
        return label
    for clause in reversed(clauses[:-1]):
        agent = _AGENT.match(clause)
        if agent:
            name = agent["agent"].replace("、", "")
            if _OWN_SCOPE.search(name) or name[:2] in label:
                return label
            named = name + label
            return named if len(named) <= LABEL_WITH_SUBJECT_MAX else label
        # 同比增长28.8%: a change of the figure before goes on with its subject.
        if clause and not (
            acts(clause) or _TIME_ONLY.fullmatch(clause) or _RATE_NEXT.match(clause)
        ):
            return label  # another subject stands between
    return label


_TIME_ONLY = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}月)?(?:以来|来|底|末)?|同比|今年|去年|全年")


# A company a sentence opens on (金川集团工业总产值连跨…，在“世界500强”排名由369位上升到235位):
# what the sentence measures is the company's.
_COMPANY = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,6}?(?:集团|公司))")


def _with_company(text: str, start: int, label: str) -> str:
    company = _COMPANY.match(text.strip())
    if company is None or company["name"] in label:
        return label
    if _OWN_SCOPE.search(p.CLAUSE_BREAK.split(text[:start])[-1]):
        return label  # 全市规上工业增加值…: the report's own place, not the company's
    return (company["name"] + label)[:LABEL_WITH_SUBJECT_MAX]


_DOUBLED_LEAD = re.compile(r"(?:实现|能够|力争|争取|确保|均|都|再)+$")


def _doubled(text: str, figure: Found) -> str:
    """翻一番: what grew, said as a growth (省属企业工业总产值、利润 → …增长)."""
    start = _clause_start(text, figure.start)
    subject = _DOUBLED_LEAD.sub("", _plain(text[start : figure.start]))
    return (subject + "增长")[-LABEL_WITH_SUBJECT_MAX:] if subject else "增长"


def _top_list(text: str, figure: Found) -> str:
    """进入国家公立医院绩效考核百强: what entered which list, the list named as printed."""
    start = _clause_start(text, figure.start)
    head = re.sub(r"[\s、“”\"]", "", _NOISE.sub("", text[start : figure.start]))
    board = "榜" if text.startswith("榜", figure.end) else ""  # 百强榜: the list's own name
    return (head + text[figure.start : figure.end] + board)[-LABEL_WITH_SUBJECT_MAX:]


def _is_streak(text: str, figure: Found) -> bool:
    """连续29年, 连续16个季度, 五连冠."""
    return text.startswith("连续", figure.start) or text.endswith("连冠", 0, figure.end)


def _streak_subject(text: str, found: list[Found], index: int, labels: list[str]) -> str:
    """The words of the figure's clause before it (出口总额 of 出口总额连续29年…), or else the
    subject of the figure before (…增长13.5%、连续29年…)."""
    figure = found[index]
    start = _clause_start(text, figure.start)
    if index and found[index - 1].end > start:
        start = max(found[index - 1].end, text.rfind("、", 0, figure.start) + 1)
    words = _content(_words(text[start : figure.start]))
    own = "".join(word.text for word in words)
    # 其中出口2844亿美元，实现二十二连冠: a verb alone names nothing; the measure before is kept up.
    named = any(word.is_noun or word.flag in ("l", "j") for word in words)
    if (own and named and not _MEASURE_HEAD.match(own)) or not labels:
        return own
    if (
        not own
        and p.CLAUSE_BREAK.search(text, found[index - 1].end, figure.start)
        and _AWARDED.match(text, figure.end)
    ):
        # …分别下降62.97%、53.06%，连续19年获…优秀省: a title won in a row, in a clause of its
        # own, is no place of the figure before's measure (连续3年居…首位 is).
        return own
    # 出口增长12.5%，总量连续31年…: the measure is of the subject before.
    return shed_measure(_RANK_LEFTOVER.sub("", labels[-1].removesuffix(RANK_WORD))) + own


_AWARDED = re.compile(r"(?:获(?!得)|荣获|被评为|获评|被授予|入选)")


def _streak_label(text: str, found: list[Found], index: int, labels: list[str]) -> str:
    """What a streak kept up: its subject and the rest of its clause (黄河干流水质 达到Ⅱ类,
    出口总额 居内地城市首位), up to a figure that is not a place (稳定在430亿斤以上: the bar is a
    figure of its own), without numbers or bound words."""
    figure = found[index]
    end = min([m.start() for m in p.CLAUSE_BREAK.finditer(text, figure.end)], default=len(text))
    later = [f for f in found[index + 1 :] if f.start < end and f.qualifier != "rank"]
    if later:
        end = later[0].start
    end = min(end, _list_break(text, figure.end))  # 争创…“六连冠”、…“七连冠”: the next item's
    rest = _QUOTES.sub("", _NOISE.sub("", text[figure.end : end]))
    subject = _QUOTES.sub("", _streak_subject(text, found, index, labels))
    if not rest and text.endswith("连冠", 0, figure.end):
        # 争创全国文明城市“七连冠”: the title won is what the label says, with whose it is.
        rest = text[figure.start : figure.end]
    return (subject + rest)[:LABEL_WITH_SUBJECT_MAX]


_QUOTES = re.compile(r"[\s“”\"「」]")


# What a place is among, printed with it: 居全国城市首位, 位列国内前三, 全市排第一.
_RANK_SCOPE = re.compile(
    rf"^(?:{p.alternation(p.RANK_CUES)}|进入|跻身|迈入|入围|荣获|获得|稳|跃|均)*(?P<scope>[\u4e00-\u9fff]*?)"
    r"(?:排名|排|第|首位|榜首|之首|前)"
)
# Words a place's label may end on that belong to the ranking phrase (稳居, 跃居, 均居).
_RANK_LEFTOVER = re.compile(r"(?:稳|跃|均|排名|实现|荣获|获得)+$")


# 继续在全国内地沿海港口排第2位, 居我国内地大中城市中第4位: a clause with no measure of its own.
_RANK_ONLY = re.compile(
    r"^(?:继续|仍然|仍|稳)?(?:在)?(?:我国|全国)?(?:居|位居|位列|列|排)?(?:我国|全国)?内地"
)


def _rank_of_before(
    text: str, found: list[Found], index: int, labels: list[str], label: str, dealt: bool
) -> str:
    """A place whose clause names only the peers (居内地大中城市第4位) ranks the measure of the
    figure before it in the sentence; after figures a 分别 dealt out (存贷款余额分别达…和…，居…第4位),
    the things dealt, all of them."""
    if not index or not labels or "。" in text[found[index - 1].end : found[index].start]:
        return label
    before = shed_measure(labels[-1].removesuffix(RANK_WORD))
    said = text.rfind("分别", 0, found[index - 1].start) if dealt else -1
    start = max((m.end() for m in _SUBJECT_START.finditer(text, 0, said)), default=0)
    whole = _plain(text[start:said]) if said >= 0 else ""
    if _RANK_ONLY.match(label):
        return (whole or before) + label
    if whole and label.startswith(before):
        return whole + label.removeprefix(before)
    opening = text[
        _clause_start(text, found[index].start, ",;:。!?、") : found[index].start
    ].lstrip()
    ranked_before = (
        found[index - 1].qualifier == "rank"
        or _is_streak(text, found[index - 1])
        or found[index - 1].unit in _MEDALS
    )
    if (
        0 < len(label) <= _BARE_RANKED_MAX
        and opening.startswith(label)
        and not (whole or ranked_before)
    ):
        # 建成高标准农田284万亩，绩效考核排全国第3位; 7家企业上榜…、数量居全国第2: a clause opening
        # on a bare measure ranks it for the thing the figure before named.
        return before if label in before else (before + label)[:LABEL_WITH_SUBJECT_MAX]
    return label


# A measure this short opening a ranking's clause (数量, 融资规模, 绩效考核) says no whose.
_BARE_RANKED_MAX = 4


def _ranked(label: str, raw: str) -> str:
    """A place's label: what is ranked and among whom (森林覆盖率全国排名), as printed."""
    scope = _RANK_SCOPE.match(raw)
    among = scope["scope"] if scope else ""
    label = _RANK_LEFTOVER.sub("", label)
    if among and among not in label:
        label += among
    return label + RANK_WORD


# An area or programme a sentence opens on (成渝地区双城经济圈建设…，经济总量超9万亿元): the
# bare measure after it is the area's, not the report's own place's.
_AREA = re.compile(
    r"^(?:推动|推进|加快|深化|促进|支持|加强|全力推进|纵深推进)?"
    r"(?P<area>[\u4e00-\u9fff]{2,10}?(?:双城经济圈|经济圈|都市圈|城市群|经济带|大湾区|示范区|新区|"
    r"自贸试验区|自由贸易试验区|合作区|试验区|开发区|高新区|片区|一体化))"
)
_BARE_MEASURE = re.compile(r"^(?:经济|区域|地区)*(?:总量|规模|生产总值|增速|增长)$")
# A sentence opening on a zone as its subject (前海蛇口自贸片区深化改革迈出新步伐，新推出102项…):
# what its later clauses count is the zone's.
_ZONE_WORDS = ("合作区", "示范区", "新区", "自贸片区", "片区", "开发区", "高新区", "经开区", "园区",
               "试验区", "保税区")  # fmt: skip
_AREA_SUBJECT = re.compile(
    rf"^(?P<area>(?:[\u4e00-\u9fff]{{2,10}}?)?(?:{'|'.join(_ZONE_WORDS)}))"
    # 国家生态文明建设示范区23个: a count of zones, no zone's subject.
    r"(?![\u4e00-\u9fff]{0,4}(?:[0-9]|个|家|处))"
)
# Scope words of the report's own place: a clause saying them is not the zone's.
_OWN_SCOPE = re.compile(r"全市|全省|全区|全县|全国|我市|我省|我区|我县|我国")


def _with_area(text: str, start: int, label: str) -> str:
    if _BARE_MEASURE.match(label):
        for clause in p.CLAUSE_BREAK.split(text[:start])[:-1]:
            area = _AREA.match(clause.strip())
            if area:
                return area["area"] + label
    clauses = p.CLAUSE_BREAK.split(text[:start])
    if _OWN_SCOPE.search(clauses[-1]):
        return label
    # The sentence's opening clause, or the figure's own (合作区地区生产总值增长15%以上、规上工业
    # 增加值增长20%以上: the list's later items are the zone's too).
    for clause in dict.fromkeys((clauses[0], clauses[-1])):
        zone = _AREA_SUBJECT.match(clause.strip())
        if zone is None:
            continue
        name: str = zone["area"]
        if name[:2] in label or len(name + label) > LABEL_WITH_SUBJECT_MAX:
            return label
        named = _words(name)
        # 推进国家全域旅游示范区…: a clause opening on a verb does something to the zone; a
        # zone word alone (合作区) is the zone the text has named.
        if name in _ZONE_WORDS or (
            named
            and named[0].flag.startswith(_ZONE_FLAGS)
            and not any(word.flag == "v" for word in named)
        ):
            return name + label
    return label


# How jieba tags a zone's first word: a place or a name (深汕, 兰州, 河套), 前 of 前海.
_ZONE_FLAGS = ("n", "f", "j", "s")


def _label(text: str, found: list[Found], index: int, labels: list[str], topic: str = "") -> str:
    left, right = _context(text, found, index)
    attributive = text[: found[index].start].rstrip().endswith("的")
    share = found[index].unit in ("%", "‰")
    before, after = _compose(left, right, attributive, share)
    words = before + after
    own = "".join(word.text for word in words)
    if index and labels and _CHANGE_BETWEEN.match(text, found[index - 1].end, found[index].start):
        # 由2030元/月提高至2130元/月: the result is of what the start was.
        return shed_measure(labels[-1].removesuffix(RANK_WORD)) + own
    # 建设筹集公共住房9.7万套、供应分配4.2万套: verbal nouns in a row (供应分配) name no thing; one
    # alone may be the measure itself (出口, 投资).
    verbal = len(words) > 1 and all(w.flag == "vn" for w in words)
    bare = len(own) <= BORROW_MAX and (
        verbal or not any(w.is_noun or w.flag in ("l", "j") for w in words)
    )
    swapped = _other_place(own, labels)
    if swapped:
        return swapped
    if not (bare or _MEASURE_HEAD.match(own)):
        return "".join(word.text for word in _fit(before, after))
    named = _names_own_measure(words)
    if named:
        # 建设海洋牧场，力争海洋生产总值增长6%: the goal names its measure; the clause
        # before is other work.
        return "".join(word.text for word in _fit(named, []))
    # 共1193项, 同比增长55%, 总量突破90万亿元: what is measured was named before.
    # A level after a rate (…年均增长13.8%，2009年达到8201亿元) sheds the rate's measure.
    level = found[index].unit not in ("%", "‰", "个百分点", "百分点")
    changes = bool(_CHANGES.search(own))  # 平均增长: a measure of its own
    # 总里程达909公里、居全国首位: a place with no words of its own ranks the measure before.
    # 增长5.4%、高于全国0.4个百分点: the gap is of the measure before, kept whole.
    ranks_before = (found[index].qualifier == "rank" and not own) or own.startswith(
        tuple(_BASE_BEFORE - {"占"})
    )
    strip = not (_KEEPS_MEASURE.match(own) or ranks_before) and (level or not bare or changes)
    held = bare and level and not changes  # 运营里程增加211.9公里、达634.5公里
    subject = _subject(text, found, index, labels, strip=strip and not held)
    if held:
        # The level reached is of the measure that changed: only the change goes.
        subject = _INCREASE_LEAD.sub("", _CHANGE_TAIL.sub("", subject)) or subject
    if not subject and not (topic and not labels and _MEASURE_HEAD.match(_plain(own))):
        return "".join(word.text for word in _fit(before, after))
    subject = subject or topic
    if own in subject:
        return subject
    own = "".join(word.text for word in _fit(before, after))
    return (
        (subject + own)[-LABEL_WITH_SUBJECT_MAX:] if len(subject) < LABEL_WITH_SUBJECT_MAX else own
    )


# 城镇人均居住面积增加到8.7平方米，农村增加到22平方米: the other place's same measure.
_PLACE_CHANGE = re.compile(
    r"(?P<place>农村|城镇|城市)(?P<change>(?:也)?(?:增加|提高|增长|下降|减少|达到)(?:到|至)?)"
)
_OTHER_PLACES = {"农村": ("城镇", "城市"), "城镇": ("农村",), "城市": ("农村",)}


def _other_place(own: str, labels: list[str]) -> str:
    """The measure the figure before gave for one place, said now of the other, or ""."""
    said = _PLACE_CHANGE.fullmatch(own)
    if said is None or not labels:
        return ""
    measure = _CHANGE_TAIL.sub("", labels[-1])
    other = next((p for p in _OTHER_PLACES[said["place"]] if measure.startswith(p)), None)
    if other is None:
        return ""
    return said["place"] + measure.removeprefix(other) + said["change"]


def _names_own_measure(words: list[Word]) -> list[Word]:
    """The words after a leading 力争 or 其中 when they name a measure of their own
    (力争海洋生产总值增长), else none."""
    if not words or not _KEEPS_MEASURE.match(words[0].text):
        return []
    rest = words[1:]
    own = "".join(word.text for word in rest)
    if any(word.is_noun for word in rest) and not _MEASURE_HEAD.match(own):
        return rest
    return []


def _subject(text: str, found: list[Found], index: int, labels: list[str], strip: bool) -> str:
    """What the figure before in the sentence measured (its measure shed when this figure
    brings its own), or failing that, the nouns of the clause before; a part the text turns to
    after the figure before (…，其中一般预算收入增幅首次超过总收入，完成1.1亿元) comes first."""
    turned = _turned_to(text, found, index)
    if turned:
        return turned
    if index and _ENUMERATED.search(text, found[index - 1].end, found[index].start):
        return ""  # ⑥新增…用户3000户；⑦投资1000万元，新增…: a numbered item says its own subject
    for label in reversed(labels):
        subject = label.removesuffix(RANK_WORD)
        if strip:
            subject = shed_measure(subject)
        if subject and not _MEASURE_HEAD.match(subject):
            return subject
    head = text[: found[index].start]
    clauses = [c for c in p.CLAUSE_BREAK.split(head)[:-1] if c.strip() and not _ASIDE.match(c)]
    if not clauses:
        return ""
    programme = _PROGRAMME.search(clauses[-1])
    if programme:
        # 实施生态及地质灾害避险搬迁一期工程，让13.07万户…: the programme is the subject, its
        # verbs (搬迁) included.
        return _plain(programme["name"])[-LABEL_MAX:]
    # Verbs say nothing of the subject; verbal nouns (投资, 支出) may be it.
    # 预计完成产值161.5亿元，比2006年增长…: the unit left by the figure before names nothing.
    words = [
        w
        for w in _content(_words(clauses[-1]))
        if (not w.flag.startswith("v") or w.flag == "vn") and not _MONEY_UNIT.fullmatch(w.text)
    ]
    return "".join(w.text for w in words)[-LABEL_MAX:]


_ENUMERATED = re.compile(r"[\u2460-\u2473\u2776-\u277f]|[;。]\s*\([0-9一二三四五六七八九十]+\)")


_MONEY_UNIT = re.compile(r"[十百千万亿]*(?:元|美元)")


# A programme a clause carries out (实施…工程, 开展…行动): named whole, it says whose figure follows.
# 突出抓好“两建设、三改造”，实施项目109个: projects counted right after a clause that names a
# programme in quotes are the programme's.
_QUOTED_PROGRAMME = re.compile(
    r"(?:抓好|实施|推进|开展|启动|推动|深化|聚焦)“(?P<name>[^”]{2,12})”(?:工程|行动|计划)?$"
)
_PROJECTS = re.compile(
    r"^(?:实施|推进|开工|建设|谋划|储备)?(?:重点)?项目(?:总投资|完成投资|投资)?$"
)


def _of_quoted_programme(text: str, start: int, label: str) -> str:
    clauses = p.CLAUSE_BREAK.split(text[:start])
    if len(clauses) < 2 or not _PROJECTS.match(label):
        return label
    named = _QUOTED_PROGRAMME.search(clauses[-2].strip())
    return _plain(named["name"]) + label if named else label


_PROGRAMME = re.compile(
    r"(?:实施|开展|推进|启动|推动)(?P<name>[^,;。:、]{2,16}?(?:工程|行动|计划))$"
)


def _turned_to(text: str, found: list[Found], index: int) -> str:
    """The nouns right after a 其中 between the figure before and this one, or ""."""
    if not index:
        return ""
    between = text[found[index - 1].end : found[index].start]
    at = between.find("其中")
    if at < 0:
        return ""
    lead: list[str] = []
    for word in _words(between[at + 2 :]):
        if not (word.is_noun or word.flag in ("l", "j", "b")):
            break
        lead.append(word.text)
    named = shed_measure("".join(lead))
    return named if len(named) > 2 else ""


def shed_measure(label: str) -> str:
    """The subject of a label: 实施省市重点项目总投资 → 实施省市重点项目; an increase is
    not the subject's (新增进出川大通道 → 进出川大通道, a total of them is no new one)."""
    while (shorter := _MEASURE_TAIL.sub("", label)) != label:
        label = shorter
    return _INCREASE_LEAD.sub("", label) or label


def _respectively(text: str, found: list[Found]) -> dict[int, str | tuple[int, str]]:
    """Labels of the figures a 分别 deals out: 城镇、农村居民人均可支配收入分别增长4.3%、6.2%.
    With no list before 分别 (…2936元，扣除价格因素，分别实际增长7.7%和6.8%) the figures
    before it are the subjects: such an entry is (the figure before whose label is the subject,
    the measure)."""
    labels: dict[int, str | tuple[int, str]] = {}
    for match in re.finditer("分别", text):
        items = _dealt(text, found, match.end())
        if len(items) < 2:
            continue
        breaks = [0] + [m.end() for m in _SUBJECT_START.finditer(text, 0, match.start())]
        start = breaks[-1]
        listed = start
        earlier = any(breaks[-2] <= f.start < start for f in found) if len(breaks) > 1 else True
        if not earlier and not _plain(text[start : match.start()]):
            listed = breaks[-2]  # 农村…和城镇…收入，2000年分别达到…: the list is the clause before
        starts = _starts_listed(text, found, items, match.start())
        if starts:
            # 收入从46503元和16935元分别提高到58794元和23184元: the starts are dealt out too.
            origin = max(text.rfind(word, listed, found[starts[0]].start) for word in "从由")
            subjects = _subjects(text[listed:origin], len(items)) if origin >= 0 else None
            if subjects is not None:
                labels.update({n: s for n, s in zip(starts, subjects, strict=True)})
                labels.update({n: s for n, s in zip(items, subjects, strict=True)})
                continue
        subjects = _subjects(text[listed : match.start()], len(items))
        if subjects is None and len(breaks) > 1 and not _plain(text[start : match.start()]):
            # 全部财政收入和地方一般预算收入年均增长18%，分别达到7亿元和3.7亿元: the things whose
            # change the clause before gave are the ones dealt out.
            subjects = _changed_subjects(text, found, breaks[-2], start, len(items))
        measure = _plain(text[match.end() : found[items[0]].start])
        if subjects is not None:
            labels.update({n: s + measure for n, s in zip(items, subjects, strict=True)})
            labels.update(_parallel(text, found, items, subjects))
        elif items[0] >= len(items):
            measure = _plain(text[start : match.start()]) + measure
            labels.update({n: (items[0] - len(items) + k, measure) for k, n in enumerate(items)})
    labels.update(
        {n: s for n, s in _listed_without_respectively(text, found).items() if n not in labels}
    )
    return labels


# A change printed once before a list of as many figures as the things before it: 城镇居民人均可支配
# 收入和农民人均纯收入实际增长7.3%和2.1% deals them out as 分别 would.
_LIST_CHANGE = re.compile(r"(?:比上年|同比|较上年)?(?:实际|可比|名义)?(?:增长|下降|提高|降低)$")


def _listed_without_respectively(text: str, found: list[Found]) -> dict[int, str]:
    labels: dict[int, str] = {}
    for figure in found:
        start = max((m.end() for m in _SUBJECT_START.finditer(text, 0, figure.start)), default=0)
        before = text[start : figure.start].replace(" ", "")
        change = _LIST_CHANGE.search(before)
        if change is None or "分别" in before or any(start <= f.end <= figure.start for f in found):
            continue
        items = _dealt(text, found, figure.start)
        subjects = _subjects(before[: change.start()], len(items)) if len(items) > 1 else None
        if subjects is not None and all(subjects):
            labels.update(
                {n: s + _plain(change.group()) for n, s in zip(items, subjects, strict=True)}
            )
    return labels


_SUBJECT_START = re.compile(r"[,;:。!?]")
# What a list after a dealt one may open on: a change of the same items (比上年增长, 分别增长).
_PARALLEL_MEASURE = re.compile(
    r"^[,;]?(?:分别)?(?:比上年|同比|较上年|比年初|较年初)?(?:分别)?(?:平均每年|每年平均|年均)?(?:实际|名义)?"
    # 由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%: the same items' change turned to another.
    r"(?:减为|转为|变为|降为|升为)?(?:增长|下降|提高|降低|增加|减少)$"
)
_TURNED = re.compile(r"(?:减|转|变|降|升)为")


def _parallel(
    text: str, found: list[Found], items: list[int], subjects: list[str]
) -> dict[int, str | tuple[int, str]]:
    """…支出分别为774亿元、536亿元，比上年增长29.2%、39.4%: a list of as many changes right
    after a dealt list is dealt to the same subjects."""
    first = items[-1] + 1
    if first >= len(found):
        return {}
    after = _dealt(text, found, found[first].start)
    if len(after) != len(items) or after[0] != first:
        return {}
    lead = "".join(text[found[items[-1]].end : found[first].start].split())  # \xa0 too
    if not _PARALLEL_MEASURE.match(lead):
        return {}
    turned = _TURNED.search(lead)
    change = lead[turned.start() :] if turned else _plain(lead)  # 减为增长, as printed
    return {n: shed_measure(s) + change for n, s in zip(after, subjects, strict=True)}


def _starts_listed(text: str, found: list[Found], items: list[int], dealt: int) -> list[int]:
    """The figures listed right before 分别 as many as those after it (从A和B分别提高到C和D:
    A and B), or []."""
    first = items[0] - len(items)
    if first < 0 or text[found[items[0] - 1].end : dealt].strip():
        return []
    starts = list(range(first, items[0]))
    gaps = (text[found[a].end : found[b].start].strip() for a, b in pairwise(starts))
    return starts if all(gap in p.LIST_JOINS for gap in gaps) else []


_SUBJECT_SPLIT = re.compile(r"、|和|与|及")


def _dealt(text: str, found: list[Found], after: int) -> list[int]:
    """Indexes of the figures listed right after 分别 (…增长5%和7%, …下降55.6%、50%)."""
    items: list[int] = []
    for index, figure in enumerate(found):
        if figure.start < after:
            continue
        gap = text[found[items[-1]].end : figure.start] if items else text[after : figure.start]
        if items and gap.strip() not in ("、", "和", "与", ",", "及"):
            break
        if not items and _SUBJECT_START.search(gap):
            break
        if _is_streak(text, figure):
            break  # …分别下降62.97%、53.06%，连续19年获…: a streak starts a statement of its own
        if items and figure.qualifier == "rank" != found[items[-1]].qualifier:
            break  # …分别增长8%和9%，居全国第3位: the place ranks them all, it is none of the items
        items.append(index)
    return items


_CHANGE_END = re.compile(r"(?:同比|比上年|较上年)?(?:实际|年均)?(?:增长|下降|提高|降低|增加|减少)$")


def _changed_subjects(
    text: str, found: list[Found], start: int, end: int, count: int
) -> list[str] | None:
    """The things a clause (text[start:end]) opens on before the one change it prints, if it
    lists as many as a 分别 after it deals out."""
    first = next((f for f in found if start <= f.start < end), None)
    if first is None or any(f is not first and start <= f.start < end for f in found):
        return None
    head = text[start : first.start].rstrip()
    change = _CHANGE_END.search(head)
    if change is None:
        return None
    return _subjects(head[: change.start()], count)


def _subjects(text: str, count: int) -> list[str] | None:
    """The things a 分别 deals its figures to, each whole (城镇、农村居民… → 城镇居民…)."""
    deposits = _DEPOSITS.search(text)
    if deposits and count == 2:
        # 全市金融机构各项存贷款余额: one word for two balances, its words before and after both's.
        lead, rest = text[: deposits.start()], text[deposits.end() :]
        return [_plain(lead + "存款" + rest), _plain(lead + "贷款" + rest)]
    parts = [_plain(part) for part in _SUBJECT_SPLIT.split(_DEPOSITS.sub("存款、贷款", text))]
    parts = [part for part in parts if part]
    if len(parts) == 1 and count == 2 and "城乡" in parts[0]:
        towns = _URBAN_AID if _AID.search(parts[0]) else _TOWN_AND_COUNTRY
        return [parts[0].replace("城乡", place, 1) for place in towns]
    if len(parts) != count:
        return None
    tail = _TAIL_START.search(parts[-1])
    if tail and tail.start() > 0 and not any(_TAIL_START.search(part) for part in parts[:-1]):
        # 黄金、白银、精炼铜、镍产量: the measure printed once, on the last item, is every item's.
        shared = parts[-1][tail.start() :]
        return [_joined(part, shared) for part in parts[:-1]] + [parts[-1]]
    longest = max(parts, key=len)
    at = parts.index(longest)
    dealt = [
        _share(part, longest, n < at) if part != longest else part for n, part in enumerate(parts)
    ]
    # 城乡居民基本养老保险和基本医疗保险参保率: the measure the last item ends on is every item's.
    measure = _measure_tail(parts[-1])
    return [
        s + measure if measure and n < len(parts) - 1 and not _NAMES_MEASURE.search(s) else s
        for n, s in enumerate(dealt)
    ]


# 存贷款余额, 存、贷款余额: deposits and loans, each its own balance.
_DEPOSITS = re.compile(r"存、?贷款")


def _measure_tail(item: str) -> str:
    """The measure a list item ends on (参保率 of 基本医疗参保率, 余额 of 贷款余额), or ""."""
    words = _segment(item)
    if len(words) < 2:
        return ""
    tail = words[-1].text
    if len(tail) == 1:
        tail = words[-2].text + tail  # 参保/率
    return tail if _NAMES_MEASURE.search(tail) and tail != item else ""


# Where a list's last item turns from its own name to the measure all items share.
_TAIL_START = re.compile(
    r"产业增加值|增加值|产业产值|产值|产量|营业收入|居民|人均|总额|产业规模|规模|价格|支出|浓度|投资|出口|进口"
)


def _joined(head: str, tail: str) -> str:
    """head + tail without the words they overlap on (战略性新兴产业 + 产业增加值)."""
    overlap = next(
        (k for k in range(min(len(head), len(tail)), 0, -1) if head.endswith(tail[:k])), 0
    )
    return head + tail[overlap:]


# A list item ending in what it measures (失业率, 涨幅, 零售额) needs nothing of the others.
_NAMES_MEASURE = re.compile(r"(?:率|幅|额|量|值|数|指数|收入|价格|比重)$")


def _share(part: str, longest: str, before: bool) -> str:
    """A short list item takes the words it shares with the longest: 城镇 with 农村居民人均可支配
    收入 reads 城镇居民人均可支配收入, 增加值 after 规上工业产值 reads 规上工业增加值."""
    if len(part) * 2 > len(longest) and (not before or _NAMES_MEASURE.search(part)):
        return part  # 城镇调查失业率、居民消费价格涨幅: each names its own measure
    if before:
        for k in range(len(part), 1, -1):
            at = longest.find(part[-k:])
            if at >= 0:
                return part + longest[at + k :]
        if len(part) <= 2 < len(longest):
            return part + longest[len(part) :]
        return part + (_measure_tail(longest) or _segment(longest)[-1].text)
    # Its last word goes: two characters (产值 of 规上工业产值), or a Latin one (GDP).
    return re.sub(r"(?:[A-Za-z]+|..)$", "", longest) + part


def _plain(fragment: str) -> str:
    """The content words of a fragment, run together (no numbers, particles, 分别 …)."""
    return "".join(word.text for word in _content(_words(fragment)))


def _context(text: str, found: list[Found], index: int) -> tuple[list[Word], list[Word]]:
    """Words of the clause before and after the figure, stopping at its neighbours."""
    figure = found[index]
    breaks = [m.start() for m in p.CLAUSE_BREAK.finditer(text)]
    start = max([b + 1 for b in breaks if b < figure.start], default=0)
    end = min([b for b in breaks if b >= figure.end], default=len(text))
    if index > 0 and not _bar_of(text, found[index - 1], figure):
        start = max(start, found[index - 1].end)
        # 新增装机1258万千瓦、总量达到6437万千瓦: the words before the 、 are the item before's.
        listed = text.rfind("、", start, figure.start)
        if listed >= 0 and start == found[index - 1].end:
            start = listed + 1
    skipped: Found | None = None
    if index + 1 < len(found):
        after = found[index + 1]
        if figure.unit.endswith("元") and _SPENT_ON_COUNT.fullmatch(text, figure.end, after.start):
            # 投资960万元完成四座农村危桥改造: the money's label reads on past the count to what
            # it built.
            skipped = after
            if index + 2 < len(found):
                end = min(end, found[index + 2].start)
        else:
            end = min(end, after.start)
        if _RATE_NEXT.fullmatch(text, figure.end, end):
            end = figure.end  # 社零2.76万亿元增长6.1%: the 增长 is the next figure's measure
    end = min(end, _list_break(text, figure.end))
    if _CHANGE_AFTER.match(text, figure.end) or _CONVERTED_AFTER.match(text, figure.end):
        # 6.31万元(按现行汇率折算约7600美元): the conversion is the next figure's.
        end = figure.end  # 由20.8:36.7:42.5调整优化为…: what follows is the change, not the item
    if text.startswith("连续", figure.start):
        # 连续29年居内地城市首位: a streak's label is what was kept up, the rest of its clause.
        end = min([b for b in breaks if b >= figure.end], default=len(text))
    if text.startswith("每", figure.start):
        # 每2名执法人员配备1台: the words between the two numbers say what is rationed; with
        # none (标准提升至每月1000元), the words before say what the rate is of.
        head = p.RATIO_HEAD.match(text, figure.start)
        named = head.end() + text.startswith("口", head.end()) if head else figure.start + 1
        # The name runs to the number: the measure word after it (个, 亿元) names nothing.
        number = re.search(r"[0-9０-９]", text[named : figure.end])
        inner = _name_words(_words(text[named : named + number.start() if number else figure.end]))
        if any(w.is_noun for w in _content(inner)):
            return inner, []
        return _words(text[start : figure.start]), inner
    # 按可比价格计算比上年增长8%: the aside opening the clause names no subject.
    aside = _INLINE_ASIDE.match(text, start, figure.start)
    start = aside.end() if aside else start
    right = text[figure.end : end]
    if skipped is not None and skipped.end <= end:
        right = text[figure.end : skipped.start] + text[skipped.end : end]
    return _words(text[start : figure.start]), _words(right)


def _name_words(words: list[Word]) -> list[Word]:
    """The words of the measure a rate per a base names, after the base: words of two characters
    or more, and a one-character word before one of them (每千人口托位数: 托 of 托/位数)."""
    long = [n for n, w in enumerate(words) if len(w.text.strip()) > 1]
    return [
        w
        for n, w in enumerate(words)
        if len(w.text.strip()) > 1 or (w.text.strip() and long and n < long[-1])
    ]


_SPENT_ON_COUNT = re.compile(r"(?:完成|新建|建成|修建|改造|实施|建设)了?")

_INLINE_ASIDE = re.compile(
    r"\s*(?:按照?(?:可比|不变)(?:价格|口径)?计算|(?:扣除|剔除|考虑)(?:到)?(?:物价|价格)[^,;:。0-9]{0,4}?因素(?:后|影响)?)"
)


# 超亿元, 过亿元 (过 before a magnitude is 超), 亿元以上: a bar.
_BAR_RAW = re.compile(r"^超(?!过)|^过(?=[0-9一二三四五六七八九十百千万亿])|(?:以上|以下)$")


def _bar_of(text: str, bar: Found, figure: Found) -> bool:
    """A bar printed inside the noun a count counts (产值超亿元企业13家, 引进亿元以上项目35个):
    the count's label keeps it."""
    gap = text[bar.end : figure.start]
    return bool(_BAR_RAW.search(text[bar.start : bar.end])) and not re.search(r"[,;:。!?、]", gap)


_RATE_NEXT = re.compile(r"(?:同比|比上年|较上年)?(?:增长|下降|提高|降低|减少|增加)")


def _list_break(text: str, start: int) -> int:
    """In a list of figures (视频探头5万路、整合接入…7万路) the next item is not this one's;
    a 、 inside brackets or quotes (法治县(市、区)) separates nothing here."""
    masked = _BRACKETED.sub(lambda m: "_" * len(m.group()), text)
    found = masked.find("、", start)
    return len(text) if found < 0 else found


@cache
def _atoms() -> re.Pattern[str]:
    """Quoted names, titles and known slogans: kept whole rather than segmented."""
    slogans = p.alternation(figure_words().slogans)
    return re.compile(
        rf"“(?P<quoted>[^”]{{1,12}})”|《(?P<title>[^》]{{1,20}})》|(?P<slogan>{slogans})"
        rf"|(?P<measure>{p.alternation(MEASURE_TERMS)})"
        r"|(?P<code>[A-Za-z]+[0-9][0-9.]*(?:[A-Za-z]+[0-9.]*)*|[0-9]+[A-Za-z]+(?:-[A-Za-z]+)?)"
        # 世界500强企业: a league table's name, its number part of it.
        r"|(?P<league>(?:世界|全球|中国|全国)[0-9]+强)"
        # 12345热线, 12345政务服务便民热线: a hotline's number is its name.
        r"|(?P<hotline>[0-9]{5,}(?=[\u4e00-\u9fff]{0,8}?热线))"
        # 每平方公里产出GDP, 每万人口拥有: the base of a rate is part of what is measured.
        r"|(?P<per>每[万千百]?(?:平方公里|人口|人|户|亩|平方米))"
    )


def _clause_start(text: str, end: int, marks: str = ",;:。!?") -> int:
    """Where the clause holding text[end] starts: just after the last of `marks` before `end`
    (with 、 a list item's start), else 0."""
    return max(text.rfind(c, 0, end) for c in marks) + 1


def _words(fragment: str) -> list[Word]:
    words: list[Word] = []
    position = 0
    for atom in _atoms().finditer(fragment):
        words += _segment(fragment[position : atom.start()])
        words.append(Word(next(group for group in atom.groups() if group), "nz"))
        position = atom.end()
    return words + _segment(fragment[position:])


# Verbs that hold a stock rather than do something (全市在建工地有1万多个, 总量达474万户).
_STOCK_VERBS = frozenset(
    {"有", "拥有", "现有", "共有", "达", "达到", "为", "是", "保持", "稳定", "位居", "居", "占"}
)


def acts(clause: str) -> bool:
    """Whether a clause says something was done to what the figure counts (关停…企业, 向乡镇
    下放…事项, 刑事拘留): it opens on a verb of action, after a preposition's phrase at most; a
    verb after a noun describes the thing (文化创意产业, 公交线路覆盖城区) or holds a stock (有)."""
    words = [
        w
        for w in _words(clause)
        if w.text.strip() and not w.flag.startswith(("d", "t", "m", "u", "c", "a"))
    ]
    if words and words[0].flag == "p":
        words = words[
            next((n for n, w in enumerate(words) if w.flag.startswith("v")), len(words)) :
        ]
    if not words:
        return False
    first = words[0]
    verb = (first.flag.startswith("v") and first.flag != "vn") or first.flag == "i"
    # 配套建设218个园区基地, 投资44.5亿元: nothing but the action before its object.
    only_actions = all(w.flag.startswith("v") for w in words)
    return (verb or only_actions) and first.text not in _STOCK_VERBS


def ends_on_action(clause: str) -> bool:
    """Whether a clause naming things first ends on a verb of action right before the figure
    (融资平台退出213户): what the figure counts was done, whatever opens the clause."""
    words = [w for w in _words(clause) if w.text.strip()]
    if len(words) < 2 or not any(w.is_noun for w in words[:-1]):
        return False
    last = words[-1]
    # 财政收入完成15.9亿元, 实现增加值…: a statistic of the year, not a count of what was done.
    return last.flag == "v" and last.text not in _STOCK_VERBS | {"完成", "实现"}


def acted_on(rest: str) -> bool:
    """Whether what follows a figure that opens its clause says it was acted on (164个贫困村
    全部脱贫摘帽, 3家企业主板上市): after the things counted, a verb of action."""
    for word in _words(rest):
        if not word.text.strip() or word.flag.startswith(("d", "t", "m", "u", "c", "a", "b", "x")):
            continue
        if word.is_noun or word.flag in ("l", "j", "nt", "ns", "nr"):
            continue
        return word.flag.startswith("v") and word.flag != "vn" and word.text not in _STOCK_VERBS
    return False


# An aside in brackets inside a name (高速（一级）公路): gone without a gap, so the name stays whole;
# not the places a unit stands for as well (8个省（市）, 县（市、区）).
_ASIDE_BRACKETS = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?![市区县镇乡旗自治、]+\))[^()]*\)(?=[\u4e00-\u9fff])"
)


def _segment(fragment: str) -> list[Word]:
    return list(_tagged(fragment))


@lru_cache(maxsize=32768)
def _tagged(fragment: str) -> tuple[Word, ...]:
    """jieba's tagged words of a fragment; memoised: a figure's clause and the text around it
    are cut again for each figure of the sentence (_words, acts, _context)."""
    cleaned = _NOISE.sub(" ", _ASIDE_BRACKETS.sub("", fragment)).strip()
    return tuple(Word(w.word, w.flag) for w in _posseg().cut(cleaned)) if cleaned else ()


def _content(words: list[Word]) -> list[Word]:
    stopwords = figure_words().stopwords
    kept = [
        w
        for n, w in enumerate(words)
        if (
            w.is_noun
            or not w.flag.startswith(_DROP_FLAGS)
            or _names_with_next(words, n)
            or _reached(words, n)
            or _glued(words, n)
            or _ends_noun(words, n)
            or _names_noun(words, n)
            or _inside_noun(words, n)
        )
        and (w.text not in stopwords or (w.text in _SCOPES and _scope_kept(words, n)))
    ]
    # 全市共有检查事项5710项: the place leads the label; a scope inside it (赣服通全市…) adds
    # nothing, but the base of a share (占全国28.7%) does.
    return [
        w
        for n, w in enumerate(kept)
        if n == 0 or w.text not in _SCOPES or kept[n - 1].text in _BASE_BEFORE
    ]


# Words that may stand on either side of a word jieba cuts out of a noun phrase.
_NOUN_PART = ("n", "l", "j", "nz", "nr", "ns", "nt", "vn", "a", "b", "eng")


# Prepositions jieba cuts out of a name: 经 of 经开区, 被 of 高被引, 与 of 研究与试验发展.
_INNER_PREPOSITIONS = frozenset({"经", "被", "与"})


def _inside_noun(words: list[Word], n: int) -> bool:
    """A word jieba reads as an adverb, a particle or a preposition between two parts of one
    noun phrase (车网/互动/设施, 低效用/地/盘整, 天水/经/开区): part of the name, kept so the label
    does not cut it."""
    word = words[n]
    inner = (
        word.flag in ("d", "uv")
        or (word.flag == "p" and word.text in _INNER_PREPOSITIONS)
        or (word.flag == "f" and len(word.text) == 1)  # 后 of 灾/后/重建, 内 of 省/内/企业
    )
    if not inner or n == 0 or n + 1 >= len(words):
        return False
    before, after = words[n - 1], words[n + 1]
    return all(w.flag.startswith(_NOUN_PART) and w.text.strip() for w in (before, after))


def _scope_kept(words: list[Word], n: int) -> bool:
    return n == 0 or words[n - 1].text in _BASE_BEFORE


# The base of a share or a comparison (占全国28.7%, 高于全国0.4个百分点): the scope after it is
# what the figure is measured against, part of what it says.
_BASE_BEFORE = frozenset(("占", "高于", "低于", "快于", "慢于"))


def _names_noun(words: list[Word], n: int) -> bool:
    """A word jieba reads as an adverb that begins a name with the noun after it, right after a
    verb (稳居自然指数…榜首: 自然 of 自然指数); adverbs qualify verbs, not nouns."""
    word = words[n]
    if word.flag != "d" or len(word.text) < 2 or n + 1 >= len(words):
        return False
    after = words[n + 1]
    # 非禁/煤区 opening the words: nothing before it for the adverb to qualify.
    return after.flag in ("n", "nz", "nt", "ns") and (n == 0 or words[n - 1].flag.startswith("v"))


_NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万]")

_SCOPES = frozenset(
    ("全市", "全省", "全区", "全县", "全国", "我市", "我省", "我区", "我县", "我国")
)


_CHANGE_VERBS = frozenset(
    {"提高", "提升", "下降", "降低", "增加", "增长", "上升", "减少", "扩大", "缩小", "降", "升"}
)


_NOUNISH = ("n", "l", "j", "nz", "eng", "m", "b")


def _glued(words: list[Word], n: int) -> bool:
    """A word jieba tags as a pronoun, measure or time word that is part of a compound noun:
    本科 of 本科院校, 道 of 非机动车道, 级 of 千亿级产业, 日间 of 日间照料."""
    word = words[n]
    if not word.flag.startswith(("r", "q", "t")) or n + 1 >= len(words):
        return False
    after = words[n + 1]
    # 产业/类/投资: a class word before a verbal noun is part of the name too.
    classed = word.text == "类" and after.flag == "vn"
    if not (after.flag.startswith(_NOUNISH[:5]) or classed) or not after.text.strip():
        return False
    if word.flag.startswith("r"):
        return len(word.text) > 1 and (n == 0 or words[n - 1].flag in ("c", "x", "v"))
    before = words[n - 1] if n else None
    if word.flag.startswith("q"):
        return before is not None and before.flag.startswith(_NOUNISH) and len(word.text) == 1
    return before is not None and before.flag.startswith(_NOUNISH[:5])


def _ends_noun(words: list[Word], n: int) -> bool:
    """A one-character measure word ending the words before a figure after a noun or a verb is
    the last part of the noun counted (非机动车道, 充电桩, 燃气管道), not a measure word."""
    word = words[n]
    if not (word.flag == "q" and len(word.text) == 1 and n == len(words) - 1 and n):
        return False
    return words[n - 1].flag.startswith(("n", "l", "v"))


def _reached(words: list[Word], n: int) -> bool:
    """至/到 ending a change right before its figure (城镇化率提高至64.8%): the level reached,
    not the change by; kept so the label says which."""
    return (
        words[n].text in ("至", "到")
        and n == len(words) - 1
        and n > 0
        and words[n - 1].text in _CHANGE_VERBS
    )


def _names_with_next(words: list[Word], n: int) -> bool:
    """A place word that begins a name with the noun after it (前海, 东部地区), not one that
    follows a noun (省内) or a verb (年底前完成)."""
    if words[n].flag != "f" or n + 1 >= len(words) or not words[n + 1].is_noun:
        return False
    # 全年前海…: a time word before is no number the place word counts from (3年前).
    counted = words[n - 1].flag == "m" and _NUMERAL.search(words[n - 1].text)
    return n == 0 or not (words[n - 1].is_noun or counted)


def _compose(
    left: list[Word], right: list[Word], attributive: bool, share: bool = False
) -> tuple[list[Word], list[Word]]:
    """Number before its noun (15个法治文化公园) labels with the noun; else the clause around it.
    A share before its noun (覆盖九成以上城乡社区) is of that whole: what covers it stays."""
    before, after = _content(left), _content(right)
    run = _noun_run(right)
    if run and len(right) > len(run) + 1 and right[len(run)].text == "的":
        # 22个行政村的生活污水治理: what was done to the things counted says what they count.
        done = _done_to(right[len(run) + 1 :])
        if sum(len(word.text) for word in done) > 2:
            run = run + done
    elif run and _works_done(right[len(run) :]):
        # 完成2172个工业园区转供电改造, 提供11.2万个高校毕业生就业岗位: the clause ends on the
        # works done to the things counted or on what they make up; it says what they count.
        run = run + [w for w in right[len(run) :] if w.text.strip()]
    generic = figure_words().generic_nouns
    # A lone short noun (十一大任务, 3个链条) needs the clause before it to say what it is.
    telling = sum(len(word.text) for word in run) > 2 and not all(w.text in generic for w in run)
    if before and telling:
        return (before if share else before[-1:] if attributive else _place_before(before)), run
    return before, after


# Words naming a place: 中西部地区, 西藏察隅, 雄安新区 (jieba tags most ns, nt or nrt).
_PLACE_FLAGS = ("ns", "nt", "nrt")
_PLACE_END = re.compile(r"(?:地区|自治区|新区|省|县|州|乡|镇)$")


# What the things a clause counts are for or undergo, ending it (改造, 治理, 就业岗位, 签约活动).
_WORKS_END = re.compile(
    r"(?:改造|治理|修复|整治|建设|提升|改制|确权|岗位|团队|清单|活动|工作室|团组|项目)$"
)
_WORKS_MAX = 5


def _works_done(rest: list[Word]) -> bool:
    """Whether the words after a count's nouns run to the clause's end on works done or a thing
    made up, with nothing but names, verbs and qualities between (转/供电/改造)."""
    words = [w for w in rest if w.text.strip()]
    return (
        0 < len(words) <= _WORKS_MAX
        and bool(_WORKS_END.search(words[-1].text))
        and all(w.flag.startswith(("n", "v", "a", "l", "j", "f")) for w in words)
    )


def _place_before(before: list[Word]) -> list[Word]:
    """The place a count's words end on right before it (助推对口帮扶的西藏察隅6个小康村,
    中西部地区1700多万名贫困家庭学生): whose things are counted, kept before the noun."""
    run: list[Word] = []
    for word in reversed(before):
        if word.text in _SCOPES or not (
            word.flag in _PLACE_FLAGS or (word.is_noun and _PLACE_END.search(word.text))
        ):
            break
        run.insert(0, word)
    return run if len("".join(w.text for w in run)) > 2 else []


def _done_to(words: list[Word]) -> list[Word]:
    """What a 的 after the things counted names (生活污水治理, 控制性详规): its nouns and
    qualities, and a verb that ends it (治理), not one with more after it (道路实现硬化)."""
    run: list[Word] = []
    for n, word in enumerate(words):
        last = n + 1 == len(words) or words[n + 1].flag.startswith(("c", "x"))
        head = run and run[-1].is_noun and _COMPOUND_HEAD.fullmatch(word.text)  # 信息/站
        named = word.is_noun or word.flag.startswith(("a", "l", "j"))  # 一体化: an idiom, 'l'
        if named or head or (word.flag == "v" and last and run):
            run.append(word)
            continue
        break
    return run


def _noun_run(words: list[Word]) -> list[Word]:
    """The nouns right after a figure, through a compound noun whose inner words jieba reads as
    verbs or adjectives (易地搬迁安置区, 产业引导基金, 水质净化厂, 挥发性有机物排放企业) when it
    ends on the kind of thing counted."""
    run: list[Word] = []
    for word in words:
        if not word.is_noun:
            break
        run.append(word)
    if not run:
        return run
    rest = words[len(run) : len(run) + _COMPOUND_MAX]
    for end in range(len(rest), 0, -1):
        inner, head = rest[: end - 1], rest[end - 1]
        if _COMPOUND_HEAD.search(head.text) and all(
            w.flag.startswith(_COMPOUND_INNER) and w.text.strip() and w.text not in _STOCK_VERBS
            for w in inner
        ):
            return run + rest[:end]
    tail = words[len(run) :]
    if len(tail) > 1 and tail[0].text in _NOUN_JOINS and all(w.is_noun for w in tail[1:]):
        return run + tail  # 带动4200多亿元银行贷款和自筹资金: both nouns, the clause ends on them
    return run


_NOUN_JOINS = ("和", "及", "与")
# Words a compound noun may hold between its first noun and its head (集聚 of 总部经济集聚区).
_COMPOUND_INNER = ("n", "v", "a", "d", "l", "j")
_COMPOUND_MAX = 4
# What a count counts: the head a compound noun ends on.
_COMPOUND_HEAD = re.compile(
    r"(?:区|厂|站|点|库|室|园|场|馆|中心|基地|基金|空间|设施|工程|企业|项目|组织|平台|机构|集群|场地)$"
)


def _fit(before: list[Word], after: list[Word]) -> list[Word]:
    """Drop the words farthest from the figure until the label is short enough; a programme
    the label opens on (南北山绿化工程累计完成…) is its subject, kept: the words after it go first."""
    before, after = list(before), list(after)

    def size() -> int:
        return sum(len(w.text) for w in before + after)

    # 战略性新兴产业增加值占地区生产总值比重提升至: the change words go before the measure's name.
    if size() > LABEL_MAX and len(before) > 2 and before[-1].text in ("至", "到"):
        before.pop()  # the level reached is the measure's: its change words go first
        if before[-1].text in _CHANGE_VERBS:
            before.pop()
    named = next((n + 1 for n, w in enumerate(before[:-1]) if w.text.endswith("工程")), 0)
    while len(before) + len(after) > 1 and sum(len(w.text) for w in before + after) > LABEL_MAX:
        if len(before) > max(named, 1) or (not after and len(before) > 1):
            before.pop(named if len(before) > named + 1 else 0)
        else:
            after.pop()
    return before + after
