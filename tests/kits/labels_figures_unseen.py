"""Scores over folders whose every figure is labelled (unseen, unseen2, unseen3): true precision,
all fields right, and the check against a set's floors that prints every miss."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.kits.labels_figures import (
    Scores,
    _all_fields_right,
    _metrics,
    _rows,
    labelled,
    match,
    score,
)


@dataclass(frozen=True)
class Unseen:
    scores: Scores
    precision: float  # of every figure output, the share matching a labelled figure
    output: int
    all_fields: float  # of every labelled figure, the share found right on every field
    not_figures: list[str]


def measure(folder: Path) -> Unseen:
    stems = labelled(folder)
    if not stems:
        pytest.skip(f"no labels or corpus absent ({folder})")
    matched = output = right = rows = 0
    extra: list[str] = []
    for stem in stems:
        metrics = _metrics(stem)
        pairs = match(_rows(folder / f"{stem}.tsv"), metrics)
        taken = {id(m) for _, m in pairs if m is not None}
        matched += len(taken)
        output += len(metrics)
        rows += len(pairs)
        right += sum(m is not None and _all_fields_right(r, m) for r, m in pairs)
        extra += [f"{stem}: {m.raw} {m.label}" for m in metrics if id(m) not in taken]
    return Unseen(score(stems, folder), matched / output, output, right / rows, extra)


def measured(found: Unseen) -> dict[str, float]:
    s = found.scores
    return {
        "is-a-figure precision": found.precision,
        "value recall": s.recall,
        "all figures right on every field": found.all_fields,
        "key figures right on every field": s.key_all_fields,
        "bound": s.bounds,
        "kind": s.kinds,
        "period": s.periods,
        "labels": s.labels,
        "headline indicator": s.headline_indicator,
        "headline choice": s.headline_choice,
    }


def check(found: Unseen, floors: dict[str, float], name: str) -> None:
    got = measured(found)
    print(f"\n{name}: {found.scores.rows} labelled, {found.output} output")
    for key, value in got.items():
        print(f"  {key}: {value:.3f}")
    print(f"  bounds inverted: {found.scores.inverted}")
    for key, misses in {**found.scores.wrong, "not figures": found.not_figures}.items():
        print(f"  {key}: {len(misses)}")
        for miss in misses:
            print(f"    {miss}")
    assert found.scores.inverted == 0, found.scores.wrong["bounds"]
    low = {key: value for key, value in got.items() if value < floors[key]}
    assert not low, low
