"""A figure's label read alone says what is measured and whose it is; a number that names a
policy or sets an age of eligibility is no figure at all. Short invented sentences, one shape
of text each."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures


def labels(sentence: str) -> dict[str, str]:
    return {m.raw: m.label for m in sentence_figures(sentence)}


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # A class of enterprise or a loan product is one term, not words to pick from.
        ("规模以上工业增加值增长5.2%。", "5.2%", "规模以上工业增加值"),
        ("限额以上单位消费品零售额增长4%。", "4%", "限额以上"),
        ("小微企业无还本续贷余额达到120亿元。", "120亿元", "无还本续贷余额"),
        # A share names both its part and its whole.
        ("战略性新兴产业占规上工业增加值比重超过25%。", "超过25%", "战略性新兴产业占规上工业增加值比重"),
        # A term whose first character is a conjunction, an adverb or a preposition elsewhere.
        ("建设和美乡村180个。", "180个", "和美乡村"),
        ("省属高校生均经费增加1000元。", "1000元", "生均经费"),
        ("全市在建工地1万多个。", "1万多个", "在建工地"),
        ("新增省级专精特新中小企业322户。", "322户", "专精特新中小企业"),
        # Bonds, sectors and statistics jieba cuts into adverbs, time words and prepositions.
        ("争取超长期特别国债128.1亿元。", "128.1亿元", "超长期特别国债"),
        ("拟安排长期建设国债500亿元。", "500亿元", "长期建设国债"),
        ("现代服务业增加值达1.8万亿元。", "1.8万亿元", "现代服务业增加值"),
        ("高等教育在学人数达2500万人。", "2500万人", "在学人数"),
        # The level a change reached is of the measure that changed (里程, 面积 kept).
        ("地铁运营里程增加211.9公里、达634.5公里。", "634.5公里", "地铁运营里程"),
        ("城市绿地面积增加120公顷、达到5000公顷。", "5000公顷", "城市绿地面积"),
        # A league table's name keeps its number.
        ("在深投资世界500强企业超340家。", "超340家", "世界500强企业"),
        # A programme is the subject of what it did, its verbs (搬迁, 绿化) included.
        ("实施生态及地质灾害避险搬迁一期工程，让13.07万户46万群众远离了灾害。", "13.07万户", "避险搬迁"),
        ("南北山绿化工程累计完成营造林、播种造林、巩固提升近70万亩。", "近70万亩", "南北山绿化工程"),
        ("公办幼儿园在园儿童占比超过50%。", "超过50%", "在园儿童"),
        # The base of a rate is part of what is measured, in a list dealt out by 分别 too.
        ("每平方公里产出GDP、财政收入分别达8亿元和2.8亿元。", "2.8亿元", "每平方公里产出财政收入"),
        ("力争每万人口高价值发明专利拥有量3.3件。", "3.3件", "每万人口高价值发明专利拥有量"),
        # Another area's total keeps its area, though the sentence names it a clause before.
        ("推动成渝地区双城经济圈建设走深走实，经济总量超9万亿元。", "超9万亿元", "成渝地区双城经济圈经济总量"),
        ("长三角一体化发展取得新进展，区域经济总量达到30万亿元。", "30万亿元", "长三角一体化"),
        # Words jieba tags as a pronoun, a measure or a code inside a compound noun.
        ("新设8所本科院校。", "8所", "本科院校"),
        ("新建5G基站5018个。", "5018个", "5G基站"),
        ("打造6个千亿级产业集群。", "6个", "千亿级产业集群"),
        ("改造建设残疾人日间照料服务省级示范中心20个。", "20个", "日间照料"),
        # A one-character measure word ending the noun a figure counts is the noun's last part.
        ("新建滨河骑行道90公里。", "90公里", "骑行道"),
        ("新建健身步道50公里。", "50公里", "步道"),
        ("新建公共充电桩8000个。", "8000个", "充电桩"),
        ("改造老旧供水管道35公里。", "35公里", "供水管道"),
        # A share naming its part and its whole fits whole; the change to it goes first.
        ("战略性新兴产业增加值占地区生产总值比重提升至39.6%。", "39.6%", "战略性新兴产业增加值占地区生产总值比重"),
        # What a sentence opening on a company measures is the company's.
        ("酒钢集团“三化”改造实现产业重塑，高端产品占比从30%提高到70%。", "70%", "酒钢集团"),
        ("金川集团工业总产值连跨两个千亿台阶，在“世界500强”排名由369位上升到235位。", "235位", "金川集团"),
        # A measure printed once, on a list's last item, is every item's.
        ("黄金、白银、精炼铜、镍产量分别增长544.4%、199.2%、110.9%、32.2%。", "199.2%", "白银产量"),
        ("有色冶金、石化化工、装备制造产业增加值年均分别增长17.8%、4.8%、9.9%。", "4.8%", "石化化工产业增加值"),
        ("集成电路、汽车零配件、锂电池出口分别增长107.9%、46.7%、57.4%。", "107.9%", "集成电路出口"),
        # A bar printed inside the noun a count counts stays in the count's label.
        ("产值超亿元企业13家。", "13家", "产值超亿元企业"),
        # 其中 turns to a part: what follows is the part's.
        ("财政收入突破3亿元，其中一般预算收入增幅首次超过总收入，完成1.1亿元。", "1.1亿元", "一般预算收入"),
        # A count before the compound noun it counts, inner words jieba reads as verbs kept.
        ("完成40个高品质供电引领区建设。", "40个", "高品质供电引领区"),
        ("推动200家挥发性有机物排放企业治理。", "200家", "挥发性有机物排放企业"),
        ("打造8个总部经济集聚区。", "8个", "总部经济集聚区"),
        ("建成3座水质净化厂。", "3座", "水质净化厂"),
        # A bare size, amount or price after a list's first item is the first item's.
        ("出让矿业权120宗、成交价45.6亿元。", "45.6亿元", "矿业权"),
        ("新设立3只产业引导基金、规模60亿元。", "60亿元", "产业引导基金"),
        ("300家企业参与跨境贸易投资试点、金额达500亿美元。", "500亿美元", "跨境贸易投资"),
        # A sector of the industry classification keeps its 和 (软件和信息技术服务业).
        ("软件和信息技术服务业营收增长12.5%。", "12.5%", "软件和信息技术服务业"),
        ("住宿和餐饮业营业额增长8%。", "8%", "住宿和餐饮业"),
        # A hotline's number is its name.
        ("全年累计承办12345热线9800件。", "9800件", "12345热线"),
        # A measure said with its year (年度完成投资) is of the subject named before.
        ("实施800个以上市重点项目，年度完成投资3000亿元。", "3000亿元", "重点项目"),
        # A goal naming its own measure stands without the work of the clause before.
        ("建设海洋牧场，力争海洋生产总值增长6%。", "6%", "海洋生产总值增长"),
    ],
)  # fmt: skip
def test_label_keeps_the_whole_term_and_its_subject(sentence: str, raw: str, words: str) -> None:
    assert words in labels(sentence)[raw]


def test_starts_and_results_dealt_out_by_one_change_are_labelled_alike() -> None:
    found = labels("城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23184元。")
    assert found == {
        "46503元": "城镇居民人均可支配收入", "16935元": "农村居民人均可支配收入",
        "58794元": "城镇居民人均可支配收入", "23184元": "农村居民人均可支配收入",
    }  # fmt: skip


def test_a_goal_label_leaves_the_clause_before_out() -> None:
    assert "海洋牧场" not in labels("建设海洋牧场，力争海洋生产总值增长6%。")["6%"]


def test_a_bare_total_keeps_the_report_places_own_words() -> None:
    assert labels("全省上下团结奋斗，经济总量突破6万亿元。")["突破6万亿元"] == "经济总量"


@pytest.mark.parametrize(
    "sentence",
    [
        "进出川大通道新增16条、达到54条。",
        "新增进出川大通道16条、总数达到54条。",
        "进出川大通道达到54条，新增16条。",
    ],
)
def test_a_total_is_not_labelled_as_an_increase(sentence: str) -> None:
    found = labels(sentence)
    assert "新增" not in found["54条"] and "进出川大通道" in found["54条"]
    assert "新增" in found["16条"]


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("面向民间资本推介重大项目总投资不低于2000亿元。", "2000亿元"),
        ("新建改造农村公路不少于3000公里。", "3000公里"),
        ("单位产值能耗不高于0.5吨标准煤，煤炭消费总量不超过8000万吨。", "8000万吨"),
    ],
)
def test_a_label_holds_no_bound_word_nor_its_opposite(sentence: str, raw: str) -> None:
    # How the printed bound is read (不超过 …) is the bound field's business, not the label's.
    label = next(label for printed, label in labels(sentence).items() if printed.endswith(raw))
    assert label
    assert not any(word in label for word in ("低于", "少于", "高于", "超过", "以上", "以内"))


def test_a_bound_cut_from_the_label_leaves_the_measure() -> None:
    assert labels("面向民间资本推介重大项目总投资不低于2000亿元。")["2000亿元"].endswith("总投资")


@pytest.mark.parametrize(
    "sentence",
    [
        "出台22条举措支持民营经济发展。",
        "制定稳外贸12条措施。",
        "落实民营经济32条，服务企业发展。",
        "民营经济32条落地见效。",
        "为35岁以下青年提供见习岗位。",
        "60岁以上老年人免费乘坐公交。",
        "开设2-3周岁托班。",
        "依据条例第三十二条和第33条处罚。",
        "坚持“两个确立”，编制“十四五”规划。",
    ],
)
def test_names_and_ages_are_not_quantities(sentence: str) -> None:
    assert labels(sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("深圳综合改革试点累计40条创新举措在全国推广。", "40条"),  # counted: 累计
        ("新增无人机航线80条。", "80条"),
        ("建成高速公路5条。", "5条"),
        ("人均预期寿命达到79.5岁。", "79.5岁"),  # a life span is measured
    ],
)
def test_counts_and_life_spans_stay_quantities(sentence: str, raw: str) -> None:
    assert raw in labels(sentence)


def test_the_places_an_age_or_policy_number_leaves_in_a_sentence_do_not_reach_labels() -> None:
    found = labels("开设2-3周岁托班120个，落实民营经济32条，减税降费8亿元。")
    assert set(found) == {"120个", "8亿元"}
    assert "周岁" not in found["120个"] and "托班" in found["120个"]


def test_a_listed_measure_that_names_itself_borrows_nothing_from_the_next() -> None:
    found = labels("城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内。")
    assert "涨幅" not in found["5%"] and "失业率" in found["5%"]
    assert "零售额" in labels("新能源汽车、通讯器材零售额分别增长45.9%、19.4%。")["45.9%"]


def test_an_amount_leaves_the_change_word_to_the_rate_after_it() -> None:
    found = labels("社会消费品零售总额2.76万亿元增长6.1%。")
    assert found["2.76万亿元"] == "社会消费品零售总额"
    assert found["6.1%"] == "社会消费品零售总额增长"


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # A gap to the nation's rate is of the measure before, against the nation.
        ("全市地区生产总值增长5.4%、高于全国0.4个百分点。", "0.4个百分点", "全市地区生产总值增长高于全国"),
        # A place with no words of its own ranks the measure before, whole (总里程, not 总).
        ("新增运营里程30公里，总里程达909公里、居全国首位。", "居全国首位", "运营总里程全国排名"),
        # A word jieba reads as an adverb that begins a name after a verb (自然指数).
        ("全市稳居自然指数科研城市全球榜首。", "全球榜首", "全市稳居自然指数科研城市全球排名"),
    ],
)  # fmt: skip
def test_a_gap_or_a_place_says_what_it_is_of_and_against_whom(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label


@pytest.mark.parametrize(
    ("sentence", "raw", "zone"),
    [
        # A sentence opening on a zone as its subject: its later clauses count the zone's.
        ("滨江高新区创新活力持续增强，新引进研发机构12家，规上工业增加值增长9.5%。", "12家", "滨江高新区"),
        ("滨江高新区创新活力持续增强，新引进研发机构12家，规上工业增加值增长9.5%。", "9.5%", "滨江高新区"),
        # A list's later items after a zone's first are the zone's too.
        ("合作区地区生产总值增长8%以上、规上工业增加值增长12%以上。", "12%以上", "合作区"),
        ("临港片区地区生产总值增长7%、经济总量为2020年的2.1倍。", "2.1倍", "临港片区"),
    ],
)  # fmt: skip
def test_what_a_zone_opening_the_sentence_counts_is_the_zones(
    sentence: str, raw: str, zone: str
) -> None:
    (figure,) = [m for m in sentence_figures(sentence) if m.raw == raw]
    assert figure.label.startswith(zone) and figure.indicator is None


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("滨江新区建设全面提速，全市新增就业5万人。", "5万人"),  # the report's own place
        ("推进国家全域旅游示范区建设，引进文旅项目28个。", "28个"),  # a verb: work on the zone
        ("全面完成国家生态文明试验区改革任务，新增绿色工厂15家。", "15家"),
    ],
)  # fmt: skip
def test_a_zone_the_sentence_works_on_or_leaves_is_no_subject(sentence: str, raw: str) -> None:
    assert "区" not in labels(sentence)[raw]


@pytest.mark.parametrize(
    ("sentence", "raw"),
    [
        ("在各类职业学校建立健全技能人才奖励制度，为此省财政支出将由上年3亿元增加到8亿元。", "3亿元"),
        ("在各类职业学校建立健全技能人才奖励制度，为此省财政支出将由上年3亿元增加到8亿元。", "8亿元"),
        ("在各类职业学校建立健全技能人才奖励制度，为此省财政支出将由上年3亿元增加到8亿元，明年将安排12亿元。", "12亿元"),
    ],
)  # fmt: skip
def test_for_this_names_what_the_clause_before_sets_up(sentence: str, raw: str) -> None:
    label = labels(sentence)[raw]
    assert "为此" not in label and label.startswith("技能人才奖励制度")


def test_an_item_of_verbal_nouns_alone_borrows_the_thing_from_the_item_before() -> None:
    found = labels("建设筹集人才住房3.2万套（间）、供应分配1.8万套（间）。")
    assert "人才住房" in found["1.8万套（间）"]
    # One verbal noun alone is the measure itself.
    assert labels("进出口总额5000亿元，其中出口3000亿元。")["3000亿元"] == "出口"
