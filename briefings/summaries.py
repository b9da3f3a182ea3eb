"""Extractive summaries: sentences quoted verbatim from the report, in report order, within a
character budget.

A summary is its sentences joined by "\\n": one quoted sentence per line, so each line can be
traced back to the report as it stands (and the bot may show them as lines or run them on).
The budget counts the joining newlines too.

Ranking follows the genre first: the first sentence of a section, the lead phrase of each
一是/二是 item and the first sentence of a paragraph are the report's own summary of what
follows, so they outrank other sentences, the nearer the summarised section the more. Other sentences rank by the TF-IDF weight of the
words they carry (briefings.keywords). Picks are spread in proportion to length: a sentence
counts for less the more of their fair share its section and subsection have already used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .figures.keys import headlines
from .figures.kinds import report_year
from .keywords import words
from .model import Metric, Report, Section
from .text import cjk_count

SECTION_BUDGET = 300
REPORT_BUDGET = 1000
JOINER = "\n"

# Weight of a lead by its depth below the summarised node: its own, its children's, deeper.
_LEAD_WEIGHTS = (2.0, 1.5, 1.0, 0.5)
_INLINE_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|首先|其次)"
)
_CLAUSE = re.compile(r"[^；;]+[；;]?")
# A unit must be a complete sentence or clause of some length: this keeps out salutations
# (各位代表！) and stray unpunctuated lines such as a page's licence notice.
_MIN_CJK = 5
_COMPLETE = re.compile(r"[。！？!?；;：:][”’」』)）]*$")


@dataclass(frozen=True)
class Candidate:
    text: str
    position: int
    groups: tuple[str, ...]  # the section and subsection it belongs to, for spreading picks
    lead: float  # 0 for an ordinary sentence


Paragraphs = tuple[tuple[str, ...], ...]  # a text's lines, each split into sentences


def units(paragraphs: Paragraphs, budget: int) -> list[tuple[str, bool]]:
    """Sentences of a text, each with whether it opens a paragraph. A sentence longer than
    the budget is offered clause by clause (split at ；), each still a verbatim stretch."""
    result: list[tuple[str, bool]] = []
    for paragraph in paragraphs:
        for k, sentence in enumerate(paragraph):
            parts = _CLAUSE.findall(sentence) if len(sentence) > budget else [sentence]
            for j, part in enumerate(parts):
                if cjk_count(part) >= _MIN_CJK and _COMPLETE.search(part):
                    result.append((part, k == 0 and j == 0))
    return result


def _lead_weight(depth: int, first: bool, opens: bool, text: str) -> float:
    """The first sentence leads its section; a paragraph's first sentence, or one opening
    with 一是/二是, leads a part of it."""
    if not first and (opens or _INLINE_ITEM.match(text)):
        depth += 1
    elif not first:
        return 0.0
    return _LEAD_WEIGHTS[min(depth, len(_LEAD_WEIGHTS) - 1)]


def _groups(node_id: str, level: int) -> tuple[str, ...]:
    """Ids of the node's ancestors one and two levels below the summarised one (itself if
    it is the summarised one)."""
    parts = node_id.split(".")
    groups = tuple(".".join(parts[:k]) for k in (level + 1, level + 2) if k <= len(parts))
    return groups or (node_id,)


def candidates(nodes: list[tuple[str, Paragraphs]], level: int, budget: int) -> list[Candidate]:
    """Candidates from (node id, node paragraphs) pairs in report order; `level` is the number
    of id parts of the summarised node (0 for the whole report)."""
    result: list[Candidate] = []
    seen: set[str] = set()
    for node_id, paragraphs in nodes:
        depth = len(node_id.split(".")) - level if node_id else 0
        for n, (unit, opens) in enumerate(units(paragraphs, budget)):
            if unit not in seen:
                seen.add(unit)
                lead = _lead_weight(depth, n == 0, opens, unit)
                result.append(Candidate(unit, len(result), _groups(node_id, level), lead))
    return result


def _relevance(pool: list[Candidate], weighted: dict[str, float]) -> dict[int, float]:
    """Keyword weight carried per √character, scaled to 0..1."""
    raw = {
        c.position: sum(weighted.get(w, 0.0) for w in set(words(c.text))) / len(c.text) ** 0.5
        for c in pool
    }
    top = max(raw.values(), default=0.0) or 1.0
    return {position: value / top for position, value in raw.items()}


def _allotments(pool: list[Candidate], budget: int) -> dict[str, float]:
    size: Counter[str] = Counter()
    for c in pool:
        for group in c.groups:
            size[group] += len(c.text)
    total = sum(len(c.text) for c in pool) or 1
    return {group: n / total * budget for group, n in size.items()}


def select(pool: list[Candidate], weighted: dict[str, float], budget: int) -> list[Candidate]:
    """Greedy picks by weight within the budget, returned in report order."""
    relevance = _relevance(pool, weighted)
    allotment = _allotments(pool, budget)
    used: Counter[str] = Counter()
    chosen: list[Candidate] = []
    room = budget

    def worth(c: Candidate) -> tuple[float, int]:
        crowding = 1 + sum(used[g] / allotment[g] for g in c.groups)
        return (c.lead + relevance[c.position]) / crowding, -c.position

    # A candidate's worth changes only when a group of its own gains a pick: each is worked out
    # once, then again only then (a report's summary weighs thousands of candidates).
    worths = {c.position: worth(c) for c in pool}
    members: dict[str, list[Candidate]] = {}
    for c in pool:
        for group in c.groups:
            members.setdefault(group, []).append(c)
    while pool := [c for c in pool if len(c.text) + (len(JOINER) if chosen else 0) <= room]:
        best = max(pool, key=lambda c: worths[c.position])
        room -= len(best.text) + (len(JOINER) if chosen else 0)
        chosen.append(best)
        pool.remove(best)
        for group in best.groups:
            used[group] += len(best.text)
        for c in {c.position: c for g in best.groups for c in members[g]}.values():
            worths[c.position] = worth(c)
    return sorted(chosen, key=lambda c: c.position)


def _summary(pool: list[Candidate], weighted: dict[str, float], budget: int) -> str:
    return JOINER.join(c.text for c in select(pool, weighted, budget))


def summarise_section(
    section: Section, weighted: dict[str, float], budget: int = SECTION_BUDGET
) -> str:
    """The section's summary; `weighted` is the TF-IDF weight of its words
    (keywords.weights of keywords.section_sentences), computed once for its keywords too."""
    nodes = [(node.id, node.paragraphs) for node in section.walk()]
    pool = candidates(nodes, len(section.id.split(".")), budget)
    return _summary(pool, weighted, budget)


def summarise_report(
    report: Report,
    metrics: Sequence[Metric],
    weighted: dict[str, float],
    budget: int = REPORT_BUDGET,
) -> str:
    """The report's summary: the sentences stating the year's headline result and the coming
    year's main targets first (when its figures are known), then the best of the rest; the
    greeting and the formulae of address (现在，我代表…; 请予审议) never. `weighted`: the
    weights of keywords.report_sentences."""
    nodes = [("", report.preamble_paragraphs)]
    nodes += [(node.id, node.paragraphs) for node in report.walk()]
    pool = [c for c in candidates(nodes, 0, budget) if not _ADDRESS.search(c.text)]
    pinned = _pinned(pool, report, metrics, budget)
    room = budget - sum(len(c.text) + len(JOINER) for c in pinned)
    # Nothing before the headline result: the summary opens on it.
    first = min((c.position for c in pinned), default=-1)
    rest = [c for c in pool if c not in pinned and c.position > first]
    chosen = pinned + select(rest, weighted, room)
    return JOINER.join(c.text for c in sorted(chosen, key=lambda c: c.position))


# A report's words to its audience, not about its matter.
_ADDRESS = re.compile(r"我代表|各位代表|请予审议|提出意见|各位政协委员|列席人员|致以.{0,12}问候")
_PINNED_SHARE = 0.6  # the headline sentences take at most this share of the budget


def _pinned(
    pool: list[Candidate], report: Report, metrics: Sequence[Metric], budget: int
) -> list[Candidate]:
    """The sentences of the first headline result and of the first main target."""
    keys = [m for m in metrics if m.key]
    found = headlines(
        keys, report_year(report), frozenset(m.id for m in keys if m.kind == "target")
    )
    results = [m for m in found if m.kind == "result"][:1]
    if not results:
        return []  # without the year's result, the targets alone do not lead the summary
    wanted = results + [m for m in found if m.kind == "target"][:1]
    pinned: list[Candidate] = []
    room = int(budget * _PINNED_SHARE)
    for metric in wanted:
        hit = next((c for c in pool if metric.raw in c.text and c.text in metric.sentence), None)
        if hit is not None and hit not in pinned and len(hit.text) + len(JOINER) <= room:
            pinned.append(hit)
            room -= len(hit.text) + len(JOINER)
    return pinned
