"""Benchmark: the pages (bot/pages) with N reports, against GET /healthz in the same run.

N distinct reports: copies of a few corpus reports (../shared/corpus; the seed when it is
absent), each with a line of its own, their briefings computed once per source and re-addressed
to each copy as bench/kits/report_copies.py does (briefing a thousand would take half an hour). The
bot runs in this process against a fake Bot API; its web server is asked for each page ROUNDS
times. Prints, per page: the first request's latency (a place's series and the charts are kept
afterwards), p50 and p95 latency, the ratio of its p50 to /healthz's, and the bytes
transferred (compressed as sent; the card image apart). The issue's targets at 1,000 reports:
report page p95 under 100 ms, compare under 300 ms, every page under 300 KB.

A compare page reads the figures of its own reports only, and which reports a query gives rows
is kept once worked out (bot/library/search_index.py), so the compare page is measured three
ways: the same page again; the same query re-sorted, filtered (a year or kind filter is a query
of its own) and paged; and ROUNDS queries each asked for the first time (the GDP group, the
largest; then the other indicators), the last of them also CLIENTS at a time.

    .venv/bin/python bench/web.py            # N = 1000 (about a minute)
    .venv/bin/python bench/web.py 100
"""

from __future__ import annotations

import asyncio
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import aiohttp

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits.fault_api import FakeBotApi  # noqa: E402
from bench.kits.paths import CORPUS, SEED  # noqa: E402
from bot.app import build_application, running  # noqa: E402
from bot.config import parse_config  # noqa: E402
from bot.state import state_of  # noqa: E402
from bot.web.server import build_web_app, serving  # noqa: E402
from briefings import cache  # noqa: E402
from briefings.choice import place  # noqa: E402
from briefings.derive import brief  # noqa: E402
from briefings.figures.indicators import indicators  # noqa: E402
from briefings.parse import parse_file  # noqa: E402
from briefings.search import SearchIndex  # noqa: E402

ROUNDS = 20
CLIENTS = 4  # readers asking at once, in the last line
# The compare page again with other filters, sort and page: the comparison is kept.
VIEWS = ("sort=place", "sort=year&desc=0", "kind=target", "level=province", "year=2025",
         "sort=period", "page=2", "kind=result&sort=place")  # fmt: skip
# Ways of asking for the largest comparison (the GDP group, most reports say it), each asked
# for the first time: what a comparison costs before it is kept.
GDP_NAMES = ("地区生产总值增长", "GDP", "经济增长", "地区生产总值", "GDP增长", "生产总值",
             "国内生产总值", "经济增速", "生产总值增长")  # fmt: skip
MEASURES = tuple(item.zh for item in indicators().items if item.group != "gdp")
SOURCES = ("beijing_2025.txt", "henan_2025.txt", "jiangxi_2025.txt", "gansu_2025.txt",
           "xizang_2025.txt", "guowuyuan_2019.txt")  # fmt: skip
COMPARE_TARGET = (300.0, 300)
TARGETS = {"report": (100.0, 300), "compare": COMPARE_TARGET,
           "compare, GDP anew": COMPARE_TARGET}  # p95 ms, KB  # fmt: skip


def write_copies(folder: Path, cache_dir: Path, count: int) -> None:
    sources = [CORPUS / name for name in SOURCES if (CORPUS / name).is_file()] or [SEED]
    briefings = [brief(parse_file(source)) for source in sources]
    for n in range(count):
        source, seed = sources[n % len(sources)], briefings[n % len(sources)]
        path = folder / f"{n:04d}_{source.name}"
        path.write_bytes(source.read_bytes() + f"\n（本文件为第{n}号副本。）\n".encode())
        copy = parse_file(path)
        index = SearchIndex.from_dict({**seed.index.to_dict(), "digest": copy.digest})
        cache.save(cache_dir, replace(seed, report=copy, index=index))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def compare_paths(names: Sequence[str], suffixes: Sequence[str]) -> list[str]:
    """ROUNDS compare pages, each of a query not asked before (none kept yet)."""
    asked = [f"{name}{suffix}" for suffix in suffixes for name in names][:ROUNDS]
    assert len(asked) == ROUNDS
    return [f"/web/compare?q={quote(query)}" for query in asked]


async def timed(
    session: aiohttp.ClientSession, base: str, paths: Sequence[str], clients: int = 1
) -> tuple[list[float], int]:
    """Each of `paths` asked once (one path: ROUNDS times), `clients` at a time."""
    asked = list(paths) * (ROUNDS if len(paths) == 1 else 1)
    times, sizes = [], []

    async def client(mine: list[str]) -> None:
        for path in mine:
            began = time.perf_counter()
            async with session.get(base + path, headers={"Accept-Encoding": "gzip"}) as response:
                body = await response.read()  # as sent: the session does not decompress
                assert response.status == 200, (path, response.status)
            times.append((time.perf_counter() - began) * 1000)
            sizes.append(len(body))

    await asyncio.gather(*(client(asked[n::clients]) for n in range(clients)))
    return times, max(sizes)


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder, cache_dir = Path(temp) / "reports", Path(temp) / "cache"
        folder.mkdir()
        cache_dir.mkdir()
        began = time.monotonic()
        write_copies(folder, cache_dir, count)
        print(f"{count} reports written and briefed in {time.monotonic() - began:.0f} s")
        api = FakeBotApi()
        await api.start()
        raw = {"reports_dir": str(folder), "cache_dir": str(cache_dir),
               "database": str(Path(temp) / "db.sqlite3")}  # fmt: skip
        config = replace(parse_config(raw, Path(temp), env={}), token=api.token,
                         base_url=api.base_url)  # fmt: skip
        application = build_application(config)
        try:
            async with running(application, poll_timeout=1):
                state = state_of(application)
                began = time.monotonic()
                if state.loading is not None:  # a folder never read before loads meanwhile
                    await state.loading
                assert state.enrichment is not None
                await state.enrichment
                print(f"library and search index ready in {time.monotonic() - began:.0f} s")
                first = state.library.reports[0]
                gdp = f"/web/compare?q={quote('地区生产总值增长')}"
                pages = {
                    "healthz (baseline)": ["/healthz"],
                    "home": ["/web/"],
                    "report": [f"/web/r/{first.digest}"],
                    "place": [f"/web/place/{quote(place(first))}"],
                    "compare": [gdp],
                    "compare, re-sorted": [f"{gdp}&{view}" for view in VIEWS],
                    "compare, GDP anew": compare_paths(GDP_NAMES, ("", " 2024", " 2025")),
                    "compare, others anew": compare_paths(MEASURES, ("",)),
                    "search": [f"/web/search?q={quote('营商环境')}"],
                }
                async with (
                    serving(build_web_app(application), "127.0.0.1", 0) as port,
                    aiohttp.ClientSession(auto_decompress=False) as session,
                ):
                    base = f"http://127.0.0.1:{port}"
                    results = {
                        name: await timed(session, base, paths) for name, paths in pages.items()
                    }
                    anew = compare_paths(GDP_NAMES, (" 目标", " 完成", " 2023"))
                    name = f"compare, GDP anew, {CLIENTS} at once"
                    results[name] = await timed(session, base, anew, CLIENTS)
        finally:
            await api.stop()
    baseline = statistics.median(results["healthz (baseline)"][0])
    print(f"\n{count} reports, {ROUNDS} requests a page, one at a time but the last line")
    head = (
        f"{'page':32} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'x healthz':>10} {'sent KB':>8}"
    )
    print(head + "  target")
    for name, (times, size) in results.items():
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        target = TARGETS.get(name)
        aim = f"p95 < {target[0]:.0f} ms, < {target[1]} KB" if target else ""
        print(
            f"{name:32} {times[0]:9.1f} {p50:8.1f} {p95:8.1f} {p50 / baseline:10.1f}"
            f" {size / 1024:8.1f}  {aim}"
        )
    print("first: the first request (nothing drawn or kept yet); p50/p95 over all of them")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
