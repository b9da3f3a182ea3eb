"""The figures engine scored against hand labels of corpus reports (issue #14).

tests/data/labels/figures/<stem>.tsv holds, per report, the figures a reader of a briefing
wants, written from the text before tuning (conventions: RULES.md in that folder): raw as printed,
value, unit, kind, period, a label a reader accepts, the words a right label must contain, and
whether it is a headline figure; then the bound as printed and the canonical indicator measured
(added later, read from each row's raw text and label).

Matching: a labelled figure matches the first unused extracted figure, in report order, with
the same value whose printed text is the labelled one or contains it or is contained in it.
Scores: recall of values (labelled figures found with their value and unit); precision of
values (of the extracted figures printed as a labelled one, those read with its value and
unit); labels accepted (all key words in the label); kind and period right; headline coverage
(headline figures the engine marks key); key figures right (value, unit, kind and period of
every labelled figure the engine marks key); bound right, and bounds inverted (a floor read as a
ceiling or the reverse: none tolerated); indicator right on headline figures; headline choice
(a row's headline flag against the engine's: a key figure measuring a canonical indicator as a
result of the reviewed year or a target of the coming one).
"""

from __future__ import annotations

import pytest

from briefings.figures import KINDS
from briefings.figures.bounds import BOUNDS
from briefings.figures.indicators import indicators
from tests.kits.labels_figures import (
    LABELS,
    Scores,
    _metrics,
    _report_path,
    _rows,
    labelled,
    score,
)

# Issue #14 targets: headline figures marked key >= 80%; every key figure's value, unit, kind
# and period right; labels accepted >= 90%.
HEADLINE_KEY_TARGET = 0.80
KEY_RIGHT_TARGET = 1.0
LABEL_TARGET = 0.90
VALUE_TARGET = 0.95
# Floors just under the scores measured on these (tuned-on) labels: kind 0.996, period 0.998,
# key figures right on every field (value, unit, bound, kind, period, label) 0.990.
# After every set was relabelled to one convention (RULES.md: headline = the year's results
# and the coming year's targets of the canonical indicators) and headline choice was tied to
# the indicators: kind 0.994, period 0.998, key on every field 0.996, bound 1.000 (none
# inverted), indicator of headline figures 0.990, headline choice 0.996 (0.965 and 0.875 on
# the relabelled sets before the engine changed).
# After rankings and streaks became figures (RULES.md; 111 rows added to these files from the
# text) the engine as it was scored key on every field 0.958, kind 0.975, period 0.977, labels
# 0.914; after the rules that followed (rankings and streaks read, spans, targets, bars,
# indicators from the sentence): kind 0.997, period 0.995, key on every field 0.985, labels
# 0.957, value recall 0.976 (0.945 before), indicator of headline figures 1.000, headline choice 1.000. The key floor sits under
# 0.99 because the files gained rows, not because the engine lost any.
# Ten plan rows read again as targets (RULES.md history, 2026-12-07 fourth session): the engine as
# it was scored kind 0.983, key 0.977; after the rule on levels the plan holds or reaches and this
# session's label rules: kind 0.997, period 0.995, key on every field 0.985, bound 1.000, labels
# 0.965, headline indicator and choice 1.000. Fifth session's label and period rules: period 0.997,
# labels 0.971. Sixth session (h-fig: rankings kept or won, places listed after a first, bare indices):
# key on every field 0.989, labels 0.973, value recall 0.980.
# Sixth session, h-conform (beijing_2025's bare 道路交通指数 rows given unit empty, RULES.md): value precision
# 0.996, recall 0.983; every other score as before.
# Seventh session, h-fig2 (累计 the year compares is its result, a ranking never a running total):
# kind 1.000, period 1.000, all fields 0.970.
KIND_FLOOR = 0.999
PERIOD_FLOOR = 0.999
LABEL_FLOOR = 0.975
KEY_ALL_FIELDS_FLOOR = 0.991
BOUND_FLOOR = 0.995
HEADLINE_INDICATOR_FLOOR = 0.995
HEADLINE_CHOICE_FLOOR = 0.995


@pytest.fixture(scope="module")
def scores() -> Scores:
    stems = labelled()
    if not stems:
        pytest.skip("no hand-labelled corpus reports (tests/data/labels/figures, ../shared/corpus)")
    return score(stems)


def test_label_files_are_well_formed() -> None:
    for path in sorted(LABELS.glob("*.tsv")) + sorted(LABELS.glob("heldout*/*.tsv")):
        report = _report_path(path.stem)
        text = report.read_text("utf-8") if report else None
        for row in _rows(path):
            assert row.kind in KINDS, (path.name, row)
            assert row.bound in BOUNDS, (path.name, row)
            assert row.indicator is None or indicators().get(row.indicator), (path.name, row)
            assert row.keys, (path.name, row)
            assert text is None or row.raw in text, (path.name, row.raw)


def test_figures_against_hand_labels(scores: Scores, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + scores.summary("labelled figures", len(labelled())))
    assert scores.recall >= VALUE_TARGET, scores.wrong["missed"]
    assert scores.kinds >= KIND_FLOOR, scores.wrong["kinds"]
    assert scores.periods >= PERIOD_FLOOR, scores.wrong["periods"]
    assert scores.key_all_fields >= KEY_ALL_FIELDS_FLOOR, scores.wrong["key wrong"]
    assert scores.precision >= VALUE_TARGET
    assert scores.labels >= max(LABEL_TARGET, LABEL_FLOOR), scores.wrong["labels"]
    assert scores.headline_key >= HEADLINE_KEY_TARGET, scores.wrong["headline not key"]
    assert scores.key_right >= KEY_RIGHT_TARGET, scores.wrong["key wrong"]
    assert scores.inverted == 0, scores.wrong["bounds"]  # zero tolerance: 不低于 is never 低于
    assert scores.bounds >= BOUND_FLOOR, scores.wrong["bounds"]
    assert scores.headline_indicator >= HEADLINE_INDICATOR_FLOOR, scores.wrong["headline indicator"]
    assert scores.headline_choice >= HEADLINE_CHOICE_FLOOR, scores.wrong["headline choice"]


def test_no_key_figure_carries_another_figures_measure() -> None:
    """A label names one headline measure at most: no 城镇新增就业粮食产量, no 居民消费价格涨幅粮食产量."""
    from briefings.figures.keys import HEADLINES

    stems = labelled()
    if not stems:
        pytest.skip("no hand-labelled corpus reports")
    mixed = [
        (stem, m.raw, m.label)
        for stem in stems
        for m in _metrics(stem)
        if m.key and sum(bool(p.search(m.label)) for _, p in HEADLINES) > 1
    ]
    assert not mixed
