"""The figures engine on a second batch labelled blind (tests/data/labels/figures/unseen2/:
every figure of a 2026 province, a county-level city and 国务院 1994), written from the text
while the rules were being tuned on the first batch and never looked at by whoever tuned them.
Its first run was the honest estimate for reports the rules had not seen; the rules have since
been tuned on it too, and floors sit just under the latest measurement."""

from __future__ import annotations

import pytest

from tests.kits.labels_figures import LABELS
from tests.kits.labels_figures_unseen import check, measure

UNSEEN2 = LABELS / "unseen2"

# First run (440 labelled figures, 447 output), after every rule change of this round and before
# anyone looked at these labels or the engine's output on these reports: is-a-figure precision
# 0.917, value recall 0.923, all figures right on every field 0.582, key figures right on every
# field 0.855, bound 0.993 (none inverted), kind 0.768, period 0.829, labels 0.790, indicator of
# headline figures 0.841, headline choice 0.929.
# Tuned on since: after one convention for every set (RULES.md; keys as printed, income and
# other levels with their amount indicator, 近 as about) and the rules that followed (headline
# choice tied to the canonical indicators; changes and flows of a span's review over the span;
# a five-year plan's goals and the levels and rates the plan aims at as targets; streaks of
# quarters and months and bands of places no figures; programmes kept as subjects): precision
# 0.934, value recall 0.925, all figures on every field 0.695, key figures 0.962, bound 0.995
# (none inverted), kind 0.876, period 0.900, labels 0.834, headline indicator 1.000, headline
# choice 0.995. These overstate accuracy on new reports.
FLOORS = {
    "is-a-figure precision": 0.93,
    "value recall": 0.92,
    "all figures right on every field": 0.69,
    "key figures right on every field": 0.955,
    "bound": 0.99,
    "kind": 0.87,
    "period": 0.895,
    "labels": 0.83,
    "headline indicator": 0.99,
    "headline choice": 0.99,
}


def test_figures_against_a_second_batch_labelled_blind(capsys: pytest.CaptureFixture[str]) -> None:
    found = measure(UNSEEN2)
    with capsys.disabled():
        check(found, FLOORS, "second batch (tuned on since its first run)")
