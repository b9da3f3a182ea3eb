"""How long the long suites run: CI-sized by default, full-sized with LONG_TESTS=1.

Each suite's own variable (SOAK_SECONDS, FUZZ_UPDATES, ...) overrides both. The suites carry the
`soak` marker: `pytest -m soak` runs only them, `pytest -m "not soak"` leaves them out.
"""

from __future__ import annotations

import os

LONG = os.environ.get("LONG_TESTS", "") not in {"", "0"}


def size(variable: str, ci: float, long: float) -> float:
    """`variable` from the environment if set, else the long or the CI-sized default."""
    raw = os.environ.get(variable)
    if raw:
        return float(raw)
    return long if LONG else ci
