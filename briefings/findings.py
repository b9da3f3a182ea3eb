"""Where a report admits its problems and where it sets out next year's work plan."""

from __future__ import annotations

import re

from .model import Item, ItemList, Section
from .text import first_sentence, fold

_PROBLEM_TITLE = re.compile(r"存在的问题|问题和不足|不足|困难和问题|问题与不足|主要问题|差距")
_PROBLEM_PARAGRAPH = re.compile(
    r"^(?:同时,?|在肯定成绩的同时,?|在充分肯定成绩的同时,?|思危方能居安。)?[^。]{0,30}"
    r"(?:清醒(?:地)?(?:看到|认识到)|存在(?:一些|不少)?(?:问题|困难|不足))"
)
_PLAN_TITLE = re.compile(
    r"工作思路|工作安排|下一步|重点任务|政府工作任务|重点工作|工作计划|工作打算|主要任务|工作重点"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_LIST_OPENER = re.compile(r"(?:主要(?:是|表现在|有)|具体(?:是|表现为))\s*[:：]")


def _items_from_children(section: Section) -> tuple[Item, ...]:
    return tuple(
        Item(child.ordinal, child.title, child.text or child.title, child.id)
        for child in section.children
    )


def _list_body(paragraph: str) -> str:
    """The part of a problems paragraph after its opening: 主要是:, else the first colon,
    else the sentence that admits the problems."""
    folded = fold(paragraph)
    opener = _LIST_OPENER.search(folded) or re.search(r":", folded)
    if opener:
        return paragraph[opener.end() :]
    admission = _PROBLEM_PARAGRAPH.search(folded)
    end = folded.find("。", admission.end()) if admission else -1
    return paragraph[end + 1 :] if end >= 0 else paragraph


def _items_from_list_sentence(paragraph: str, section_id: str) -> tuple[Item, ...]:
    """Items of a paragraph that lists problems without ordinals (甲;乙;丙 or one per sentence)."""
    body = _list_body(paragraph)
    parts = [part.strip() for part in re.split(r"[;；]", body) if part.strip()]
    if len(parts) < 2:
        parts = [s.strip() + "。" for s in re.split(r"。", body) if s.strip()]
    return tuple(
        Item(f"{index}.", first_sentence(part).rstrip("。"), part, section_id)
        for index, part in enumerate(parts, start=1)
    )


def _titled(sections: list[Section], pattern: re.Pattern[str]) -> Section | None:
    """The last outline node, top level first, whose heading matches."""
    tops = [s for s in sections if pattern.search(fold(s.title))]
    if tops:
        return tops[-1]
    deeper = [n for s in sections for n in s.walk() if n.children and pattern.search(fold(n.title))]
    return deeper[-1] if deeper else None


def find_problems(sections: list[Section]) -> ItemList:
    section = _titled(sections, _PROBLEM_TITLE)
    if section is not None and section.children:
        return ItemList(section.id, _items_from_children(section))
    for node in sections if section is None else [section]:
        for candidate in node.walk():
            for paragraph in candidate.text.splitlines():
                if _PROBLEM_PARAGRAPH.search(fold(paragraph)):
                    return ItemList(
                        candidate.id, _items_from_list_sentence(paragraph, candidate.id)
                    )
    return ItemList(None, ())


def find_plan(sections: list[Section], report_year: int | None) -> ItemList:
    section = _titled(sections, _PLAN_TITLE)
    if section is None:
        return ItemList(None, ())
    return ItemList(section.id, _items_from_children(section), _plan_year(section, report_year))


def _plan_year(section: Section, report_year: int | None) -> int | None:
    """The year in the plan's heading, else a later year its opening names, else the next."""
    titled = _YEAR.search(fold(section.title))
    if titled:
        return int(titled.group(1))
    later = [int(y) for y in _YEAR.findall(fold(section.text[:200]))]
    later = [y for y in later if report_year is None or y > report_year]
    if later:
        return later[0]
    return report_year + 1 if report_year is not None else None
