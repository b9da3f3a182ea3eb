"""The extractor scored against the hand-labelled figures of the seed report.

Matching: an answer figure matches one extracted figure of the same section, unit and value
(each extracted figure used once). Precision = matched / extracted, recall = matched / answers.
A label is right when it contains every key word the answer file gives for that figure (the
words naming what is measured, e.g. 注册用户 for 累计注册用户231万人): wording around them
may differ, the thing measured may not.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass

import pytest

from bench.kits.paths import ROOT, SEED
from bot.present.markdown import to_markdown
from briefings.derive import brief
from briefings.export import to_json
from briefings.figures import extract_figures
from briefings.model import Metric, Report
from briefings.parse import parse_file

ANSWERS = ROOT / "tests" / "data" / "seed_figures.tsv"


@dataclass(frozen=True)
class Answer:
    section: str
    raw: str
    value: float
    unit: str
    qualifier: str
    label: str
    keys: tuple[str, ...]


def load_answers() -> list[Answer]:
    lines = [line for line in ANSWERS.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [
        Answer(row[0], row[1], float(row[2]), row[3], row[4], row[5], tuple(row[6].split()))
        for row in csv.reader(lines, delimiter="\t")
    ]


def match(answers: list[Answer], metrics: list[Metric]) -> list[tuple[Answer, Metric]]:
    free = list(metrics)
    pairs = []
    for answer in answers:
        hit = next((m for m in free if same_figure(answer, m)), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((answer, hit))
    return pairs


def same_figure(answer: Answer, metric: Metric) -> bool:
    return (
        metric.section == answer.section
        and metric.unit == answer.unit
        and math.isclose(metric.value, answer.value, rel_tol=1e-9)
    )


def label_right(answer: Answer, metric: Metric) -> bool:
    return all(key in metric.label for key in answer.keys)


@pytest.fixture(scope="module")
def report() -> Report:
    return parse_file(SEED)


@pytest.fixture(scope="module")
def metrics(report: Report) -> list[Metric]:
    return extract_figures(report)


@pytest.fixture(scope="module")
def answers() -> list[Answer]:
    return load_answers()


def test_answer_file_is_well_formed(answers: list[Answer], report: Report) -> None:
    assert 55 <= len(answers) <= 70
    for answer in answers:
        node = report.find(answer.section)
        assert node is not None and answer.raw in node.text, answer
        assert answer.qualifier in {"exact", "approx", "rank", "percent", "ratio"}
        assert answer.keys


def test_precision_recall_and_labels(
    answers: list[Answer], metrics: list[Metric], capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = match(answers, metrics)
    precision = len(pairs) / len(metrics)
    recall = len(pairs) / len(answers)
    labels = sum(label_right(a, m) for a, m in pairs) / len(pairs)
    with capsys.disabled():
        print(
            f"\nseed figures: {len(metrics)} extracted, {len(answers)} expected, "
            f"precision {precision:.3f}, recall {recall:.3f}, labels right {labels:.3f}"
        )
    matched = {id(m) for _, m in pairs}
    spurious = [(m.section, m.raw) for m in metrics if id(m) not in matched]
    missed = [(a.section, a.raw) for a in answers if a not in {a for a, _ in pairs}]
    assert precision >= 0.98, spurious  # 59 of 59 measured: every output is a labelled figure
    assert recall >= 0.95, missed
    wrong = [(a.raw, a.keys, m.label) for a, m in pairs if not label_right(a, m)]
    assert labels >= 0.9, wrong


def test_matched_figures_keep_raw_text_and_qualifier(
    answers: list[Answer], metrics: list[Metric]
) -> None:
    pairs = match(answers, metrics)
    assert [(a.raw, a.qualifier) for a, _ in pairs] == [(m.raw, m.qualifier) for _, m in pairs]


def test_every_figure_is_traceable(report: Report, metrics: list[Metric]) -> None:
    assert [m.id for m in metrics] == [f"m{n}" for n in range(1, len(metrics) + 1)]
    for metric in metrics:
        node = report.find(metric.section)
        assert node is not None and metric.sentence in node.text
        assert metric.raw in metric.sentence
        assert metric.label


def test_about_fifteen_keys_spread_over_the_subsections(metrics: list[Metric]) -> None:
    keys = [m for m in metrics if m.key]
    assert len(keys) == 15
    chapters = [".".join(m.section.split(".")[:2]) for m in keys]
    # Every subsection holding figures gets a key, and no one subsection crowds the list.
    assert set(chapters) == {".".join(m.section.split(".")[:2]) for m in metrics}
    assert max(chapters.count(c) for c in chapters) <= 3
    assert {"rank", "percent", "ratio"} <= {m.qualifier for m in keys}
    assert {"819项", "231万人", "80%"} <= {m.raw for m in keys}


def test_briefing_shows_the_key_figures_table() -> None:
    briefing = brief(parse_file(SEED))
    markdown = to_markdown(briefing.report, briefing)
    table = markdown.split("## 关键数据", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 15
    assert "| 名列第一 | 设区市中排名 | 1.1.3 |" in rows
    assert any(row.startswith("| 819项 | 赣服通接入事项 |") for row in rows)
    assert '"raw": "每2名执法人员配备1台"' in to_json(briefing.report, briefing)
