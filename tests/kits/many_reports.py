"""A reports folder of twenty: the seed report and small invented ones, as a new user drops in.

The invented reports are of one genre (gov_docs.report_lines) for different places and years,
each with the year's headline results and next year's targets, so that /reports, /use,
/compare and /search have lists longer than one page, /diff and /promises find a place's
earlier report, and everything runs where ../shared/corpus is absent (CI).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.kits.gov_docs import report_lines
from bench.kits.paths import SEED

# (place, year): nineteen reports, two places with consecutive years (for /diff, /promises).
PLACES: tuple[tuple[str, int], ...] = (
    ("九江市", 2019), ("九江市", 2020), ("赣州市", 2018), ("赣州市", 2019), ("上饶市", 2020),
    ("宜春市", 2017), ("吉安市", 2021), ("抚州市", 2016), ("萍乡市", 2022), ("新余市", 2019),
    ("鹰潭市", 2018), ("景德镇市", 2021), ("洛阳市", 2020), ("开封市", 2017), ("兰州市", 2022),
    ("天水市", 2016), ("拉萨市", 2021), ("日喀则市", 2019), ("延庆区", 2023),
)  # fmt: skip
COUNT = len(PLACES) + 1  # with the seed report


WORK_REPORTS = ("九江市",)  # places whose reports are 政府工作报告: /promises pairs them


def _results(year: int) -> str:
    growth = 4 + year % 5 + (year % 3) / 10
    return (
        f"地区生产总值增长{growth:.1f}%，一般公共预算收入增长{year % 7 + 2}.5%，"
        f"新增城镇就业{year % 4 + 3}万人。"
    )


def _targets(year: int) -> str:
    return f"{year}年主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。"


def invented_lines(place: str, year: int) -> list[str]:
    """A small report with figures: a 年度工作报告 gives its year's results (GDP, revenue,
    jobs) and next year's targets; a 政府工作报告 (WORK_REPORTS) the year before's results and
    its own year's targets, as the genre does."""
    if place not in WORK_REPORTS:
        return report_lines(place, year, note=f"全年{_results(year)}{_targets(year + 1)}")
    body = report_lines(place, year)[3:]  # its sections and date, after title and opening
    opening = f"{year - 1}年，{place}{_results(year - 1)}{_targets(year)}"
    return [f"{year}年{place}政府工作报告", "各位代表：", opening, *body]


def write_reports(folder: Path) -> list[Path]:
    """`folder` holding the seed report and the nineteen invented ones (UTF-8 text files)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / SEED.name]
    shutil.copy(SEED, paths[0])
    for n, (place, year) in enumerate(PLACES):
        path = folder / f"invented_{n:02d}_{year}.txt"
        path.write_text("\n".join(invented_lines(place, year)) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
