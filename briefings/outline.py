"""The report's outline: headings and enumerated items in any of the genre's numbering styles.

Levels are not fixed per style: the first style met is the top level, a style not yet open
nests under the current one, and a style already open closes everything below it. That is
how a reader follows 一、 → (一) → 一是 whichever subset a report uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .model import Section
from .text import cn_number, first_sentence, fold

_CN = "一二三四五六七八九十"
# Patterns run on the folded (half-width) line; group 1 is the ordinal as matched.
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^(第[{_CN}]+部分)\s*")),
    ("cn", re.compile(rf"^([{_CN}]+\s*[、.])\s*")),
    ("paren_cn", re.compile(rf"^(\(\s*[{_CN}]+\s*\))\s*")),
    ("arabic", re.compile(r"^(\d{1,2}\s*[、.](?!\d))\s*")),
    ("paren_arabic", re.compile(r"^(\(\s*\d{1,2}\s*\))\s*")),
    ("shi", re.compile(rf"^([{_CN}]+是)(?![的否])")),
    ("di", re.compile(rf"^(第[{_CN}]+\s*[,、])\s*")),
)
# Sections some reports print without a number, e.g. "2025年工作安排", "今后五年工作思路和目标任务":
# a short line without punctuation that names a part of the genre.
_BARE_HEADING = re.compile(
    r"^[\u4e00-\u9fff0-9“”\"]{0,16}"
    r"(?:工作回顾|工作安排|工作任务|重点工作|工作思路|总体要求|存在的问题|主要问题|工作打算|工作计划"
    r"|目标任务|主要任务|工作建议|工作的建议|主要工作|\d{4}年的工作)[\u4e00-\u9fff“”\"]{0,10}$"
)
# The closing part some reports set apart with a heading of its own, unnumbered.
_CLOSING_HEADING = re.compile(r"^(?:结束语|结语)$")
_INLINE_MARKER = re.compile(rf"(?:^|(?<=[。;:!?]))\s*([{_CN}]+是(?![的否])|第[{_CN}]+\s*[,、])")
_SENTENCE_END = re.compile(r"[。!?]")
# Paragraphs that close a run of paragraph items and speak for the enclosing section.
_CLOSING = re.compile(
    r"^(?:各位代表|同时|与此同时|在(?:充分)?(?:肯定|看到)成绩|我们(?:也|还)?(?:要|必须)?(?:十分)?清醒"
    r"|回顾过去|过去一年|一年来)"
)
# Items run inline in a paragraph (一是…, 第一,…) hold only items of their own kind, never a
# printed heading: a (一) after "…三是…" is the next list of the enclosing part, not 三是's.
_INLINE_STYLES = frozenset({"shi", "di"})


@dataclass(frozen=True)
class Line:
    """One logical paragraph: printed text and, when numbered, its style and ordinal."""

    text: str
    style: str | None = None
    ordinal: str = ""
    rest: str = ""
    inline: bool = False  # split off the middle of a printed paragraph (…：一是…；二是…)


def classify(text: str, bare_headings: bool = False) -> Line:
    line = _numbered(text)
    return _as_bare(line) if bare_headings else line


def _numbered(text: str) -> Line:
    """The line with its numbering style, or as the closing part's heading, else plain."""
    folded = fold(text)
    for style, pattern in STYLES:
        match = pattern.match(folded)
        if match and len(folded) > match.end():
            return Line(text, style, text[: match.end(1)], text[match.end() :].strip())
    if _CLOSING_HEADING.match(folded.replace(" ", "")):
        return Line(text, "closing", "", text)
    return Line(text)


def _as_bare(line: Line) -> Line:
    """A plain line read where a report may head its parts unnumbered."""
    text = line.text
    if line.style is None and len(text) <= 30 and _BARE_HEADING.match(fold(text).replace(" ", "")):
        return Line(text, "bare", "", text)
    return line


class Classifier:
    """`classify` remembering its lines for one parse: the page split, the rejoining of part
    titles and the outline each read the same lines (five classifications a line before).
    One per parse, never process-wide: it holds a report's lines."""

    def __init__(self) -> None:
        self._plain: dict[str, Line] = {}
        self._bare: dict[str, Line] = {}

    def __call__(self, text: str, bare_headings: bool = False) -> Line:
        line = self._plain.get(text)
        if line is None:
            line = self._plain[text] = _numbered(text)
        if not bare_headings:
            return line
        bare = self._bare.get(text)
        if bare is None:
            bare = self._bare[text] = _as_bare(line)
        return bare


def split_inline(text: str) -> list[str]:
    """Split a paragraph that runs 一是…。二是…。 inline into one paragraph per item."""
    folded = fold(text)
    starts = [m.start(1) for m in _INLINE_MARKER.finditer(folded)]
    if len(starts) < 2 or not _plausible_sequence(folded, starts):
        return [text]
    cuts = [0, *starts] if starts[0] > 0 else starts
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def _plausible_sequence(folded: str, starts: list[int]) -> bool:
    """Markers must open with 一 (or 第一): a stray 三是 inside prose is not a list. A
    paragraph that is itself an item (第二,…：一是…；二是…) opens its list after its ordinal;
    one that opens 一是… and runs 二是…三是… is the list itself."""

    def opens_one(at: int) -> bool:
        return folded[at] == "一" or folded[at : at + 2] == "第一"

    inner = starts[1:] if starts[0] == 0 and len(starts) > 2 else starts
    return opens_one(inner[0]) or (starts[0] == 0 and opens_one(0))


_NUMBERED_PARTS = frozenset({"cn", "part"})


def first_part(lines: Sequence[str], classified: Classifier) -> int | None:
    """Index of the first numbered part heading (一、…, 第一部分…), None in a report without."""
    return next(
        (at for at, line in enumerate(lines) if classified(line).style in _NUMBERED_PARTS), None
    )


# A line that is nothing but an ordinal (一是, 第一,) prints its item on the next line.
_ORDINAL_ONLY = re.compile(rf"^(?:[{_CN}]+是|第[{_CN}]+\s*[,、]?)$")


# A part title the page broke over two lines: the first ends on a joining word (…目标任务和 /
# 2026年重点工作), or the second starts on one; the second is short and no sentence.
_TITLE_JOIN_END = re.compile(r"(?:和|与|及|暨|以及|、|的|“)$")
_TITLE_JOIN_START = re.compile(r"^(?:和|与|及|暨|以及)")
_NOT_A_TITLE = re.compile(r"[。,;:!?]")


def _title_goes_on(title: str, text: str, classified: Classifier) -> bool:
    """Whether `text` is the second line of the part title `title`."""
    line = classified(title)
    if line.style not in {"cn", "part"} or _NOT_A_TITLE.search(fold(line.rest)):
        return False
    following = fold(text).strip()
    if len(following) > 30 or _NOT_A_TITLE.search(following) or classified(text).style:
        return False
    rest = fold(line.rest).strip()
    return bool(_TITLE_JOIN_END.search(rest) or _TITLE_JOIN_START.match(following))


def rejoin(paragraphs: list[str], classified: Classifier) -> list[str]:
    """Paragraphs as written where the page broke them: around a 《title》, after a lone
    ordinal and inside a part title."""
    joined: list[str] = []
    glue = False
    for text in paragraphs:
        if joined and (
            glue or text.startswith("》") or _title_goes_on(joined[-1], text, classified)
        ):
            joined[-1] += text
        else:
            joined.append(text)
        last = joined[-1]
        glue = last.endswith("《") or bool(_ORDINAL_ONLY.match(fold(last).strip()))
    return joined


def logical_lines(paragraphs: list[str], classified: Classifier) -> list[Line]:
    """The paragraphs classified; unnumbered part headings are read in a report that numbers
    none of its parts, and before the first numbered part of one that does (首先报告2001年的工作
    opens the review, then 一、…)."""
    paragraphs = rejoin(paragraphs, classified)
    first = first_part(paragraphs, classified)
    # a copy only of the pieces split off a paragraph (replace() took ~1 s of 150,000 lines)
    return [
        replace(line, inline=True) if index else line
        for at, text in enumerate(paragraphs)
        for index, piece in enumerate(split_inline(text))
        for line in [classified(piece, first is None or at < first)]
    ]


def _is_bare_heading(line: Line) -> bool:
    return not _SENTENCE_END.search(fold(line.rest))


@dataclass
class _Draft:
    """A section while the outline is built: its text and children still grow."""

    ordinal: str
    title: str
    text: str
    style: str
    children: list[_Draft] = field(default_factory=list)


_LEAD_END = re.compile(r"[：:；;]")
_LEAD_MIN = 4


def _node(line: Line) -> _Draft:
    """A heading keeps its line as title; an item (inline 一是… always) also as its text."""
    if _is_bare_heading(line) and line.style not in _INLINE_STYLES:
        title = line.rest.rstrip("；;，,：: ")  # (1)A；(2)B；: the heading is A
        return _Draft(line.ordinal, title or line.rest, "", line.style or "")
    sentence = first_sentence(line.rest)
    head = _LEAD_END.split(sentence, maxsplit=1)[0].strip()
    # 一是A；二是B；, 一是聚焦项目建设：…: the lead is what comes before the ；or ：
    lead = head if len(head) >= _LEAD_MIN else sentence.rstrip("；;，, ")
    return _Draft(line.ordinal, lead, line.rest, line.style or "")


def _digits(ordinal: str) -> str:
    return re.sub(r"[^0-9一二三四五六七八九十]", "", ordinal.replace("第", ""))


def is_first(ordinal: str) -> bool:
    return _digits(ordinal) in {"1", "一"}


def ordinal_number(ordinal: str) -> int | None:
    """The number an ordinal such as 三是, (十一) or 12. stands for."""
    digits = _digits(ordinal)
    return int(digits) if digits.isdigit() else cn_number(digits)


@dataclass
class _Open:
    style: str
    node: _Draft
    owns_paragraphs: bool
    inline: bool = False


class _Builder:
    def __init__(self) -> None:
        self.roots: list[_Draft] = []
        self.preamble: list[str] = []
        self.stack: list[_Open] = []

    def _level_for(self, style: str, ordinal: str) -> int | None:
        """Stack index the new heading replaces, or None to nest it under the top.

        A list that restarts at 1 under a heading of its own style (一是 … 七是, then 一是 …
        十是 inside 七是) nests; a later number returns to the open list it continues.
        Numbers are read only when two lists of one style are open: most reports never
        need it, and reading Chinese numerals costs cn2an's import.
        """
        same = [i for i, entry in enumerate(self.stack) if entry.style == style]
        if not same:
            return None
        deepest = self.stack[same[-1]]
        if is_first(ordinal) and deepest.owns_paragraphs and not is_first(deepest.node.ordinal):
            return None
        if len(same) == 1:
            return same[0]
        number = ordinal_number(ordinal)
        numbers = [ordinal_number(self.stack[i].node.ordinal) for i in same]
        fits = [i for i, n in zip(same, numbers, strict=True)
                if n is None or number is None or n <= number]  # fmt: skip
        return (fits or same)[-1]

    def add_heading(self, line: Line) -> None:
        if line.style == "closing":
            self.stack.clear()  # a part of the report's own, whatever was open
        # the unnumbered opening part ends where the numbered ones start; but after two
        # unnumbered parts or more (2023年工作回顾, 2024年工作安排) the report's parts are
        # unnumbered, and 一、… under the last of them are its own list
        opening = self.stack and self.stack[0].style == "bare"
        if line.style in _NUMBERED_PARTS and opening and self._bare_parts() < 2:
            self.stack.clear()
        if line.style not in _INLINE_STYLES:
            while len(self.stack) > 1 and self.stack[-1].style in _INLINE_STYLES:
                self.stack.pop()
        elif not line.inline and is_first(line.ordinal):
            while len(self.stack) > 1 and self._ends_a_list(line.style or ""):
                self.stack.pop()
        level = self._level_for(line.style or "", line.ordinal)
        if level is not None:
            del self.stack[level:]
        node = _node(line)
        siblings = self.stack[-1].node.children if self.stack else self.roots
        siblings.append(node)
        self.stack.append(_Open(line.style or "", node, _is_bare_heading(line), line.inline))

    def _bare_parts(self) -> int:
        return sum(root.style == "bare" for root in self.roots)

    def _ends_a_list(self, style: str) -> bool:
        """A new list (第一,…) after 三是… of another list starts beside it, not inside it:
        only a list's first item (第一,… then 一是…) or a printed heading holds a sub-list."""
        top = self.stack[-1]
        return (
            top.style in _INLINE_STYLES and top.style != style
            and not top.owns_paragraphs and not is_first(top.node.ordinal)
        )  # fmt: skip

    def close_inline(self) -> None:
        """A list run inline in a paragraph ends with that paragraph: the next paragraph's
        第一, is not an item of the 三是 the previous one ended on."""
        while len(self.stack) > 1 and self.stack[-1].inline:
            self.stack.pop()

    def add_paragraph(self, text: str) -> None:
        if not self.stack:
            self.preamble.append(text)
            return
        if _CLOSING.match(text):
            while len(self.stack) > 1 and not self.stack[-1].owns_paragraphs:
                self.stack.pop()
        owner = self.stack[-1].node
        owner.text = f"{owner.text}\n{text}" if owner.text else text


def _freeze(drafts: list[_Draft], prefix: str = "") -> tuple[Section, ...]:
    """The finished sections, numbered 1, 1.1, 1.1.1 … in report order."""
    sections = []
    for index, draft in enumerate(drafts, start=1):
        number = f"{prefix}{index}"
        children = _freeze(draft.children, f"{number}.")
        sections.append(
            Section(number, draft.ordinal, draft.title, draft.text, draft.style, children)
        )
    return tuple(sections)


def build_outline(paragraphs: list[str], classified: Classifier) -> tuple[str, tuple[Section, ...]]:
    """Preamble text and the tree of sections of the body paragraphs; `classified` is the
    parse's own, shared with the page split that read the same lines."""
    builder = _Builder()
    for line in logical_lines(paragraphs, classified):
        if not line.inline:
            builder.close_inline()
        if line.style:
            builder.add_heading(line)
        else:
            builder.add_paragraph(line.text)
    return "\n".join(builder.preamble), _freeze(builder.roots)
