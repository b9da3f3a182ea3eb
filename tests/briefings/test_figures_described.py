"""Numbers that describe or name one thing are no figures, whatever the spacing of the print:
a project's investment (投资 3亿元的…), a park's area, a voltage rating, the parts of a framework,
the count of places named one by one; and a structure of three terms reads its first."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures


def _raws(sentence: str) -> list[str]:
    return [m.raw for m in sentence_figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # a space printed after 投资 leaves the amount a description of the project
        ("重点抓好投资 3亿元的桥南轻纺城二期项目建设。", []),
        ("突出抓好总投资 10亿元的来福汽车灯具组件项目。", []),
        ("启动了总投资 12 亿元的职教中心新校区建设。", []),
        ("启动占地150亩的休闲公园建设。", []),
        # a plant's yearly output describes it; a bar on what it picks out stays a figure
        ("建成年产各20万吨的东方和南海化肥工程，新增发电能力300万千瓦。", ["300万千瓦"]),
        ("抓紧两个11万伏变电站项目运作，新建变电站3座。", ["3座"]),
        ("制定了由4个方面、42个指标组成的现代化指标体系。", []),
        ("抓好蒲阳、白云、河口、神南、安阳5所乡级卫生院的改扩建工程。", []),
    ],
)
def test_numbers_describing_or_naming_one_thing_are_no_figures(
    sentence: str, kept: list[str]
) -> None:
    assert _raws(sentence) == kept


@pytest.mark.parametrize(
    ("sentence", "raws"),
    [
        ("完成投资 2亿元，新建道路3公里。", ["2亿元", "3公里"]),  # spending of the year
        ("总投资 30亿元的14个重点项目开工。", ["30亿元", "14个"]),  # a total over projects
        ("启动投资2.2亿元的600套棚户区改造项目。", ["2.2亿元", "600套"]),  # the works' size
        ("全县新建学校5所。", ["5所"]),
    ],
)
def test_quantities_of_the_work_stay_figures(sentence: str, raws: list[str]) -> None:
    assert _raws(sentence) == raws


def test_a_structure_of_three_terms_reads_its_first_and_a_ratio_to_one_its_second() -> None:
    three = sentence_figures("三次产业比例1．0：52．4：46．6。")
    assert [(m.value, m.unit) for m in three] == [(1.0, "比")]
    two = sentence_figures("城乡居民收入比缩小到1∶2.4。")
    assert [(m.value, m.unit) for m in two] == [(2.4, "比")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("建成大棚 3300 余栋。", ("3300 余栋", 3300.0, "栋", "more_than")),
        ("微店发展到 6000 多家。", ("6000 多家", 6000.0, "家", "more_than")),
        ("带动农户近 4000 户。", ("近 4000 户", 4000.0, "户", "about")),
    ],
)
def test_a_space_before_yu_or_duo_or_after_a_bound_word_keeps_the_figure_and_its_bound(
    sentence: str, expected: tuple[str, float, str, str]
) -> None:
    found = sentence_figures(sentence)
    assert [(m.raw, m.value, m.unit, m.bound) for m in found] == [expected]


def test_an_amount_before_names_listed_up_to_a_count_is_their_total() -> None:
    total = "总投资18.3亿元的上元、北京联东等4个科技产业社区相继落户。"
    assert _raws(total) == ["18.3亿元", "4个"]
    parks = "实施了总投资27.9亿元的汉关文化城、铁门古镇文化产业园、函谷关城市乐园等“十大项目”。"
    assert "27.9亿元" in _raws(parks)
    # the count of places one project covers leaves the amount that project's description
    one = "完成投资3.68亿元的何桥、李庄等6个乡镇41个村的土地整治项目。"
    assert "3.68亿元" not in _raws(one)


def test_a_list_entered_far_after_its_verb_is_a_place_among_the_top() -> None:
    found = sentence_figures("新安成功跻身2023年全国县域发展潜力百强县。")
    assert [(m.raw, m.value, m.unit, m.bound) for m in found] == [("百强", 100.0, "位", "at_most")]
    # a class to cultivate, no list entered: no place
    assert _raws("培育一批全国县域经济百强县。") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("累计完成投资234亿元，是上个五年的两倍。", ("两倍", 2.0, "倍", "exact")),
        ("财政收入比2011年翻了将近一番。", ("将近一番", 2.0, "倍", "about")),
        ("全年签约亿元以上项目25个。", ("亿元以上", 1e8, "元", "at_least")),
    ],
)
def test_multiples_doublings_and_bars_in_words_are_figures(
    sentence: str, expected: tuple[str, float, str, str]
) -> None:
    assert expected in [(m.raw, m.value, m.unit, m.bound) for m in sentence_figures(sentence)]


def test_a_multiple_needs_its_base_and_a_word_ending_in_yue_bounds_nothing() -> None:
    assert _raws("付出了常人的两倍努力。") == []  # no 是 names a base
    assert _raws("签约亿元农业项目。") == []


@pytest.mark.parametrize(
    ("sentence", "raws"),
    [
        ("五头镇入选“全国乡村特色产业产值超十亿元镇”。", []),  # a title, however long
        ("万基260万千瓦首台机组并网发电。", []),  # a first unit named by its capacity
        ("关停5000万千瓦小火电机组。", ["5000万千瓦"]),  # a total over many units
        ("全县产值超十亿元的企业达到5家。", ["超十亿元", "5家"]),  # unquoted, a bar
    ],
)
def test_a_long_quoted_title_and_a_first_units_capacity_name_things(
    sentence: str, raws: list[str]
) -> None:
    assert _raws(sentence) == raws
