"""Scores of the promises engine against the hand labels of tests/data/labels/promises/: each
pair briefed from the shared corpus, its items set beside the labelled ones.

- targets found: labelled targets the engine gives, same indicator and the same number;
  target precision: of the targets the engine gives (its items), the share labelled so
- pairing precision: of the engine's target→result pairs, the share whose result is the
  labelled one (same number); recall: of the labelled numeric results, the share paired so
- targets-only labels (`result_report: null`: a report with no next-year report, its items
  carrying a target alone) score the targets found and their precision, nothing else
- verdicts: right where both the labels and the engine have both figures
- missed without a figure: engine `missed` where the labels give no result figure
- plan items (pairs whose labels list them): items found (the engine gives an item with the
  labelled lead); of the review sentences the engine gives on found items, the share the labels
  list under that item (precision); of the labelled sentences, the share it gives (recall)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.kits.paths import CORPUS, ROOT
from briefings.derive import brief_file
from briefings.figures.indicators import indicators
from briefings.promises import PlanReport, Promise, compare_figures, promises

LABELS = ROOT / "tests" / "data" / "labels" / "promises"
# Chosen before any label file was read: pairs whose reports were not looked at while building.
HELD_OUT = ("jiangxi_2025", "xizang_2025", "guowuyuan_1999", "guowuyuan_2003")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def number(raw: str | None) -> str | None:
    """The first number printed in `raw` (full-width and spaced digits read as plain)."""
    text = unicodedata.normalize("NFKC", raw or "").replace(" ", "")
    found = _NUMBER.search(text)
    return found.group() if found else None


@dataclass
class Score:
    targets: int = 0
    found: int = 0
    canonical: int = 0  # labelled targets on an indicator of briefings/data/indicators.yaml
    canonical_found: int = 0
    given_targets: int = 0  # targets the engine gives for the report and year (its items)
    given_targets_right: int = 0  # of them, labelled: same indicator, same number
    paired: int = 0  # engine pairs with a result
    paired_right: int = 0
    results: int = 0  # labelled numeric results
    results_found: int = 0
    both: int = 0  # items with both figures, labelled and from the engine
    verdicts_right: int = 0
    missed_without_figure: int = 0
    plan_items: int = 0  # labelled plan items
    plan_items_found: int = 0
    plan_given: int = 0  # review sentences the engine gives on found items
    plan_given_right: int = 0
    plan_reported: int = 0  # labelled review sentences
    plan_reported_found: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def shares(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "targets_found": share(self.found, self.targets),
            "canonical_targets_found": share(self.canonical_found, self.canonical),
            "target_precision": share(self.given_targets_right, self.given_targets),
            "pairing_precision": share(self.paired_right, self.paired),
            "pairing_recall": share(self.results_found, self.results),
            "verdict_accuracy": share(self.verdicts_right, self.both),
            "plan_items_found": share(self.plan_items_found, self.plan_items),
            "plan_precision": share(self.plan_given_right, self.plan_given),
            "plan_recall": share(self.plan_reported_found, self.plan_reported),
        }


def label_files() -> list[Path]:
    return sorted(LABELS.glob("*.yaml"))


def _numeric(side: dict[str, Any] | None) -> bool:
    return side is not None and side.get("value") is not None


def score_pair(label: dict[str, Any], cache: Path | None, root: Path = CORPUS) -> Score:
    """One labelled pair's scores (report paths under `root`); a targets-only label (no result
    report) scores its targets alone."""
    target = brief_file(root / label["target_report"], cache)
    labelled = {item["indicator"]: item for item in label["items"]}
    if label.get("result_report") is None:
        year = target.report.meta.year or label["year"]
        return score_targets(labelled, compare_figures(target.metrics, (), year))
    result = brief_file(root / label["result_report"], cache)
    found = promises(target, result)
    engine: dict[str, Promise] = {item.indicator: item for item in found.items}
    score = score_targets(labelled, found.items)
    for key, item in labelled.items():
        ours = engine.get(key)
        if _numeric(item["result"]):
            score.results += 1
            got = ours.result if ours is not None else None
            if got is not None and number(got.metric.raw) == number(item["result"]["raw"]):
                score.results_found += 1
        if ours is not None and ours.result is not None and _numeric(item["result"]):
            score.both += 1
            score.verdicts_right += ours.verdict == item["verdict"]
    for key, ours in engine.items():
        item = labelled.get(key)
        if ours.result is not None:
            score.paired += 1
            right = item is not None and _numeric(item["result"])
            score.paired_right += right and number(ours.result.metric.raw) == number(
                item["result"]["raw"] if item else None
            )
        if ours.verdict == "missed" and (item is None or not _numeric(item["result"])):
            score.missed_without_figure += 1
    score.add(score_plan(label.get("plan") or [], found.plan))
    return score


def _right_target(ours: Promise | None, item: dict[str, Any] | None) -> bool:
    return (
        ours is not None
        and item is not None
        and number(ours.target.metric.raw) == number(item["target"]["raw"])
    )


def score_targets(labelled: dict[str, dict[str, Any]], items: Sequence[Promise]) -> Score:
    """The labelled targets found among the engine's items (same indicator, same number), and
    of the engine's targets, those labelled."""
    engine = {item.indicator: item for item in items}
    score = Score()
    for key, item in labelled.items():
        score.targets += 1
        known = indicators().get(key) is not None
        score.canonical += known
        if _right_target(engine.get(key), item):
            score.found += 1
            score.canonical_found += known
    for key, ours in engine.items():
        score.given_targets += 1
        score.given_targets_right += _right_target(ours, labelled.get(key))
    return score


def _plain(text: str) -> str:
    """Text compared as printed but for full-width forms and spaces (and the leading ordinal
    （一）, 一是, 第一， which the engine may keep apart)."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    return re.sub(
        r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+,)",
        "",
        text,
    )


def _same(a: str, b: str) -> bool:
    a, b = _plain(a), _plain(b)
    return bool(a) and bool(b) and (a in b or b in a)


def score_plan(labelled: list[dict[str, Any]], engine: tuple[PlanReport, ...]) -> Score:
    """The labelled plan items against the engine's: each found by its lead, then its review
    sentences compared one by one."""
    score = Score()
    for item in labelled:
        score.plan_items += 1
        wanted = [quote["sentence"] for quote in item["reported"]]
        score.plan_reported += len(wanted)
        ours = next((plan for plan in engine if _same(plan.lead, item["lead"])), None)
        if ours is None:
            continue
        score.plan_items_found += 1
        given = [quote.sentence for quote in ours.reported]
        score.plan_given += len(given)
        score.plan_given_right += sum(any(_same(g, w) for w in wanted) for g in given)
        score.plan_reported_found += sum(any(_same(g, w) for g in given) for w in wanted)
    return score


def score_all(names: tuple[str, ...] | None, held_out: bool, cache: Path | None) -> Score:
    """The scores of the labelled pairs: the held-out ones, or all the others."""
    total = Score()
    for path in label_files():
        if (path.stem in HELD_OUT) != held_out or (names and path.stem not in names):
            continue
        total.add(score_pair(yaml.safe_load(path.read_text("utf-8")), cache))
    return total


def target_disagreements(
    label: dict[str, Any], cache: Path | None, root: Path = CORPUS
) -> list[str]:
    """The labelled targets the engine misses and the targets it gives that are not labelled,
    one line each: for reading a batch's first run."""
    target = brief_file(root / label["target_report"], cache)
    year = target.report.meta.year or label["year"]
    engine = {item.indicator: item for item in compare_figures(target.metrics, (), year)}
    labelled = {item["indicator"]: item for item in label["items"]}
    lines = [
        f"missed {key} {item['target']['raw']}"
        for key, item in labelled.items()
        if not _right_target(engine.get(key), item)
    ]
    return lines + [
        f"not labelled {key} {ours.target.metric.raw}: {ours.target.metric.sentence[:60]}"
        for key, ours in engine.items()
        if not _right_target(ours, labelled.get(key))
    ]


if __name__ == "__main__":  # print both sets' scores, or a batch's per file with its disagreements
    import sys
    import tempfile

    cache = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    if len(sys.argv) > 2:  # a batch folder under LABELS: heldout5
        for path in sorted((LABELS / sys.argv[2]).glob("*.yaml")):
            label = yaml.safe_load(path.read_text("utf-8"))
            print(path.stem, score_pair(label, cache).shares())
            for line in target_disagreements(label, cache):
                print("  ", line)
        sys.exit()
    for held in (False, True):
        s = score_all(None, held, cache)
        name = "held-out" if held else "tuned"
        print(name, s, {k: round(v, 3) for k, v in s.shares().items()})
