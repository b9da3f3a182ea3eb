"""N distinct reports from a few real ones, and their caches built in minutes, not hours.

A variant is a source report's bytes with one line of its own appended, a page's view counter
(浏览次数：N), which the parser drops as page chrome (briefings.page): each variant has its own
digest, so its own cache file and index entry, and its parsed report is its source's. Briefing
10,000 of them (`briefing-bot warm`) takes ~45 minutes on two busy cores, though a variant's
briefing is its source's: `shortcut` briefs each source's first variant with the real `warm`,
writes every other variant's cache file from it (the same JSON, its own digest, through the
cache's own writer), then runs the real `warm` again over every variant, which finds each
briefing cached and builds the search index and the catalogue as it always does. `differences`
checks the result against a real warm (tests/bench/test_variants.py; `bench/scale.py --verify`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from bench.kits.paths import ROOT
from briefings import cache
from briefings.catalogue import CATALOGUE_FILE
from briefings.corpus_index import FILE_NAME, CorpusIndex


def variant_line(n: int) -> str:
    """The line variant `n` ends with: one the parser drops as page chrome."""
    return f"浏览次数：{n}"


def make_variants(folder: Path, sources: Sequence[Path], count: int) -> list[Path]:
    """`count` variants in `folder`, the sources' in turn."""
    if not sources:
        raise SystemExit("no source reports to make variants of")
    folder.mkdir(parents=True, exist_ok=True)
    texts = [source.read_text(encoding="utf-8").rstrip() for source in sources]
    paths = []
    for n in range(count):
        path = folder / f"{n:05d}_{sources[n % len(sources)].name}"
        path.write_bytes(f"{texts[n % len(texts)]}\n{variant_line(n)}\n".encode())
        paths.append(path)
    return paths


def write_config(folder: Path, reports: Path, cache_dir: Path, **more: object) -> Path:
    """A config in `folder` for `warm` over `reports` into `cache_dir`."""
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    config.update(reports_dir=str(reports), database=str(folder / "db.sqlite3"),
                  cache_dir=str(cache_dir), http={"listen": "127.0.0.1", "port": 0})  # fmt: skip
    config.update(more)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def warm(config: Path, code: Path = ROOT) -> None:
    """`briefing-bot warm` with `config`, run from the source tree `code`."""
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "warm", "--config", str(config)],
        cwd=code, check=True, stdout=subprocess.DEVNULL, timeout=7200,
    )  # fmt: skip


def digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shortcut(reports: Path, cache_dir: Path, sources: int, scratch: Path, **config: object) -> None:
    """Fill `cache_dir` for the variants in `reports` (made by `make_variants` from `sources`
    source reports) as `warm` would, briefing only the first variant of each source."""
    paths = sorted(reports.iterdir())
    firsts = scratch / "firsts"
    firsts.mkdir(parents=True)
    for path in paths[:sources]:
        (firsts / path.name).hardlink_to(path)
    warm(write_config(scratch, firsts, cache_dir, **config))
    # The final warm builds these again, over every variant, in its own order.
    for name in (CATALOGUE_FILE, FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm"):
        (cache_dir / name).unlink(missing_ok=True)
    briefed = {n: cache.decode(cache.cache_path(cache_dir, digest_of(path)).read_bytes())
               for n, path in enumerate(paths[:sources])}  # fmt: skip
    for n, path in enumerate(paths[sources:], start=sources):
        digest = digest_of(path)
        cache.keep(cache_dir, digest, cache.encode({**briefed[n % sources], "digest": digest}))
    warm(write_config(scratch, reports, cache_dir, **config))


def _catalogue(cache_dir: Path) -> object:
    """The catalogue without its files' modification times (two folders' differ)."""
    data = json.loads((cache_dir / CATALOGUE_FILE).read_text(encoding="utf-8"))
    for row in data.get("reports", []):
        row.pop("mtime_ns", None)
    return data


def _rows(path: Path) -> dict[str, list[str]]:
    """Every stored table's rows (FTS5's postings too, in their shadow tables), in order."""
    db = sqlite3.connect(path)
    try:
        tables = [name for name, sql in db.execute("SELECT name, sql FROM sqlite_master"
                                                   " WHERE type = 'table'")
                  if not sql.upper().startswith("CREATE VIRTUAL")]  # fmt: skip
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        db.close()


def differences(
    real: Path,
    fast: Path,
    queries: Sequence[str],
    compared: Sequence[str],
    reports: Path | None = None,
) -> list[str]:
    """What differs between two cache folders (empty: none): the briefing files byte for byte,
    the catalogue but for file times, the index's tables row for row and its answers to
    `queries` (/search, from each report first) and `compared` (/compare's figures)."""
    found: list[str] = []
    names = {p.name for p in real.glob(f"*{cache.SUFFIX}")}
    if names != {p.name for p in fast.glob(f"*{cache.SUFFIX}")}:
        found.append("briefing files: not the same digests")
    found += [f"briefing {n} differs" for n in sorted(names)
              if (fast / n).exists() and (real / n).read_bytes() != (fast / n).read_bytes()]  # fmt: skip
    if _catalogue(real) != _catalogue(fast):
        found.append("catalogue differs")
    ours, theirs = _rows(real / FILE_NAME), _rows(fast / FILE_NAME)
    found += [f"index table {t} differs" for t in sorted({*ours, *theirs})
              if ours.get(t) != theirs.get(t)]  # fmt: skip
    a, b = CorpusIndex(real / FILE_NAME, reports), CorpusIndex(fast / FILE_NAME, reports)
    try:
        for first in [*sorted(a.digests())[:3], ""]:
            for query in queries:
                if a.search(query, first, 30, 3, 10) != b.search(query, first, 30, 3, 10):
                    found.append(f"search {query!r} differs")
        from briefings.compare import ask

        for query in compared:
            parts = ask(query).parts()
            if parts and a.figures(parts[0], ask(query).indicators) != b.figures(
                parts[0], ask(query).indicators
            ):
                found.append(f"compare {query!r} differs")
    finally:
        a.close()
        b.close()
    return found


def rebuilt(reports: Path, sources: int, folder: Path, **config: object) -> tuple[Path, Path]:
    """Two cache folders for the variants in `reports`: by a real warm, and by `shortcut`."""
    real, fast = folder / "real" / "cache", folder / "fast" / "cache"
    warm(write_config(folder / "real", reports, real, **config))
    shortcut(reports, fast, sources, folder / "fast", **config)
    return real, fast


def copy_briefings(cache_dir: Path, into: Path) -> None:
    """`into` holding `cache_dir`'s briefing files (hard links) and no index: for another
    tree's `warm` to build its own index from the same briefings."""
    into.mkdir(parents=True, exist_ok=True)
    for path in cache_dir.glob(f"*{cache.SUFFIX}"):
        (into / path.name).hardlink_to(path)
    shutil.copy2(cache_dir / CATALOGUE_FILE, into / CATALOGUE_FILE)
