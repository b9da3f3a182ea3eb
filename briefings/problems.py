"""Where a report admits its problems, and each problem.

Found by the genre's lead-ins (我们也清醒地看到…, 更要看到…困难和挑战, 仍然存在一些突出矛盾和
问题) and the lists that follow them: numbered, run together with ；or commas, one per
sentence or ——; the pledge and the strengths that close such a passage are not problems.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .findings import item_lists, item_of, task_list, titled
from .lexicon import pattern
from .model import Item, ItemList, Section
from .outline import is_first
from .plan import is_plan_like
from .text import first_sentence, fold

_PROBLEM_TITLE = pattern("problem_words", "problem_title")
_PLAN_ONLY = pattern("heading_words", "plan_only")
# A sentence that admits problems: the admission itself, not a pledge to solve them.
_ADMISSION = re.compile(
    r"(?:清醒|清楚|深刻)(?:地|的)?(?:看到|认识到|认识|意识到)"
    r"|(?:问题|困难|不足|短板)[^。,，]{0,4}不容忽视|(?:问题|矛盾)也(?:比较|较为|十分|很)?突出|(?:更|也|还)要看到[,，]?[^。,，]{0,30}"
    r"(?:的|些|种)(?:困难|问题|挑战|不足)(?:(?:和|与)(?:困难|问题|挑战|不足))?(?=[。,，:：;；]|$)"
    r"|(?:还|仍|仍然|依然|也|但)(?:存在|面临|有)(?:着)?(?:一些|不少|许多|诸多)?[^。,;:]{0,14}"
    r"(?:问题|困难|不足|矛盾|短板|挑战|差距|缺点|失误|薄弱环节|弱项)"
    r"|(?:存在|面临)的(?:主要|突出)?(?:问题|困难|不足|挑战)(?:(?:和|与)(?:问题|困难|不足|挑战))?"
    r"(?:主要)?(?:是|有|表现在|表现为)"
    r"|(?:中|上)的(?:主要|突出)(?:问题|困难|矛盾)(?:主要)?(?:是|有|表现在|表现为)"
    r"|(?:困难|问题)(?:和|与)(?:挑战|问题|不足)(?:还|仍然|依然)?(?:不少|很多|较多)"
    # 尽管取得一定成绩，但前方还有…: the concession before the list of what is still wrong
    r"|(?:尽管|虽然|虽)[^。]{0,12}(?:取得|有)[^。]{0,10}成绩[^。]{0,4}[,，]\s*(?:但|然而)"
    # 这里还要向大会如实报告：去年的20项民生实事，仍有4项未能如期完成。: a promise not kept
    r"|向大会(?:如实)?(?:报告|说明)(?=[^。:]{0,4}:[^。]*(?:未能|没有|未)(?:如期|按期|全部)?完成)"
    # 还有诸多方面需要改进和完善，如A，B，C: the shortcomings it names after 如
    r"|(?:还|仍)有(?:诸多|许多|不少|很多)(?:方面|地方)(?:需要|有待|亟待)(?:改进|完善|提高|加强)[^。,，]{0,6}[,，]\s*(?:如|比如|例如)"
)
# Lead-ins that admit problems only when what follows says something falls short
# (同时也要看到，A；B。 but not 也要看到，长期向好的基本面没有变).
_SOFT_ADMISSION = re.compile(
    r"(?:也|还|更|必须|要)(?:要|必须)?(?:看到|正视|深知|深感|认识到|意识到)"
)
_ANY_LEAD_IN = re.compile(rf"{_ADMISSION.pattern}|{_SOFT_ADMISSION.pattern}")
_SEEING = re.compile(r"(?:看到|认识到|意识到|认识|正视|深知|深感)$")
_FOR_EXAMPLE = re.compile(r"(?:如|比如|例如)$")
# An admission that names its problems in general, then gives them as examples (还有一些薄弱
# 环节和需要解决的问题，如A，B，C。): A, B and C are the problems.
_EXAMPLES = re.compile(
    r"(?:问题|困难|不足|矛盾|短板|弱项|薄弱环节|差距)[^。,;:]{0,4},\s*(?:如|比如|例如)(?=[^。,;:]{2})"
)
# What opens the points of problems named in general, or of their causes: 主要是, 主要原因,
# 究其原因, 原因在于, 问题的根源在于, 差距主要表现在.
_POINTS_OPENER = (
    r"(?:(?:主要|集中|突出|具体)(?:原因|问题|表现|体现)?(?:是|有|在于|[表体]现(?:在|为))?"
    r"|究其(?:原因|根源)[,]?(?:主要(?:是|有|在于))?"
    r"|(?:其|这些)?(?:(?:问题|差距|不足|短板|困难|矛盾)的?)?(?:原因|根源|症结)(?:主要)?(?:是|在于)"
    r"|(?:问题|差距|不足|短板)(?:主要)?(?:[表体]现(?:在|为)|是|有))"
)
# An admission in general that opens the list of its problems or their causes at the paragraph's
# end (…确实面临不同程度的困难和问题。主要原因，/ …还存在一些问题，主要是：/ …还有较大差距，差距
# 主要表现在：/ …还面临不少困难和问题：), then 一是…三是. The points may follow in the same
# paragraph (主要是：一是A；二是B。), up to the sentence of the last one.
_OPENS_POINTS = re.compile(
    r"(?:问题|困难|矛盾|不足|短板|差距|挑战)[^。,:]{0,6}"
    rf"(?:[。,]\s*{_POINTS_OPENER}\s*[:,]?|(?P<colon>:))\s*(?:$|(?=一是))"
)
# What follows an admission that opens its list at once: a colon, then the list in the sentence.
_OPENS_AT_ONCE = re.compile(r"[^,;:。]{0,8}:\s*[^\s。]")
# Between an admission's sentence and the opener of its points, only what they are about
# (…还有较大差距。差距主要表现在：): 问题的, 差距, 其.
_OPENER_SUBJECT = re.compile(r"(?:这些|其)?(?:(?:问题|差距|不足|困难|短板|矛盾)的?)?")
_LATER_POINT = re.compile(r"[二三四五六七八九十]是(?![的否])")
_OUTLOOK = pattern("problem_words", "outlook")
_SEEN = re.compile(r"(?:清醒|清楚|深刻)")
_LEAD_IN = re.compile(
    r"(?:清醒|清楚|深刻)(?:地|的)?(?:看到|认识到|认识|意识到)|(?:主要|集中|突出)(?:是|[表体]现(?:在|为)|有)\s*[:：]?$"
)
# An admission that names the problems only in general: the list follows it.
_GENERIC = re.compile(
    r"(?:存在|面临|(?<![国私公所拥具占])有(?![效力序机利]))(?:着|的)?(?:一些|不少|许多|诸多|很多)?"
    r"[^,;。]{0,14}?(?:问题|困难|挑战|不足|矛盾|缺点|失误|短板|薄弱环节|弱项)"
    r"|(?:问题|困难|挑战|不足|矛盾)[^,;。]{0,4}(?:不少|很多|较多)"
)
# Words that say something falls short: a clause holding one states a problem of its own.
_DEFICIT = pattern("problem_words", "deficit")
# A clause that only frames the problems after it (在…过程中, 对标高质量发展, 受…影响), and the
# words that only lead into one (特别是).
_FRAMING = re.compile(
    r"^(?:在[^,，]{2,20}(?:中|时|下|上)|对标[^,，]{2,12}|受[^,，]{2,16}(?:影响|冲击)"
    r"|(?:当前|目前|现在)[^,，]{0,8}(?:正)?处于[^,，]{0,20}(?:时期|阶段|关口|节点))$"
)
_FURTHER = re.compile(r"^(?:有的|有些|个别|少数)?(?:甚至|乃至)")
_SHARED_HARM = re.compile(r"^(?:严重|也|都)?(?:损害|影响|制约|阻碍|妨碍|败坏|破坏|危害|伤害)")
_NAMED_ILL = re.compile(r"(?:作风|行为|现象|风气|之风)$")
_BECAUSE = re.compile(r"^(?:由于|因为)")
_SECOND_CAUSE = re.compile(r"^(?:加上|加之)")
_CAUSAL = re.compile(r"^(?:由于|因为|加上|加之|导致|致使|从而|以致|造成)")
_IN_GENERAL = re.compile(
    r"(?:出现|存在|面临|(?<![国私公所拥具占])有)[着了]?(?:一些|不少|许多|诸多)?[^,，]{0,6}(?:问题|矛盾|困难|挑战)$"
    r"|^[^,，]{0,10}(?:存在|还有|也有)(?:一些|不少|许多|诸多)?(?:不足|缺点|差距)$"
    # shortcomings counted, not named (还有不少短板弱项, 短板弱项仍然存在)
    r"|^[^,，]{0,12}?(?:(?:存在|还有|也有)(?:一些|不少|许多|诸多)(?:短板|弱项)+"
    r"|短板弱项(?:仍然|依然|仍|还)?存在)$"
)
# One sentence saying problems stand out (…不平衡、不充分的问题还比较突出。) before the numbered
# list of them announces the list, as one naming them in general does.
_STAND_OUT = re.compile(r"(?:问题|矛盾)(?:还|仍|依然|仍然|也)?(?:比较|较为|十分|相当|日益)?突出$")
_LEADING = re.compile(r"^(?:特别是|尤其是|同时)[,，]?")
# A sentence about the one before it (这既有…, 这主要是…): no problem of its own.
_REFERS_BACK = re.compile(r"^这(?:既|主要|其中|固然|一方面)")
_STRESSED = re.compile(r"^(?:特别是|尤其是)[,，]\s*")  # 特别是，A。: A
_SOLVING = pattern("problem_words", "solving")
# Problems listed with ；, or numbered after commas (一是A，二是B，三是C。)
_LISTED = re.compile(r"[;；]|[,，](?=[二三四五六七八九十]是)")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+是(?![的否])")
# The number a point printed inside a paragraph carries ((1)A；(2)B, ①A；②B, 1.A；2.B): not
# part of the problem's words.
_POINT_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+是(?![的否])|[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|\d{1,2}\s*[.、．](?!\d))\s*"
)
# Headings that claim progress: a list of them is the achievements, whatever follows it.
_ACHIEVED = pattern("problem_words", "achieved")
# …，等等。 closes a list: no clause of it, before the list is split or after.
_ET_CETERA = re.compile(r"[,，]?等等[。.]?$")
_ALSO = re.compile(r"^(?:此外|另外)[,，]\s*")
# 一方面，A；另一方面，B。: the sides are the problems, the words only mark them.
_SIDES = re.compile(r"^(?:另)?一方面[,，]\s*")
# 同时，政府自身建设还存在薄弱环节。 after the problems adds one (not 同时，我们也要看到…).
_SAME_TIME = re.compile(r"^同时[,，]\s*(?!我们|也|还|更|要|必须|应当|各)")
_THEME = re.compile(r"^\s*(?:(?:特别是|尤其是|同时)[,，]?)?\s*([\u4e00-\u9fff]{1,3}的)")
_SENTENCE = re.compile(r"[^。!?！？]+[。!?！？]?")
_OPENS_LIST = re.compile(
    r"^(?:(?:主要|集中|突出)(?:是|[表体]现(?:在|为)|有)|具体(?:是|[表体]现为))\s*[:：,，]\s*"
)
_LIST_OPENER = re.compile(
    r"(?:(?:主要|集中|突出)(?:是|[表体]现(?:在|为)|有)|具体(?:是|[表体]现为))\s*[:,]?"
    # the causes of problems named in general (…还存在一些问题和不足。究其原因，一是…)
    r"|(?:究其(?:原因|根源)[,]?(?:主要(?:是|有|在于))?|(?:原因|根源|症结)(?:主要)?(?:是|在于))\s*[:,]?"
    r"|:"
)
# Sentences that close a list of problems rather than name one: the pledge, the strengths.
_PLEDGE = re.compile(
    r"^(?:对(?:这些|此|于这些|上述)|我们(?:将|要|一定|必须|决心)|(?:所有)?这些|针对|必须"
    r"|各位代表|同时|但是?|总的(?:看|来看))"
)
# The pledge that closes a list of problems (对此，我们将…; 对这些问题…), after its last point.
_CLOSES = re.compile(r"^(?:对(?:这些|此|于这些|上述)|我们(?:将|要|一定|必须|决心)|针对)")
_RESTATED = re.compile(r"^[^,，。]{0,12}清醒(?:地|的)?(?:看到|认识到)[,，:：]?")
_ABOUT_THEM = re.compile(r"这些(?:问题|矛盾|困难|不足)")
_STRENGTH = pattern("problem_words", "strength")
# …but a strength not yet used is a shortfall admitted (生态优势有待深度挖掘).
_UNREALISED = pattern("problem_words", "unrealised")


def _admission_end(paragraph: str, examples_only: bool = False) -> tuple[int, int] | None:
    """Where the problems start and end in a paragraph that admits some, or None
    (`examples_only`: only an admission that gives its problems as examples, …问题，如A，B).

    After a lead-in that names them only in general (…还存在不少困难和问题。主要是：) the list
    runs to the paragraph's end; an admission that states the problem itself (我们也清醒看到，
    A，B。) starts the list after its verb, and when it comes mid-paragraph it is one sentence.
    """
    folded = fold(paragraph)
    start = 0
    for sentence in re.findall(r"[^。!?]*[。!?]?", folded):
        match = _admission(sentence)
        examples = _EXAMPLES.search(sentence, match.end()) if match else None
        # in a plan part, besides examples, an admission in general that opens its list at once
        # (我们也清醒地认识到，…仍存在一些短板：A，B，C。)
        general = _GENERIC.search(sentence, match.start()) if match else None
        opens = bool(general and _OPENS_AT_ONCE.match(sentence, general.end()))
        if examples_only and not examples and not opens:
            match = None
        if match and not _SOLVING.search(sentence[: match.start()]):
            at = start + match.end()
            stop = folded.find("。", at)
            stop = len(folded) if stop < 0 else stop + 1
            opener = _LIST_OPENER.search(folded, at)
            rest = folded[at:stop]
            if opener and (
                opener.start() < stop or _opens_next(folded[stop : opener.start()], rest, opener)
            ):
                return opener.end(), len(folded)
            if _FOR_EXAMPLE.search(match.group()):  # …需要改进和完善，如A，B，C。: A, B, C
                return at, stop
            if examples and _GENERIC.search(sentence[match.end() : examples.end()]):
                return start + examples.end(), stop
            # 清醒看到，还存在一些问题。: general; 清醒看到，A，B，还有不少短板。: A, B and the last
            if _SEEN.match(match.group()) and not _GENERIC.search(_first_clause(rest)):
                return at, stop if start else len(folded)
            if not _SOFT_ADMISSION.fullmatch(match.group()):
                # 也面临不少困难和挑战，A；B。 or 还存在一些问题，A，B。: the list runs on
                # after the comma
                comma = rest.find(",")
                after = _first_clause(rest[1:]) if comma == 0 else ""
                runs_on = 0 <= comma < rest.find(";") or (
                    bool(_GENERIC.search(match.group()))
                    and bool(_DEFICIT.search(after))
                    and not _GENERIC.search(after)
                )
                return (at + comma + 1 if runs_on else stop), len(folded)
            if _GENERIC.search(_first_clause(rest)):  # 我们还认识到，存在不少不足。A，B。
                return stop, len(folded)
            return at, stop if start else len(folded)
        start += len(sentence)
    return None


def _opens_next(between: str, rest: str, opener: re.Match[str]) -> bool:
    """Whether the sentence after an admission opens its list: right at its start (主要是：),
    or, after an admission that names its problems only in general (…还有较大差距。), after what
    they are about (差距主要表现在：) or on their causes (究其原因，一是…)."""
    between = between.strip()
    general = not rest.strip(" 。,") or bool(_GENERIC.search(_first_clause(rest)))
    bare = not between and not re.match(r"究其|原因|根源|症结", opener.group())
    return bare or (general and bool(_OPENER_SUBJECT.fullmatch(between)))


def _first_clause(text: str) -> str:
    """The first comma clause that is not a frame (在经济发展中，…)."""
    clauses = [c for c in text.split(",") if c.strip(":") and not _FRAMING.match(c.strip(":"))]
    return clauses[0] if clauses else ""


def _admission(sentence: str) -> re.Match[str] | None:
    """The lead-in of a sentence that admits problems, a soft one only before a shortfall."""
    match = _ADMISSION.search(sentence)
    if match:
        return match
    soft = _SOFT_ADMISSION.search(sentence)
    after = sentence[soft.end() :] if soft else ""
    if soft and _DEFICIT.search(after) and not _OUTLOOK.search(after):
        return soft
    return None


# Comma clauses are separate problems when a sentence runs four or more of them that say
# something falls short (世界经济增速放缓，保护主义加剧，…); among four or more, a clause that
# names no shortfall elaborates the one before it. Once a passage runs its problems together
# with every clause a shortfall, or marks its problems with nothing finer than 。 and ，
# (no ；, no 一是), its sentences split only the same way, and then from two clauses up
# (投资下行压力加大，社会消费活力不足): their sentences of a problem and its details
# (…还不强，基础研究投入还不足，远低于先进城市) stay whole. Otherwise the words after a comma
# elaborate one problem.
_CLAUSES_MIN = 4
_SHORT_RUN_MIN = 2
# A clause that says more of the one before it, no problem of its own: a bare predicate
# (亏损增加, 效率低下), an attribute with no owner of its own (农业基础脆弱，抗灾能力不强), the
# public's reaction to it (…，群众不满意; …，群众对上学难等问题反映比较强烈).
_SAYS_MORE = re.compile(
    r"^.{1,4}$|^.{0,2}(?:能力|实力|活力|动力|后劲)|^抗[^,，]{1,4}能力"
    r"|^(?:人民)?群众(?:对[^,，]{0,20})?(?:还|仍)?(?:不满意|反映[^,，]{0,4}强烈|意见[^,，]{0,4}大)"
    # opens with a preposition, no subject of its own (…，与国际通行规则衔接还需加强)
    r"|^(?:与|同|跟|较|比)(?!此同时)"
    # where the shortfall before it shows (…还需持续强化，一些领域还存在腐败问题)
    r"|^(?:一些|有的|有些|个别|少数|部分)(?:领域|地方|方面|环节|单位|部门)(?:还|仍|也|仍然|依然)?(?:存在|出现)"
)


def _clauses(sentence: str, strict: bool = False) -> list[str]:
    """A sentence, or its comma clauses when it runs problems together (`strict`: every
    clause a shortfall, from two clauses up)."""
    clauses: list[str] = []
    for clause in (c.strip() for c in re.split(r"[,，]", sentence.rstrip("。"))):
        further = bool(clauses and _FURTHER.match(clause))
        # X还有不少短板，A，特别是B，C: after a general clause, 特别是 goes further on A (but a
        # general clause that A only says more of is the sentence's theme: one problem)
        stressed = len(clauses) > 1 and bool(_LEADING.match(clause))
        stressed = stressed and bool(_IN_GENERAL.search(clauses[0]))
        stressed = stressed and not _SAYS_MORE.match(clauses[1])
        if further or (stressed and not _IN_GENERAL.search(clauses[-1])):
            clauses[-1] += f"，{clause}"  # A，甚至B: one problem going further
        elif clause and not _FRAMING.match(clause):
            clauses.append(clause)
    if len(clauses) >= 3 and _SHARED_HARM.match(clauses[-1]):
        # A作风，B行为，损害了…: shortfalls named as things, sharing what they harm
        things = clauses[:-1]
        if all(_NAMED_ILL.search(c) and _DEFICIT.search(c) for c in things):
            return [*things[:-1], f"{things[-1]}，{clauses[-1]}"]
    causal = any(_CAUSAL.match(c) for c in clauses)  # 由于A，C: one problem and its cause
    # 由于A，加上B，C: two causes that each fall short are a problem each (C stays with B)
    second = next((i for i, c in enumerate(clauses) if i and _SECOND_CAUSE.match(c)), 0)
    if second and _BECAUSE.match(clauses[0]) and _DEFICIT.search(clauses[second]):
        return ["，".join(clauses[:second]), "，".join(clauses[second:])]
    # A，B，特别是C: one problem and its particulars, unless A only names problems in general
    # (又出现一些新的矛盾，特别是C，D，E: the particulars are the problems)
    at = next((i for i, c in enumerate(clauses) if i and _LEADING.match(c)), 0)
    general = bool(at) and all(_IN_GENERAL.search(c) for c in clauses[:at])
    if at and not general:
        return [sentence]
    counted = len(clauses)  # the general clause counts towards a run: A，特别是B，C，D
    clauses = [_LEADING.sub("", c) for c in clauses][at:]
    while len(clauses) > 1 and _IN_GENERAL.search(clauses[0]) and not _SAYS_MORE.match(clauses[1]):
        clauses = clauses[1:]  # 政府工作存在不足，A，B: A and B are the problems
    minimum = _SHORT_RUN_MIN if strict else _CLAUSES_MIN
    if causal or counted < minimum or not _DEFICIT.search(clauses[0]):
        return [sentence]
    problems: list[str] = []
    for clause in clauses:
        says_more = bool(problems) and (_SAYS_MORE.match(clause) or _narrows(problems[-1], clause))
        if _DEFICIT.search(clause) and not says_more:
            problems.append(clause)
        else:
            problems[-1] += f"，{clause}"  # …，加重基层负担: what the one before it causes
    named = sum(bool(_DEFICIT.search(c)) for c in clauses)
    if named < (len(clauses) if strict else 3 * len(clauses) / 4):
        return [sentence]
    return problems


# Words that narrow a subject to some of it (一些粮食主产区…, 部分…).
_SOME = re.compile(r"^(?:一些|部分|有些|有的|个别|少数)")
_SUBJECT_CHARS = 4


def _narrows(previous: str, clause: str) -> bool:
    """Whether `clause` says the shortfall before it of some of its subject only, going further
    on it (农民收入增长缓慢，一些粮食主产区…农民收入减少): it opens on 一些/部分 and names
    the subject of `previous` (what comes before its shortfall word) again."""
    deficit = _DEFICIT.search(previous)
    subject = previous[: deficit.start()] if deficit else ""
    return bool(_SOME.match(clause)) and any(
        subject[i : i + _SUBJECT_CHARS] in clause[2:]
        for i in range(len(subject) - _SUBJECT_CHARS + 1)
    )


def _framed(piece: str) -> bool:
    return bool(_FRAMING.match(re.split(r"[,，]", piece, maxsplit=1)[0].strip()))


def _themed(sentences: list[str]) -> set[str]:
    """Sentences that open in parallel with their theme (我们的X还不强，A；B。我们的Y…, three or
    more): each is one problem, its ；-pieces being the theme's particulars."""
    themes = [_THEME.match(s) for s in sentences]
    counts = Counter(m.group(1) for m in themes if m)
    return {s for s, m in zip(sentences, themes, strict=True) if m and counts[m.group(1)] >= 3}


def _split_items(text: str, lead_in: bool = False, numbered: bool = False) -> list[str]:
    """Problems run together: one per sentence, per ；within one (its comma clauses stay with
    it: the report grouped them), or per comma clause where a sentence runs several; only
    statements that something falls short, up to the pledge. `numbered`: the text leads
    into a numbered list of problems (it marks its problems, whatever it prints itself)."""
    texts = [_ET_CETERA.sub("", s) for s in re.findall(r"[^。!?！？]+[。!?！？]?", text)]
    sentences = [[p.strip() for p in _LISTED.split(s) if p.strip(" ,，:：")] for s in texts]
    themed = _themed(texts)
    unlisted = [pieces[0] for pieces in sentences if len(pieces) == 1]
    runs = [s for s in unlisted if len(_clauses(s)) > 1]
    # a passage that marks its problems with nothing finer than 。 and ，(no ；, no 一是) runs
    # them together: a sentence of shortfalls each with its own subject is one problem each
    # (投资下行压力加大，社会消费活力不足。)
    unmarked = not numbered and len(unlisted) == len(sentences)
    unmarked = unmarked and not any(_NUMBERED.match(s) for s in unlisted)
    strict = unmarked or any(len(_clauses(s, strict=True)) >= _CLAUSES_MIN for s in runs)
    # sentences that each run a problem and its details (我们的X还不强，A，B，C。我们的Y…) are
    # problems one each: only a passage whose problems run in one sentence splits with details
    lenient = lead_in and len(runs) == 1
    parts: list[tuple[str, bool]] = []  # (part, listed with ；)
    for sentence, pieces in zip(texts, sentences, strict=True):
        if sentence in themed:  # 我们的X还有短板，A；B，C。: X's particulars (RULES.md rule 3)
            parts.append((sentence.strip(), True))
        elif len(pieces) > 1:
            # 对标高品质生活，A，B，C；: a group the report frames is a run of its own
            framed = [_clauses(p, strict=True) if _framed(p) else [p] for p in pieces]
            parts.extend((clause, True) for clauses in framed for clause in clauses)
        else:
            clauses = _clauses(pieces[0], strict=True) if strict else pieces
            if (lenient or unmarked) and clauses == pieces:  # a detail among its shortfalls
                clauses = _clauses(pieces[0])
            parts.extend((clause, False) for clause in clauses)
    items: list[str] = []
    for part, listed in parts:
        part = _RESTATED.sub("", part.strip(" ,，:：")).strip()
        part = _ALSO.sub("", _POINT_NUMBER.sub("", _OPENS_LIST.sub("", part)))
        part = _SIDES.sub("", part)
        same_time = _SAME_TIME.match(fold(part))
        if same_time and _names_shortfall(part[same_time.end() :]):
            part = part[same_time.end() :]
        if _PLEDGE.match(fold(part)) or _ABOUT_THEM.search(part):
            break
        part = _ET_CETERA.sub("", _STRESSED.sub("", part)).strip()
        # a sentence of the passage need not be a problem (去年我们曾提出…); a ；item is one
        stated = listed or _DEFICIT.search(part)
        lead = first_sentence(part)
        if items and not listed and _REFERS_BACK.match(part):
            items[-1] += part  # …仍有4项未能如期完成。这既有客观因素，更主要的是…: its causes
        elif part and stated and (not _STRENGTH.search(lead) or _UNREALISED.search(lead)):
            items.append(part)
    return items


def _names_shortfall(text: str) -> bool:
    """Whether a passage's first sentence says something falls short (not a pledge, not a
    strength): a problem of its own."""
    lead = first_sentence(text)
    strong = _STRENGTH.search(lead) and not _UNREALISED.search(lead)
    return bool(_DEFICIT.search(lead)) and not strong and not _PLEDGE.match(fold(text))


def _sentence_item(number: int, part: str, where: str) -> Item:
    return Item(f"{number}.", first_sentence(part).rstrip("。；;"), part, where)


def _trailing_run(node: Section) -> list[Section]:
    """The list a node's text leads into: its last run of children starting at 一/1."""
    runs = item_lists(node.children)
    return runs[-1] if runs and len(runs[-1]) >= 2 else []


def _names_shortfalls(run: list[Section]) -> bool:
    """A list of problems, not the achievements printed beside the admission (一是综合实力再上
    台阶…): a list whose headings mostly claim progress is none, and so is one whose headings
    claim some progress and admit no shortfall at all (…迈上新台阶, …纵深推进, …焕然一新)."""
    claimed = sum(bool(_ACHIEVED.search(c.title) and not _DEFICIT.search(c.title)) for c in run)
    admitted = any(_DEFICIT.search(c.title) for c in run)
    return bool(run) and 2 * claimed <= len(run) and (admitted or not claimed)


def _opened_points(paragraph: str) -> list[str] | None:
    """A paragraph that names problems in general and opens their points (…面临不同程度的困难和
    问题。主要原因，): the points it prints itself (一是A；二是B。), [] when they follow it as a
    list, None when it opens none."""
    folded = fold(paragraph)
    opener = _OPENS_POINTS.search(folded)
    if opener is not None and opener.group("colon"):
        # …还面临不少困难和问题：, not 今年要着力解决以下问题： nor 补齐以下短板：
        said = folded[folded.rfind("。", 0, opener.start()) + 1 : opener.end()]
        if not _GENERIC.search(said) or _SOLVING.search(said):
            return None
    if opener is None:
        return None
    last = list(_LATER_POINT.finditer(folded, opener.end()))
    if not last:
        return []
    stop = folded.find("。", last[-1].end())
    items = _split_items(paragraph[opener.end() : len(folded) if stop < 0 else stop + 1])
    return items if _mostly_shortfalls_text(items) else None


def _mostly_shortfalls(run: list[Section]) -> bool:
    """A list whose points mostly say something falls short (the tasks around it do not)."""
    return len(run) >= 2 and _mostly_shortfalls_text([point.title for point in run])


def _mostly_shortfalls_text(points: list[str]) -> bool:
    named = sum(bool(_DEFICIT.search(point)) for point in points)
    return len(points) >= 2 and 2 * named >= len(points)


def _problems_in(
    paragraphs: list[str],
    run: list[Section],
    where: str,
    examples_only: bool = False,
    opened: list[Section] | None = None,
) -> tuple[list[Item], list[Section]]:
    """Problems admitted in a node's paragraphs, and the points of `run` (the list its text
    leads into) taken as problems, and the points of `opened` (the node's first list) when a
    paragraph names problems in general and opens them (…面临不同程度的困难和问题。主要原因，
    一是…); `examples_only` (a plan part): besides those, only problems given as examples."""
    opened = opened or []
    found: list[Item] = []
    taken: list[Section] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        index += 1
        span = _admission_end(paragraph, examples_only)
        if span is None:
            points = _opened_points(paragraph)
            if points:  # 主要是：一是A；二是B。 in the paragraph
                found.extend(_sentence_item(n, p, where) for n, p in enumerate(points, 1))
            elif points is not None and _mostly_shortfalls(opened):  # then 一是… below it
                found.extend(_point_items(opened, where))
                taken, opened = opened, []
            continue
        # a run with its details splits only right after the lead-in (清醒看到…主要是：A，B，…)
        lead_in = bool(_LEAD_IN.search(fold(paragraph)[: span[0]]))
        text = paragraph[span[0] : span[1]].strip()
        # one sentence before the node's numbered list of problems leads into it: the
        # problems are marked (…尚未根本解决，又出现了一些新问题。 then 一是…)
        leads_into = len(re.findall(r"[。!?！？]", text.rstrip("。!?！？"))) == 0
        leads_into = leads_into and _names_shortfalls(run)
        parts = _split_items(text, lead_in, numbered=leads_into)
        last_clause = re.split(r"[,，]", text.rstrip("。!?！？"))[-1].strip()
        if leads_into and (_IN_GENERAL.search(last_clause) or _STAND_OUT.search(last_clause)):
            parts = []  # …尚未根本解决，又出现了一些新问题。 announces the list: no problem of its own
        if not parts:
            # the lead-in ends by opening a list (…还存在一些困难和问题：): the paragraphs below
            # it that each state a shortfall are its points, as are —— lines after any lead-in
            opener = fold(paragraph).rstrip()
            below = not text and span[0] == len(opener) and opener.endswith(":")
            while index < len(paragraphs):
                following = fold(paragraphs[index])
                dashed = following.startswith(("——", "--"))
                point = below and _names_shortfall(following) and not _admission(following)
                if not dashed and not point:
                    break
                parts.append(paragraphs[index].lstrip("—-").strip())
                index += 1
        base = len(found)
        found.extend(_sentence_item(base + n, part, where) for n, part in enumerate(parts, start=1))
        if len(parts) < 2 and _names_shortfalls(run):
            # one problem at most in the paragraph, then the numbered list it leads into
            found.extend(_point_items(run, where))
            taken, run = run, []
    return found, taken


def _point_items(run: list[Section], where: str) -> list[Item]:
    """The problems of a numbered list: one per point, but a point that only frames a run
    (六是对标国际一流水平，A，B，C。) is no item and its clauses count one each, and the
    sentences after the last point that add problems (此外，…; 我们还要看到，…) are their own."""
    items: list[Item] = []
    for n, point in enumerate(run, start=1):
        text = point.text or point.title
        # in the last point's own paragraph: …六是A。此外，B，C。对此，…
        line = text.split("\n", 1)[0]
        added = _added_after(line) if n == len(run) else None
        own = text[: added[0]] if added else text
        if n == len(run):  # …三是C。对此，我们将…: the pledge closes the list, not the point
            own = own[
                : next(
                    (
                        m.start()
                        for m in _SENTENCE.finditer(line)
                        if m.start() and _CLOSES.match(m.group())
                    ),
                    len(own),
                )
            ]
        head = first_sentence(own)
        clauses = _clauses(head, strict=True) if _framed(head) else [head]
        if len(clauses) < 2:
            items.append(Item(point.ordinal, point.title, own.strip() or point.title, point.id))
        else:
            items.extend(Item(point.ordinal, c, c, point.id) for c in clauses)
        if added:
            rest = _split_items(text[added[1] : len(line)])
            items.extend(_sentence_item(len(items) + k, p, where) for k, p in enumerate(rest, 1))
    return [Item(i.ordinal, i.lead, i.text, where) for i in items]


def _added_after(paragraph: str) -> tuple[int, int] | None:
    """Where a point's paragraph goes on to further problems after its first sentence, and
    where they start: a sentence opening with 此外, or one that admits more (…的同时，我们还要
    看到，A，B。: A, B), or None."""
    sentences = list(_SENTENCE.finditer(fold(paragraph)))[1:]
    for sentence in sentences:
        also = _ALSO.match(sentence.group())
        # 此外，A还需加强，…: A falls short (not 此外，我们还将着力解决…)
        first = re.split(r"[,;]", sentence.group()[also.end() :])[0] if also else ""
        if also and _DEFICIT.search(first) and not _SOLVING.search(first):
            return sentence.start(), sentence.start() + also.end()
        if _admission(sentence.group()):
            # 我们还要看到，A: A after a lead-in that sees (not a shortfall: …还存在短板，)
            leads = [m for m in _ANY_LEAD_IN.finditer(sentence.group())]
            at = leads[-1].end() if leads and _SEEING.search(leads[-1].group()) else -1
            if at >= 0 and sentence.group()[at : at + 1] == ",":
                return sentence.start(), sentence.start() + at + 1
    return None


# A heading that sets out to remedy a shortfall (缩小城乡区域差距, 弥补民生领域不足): a task.
_REMEDY = re.compile(
    r"(?:缩小|弥补|补齐|补足|补上|弥合|解决|克服|化解)[^,，。]{0,12}(?:差距|不足|短板|问题)"
)


def _problems_part(sections: Sequence[Section], plan_ids: frozenset[str]) -> Section | None:
    """The part or sub-part headed for the problems (存在的问题, 工作中的差距): never a task of
    the plan (（二）着力缩小城乡区域差距), nor any heading inside the plan's parts."""

    def heads_problems(node: Section) -> bool:
        top = node.id.split(".")[0]
        inside_plan = node.id != top and top in plan_ids
        return not inside_plan and not _REMEDY.search(fold(node.title))

    return titled(sections, _PROBLEM_TITLE, heads_problems)


# A sub-part headed for the problems and nothing else (存在的不足, 工作中存在的问题, 问题和不足),
# unlike a problem of the part's list headed by itself (执法人员数量不足).
_PROBLEMS_HEADING = re.compile(
    r"(?:[^,。]{0,8}(?:存在|面临)的)?(?:主要|突出)?(?:问题|不足|困难|短板|弱项|差距|薄弱环节)"
    r"(?:(?:和|与|及)(?:问题|不足|困难|短板|弱项|差距|挑战))?"
)


def find_problems(
    sections: Sequence[Section], plan_ids: frozenset[str] = frozenset(), preamble: str = ""
) -> ItemList:
    """The problems a report admits: a part titled so, else every admission outside the plan
    (the opening, the review parts, a part on the government's own conduct after it), else
    the first inside it; pinned to the part that holds the first."""
    section = _problems_part(sections, plan_ids)
    if section is not None and section.id in plan_ids:
        # 存在的不足和下一步工作打算: its task list is the plan. Its problems are in a sub-part
        # of their own (（一）存在的不足), else what it admits besides the tasks (…但也存在一些
        # 不足：一是A；二是B。), found as in any part.
        inner = titled(section.children, _PROBLEM_TITLE)
        if inner is None:
            tasks = {id(task) for task in task_list(section)}
            rest = replace(
                section, children=tuple(c for c in section.children if id(c) not in tasks)
            )
            return _admitted([rest], first=True)
        section = inner
    if section is not None:
        # 存在的不足及原因分析, then （一）存在的不足 （二）原因分析: the problems are the first's
        headed = (c for c in section.children if _PROBLEMS_HEADING.fullmatch(fold(c.title)))
        section = next(headed, section)
    if section is not None and section.children:
        return ItemList(section.id, tuple(item_of(child) for child in section.children))
    if section is not None:
        admitted = _admitted([section])
        if admitted.items:
            return admitted
        # a part headed 存在的问题 need not lead in: each sentence that states a shortfall
        parts = _split_items(" ".join(section.text.splitlines()))
        return ItemList(
            section.id, tuple(_sentence_item(n, p, section.id) for n, p in enumerate(parts, 1))
        )
    planned = [i for i, s in enumerate(sections) if s.id in plan_ids or is_plan_like(s)]
    # a part headed like a plan but in no word only a plan uses, before the plan itself, is the
    # review (主要工作, then 下一步工作安排), unlike 今后五年目标与任务 before the year's plan
    first = next((i for i, s in enumerate(sections) if s.id in plan_ids), len(sections))
    planned = [i for i in planned if i >= first or _PLAN_ONLY.search(fold(sections[i].title))]
    inside = sections[planned[0] : planned[-1] + 1] if planned else []
    # an admission inside the plan is a situation that frames the tasks, except one that
    # gives its problems as examples (…还有一些薄弱环节和需要解决的问题，如A，B，C。)
    outside = _admitted(sections, preamble, examples_in=frozenset(s.id for s in inside))
    return (
        outside
        if outside.items
        else _admitted([s for s in sections if s.id in plan_ids], first=True)
    )


def _admitted(
    tops: Sequence[Section],
    preamble: str = "",
    first: bool = False,
    examples_in: frozenset[str] = frozenset(),
) -> ItemList:
    """Problems admitted in `tops` (in parts `examples_in`, only those given as examples)."""
    found, _ = _problems_in(preamble.splitlines(), [], "")
    where = None
    listed: set[int] = set()  # nodes already taken as items: their first paragraph is no new
    for top in tops:  # admission, a later one may be (四是…。\n除此以外，…问题也比较突出。)
        for node in top.walk():
            paragraphs = node.text.splitlines()[1 if id(node) in listed else 0 :]
            run = _trailing_run(node)
            lists = item_lists(node.children)
            opened = lists[0] if lists and is_first(lists[0][0].ordinal) else []
            items, taken = _problems_in(paragraphs, run, top.id, top.id in examples_in, opened)
            listed.update(id(child) for child in taken)
            where = where or (top.id if items else None)
            found.extend(items)
            if first and found:
                return ItemList(where, tuple(found))
    return ItemList(where, tuple(found))
