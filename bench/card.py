"""Median time to render a briefing card (target < 300 ms), optionally saving the PNG.

    .venv/bin/python bench/card.py [--runs 20] [--out docs/card-nanchang-2020.png] [--font PATH]

Renders the first report with the synthetic key figures the card tests use.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kits.card_sample import sample_card  # noqa: E402
from bot.present.card import card_layout  # noqa: E402
from bot.present.card.draw import render_card  # noqa: E402

MAX_RUNS = 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", help="also write the card to this PNG file")
    parser.add_argument("--font", help="font file (default: an installed CJK font)")
    args = parser.parse_args()
    report, metrics = sample_card()
    png = render_card(report, metrics, args.font)  # warms the font cache, as a running bot would be
    timings = []
    for _ in range(min(args.runs, MAX_RUNS)):
        start = time.perf_counter()
        render_card(report, metrics, args.font)
        timings.append(time.perf_counter() - start)
    layout = card_layout(report, metrics)
    print(f"card: {len(layout.figures)} figures, {len(layout.plan_items)} plan items, "
          f"{len(png)} bytes; median {statistics.median(timings) * 1000:.1f} ms "
          f"over {len(timings)} runs (max {max(timings) * 1000:.1f} ms)")  # fmt: skip
    if args.out:
        Path(args.out).write_bytes(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
