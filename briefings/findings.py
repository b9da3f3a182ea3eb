"""Lists in a report's outline, shared by the plan (briefings.plan) and the problems
(briefings.problems): the runs of items under a node, the one that holds the tasks, the node
a heading names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .model import Item, Section
from .outline import is_first
from .text import fold

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# Styles of printed headings, strongest first; 一是/第一 run inside paragraphs.
HEADING_RANK = {"part": 0, "cn": 1, "bare": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4}
_INLINE_RANK = 5


def years_in(title: str) -> list[int]:
    return [int(y) for y in YEAR.findall(fold(title).replace(" ", ""))]


def item_of(node: Section) -> Item:
    return Item(node.ordinal, node.title, node.text or node.title, node.id)


def item_lists(children: Sequence[Section]) -> list[list[Section]]:
    """The lists among a node's children: one per style, a new one where 1 restarts; a list
    interrupted by stray items of another style goes on after them."""
    found: list[list[Section]] = []
    open_runs: dict[str, list[Section]] = {}
    for child in children:
        run = open_runs.get(child.style)
        if run is not None and not is_first(child.ordinal):
            run.append(child)
        else:
            open_runs[child.style] = [child]
            found.append(open_runs[child.style])
    return found


def task_list(
    section: Section, skip: Callable[[list[Section]], bool] | None = None
) -> list[Section]:
    """The list of a plan part that holds the tasks: printed headings before inline items
    (principles 一是…三是 then tasks (一)…(九) gives the nine), then the longest, then the last;
    lists `skip` says are not tasks left out."""
    every = [run for run in item_lists(section.children) if skip is None or not skip(run)]
    lists = [run for run in every if len(run) >= 2] or every
    if not lists:
        return []

    def rank(index: int) -> tuple[int, int, int]:
        run = lists[index]
        return (-HEADING_RANK.get(run[0].style, _INLINE_RANK), len(run), index)

    return lists[max(range(len(lists)), key=rank)]


def titled(
    sections: Sequence[Section],
    pattern: re.Pattern[str],
    keep: Callable[[Section], bool] | None = None,
) -> Section | None:
    """The last outline node, top level first, whose heading matches (and `keep` keeps)."""

    def heads(node: Section) -> bool:
        return bool(pattern.search(fold(node.title))) and (keep is None or keep(node))

    tops = [s for s in sections if heads(s)]
    if tops:
        return tops[-1]
    deeper = [
        n for s in sections for n in s.walk() if (n.children or n.style in HEADING_RANK) and heads(n)
    ]  # fmt: skip
    return deeper[-1] if deeper else None
