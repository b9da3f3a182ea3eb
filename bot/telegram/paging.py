"""Long lists shown a page at a time (the table of contents, all figures)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    number: int  # 0-based
    count: int  # how many pages there are, at least 1


def page_of(items: Sequence[T], number: int, size: int) -> Page[T]:
    """Page `number` of `items`, `size` a page; a number past either end gives the nearest."""
    count = max(1, math.ceil(len(items) / size))
    number = min(max(number, 0), count - 1)
    return Page(items[number * size : (number + 1) * size], number, count)
