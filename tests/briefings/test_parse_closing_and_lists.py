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
