"""From a file to a `Report`: read, strip the page chrome, outline, find problems and plan."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import NotAReportError
from .load import SourceText, read_file, read_text
from .model import Meta, Report
from .outline import Classifier, build_outline
from .page import split_page
from .plan import find_plan, plan_section_ids
from .problems import find_problems
from .text import cjk_count

MIN_CJK_CHARS = 80


def parse_source(source: SourceText) -> Report:
    classified = Classifier()  # this parse's: the page split and the outline read the same lines
    page = split_page(source.lines, classified)
    preamble, sections = build_outline(list(page.body), classified)
    body_cjk = cjk_count("".join(page.body))
    if body_cjk < MIN_CJK_CHARS:
        raise NotAReportError(
            source.source,
            f"not a report: only {body_cjk} Chinese characters of body text",
            "too_short",
            count=body_cjk,
        )
    if not sections:
        raise NotAReportError(
            source.source, "not a report: no numbered headings or sections found", "no_sections"
        )
    plan = find_plan(sections, page.meta.year, delivery_year(page.meta), preamble)
    return Report(
        source=source.source,
        digest=source.digest,
        meta=page.meta,
        preamble=preamble,
        sections=sections,
        problems=find_problems(sections, plan_section_ids(plan), preamble),
        plan=plan,
    )


_GOVERNMENT_REPORT = re.compile(r"政府(?:\d{4}年)?工作报告")


def delivery_year(meta: Meta) -> int | None:
    """The year the report is given in, which its 今年 means: a 政府工作报告's title year
    (2022年某县政府工作报告, 某县人民政府2022年工作报告; not a 2021年度工作报告 on its year),
    else the year it was published when that follows the year reported on."""
    if _GOVERNMENT_REPORT.search(meta.title) and meta.year is not None:
        return meta.year
    published = meta.published.year if meta.published else None
    if published is not None and meta.year is not None and 0 <= published - meta.year <= 1:
        return published
    return None


def parse_bytes(data: bytes, source: str = "<bytes>", html: bool | None = None) -> Report:
    return parse_source(read_text(data, source, html))


def parse_file(path: Path | str) -> Report:
    return parse_source(read_file(Path(path)))
