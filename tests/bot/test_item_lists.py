"""/plan and /problems: a numbered list under a heading saying where in the report it is."""

from __future__ import annotations

from bot.present.render import item_list
from bot.present.words import catalogue
from briefings.model import Item, ItemList


def _plan(*sections: str) -> ItemList:
    items = tuple(Item(f"{n}", f"第{n}项工作", f"第{n}项工作。", s) for n, s in enumerate(sections))
    return ItemList(sections[0].split(".")[0], items, 2005)


def test_a_plan_in_one_part_names_that_part() -> None:
    assert item_list("2005年工作计划", _plan("3.1", "3.2")).splitlines()[0] == (
        "<b>2005年工作计划</b>（第 3 部分）"
    )


def test_a_plan_whose_items_run_over_several_parts_names_them_all() -> None:
    plan = _plan("3.1", "3.4", "4.1", "5.2", "6.6")
    assert (
        item_list("2005年工作计划", plan).splitlines()[0] == "<b>2005年工作计划</b>（第 3–6 部分）"
    )
    english = item_list("Work plan for 2005", plan, catalogue("en")).splitlines()[0]
    assert english == "<b>Work plan for 2005</b> (parts 3–6)"
