"""Labels that say what a figure measures on their own: shapes of text read on invented sentences."""

from __future__ import annotations

import pytest

from briefings.figures import extract_figures, sentence_figures
from briefings.parse import parse_bytes


def labels(sentence: str) -> dict[str, str]:
    return {m.raw: m.label for m in sentence_figures(sentence)}


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # The clause after a spend says what the money goes to: 用于, 支持, 办好 …
        ("区财政安排8亿元，用于城区老旧管网改造工程。", "8亿元", "老旧管网改造工程"),
        ("市财政安排资金12亿元，办好20项民生实事。", "12亿元", "民生实事"),
        ("省财政累计投入35亿元，支持中小河流综合治理。", "35亿元", "中小河流综合治理"),
        # … or the work it paid for, in the same clause or after 的.
        ("投资2.3亿元完成了全长15公里的乡村公路改造。", "2.3亿元", "乡村公路改造"),
        ("投资600万元的2个污水处理站建设进展顺利。", "600万元", "污水处理站"),
        ("投资900万元新建城东110KV变电站一座。", "900万元", "110KV变电站"),
        # 对X进行Y: what was done, and to what.
        ("投入300万元对全区8000亩果树进行病虫害防治。", "300万元", "病虫害防治"),
    ],
)  # fmt: skip
def test_a_spend_says_what_the_money_goes_to(sentence: str, raw: str, words: str) -> None:
    label = labels(sentence)[raw]
    assert words in label
    assert "投" in label or "安排" in label or "资金" in label  # the spend itself stays


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # A measure named before the figure needs nothing from after it.
        ("完成固定资产投资20亿元，新建项目12个。", "20亿元", "完成固定资产投资"),
        # What follows after a comma without a verb of purpose is another statement.
        ("中央财政安排18亿元，比上年增加2亿元。", "18亿元", "中央财政安排"),
    ],
)  # fmt: skip
def test_a_spend_keeps_its_label_when_nothing_says_what_it_is_for(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label


@pytest.mark.parametrize(
    ("sentence", "dealt"),
    [
        # 存贷款 is deposits and loans: each figure its own balance.
        ("全县存贷款余额分别达80.5亿元、41.2亿元。", {"80.5亿元": "存款余额", "41.2亿元": "贷款余额"}),
        ("金融机构本外币存、贷款余额分别达到920亿元和610亿元。",
         {"920亿元": "本外币存款余额", "610亿元": "贷款余额"}),
        # The measure the last item ends on is every item's (参保率, 产业规模).
        ("基本养老和基本医疗参保率分别达到97%、96.5%。", {"97%": "基本养老参保率", "96.5%": "基本医疗参保率"}),
        ("城乡居民基本养老保险和基本医疗保险参保率分别达到98%和97%以上。",
         {"98%": "基本养老保险参保率", "97%以上": "基本医疗保险参保率"}),
        ("力争新材料、生物医药、装备制造业产业规模分别达1200亿元、800亿元、950亿元。",
         {"1200亿元": "新材料产业规模", "800亿元": "生物医药产业规模"}),
    ],
)  # fmt: skip
def test_what_respectively_deals_out_names_each_items_whole_measure(
    sentence: str, dealt: dict[str, str]
) -> None:
    found = labels(sentence)
    for raw, words in dealt.items():
        assert words in found[raw]


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # A list's first count names no thing of its own: the noun the list ends on is its too,
        # with its own grade and without the last item's.
        ("开工和续建12条、180公里城市道路。", "12条", "开工续建城市道路"),
        ("完成2个县级11个乡镇级污水处理厂提标改造。", "2个", "完成县级污水处理厂"),
        ("培育形成2个千亿级和5个百亿级产业集群。", "2个", "培育形成千亿级产业集群"),
        ("开工建设4个百亿级、9个五十亿以上先进制造业项目。", "4个", "开工建设百亿级先进制造业项目"),
    ],
)  # fmt: skip
def test_a_count_of_a_list_takes_the_noun_the_list_ends_on(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label


def test_list_items_with_nouns_of_their_own_keep_them() -> None:
    found = labels("新建学校5所、幼儿园8所，全市生产总值增长5%、7%。")
    assert "幼儿园" not in found["5所"]
    assert found["5%"] == found["7%"]


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # The place a count's words end on is whose things are counted.
        ("打造了新疆喀什深圳产业园、西藏察隅6个小康村。", "6个", "西藏察隅小康村"),
        ("还为中西部地区1200多万名贫困家庭学生免费提供教科书。", "1200多万名", "中西部地区贫困家庭学生"),
    ],
)  # fmt: skip
def test_a_count_keeps_the_place_its_things_are_in(sentence: str, raw: str, label: str) -> None:
    assert labels(sentence)[raw].startswith(label)


def test_a_count_after_a_verb_or_the_reports_own_scope_takes_no_place() -> None:
    found = labels("全市新建5个口袋公园，在雄安新区建设20个科创项目。")
    assert found["5个"] == "口袋公园"
    assert found["20个"] == "科创项目"


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # N个X的Y: what was done to the things counted says what the count is of.
        ("完成18个行政村的生活污水治理。", "18个", "行政村生活污水治理"),
        ("建成60个中心村的村民服务站。", "60个", "中心村村民服务站"),
        ("完成9个乡镇的控制性详规和20个村的村庄规划。", "9个", "乡镇控制性详规"),
    ],
)  # fmt: skip
def test_a_count_of_things_says_what_was_done_to_them(sentence: str, raw: str, words: str) -> None:
    assert words in labels(sentence)[raw]


def test_what_follows_the_thing_done_is_no_part_of_the_count() -> None:
    assert labels("全县300个行政村的农村公路实现硬化。")["300个"] == "行政村农村公路"


@pytest.mark.parametrize(
    ("sentence", "raw", "agent"),
    [
        # The clauses after an agent's that open on a verb say what it did.
        ("华光公司在本区实现产值86亿元，同比增长12%；实现税收9.3亿元，同比增长20%。", "9.3亿元", "华光公司"),
        ("华光公司在本区实现产值86亿元，同比增长12%；实现税收9.3亿元，同比增长20%。", "20%", "华光公司"),
        ("滨湖国际化城市新中心展现新面貌，新增注册企业8000家，完成固定资产投资300亿元。", "8000家", "滨湖"),
        ("省、市级农业龙头企业达到15家，全年实现销售收入6.1亿元。", "6.1亿元", "农业龙头企业"),
    ],
)  # fmt: skip
def test_what_an_agent_opening_the_sentence_did_is_labelled_with_it(
    sentence: str, raw: str, agent: str
) -> None:
    assert labels(sentence)[raw].startswith(agent) or agent in labels(sentence)[raw]


def test_an_agent_leaves_clauses_with_a_subject_of_their_own() -> None:
    found = labels("华光公司实现产值86亿元，全市规上工业增加值增长6%。")
    assert "华光公司" not in found["6%"]
    found = labels(
        "滨湖国际化城市新中心展现新面貌，全市规上工业增加值增长6%，完成固定资产投资50亿元。"
    )
    assert "滨湖" not in found["50亿元"]


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # A word jieba reads as an adverb or a particle inside a noun phrase stays in the label.
        ("建成车网互动设施380个。", "380个", "车网互动设施"),
        ("启动15个低效用地盘整项目。", "15个", "低效用地盘整"),
        ("新组和调整县直部门30个。", "30个", "县直部门"),
        ("武威经开区全国排名58位。", "排名58位", "武威经开区"),
        # An aside in brackets inside a name goes without cutting the name.
        ("新增高速（一级）公路900公里、农村公路2000公里。", "900公里", "高速公路"),
        # A class word (类) before a verbal noun: 产业类投资 is one measure.
        ("省属企业完成产业类投资300亿元。", "300亿元", "产业类投资"),
    ],
)  # fmt: skip
def test_a_label_does_not_cut_a_word_out_of_a_noun_phrase(
    sentence: str, raw: str, words: str
) -> None:
    assert words in labels(sentence)[raw]


def test_an_adverb_before_a_verb_still_leaves_the_label() -> None:
    assert labels("规上工业企业均实现增长，利润增长8%。")["8%"] == "利润增长"


def test_urban_and_rural_social_assistance_is_the_city_s_and_the_countryside_s() -> None:
    found = labels("城乡低保平均标准分别提高20%、25%，城乡居民人均可支配收入分别增长5%、7%。")
    assert found["20%"].startswith("城市低保") and found["25%"].startswith("农村低保")
    assert found["5%"].startswith("城镇居民")  # incomes are the towns'


@pytest.mark.parametrize(
    ("sentence", "raw", "subject"),
    [
        # The subject a clause opens on, before its first verb, is its later list items' too.
        ("市属企业完成产业投资320亿元、研发投入45亿元。", "45亿元", "市属企业"),
        ("中欧班列开行300列、货值增长25%。", "25%", "中欧班列"),
    ],
)  # fmt: skip
def test_a_list_s_later_items_keep_the_subject_the_clause_opens_on(
    sentence: str, raw: str, subject: str
) -> None:
    assert labels(sentence)[raw].startswith(subject)


def test_a_list_opening_on_the_reports_own_place_or_a_measure_adds_no_subject() -> None:
    found = labels("全市完成投资50亿元、新增就业1万人，地区生产总值增长5%、规上工业增加值增长6%。")
    assert not found["1万人"].startswith("全市")
    assert found["6%"] == "规上工业增加值增长"


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # A count of things picked out by a bar keeps the bar's measure, 过 as 超.
        ("其中产值过亿元企业达到18家。", "18家", "产值"),
        ("确保销售收入过亿元企业达到25家。", "25家", "销售收入"),
    ],
)  # fmt: skip
def test_a_count_after_its_bar_keeps_what_the_bar_measures(
    sentence: str, raw: str, words: str
) -> None:
    assert words in labels(sentence)[raw] and "企业" in labels(sentence)[raw]


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # A money bar on projects is a bar on their investment, whatever follows the projects.
        ("全县9个过亿元项目投产运营。", "过亿元", "项目投资"),
        ("新上投资亿元以上生产经营项目8个。", "亿元以上", "新上生产经营项目投资"),
        ("确保年内引进亿元以上项目不少于20个。", "亿元以上", "确保引进项目投资"),
    ],
)  # fmt: skip
def test_a_money_bar_on_projects_is_on_their_investment(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label


def test_a_rate_per_unit_of_land_measures_what_follows_its_de_and_so_do_the_items_after() -> None:
    found = labels("全区每平方公里土地产生2.3亿元的GDP和8000万元的税收，比上年提高了0.6倍。")
    assert [label for raw, label in found.items() if raw != "0.6倍"] == [
        "每平方公里GDP",
        "每平方公里税收",
    ]
    assert found["0.6倍"].startswith("每平方公里")
    assert all(m.indicator is None for m in sentence_figures("每平方公里土地产生2.3亿元的GDP。"))


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # Who benefits is counted; what benefits them says what the count is of.
        ("托育补贴惠及8万余名婴幼儿。", "8万余名", "托育补贴"),
        ("全面推行免费午餐，惠及学生36万人次。", "36万人次", "免费午餐"),
        ("新型农村合作医疗试点扩大到300个县，惠及9000万农民。", "9000万", "合作医疗"),
        ("家电以旧换新带动销售超50亿元、惠及消费者80余万人次。", "80余万人次", "以旧换新"),
    ],
)  # fmt: skip
def test_a_count_of_beneficiaries_says_what_benefits_them(
    sentence: str, raw: str, words: str
) -> None:
    label = labels(sentence)[raw]
    assert words in label and "惠及" in label


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # Counts of things listed before one 的 share what it says was done to them.
        ("完成了8个乡镇、95个村的垃圾一体化处理。", "8个", "乡镇垃圾一体化处理"),
        ("完成东关、西关等5个乡镇32个村的土地整治项目。", "5个", "乡镇土地整治项目"),
    ],
)  # fmt: skip
def test_counts_listed_before_one_de_share_what_was_done_to_them(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label


def test_a_title_won_in_a_row_after_a_dealt_list_is_a_statement_of_its_own() -> None:
    found = labels(
        "生产安全事故起数、死亡人数分别下降30.5%、28.1%，连续12年获全国平安建设考评优秀市。"
    )
    assert found["连续12年"] == "获全国平安建设考评优秀市"
    assert found["28.1%"] == "生产安全事故死亡人数下降"
    # A place kept in a row after a comma is still the figure before's measure's.
    assert labels("出口增长12.5%，总量连续31年居全国首位。")["连续31年"].startswith("出口")


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # An attribute counted right after things (places at school, floor area) is theirs.
        ("新增幼儿园40所、学位1.2万个。", "1.2万个", "幼儿园学位"),
        ("新建和改扩建公办普通高中12所、新增学位3万个以上。", "3万个以上", "普通高中新增学位"),
        ("基本建成南湾等18个公共住房项目，建筑面积150万平方米。", "150万平方米", "公共住房项目建筑面积"),
    ],
)  # fmt: skip
def test_an_attribute_counted_after_things_is_theirs(sentence: str, raw: str, words: str) -> None:
    assert words in labels(sentence)[raw]


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # 总投资 after the verb that pushes the work: the total is of the things after 的 or 、.
        ("大力推进总投资12.5亿元的36个小城镇建设项目。", "12.5亿元", "小城镇建设项目总投资"),
        ("抓好总投资260亿元、85个市县重点项目建设。", "260亿元", "市县重点项目建设总投资"),
    ],
)  # fmt: skip
def test_a_total_investment_after_a_verb_is_labelled_with_the_things_it_is_of(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label


def test_a_change_on_a_base_year_keeps_the_base_and_the_average_after_it_does_not() -> None:
    found = labels("2020年，全县生产总值完成60亿元，比2015年增长21亿元，年均递增9%。")
    assert found["21亿元"] == "全县生产总值比2015年增长"
    assert found["9%"] == "全县生产总值年均递增"
    # A change on last year says nothing more.
    assert "上年" not in labels("财政收入完成8亿元，比上年增长1亿元。")["1亿元"]


def test_an_estimate_s_verb_leaves_the_label_and_the_measure_takes_its_subject() -> None:
    found = labels("全县规模以上工业企业达到60家，预计完成增加值18亿元。")
    assert found["18亿元"] == "全县规模以上工业企业完成增加值"


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        ("每年拿出900万元设立大病补偿基金。", "每年拿出900万元", "大病补偿基金"),
        ("每年列预算500万元设立贫困学生救助基金。", "每年列预算500万元", "贫困学生救助基金"),
    ],
)  # fmt: skip
def test_a_spend_per_year_says_what_the_money_goes_to(sentence: str, raw: str, words: str) -> None:
    assert words in labels(sentence)[raw]


def test_a_numbered_item_s_spend_says_what_it_pays_for_not_the_item_before() -> None:
    found = labels(
        "⑥新增城区数字电视用户600户；⑦投资800万元，新增节水灌溉面积1.5万亩；"
        "⑧投资650万元，新建、改造乡村公路12公里。"
    )
    assert "节水灌溉" in found["800万元"] and "投资" in found["800万元"]
    assert "乡村公路" in found["650万元"] and "数字电视" not in found["650万元"]


def test_a_converted_figure_in_brackets_is_the_measure_before_and_reckoning_words_leave_labels() -> (
    None
):
    found = labels(
        "人均地区生产总值8.5万元（按现行汇率折算约1.2万美元），地方一般公共预算收入按可比口径计算增长6.5%。"
    )
    assert found["8.5万元"] == "人均地区生产总值"
    assert found["约1.2万美元"] == "人均地区生产总值折算"
    assert found["6.5%"] == "地方一般公共预算收入增长"


def test_a_place_among_peers_alone_ranks_the_measure_before_it() -> None:
    found = labels("集装箱吞吐量420万标箱，增长30%，继续在全国内地沿海港口排第2位。")
    assert "集装箱吞吐量" in found["排第2位"] and "沿海港口" in found["排第2位"]
    found = labels("国内生产总值1800亿元，比上年增长13%，居我国内地大中城市中第4位。")
    assert "国内生产总值" in found["第4位"]


def test_a_harvest_s_change_said_as_zengchan_or_jianchan_is_of_the_measure_before() -> None:
    found = labels(
        "粮食总产量4500亿公斤，比上年减产100亿公斤；全年粮食产量6500万吨，比上年增产150万吨。"
    )
    assert found["100亿公斤"] == "粮食总产量减产"
    assert found["150万吨"] == "粮食产量增产"


def test_listed_changes_and_multiples_keep_their_base_year() -> None:
    found = labels("拥有省级名牌20个，省级著名商标30件，分别比2015年增加3个、25件。")
    assert found["25件"] == "省级著名商标比2015年增加"
    assert "2015年" in labels("引进省外资金12亿元，是2015年的4.2倍。")["4.2倍"]


def test_a_change_borrowing_the_clause_before_leaves_the_money_unit_out() -> None:
    assert "亿元" not in labels("预计完成产值160亿元，比2015年增长80亿元。")["80亿元"]


def test_a_numbered_item_s_spend_and_r_and_d_keep_their_words() -> None:
    found = labels(
        "二是投资300万元，继续实施人畜饮水安全工程；研究与开发支出占地区生产总值的比重达3%。"
    )
    assert found["300万元"] == "人畜饮水安全工程投资"
    assert found["3%"].startswith("研究与开发支出")


def test_a_spend_on_things_listed_with_deng_is_labelled_with_their_kind() -> None:
    found = labels(
        "投资2亿多元，重点实施了路网建设、饮水安全工程、地下排水管网改造等一大批公益事业项目。"
    )
    assert found["2亿多元"] == "公益事业项目投资"
    found = labels("投资10亿元建成了东城花园、西湖嘉园等8个住宅小区。")
    assert found["10亿元"] == "住宅小区投资"


def test_a_level_reached_after_an_average_growth_sheds_the_average() -> None:
    assert (
        labels("到2030年，全县生产总值年均增长8%以上，达到150亿元。")["150亿元"] == "全县生产总值"
    )


def test_respectively_after_a_shared_change_deals_out_the_things_changed() -> None:
    found = labels("全部财政收入和地方一般预算收入年均增长15%，分别达到9亿元和4.5亿元。")
    assert found["9亿元"] == "全部财政收入"
    assert found["4.5亿元"] == "地方一般预算收入"


def test_a_spend_on_named_works_listed_with_deng_takes_their_quoted_kind() -> None:
    found = labels("投资20亿元建成了古城文化园、滨河乐园等文旅“八大项目”。")
    assert found["20亿元"] == "文旅八大项目投资"


def test_deposits_and_loans_said_as_one_word_each_keep_the_words_around_it() -> None:
    found = labels("年末全市金融机构各项存贷款余额分别达3100亿元和2200亿元。")
    assert found["3100亿元"] == "金融机构存款余额"
    assert found["2200亿元"] == "金融机构贷款余额"


def test_changes_since_the_year_began_after_a_dealt_list_are_dealt_to_the_same_things() -> None:
    # A no-break space (\xa0) between them, as some reports print it, changes nothing.
    found = labels("金融机构存贷款余额分别达300亿元和200亿元，\xa0比年初增长12%和8%。")
    assert found["12%"] == "金融机构存款余额增长"
    assert found["8%"] == "金融机构贷款余额增长"


def test_a_place_after_a_dealt_list_ranks_all_the_things_dealt_and_is_none_of_them() -> None:
    found = labels("城镇和农村居民人均可支配收入分别增长8%和9%，居全国第3位。")
    assert found["8%"] == "城镇居民人均可支配收入增长"
    assert found["9%"] == "农村居民人均可支配收入增长"
    found = labels("金融机构存贷款余额分别达300亿元和200亿元，居内地大中城市第4位。")
    assert "存贷款余额" in found["第4位"]


def _report_labels(*paragraphs: str) -> dict[str, str]:
    lines = [
        "2012年某县政府工作报告",
        "各位代表：",
        "现在，我代表县人民政府，向大会报告工作，请予审议。"
        "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。",
        "一、过去一年的工作回顾",
        *paragraphs,
    ]
    report = parse_bytes("\n".join(lines).encode(), "topic.txt")
    return {m.raw: m.label for m in extract_figures(report)}


def test_a_bare_measure_after_a_topic_line_is_the_topic_s() -> None:
    found = _report_labels(
        "工业经济稳步增长。纺织产业再上新水平。2011年，预计完成产值88.5亿元，比2006年增长40.2亿元。"
    )
    assert found["88.5亿元"] == "纺织产业完成产值"
    assert found["40.2亿元"].startswith("纺织产业")


def test_a_topic_line_lends_nothing_to_a_sentence_naming_its_own_subject_or_past_one_sentence() -> (
    None
):
    found = _report_labels("纺织产业再上新水平。全县粮食产量完成产值5亿元。全年完成产值7亿元。")
    assert "纺织" not in found["5亿元"]
    assert "纺织" not in found["7亿元"]


def test_projects_counted_after_a_quoted_programme_are_the_programme_s() -> None:
    found = labels("突出抓好“三改造”，实施项目52个、总投资18.6亿元。")
    assert found["52个"] == "三改造实施项目"
    assert found["18.6亿元"] == "三改造实施项目总投资"
    # A measure of its own (项目民间投资) is none of the programme's projects.
    found = labels("扎实开展“纾困”行动，项目民间投资增长9.5%。")
    assert not found["9.5%"].startswith("纾困")


def test_a_label_keeps_no_bound_word_and_no_part_of_a_word_a_bound_ends() -> None:
    found = labels("全社会投资预定增长12%或者更多一些，缔结国际条约95个。")
    assert found["12%"] == "全社会投资预定增长"
    assert found["95个"].endswith("国际条约")


def test_a_span_said_in_words_leaves_the_label_and_the_clause_s_subject_carries_on() -> None:
    """五年来年均增长: jieba reads 五年/来年, which must leave no 来 behind."""
    found = labels(
        "城镇居民人均可支配收入达到4200元，五年来年均实际增长7%。三年来城镇新增就业90万人。"
    )
    assert found["7%"] == "城镇居民人均可支配收入年均实际增长"
    assert found["90万人"] == "城镇新增就业"


def test_an_aside_on_prices_between_the_subject_and_its_change_names_no_subject() -> None:
    found = labels("城镇居民人均可支配收入，考虑价格下降因素比上年实际增长8.5%。")
    assert found["8.5%"] == "城镇居民人均可支配收入实际增长"


def test_a_base_year_dealt_by_fenbie_reaches_the_item_after_he() -> None:
    found = labels("进出口总额达900亿美元，其中出口500亿美元，分别比1990年增长60%和55%。")
    assert found["55%"] == "出口比1990年增长"


def test_a_second_list_of_yearly_averages_is_dealt_to_the_same_subjects() -> None:
    found = labels(
        "农村居民人均纯收入和城镇居民人均可支配收入，2010年分别达到3100元和8200元，"
        "平均每年实际增长5.1%和6.3%。"
    )
    assert found["5.1%"].startswith("农村居民人均纯收入")
    assert found["6.3%"].startswith("城镇居民人均可支配收入")


def test_money_that_brought_in_two_kinds_of_funds_names_both() -> None:
    assert (
        labels("带动360亿元银行贷款和自筹资金，用于基础设施建设。")["360亿元"]
        == "银行贷款和自筹资金"
    )


def test_a_multiple_of_a_base_year_said_with_wei_keeps_the_base_and_the_class_keeps_ji() -> None:
    found = labels("国有及国有控股工业企业实现利润800亿元，为1995年的3.1倍。")
    assert found["800亿元"] == "国有及国有控股工业企业实现利润"
    assert found["3.1倍"].endswith("为1995年的")


def test_a_change_on_a_plan_period_s_whole_takes_the_subject_and_keeps_the_base() -> None:
    found = labels("五年累计实际利用外资900亿美元，比“九五”时期增长45.5%。")
    assert found["45.5%"].endswith("实际利用外资比九五时期增长")


def test_a_bare_actual_amount_takes_the_measure_named_before() -> None:
    """实际到位, 实际投资: the amount actually paid in, of what the clause or figure before names."""
    found = labels("外商直接投资协议金额90亿美元，实际投资31亿美元。")
    assert found["31亿美元"].startswith("外商直接投资")
    assert labels("外商直接投资保持增长，实际到位200多亿美元。")["200多亿美元"].startswith(
        "外商直接投资"
    )


def test_the_other_place_said_with_only_a_change_takes_the_measure_before() -> None:
    found = labels("城镇人均住房面积增加到30平方米，农村增加到40平方米。")
    assert found["40平方米"] == "农村人均住房面积增加到"


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # The verb that reports a figure (实现) names nothing of what it measures.
        ("全年实现城镇新增就业2.6万人。", "2.6万人", "城镇新增就业"),
        ("全年实现旅游收入43.5亿元，增长48.3%。", "48.3%", "旅游收入增长"),
        ("其余实现了刑事警情同比下降61.7%。", "61.7%", "刑事警情同比下降"),
    ],
)  # fmt: skip
def test_a_label_does_not_open_on_the_verb_that_reports_the_figure(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label
