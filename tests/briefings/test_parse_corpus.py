"""Full 政府工作报告 of other governments: parts, problems and plan are found in each."""

from __future__ import annotations

import json

import pytest

from bench.kits.paths import CORPUS, corpus_files
from briefings.export import to_json
from briefings.parse import parse_file

# What a reader finds in each report, written out by hand from the texts.
EXPECTED = {
    "beijing_2025": {"parts": 2, "plan_year": 2025, "plan_items": 11, "plan_first": "充分发挥经济体制改革牵引作用",
                     "problem_first": "人口资源环境矛盾依然突出"},
    "gansu_2025": {"parts": 3, "plan_year": 2025, "plan_items": 8, "plan_first": "聚焦全方位扩大内需",
                   "problem_first": "“三个不平衡”的矛盾仍较突出"},
    "guowuyuan_2019": {"parts": 3, "plan_year": 2019, "plan_items": 10, "plan_first": "继续创新和完善宏观调控",
                       "problem_first": "世界经济增速放缓"},
    "henan_2025": {"parts": 3, "plan_year": 2025, "plan_items": 10, "plan_first": "更大力度推动全方位扩大内需",
                   "problem_first": "需求不足特别是消费不足"},
    "jiangxi_2025": {"parts": 2, "plan_year": 2025, "plan_items": 10, "plan_first": "充分挖掘释放有效需求潜力",
                     "problem_first": "经济循环存在堵点"},
    "xizang_2025": {"parts": 2, "plan_year": 2025, "plan_items": 9, "plan_first": "坚决维护社会和谐稳定",
                    "problem_first": "维护社会大局稳定须臾不可放松"},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_report_parts_problems_and_plan(name: str) -> None:
    path = CORPUS / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"shared corpus not present: {path}")
    expected = EXPECTED[name]
    report = parse_file(path)
    assert len(report.sections) == expected["parts"]
    assert report.meta.year == expected["plan_year"]
    assert report.plan.year == expected["plan_year"]
    assert len(report.plan.items) == expected["plan_items"]
    assert report.plan.items[0].lead.startswith(expected["plan_first"])
    assert len(report.problems.items) >= 3
    assert report.problems.items[0].lead.startswith(expected["problem_first"])
    exported = json.loads(to_json(report))
    assert exported["plan"]["year"] == expected["plan_year"]
    assert len(exported["sections"]) == expected["parts"]


# Reports whose problems the engine still misses: 蠡县 2020 admits them in a figure of speech
# (前方还有一座座山峰需要翻越。一是…) that no lead-in of the genre names.
PROBLEMS_MISSED = {"河北省保定市蠡县_2020"}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.stem)
def test_every_corpus_report_exports_a_plan_of_its_year_and_its_problems(path) -> None:
    report = parse_file(path)
    year = int(path.stem.rsplit("_", 1)[1])  # a 政府工作报告 plans the year it is given in
    exported = json.loads(to_json(report))
    assert exported["plan"]["year"] == year
    assert len(report.plan.items) >= 3
    if path.stem not in PROBLEMS_MISSED:
        assert len(report.problems.items) >= 2
    body = report.body_text()
    for after_the_end in ("Public domain", "名词解释", "维基文库"):
        assert after_the_end not in body
