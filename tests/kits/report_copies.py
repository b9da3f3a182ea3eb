"""Many distinct reports with warm caches, cheaply: copies of the first report.

Each copy differs by a line the parser drops with the page chrome, so its digest is its own
and its outline the seed's; its cache file is the seed's briefing re-addressed to it, since
briefing hundreds of copies would take seconds each.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefings import cache
from briefings.derive import brief
from briefings.parse import parse_file
from briefings.search import SearchIndex
from tests.kits.paths import SEED


def write_copies(folder: Path, cache_dir: Path, count: int) -> list[Path]:
    """`count` copies of the seed report in `folder`, their briefings cached in `cache_dir`."""
    seed = brief(parse_file(SEED))
    data = SEED.read_bytes()
    paths = []
    for n in range(count):
        path = folder / f"copy_{n:04d}.txt"
        path.write_bytes(data + f"\n（副本 {n}）\n".encode())
        copy = parse_file(path)
        index = SearchIndex.from_dict({**seed.index.to_dict(), "digest": copy.digest})
        cache.save(cache_dir, replace(seed, report=copy, index=index))
        paths.append(path)
    return paths
