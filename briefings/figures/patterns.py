"""Regular expressions for the figures a report prints, matched on the folded (half-width) text."""

from __future__ import annotations

import re
from collections.abc import Iterable

PERCENT_UNITS = ("%", "‰", "个百分点", "百分点")
APPROX_BEFORE = ("超过", "突破", "接近", "将近", "近", "约", "逾", "超")
APPROX_AFTER = ("以上", "左右", "上下", "之多")
# Words that make "N年" a duration of the work (连续12年) rather than a year.
# 历时12年, 提前两周 (how long an effort took, how early): no quantity of the work, no cue.
DURATION_CUES = ("连续", "累计")
# A Chinese numeral is a figure only after a word that counts (连续三年); elsewhere it is
# almost always part of a name or a fixed phrase (三项制度, 一网通办).
COUNT_CUES = (*DURATION_CUES, "共", "先后", "新增")
# 保持中部地区第1: a place kept ranks as one held (居) does.
RANK_CUES = ("排名", "名列", "位居", "位列", "居于", "排在", "列", "居", "排", "保持")
# A scope names a ranking too when 第N ends the phrase (成绩全国第一).
RANK_SCOPES = ("全国", "全省", "全市", "全区", "全球", "世界", "亚洲", "国内")
MULTIPLIERS = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
}
UNITS = (
    "%", "‰", "个百分点", "百分点", "个千分点", "倍",
    "万人次", "人次", "人年", "家次", "批次", "架次", "场次", "人", "名", "位", "户", "家", "个", "项", "件",
    "条", "次", "台", "套", "辆", "艘", "架", "支", "所", "座", "处", "批", "场", "期", "份",
    "本", "册", "部", "种", "类", "款", "篇", "路", "张", "间", "栋", "幢", "块", "片", "口",
    "宗", "笔", "例", "起", "颗", "枚", "株", "棵", "头", "只", "级", "岁", "组", "班次", "眼",
    "年", "周年", "个月", "个季度", "周", "天", "个工作日", "工作日", "小时", "分钟",
    "元", "美元", "欧元", "千米", "公里", "米", "平方公里", "平方米", "立方米", "公顷", "亩",
    "吨公里", "吨", "千克", "公斤", "斤", "千瓦时", "千瓦", "兆瓦", "吉瓦", "标准箱", "门",
    "微克/立方米", "毫克/立方米", "毫克/升", "平米", "标箱", "列", "剂次", "周岁",
)  # fmt: skip
# 农村贫困人口比上年减少290万: the people named a few words before.
PEOPLE_BEFORE = re.compile(r"(?:人口|人数|用户|人才|人员)[^,;。0-9]{0,5}$")
# 旅游接待总人次达到500万, 累计参与人次超200万: a count of visits, the measure word left out.
VISITS_BEFORE = re.compile(r"人次[^,;。0-9]{0,4}$")
# 600多万下岗职工实现了再就业: the number counts the people named right after it.
# 505万下岗失业人员, 1亿多中小学生, 71.3万监测对象: the qualifiers may run on.
PEOPLE_AFTER = re.compile(
    r"(?:下岗|失业|贫困|困难|农村|城镇|城乡|老区|中小|监测|青壮年)*(?:职工|农民工|农民|居民|群众|人口|人民|学生|"
    r"毕业生|劳动力|婴幼儿|儿童|老人|游客|人员|对象|文盲)"
    # 近1400万农业转移人口, 2235万城市居民: whatever words qualify a population or its residents.
    r"|[\u4e00-\u9fff]{1,4}?(?:人口|居民)"
)
# 全部财政收入突破10亿大关, 经济总量连续迈上4万亿: a bare 万/亿 after a measure only counted in money.
MONEY_BEFORE = re.compile(
    r"(?:生产总值|经济总量|财政收入|预算收入|产业规模|营业收入|销售收入|营收)[^,;。0-9]{0,6}$"
)
# 对全县3400多贫困户进行帮扶: the number counts the households named right after it.
HOUSEHOLDS_AFTER = re.compile(r"(?:贫困|困难|低保|特困|脱贫|监测|农|住)户")
# 2130元/月, 50元/吨: a unit per a span of time or a quantity.
# 4800元/年/人: per one thing and another.
PER_UNIT = re.compile(
    r"(?:/(?:月|年|人|人年|吨|亩|天|日|小时|平方米|立方米|公斤|千克|斤|户|人次|千瓦时))+"
)
# 保障性住房60万套（间）, 更新设备15万台(套): a second measure word the count may be read in.
OTHER_UNIT = re.compile(r"[（(](?:套|间|台|个|件|辆|户|人|所|张|座|处|家)[）)]")
# Words that begin with a measure word but are none (迈上1200亿台阶, 3人民币).
# 721片区社区公园: 片区 is a word, not pieces.
FALSE_UNITS = ("台阶", "人民", "条例", "条件", "名单", "期间", "列入", "列为", "片区")
# An anniversary (成立75周年) dates an event, it measures no work.
NOT_FIGURE_UNITS = ("周年",)


def alternation(words: Iterable[str]) -> str:
    """Regex alternation trying longer words first, so 个百分点 wins over 个."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# 缔结国际条约187个, 签约项目20个: 约 ending a word (条约, 公约, 签约, 节约 …) bounds no figure.
_YUE_IN_WORD = "(?<![条公合签节制契预履违特集盟])约"


def bound_words(words: Iterable[str]) -> str:
    """An alternation of bound words (约, 超过 …), 约 only where it ends no word of its own."""
    return "|".join(
        _YUE_IN_WORD if word == "约" else re.escape(word)
        for word in sorted(words, key=len, reverse=True)
    )


CN_NUMERAL = "[零〇一二两三四五六七八九十百千]+"
ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_UNIT = alternation(UNITS)
# 不超过30亿元 is a ceiling: its 超过 is no approximation word of the figure.
_PRE = f"(?<!不)(?:{bound_words(APPROX_BEFORE)})"
_POST = alternation(APPROX_AFTER)
_MULT = alternation(MULTIPLIERS)

AMOUNT = re.compile(
    rf"(?P<pre>{_PRE})?(?<![0-9.])(?P<num>{ARABIC})(?P<sfx>[余多])?(?P<mult>{_MULT})?"
    rf"(?P<sfx2>[余多])?(?: ?(?P<unit>{_UNIT}))?(?P<post>{_POST})?"
)
CN_COUNT = re.compile(
    rf"(?P<cue>{alternation(COUNT_CUES)})(?P<pre>{_PRE})?(?P<num>{CN_NUMERAL})"
    rf"(?P<sfx>[余多])?(?P<unit>{_UNIT})(?P<post>{_POST})?"
)
# 新建一所幼儿园, 修建了三条园区道路和一座地道桥, 对接北京一家三级医院, 改造何桥、阳城等四所卫生院,
# 成功举办两届大赛, 实施三轮核酸检测: a Chinese numeral right after a verb that builds, completes or
# brings in things one can point at (or after the 等 closing a list it outnumbers) counts them. Not
# 建设一支队伍, 走出一条新路, 建设一个…政府 (rhetoric: 个, 支 and those verbs are left out), 实施八项战略
# (a programme's name), 完成了八届人大…确定的 (a meeting): each unit only after the verbs that count it.
_WORKS_VERBS = "新建|修建|建成|扩建|兴建|改造|完成|对接|等"
_THING = "所|家|座|条|项|处|栋|台|套"
CN_WORKS = re.compile(
    rf"(?:(?:{_WORKS_VERBS})了?(?P<where>[\u4e00-\u9fff]{{0,2}}?)(?P<num>{CN_NUMERAL})(?P<sfx>余|多)?(?P<unit>{_THING})"
    rf"|(?:举办|承办)了?(?P<num2>{CN_NUMERAL})(?P<unit2>届)"
    rf"|(?:实施|通过|开展|进行)了?(?P<num3>{CN_NUMERAL})(?P<unit3>轮))"
    rf"(?![\u4e00-\u9fff]*?(?:人大|全会|党代会|会议))"
)
# 两家雕塑企业被认定为…示范基地, 六个区全部建成省教育强区: a count opening its clause, what it
# counts then recognised or done (one, 一个…, is rhetoric: 一个更有活力的城市).
CN_SUBJECT = re.compile(
    rf"(?:^|(?<=[,;:。!?]))\s*(?P<num>[两二三四五六七八九十][零〇一二两三四五六七八九十百]*)(?P<unit>{_THING}|个)"
    r"(?=[\u4e00-\u9fff]{1,10}?(?:被认定为|被评为|被确定为|全部建成|全部通过|获评|获批|入选|荣获))"
)
# 推进五个矿产建材集中区和四个新型建材产业园区建设: zones the place builds, counted in words (两个
# 文明建设, 五个一工程 and other names end on no zone).
CN_ZONES = re.compile(
    r"(?:推进|推动|加快|加强|和|、|及)(?P<num>[两二三四五六七八九十]+)(?P<unit>个)"
    r"(?=[\u4e00-\u9fff]{1,12}?(?:集中区|园区|产业园|开发区|示范区|功能区|基地)[^,;:。]{0,16}?建设)"
)
# N连增: yearly rises in a row (粮食生产实现“十连增”), a streak of years.
STREAK_RISES = re.compile(rf"(?P<num>[0-9]+|{CN_NUMERAL})连增")
# 新建扩建道路七条, 建成农业创新驿站两家: the things, then their count closing the clause.
CN_WORKS_AFTER = re.compile(
    rf"(?:{_WORKS_VERBS.removesuffix('|等')})[\u4e00-\u9fff]{{1,10}}?(?P<num>[两二三四五六七八九十][零〇一二两三四五六七八九十百]*)"
    rf"(?P<sfx>余|多)?(?P<unit>{_THING})(?=[,;。:!?]|$)"
)
# 修建了三条园区道路和一座地道桥: the list goes on after the things counted first.
CN_WORKS_MORE = re.compile(
    rf"[\u4e00-\u9fff]{{1,8}}?(?:和|、|及)(?P<num>{CN_NUMERAL})(?P<sfx>余|多)?(?P<unit>{_THING})"
)
# 增长近一倍, 增长超一倍, 增长一倍多, 五年增长两倍: a rise in multiples written in words.
CN_TIMES = re.compile(
    rf"(?<=增长|提高|增加|扩大|上升)(?:了)?(?P<pre>{_PRE})?(?P<num>[一两二三四五六七八九十]+)倍(?P<sfx>多)?"
)
# 是上个五年的两倍: a multiple of a base the clause names (read only after 是 in the clause).
CN_TIMES_OF = re.compile(
    rf"(?<=的)(?P<pre>{_PRE})?(?P<num>[一两二三四五六七八九十]+)倍(?P<sfx>多)?"
)
TIMES_OF_CUE = re.compile(r"是[^,;:。!?]*的$")
# 获得三金、十二银、五铜, 赢得一金一铜, 获全运竞体项目18金18银14铜: medals won, each colour a count.
MEDALS = re.compile(
    rf"(?P<num>{ARABIC}|{CN_NUMERAL})(?P<unit>[金银铜])(?=[、,;。的和]|$|{CN_NUMERAL}[银铜]|[0-9]+[银铜])"
)
MEDALS_WON = re.compile(r"[获赢夺摘]")
# 提高一个百分点, 下降零点五个百分点: a Chinese numeral before 个百分点 is always a figure.
CN_POINTS = re.compile(
    rf"(?P<num>{CN_NUMERAL}(?:点[零〇一二三四五六七八九]+)?)(?P<unit>个百分点)(?P<post>{_POST})?"
)
# 超五成, 近八成, 九成以上, 精简两成: tenths, a share printed as a percentage would be; only
# where the share ends its phrase (一成不变, 统一成立, 七成新 are words, no share).
TENTHS = re.compile(
    rf"(?P<pre>{_PRE})?(?<![零〇一二两三四五六七八九十百千万亿])(?P<num>[一二两三四五六七八九])成"
    rf"(?P<post>{_POST}|多)?(?=[,;:。!?、的)]|$|(?<=[上右下多])|(?<=之多))"
)
# 19·5％: older reports print the decimal point as a middle dot.
DOT_DECIMAL = re.compile(r"(?<=[0-9])[·・](?=[0-9])")
_PERCENT_NUM = rf"(?:{ARABIC}|{CN_NUMERAL}(?:点[零〇一二三四五六七八九]+)?)"
# 百分之八至九, 百分之四至百分之五: a range, its upper end with or without 百分之 again.
PERCENT_WORDS = re.compile(
    rf"(?P<pre>{_PRE})?(?P<base>[百千])分之(?P<num>{_PERCENT_NUM})"
    rf"(?:(?P<sep>至|到)(?:(?P=base)分之)?(?P<hi>{_PERCENT_NUM}))?"
    rf"(?P<post>{_POST})?"
)
# 6%－6.5%, 3～5万元, 1—2个, 20至30家: a range, its unit (and magnitude) printed once or twice.
# 至 only joins bare numbers: 1000人至2000人 after 从 or 由 is a change, not a range.
RANGE = re.compile(
    rf"(?<![0-9.])(?P<lo>{ARABIC})(?:(?P<lomult>{_MULT})?(?P<lounit>{_UNIT}))? ?"
    rf"(?P<sep>-|~|—{{1,2}}|(?<=[0-9])[至到]) ?(?P<hi>{ARABIC})(?P<mult>{_MULT})?(?P<unit>{_UNIT})"
)
CHANGE_FROM = re.compile(r"[从由][^,;:。!?]*$")
# 每50公斤提高5到7元: a per-unit rise, not a rate per unit.
PER_UNIT_CHANGE = re.compile(r"(?:提高|增加|上调|提升|下调|降低|减少|补贴|补助|奖励)$")
# A fraction is a share (RULES: in %): 三分之一, 1/4 and 1／4 (a proper fraction of terms under
# ten, no part of a formula, a code or a clock: 1/5强, 超过1/9; not 7/24, 5+2/3), 一半 and 过半
# (half; 另一半 is the rest of something, 过半数 a majority).
FRACTION = re.compile(
    rf"(?P<den>{CN_NUMERAL}|{ARABIC})分之(?P<num>{CN_NUMERAL}|{ARABIC})(?P<post>{_POST}|强)?"
)
DIGIT_FRACTION = re.compile(
    r"(?<![0-9.A-Za-z/+×*=])(?P<num>[1-9])/(?P<den>[2-9]|10)(?![0-9.A-Za-z/%‰])"
    rf"(?P<post>{_POST}|强)?"
)
HALF = re.compile(rf"(?<!另)(?:一|过)半(?!数)(?P<post>{_POST})?")
RATIO_HEAD = re.compile(
    rf"每(?P<num>{ARABIC}|[一两二三四五六七八九十百千万]+)?(?P<unit>{_UNIT}|月(?=[^0-9]{{0,8}}[0-9]))"
    # 全区万人发明专利拥有量达到4件: a holding per 万人 named without 每.
    r"|(?<![0-9零〇一二三四五六七八九十百千万两])(?P<bare_num>[万千百])(?P<bare_unit>人)"
    r"(?=口?[\u4e00-\u9fff]{1,10}拥有量)"
    # 低保月人均补差18元: a month's rate per head (人均 names the measure; the month is the base).
    r"|(?P<month>月)(?=人均)"
)
# 从每月70元提高到88元: the words joining the two ends of a change, which keep the base of the first.
CHANGE_TO = re.compile(r"(?:提高|增加|提升|上调|调整|增长|下调|降低|下降|减少|减)?(?:到|至|为)")
# The figure a base governs starts within this many characters after it.
RATIO_GAP = 14
RANK_CUED = re.compile(
    rf"(?P<cue>{alternation(RANK_CUES + RANK_SCOPES)})(?P<scope>[\u4e00-\u9fff]{{0,5}}?)"
    # 成为全国第三大专利申请城市, 世界第二大经济体: a place among the largest.
    rf"(?:第(?P<num>[0-9]+|{CN_NUMERAL})(?:[位名大]|(?![\u4e00-\u9fff]))|(?P<top>首位|榜首|之首))"
)
# 排名提升3位, 前移5位: places gained or lost, not a place (提升3名干部 counts people).
RANK_CHANGE = re.compile(
    rf"(?:提升|上升|前移|前进|跃升|进位|下降|后退|下滑|回落)(?P<num>[0-9]+|{CN_NUMERAL})个?[位名]"
    r"(?![\u4e00-\u9fff](?<!至))"
)
# 居全国前10位, 位列国内前三, 跻身省级开发区前50: a place within a band, at most the Nth (前三季度,
# 前5个月 are spans of time, no place).
RANK_BAND = re.compile(
    rf"(?:{alternation(RANK_CUES + RANK_SCOPES)}|进入|跻身|迈入|入围)(?P<scope>[\u4e00-\u9fff]{{0,6}}?)"
    rf"前(?P<num>[0-9]+|{CN_NUMERAL})(?:[位名强]|(?![\u4e00-\u9fff0-9.%‰]))"
)
# 五连冠, “六连冠”: a streak of titles won in a row, counted as times.
STREAK_TITLES = re.compile(
    rf"(?P<num>[0-9]+|{CN_NUMERAL})连冠|连续第(?P<nth>[0-9]+|{CN_NUMERAL})次"
)
# 全国排名53位: after 排名 a place needs no 第.
RANK_PLACE = re.compile(r"排名(?P<scope>[\u4e00-\u9fff]{0,4}?)(?P<num>[0-9]+)[位名]")
# 作为第一位的工作任务 is a priority, not a place.
# 放在第一位 (a priority) is no place either.
# 获得全市第6名、山区县第1名的好成绩: a place, 的 after it or not.
# 荣获第一, 获得第一: a place won, no peers printed (获得全市第5名 reads from its scope).
RANK_WON = re.compile(rf"(?:荣获|获得)第(?P<num>[0-9]+|{CN_NUMERAL})(?![\u4e00-\u9fff0-9.])")
# 居全省第1、第3: the places listed after a first one.
RANK_LISTED = re.compile(
    rf"(?<=[0-9一二三四五六七八九十])、第(?P<num>[0-9]+|{CN_NUMERAL})(?![\u4e00-\u9fff0-9.])"
)
RANK_PLAIN = re.compile(
    rf"(?<!放在)(?<!摆在)(?<!放到)第(?P<num>[0-9]+|{CN_NUMERAL})(?:位(?!的)|名)"
)
# 1∶3.4, 2.04∶1, 20.8：36.7：42.5 (a colon between numbers only with a decimal or a third term).
PROPORTION = re.compile(
    rf"(?<![0-9.])(?P<den>{ARABIC}) ?[∶比] ?(?P<num>{ARABIC})(?:[∶:]{ARABIC})*(?![0-9])"
    rf"|(?<![0-9.])(?P<den2>{ARABIC}):(?P<num2>{ARABIC})(?::{ARABIC})+(?![0-9])"
    rf"|(?<![0-9.])(?P<den3>[0-9]+\.[0-9]+):(?P<num3>[0-9]+\.[0-9]+)(?![0-9])"
)
RATIO_UNIT = "比"
# 分别提高11.1、11.2个百分点: a bare number listed before one with a unit shares its unit.
SHARED_UNIT = re.compile(
    rf"(?<![0-9.])(?P<num>{ARABIC})(?=(?:[、和]{ARABIC})*[、和]{ARABIC}(?P<mult>{_MULT})?"
    rf"(?P<unit>{_UNIT}))"
)
# 分别达1.28万亿、1.18万亿、8200亿元: bare magnitudes listed before the item that prints the unit.
LIST_UNIT_AFTER = re.compile(
    rf"(?:[、和]{ARABIC}(?:{_MULT})?)*[、和]{ARABIC}(?:{_MULT})?(?P<unit>{_UNIT})"
)
CLAUSE_BREAK = re.compile(r"[,;:。!?]")
# What joins the items of a list of figures (46503元和16935元, 5%、7%).
LIST_JOINS = ("、", "和", "与", "及")
# Spans whose numbers are not figures: titles, short quoted names, bracketed issue numbers.
TITLE = re.compile(r"《[^》]*》")
QUOTED_NAME = re.compile(r"“[^”]{1,12}”|\"[^\"]{1,12}\"|「[^」]{1,12}」")
# 五头镇入选“全国乡村特色产业产值超十亿元镇”: a title won or a list entered, quoted, however long, is a
# name (a place in a top list inside it stays a figure, as in a short quoted name).
TITLE_WON = re.compile(
    r"(?:(?<=入选)|(?<=获评)|(?<=荣获)|(?<=评为)|(?<=命名为)|(?<=授予))“[^”]{13,40}”"
)
DATED_BRACKET = re.compile(r"\([^()]*[0-9]{4}\s*年[^()]*\)")
# 22条举措, 民营经济32条: a policy named by its number of articles, not a count of them
# (累计40条创新举措 counts them).
# 民营经济32条落地见效: a count of articles is never what 落地 or 见效.
POLICY_AFTER = re.compile(
    r"(?:举措|措施|政策|意见|硬招|实招|细则|规定|办法|条款|[”\"]?(?:落地|落实|见效|兑现))"
)
# 放宽市场准入24条特别措施, 首批5条先行先试政策: a named package with a word between (47条创新
# 举措和经验做法在全国推广, printed with no name before it, counts them).
POLICY_QUALIFIED = re.compile(r"[\u4e00-\u9fff]{0,8}(?:举措|措施|政策|授权事项)")
# 出台利用外资20条, 实施扩大工业有效投资26条、外贸稳增长25条, 强化措施23条.
POLICY_NAMED = re.compile(
    r"(?:(?:落实|出台|制定|印发|推出|贯彻|兑现|用好|实施)"
    r"(?:[\u4e00-\u9fff“”\"]{2,12}[0-9]+条[、和])*[\u4e00-\u9fff“”\"]{2,12}|措施|举措)$"
)
POLICY_END = re.compile(r"(?:[、,;。:!?)”\"]|等|和|及|$)")
# 35岁以下青年, 60岁以上老人, 2-3周岁托班: an age of eligibility; only a life span is measured.
AGE_UNITS = ("岁", "周岁")
AGE_MEASURED = re.compile(r"寿命|平均年龄")
# 10万千瓦及以下燃煤机组, 10蒸吨及以下锅炉: a rating in a class name, no quantity.
RATED_CLASS = re.compile(r"及?以[下上][\u4e00-\u9fff]")
RATING_UNITS = ("千瓦", "万千瓦", "兆瓦", "蒸吨")
# 总投资12.6亿元的照旺台棚改项目, 占地6904亩的工业台地: what describes one named thing.
# (占地150亩的休闲公园: a park as well.)
DESCRIBED = re.compile(
    r"的[^,;:。!?0-9]{1,24}?(?:项目|园区|产业园|基地|工程|片区|电站|管道|台地|工业园|公园|植物园"
    r"|(?:加工|开发|示范)区)"
)
DESCRIBED_BY = re.compile(r"(?:总投资|投资|融资|占地|长达)\s*$")  # 投资 3亿元: a space may follow
# 年产各30万吨的…乙烯工程, 年炼铁、炼钢各300万吨的…二期工程: a plant's yearly output.
CAPACITY_BY = re.compile(r"(?:年产|年产能|各)\s*$")
# 两个11万伏变电站, 110千伏变电站: a voltage rating names a class of plant.
VOLTAGE_AFTER = re.compile(r"伏")
# 由4个方面、42个指标组成的现代化指标体系: the parts a framework is made of, no quantity of the work.
FRAMEWORK_PARTS = re.compile(r"[^,;:。!?]{0,12}组成的[^,;:。!?]{0,12}(?:体系|框架)")
# 投资3.12亿元的晨阳水性涂料, 启动投资11亿元的滨湖五期商业综合体建设: one project named by its
# proper name alone, up to a break or a count; 完成投资5亿元的年度目标 and 签订总投资105亿元的战略合作
# 协议 name a goal or agreements, not a project.
NAMED_AFTER = re.compile(r"的(?![^,;:。!?、0-9]*(?:目标|任务|计划|协议|合同))[^,;:。!?、0-9]{2,24}")
# Things known by their proper names (places, firms, parks, centres, plants, projects): 3个镇区,
# 4家企业, 南王庄、臧村、大魏庄3座水厂, …、投资1.2亿元的双帆蓄电池7个过亿元项目.
NAMED_THINGS = re.compile(
    r"[^,;:。!?、]{0,8}?(?:企业|公司|镇区|乡镇|景区|公园|城市|县|村|园区|产业园|医疗中心|实验室|示范区|集群|"
    r"水厂|电站|项目|卫生院|医院|学校)"
    # 教育经费保障、…、监测评价督导4个体系, 创新、协调…安全6个维度, 光伏、风电、光热3条…产业链: the
    # systems, dimensions and chains of a framework, each named.
    r"|[^,;:。!?、]{0,12}?(?:体系|维度|产业链)"
)
# 投资1.2亿元的双帆蓄电池: a named item's described investment is part of its name.
DESCRIBED_AMOUNT = re.compile(rf"(?:总投资|投资)\s*{ARABIC}\s*(?:{_MULT})?元的")
# 城建工程10项：①聚源大街建设②…: the things counted are numbered one by one right after.
LISTED_AFTER = re.compile(r"\s*:\s*(?:①|⑴|\(1\)|1[、.])")
NAMED_AFTER_COLON = re.compile(r"\s*:\s*[^\s]")
# 着力完成七项任务：: a sentence ending on a colon right after what it counts sets the parts out next.
PARTS_FOLLOW = re.compile(r"[\u4e00-\u9fff“”\"]{0,8}:\s*")
# 今年已经过去3个多月: time elapsed, not a quantity of the work.
ELAPSED_UNITS = ("个月", "天", "周")
# 落实“十个常态化”30项防控措施: a package of measures known by its slogan (N个…) and its size.
SLOGAN_COUNT = re.compile(r"[一二两三四五六七八九十]+个[“\"]?[\u4e00-\u9fff]{2,5}[”\"]?$")
# Measure words that count things one could name (3个镇区, 4家企业), not spans of time.
THING_UNITS = ("个", "家", "条", "所", "座", "项", "处", "类", "种", "支", "片", "户")
AREA_UNITS = ("平方公里", "亩", "公顷")
# 翻一番, 翻了两番, 翻番: doubled, quadrupled — 2 and 4 times (翻了七番 counts its 番 as printed).
DOUBLINGS = re.compile(r"翻(?:了)?(?P<pre>将近|接近|近)?(?P<n>[一两二三])?番(?P<more>多)?")
# 超千亿元, 突破百万吨, 亿元以上, 近万亿元: an amount in magnitude words alone, a figure only
# with a bound word (超千家万户 or 百万人民 are no amounts).
MAGNITUDE_WORDS = {"万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "亿": 10**8, "千万": 10**7,
                   "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3, "百": 10**2}  # fmt: skip
# 连续2年破万亿元: 破 alone (not 突破, 打破) passes a magnitude as 突破 does.
# 产值过亿元企业, 投资过千万元项目: 过 (not 通过, 经过, 超过) passes one too.
CN_MAGNITUDE = re.compile(
    rf"(?P<pre>{_PRE}|(?<![突打])破|(?<![通经超不越度])过)?(?<![0-9.零〇一二两三四五六七八九十百千万亿])(?P<num>[一二两三四五六七八九]?十?|[一二两三四五六七八九]?)"
    rf"(?P<mult>{alternation(MAGNITUDE_WORDS)})(?P<unit>{_UNIT})?(?P<post>以上|以下)?"
)
# 28个主要指标, 其中20个预期性指标, 15个方面的重点任务: a document's own parts.
DOCUMENT_PARTS = re.compile(r"(?:主要|预期性|约束性|统计监测)指标")
# 《纲要（草案）》提出了15个方面的重点任务: the aspects a document sets out (在…等10个方面开展专项
# 行动 counts the fields of the work).
DOCUMENT_SAYS = re.compile(r"》(?:具体|还|共|进一步)?(?:提出|明确|包括|部署)了?[^,;。]*$")
# 部署了13项任务举措: what a document's outline counts of itself.
DOCUMENT_ITEMS = re.compile(r"方面|(?:重点|主要)?任务|举措")
# 144小时过境免签政策, 24小时通关: hours that name a service.
HOURS_NAME = re.compile(r"(?:过境|通关|在线|不打烊|值守|服务热线|免签|街区|自助)")
# 15分钟便民生活圈, 公交与轨道50米内换乘比例: a reach in time or distance that names a service area or
# a measure, no quantity of the work.
REACH_NAME = re.compile(r"(?:[^,;。]{0,4}生活圈|内[\u4e00-\u9fff]|范围内[\u4e00-\u9fff])")
REACH_UNITS = ("分钟", "米", "公里")
# 5次调高城乡居民基础养老金标准: a count of times an action was taken.
ACTION_AFTER = re.compile(r"(?:调高|提高|上调|调整|提标)")
CAPACITY_UNITS = ("吨", "千瓦", "兆瓦", "立方米", "标箱", "标准箱", "片", "只", "头")
# 白银集团7万吨锌基合金等项目, 10万吨锌锭项目: a project's capacity is part of its name.
# 年产5万吨有机肥厂, 300兆瓦光伏发电+制氢…项目, 10万片碳化硅单晶衬底项目: so is a plant's
# (万基260万千瓦首台机组: a first generating unit's; 关停5000万千瓦小火电机组 totals many).
# 国电投300兆瓦光伏发电+制氢、华能260兆瓦光伏发电储能项目, 金瑞祥10万吨锌、…等前期项目: each item of
# a list of projects; 玉门超40吨金矿: a mine named by its reserves; 年出栏20万只肉羊养殖项目.
CAPACITY_OF = re.compile(
    r"[\u4e00-\u9fff+]{0,8}?(?:、[^,;:。!?、]{1,20}?)*(?:等?[\u4e00-\u9fff]{0,2}项目|厂(?![商家区房])|金矿|铁矿|铜矿|矿山"
    r"|首台机组)"
)
# 总投资286.19亿元的县以上重点项目64个: a count right after the things makes it their total.
COUNTED_AFTER = re.compile(r"\s*[0-9]+(?:个|项|家|座|处|条)")
# 总投资18.3亿元的上元、北京联东等4个科技产业社区: names listed up to a count with 等 (no other
# amount between) make the amount their total; not when the count itself describes one project
# (投资3.68亿元的何桥、李庄等6个乡镇41个村的土地整治项目).
LISTED_UP_TO_COUNT = re.compile(
    r"[^,;:。!?0-9]*?等[^,;:。!?0-9]{0,8}?(?:[0-9]+|[一二两三四五六七八九十]+)(?:个|项|家|座|处|大)"
    r"(?![^,;:。!?]{0,16}的)"
)
# 进入世界500强, 入围全国百强, 上榜全球国际承包商250强: a place within a list's top N.
TOP_LIST = re.compile(r"(?<![0-9.])(?P<num>[0-9]+|[十百千])强")
TOP_LIST_CUE = re.compile(r"(?:进入|入围|上榜|成为|跻身|迈入|位列)[^,;。]*$")
