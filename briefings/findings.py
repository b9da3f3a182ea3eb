"""Where a report admits its problems and where it sets out the coming year's work plan.

Both are found by the genre's shapes rather than one report's words: the families of plan
headings (2025年工作安排, 对今年政府工作的建议, 关于2008年工作, 目标任务和主要工作…), plans
spread over several thematic parts, the lead-in sentences that admit problems (我们也清醒地
看到…, 更要看到…困难和挑战, 仍然存在一些突出矛盾和问题) and the lists that follow them.
"""

from __future__ import annotations

import re

from .model import Item, ItemList, Section
from .outline import is_first
from .text import first_sentence, fold

_PROBLEM_TITLE = re.compile(r"存在的问题|问题和不足|不足|困难和问题|问题与不足|主要问题|差距")
# A sentence that admits problems: the admission itself, not a pledge to solve them.
_ADMISSION = re.compile(
    r"清醒(?:地|的)?(?:看到|认识到|认识)|(?:更|也|还)要看到[^。]{0,30}(?:困难|问题|挑战|不足)"
    r"|(?:还|仍|仍然|依然|也|但)(?:存在|面临)(?:着)?(?:一些|不少|许多|诸多)?[^。,;:]{0,14}"
    r"(?:问题|困难|不足|矛盾|短板|挑战)"
    r"|(?:困难|问题)(?:和|与)(?:挑战|问题|不足)(?:还)?(?:不少|很多|较多)"
)
# An admission that names the problems only in general: the list follows it.
_GENERIC = re.compile(
    r"(?:存在|面临|有)(?:着|的)?(?:一些|不少|许多|诸多|很多)?[^,;。]{0,14}?"
    r"(?:问题|困难|挑战|不足|矛盾|缺点|失误|短板)"
    r"|(?:问题|困难|挑战|不足|矛盾)[^,;。]{0,4}(?:不少|很多|较多)"
)
# Words that say something falls short: a clause holding one states a problem of its own.
_DEFICIT = re.compile(
    r"不足|不强|不高|不够|不优|不平衡|不充分|不协调|不合理|不稳|不畅|不到位|不满意|不好|不少|偏|缓慢|放缓|减慢|乏力"
    r"|困难|突出|滞后|落后|薄弱|有待|仍需|还需|亟待|亟需|问题|风险|隐患|压力|矛盾|差距|短板|加剧|加大|波动"
    r"|下降|减少|增多|过多|过快|过大|过高|严重|艰巨|繁重|任务重|缺项|没有|尚未|未能|抬头|增加|存在|难|低于"
    r"|失衡|扭曲|缺乏|放松|脆弱|严峻|激烈|不牢|不稳|差$|制约|短缺|事故|懒政|怠政|任重道远|不容忽视|欠账"
    r"|弱项|瓶颈|障碍|堵点|不适应|亏损|腐败|官僚主义|形式主义|较多|较大|较弱|较低|有限|紧张|混乱|凸显|时有发生|上升"
)
# A clause that only frames the problems after it (在…过程中, 对标高质量发展), and the
# words that only lead into one (特别是).
_FRAMING = re.compile(r"^(?:在[^,，]{2,20}(?:中|时|下|上)|对标[^,，]{2,12})$")
_LEADING = re.compile(r"^(?:特别是|尤其是|同时)[,，]?")
_SOLVING = re.compile(r"解决|针对|处理|克服|应对|面对|化解|研究|找准|发现|整改|排查|梳理|查找")
_LIST_OPENER = re.compile(r"(?:主要(?:是|表现(?:在|为)|有)|具体(?:是|表现为))\s*[:,]?|:")
# Sentences that close a list of problems rather than name one: the pledge, the strengths.
_PLEDGE = re.compile(
    r"^(?:对(?:这些|此|于这些|上述)|我们(?:将|要|一定|必须|决心)|(?:所有)?这些|针对|必须"
    r"|各位代表|同时|但是?|总的(?:看|来看))"
)
_RESTATED = re.compile(r"^[^,，。]{0,12}清醒(?:地|的)?(?:看到|认识到)[,，:：]?")
_ABOUT_THEM = re.compile(r"这些(?:问题|矛盾|困难|不足)")
_STRENGTH = re.compile(r"优势|有利条件|前景|信心|机遇")

_PLAN_TITLE = re.compile(
    r"工作思路|工作安排|下一步|重点任务|政府工作任务|重点工作|工作计划|工作打算|主要任务|工作重点"
    r"|目标(?:与|和)?任务|主要工作|工作的?建议|工作部署|发展思路|(?:今年|明年|本年|\d{4}年)(?:的|度)?(?:政府)?工作"
)
_REVIEW_TITLE = re.compile(r"回顾|过去|一年来|五年来|成就|成效|基本情况|主要举措")
_LONG_TERM = re.compile(r"五年|十[一二三四五六七八九]?五|规划")
_PRINCIPLES_TITLE = re.compile(
    r"总体要求|总体部署|基本方针|指导思想|指导方针|奋斗目标|总体思路|主要目标|预期目标"
)
# Parts that state standing policy rather than the year's tasks (外交, 祖国统一).
_STANDING_TITLE = re.compile(r"外交|国际形势|统一大业|和平统一|祖国统一")
_TASKS_TITLE = re.compile(r"任务|工作安排|重点工作|工作重点|主要工作|工作的?建议")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# Styles of printed headings, strongest first; 一是/第一 run inside paragraphs.
_HEADING_RANK = {"part": 0, "cn": 1, "bare": 1, "paren_cn": 2, "arabic": 3, "paren_arabic": 4}
_INLINE_RANK = 5


def _years(title: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(fold(title).replace(" ", ""))]


def _item(node: Section) -> Item:
    return Item(node.ordinal, node.title, node.text or node.title, node.id)


def _runs(children: list[Section]) -> list[list[Section]]:
    """The lists among a node's children: one per style, a new one where 1 restarts; a list
    interrupted by stray items of another style goes on after them."""
    runs: list[list[Section]] = []
    open_runs: dict[str, list[Section]] = {}
    for child in children:
        run = open_runs.get(child.style)
        if run is not None and not is_first(child.ordinal):
            run.append(child)
        else:
            open_runs[child.style] = [child]
            runs.append(open_runs[child.style])
    return runs


def _task_list(section: Section) -> list[Section]:
    """The list of a plan part that holds the tasks: printed headings before inline items
    (principles 一是…三是 then tasks (一)…(九) gives the nine), then the longest, then the last."""
    runs = [run for run in _runs(section.children) if len(run) >= 2] or _runs(section.children)
    if not runs:
        return []

    def rank(index: int) -> tuple[int, int, int]:
        run = runs[index]
        return (-_HEADING_RANK.get(run[0].style, _INLINE_RANK), len(run), index)

    return runs[max(range(len(runs)), key=rank)]


def _titled(sections: list[Section], pattern: re.Pattern[str]) -> Section | None:
    """The last outline node, top level first, whose heading matches."""
    tops = [s for s in sections if pattern.search(fold(s.title))]
    if tops:
        return tops[-1]
    deeper = [
        n for s in sections for n in s.walk()
        if (n.children or n.style in _HEADING_RANK) and pattern.search(fold(n.title))
    ]  # fmt: skip
    return deeper[-1] if deeper else None


# --- problems -------------------------------------------------------------------------------


def _admission_end(paragraph: str) -> tuple[int, int] | None:
    """Where the problems start and end in a paragraph that admits some, or None.

    After a lead-in that names them only in general (…还存在不少困难和问题。主要是：) the list
    runs to the paragraph's end; an admission that states the problem itself (我们也清醒看到，
    A，B。) starts the list after its verb, and when it comes mid-paragraph it is one sentence.
    """
    folded = fold(paragraph)
    start = 0
    for sentence in re.findall(r"[^。!?]*[。!?]?", folded):
        match = _ADMISSION.search(sentence)
        if match and not _SOLVING.search(sentence[: match.start()]):
            at = start + match.end()
            stop = folded.find("。", at)
            stop = len(folded) if stop < 0 else stop + 1
            opener = _LIST_OPENER.search(folded, at)
            if opener and (opener.start() < stop or not folded[stop : opener.start()].strip()):
                return opener.end(), len(folded)
            if match.group().startswith("清醒") and not _GENERIC.search(folded[at:stop]):
                return at, stop if start else len(folded)
            return stop, len(folded)
        start += len(sentence)
    return None


# Comma clauses are separate problems when a sentence runs four or more of them and each says
# something falls short (世界经济增速放缓，保护主义加剧，…); otherwise the words after a comma
# elaborate one problem.
_CLAUSES_MIN = 4


def _clauses(sentence: str) -> list[str]:
    """A sentence, or its comma clauses when it runs several problems together."""
    clauses = [c.strip() for c in re.split(r"[,，]", sentence.rstrip("。")) if c.strip()]
    clauses = [_LEADING.sub("", c) for c in clauses if not _FRAMING.match(c)]
    if len(clauses) >= _CLAUSES_MIN and all(_DEFICIT.search(c) for c in clauses):
        return clauses
    return [sentence]


def _split_items(text: str) -> list[str]:
    """Problems run together: one per sentence, per ；within one, or per comma clause where a
    sentence runs several; only statements that something falls short, up to the pledge."""
    parts: list[tuple[str, bool]] = []  # (part, listed with ；)
    for sentence in re.findall(r"[^。!?！？]+[。!?！？]?", text):
        pieces = [p.strip() for p in re.split(r"[;；]", sentence) if p.strip(" ,，:：")]
        listed = len(pieces) > 1
        parts.extend((clause, listed) for piece in pieces for clause in _clauses(piece.strip()))
    items = []
    for part, listed in parts:
        part = _RESTATED.sub("", part.strip(" ,，:：")).strip()
        if _PLEDGE.match(fold(part)) or _ABOUT_THEM.search(part):
            break
        part = re.sub(r"[,，]?等等[。.]?$", "", part).strip()
        # a sentence of the passage need not be a problem (去年我们曾提出…); a ；item is one
        stated = listed or _DEFICIT.search(part)
        if part and stated and not _STRENGTH.search(first_sentence(part)):
            items.append(part)
    return items


def _sentence_item(number: int, part: str, where: str) -> Item:
    return Item(f"{number}.", first_sentence(part).rstrip("。；;"), part, where)


def _trailing_run(node: Section) -> list[Section]:
    """The list a node's text leads into: its last run of children starting at 一/1."""
    runs = _runs(node.children)
    return runs[-1] if runs and len(runs[-1]) >= 2 else []


def _problems_in(paragraphs: list[str], run: list[Section], where: str) -> list[Item]:
    """Problems admitted in a node's paragraphs; `run` is the list its text leads into."""
    found: list[Item] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        index += 1
        span = _admission_end(paragraph)
        if span is None:
            continue
        parts = _split_items(paragraph[span[0] : span[1]].strip())
        if not parts:
            while index < len(paragraphs) and fold(paragraphs[index]).startswith(("——", "--")):
                parts.append(paragraphs[index].lstrip("—-").strip())
                index += 1
        base = len(found)
        found.extend(_sentence_item(base + n, part, where) for n, part in enumerate(parts, start=1))
        if len(parts) < 2 and run:
            # one problem at most in the paragraph, then the numbered list it leads into
            found.extend(Item(c.ordinal, c.title, c.text or c.title, where) for c in run)
            run = []
    return found


def find_problems(
    sections: list[Section], plan_ids: frozenset[str] = frozenset(), preamble: str = ""
) -> ItemList:
    """The problems a report admits: a part titled so, else every admission before the plan
    (the opening and the review parts), else the first inside it; pinned to the part that
    holds the first."""
    section = _titled(sections, _PROBLEM_TITLE)
    if section is not None and section.children:
        return ItemList(section.id, tuple(_item(child) for child in section.children))
    if section is not None:
        admitted = _admitted([section])
        if admitted.items:
            return admitted
        # a part headed 存在的问题 need not lead in: each sentence that states a shortfall
        parts = _split_items(" ".join(section.text.splitlines()))
        return ItemList(
            section.id, tuple(_sentence_item(n, p, section.id) for n, p in enumerate(parts, 1))
        )
    first_plan = next(
        (i for i, s in enumerate(sections) if s.id in plan_ids or _plan_like(s)),
        len(sections),
    )
    outside = _admitted(sections[:first_plan], preamble)
    return (
        outside
        if outside.items
        else _admitted([s for s in sections if s.id in plan_ids], first=True)
    )


def _plan_like(section: Section) -> bool:
    """A part that sets out work to come (this year's or the next five years'), no review."""
    return bool(_plan_score(section, None)) and not _is_review(section, None)


def _admitted(tops: list[Section], preamble: str = "", first: bool = False) -> ItemList:
    found = _problems_in(preamble.splitlines(), [], "")
    where = None
    listed: set[int] = set()  # nodes already taken as items: their text is not a new admission
    for top in tops:
        for node in top.walk():
            if id(node) in listed:
                continue
            run = _trailing_run(node)
            items = _problems_in(node.text.splitlines(), run, top.id)
            listed.update(id(child) for child in run if any(i.text == child.text for i in items))
            where = where or (top.id if items else None)
            found.extend(items)
            if first and found:
                return ItemList(where, tuple(found))
    return ItemList(where, tuple(found))


# --- plan -----------------------------------------------------------------------------------


def _plan_score(section: Section, year: int | None) -> int:
    """How surely a top-level part is this year's plan: 0 not a plan, 1 a five-year plan,
    2 a plan, 3 a plan naming this year (or 今年)."""
    title = fold(section.title).replace(" ", "")
    if not _PLAN_TITLE.search(title):
        return 0
    years = _years(title)
    if year is not None and years and max(years) < year:
        return 0  # the year under review (2025年主要工作 in a 2026 report)
    if (year is not None and year in years) or re.search(r"今年|本年|明年", title):
        return 3
    return 1 if _LONG_TERM.search(title) else 2


def _is_review(section: Section, year: int | None) -> bool:
    title = fold(section.title).replace(" ", "")
    years = _years(title)
    return bool(_REVIEW_TITLE.search(title)) or bool(years and year and max(years) < year)


def _thematic_items(parts: list[Section]) -> list[Item]:
    """Tasks of a plan spread over several parts: each part's sub-headings, else its title."""
    items: list[Item] = []
    for part in parts:
        if _principles_only(part):
            continue
        if _STANDING_TITLE.search(part.title) or part.style == "closing":
            continue
        headings = [c for c in _task_list(part) if c.style in _HEADING_RANK]
        items.extend(_item(c) for c in headings) if len(headings) >= 2 else items.append(
            _item(part)
        )
    return items


def _plan_parts(sections: list[Section], year: int | None) -> tuple[Section | None, list[Section]]:
    """The part that holds the plan, or the thematic parts it is spread over."""
    scores = [_plan_score(s, year) for s in sections]
    best = max(scores, default=0)
    if best:
        chosen = [s for s, score in zip(sections, scores, strict=True) if score == best]
        # 2025年工作总体部署 (principles) then 2025年主要任务 (the tasks): the tasks
        part = max(chosen, key=lambda s: (not _principles_only(s), bool(_task_list(s))))
        later = sections[sections.index(part) + 1 :]
        if _principles_only(part) and _thematic(later, year):
            return None, later
        return (part, []) if _task_list(part) or not _principles_only(part) else (None, [])
    reviews = [i for i, s in enumerate(sections) if _is_review(s, year)]
    after = sections[reviews[-1] + 1 :] if reviews else sections
    return None, after if len(after) >= 2 else []


def _principles_only(section: Section) -> bool:
    title = fold(section.title)
    return bool(_PRINCIPLES_TITLE.search(title)) and not _TASKS_TITLE.search(title)


def _thematic(parts: list[Section], year: int | None) -> bool:
    """Parts that each name a task area (no review, no plan heading of their own)."""
    areas = [p for p in parts if not _is_review(p, year) and not _plan_score(p, year)]
    return len(areas) >= 2


def find_plan(
    sections: list[Section], report_year: int | None, delivery_year: int | None = None
) -> ItemList:
    year = delivery_year if delivery_year is not None else report_year
    part, spread = _plan_parts(sections, year)
    if part is not None:
        items = tuple(_item(child) for child in _task_list(part))
        return ItemList(part.id, items, _plan_year(part, report_year, delivery_year))
    if spread:
        items = tuple(_thematic_items(spread))
        return ItemList(spread[0].id, items, year) if items else ItemList(None, ())
    return ItemList(None, ())


def plan_section_ids(plan: ItemList) -> frozenset[str]:
    """Top-level parts the plan's items come from."""
    parts = {item.section.split(".")[0] for item in plan.items}
    return frozenset(parts | ({plan.section} if plan.section else set()))


def _plan_year(section: Section, report_year: int | None, delivery_year: int | None) -> int | None:
    """The year in the plan's heading, else the year the report is delivered (今年), else a
    later year its opening names, else the year after the one reported on."""
    titled = _years(section.title)
    if titled:
        return max(titled)
    if delivery_year is not None:
        return delivery_year
    later = [int(y) for y in _YEAR.findall(fold(section.text[:200]))]
    later = [y for y in later if report_year is None or y > report_year]
    if later:
        return later[0]
    return report_year + 1 if report_year is not None else None
