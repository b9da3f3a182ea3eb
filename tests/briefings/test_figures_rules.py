"""Each extraction rule on short sentences: what is a figure, its value, unit and qualifier,
and what is not a figure (dates, titles, names and slogans, page chrome)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefings.figures import KEY_COUNT, key_score, sentence_figures
from briefings.figures.keys import mark_keys
from briefings.figures.kinds import REVIEW, Setting
from briefings.model import Metric


def figures(sentence: str) -> list[tuple[str, float, str, str]]:
    return [(m.raw, m.value, m.unit, m.qualifier) for m in sentence_figures(sentence)]


def only(sentence: str) -> Metric:
    found = sentence_figures(sentence)
    assert len(found) == 1, [m.raw for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("同比增长55%", ("55%", 55, "%", "percent")),
        ("归集信用数据突破2.6亿条", ("突破2.6亿条", 260_000_000, "条", "approx")),
        ("矛盾纠纷排查信息员队伍1700余支", ("1700余支", 1700, "支", "approx")),
        ("提供法律服务5.71万余人次", ("5.71万余人次", 57_100, "人次", "approx")),
        ("累计注册用户231万人", ("231万人", 2_310_000, "人", "exact")),
        ("赣服通全市接入事项819项", ("819项", 819, "项", "exact")),
        ("检查对象163911家", ("163911家", 163_911, "家", "exact")),
        ("律师参与多元化解纠纷12975件", ("12975件", 12_975, "件", "exact")),
        ("覆盖医疗等20多个领域", ("20多个", 20, "个", "approx")),
        ("货物进出口总额超过30万亿元", ("超过30万亿元", 3e13, "元", "approx")),
        ("新设外资企业增长近70%", ("近70%", 70, "%", "approx")),
        ("更新设备约15万台", ("约15万台", 150_000, "台", "approx")),
        ("基本医保参保率稳定在95%以上", ("95%以上", 95, "%", "approx")),
        ("调查失业率稳定在5%左右", ("5%左右", 5, "%", "approx")),
        ("给2400多万陇原儿女", ("2400多万", 24_000_000, "", "approx")),
        ("调解成功率99.3%", ("99.3%", 99.3, "%", "percent")),
        ("占比达到百分之四十", ("百分之四十", 40, "%", "percent")),
        ("增速高于全国0.6个百分点", ("0.6个百分点", 0.6, "个百分点", "percent")),
        ("新增就业1,361万人", ("1,361万人", 13_610_000, "人", "exact")),
        ("增长５．１％", ("５．１％", 5.1, "%", "percent")),
        ("连续12年坚持常务会议学法制度", ("连续12年", 12, "年", "exact")),
        ("我市连续三年荣获先进单位", ("连续三年", 3, "年", "exact")),
        ("开展促消费活动10336场次", ("10336场次", 10_336, "场次", "exact")),
        ("每2名执法人员配备1台", ("每2名执法人员配备1台", 0.5, "台/名", "ratio")),
        ("每万人口拥有执业医师3.2人", ("每万人口拥有执业医师3.2人", 3.2, "人/万人", "ratio")),
        ("开工备案项目比例达到1∶3.4", ("1∶3.4", 3.4, "比", "ratio")),
        ("城乡居民收入比缩小到2.04∶1", ("2.04∶1", 2.04, "比", "ratio")),  # as printed, not 0.49
        ("小麦最低收购价每50公斤提高5到7元", ("每50公斤提高5到7元", 5, "元/50公斤", "ratio")),
        # A base keeps its unit past an age in the measure's name, a long name, over the items
        # listed after the first, and when printed without 每 in a holding's name.
        ("每千人拥有3岁以下婴幼儿托位数4.59个", ("4.59个", 4.59, "个/千人", "ratio")),
        ("每万人大专以上文化程度人口数达1500人", ("1500人", 1500, "人/万人", "ratio")),
        ("每百人拥有固定电话70部、移动电话85部", ("85部", 85, "部/百人", "ratio")),
        (
            "每平方公里产出GDP、财政收入分别达8亿元和2.8亿元",
            ("2.8亿元", 2.8e8, "元/平方公里", "ratio"),
        ),
        ("全区万人发明专利拥有量达到4件", ("4件", 4, "件/万人", "ratio")),
        ("三次产业结构由20.8：36.7：42.5调整为", ("20.8：36.7：42.5", 20.8, "比", "ratio")),
        ("二三产比例为41.3∶58.6", ("41.3∶58.6", 41.3, "比", "ratio")),
        ("分别提高11.1、11.2个百分点", ("11.1", 11.1, "个百分点", "percent")),
        ("最低工资标准由2030元/月提高至2130元/月", ("2030元/月", 2030, "元/月", "exact")),
        ("PM2.5浓度均值58微克/立方米", ("58微克/立方米", 58, "微克/立方米", "exact")),
        ("国内生产总值达到39.8 万亿元", ("39.8 万亿元", 3.98e13, "元", "exact")),
        ("粮食产量达到4 9 2 5 0 万吨", ("4 9 2 5 0 万吨", 4.925e8, "吨", "exact")),
        ("总容量达到1 ．1 亿门", ("1 ．1 亿门", 1.1e8, "门", "exact")),
        ("许可证种类压减三分之一以上", ("三分之一以上", 33.33, "%", "approx")),
        ("南昌网上政务能力排名第8位", ("排名第8位", 8, "位", "rank")),
        ("南昌政务环境排名全国第11位", ("排名全国第11位", 11, "位", "rank")),
        ("在设区市中名列第一", ("名列第一", 1, "位", "rank")),
        ("接听法律咨询4.66万人次,居全省首位", ("居全省首位", 1, "位", "rank")),
        ("兰州高新区全国排名53位", ("排名53位", 53, "位", "rank")),
        ("服务业扩大开放综合测评成绩全国第一,", ("全国第一", 1, "位", "rank")),
        ("营商环境排名提升3位", ("提升3位", 3, "位", "change")),  # places gained, not 第3位
        ("位次上升2位", ("上升2位", 2, "位", "change")),
        ("提升3名干部", ("3名", 3, "名", "exact")),
        # A bare 万 before the people it counts: a number of people.
        ("全年共有320多万下岗职工实现了再就业", ("320多万", 3_200_000, "人", "approx")),
        ("全年有120万下岗失业人员实现再就业", ("120万", 1_200_000, "人", "exact")),
        ("8000多万中小学生得以共享优质教育资源", ("8000多万", 80_000_000, "人", "approx")),
        ("12.6万监测对象稳定消除返贫风险", ("12.6万", 126_000, "人", "exact")),
        ("全市人才总量超300万", ("超300万", 3_000_000, "人", "approx")),
        # Older reports print the decimal point as a middle dot.
        ("全年投资增长12·5％", ("12·5％", 12.5, "%", "percent")),
        ("农民收入实际增长4・3%", ("4・3%", 4.3, "%", "percent")),
        # A Chinese numeral before 个百分点 is a figure without a counting cue.
        ("科研经费所占比例每年提高一个百分点", ("一个百分点", 1, "个百分点", "percent")),
        ("贫困发生率下降零点五个百分点", ("零点五个百分点", 0.5, "个百分点", "percent")),
        ("食品价格的因素大约有十三个百分点左右", ("十三个百分点左右", 13, "个百分点", "approx")),
        # A range in words, its upper end with or without 百分之 again.
        ("经济增长速度调高到百分之七至八", ("百分之七至八", 7, "%", "range")),
        ("农民收入每年实际增长百分之三至百分之四", ("百分之三至百分之四", 3, "%", "range")),
    ],
)
def test_figure_rules(sentence: str, expected: tuple[str, float, str, str]) -> None:
    raw, value, unit, qualifier = expected
    found = [f for f in figures(sentence) if f[0] == raw]
    assert found, figures(sentence)
    assert found[0][2:] == (unit, qualifier)
    assert found[0][1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("sentence", "raw", "low", "high", "unit"),
    [
        ("国内生产总值增长6%－6.5%", "6%－6.5%", 6, 6.5, "%"),
        ("对企业补贴3～5万元", "3～5万元", 30_000, 50_000, "元"),
        ("争取获批国家级现代农业产业园1—2个", "1—2个", 1, 2, "个"),
        ("引进20至30家企业", "20至30家", 20, 30, "家"),
        ("新增就业3000-5000人", "3000-5000人", 3000, 5000, "人"),
    ],
)
def test_a_range_is_one_figure_with_both_bounds(
    sentence: str, raw: str, low: float, high: float, unit: str
) -> None:
    figure = only(sentence)
    assert (figure.raw, figure.unit, figure.qualifier) == (raw, unit, "range")
    assert (figure.value, figure.upper) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    ("sentence", "raws"),
    [
        ("就业人数从1000人至2000人", ["1000人", "2000人"]),  # a change, not a range
        ("由2.5%至3%", ["2.5%", "3%"]),
        ("落实《规划(2021-2025年)》", []),  # a period
        ("G20-3个", ["3个"]),  # not ascending: no range
    ],
)
def test_what_is_not_a_range(sentence: str, raws: list[str]) -> None:
    found = sentence_figures(sentence)
    assert [m.raw for m in found] == raws
    assert all(m.upper is None for m in found)


def test_two_counts_in_one_clause_keep_their_own_labels() -> None:
    found = sentence_figures("其中2020年新建的277个小区中有170个实现了“零发案”。")
    assert [(m.raw, m.value) for m in found] == [("277个", 277), ("170个", 170)]
    assert "新建小区" in found[0].label
    assert "零发案" in found[1].label


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("刑事警情同比下降61.7%", "刑事警情"),
        ("归集信用数据突破2.6亿条", "信用数据"),
        ("南昌网上政务能力排名第8位", "网上政务能力排名"),
        ("我市连续三年荣获先进单位", "先进单位"),
        ("达到每2名执法人员配备1台的要求", "执法人员"),
        # Words jieba cuts out of a name stay in it: a place word inside it (灾后), a place word
        # opening it after a time word (全年前海), an adverb-tagged word opening it (非禁煤区).
        ("用于灾后重建的中央投资27.9亿元", "灾后重建"),
        ("全年前海联合交易中心交易额1500亿元", "前海联合交易中心"),
        ("非禁煤区3.1万户实现天然气取暖", "非禁煤区"),
        # A count opening its clause says what the things counted did, to the clause's end.
        ("全县8所乡镇卫生院全部落实国家基本药物制度", "基本药物制度"),
        ("全市有25家定点医疗机构实现异地就医直接结算", "异地就医"),
        # A count's label reads on to the works done to what it counts, or what they make up.
        ("完成320个老旧小区雨污分流改造", "雨污分流改造"),
        ("提供5万个高校毕业生就业岗位", "就业岗位"),
        ("组建了86个家庭医生签约服务团队", "服务团队"),
        # A rate's name keeps a one-character word jieba cuts off (托 of 托/位数), not its base.
        ("每千人口托位数达到4.6个", "托位数"),
        ("打造了15个法治文化公园(广场)", "法治文化公园"),
        ("“赣服通”全市接入事项819项,其中578项政务服务事项", "赣服通"),
        ("351家企业完成了信用修复", "信用修复"),
        # Measures jieba cuts apart stay whole.
        ("全年共有300多万下岗职工实现了再就业", "再就业"),
        ("税收占比达到61.5%", "税收占比"),
        ("城镇居民家庭人均可支配收入,由2015年的5100元增加到2020年的7600元", "可支配收入"),
        ("人口自然增长率降到5.8‰", "自然增长率"),
        # An English word is a noun of the label, not an interjection to drop.
        ("2020年PCT国际专利申请量达1.2万件", "PCT"),
        # An aside on how a figure is reckoned is no subject; a verbal noun (投资) may be one.
        ("农民人均纯收入,扣除价格因素,比上年实际增长4.1%", "纯收入"),
        ("集体单位固定资产投资增长加快,全年增长12.5%", "固定资产投资"),
        # 平均 heads a measure whose subject was named before.
        ("财政收入从2015年的800亿元增加到2020年的1200亿元,平均每年实际增长8.4%", "财政收入"),
    ],
)
def test_label_names_what_is_measured(sentence: str, word: str) -> None:
    labels = [m.label for m in sentence_figures(sentence)]
    assert any(word in label for label in labels), labels


def test_a_second_respectively_deals_to_the_first_ones_subjects() -> None:
    found = sentence_figures("城乡居民人均可支配收入分别达到25000元和9000元,分别增长8%、9%。")
    labels = [m.label for m in found]
    assert labels[2].startswith("城镇居民人均可支配收入") and "增长" in labels[2], labels
    assert labels[3].startswith("农村居民人均可支配收入") and "增长" in labels[3], labels


def test_a_ranking_of_a_bare_measure_is_of_the_thing_named_before() -> None:
    found = sentence_figures("建成高标准农田300万亩，绩效考核排全国第5位。")
    assert "高标准农田" in found[1].label and "绩效考核" in found[1].label, found[1].label


def test_a_name_the_sentence_opens_on_is_read_whole_where_a_label_shortens_it() -> None:
    found = sentence_figures("城乡居民储蓄存款大幅度增加，年末存款余额达到5000亿元，增长12%。")
    assert [m.label for m in found] == ["城乡居民储蓄存款余额", "城乡居民储蓄存款余额增长"]


def test_a_change_turned_to_another_deals_to_the_same_items() -> None:
    found = sentence_figures("甲烷、氨氮排放量由上年分别增长4.1%和9.2%，减为增长1.3%和2.5%。")
    labels = [m.label for m in found]
    assert labels[2:] == ["甲烷排放量减为增长", "氨氮排放量减为增长"], labels


def test_a_change_printed_once_before_a_list_deals_it_out_as_respectively_would() -> None:
    found = sentence_figures("城镇居民人均可支配收入和农民人均纯收入实际增长7.3%和2.1%。")
    assert [(m.label, m.indicator) for m in found] == [
        ("城镇居民人均可支配收入实际增长", "urban_income_growth"),
        ("农民人均纯收入实际增长", "rural_income_growth"),
    ]
    found = sentence_figures("全部财政收入和地方一般预算收入可比增长13%和11%。")
    assert [m.indicator for m in found] == [None, "fiscal_revenue_growth"]


@pytest.mark.parametrize(
    ("sentence", "span_or_part"),
    [
        # A span's average is the indicator's (figure labels, RULES.md), kept apart by its period.
        ("“九五”期间国内生产总值年均增长8.3%，去年增长8%。", "gdp_growth"),
        ("前三季度国内生产总值增长8.2%，全年增长8%。", None),  # a part of the year's
    ],
)
def test_a_clause_opening_on_the_year_measures_the_indicator_the_clause_before_named(
    sentence: str, span_or_part: str | None
) -> None:
    first, second = sentence_figures(sentence, year=2001)
    assert second.raw == "8%" and second.indicator == "gdp_growth"
    assert first.indicator == span_or_part


def test_a_clause_naming_its_own_measure_after_another_measures_clause_measures_its_own() -> None:
    found = sentence_figures("今年全社会固定资产投资调控目标为25300亿元，投资率为32%。", year=1997)
    assert [m.indicator for m in found] == ["fixed_investment", "investment_rate"]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("国内生产总值达到89404亿元，按可比价格计算比上年增长8%。", "gdp_growth"),
        ("城镇居民人均可支配收入6280元，扣除价格因素增长6.4%。", "urban_income_growth"),
    ],
)
def test_an_aside_on_reckoning_opening_a_clause_leaves_the_subject_to_the_clause_before(
    sentence: str, indicator: str
) -> None:
    change = sentence_figures(sentence, year=2001)[1]
    assert change.indicator == indicator and "价格" not in change.label


def test_a_run_of_years_dealing_out_a_list_gives_each_figure_its_own_year() -> None:
    found = sentence_figures("1998年至2000年，国内生产总值分别增长7.8%、7.1%和8%。", year=2001)
    assert [(m.raw, m.period) for m in found] == [
        ("7.8%", "1998"),
        ("7.1%", "1999"),
        ("8%", "2000"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "1998年至2000年，国内生产总值分别增长7.8%、7.1%和8%。",
        "1998－2000年，国内生产总值分别增长7.8%、7.1%和8%。",
    ],
)
def test_a_run_of_years_dealing_out_a_list_gives_each_figure_as_its_years_result(
    sentence: str,
) -> None:
    # each year's own growth, not a total over the run
    found = sentence_figures(sentence, year=2001)
    assert [(m.raw, m.period, m.kind) for m in found] == [
        ("7.8%", "1998", "result"),
        ("7.1%", "1999", "result"),
        ("8%", "2000", "result"),
    ]


def test_a_list_shorter_than_its_run_of_years_and_a_bare_first_year_give_the_run() -> None:
    # two figures for three years: which years they are of is not said
    found = sentence_figures("1998－2000年，国内生产总值分别增长7.8%和8%。", year=2001)
    assert [(m.raw, m.period) for m in found] == [("7.8%", "1998-2000"), ("8%", "1998-2000")]
    found = sentence_figures("1998－2000年，国内生产总值增长25.6%。", year=2001)
    assert [(m.raw, m.period) for m in found] == [("25.6%", "1998-2000")]


def test_an_average_per_year_dates_to_the_plan_its_sentence_names() -> None:
    found = sentence_figures(
        "按调整后的“八五”计划，国民经济增长速度由原定平均每年百分之六调高到百分之九。", year=1993
    )
    assert (found[-1].raw, found[-1].period) == ("百分之九", "1991-1995")


def test_label_borrows_the_subject_a_bare_change_lacks() -> None:
    found = sentence_figures("全年审查报送的各类文件等370余件,同比增长55%。")
    assert "审查" in found[1].label and found[1].label.endswith("同比增长")


@pytest.mark.parametrize(
    "sentence",
    [
        "2020年,我市坚持依法行政。",
        "3月25日,公布全市事项清单。",
        "2020年5月,市委对领导小组进行了调整。",
        "9月至10月组织抽调精干人员组成检查组。",
        "2024 年工作回顾",
        "2019年度营商环境评价",
        "对照《江西省法治政府建设实施纲要(2016-2020年)》",
        "出台《关于有效应对疫情稳定经济增长25条政策措施》",
        "被中央改革办《情况交流(2020年第49期)》宣传推广",
        "被中央改革办情况交流(2020年第49期)宣传推广",
        "深化政务服务“一网通办”",
        "深化“六多合一”审批改革",
        "全面推行行政执法“三项制度”",
        "扎实推进“双随机、一公开”监管",
        "加强双随机一公开行政执法监督平台应用",
        "构建了“1+6+5+X”制度体系",
        "推进“五城”建设",
        "确定了“十大工程”",
        "依托“12348”公共法律服务热线、南昌“掌上12348”",
        "实现7×24时全天候服务",
        "电话:0791-86221407",
        "赣ICP备05005744号-2    网站标识码:3601020001",
        "索引号: i618267--2022-0003",
        "赣公网安备36010202000097号",
        "切实扛起履行推进法治建设第一责任人职责",
        "结合贯彻党的十九届三中、四中全会精神",
        "深入贯彻党的二十大精神",
        "打好三大攻坚战",
        "实施三大高速公路新通道项目",  # a name, not a count
        "提出加强法治乡村建设十一大任务",
        "庆祝新中国成立75周年",
        "把维护稳定作为第一位的工作任务",
        "保持在全国第一方阵",
        "近5年来",
        "一是强化组织领导",
        "全面开启二期项目建设",
        "被列为工改典型经验之一",
        "实施“三个一批”项目",
        "全球首台25兆瓦级风电主轴轴承",  # a rating in a name
        "对定日6.8级地震作出重要指示",  # a magnitude
        "新增一批养老床位",  # a batch, no number
        "新型显示器件、智能制造装备、人工智能等3个产业集群入选",  # the count of those named
        "完成龙泉关、天生桥、史家寨3个镇区大市政建设",  # the same without 等
        # A framework's systems, dimensions or chains, each named before their count.
        "健全公共卫生、医疗服务、人才发展、经费保障4个体系",
        "从创新、协调、绿色、开放、共享、安全6个维度设置主要指标",
        "形成光伏、风电、光热3条新能源装备制造完整产业链",
        "启动投资669万元的校园基础设施建设项目",  # a description of one project
        "投资2.4亿元的青禾新材料建成投产",  # one named project, no 项目 printed
        "启动总投资8.6亿元的东湖三期商业街建设",
        "高标准打造了16.64平方公里的阜东产业园区",  # a description of one park
        "关停淘汰10万千瓦及以下燃煤机组",  # a rating naming a class of plant
        "占地6904亩的工业台地达到“九通一平”〔5〕",  # a note mark is no count after it
        "加快白银集团7万吨锌基合金等项目建设",  # a project named by its capacity
        "某公司年产8万吨复合肥厂建成投用",  # a plant named by its capacity
        "甲乙科技6万片硅基衬底项目一期投产",
        "谋划启动丙丁200兆瓦光伏发电+储能项目建设",
        "《纲要（草案）》提出了28个主要指标，其中20个预期性指标",  # a document's own parts
        "《纲要（草案）》提出了15个方面的重点任务",
        "成为全国首个全部设区市通时速350公里高铁的省份",  # a line's rating
        "实施机场口岸外国人144小时过境免签政策",  # hours naming a service
        "5次调高城乡居民基础养老金标准",  # how often, no measure
        "认真落实放宽市场准入24条特别措施",  # a named package of measures
        "制定实施20条防汛避险救灾硬措施",  # its name may run longer
        "每千人拥有3岁以下婴幼儿托位",  # an age in a rate's base
        "北京中轴线历时12年成功申遗",  # how long an effort took
        "研究制定规划纲要历时两年",
        "三级公立医院提前两周向基层投放号源",  # how early, no quantity of the work
        "《纲要草案》具体部署了13项任务举措",  # a document's own outline
    ],
)
def test_not_figures(sentence: str) -> None:
    assert figures(sentence) == []


def test_a_grade_or_a_listed_count_is_dropped_but_the_figures_beside_it_kept() -> None:
    assert figures("新增三级医院4家") == [("4家", 4, "家", "exact")]
    assert figures("北京、上海等10个城市") == [("10个", 10, "个", "exact")]


def test_year_glued_to_a_count_is_dropped_but_the_count_kept() -> None:
    assert figures("2020年,全市共有检查事项5710项") == [("5710项", 5710, "项", "exact")]


def test_false_measure_word_is_not_a_unit() -> None:
    # 台 of 台阶 is no 台 counted; the total of an economy is counted in money.
    assert figures("庆阳经济总量迈上1200亿台阶") == [("1200亿", 1.2e11, "元", "exact")]


def _metric(
    n: int, section: str, raw: str, value: float, unit: str, qualifier: str, label: str = "指标"
) -> Metric:
    return Metric(f"m{n}", section, raw, value, unit, qualifier, label, raw)


def test_key_score_orders_ranks_rates_totals_counts() -> None:
    rank = _metric(1, "1", "第1位", 1, "位", "rank")
    rate = _metric(2, "1", "5%", 5, "%", "percent", "城镇调查失业率")
    share = _metric(3, "1", "5%", 5, "%", "percent", "绿色建筑")
    total = _metric(4, "1", "1662次", 1662, "次", "exact", "累计开展双随机任务")
    count = _metric(5, "1", "1662次", 1662, "次", "exact", "开展双随机任务")
    small = _metric(6, "1", "5个", 5, "个", "exact")
    gdp = _metric(7, "1", "5%", 5, "%", "percent", "地区生产总值增长")
    per_gdp = _metric(8, "1", "3%", 3, "%", "percent", "单位国内生产总值能耗下降")
    assert key_score(gdp) > key_score(rank) > key_score(rate) > key_score(share)
    assert key_score(per_gdp) == key_score(rate)  # a rate per unit of GDP is a plain rate
    assert key_score(total) > key_score(count) > key_score(small)


def test_keys_take_one_per_section_before_a_second() -> None:
    strong = [_metric(n, "1", f"第{n}位", n, "位", "rank") for n in range(1, 4)]
    spread = [_metric(n, f"{n}", "5%", 5, "%", "percent") for n in range(4, 20)]
    keys = [m for m in mark_keys(strong + spread) if m.key]
    assert len(keys) == KEY_COUNT
    assert [m.section for m in keys].count("1") == 1
    assert keys[0].raw == "第1位"


def test_a_short_report_has_all_its_figures_key() -> None:
    metrics = [_metric(n, "1", "5个", 5, "个", "exact") for n in range(1, 4)]
    assert all(m.key for m in mark_keys(metrics))


def test_importing_figures_does_not_load_jieba() -> None:
    code = "import sys, briefings.figures; assert 'jieba' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_change_in_percent_words_is_its_start_and_its_result() -> None:
    assert [(m.raw, m.kind) for m in sentence_figures("比重从百分之五到百分之七。")] == [
        ("百分之五", "start"), ("百分之七", "result"),
    ]  # fmt: skip


def test_chinese_decimal_percent_and_priority_wording() -> None:
    assert figures("国内生产总值比上年增长百分之十一点八") == [
        ("百分之十一点八", 11.8, "%", "percent")
    ]
    assert figures("把人民群众身体健康放在第一位") == []


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit", "bound", "words"),
    [
        # Streaks count what they count, as printed (RULES.md, rankings and streaks).
        ("经济增速连续16个季度高于全国平均水平。", "连续16个季度", 16, "季度", "exact", ("经济增速", "全国平均水平")),
        ("工业投资连续54个月保持两位数增长。", "连续54个月", 54, "月", "exact", ("工业投资", "两位数增长")),
        ("出口总额连续29年居内地城市首位。", "连续29年", 29, "年", "exact", ("出口总额", "内地城市")),
        ("“甘味”品牌连续获中国区域农业形象品牌影响力指数百强榜“五连冠”。", "五连冠", 5, "次", "exact", ("甘味", "品牌")),
        # A title won N times in a row: the title with whose it is, no quote marks, the next
        # item's words left out; a verb alone keeps up the measure before it.
        ("争创全国文明城市“八连冠”、全国双拥模范城“九连冠”。", "八连冠", 8, "次", "exact", ("全国文明城市八连冠",)),
        ("争创全国文明城市“八连冠”、全国双拥模范城“九连冠”。", "九连冠", 9, "次", "exact", ("全国双拥模范城九连冠",)),
        ("其中出口3100亿美元，实现十二连冠。", "十二连冠", 12, "次", "exact", ("出口",)),
        # A place in a band is at most the Nth, with what is ranked and among whom.
        ("规模以上工业增加值增速居全国前10位。", "居全国前10位", 10, "位", "at_most", ("规模以上工业增加值", "全国", "排名")),
        ("森林覆盖率稳居全国第2。", "居全国第2", 2, "位", "exact", ("森林覆盖率", "全国", "排名")),
        ("出口总额增长13.5%、连续29年居内地城市首位。", "居内地城市首位", 1, "位", "exact", ("出口总额", "内地城市", "排名")),
        # A place in a list's top N, and places said by their scope alone.
        ("华为等4家本土企业进入世界500强。", "500强", 500, "位", "at_most", ("本土企业", "世界500强")),
        ("9家医院进入国家公立医院绩效考核百强。", "百强", 100, "位", "at_most", ("绩效考核百强",)),
        ("10家企业进入“中国隐形独角兽500强”。", "500强", 500, "位", "at_most", ("隐形独角兽500强",)),
        ("深圳证券交易所股票交易额亚洲第一、全球前三。", "全球前三", 3, "位", "at_most", ("交易额", "全球")),
        ("全省人均博物馆拥有量居全国之首。", "居全国之首", 1, "位", "exact", ("博物馆", "全国")),
    ],
)  # fmt: skip
def test_streaks_and_places_are_figures_saying_what_is_kept_up_and_among_whom(
    sentence: str, raw: str, value: float, unit: str, bound: str, words: tuple[str, ...]
) -> None:
    figure = next(m for m in sentence_figures(sentence) if raw in m.raw)
    assert (figure.value, figure.unit, figure.bound) == (value, unit, bound)
    assert all(word in figure.label for word in words), figure.label


def test_amounts_of_named_projects_in_a_counted_list_are_not_figures() -> None:
    sentence = "年内力争投资3亿元的甲乙电器、投资1.5亿元的丙丁包装5个过亿元项目投产。"
    raws = [m.raw for m in sentence_figures(sentence)]
    assert "3亿元" not in raws and "1.5亿元" not in raws, raws


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("全年共实施总投资286.19亿元的县以上重点项目64个。", "286.19亿元"),  # their total
        ("开工总投资38亿元的6个项目。", "38亿元"),  # a total over a count of projects
        ("投资1.2亿元实施农村饮水安全工程。", "1.2亿元"),  # spending on a task, no 的
        ("完成投资5亿元的年度目标。", "5亿元"),  # a goal, not a name
        ("与6家企业签订总投资42亿元的合作协议。", "42亿元"),  # agreements, not a project
        ("规上工业总产值、工业增加值连续2年实现全国城市“双第一”。", "连续2年"),  # no count of names
        ("新建13所农村寄宿制学校、3所城区学校。", "3所"),
        ("学科进入ESI全球前1%。", "1%"),  # a share of a list, no place
        ("47条创新举措和经验做法在全国推广。", "47条"),  # a count of measures, no name before
        ("每千人拥有3岁以下婴幼儿托位数达到4.59个。", "4.59个"),
    ],
)
def test_quantities_beside_names_stay_figures(sentence: str, raw: str) -> None:
    assert raw in [m.raw for m in sentence_figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "words"),
    [
        (
            "兰州新区经济总量突破500亿元、实现翻一番。",
            "翻一番",
            2,
            ("兰州新区", "经济总量", "增长"),
        ),
        ("到2000年国民生产总值比1980年翻两番。", "翻两番", 4, ("国民生产总值", "增长")),
        ("每万人口高价值发明专利拥有量实现翻番。", "翻番", 2, ("发明专利拥有量", "增长")),
    ],
)
def test_a_doubling_is_a_figure_in_times_said_as_a_growth(
    sentence: str, raw: str, value: float, words: tuple[str, ...]
) -> None:
    figure = next(m for m in sentence_figures(sentence) if m.raw == raw)
    assert (figure.value, figure.unit) == (value, "倍")
    assert all(word in figure.label for word in words), figure.label


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit"),
    [
        ("铁路货运周转量达到11620亿吨公里。", "11620亿吨公里", 1.162e12, "吨公里"),
        ("出生率下降5个千分点。", "5个千分点", 5, "个千分点"),
        ("研究与试验发展人员全时当量达34.6万人年。", "34.6万人年", 346000, "人年"),
        # A count of people or visits with its measure word left out.
        ("育儿补贴惠及120余万婴幼儿。", "120余万", 1.2e6, "人"),
        ("力争年内旅游人数突破150万。", "突破150万", 1.5e6, "人"),
        ("到2025年，旅游接待总人次达到500万。", "500万", 5e6, "人次"),
    ],
)
def test_a_figure_reads_the_unit_it_counts(
    sentence: str, raw: str, value: float, unit: str
) -> None:
    figure = next(m for m in sentence_figures(sentence) if raw in m.raw)
    assert (figure.value, figure.unit) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit", "bound"),
    [
        ("争取国家政策性资金超千亿元。", "超千亿元", 1e11, "元", "more_than"),
        ("固定资产投资近万亿元。", "近万亿元", 1e12, "元", "about"),
        ("引进亿元以上项目35个。", "亿元以上", 1e8, "元", "at_least"),
        ("年旅游人次突破百万。", "突破百万", 1e6, "人次", "more_than"),
    ],
)
def test_an_amount_in_magnitude_words_with_a_bound_is_a_figure(
    sentence: str, raw: str, value: float, unit: str, bound: str
) -> None:
    figure = next(m for m in sentence_figures(sentence) if m.raw == raw)
    assert (figure.value, figure.unit, figure.bound) == (value, unit, bound)


@pytest.mark.parametrize(
    "sentence", ["千家万户受益。", "建设千亿级产业。", "签约亿元农业项目1个。"]
)
def test_magnitude_words_without_a_bound_are_no_amount(sentence: str) -> None:
    assert all("亿" not in m.raw and "千" not in m.raw for m in sentence_figures(sentence))


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "bound", "words"),
    [
        ("三大产业对经济增长贡献超五成，金融业稳步增长。", "超五成", 50, "more_than", "贡献"),
        ("中小微企业政府采购占比近八成。", "近八成", 80, "about", "占比"),
        ("养老助餐点覆盖九成以上城乡社区。", "九成以上", 90, "at_least", "养老助餐点覆盖城乡社区"),
        ("全区督查检查考核事项精简两成，审批提速。", "两成", 20, "exact", "精简"),
    ],
)
def test_tenths_are_a_share_in_percent_with_the_bound_printed(
    sentence: str, raw: str, value: float, bound: str, words: str
) -> None:
    """超五成, 近八成, 九成以上: a share in tenths reads as the percentage it is, its bound
    from the words printed with it; a share before its noun keeps what covers that whole."""
    metric = only(sentence)
    assert (metric.raw, metric.value, metric.unit, metric.bound) == (raw, value, "%", bound)
    assert words in metric.label


@pytest.mark.parametrize(
    "sentence", ["制度保持一成不变。", "统一成立服务中心。", "购置七成新的设备。", "群众三五成群。"]
)
def test_words_with_a_numeral_before_cheng_are_no_share(sentence: str) -> None:
    assert figures(sentence) == []


def test_a_magnitude_passed_with_po_is_a_bar_kept_up_over_a_streak() -> None:
    """连续2年破万亿元: 破 (no part of 突破 or 打破) passes a magnitude, a bar held each year;
    首破2亿人次 passed a level for the first time."""
    review = Setting(REVIEW, "2025")
    said = sentence_figures("社会消费品零售总额连续2年破万亿元。", "1", 1, review, 2026)
    found = {m.raw: m for m in said}
    bar = found["破万亿元"]
    assert (bar.value, bar.unit, bar.bound, bar.kind) == (1e12, "元", "more_than", "threshold")
    assert only("铁路到发旅客首破2亿人次。").bound == "more_than"
    assert only("打破世界纪录3项。").bound == "exact"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A ratio or an index printed bare after its name: a figure without a unit.
        ("城乡居民收入比值由2.6缩小至2.4。", [("2.6", 2.6, "", "exact"), ("2.4", 2.4, "", "exact")]),
        ("城乡居民收入比降至2以内。", [("2以内", 2, "", "exact")]),
        ("道路交通指数从5.8下降至5.5。", [("5.8", 5.8, "", "exact"), ("5.5", 5.5, "", "exact")]),
        ("全年空气质量综合指数4.1，同比下降8%。", [("4.1", 4.1, "", "exact"), ("8%", 8, "%", "percent")]),
        # Not a price index's level, nor a year after an index's name.
        ("居民消费价格指数为101.5。", []),
        ("发展指数2024年位居全国第3。", [("位居全国第3", 3, "位", "rank")]),
    ],
)  # fmt: skip
def test_a_ratio_or_index_printed_bare_after_its_name_is_a_figure_without_a_unit(
    sentence: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A place kept (保持) or won (荣获, 获得) ranks as one held (居) does.
        ("出口通关效率保持中部地区第1。", [("保持中部地区第1", 1, "位", "rank")]),
        ("在全省示范县创建活动中荣获第一。", [("荣获第一", 1, "位", "rank")]),
        ("连续三次在考核中获得第一。", [("三次", 3, "次", "exact"), ("获得第一", 1, "位", "rank")]),
        # The places listed after a first one.
        ("两个月的降幅分别居全省第1、第3。", [("居全省第1", 1, "位", "rank"), ("第3", 3, "位", "rank")]),
        # Not an ordinal of a batch or a sector.
        ("获得第一批试点资格，保持第一产业稳定增长。", []),
    ],
)  # fmt: skip
def test_a_place_kept_won_or_listed_after_another_is_a_ranking(
    sentence: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A base printed once governs both ends of the change it opens.
        ("养老金最低标准从每月70元提高到88元", [("每月70元", "元/月"), ("88元", "元/月")]),
        # 月人均 is a month's rate per head: 人均 names the measure, the month is the base.
        ("农村低保月人均补差由18元提高到32元", [("18元", "元/月"), ("32元", "元/月")]),
        # A single person before the month names the measure, not a second base.
        ("低保标准提高至每人每月1160元", [("每月1160元", "元/月")]),
        # A yearly amount keeps 元: its year is the figure's period.
        ("每年拿出1200万元用于住院费用报销", [("每年拿出1200万元", "元")]),
    ],
)
def test_a_rate_paid_per_month_keeps_its_month_in_the_unit(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.raw, m.unit) for m in sentence_figures(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "raw", "unit"),
    [
        # A bare 万/亿 takes the unit of the list it opens or the item listed before it.
        ("力争电子信息、有色金属产业规模分别达1.28万亿、8200亿元", "1.28万亿", "元"),
        ("注册用户分别超过1600万、180万", "180万", "人"),
        # … or the money, people a measure before or after it counts.
        ("全部财政收入突破10亿大关", "突破10亿", "元"),
        ("农村贫困人口比上年减少290万", "290万", "人"),
        ("近1400万农业转移人口在城镇落户", "近1400万", "人"),
        # Each one thing (每个村) is no base: the count is in its own unit.
        ("每个村培训致富带头人1人", "1人", "人"),
        # A second measure word in brackets is kept as printed.
        ("新增保障性住房超60万套（间）", "超60万套（间）", "套(间)"),
        ("完成设备更新6.5万台(套)", "6.5万台(套)", "台(套)"),
    ],
)
def test_a_count_takes_the_unit_its_list_or_measure_says(
    sentence: str, raw: str, unit: str
) -> None:
    assert (raw, unit) in [(m.raw, m.unit) for m in sentence_figures(sentence)]
