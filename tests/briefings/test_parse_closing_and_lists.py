"""The last mile of the genre, each shape on a short invented report: the closing matter
(glossary, attachment, related links, editor's line) is never the plan or the problems; the
achievements printed beside an admission are not problems; problems run together in one
sentence are one each, while a group the report sets off with ；stays whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.kits.paths import CORPUS
from briefings.model import Report
from briefings.parse import parse_bytes, parse_file
from briefings.text import fold

FILLER = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"
RUN_IN_PLAN = [
    "三、2021年主要工作任务",
    f"今年政府工作的总体要求是：稳中求进。{FILLER}",
    f"坚定不移扩大有效投资。{FILLER}",
    f"坚定不移壮大实体经济。{FILLER}",
    f"坚定不移改善民生。{FILLER}",
    "各位代表！让我们团结奋斗，再创佳绩。",
]
GLOSSARY = [
    "1.四个口子：指区内四个出入口。",
    "2.一核四区：指一个核心区和四个功能区。",
    "3.三城同创：指创建文明城市、卫生城市、园林城市。",
]


def _report(body: list[str], title: str = "2021年某区政府工作报告") -> Report:
    lines = [title, "各位代表：", f"现在，我代表区人民政府，向大会报告工作。{FILLER}", *body]
    return parse_bytes("\n".join(lines).encode(), "invented.txt")


def _review(*paragraphs: str) -> list[str]:
    return ["一、2020年工作回顾", FILLER, *paragraphs, "二、“十四五”时期奋斗目标", FILLER]


@pytest.mark.parametrize(
    "heading",
    [
        "政府工作报告名词、术语注释",
        "《政府工作报告》有关内容名词注释",
        "四、名词解释",
        "附件1：名词解释",
        "附：名词解释",
        "附表：2021年重点项目表",
        "相关报道：",
        "（责任编辑：张三）",
    ],
)
def test_closing_matter_is_never_the_plan(heading: str) -> None:
    report = _report([*_review(), *RUN_IN_PLAN, heading, *GLOSSARY])
    assert [i.lead for i in report.plan.items] == [
        "坚定不移扩大有效投资",
        "坚定不移壮大实体经济",
        "坚定不移改善民生",
    ]
    assert [s.title for s in report.sections][-1] == "2021年主要工作任务"
    for term in ("四个口子", "一核四区", "三城同创"):
        assert term not in report.body_text()


def test_a_run_of_shortfalls_in_one_sentence_is_one_problem_each() -> None:
    report = _report(
        _review(
            "我们也清醒认识到，发展中还存在不少困难和问题，主要是：经济持续回升向好的态势还需巩固，"
            "创新潜力释放不充分，部分企业盈利下降、经营困难，居民就业增收压力较大，"
            "科技成果就地转化率仅为30%左右，民生保障存在薄弱环节。对此，我们一定高度重视。"
        )
        + RUN_IN_PLAN
    )
    # a clause that names no shortfall of its own (a figure) stays with the one before it
    assert [i.text.rstrip("。") for i in report.problems.items] == [
        "经济持续回升向好的态势还需巩固",
        "创新潜力释放不充分",
        "部分企业盈利下降、经营困难",
        "居民就业增收压力较大，科技成果就地转化率仅为30%左右",
        "民生保障存在薄弱环节",
    ]


def test_shorter_sentences_of_a_passage_that_runs_its_problems_together() -> None:
    report = _report(
        _review(
            "我们也清醒认识到，发展中还存在不少矛盾和问题：经济运行中不确定因素较多，有效需求依然不足，"
            "一些企业生产经营困难，群众就业增收难度较大，基层财政收支矛盾突出。"
            "一些地方推动高质量发展能力亟待提高，作风建设还需进一步加强。对此，我们一定认真加以解决。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items][-2:] == [
        "一些地方推动高质量发展能力亟待提高",
        "作风建设还需进一步加强",
    ]
    assert len(report.problems.items) == 7


def test_a_group_set_off_with_semicolons_is_one_problem() -> None:
    report = _report(
        _review(
            "同时，我们也清醒认识到，老问题、新挑战仍然不少，主要是：经济总量不大，人均水平相对偏低；"
            "经济循环存在堵点，供强需弱矛盾凸显，市场预期偏弱，消费、投资增长动力不足；农业现代化相对滞后；"
            "对标高效能治理，社会治理体系有待进一步完善，安全生产等领域风险依然存在。我们将直面问题。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items] == [
        "经济总量不大，人均水平相对偏低",
        "经济循环存在堵点，供强需弱矛盾凸显，市场预期偏弱，消费、投资增长动力不足",
        "农业现代化相对滞后",
        # a group the report frames (对标…) lists its problems
        "社会治理体系有待进一步完善",
        "安全生产等领域风险依然存在",
    ]


@pytest.mark.parametrize(
    "achievements",
    [
        [
            "五年来，我们主要取得以下成就。",
            f"一是综合实力再上台阶。{FILLER}",
            f"二是创新引领成势见效。{FILLER}",
            f"三是民生福祉持续增进。{FILLER}",
        ],
        [
            "五年来主要取得以下成就：一是综合实力再上台阶，地区生产总值突破一万亿元；"
            "二是创新引领成势见效，研发投入强度达到2.5%；三是民生福祉持续增进。"
        ],
        # only some headings claim progress in so many words, none admits a shortfall
        [
            "五年来，我们主要取得以下成就。",
            f"一是综合实力再上台阶。{FILLER}",
            f"二是创新引领纵深推进。{FILLER}",
            f"三是民生福祉焕然一新。{FILLER}",
        ],
    ],
)
def test_achievements_beside_the_admission_are_not_problems(achievements: list[str]) -> None:
    admission = "我们也清醒认识到，发展中还存在不少困难和问题。对此，我们一定高度重视。"
    report = _report([*_review(*achievements, admission), *RUN_IN_PLAN])
    leads = " ".join(i.lead for i in report.problems.items)
    for achieved in ("综合实力再上台阶", "创新引领", "民生福祉"):
        assert achieved not in leads


def test_a_part_title_printed_on_two_lines_is_one_title() -> None:
    body = [
        "一、2025年工作回顾", FILLER,
        "二、“十五五”时期主要目标任务和", "2026年重点工作",
        f"今年政府工作的总体要求是：稳中求进。{FILLER}",
        f"（一）扩大有效需求。{FILLER}", f"（二）保障和改善民生。{FILLER}",
    ]  # fmt: skip
    report = _report(body, title="2026年某省政府工作报告")
    assert [s.title for s in report.sections] == [
        "2025年工作回顾",
        "“十五五”时期主要目标任务和2026年重点工作",
    ]
    assert report.plan.year == 2026
    assert [i.lead for i in report.plan.items] == ["扩大有效需求", "保障和改善民生"]


@pytest.mark.parametrize(
    "plan_part",
    [
        # the part's own list is its sub-parts: the tasks are in the one that plans the year
        [
            "二、“十五五”时期主要目标和2026年工作",
            "（一）“十五五”时期主要目标任务", f"一是综合实力明显提升。{FILLER}", f"二是创新能力明显提升。{FILLER}",
            "（二）2026年主要工作", f"1.扩大有效需求。{FILLER}", f"2.建设现代化产业体系。{FILLER}",
            f"3.保障和改善民生。{FILLER}",
        ],
        [
            "二、2026年工作安排", "（一）总体要求", f"今年政府工作的总体要求是：稳中求进。{FILLER}",
            "（二）主要预期目标", "地区生产总值增长5%左右。",
            "（三）重点工作", f"1.扩大有效需求。{FILLER}", f"2.建设现代化产业体系。{FILLER}",
            f"3.保障和改善民生。{FILLER}",
        ],
        # the principles printed as the first of the numbered items are not a task
        [
            "二、2026年工作安排", f"（一）总体要求。今年政府工作的总体要求是：稳中求进。{FILLER}",
            f"（二）扩大有效需求。{FILLER}", f"（三）建设现代化产业体系。{FILLER}",
            f"（四）保障和改善民生。{FILLER}",
        ],
    ],
)  # fmt: skip
def test_the_plan_is_the_years_tasks_not_its_frame(plan_part: list[str]) -> None:
    report = _report(["一、2025年工作回顾", FILLER, *plan_part], title="2026年某省政府工作报告")
    assert report.plan.year == 2026
    assert [i.lead for i in report.plan.items] == [
        "扩大有效需求",
        "建设现代化产业体系",
        "保障和改善民生",
    ]


# The test's own reading of where a page's closing matter starts (a glossary, an attachment,
# related links, the editor's line) and of the page chrome that may sit anywhere: written
# apart from the engine's, so that the engine is checked against it.
_CLOSING_START = re.compile(
    r"^.{0,24}(?:名词|术语|注释|注解)|^[(【\[]?\s*(?:附件|附表|附录|相关报道|相关链接|责任编辑|编辑\s*:)"
)
_PAGE_CHROME = re.compile(
    r"版权所有|ICP备|公网安备|扫一扫|关闭窗口|打印本页|责任编辑|相关报道|网站地图"
)


def _closing_lines(path: Path) -> list[str]:
    lines = [fold(line).strip() for line in path.read_text(encoding="utf-8").splitlines()]
    start = next(
        (i for i, line in enumerate(lines) if len(line) <= 40 and _CLOSING_START.match(line)),
        len(lines),
    )
    return [line for line in lines[start:] if len(line) >= 10]  # a table cell (2022年) is no entry


def _corpus_reports() -> list[Path]:
    return sorted(CORPUS.rglob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", _corpus_reports(), ids=lambda p: p.stem)
def test_no_closing_matter_in_any_corpus_plan_or_problems(path: Path) -> None:
    report = parse_file(path)
    closing = _closing_lines(path)
    for item in (*report.plan.items, *report.problems.items):
        said = fold(f"{item.lead}{item.text}")
        assert not _PAGE_CHROME.search(said), f"{path.name}: {item.lead}"
        for line in closing:
            assert line not in said, f"{path.name}: {item.lead} holds closing matter {line}"


def test_the_corpus_check_sees_a_glossary(tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_text("\n".join(["正文", "政府工作报告名词、术语注释", *GLOSSARY]), encoding="utf-8")
    assert fold(GLOSSARY[0]) in _closing_lines(path)


# The test's own reading of a first-year report's five-year goals: from the first line that
# names the five-year plan's goals to the line that opens the year (今年是“十五五”开局之年).
_FIVE_YEAR_GOALS = re.compile(r"(?:“?十[一二三四五六七八九]五”?|今后五年).{0,10}目标")
_FIRST_YEAR = re.compile(r"^(?:今年|明年|\d{4}年)是.{0,12}开局之年")
# A part title cut at the end of a line: it ends on a word that joins it to the next.
_CUT_TITLE = re.compile(r"[和及与、的暨并,，]$")


def _goals_passage(path: Path) -> str:
    lines = [fold(line).strip() for line in path.read_text(encoding="utf-8").splitlines()]
    start = next((i for i, line in enumerate(lines) if _FIVE_YEAR_GOALS.search(line)), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if _FIRST_YEAR.match(lines[i])), None)
    return "\n".join(lines[start:end]) if end is not None else ""


@pytest.mark.parametrize("path", _corpus_reports(), ids=lambda p: p.stem)
def test_no_five_year_goal_or_cut_part_title_in_any_corpus_report(path: Path) -> None:
    report = parse_file(path)
    goals = _goals_passage(path)
    for item in report.plan.items:
        lead = fold(item.lead)[:12]
        assert not goals or lead not in goals, f"{path.name}: five-year goal {item.lead} as a task"
    for section in report.sections:
        assert not _CUT_TITLE.search(fold(section.title)), f"{path.name}: part {section.title}"


def test_the_corpus_checks_see_five_year_goals_and_a_cut_title(tmp_path: Path) -> None:
    path = tmp_path / "goals.txt"
    text = [
        "二、“十五五”时期主要目标和2026年重点工作",
        GOALS_LEAD,
        "（一）经济实力明显提升。",
        THIS_YEAR_LEAD,
    ]
    path.write_text("\n".join(text), encoding="utf-8")
    assert "(一)经济实力明显提升。" in _goals_passage(path)
    assert _CUT_TITLE.search("“十五五”时期主要目标任务和")


GOALS_LEAD = "“十五五”时期，要努力实现以下目标："
THIS_YEAR_LEAD = f"今年是“十五五”开局之年，总体要求是：稳中求进。{FILLER}"


@pytest.mark.parametrize(
    ("goals", "tasks"),
    [
        # five goals numbered like the three tasks after them: the longer list is not the plan
        (
            [f"（{n}）{g}明显提升。{FILLER}" for n, g in zip("一二三四五", ["经济", "创新", "民生", "生态", "治理"], strict=True)],
            ["重点做好以下工作：", *(f"（{n}）{t}。{FILLER}" for n, t in zip("一二三", ("扩大有效需求", "建设现代化产业体系", "保障和改善民生"), strict=True))],
        ),
        # goals numbered (一)…, then the year's tasks numbered 1. 2. 3. (nested under the last goal)
        (
            [f"（{n}）{g}明显提升。{FILLER}" for n, g in zip("一二三", ["经济", "创新", "民生"], strict=True)],
            ["重点做好以下工作：", *(f"{n}.{t}。{FILLER}" for n, t in zip("123", ("扩大有效需求", "建设现代化产业体系", "保障和改善民生"), strict=True))],
        ),
        # numbered goals, then tasks printed as run-in leads without a number
        (
            [f"1.经济实力明显提升。{FILLER}", f"2.创新能力明显提升。{FILLER}"],
            ["重点抓好以下工作。", f"扩大有效需求。{FILLER}", f"建设现代化产业体系。{FILLER}", f"保障和改善民生。{FILLER}"],
        ),
    ],
)  # fmt: skip
def test_the_five_year_goals_before_the_tasks_are_not_the_plan(
    goals: list[str], tasks: list[str]
) -> None:
    body = [
        "一、2025年工作回顾", FILLER, "二、“十五五”时期主要目标和2026年重点工作",
        GOALS_LEAD, *goals, THIS_YEAR_LEAD, *tasks,
    ]  # fmt: skip
    report = _report(body, title="2026年某省政府工作报告")
    assert [i.lead for i in report.plan.items] == [
        "扩大有效需求",
        "建设现代化产业体系",
        "保障和改善民生",
    ]


def test_et_cetera_closing_a_run_of_problems_is_no_clause_of_it() -> None:
    report = _report(
        _review(
            "我们也清醒地认识到，发展还存在不少老问题、新挑战。营商环境仍需优化，有效需求依然不足，"
            "一些企业生产经营困难，财政收支矛盾突出。形式主义、官僚主义不同程度存在，"
            "一些领域腐败问题时有发生，等等。我们一定采取有力措施加以解决。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items][-2:] == [
        "形式主义、官僚主义不同程度存在",
        "一些领域腐败问题时有发生",
    ]


def test_short_sentences_of_two_shortfalls_are_two_problems_each() -> None:
    """A passage marking its problems with nothing finer than 。 and ，: a reader counts each
    shortfall with its own subject, even two to a sentence."""
    report = _report(
        _review(
            "我们也清醒看到，全市发展仍面临不少困难和问题，主要是：发展不充分的问题依然突出，"
            "区域差距尚未得到根本缓解。投资下行压力加大，社会消费活力不足。科技创新能力不够强。"
            "生态环境问题依然突出，地方保护主义屡禁不止。"
            "部分国有企业生产经营困难，亏损增加。对这些问题，我们一定高度重视。"
        )
        + RUN_IN_PLAN
    )
    assert [i.text.rstrip("。") for i in report.problems.items] == [
        "发展不充分的问题依然突出",
        "区域差距尚未得到根本缓解",
        "投资下行压力加大",
        "社会消费活力不足",
        "科技创新能力不够强",
        "生态环境问题依然突出",
        "地方保护主义屡禁不止",
        # 有 inside 国有 names no problems in general; a bare predicate says more of its subject
        "部分国有企业生产经营困难，亏损增加",
    ]


def test_shortcomings_counted_not_named_lead_into_the_ones_named() -> None:
    report = _report(
        _review(
            "我们也清醒地认识到，发展还存在不少老问题、新挑战。安全形势依然严峻复杂。"
            "高质量发展短板弱项仍然存在，基础设施建设相对滞后，产业发展基础还很薄弱。"
            "兴边富民还有不少亟待解决的问题。我们一定采取有力措施加以解决。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items] == [
        "安全形势依然严峻复杂",
        "基础设施建设相对滞后",
        "产业发展基础还很薄弱",
        "兴边富民还有不少亟待解决的问题",
    ]


def test_one_sentence_leading_into_numbered_problems_is_no_run_of_its_own() -> None:
    report = _report(
        _review(
            "我们也清醒地认识到，困难和问题还不少。一些长期积累的矛盾尚未根本解决，又出现了一些新问题。",
            f"一是粮食增产和农民增收难度加大。{FILLER}",
            f"二是部分行业过度投资的不良后果开始显现。{FILLER}",
        )
        + RUN_IN_PLAN
    )
    # the sentence announces the list (…，又出现了一些新问题。): no problem of its own
    assert [i.lead for i in report.problems.items] == [
        "粮食增产和农民增收难度加大",
        "部分行业过度投资的不良后果开始显现",
    ]


def test_a_sentence_saying_problems_stand_out_announces_the_numbered_list_after_it() -> None:
    report = _report(
        _review(
            "同时，我们也清醒地看到，全市发展中不平衡、不充分的问题还比较突出。",
            f"一是产业转型还需进一步加快。{FILLER}",
            f"二是城乡建设还需进一步加强。{FILLER}",
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items] == [
        "产业转型还需进一步加快",
        "城乡建设还需进一步加强",
    ]


@pytest.mark.parametrize("heading", ["政府工作报告名词、术语注释", "名词解释", "附：名词解释"])
def test_a_glossary_between_parts_cuts_off_only_itself(heading: str) -> None:
    body = [
        *_review(), heading, *GLOSSARY,
        "三、2021年主要工作任务", *RUN_IN_PLAN[1:-1],
        "四、加强政府自身建设", FILLER, "各位代表！让我们团结奋斗，再创佳绩。",
    ]  # fmt: skip
    report = _report(body)
    assert [s.title for s in report.sections] == [
        "2020年工作回顾",
        "“十四五”时期奋斗目标",
        "2021年主要工作任务",
        "加强政府自身建设",
    ]
    assert [i.lead for i in report.plan.items] == [
        "坚定不移扩大有效投资",
        "坚定不移壮大实体经济",
        "坚定不移改善民生",
    ]
    for term in ("四个口子", "一核四区", "三城同创"):
        assert term not in report.body_text()


def test_a_consequence_among_shortfalls_stays_with_the_one_it_follows() -> None:
    report = _report(
        _review(
            "要清醒看到发展面临的问题和挑战。世界经济增速放缓，保护主义加剧，大宗商品价格大幅波动，外部输入性风险上升。"
            "国内经济下行压力加大，消费增速减慢。"
            "政府工作存在不足，一些改革举措落实不到位，形式主义、官僚主义仍然突出，"
            "督查检查考核过多过频，加重基层负担。少数干部懒政怠政，群众不满意。"
            "社会事业发展滞后，群众对上学难等问题反映比较强烈。我们一定要直面问题。"
        )
        + RUN_IN_PLAN
    )
    assert [i.text.rstrip("。") for i in report.problems.items][4:] == [
        "国内经济下行压力加大",
        "消费增速减慢",
        "一些改革举措落实不到位",
        "形式主义、官僚主义仍然突出",
        "督查检查考核过多过频，加重基层负担",
        # the public's reaction to a shortfall is no shortfall of its own
        "少数干部懒政怠政，群众不满意",
        "社会事业发展滞后，群众对上学难等问题反映比较强烈",
    ]


def test_shortcomings_given_as_examples_after_room_to_improve() -> None:
    report = _report(
        [
            *_review("在肯定成绩的同时，我们也清醒地认识到，还存在一些问题，主要表现在：财政基础还不扎实；"
                     "农业产业化水平有待提高。对此，我们将认真解决。"),
            *RUN_IN_PLAN[:-1],
            "四、努力建设人民满意的政府", FILLER,
            "各位代表，客观地看，我们还有诸多方面需要改进和完善，如敢闯敢试的胆魄不足，"
            "部门执行力不够、相互推诿扯皮，办事人员“中梗阻”的情况还不同程度存在。对此，我们坚决予以查处。",
        ]
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "财政基础还不扎实",
        "农业产业化水平有待提高",
        "敢闯敢试的胆魄不足",
        "部门执行力不够、相互推诿扯皮",
        "办事人员“中梗阻”的情况还不同程度存在",
    ]


def test_the_moment_framing_a_run_of_gaps_is_no_problem() -> None:
    report = _report(
        _review(
            "同时，我们也清醒地认识到，当前我市正处于爬坡过坎的关键时期，总体发展水平与高质量发展的要求还有差距，"
            "城市环境品质与先进城市相比还有差距，公共服务水平与群众的期待还有差距，"
            "政府治理能力与城市发展的需求还有差距。我们要直面这些问题。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items] == [
        "总体发展水平与高质量发展的要求还有差距",
        "城市环境品质与先进城市相比还有差距",
        "公共服务水平与群众的期待还有差距",
        "政府治理能力与城市发展的需求还有差距",
    ]


def test_a_glossary_numbered_like_the_parts_still_ends_the_report() -> None:
    entries = [
        f"{n}、{term}"
        for n, term in zip(
            "一二三四五", ["四个口子", "一核四区", "三城同创", "两区建设", "三大攻坚"], strict=True
        )
    ]
    body = [*_review(), *RUN_IN_PLAN, "名词解释", *(f"{e}\n指区内重点工作。" for e in entries)]
    report = _report(body)
    assert [s.title for s in report.sections][-1] == "2021年主要工作任务"
    assert "三城同创" not in report.body_text()


def test_an_admission_in_the_plan_part_that_gives_its_problems_as_examples() -> None:
    """A plan part's situation analysis frames the tasks, but one that admits problems and
    names them as examples (…需要解决的问题，如A，B，C。) lists problems, one per example."""
    report = _report(
        [
            *_review("我们也清醒地看到，工作中还有缺点和失误。财政收支矛盾突出。"),
            *RUN_IN_PLAN[:2],
            "当前形势令人鼓舞。但是，我们也清醒地看到，在经济快速增长中，还有一些薄弱环节和需要解决的问题，"
            "如投资增长较猛，投资结构不尽合理，能源和部分原材料紧张，信贷投放增长过快。今年要稳中求进。",
            "同时要清醒看到外部环境更趋复杂，区域竞争日趋激烈。我们要坚定信心。",
            *RUN_IN_PLAN[2:],
        ]
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "财政收支矛盾突出",
        "投资增长较猛",
        "投资结构不尽合理",
        "能源和部分原材料紧张",
        "信贷投放增长过快",
    ]


def test_an_admission_in_a_plan_task_that_opens_the_list_of_its_problems() -> None:
    """Inside a task of the plan, a paragraph that names problems in general and opens their
    list (…面临不同程度的困难和问题。主要原因，一是… / …还存在一些短板，主要是：一是A；二是B。)
    admits them, one per point; the task's own measures (第一，…) and a shortfall stated only
    to motivate a task are no problems."""
    report = _report(
        [
            *_review("我们也清醒地看到，工作中还有缺点和失误。财政收支矛盾突出。"),
            "二、2021年主要工作任务",
            "（一）推进企业改革",
            "企业改革是今年的重点。目前部分企业确实面临不同程度的困难和问题。主要原因，",
            "一是", "经营机制不适应市场竞争的要求。", "二是", "技术装备落后，历史包袱沉重。",
            "第一，抓好骨干企业。", FILLER, "第二，放活小型企业。", FILLER,
            "（二）优化营商环境",
            "当前营商环境还存在一些短板，主要是：一是审批环节仍然偏多；二是涉企服务不够精准。"
            f"要深化放管服改革。{FILLER}",
            "（三）加强生态保护",
            f"大气污染防治形势依然严峻。要打好蓝天保卫战。{FILLER}",
        ]
    )  # fmt: skip
    assert [i.lead for i in report.plan.items] == ["推进企业改革", "优化营商环境", "加强生态保护"]
    assert [i.lead for i in report.problems.items] == [
        "财政收支矛盾突出",
        "经营机制不适应市场竞争的要求",
        "技术装备落后，历史包袱沉重",
        "审批环节仍然偏多",
        "涉企服务不够精准",
    ]


PLAN_PART = ["二、2021年工作安排", f"今年政府工作的总体要求是：稳中求进。{FILLER}"]
PLAN_TASKS = [
    f"（一）扩大有效投资。{FILLER}",
    f"（二）壮大实体经济。{FILLER}",
    f"（三）持续改善民生。{FILLER}",
]


@pytest.mark.parametrize(
    ("admission", "problems"),
    [
        pytest.param(
            "同时也要清醒看到，我县发展还面临不少困难和问题：一是经济总量偏小；二是产业层次偏低；三是民生短板较多。",
            ["经济总量偏小", "产业层次偏低", "民生短板较多"],
            id="problems named in general, then their points",
        ),
        pytest.param(
            "当前我县发展还存在一些突出问题。究其原因，一是思想观念不够解放；二是体制机制还不完善。",
            ["思想观念不够解放", "体制机制还不完善"],
            id="the causes looked into",
        ),
        pytest.param(
            "与先进地区相比，我们还有较大差距，差距主要表现在：一是经济总量偏小；二是产业层次偏低。",
            ["经济总量偏小", "产业层次偏低"],
            id="where the gap shows",
        ),
        pytest.param(
            "发展不平衡不充分的问题仍然突出，问题的根源在于：一是产业结构不合理；二是创新能力不强。",
            ["产业结构不合理", "创新能力不强"],
            id="the root of the problems",
        ),
        pytest.param(
            "我县发展还存在一些问题，主要体现在：一是经济总量偏小；二是产业层次偏低。",
            ["经济总量偏小", "产业层次偏低"],
            id="where the problems are seen",
        ),
        pytest.param(
            "我们也清醒地认识到，我县发展仍存在一些短板：经济总量偏小，产业层次偏低，民生短板较多。",
            ["经济总量偏小", "产业层次偏低", "民生短板较多"],
            id="problems named in general, then a colon",
        ),
        pytest.param(
            "从外部看，世界经济复苏乏力，外需持续低迷；从内部看，我县经济下行压力加大，财政收支矛盾突出。",
            [],
            id="situation analysis",
        ),
        # what the year's work sets out to solve or make up for is no admission
        pytest.param(
            "今年要着力解决群众反映强烈的以下问题：一是解决上学难问题；二是解决看病难问题。", [], id="to solve"
        ),
        pytest.param("要着力补齐以下短板：一是补齐交通基础设施短板；二是补齐公共服务短板。", [], id="to make up"),
        pytest.param("我县工业基础薄弱，产业层次偏低，必须坚定不移抓工业。", [], id="a task's motive"),
    ],
)  # fmt: skip
def test_an_admission_before_the_tasks_of_the_plan_part(
    admission: str, problems: list[str]
) -> None:
    """The plan part's situation analysis frames the tasks, but an admission there that names
    its problems in general and opens their points — with a colon, 究其原因, 原因在于, 问题的根源
    在于, 差距主要表现在 — lists problems, one per point, beside the review's; the tasks stay
    the plan."""
    report = _report(
        [
            *_review("我们也清醒地看到，工作中还有缺点和失误。财政收支矛盾突出。"),
            *PLAN_PART,
            admission,
            *PLAN_TASKS,
        ]
    )
    assert [i.lead for i in report.plan.items] == ["扩大有效投资", "壮大实体经济", "持续改善民生"]
    assert [i.lead for i in report.problems.items] == ["财政收支矛盾突出", *problems]


@pytest.mark.parametrize(
    "admission",
    [
        "同时也要清醒看到，我县发展还面临不少困难和问题：一是经济总量偏小；二是产业层次偏低；三是民生短板较多。",
        "与先进地区相比，我们还有较大差距，差距主要表现在：一是经济总量偏小；二是产业层次偏低；三是民生短板较多。",
    ],
    ids=["problems named in general", "where the gap shows"],
)  # fmt: skip
def test_problems_listed_before_run_in_tasks_are_not_the_plan(admission: str) -> None:
    """A plan part whose tasks lead their paragraphs unnumbered (坚定不移…。) and whose situation
    paragraph numbers the problems it admits: the tasks are the plan, the points the problems."""
    report = _report([*_review(), *RUN_IN_PLAN[:2], admission, *RUN_IN_PLAN[2:]])
    tasks = ["坚定不移扩大有效投资", "坚定不移壮大实体经济", "坚定不移改善民生"]
    assert [i.lead for i in report.plan.items] == tasks
    assert [i.lead for i in report.problems.items] == [
        "经济总量偏小",
        "产业层次偏低",
        "民生短板较多",
    ]


def test_a_run_in_lead_that_admits_problems_is_no_task() -> None:
    """当前我县发展还存在一些突出问题。究其原因，… leads its paragraph like a run-in task, but
    admits: no task; a line that only admits (…也面临不少困难和挑战。) before numbered tasks
    opens no list of problems."""
    admits = "当前我县发展还存在一些突出问题。究其原因，一是思想观念不够解放；二是体制机制还不完善。今年要稳中求进。"
    report = _report([*_review(), *RUN_IN_PLAN[:2], admits, *RUN_IN_PLAN[2:]])
    assert [i.lead for i in report.plan.items] == [
        "坚定不移扩大有效投资",
        "坚定不移壮大实体经济",
        "坚定不移改善民生",
    ]
    only = "今年，我们面临的形势依然复杂严峻，也面临不少困难和挑战。"
    report = _report([*_review(), *PLAN_PART, only, *PLAN_TASKS])
    assert [i.lead for i in report.plan.items] == ["扩大有效投资", "壮大实体经济", "持续改善民生"]


def test_problems_each_a_paragraph_below_a_lead_in_that_opens_them() -> None:
    """…工作中还存在一些困难和问题： then one unnumbered paragraph per problem (its lead, then its
    details): one problem per paragraph, up to the pledge."""
    report = _report(
        [
            "一、2020年工作回顾", FILLER,
            "我们也清醒地看到，工作中还存在一些困难和问题：",
            "经济增长新动能不足。传统产业占比偏高，新兴产业规模偏小。",
            "财政收支矛盾加剧。刚性支出增加，可用财力增长乏力。",
            "公共服务供给不够均衡。城乡教育医疗资源差距仍然较大。",
            "对此，我们将高度重视，认真加以解决。",
            *RUN_IN_PLAN,
        ]
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "经济增长新动能不足",
        "财政收支矛盾加剧",
        "公共服务供给不够均衡",
    ]
    assert "新兴产业规模偏小" in report.problems.items[0].text


def test_the_sides_of_the_problems_and_one_added_at_the_same_time() -> None:
    """一方面，A；另一方面，B。同时，C。: A and B without the words that mark them, and C (同时
    adding a shortfall, not 同时，我们也要看到… closing the passage)."""
    report = _report(
        [
            *_review(
                "我们也清醒地认识到，一方面，经济下行压力持续加大，工业经济增长乏力；另一方面，"
                "民生领域短板依然明显，公共服务供给不足。同时，政府自身建设还存在薄弱环节，少数干部"
                "作风不实。同时，我们也要看到，发展的基本面没有变。"
            ),
            *RUN_IN_PLAN,
        ]
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "经济下行压力持续加大，工业经济增长乏力",
        "民生领域短板依然明显，公共服务供给不足",
        "政府自身建设还存在薄弱环节，少数干部作风不实",
    ]


def test_problems_after_a_general_admission_in_the_same_sentence() -> None:
    """…还存在一些问题，A，B，C。: the clauses after the general one are the problems (it names
    none itself); …还存在不少老问题、新挑战。 alone is one general admission, no run."""
    report = _report(
        [
            *_review(
                "我区还存在一些问题，行政执法规范化水平有待提升，基层法治力量相对薄弱，"
                "法治宣传教育的针对性还不够强。我们将认真解决。"
            ),
            *RUN_IN_PLAN,
        ]
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "行政执法规范化水平有待提升",
        "基层法治力量相对薄弱",
        "法治宣传教育的针对性还不够强",
    ]


def test_a_task_that_narrows_a_gap_is_no_part_for_the_problems() -> None:
    """Plan tasks headed （二）着力缩小城乡区域差距 or （三）弥补民生领域不足 name what they remedy:
    the problems are still the ones the review admits, none taken from the tasks."""
    report = _report(
        [
            *_review("我们也清醒地看到，经济总量偏小，产业结构不优，财政收支矛盾突出。"),
            "三、2021年主要工作任务",
            f"（一）扩大有效投资。{FILLER}",
            "（二）着力缩小城乡区域差距。加快补齐农村基础设施短板，城乡收入差距进一步缩小。",
            "（三）弥补民生领域不足。教育医疗资源不足的问题要加快解决。",
        ]
    )
    assert [i.lead for i in report.plan.items] == [
        "扩大有效投资",
        "着力缩小城乡区域差距",
        "弥补民生领域不足",
    ]
    assert [i.lead for i in report.problems.items] == [
        "经济总量偏小",
        "产业结构不优",
        "财政收支矛盾突出",
    ]


SHORTCOMINGS_THEN_PLAN = [
    pytest.param(
        ["二、存在的不足和下一步工作打算",
         "一年来取得了一定成效，但也存在一些不足：一是行政执法规范化水平有待提升；二是基层法治力量相对薄弱。",
         "2022年，我们将重点做好以下工作：",
         f"（一）深入学习贯彻法治思想。{FILLER}", f"（二）持续推进规范执法。{FILLER}"],
        id="numbered in a paragraph, then the tasks",
    ),
    pytest.param(
        ["二、存在的问题及下一步工作计划",
         "我区还存在一些问题，行政执法规范化水平有待提升，基层法治力量相对薄弱。下一步，我们将重点做好以下工作：",
         f"（一）深入学习贯彻法治思想。{FILLER}", f"（二）持续推进规范执法。{FILLER}"],
        id="run together, then the tasks",
    ),
    pytest.param(
        ["二、存在的不足和下一步工作打算",
         "（一）存在的不足", "一是行政执法规范化水平有待提升；二是基层法治力量相对薄弱。",
         "（二）下一步工作打算",
         f"1.深入学习贯彻法治思想。{FILLER}", f"2.持续推进规范执法。{FILLER}"],
        id="a sub-part each",
    ),
]  # fmt: skip


@pytest.mark.parametrize("part", SHORTCOMINGS_THEN_PLAN)
def test_one_part_for_the_shortcomings_and_the_next_steps(part: list[str]) -> None:
    """存在的不足和下一步工作打算 (a 法治政府 report's last part): the tasks are the plan and
    never problems; the problems are what the part admits before them."""
    report = _report(
        ["2021年，区政府深入推进法治政府建设。", "一、主要举措和成效", FILLER, *part],
        title="某区2021年度法治政府建设情况报告",
    )
    assert [i.lead for i in report.plan.items] == ["深入学习贯彻法治思想", "持续推进规范执法"]
    assert [i.lead for i in report.problems.items] == [
        "行政执法规范化水平有待提升",
        "基层法治力量相对薄弱",
    ]


def test_a_numbered_point_that_frames_a_run_and_the_shortfalls_added_after_the_list() -> None:
    """Points numbered 一是… are one problem each, but a point that only frames a run (对标…，
    A，B) counts its clauses, and a sentence after the last point (此外，…) its own."""
    report = _report(
        _review(
            "同时，我们也清醒地认识到，发展还面临不少困难和挑战：一是经济下行压力加大，部分企业经营困难。"
            "二是对标国际一流水平，营商环境还有差距，与国际通行规则衔接还需加强，社会信用体系不够完善。"
            "此外，作风建设还需要持续强化，一些领域还存在腐败问题，政务服务水平仍有较大提升空间。"
            "对此，我们一定要改进工作。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items] == [
        "经济下行压力加大，部分企业经营困难",
        # a clause with no subject of its own (与…) says more of the one before it
        "营商环境还有差距，与国际通行规则衔接还需加强",
        "社会信用体系不够完善",
        # where a shortfall shows (一些领域还存在…) is no shortfall of its own
        "作风建设还需要持续强化，一些领域还存在腐败问题",
        "政务服务水平仍有较大提升空间",
    ]
    assert all("对此" not in i.text for i in report.problems.items)


def test_a_promise_reported_unkept_is_a_problem_with_its_causes() -> None:
    """这里还要向大会如实报告：A，仍有4项未能如期完成。这既有…，更主要的是…。: one problem, its
    causes with it; the pledge after it is none."""
    report = _report(
        _review(
            "这里还要向大会如实报告：去年确定的10项民生实事，已完成8项，仍有2项未能如期完成。"
            "这既有客观因素造成的工期延误，更主要的还是我们主观努力不够。我们一定深刻反思，努力改进。"
        )
        + RUN_IN_PLAN
    )
    assert [i.lead for i in report.problems.items] == [
        "去年确定的10项民生实事，已完成8项，仍有2项未能如期完成"
    ]
    assert "主观努力不够" in report.problems.items[0].text


def test_shortcomings_and_mistakes_admitted_and_what_goes_further() -> None:
    report = _report(
        _review(
            "政府工作中也存在一些缺点和失误：有些政策措施出台后落实不够；少数工作人员以权谋私。",
            "我们也清醒地认识到，前进中还有不少困难和问题。结构性矛盾突出，部分行业产能过剩。"
            "政府自身建设还存在不少问题，一些部门和工作人员作风不实，有的甚至以权谋私、贪污腐败。我们一定要高度重视。",
        )
        + RUN_IN_PLAN
    )  # fmt: skip
    assert [i.lead for i in report.problems.items] == [
        "有些政策措施出台后落实不够",
        "少数工作人员以权谋私",
        "结构性矛盾突出",
        "部分行业产能过剩",
        # the general clause is no item; 有的甚至… goes further on the clause before it
        "一些部门和工作人员作风不实，有的甚至以权谋私、贪污腐败",
    ]


def test_a_review_headed_like_a_plan_before_the_next_steps() -> None:
    """一、主要工作 (the year's work done) then 二、下一步工作安排: the plan is the second part's
    tasks, not the shortfalls 一是…二是… the first admits, and those are the problems."""
    body = [
        "一、主要工作", FILLER,
        "虽然我市法治政府建设取得了一定成效，但也存在一些问题和不足，主要是：一是部分领导干部法治意识还不够强；"
        "二是行政执法队伍素质参差不齐；三是行政复议应诉工作仍需加强。",
        "二、下一步工作安排", f"（一）加强组织领导。{FILLER}", f"（二）规范行政执法。{FILLER}",
    ]  # fmt: skip
    report = _report(body, title="关于某市2023年度法治政府建设工作的报告")
    assert [i.lead for i in report.plan.items] == ["加强组织领导", "规范行政执法"]
    assert [i.lead for i in report.problems.items] == [
        "部分领导干部法治意识还不够强",
        "行政执法队伍素质参差不齐",
        "行政复议应诉工作仍需加强",
    ]


# How a reader counts the problems of a passage, one shape per case (RULES.md of the report labels).
READER_COUNTS = [
    pytest.param(
        "回顾过去一年，我们也感到政府工作还有很多不足。由于施工项目统筹不足，工程安排不够合理，"
        "加上文明施工管理不到位，施工扰民问题多发。由于财力有限，部分民生项目推进缓慢。在此，我们向市民表示歉意。",
        # 由于A，加上B，C: A and B each fall short, C (what they cause) stays with B; 由于A，C is one
        ["由于施工项目统筹不足，工程安排不够合理", "加上文明施工管理不到位，施工扰民问题多发",
         "由于财力有限，部分民生项目推进缓慢"],
        id="two causes that each fall short",
    ),
    pytest.param(
        "我们也清醒地看到，工作中还有缺点和失误。财政收支矛盾突出。"
        "机关中存在的官僚主义、形式主义等脱离群众的不良作风，少数干部贪污受贿等腐败行为，"
        "损害了政府同人民群众的密切联系。我们一定要认真解决这些问题。",
        # A作风，B行为，损害了…: two shortfalls named as things, one predicate for both
        ["财政收支矛盾突出", "机关中存在的官僚主义、形式主义等脱离群众的不良作风",
         "少数干部贪污受贿等腐败行为，损害了政府同人民群众的密切联系"],
        id="shortfalls named as things sharing what they harm",
    ),
    pytest.param(
        "我们也要清醒地看到，全县发展中还存在着不容忽视的问题：一是企业规模小，结构单一。"
        "二是城乡建设和管理服务还需进一步改善。重大基础设施还存在短板，公共服务均等化任重道远。"
        "在清醒地认识这些问题的同时，我们还要看到，区域竞争日趋激烈，周边县市竞相发展的势头强劲。",
        # after the last point, 我们还要看到，C，D: one more; a point's particulars stay with it
        ["企业规模小，结构单一", "城乡建设和管理服务还需进一步改善", "区域竞争日趋激烈，周边县市竞相发展的势头强劲"],
        id="a difficulty admitted after the last point",
    ),
    pytest.param(
        "同时，我们也清醒地认识到，发展还面临不少困难和挑战：一是经济下行压力加大。二是财政收支矛盾突出。"
        "此外，我们还将着力解决群众关心的突出问题。对此，我们一定要改进工作。",
        ["经济下行压力加大", "财政收支矛盾突出"],  # 此外，我们还将…: an intention, no problem
        id="an intention after the last point",
    ),
    pytest.param(
        "同时，我们也清醒地认识到，发展中还存在不少矛盾和问题。特别是，我们的实体经济发展压力还很大，"
        "生产经营成本偏高。我们的基本公共服务还有很多短板，学前教育总体水平偏低；医疗资源总体不足，"
        "床位紧；文体设施总量较少。我们的城市管理还比较粗放，安全隐患问题突出。我们要直面这些问题。",
        # 我们的X…。我们的Y…: sentences opening in parallel on their theme, their ；-pieces its particulars
        ["我们的实体经济发展压力还很大，生产经营成本偏高",
         "我们的基本公共服务还有很多短板，学前教育总体水平偏低；医疗资源总体不足，床位紧；文体设施总量较少",
         "我们的城市管理还比较粗放，安全隐患问题突出"],
        id="sentences opening in parallel on their theme",
    ),
    pytest.param(
        "我们也清醒地认识到，发展还存在不少困难挑战。安全形势依然严峻复杂。"
        "高质量发展还有不少短板弱项，区域发展不平衡的问题依然突出，特别是发展环境仍有一定差距，"
        "城市管理等领域还存在一些老问题。我们将直面问题。",
        # X还有不少短板弱项，A，特别是B，C: no item for X, 特别是B goes further on A, C its own
        ["安全形势依然严峻复杂", "区域发展不平衡的问题依然突出，特别是发展环境仍有一定差距", "城市管理等领域还存在一些老问题"],
        id="what goes further after a general clause",
    ),
    pytest.param(
        "我们也要看到，发展中还存在一些不容忽视的问题。主要是：经济下行压力较大，财政收支矛盾突出，"
        "民生领域还有不少短板，少数干部作风不实。我们将高度重视。",
        ["经济下行压力较大", "财政收支矛盾突出", "民生领域还有不少短板", "少数干部作风不实"],
        id="a style not solid",
    ),
    pytest.param(
        "我们清醒看到，经济总量不大，工业投资下滑，部分企业经营困难，人才流失较多，城市管理粗放。",
        # words that say something falls short (不大, 下滑, 流失, 粗放): one problem each
        ["经济总量不大", "工业投资下滑", "部分企业经营困难", "人才流失较多", "城市管理粗放"],
        id="shortfall words of the genre",
    ),
    pytest.param(
        "我们清醒看到，全区经济发展质量不高，农业基础薄弱，抗风险能力不强，科技创新能力较弱。",
        # the power to withstand is an aspect of the shortfall before it
        ["全区经济发展质量不高", "农业基础薄弱，抗风险能力不强", "科技创新能力较弱"],
        id="the power to withstand",
    ),
    pytest.param(
        "当前，我市发展面临的困难和问题主要有：经济下行压力加大；财政收支矛盾突出；部分群众生活还比较困难。",
        ["经济下行压力加大", "财政收支矛盾突出", "部分群众生活还比较困难"],
        id="the difficulties faced",
    ),
    pytest.param(
        "对照人民群众的期盼，我们的工作还存在一定差距：经济下行压力加大，财政收支矛盾突出，"
        "部分群众生活还比较困难。我们将认真改进。",
        ["经济下行压力加大", "财政收支矛盾突出", "部分群众生活还比较困难"],
        id="the gap that remains",
    ),
    pytest.param(
        "当前经济运行中的主要问题是：有效需求不足，部分行业产能过剩，财政收支矛盾突出。对此，我们将认真解决。",
        ["有效需求不足", "部分行业产能过剩", "财政收支矛盾突出"],
        id="the main problems named",
    ),
    pytest.param(
        "我们也清醒地看到，还存在不少亟待解决的问题。主要是：居民收入增长缓慢，一些山区和受灾乡镇居民收入减少，"
        "就业压力加大。有些单位违规挪用专项资金。重大安全事故时有发生。这些问题必须高度重视。",
        # 一些…居民收入减少: the same subject, of some of it only, goes further on the one before;
        # misuse of funds (违规挪用) is a shortfall of its own
        ["居民收入增长缓慢，一些山区和受灾乡镇居民收入减少", "就业压力加大", "有些单位违规挪用专项资金",
         "重大安全事故时有发生"],
        id="some of the same subject and funds misused",
    ),
    pytest.param(
        "但我们也要看到，有效需求不足，部分行业产能过剩的问题依然突出，财政收支矛盾突出。我们一定认真解决。",
        # 也要看到 then the first problem itself, no lead-in naming them in general
        ["有效需求不足", "部分行业产能过剩的问题依然突出", "财政收支矛盾突出"],
        id="the first problem seen at once",
    ),
    pytest.param(
        "我们也清醒地看到，经济回升向好的基础还不稳固，财政运行持续承压，资源环境约束趋紧，企业利润空间收窄，"
        "科技成果本地转化率低，历史包袱沉重，一些干部抓落实不严不细。",
        # shortfalls said by 承压, 趋紧, 收窄, 沉重, …率低, 不严不细: each one of its own
        ["经济回升向好的基础还不稳固", "财政运行持续承压", "资源环境约束趋紧", "企业利润空间收窄",
         "科技成果本地转化率低", "历史包袱沉重", "一些干部抓落实不严不细"],
        id="strain, tightening and narrowing",
    ),
    pytest.param(
        "我们也清醒地看到，受外部环境影响，部分企业经营困难，财政收支矛盾突出，民生领域短板较多。",
        # 受…影响 frames the run like 在…中: no problem, nor part of the first
        ["部分企业经营困难", "财政收支矛盾突出", "民生领域短板较多"],
        id="under the influence of",
    ),
    pytest.param(
        "我们也清醒地看到，工作中还存在一些问题，主要是：（1）经济总量偏小；（2）产业结构不优；③财政收支矛盾突出；"
        "4.民生短板较多。",
        # the numbers a paragraph prints before its points are no part of the problems' words
        ["经济总量偏小", "产业结构不优", "财政收支矛盾突出", "民生短板较多"],
        id="points numbered inside the paragraph",
    ),
    pytest.param(
        "部分企业确实面临不同程度的困难和问题。主要原因，一是经营机制不适应市场竞争的要求；二是技术装备落后。",
        # an admission in general that opens its causes (主要原因，一是…), in the review as in the plan
        ["经营机制不适应市场竞争的要求", "技术装备落后"],
        id="the main causes opened",
    ),
    pytest.param(
        "过去一年，我们的工作还存在一些问题和不足。究其原因，一是思想观念不够解放；二是干部队伍能力不足；"
        "三是体制机制还不完善。我们将认真改进。",
        # 究其原因 opens the causes of problems named in general: no part of the first
        ["思想观念不够解放", "干部队伍能力不足", "体制机制还不完善"],
        id="the causes looked into",
    ),
    pytest.param(
        "发展中还存在不少问题。问题的根源在于：一是产业结构不合理；二是创新能力不强。",
        ["产业结构不合理", "创新能力不强"],  # 问题的根源在于 opens the list: no problem of its own
        id="the root of the problems",
    ),
    pytest.param(
        "与先进地区相比，我们还有较大差距。差距主要表现在：一是经济总量偏小；二是产业层次偏低；三是城乡发展不平衡。",
        ["经济总量偏小", "产业层次偏低", "城乡发展不平衡"],
        id="where the gap shows",
    ),
    pytest.param(
        "我们也清醒地看到，一些企业经营困难。原因在于：一是市场需求不足；二是融资成本偏高。",
        # a problem named itself, then its causes: the problem stays
        ["一些企业经营困难", "市场需求不足", "融资成本偏高"],
        id="a problem named, then its causes",
    ),
    pytest.param(
        "对照高质量发展要求，我们还有不小差距。差距主要体现在：一是经济总量偏小；二是产业层次偏低。",
        ["经济总量偏小", "产业层次偏低"],  # 体现在 as 表现在
        id="where the gap is seen",
    ),
    pytest.param(
        "工作中还存在一些薄弱环节：一是经济总量偏小；二是产业层次偏低。",
        ["经济总量偏小", "产业层次偏低"],  # 薄弱环节 admitted as 短板 is
        id="weak links",
    ),
    pytest.param(
        "我们清醒看到，经济总量偏小，项目落地慢、土地征迁难、工作效率低等问题依然存在，财政收支矛盾突出。",
        # A、B、C等问题 + one predicate: one kind of problem named by its examples (RULES.md rule 2)
        ["经济总量偏小", "项目落地慢、土地征迁难、工作效率低等问题依然存在", "财政收支矛盾突出"],
        id="one kind named by its examples",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("passage", "leads"), READER_COUNTS)
def test_the_problems_of_a_passage_as_a_reader_counts_them(passage: str, leads: list[str]) -> None:
    report = _report(_review(passage) + RUN_IN_PLAN)
    assert [i.lead for i in report.problems.items] == leads


def test_the_pledge_after_the_last_numbered_point_is_no_part_of_it() -> None:
    report = _report(
        _review(
            "我们也清醒地看到，工作中还存在一些问题和不足：一是经济总量偏小，产业层次不高。二是部分干部作风不实，"
            "服务意识不强。对此，我们将认真解决，决不辜负全县人民的期望。"
        )
        + RUN_IN_PLAN
    )
    assert [i.text for i in report.problems.items] == [
        "经济总量偏小，产业层次不高。",
        "部分干部作风不实，服务意识不强。",
    ]
