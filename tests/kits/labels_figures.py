"""Hand-labelled figures (tests/data/labels/figures/) read and matched against the engine's
figures of the same report, and the scores over a label folder."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from bench.kits.paths import CORPUS, ROOT
from briefings.figures import extract_figures
from briefings.figures.keys import headline_rank, span_stand_ins
from briefings.figures.kinds import report_year
from briefings.model import Metric, Report
from briefings.parse import parse_file

LABELS = ROOT / "tests" / "data" / "labels" / "figures"


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

    def summary(self, name: str, reports: int) -> str:
        """One line of every score, as the scoring tests print it."""
        return (
            f"{name}: {self.rows} in {reports} reports; values: precision "
            f"{self.precision:.3f}, recall {self.recall:.3f}; labels accepted {self.labels:.3f};"
            f" kind {self.kinds:.3f}, period {self.periods:.3f}; headline figures key "
            f"{self.headline_key:.3f}; key figures right {self.key_right:.3f}, on every field "
            f"{self.key_all_fields:.3f}; bound {self.bounds:.3f} ({self.inverted} inverted); "
            f"headline indicator {self.headline_indicator:.3f}; headline choice "
            f"{self.headline_choice:.3f}"
        )


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
