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

import csv
import math
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest

from briefings.figures import KINDS, extract_figures
from briefings.figures.bounds import BOUNDS
from briefings.figures.indicators import indicators
from briefings.figures.keys import headline_rank, span_stand_ins
from briefings.figures.kinds import report_year
from briefings.model import Metric, Report
from briefings.parse import parse_file
from tests.paths import CORPUS, ROOT

LABELS = ROOT / "tests" / "data" / "labels" / "figures"

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
KIND_FLOOR = 0.99
PERIOD_FLOOR = 0.99
KEY_ALL_FIELDS_FLOOR = 0.99
BOUND_FLOOR = 0.99
HEADLINE_INDICATOR_FLOOR = 0.985
HEADLINE_CHOICE_FLOOR = 0.99


@dataclass(frozen=True)
class Row:
    report: str
    raw: str
    value: float
    unit: str
    kind: str
    period: str | None
    label: str
    keys: tuple[str, ...]
    headline: bool
    bound: str = "exact"
    indicator: str | None = None


def _rows(path: Path) -> list[Row]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip() and ln[0] != "#"]
    rows = []
    for cells in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        cells += [""] * (10 - len(cells))
        raw, value, unit, kind, period, label, keys, headline, bound, indicator = cells[:10]
        flag = headline.strip() == "yes"
        row = Row(path.stem, raw, float(value), unit, kind, period or None, label, (), flag)
        measured = None if indicator in ("", "-") else indicator
        rows.append(replace(row, keys=tuple(keys.split()), bound=bound, indicator=measured))
    return rows


def _report_path(stem: str) -> Path | None:
    for path in (
        CORPUS / f"{stem}.txt",
        CORPUS / "more" / f"{stem}.txt",
        CORPUS / "2026" / f"{stem}.txt",
    ):
        if path.exists():
            return path
    return None


def labelled(folder: Path = LABELS) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.tsv") if _report_path(p.stem))


@cache
def _report(stem: str) -> Report:
    path = _report_path(stem)
    assert path is not None
    return parse_file(path)


@cache
def _metrics(stem: str) -> tuple[Metric, ...]:
    return tuple(extract_figures(_report(stem)))


def _year(stem: str) -> int | None:
    return report_year(_report(stem))


def _same_print(row: Row, metric: Metric) -> bool:
    raw, printed = row.raw.replace(" ", ""), metric.raw.replace(" ", "")
    return raw == printed or raw in printed or printed in raw


def match(rows: list[Row], metrics: tuple[Metric, ...]) -> list[tuple[Row, Metric | None]]:
    """Each row with its figure (or None), taken in report order where possible."""
    used: set[int] = set()
    last = 0
    pairs: list[tuple[Row, Metric | None]] = []
    for row in rows:
        fits = [
            n
            for n, m in enumerate(metrics)
            if n not in used
            and _same_print(row, m)
            and math.isclose(m.value, row.value, rel_tol=1e-6)
        ]
        later = [n for n in fits if n >= last]
        n = (later or fits or [None])[0]
        if n is None:
            pairs.append((row, None))
            continue
        used.add(n)
        last = n
        pairs.append((row, metrics[n]))
    return pairs


def _printed_alike(rows: list[Row], metrics: tuple[Metric, ...]) -> list[tuple[Row, Metric]]:
    """Extracted figures printed as a labelled one (whatever value was read), for precision."""
    return [
        (row, m)
        for row in rows
        for m in metrics
        if m.raw.replace(" ", "") == row.raw.replace(" ", "")
    ]


def _label_right(row: Row, metric: Metric) -> bool:
    return all(key in metric.label for key in row.keys)


def _value_right(row: Row, metric: Metric) -> bool:
    return math.isclose(metric.value, row.value, rel_tol=1e-6) and metric.unit == row.unit


# Bounds pointing opposite ways: a floor read as a ceiling or the reverse (不低于 as 低于).
_FLOORS = frozenset({"at_least", "more_than"})
_CEILINGS = frozenset({"at_most", "less_than"})


def inverted(row: Row, metric: Metric) -> bool:
    said = {row.bound, metric.bound}
    return bool(said & _FLOORS and said & _CEILINGS)


def engine_headline(
    metric: Metric, year: int | None = None, spans: frozenset[str] = frozenset()
) -> bool:
    """A figure the engine puts first: a key figure measuring a headline indicator, as a result
    of the reviewed year or a target of the coming one, or a span's figure standing in for a
    year's not printed (keys.headline_rank, as the card and the summary pick them)."""
    rank = headline_rank(metric, year, spans=spans)
    return metric.key and metric.indicator is not None and rank is not None


def _key_right(row: Row, metric: Metric) -> bool:
    return _value_right(row, metric) and (metric.kind, metric.period) == (row.kind, row.period)


def _all_fields_right(row: Row, metric: Metric) -> bool:
    """Every field a reader sees right: value, unit, bound, kind, period and the label."""
    return _key_right(row, metric) and _label_right(row, metric) and metric.bound == row.bound


@dataclass(frozen=True)
class Scores:
    rows: int
    recall: float
    precision: float
    labels: float
    kinds: float
    periods: float
    headline_key: float
    key_right: float
    # Of the labelled figures the engine marks key, the share right on every field.
    key_all_fields: float
    wrong: dict[str, list[str]]
    bounds: float = 1.0
    inverted: int = 0
    headline_indicator: float = 1.0
    headline_choice: float = 1.0


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def score(stems: list[str], folder: Path = LABELS) -> Scores:
    pairs: list[tuple[Row, Metric]] = []
    missed: list[str] = []
    alike: list[tuple[Row, Metric]] = []
    chosen: dict[int, bool] = {}  # the engine's headline choice, per figure
    headline_rows = 0
    for stem in stems:
        rows = _rows(folder / f"{stem}.tsv")
        headline_rows += sum(row.headline for row in rows)
        spans = span_stand_ins(_metrics(stem), _year(stem))
        for row, metric in match(rows, _metrics(stem)):
            if metric is None:
                missed.append(f"{stem}: {row.raw} {row.label}")
            else:
                pairs.append((row, metric))
                chosen[id(metric)] = engine_headline(metric, _year(stem), spans)
        alike += _printed_alike(rows, _metrics(stem))
    found = [(r, m) for r, m in pairs if _value_right(r, m)]
    keyed = [(r, m) for r, m in pairs if m.key]
    wrong = {
        "missed": missed,
        "labels": [f"{r.report}: {r.raw} {r.keys} got {m.label}" for r, m in pairs if not _label_right(r, m)],
        "kinds": [f"{r.report}: {r.raw} {r.label} {r.kind} got {m.kind}" for r, m in pairs if m.kind != r.kind],
        "periods": [f"{r.report}: {r.raw} {r.label} {r.period} got {m.period}" for r, m in pairs if m.period != r.period],
        "headline not key": [f"{r.report}: {r.raw} {r.label}" for r, m in pairs if r.headline and not m.key],
        "key wrong": [f"{r.report}: {r.raw} {r.label} {r.unit}/{r.kind}/{r.period} got {m.unit}/{m.kind}/{m.period}"
                      f" {m.bound} {m.label}" for r, m in keyed if not _all_fields_right(r, m)],
        "bounds": [f"{r.report}: {r.raw} {r.label} {r.bound} got {m.bound}" for r, m in pairs if m.bound != r.bound],
        "headline indicator": [f"{r.report}: {r.raw} {r.label} {r.indicator} got {m.indicator} ({m.label})"
                               for r, m in pairs if r.headline and m.indicator != r.indicator],
        "headline choice": [f"{r.report}: {r.raw} {r.label} headline {r.headline} got {chosen[id(m)]}"
                            for r, m in pairs if chosen[id(m)] != r.headline],
    }  # fmt: skip
    headline_pairs = [(r, m) for r, m in pairs if r.headline]
    return Scores(
        rows=len(pairs) + len(missed),
        recall=_ratio(len(found), len(pairs) + len(missed)),
        precision=_ratio(sum(_value_right(r, m) for r, m in alike), len(alike)),
        labels=_ratio(sum(_label_right(r, m) for r, m in pairs), len(pairs)),
        kinds=_ratio(sum(m.kind == r.kind for r, m in pairs), len(pairs)),
        periods=_ratio(sum(m.period == r.period for r, m in pairs), len(pairs)),
        headline_key=_ratio(sum(m.key for r, m in pairs if r.headline), headline_rows),
        key_right=_ratio(sum(_key_right(r, m) for r, m in keyed), len(keyed)),
        key_all_fields=_ratio(sum(_all_fields_right(r, m) for r, m in keyed), len(keyed)),
        wrong=wrong,
        bounds=_ratio(sum(m.bound == r.bound for r, m in pairs), len(pairs)),
        inverted=sum(inverted(r, m) for r, m in pairs),
        headline_indicator=_ratio(
            sum(m.indicator == r.indicator for r, m in headline_pairs), len(headline_pairs)
        ),
        headline_choice=_ratio(sum(chosen[id(m)] == r.headline for r, m in pairs), len(pairs)),
    )


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
        print(
            f"\nlabelled figures: {scores.rows} in {len(labelled())} reports; values: precision "
            f"{scores.precision:.3f}, recall {scores.recall:.3f}; labels accepted {scores.labels:.3f};"
            f" kind {scores.kinds:.3f}, period {scores.periods:.3f}; headline figures key "
            f"{scores.headline_key:.3f}; key figures right {scores.key_right:.3f}, on every field "
            f"{scores.key_all_fields:.3f}; bound {scores.bounds:.3f} ({scores.inverted} inverted); "
            f"headline indicator {scores.headline_indicator:.3f}; headline choice "
            f"{scores.headline_choice:.3f}"
        )
    assert scores.recall >= VALUE_TARGET, scores.wrong["missed"]
    assert scores.kinds >= KIND_FLOOR, scores.wrong["kinds"]
    assert scores.periods >= PERIOD_FLOOR, scores.wrong["periods"]
    assert scores.key_all_fields >= KEY_ALL_FIELDS_FLOOR, scores.wrong["key wrong"]
    assert scores.precision >= VALUE_TARGET
    assert scores.labels >= LABEL_TARGET, scores.wrong["labels"]
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
