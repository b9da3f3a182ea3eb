"""Event-loop lag while 50 reports are fetched and parsed from a local government site.

A bot's replies wait for the event loop: the lag of a 5 ms ticker is the delay any reply
would get. Measured idle (baseline) and during one poll of an index source whose 5 pages
link 50 reports (the shared corpus and the seed, as article pages; synthetic reports when
the corpus is absent). The site runs in the same process, so its work counts against us.

    .venv/bin/python bench/sources.py [--reports 50]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kits.gov_docs import article_page, report_lines  # noqa: E402
from bench.kits.gov_site import GovSite, Page  # noqa: E402
from bench.kits.paths import CORPUS, SEED  # noqa: E402
from bot.sources import FetchPolicy, PoliteClient, SourcePoller, SourceSpec, SourceStore  # noqa: E402

TICK = 0.005
PER_PAGE = 10


def report_texts(count: int) -> list[list[str]]:
    files = [SEED, *sorted(CORPUS.glob("*.txt")), *sorted((CORPUS / "more").glob("*.txt"))]
    texts = [path.read_text(encoding="utf-8").splitlines() for path in files if path.is_file()]
    places = iter(f"第{n}测试区" for n in range(count))
    texts += [report_lines(next(places), 2021) for _ in range(count - len(texts))]
    return [[line for line in text if line.strip()] for text in texts[:count]]


def fill(site: GovSite, texts: list[list[str]]) -> None:
    pages = (len(texts) + PER_PAGE - 1) // PER_PAGE
    for number in range(pages):
        items = "".join(
            f'<li><a href="/art/{i}.html">报告{i}</a></li>'
            for i in range(number * PER_PAGE, min(len(texts), (number + 1) * PER_PAGE))
        )
        nav = f'<a href="/list/{number + 1}.html">下一页</a>' if number + 1 < pages else ""
        body = f"<html><body><ul>{items}</ul>{nav}</body></html>".encode()
        site.pages[f"/list/{number}.html"] = Page(body, "text/html; charset=utf-8")
    for i, lines in enumerate(texts):
        site.pages[f"/art/{i}.html"] = Page(article_page(lines).encode(), "text/html")


async def lags(until: asyncio.Event, limit: float) -> list[float]:
    """How late each 5 ms tick fires, until `until` is set (at most `limit` seconds)."""
    found: list[float] = []
    end = time.perf_counter() + limit
    while not until.is_set() and time.perf_counter() < end:
        start = time.perf_counter()
        await asyncio.sleep(TICK)
        found.append(time.perf_counter() - start - TICK)
    return found


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (f"{name}: ticks {len(values)}, lag p50 {statistics.median(values) * 1000:.1f} ms, "
            f"p99 {p99 * 1000:.1f} ms, max {max(values) * 1000:.1f} ms")  # fmt: skip


async def run(count: int) -> None:
    site = GovSite()
    await site.start()
    fill(site, report_texts(count))
    idle = asyncio.Event()
    asyncio.get_running_loop().call_later(1.0, idle.set)
    baseline = await lags(idle, 2.0)
    with tempfile.TemporaryDirectory() as folder:
        store = await SourceStore.open(Path(folder) / "bench.sqlite3")
        client = PoliteClient(FetchPolicy(host_interval_seconds=0.0, max_entries=count))
        poller = SourcePoller(client, store, Path(folder) / "reports")
        spec = SourceSpec("bench", "index", site.url("/list/0.html"), re.compile("报告"), 10)
        done = asyncio.Event()
        probe = asyncio.create_task(lags(done, 600.0))
        start = time.perf_counter()
        found = await poller.poll_source(spec)
        elapsed = time.perf_counter() - start
        done.set()
        during = await probe
        await poller.close()
    await site.stop()
    print(f"sources: {len(found)} of {count} reports fetched and parsed in {elapsed:.1f} s "
          f"({elapsed / max(len(found), 1) * 1000:.0f} ms each)")  # fmt: skip
    print(summary("idle      ", baseline))
    print(summary("ingesting ", during))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(max(1, min(args.reports, 500))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
