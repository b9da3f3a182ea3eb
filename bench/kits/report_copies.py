"""Many distinct reports with warm caches, cheaply: copies of the first report.

Each copy differs by a line the parser drops with the page chrome, so its digest is its own
and its outline the seed's; its cache file is the seed's briefing re-addressed to it, since
briefing hundreds of copies would take seconds each.
"""

from __future__ import annotations

import functools
import tempfile
from dataclasses import replace
from pathlib import Path

from bench.kits.paths import SEED, SEEDS
from briefings import cache
from briefings.derive import brief
from briefings.folder import load_folder
from briefings.parse import parse_file
from briefings.search import SearchIndex


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


@functools.cache
def _seed_briefings() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        for report in load_folder(SEEDS).reports:
            brief(report, Path(folder))
        return {path.name: path.read_bytes() for path in Path(folder).iterdir()}


def warm_cache(folder: Path) -> Path:
    """`folder`/cache holding the seed report's briefing, as `briefing-bot warm` leaves it:
    a bot starting without it briefs the seed in a fresh worker process (~1 s of CPU)."""
    cache = folder / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    for name, data in _seed_briefings().items():
        (cache / name).write_bytes(data)
    return cache
