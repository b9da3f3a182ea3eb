"""Reports by name: the place a report is about, the order /reports lists them in (grouped by
place, newest first), and the reports a few words name (/use 上海, /use 2024, /use 南昌 2020).

Pure: the place comes from the title when it opens with one (关于南昌市2020年度… → 南昌市, even
when the hosting site's metadata names 东湖区 as issuer), else from the issuer (深圳市人民政府 →
深圳市), else, when the issuer names no place (自治区人民政府), from the title's words before
its government (2025年西藏政府工作报告 → 西藏).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from .lazy_re import LazyPattern
from .model import Listed
from .text import fold

L = TypeVar("L", bound=Listed)
# An issuer's office after its place: 人民政府, 第十四届人民政府, 政府.
_OFFICE = re.compile(r"(?:第[一二三四五六七八九十百]+届)?(?:人民)?政府$")
# What is left of an issuer that names no place of its own.
_NO_PLACE = frozenset({"", "自治区", "省", "市", "县", "区", "州", "盟", "旗"})
_TITLE_YEAR = re.compile(r"(?:19|20)[0-9]{2} ?年度?")
_TITLE_PLACE = LazyPattern(r"^(?:关于)?(?P<place>[\u4e00-\u9fff]{2,12}?)(?:人民)?政府")
# One administrative unit: a name and its kind (南昌市, 内蒙古自治区, 阜平县).
# 州 ends a unit only when no 市, 县 or 区 follows: 兰州市 is a city, not 兰州 and a stray 市.
_UNIT = LazyPattern(
    r"[\u4e00-\u9fff]{1,8}?(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州(?![市县区])|盟|旗)"
)
# The units a title opens with (after 关于 and a year), followed by a year or by the
# government whose report it is: the place a report names itself.
_TITLE_UNITS = LazyPattern(
    rf"^(?:关于)?(?:(?:19|20)[0-9]{{2}} ?年度?)?(?P<units>(?:{_UNIT.pattern})+?)"
    r"(?=(?:19|20)[0-9]{2}|(?:第[一二三四五六七八九十百]+届)?(?:人民)?政府)"
)
# A year, written alone or against other words (南昌2020, 2020年度).
_YEAR_WORD = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9]) ?(?:年度?)?")


def place(report: Listed) -> str:
    """The place the report is about, as it prints it; '' when neither issuer nor title says.
    A title that opens with its place (关于南昌市2020年度…, 2024年深圳市政府工作报告) names it;
    the issuer, which may be the hosting site's (东湖区人民政府 for a city's report), only
    when the title does not."""
    named = _TITLE_UNITS.match(report.meta.title or "")
    if named:
        units: list[str] = _UNIT.findall(named.group("units"))
        return units[-1]  # the most specific: 江西省南昌市 → 南昌市
    issuer = _OFFICE.sub("", (report.meta.issuer or "").strip())
    if issuer not in _NO_PLACE:
        return issuer
    title = _TITLE_YEAR.sub("", report.meta.title or "")
    found = _TITLE_PLACE.match(title)
    return found.group("place") if found else ""


def _newest(report: Listed) -> int:
    return report.meta.year or 0


def listing(reports: Sequence[L]) -> list[L]:
    """The reports grouped by place, the place with the newest report first, each place's
    reports newest first; the order within a year (and among places) is the given one."""
    first_seen: dict[str, int] = {}
    newest: dict[str, int] = {}
    for n, report in enumerate(reports):
        key = place(report)
        first_seen.setdefault(key, n)
        newest[key] = max(newest.get(key, 0), _newest(report))
    order = {report.digest: n for n, report in enumerate(reports)}

    def rank(report: L) -> tuple[int, int, int, int]:
        key = place(report)
        return (-newest[key], first_seen[key], -_newest(report), order[report.digest])

    return sorted(reports, key=rank)


@dataclass(frozen=True)
class Wanted:
    """What /use words ask for: years, and words a place, issuer, title or file name holds."""

    years: tuple[int, ...]
    words: tuple[str, ...]


def wanted(query: str) -> Wanted:
    text = fold(query).lower()
    years = tuple(int(year) for year in _YEAR_WORD.findall(text))
    return Wanted(years, tuple(_YEAR_WORD.sub(" ", text).split()))


def _says(report: Listed, word: str) -> bool:
    meta = report.meta
    names = (place(report), meta.issuer or "", meta.title or "", report.source)
    return any(word in fold(name).lower() for name in names)


def matching(reports: Sequence[L], query: str) -> list[L]:
    """The reports `query` names, in the given order: of one of its years (when it gives
    any), saying each of its words in the place, issuer, title or file name."""
    asked = wanted(query)
    if not asked.years and not asked.words:
        return []
    return [
        r for r in reports
        if (not asked.years or r.meta.year in asked.years) and all(_says(r, w) for w in asked.words)
    ]  # fmt: skip
