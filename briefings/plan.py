"""Where a report sets out the coming year's work plan, and its tasks.

Found by the genre's shapes rather than one report's words: the families of plan headings
(2025年工作安排, 对今年政府工作的建议, 关于2008年工作, 目标任务和主要工作…) scored by the year
they name, the task list chosen over the principles before it, and plans spread over several
thematic parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from .findings import HEADING_RANK, YEAR, item_lists, item_of, task_list, years_in
from .lexicon import pattern
from .model import Item, ItemList, Section
from .text import cn_number, fold

_PLAN_TITLE = pattern("heading_words", "plan_title")
_REVIEW_TITLE = pattern("heading_words", "review_title")
_LONG_TERM = pattern("heading_words", "long_term")
_PRINCIPLES_TITLE = pattern("heading_words", "principles_title")
# Parts that are not the year's tasks: standing policy (外交, 祖国统一), shortcomings.
_STANDING_TITLE = pattern("heading_words", "standing_title")
_TASKS_TITLE = pattern("heading_words", "tasks_title")
# A sub-part of the plan's part that sets out the shortcomings (存在的不足, then 下一步工作打算).
_SHORTCOMINGS = pattern("problem_words", "problem_title")


# Words that only a plan heading uses, so a review heading holding one also plans
# (1998年工作回顾和1999年工作的总体部署), unlike 主要工作成效.
_PLAN_ONLY = pattern("heading_words", "plan_only")


def _plan_score(section: Section, year: int | None) -> int:
    """How surely a top-level part is this year's plan: 0 not a plan, 1 a five-year plan,
    2 a plan, 3 a plan naming this year (or 今年)."""
    title = fold(section.title).replace(" ", "")
    if not _PLAN_TITLE.search(title):
        return 0
    if _REVIEW_TITLE.search(title) and not _PLAN_ONLY.search(title):
        return 0  # 主要工作成效: the review
    years = years_in(title)
    if year is not None and years and max(years) < year:
        return 0  # the year under review (2025年主要工作 in a 2026 report)
    # this year's plan, or next year's in a report on this year (2023年工作总结和2024年工作计划)
    if (year is not None and {year, year + 1} & set(years)) or re.search(r"今年|本年|明年", title):
        return 3
    return 1 if _LONG_TERM.search(title) else 2


def _is_review(section: Section, year: int | None) -> bool:
    title = fold(section.title).replace(" ", "")
    years = years_in(title)
    return bool(_REVIEW_TITLE.search(title)) or bool(years and year and max(years) < year)


# A thematic part's own task list: printed headings, or its measures 第一,…第六, (一是… in such
# a part is detail or a diagnosis, not the part's tasks).
_PART_TASK_STYLES = frozenset(HEADING_RANK) | {"di"}


# The lead-in that counts the tasks the parts after it set out: 今年要着重做好以下八个方面工作.
_COUNTED = re.compile(r"以下([一二两三四五六七八九十]{1,3}|\d{1,2})(?:个)?(?:方面|项)")


def _announced(lead: str) -> int | None:
    """How many tasks a lead-in says follow (以下八个方面工作: 8), or None."""
    match = _COUNTED.search(fold(lead))
    if match is None:
        return None
    number = match.group(1)
    return int(number) if number.isdigit() else cn_number(number.replace("两", "二"))


# A plan spread over this many task parts or more is read as its parts: they already name the
# year's tasks, and the points a part numbers are that task's measures. Fewer parts are broad
# areas (经济, 改革, 社会事业, 政府建设) whose numbered points are the tasks (RULES.md).
_MANY_PARTS = 5


def _thematic_items(parts: list[Section], lead: str = "") -> list[Item]:
    """Tasks of a plan spread over several parts: each part's title when the parts are many,
    else each part's numbered sub-tasks (its title when it numbers none).

    When the report counts the parts it is about to set out (以下八个方面工作), those parts are
    the tasks, standing policy (外交) among them; else standing policy and a part of principles
    alone are left out."""
    tasks = [p for p in parts if p.style != "closing"]
    count = _announced(lead)
    if count and len(tasks) >= count:
        tasks = tasks[:count]
    else:
        tasks = [
            p for p in tasks if not _STANDING_TITLE.search(p.title) and not _principles_only(p)
        ]
    if len(tasks) >= _MANY_PARTS:
        return [item_of(part) for part in tasks]
    items: list[Item] = []
    for part in tasks:
        headings = [c for c in task_list(part) if c.style in _PART_TASK_STYLES]
        items += [item_of(c) for c in headings] if len(headings) >= 2 else [item_of(part)]
    return items


def _before(sections: list[Section], part: Section, preamble: str) -> str:
    """The last line printed before `part`."""
    at = sections.index(part)
    previous = sections[at - 1] if at else None
    return _last_line(list(previous.walk())[-1].text if previous else preamble)


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _plan_parts(sections: list[Section], year: int | None) -> tuple[Section | None, list[Section]]:
    """The part that holds the plan, or the thematic parts it is spread over."""
    scores = [_plan_score(s, year) for s in sections]
    best = max(scores, default=0)
    if best:
        chosen = [s for s, score in zip(sections, scores, strict=True) if score == best]
        # 2025年工作总体部署 (principles) then 2025年主要任务 (the tasks): the tasks; of two
        # headings alike (主要工作, then 下一步工作安排) the later: the plan follows the review
        part = max(
            chosen, key=lambda s: (not _principles_only(s), bool(task_list(s)), chosen.index(s))
        )
        later = sections[sections.index(part) + 1 :]
        if _principles_only(part) and _thematic(later, year):
            return None, later
        return (part, []) if task_list(part) or not _principles_only(part) else (None, [])
    reviews = [i for i, s in enumerate(sections) if _is_review(s, year)]
    after = sections[reviews[-1] + 1 :] if reviews else sections
    return None, after if _thematic(after, year) else []


def _principles_only(section: Section) -> bool:
    title = fold(section.title)
    return bool(_PRINCIPLES_TITLE.search(title)) and not _TASKS_TITLE.search(title)


def _thematic(parts: list[Section], year: int | None) -> bool:
    """Parts that each name a task area (no review, no plan heading of their own)."""
    areas = [
        p for p in parts
        if not _is_review(p, year) and not _plan_score(p, year) and not _STANDING_TITLE.search(p.title)
    ]  # fmt: skip
    return len(areas) >= 2


def find_plan(
    sections: Sequence[Section],
    report_year: int | None,
    delivery_year: int | None = None,
    preamble: str = "",
) -> ItemList:
    year = delivery_year if delivery_year is not None else report_year
    part, spread = _plan_parts(list(sections), year)
    if part is not None:
        tasks = _tasks(part, year) or _tasks_under_goals(part) or _five_year_tasks(part, year)
        items = tuple(item_of(child) for child in tasks) or _run_in_tasks(part, _after_goals(part))
        return ItemList(part.id, items, _plan_year(part, report_year, delivery_year))
    if spread:
        lead = _before(list(sections), spread[0], preamble)
        items = tuple(_thematic_items(spread, lead))
        return ItemList(spread[0].id, items, year) if items else ItemList(None, ())
    return ItemList(None, ())


def _tasks(part: Section, year: int | None) -> list[Section]:
    """The year's tasks in a plan part: when the part's own list is its sub-parts (（一）总体要求
    （二）主要目标 （三）重点工作, or （一）"十五五"时期主要目标 （二）2026年主要工作), the tasks of
    the sub-part that plans; never the five-year goals listed before them; never the principles
    printed as one of the items (（一）总体要求。…)."""
    for _ in range(3):  # sub-parts nest a few levels at most
        tasks = task_list(part, partial(_not_tasks, part))
        plans = [c for c in tasks if _plan_score(c, year) >= 2 and len(task_list(c)) >= 2]
        frames = [
            c for c in tasks
            if _principles_only(c) or _plan_score(c, year) == 1 or _SHORTCOMINGS.search(c.title)
        ]  # fmt: skip
        if not plans or len(plans) + len(frames) < len(tasks):
            break
        part = plans[-1]
    kept = [c for c in tasks if not _principles_only(c)]
    return kept if len(kept) >= 2 else tasks


def _five_year_tasks(part: Section, year: int | None) -> list[Section]:
    """The tasks of a five-year plan that is the report's only plan (今后五年的主要任务 in a
    report with no part for the year): its list, though its lead-in speaks of the five years."""
    return task_list(part) if _plan_score(part, year) == 1 else []


# What leads into the five-year goals a report sets before the year's tasks, numbered alike:
# “十五五”时期，要努力实现以下目标：（一）…, not 今年是“十五五”开局之年…重点做好以下工作：.
_FIVE_YEAR_LEAD = re.compile(r"十[一二三四五六七八九]?五”?\s*(?:时期|期间|规划)|今后五年|未来五年")
_THIS_YEAR_LEAD = re.compile(r"今年|本年|明年|开局之年")


def _lead_in(part: Section, run: list[Section]) -> str:
    """The line just before a list: the part's own last line, or the last line of what the
    node before the list says (a lead-in after a list is printed as the list's last text)."""
    at = next(i for i, child in enumerate(part.children) if child is run[0])
    return fold(_last_line(part.text if at == 0 else list(part.children[at - 1].walk())[-1].text))


# A line that admits problems and opens their list or their causes (…还面临不少困难和问题：,
# …存在一些短板，主要是：, …还有较大差距，差距主要表现在：, …问题。究其原因，): the points after
# it are the problems, never the year's tasks (but 要着力解决以下问题：, and a line that only
# admits, …也面临不少困难和挑战。, opens nothing).
_OPENS_PROBLEMS = re.compile(
    r"(?:存在|面临|(?<![国私公所拥具占])有(?![效力序机利]))(?:着)?(?:一些|不少|许多|诸多|很多)?"
    r"[^,;。]{0,14}?(?:问题|困难|挑战|不足|矛盾|短板|差距|薄弱环节|弱项)[^,;。:]{0,6}"
    r"(?:\s*:|[,。]\s*(?:(?:问题|差距|不足|短板)的?)?(?:(?:主要|集中|突出)(?:原因|表现|体现)?(?:是|有|在于|[表体]现(?:在|为))"
    r"|主要原因|究其(?:原因|根源)|(?:原因|根源)(?:主要)?(?:是|在于))\s*[:,]?)$"
)
_SOLVING = pattern("problem_words", "solving")
# A run-in lead that admits problems (当前我县发展还存在一些突出问题。): no task.
_ADMITS = re.compile(
    r"(?:还|仍|仍然|依然|也)(?:存在|面临|有)(?:着)?[^,;。]{0,14}(?:问题|困难|挑战|不足|矛盾|短板|差距)$"
    r"|清醒(?:地|的)?(?:看到|认识到)"
)


def _not_tasks(part: Section, run: list[Section]) -> bool:
    """A list of the plan part that is no task list: the five-year goals, or the points of
    problems a line before it admits (an inline list's line anywhere in the text before it)."""
    if _five_year_goals(part, run):
        return True
    at = next(i for i, child in enumerate(part.children) if child is run[0])
    before = part.text if at == 0 else list(part.children[at - 1].walk())[-1].text
    lines = [fold(line).strip() for line in before.splitlines()]
    if run[0].style not in HEADING_RANK:
        return any(_OPENS_PROBLEMS.search(x) and not _SOLVING.search(x) for x in lines)
    return (
        bool(lines) and bool(_OPENS_PROBLEMS.search(lines[-1])) and not _SOLVING.search(lines[-1])
    )


def _five_year_goals(part: Section, run: list[Section]) -> bool:
    lead = _lead_in(part, run)
    return bool(_FIVE_YEAR_LEAD.search(lead)) and not _THIS_YEAR_LEAD.search(lead)


# A task printed without a number leads its paragraph with a short sentence of its own:
# 全力以赴稳增长促发展。…
_RUN_IN = re.compile(r"^([^。:：;；,，]{4,20}(?:[,，][^。:：;；,，]{2,16})?)。")


def _after_goals(part: Section) -> list[str]:
    """The paragraphs after the five-year goals' last item, which the outline gives that item."""
    runs = [run for run in item_lists(part.children) if _five_year_goals(part, run)]
    return list(runs[-1][-1].text.splitlines()[1:]) if runs else []


def _tasks_under_goals(part: Section) -> list[Section]:
    """The year's tasks numbered in a style the five-year goals do not use ((一)…(五) goals,
    then 今年是开局之年…重点做好以下工作：1.…2.…): the outline nests them under the goals'
    last item, whose text holds the year's lead-in."""
    runs = [run for run in item_lists(part.children) if _five_year_goals(part, run)]
    last = runs[-1][-1] if runs else None
    if last is None or not any(
        _THIS_YEAR_LEAD.search(fold(line)) for line in last.text.splitlines()[1:]
    ):
        return []
    lists = [run for run in item_lists(last.children) if len(run) >= 2]
    return lists[-1] if lists else []


def _run_in_tasks(part: Section, more: Sequence[str] = ()) -> tuple[Item, ...]:
    """The tasks of a plan part that numbers none: the run-in leads of its paragraphs."""
    paragraphs = [*part.text.splitlines(), *more]
    leads = [
        (m.group(1), p)
        for p in paragraphs
        if (m := _RUN_IN.match(p)) and len(p) > 40 and not _ADMITS.search(fold(m.group(1)))
    ]
    if len(leads) < 2:
        return ()
    return tuple(Item("", lead.lstrip("—-"), text, part.id) for lead, text in leads)


def plan_section_ids(plan: ItemList) -> frozenset[str]:
    """Top-level parts the plan's items come from."""
    parts = {item.section.split(".")[0] for item in plan.items}
    return frozenset(parts | ({plan.section} if plan.section else set()))


def _plan_year(section: Section, report_year: int | None, delivery_year: int | None) -> int | None:
    """The year in the plan's heading, else the year the report is delivered (今年), else a
    later year its opening names, else the year after the one reported on."""
    titled = years_in(section.title)
    if titled:
        return max(titled)
    if delivery_year is not None:
        return delivery_year
    later = [int(y) for y in YEAR.findall(fold(section.text[:200]))]
    later = [y for y in later if report_year is None or y > report_year]
    if later:
        return later[0]
    return report_year + 1 if report_year is not None else None


def is_plan_like(section: Section) -> bool:
    """A part that sets out work to come (this year's or the next five years'), no review."""
    return bool(_plan_score(section, None)) and not _is_review(section, None)
