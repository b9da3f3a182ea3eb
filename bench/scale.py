"""Benchmark: the bot with N distinct reports (N = 1, 1000; 10000 with --full) against a bare
PTB echo bot, in the same run.

N distinct reports are variants of the corpus reports (../shared/corpus and its more/; those
named by --without left out), each ending with a line of its own that the parser drops as page
chrome (bench.kits.variants: each has its own digest and cache entry), in a temporary folder.
Their caches (briefings and the search index) are warmed by `briefing-bot warm` with the
default pool (one worker per core), as an image build does; the same warm with one worker over
a sample of them gives the per-process rate to compare with. Then, for each N, each bot runs as
a subprocess polling the same fake Bot API, and the bench prints:

- warm: seconds, reports/s, and reports/s per core, against one worker's rate
- sizes on disk: the reports' text, the briefing cache (its JSON files), the search index
- first reply: process start to the answer of the first update (/help; the echo bot echoes it),
  warm, and on a first start without warm (an empty cache: the bot reads and briefs meanwhile),
  both from byte-compiled modules as in the image (`compiled`)
- RSS after start (at the first reply), and once the reports' briefings are read in
- cross-report /search reply latency p50/p95 (the echo bot: its echo's latency)
- /compare latency p50/p95

each with its ratio to the echo bot's, and the targets at 10,000 reports.

--shortcut builds the caches without briefing every variant (a variant's briefing is its
source report's: each source is briefed once by the real warm, every other variant's cache file
written from it, then the real warm indexes them all; no warm rate is printed). --verify N
builds N variants both ways and says whether the caches differ. --baseline TREE measures
another source tree's bot (e.g. main's, `git archive main | tar -x -C TREE`) on the same
reports in the same run; --prebuilt DIR measures caches built before.

    /work/venv/bin/python bench/scale.py            # N = 1 and 1000 (~10 min on 2 free cores)
    /work/venv/bin/python bench/scale.py --full     # also N = 10000 (warming it: ~45 min)
    /work/venv/bin/python bench/scale.py --reports 10000 --shortcut --baseline TREE
    /work/venv/bin/python bench/scale.py --verify 120
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import math
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.kits import variants  # noqa: E402
from bench.kits.fault_api import FakeBotApi  # noqa: E402
from bench.kits.paths import ROOT, corpus_files  # noqa: E402
from bench.kits.variants import make_variants  # noqa: E402
from briefings.cache import SUFFIX  # noqa: E402

TIMEOUT = 300.0  # seconds any one phase may take
SETTLE = 1.0  # seconds after the first reply before RSS is read
ROUND_DONE = "push round done"  # logged by bot.push.runner at a round's end
QUERIES = (
    "营商环境", "法治政府", "低空经济", "乡村振兴", "地区生产总值", "GDP", "人工智能",
    "新质生产力", "行政复议", "就业", "教育", "医疗", "住房", "税", "科技创新", "城市更新",
    "数字政府", "养老服务", "安全生产", "生态环境保护 碳达峰",
)  # fmt: skip
# /compare measures: figures most reports give (the copies cycle through the corpus).
COMPARED = ("地区生产总值增长", "一般公共预算收入", "城镇新增就业", "居民人均可支配收入", "粮食产量")  # fmt: skip
ROUNDS = 3  # each query this many times
TARGETS = {
    "first_reply_s": 1.5, "rss_start_mb": 150.0, "search_p95_ms": 50.0, "compare_p95_ms": 300.0,
}  # fmt: skip  # at 10,000 reports
SAMPLE = 40  # reports one worker warms, for the per-process rate


@dataclass
class Run:
    first_reply_s: float
    cold_first_reply_s: float  # a first start without warm (the echo bot: its first reply)
    rss_start_mb: float
    rss_settled_mb: float
    search_p50_ms: float
    search_p95_ms: float
    compare_p50_ms: float = 0.0  # 0: not measured (no /compare in this tree)
    compare_p95_ms: float = 0.0
    # /search on a first start, while the push's start-up round writes every report's news
    # (search_*: after it, as every later start and the rest of the bot's life see it)
    startup_search_p50_ms: float = 0.0
    startup_search_p95_ms: float = 0.0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def make_reports(folder: Path, n: int, without: Sequence[str] = ()) -> int:
    """`n` distinct reports in `folder` (bench.kits.variants: the corpus's in turn, but those
    named in `without`, each with a line of its own); returns their size in bytes."""
    paths = make_variants(folder, sources(without), n)
    return sum(path.stat().st_size for path in paths)


def sources(without: Sequence[str] = ()) -> list[Path]:
    found = [path for path in corpus_files() if path.name not in without]
    if not found:
        raise SystemExit("no corpus at ../shared/corpus: nothing to scale")
    return found


def write_config(
    folder: Path, reports: Path, base_url: str = "http://127.0.0.1:9/bot", **more: object
) -> Path:
    """`folder`/config.yaml: the reports in `reports`, the cache `folder`/cache (unless `more`
    names another)."""
    more = {"cache_dir": str(folder / "cache"), **more}
    return variants.write_config(folder, reports, Path(str(more.pop("cache_dir"))),
                                 telegram={**_telegram(), "base_url": base_url}, **more)  # fmt: skip


def _telegram() -> dict[str, object]:
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    return dict(config["telegram"])


def children_cpu() -> float:
    """CPU seconds of the waited-for child processes so far (warm's workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def warm(folder: Path, code: Path = ROOT) -> float:
    began = time.monotonic()
    variants.warm(folder / "config.yaml", code)
    return time.monotonic() - began


async def reply_ms(api: FakeBotApi, text: str) -> float:
    """Milliseconds from an update to the bot's first message in answer."""
    before = len(api.sent("sendMessage"))
    began = time.monotonic()
    api.user_message(text)
    await api.wait_for(lambda _: len(api.sent("sendMessage")) > before, timeout=TIMEOUT)
    return (time.monotonic() - began) * 1000


async def settled(log: Path, line: str, process: asyncio.subprocess.Process) -> None:
    """Until the bot logs `line` ("briefed": its reports are briefed; ROUND_DONE: a push round
    ended, the first one the start-up round that makes every report not yet told news)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and process.returncode is None:
        if line in log.read_text(encoding="utf-8", errors="replace"):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"the bot did not log {line!r}")


async def latencies(
    api: FakeBotApi, texts: list[str]
) -> tuple[float, float, list[tuple[float, str]]]:
    """p50 and p95 of the replies to `texts` asked ROUNDS times, and each reply's (ms, text)."""
    times = [(await reply_ms(api, text), text) for text in texts * ROUNDS]
    ms = [t for t, _ in times]
    if not ms:  # nothing asked (no /compare in this tree)
        return 0.0, 0.0, []
    return statistics.median(ms), percentile(ms, 0.95), times


@contextlib.asynccontextmanager
async def started(
    command: list[str], configure: Callable[[str], object], code: Path = ROOT
) -> AsyncIterator[tuple[asyncio.subprocess.Process, float]]:
    """`command` started on a fresh fake Bot API (`configure` gets its URL) with a /start
    waiting: the process and the seconds to its first reply; both stopped after."""
    api = FakeBotApi()
    await api.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "BENCH_BASE_URL": api.base_url}
    configure(api.base_url)
    api.user_message("/start")
    began = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=code, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await api.wait_for(lambda c: c.method == "sendMessage", timeout=TIMEOUT)
        yield process, time.monotonic() - began
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), TIMEOUT)
        await api.stop()


async def first_reply(command: list[str], folder: Path, **config: object) -> float:
    """Seconds from process start to the first reply, the process then stopped."""

    def configure(base_url: str) -> None:
        write_config(folder, folder / "reports", base_url, **config)

    async with started(command, configure) as (_, seconds):
        return seconds


async def measure(
    command: list[str], folder: Path, reports: Path | None, compare: bool, cold: float,
    code: Path = ROOT,
) -> Run:  # fmt: skip
    """`command` run from `code`: with `reports` (None: the echo bot) its config in `folder`
    names them and `folder`/cache.

    A first start on a fresh database makes every report news (the push's start-up round
    records 10,000 reports' news while the first searches are asked): those searches' latency
    is measured as it is (`startup_search_*`), then the bot is started again on the database
    that round filled, as it runs after its first start, and once its own start-up round is
    over the searches are asked anew (`search_*`: a result is kept until the index changes,
    so only a new process asks them for the first time)."""
    api = FakeBotApi()
    await api.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": api.token, "BENCH_BASE_URL": api.base_url}
    search = reports is not None
    if reports is not None:
        write_config(folder, reports, api.base_url)
    texts = [f"/search {q}" if search else q for q in QUERIES]
    compares = [f"/compare {q}" for q in COMPARED] if compare else []
    try:
        async with _running(api, command, env, folder, code) as (process, log, first):
            await asyncio.sleep(SETTLE)
            rss_start = rss_mb(process.pid)
            if search:
                await settled(log, "briefed", process)
            rss_settled = rss_mb(process.pid)
            during = await latencies(api, texts)
            if not search:  # the echo bot: no start-up round
                compared = await latencies(api, compares)
                return Run(first, cold, rss_start, rss_settled, *during[:2], *compared[:2],
                           *during[:2])  # fmt: skip
            _slowest("while the start-up round writes every report's news", during[2])
            await settled(log, ROUND_DONE, process)  # its news recorded, for the restart
        async with _running(api, command, env, folder, code) as (process, log, _):
            await settled(log, "briefed", process)
            await settled(log, ROUND_DONE, process)
            # What the bot loads in the background after its first answer (bot.handlers.across
            # PREPARE_AFTER: what /compare and a search reply read) is loaded, as the first
            # round's searches found it after their SETTLE.
            await asyncio.sleep(2 * SETTLE)
            found = await latencies(api, texts)
            _slowest("after the start-up round", found[2])
            compared = await latencies(api, compares)
        return Run(first, cold, rss_start, rss_settled, *found[:2], *compared[:2], *during[:2])
    finally:
        await api.stop()


@contextlib.asynccontextmanager
async def _running(
    api: FakeBotApi, command: list[str], env: dict[str, str], folder: Path, code: Path
) -> AsyncIterator[tuple[asyncio.subprocess.Process, Path, float]]:
    """`command` started with a /help waiting: the process, its log (stderr) and the seconds
    to its first reply; stopped after."""
    log = folder / f"log-{time.monotonic_ns()}.txt"
    before = len(api.sent("sendMessage"))
    api.user_message("/help")
    began = time.monotonic()
    with log.open("w") as err:
        process = await asyncio.create_subprocess_exec(
            *command, env=env, cwd=code, stdout=asyncio.subprocess.DEVNULL, stderr=err
        )
    try:
        await api.wait_for(lambda _: len(api.sent("sendMessage")) > before, timeout=TIMEOUT)
        yield process, log, time.monotonic() - began
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), TIMEOUT)


def _slowest(when: str, times: list[tuple[float, str]]) -> None:
    """The slowest replies (those that make the p95), to say which queries cost."""
    shown = ", ".join(f"{text.split(' ', 1)[-1]} {ms:.0f}" for ms, text in sorted(times)[-4:][::-1])
    print(f"  slowest /search replies (ms) {when}: {shown}", flush=True)


def has_compare() -> bool:
    from bot.commands import COMMANDS

    return any(command.name == "compare" for command in COMMANDS)


def table(n: int, echo: Run, ours: Run) -> str:
    lines = [f"N = {n}: {'':12}{'echo bot':>10}{'this bot':>10}{'ratio':>8}  target at 10,000"]
    for name in Run.__dataclass_fields__:
        a, b = getattr(echo, name), getattr(ours, name)
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≤ {target:g}" + (
                f" {'ok' if b <= target else 'MISSED'}" if n >= 10000 else ""
            )
        ratio = f"{b / a:8.2f}" if a else f"{'':8}"
        lines.append(f"  {name:22}{a:10.2f}{b:10.2f}{ratio}  {verdict}")
    return "\n".join(lines)


def warm_rate(folder: Path, reports: Path, workers: int) -> tuple[float, float, float]:
    """(seconds, reports/s, CPU seconds a report) of `warm` with `workers` processes over the
    files in `reports`. On a shared machine the CPU seconds are the steadier figure: the
    rate also depends on how many cores the others leave free."""
    write_config(folder, reports, briefing_workers=workers)
    count = sum(1 for _ in reports.iterdir())
    cpu = children_cpu()
    seconds = warm(folder)
    return seconds, count / seconds, (children_cpu() - cpu) / count


def folder_mb(cache: Path, pattern: str) -> float:
    return sum(p.stat().st_size for p in cache.glob(pattern) if p.is_file()) / 2**20


def compiled(code: Path = ROOT) -> None:
    """Byte-compile the project, as `pip install .` does in the image: run from the source
    tree with PYTHONDONTWRITEBYTECODE set (the Dockerfile sets it; so may a dev machine), the bot
    would compile its ~130 modules at every start (~0.3 s), while the echo bot's PTB comes
    compiled from site-packages. The .pyc files go to __pycache__ folders git ignores."""
    for package in ("bot", "briefings", "tests"):
        compileall.compile_dir(code / package, quiet=1)


@dataclass(frozen=True)
class Options:
    without: tuple[str, ...] = ()  # corpus file names left out
    shortcut: bool = False  # the caches built by bench.kits.variants.shortcut
    baseline: Path | None = None  # another tree's code, measured on the same reports
    prebuilt: Path | None = None  # a folder of reports/ and cache/ built before (one N)


def build(folder: Path, n: int, options: Options, cores: int) -> None:
    """`folder`/cache for the reports in `folder`/reports: a real warm (its rate against one
    worker's on a sample), or the shortcut."""
    reports = folder / "reports"
    if options.shortcut:
        began = time.monotonic()
        count = len(sources(options.without))
        variants.shortcut(reports, folder / "cache", min(n, count), folder / "shortcut",
                          telegram=_telegram(), briefing_workers=cores)  # fmt: skip
        print(f"N = {n}: SHORTCUT build (each of {min(n, count)} reports briefed once, "
              f"bench.kits.variants): {time.monotonic() - began:.0f} s; no warm rate")  # fmt: skip
        return
    sample = folder.parent / f"sample{n}"
    make_reports(sample / "reports", min(n, SAMPLE), options.without)
    _, one, one_cpu = warm_rate(sample, sample / "reports", 1)
    warmed, rate, cpu = warm_rate(folder, reports, cores)
    print(f"N = {n}: warm {warmed:.0f} s with {cores} workers: {rate:.2f} reports/s, "
          f"{rate / cores:.2f} per core; one worker: {one:.2f} reports/s "
          f"({rate / one:.2f}×); CPU {cpu:.2f} s a report (one worker: {one_cpu:.2f} s); "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip


async def main(sizes: list[int], options: Options) -> None:
    compiled()
    cores = os.cpu_count() or 1
    compare = has_compare()
    bot = [sys.executable, "-m", "bot.cli", "run"]
    echo_bot = [sys.executable, str(ROOT / "bench" / "echo_bot.py")]
    with tempfile.TemporaryDirectory() as temporary:
        for n in sizes:
            folder = Path(temporary) / f"n{n}"
            if options.prebuilt is None:
                text = make_reports(folder / "reports", n, options.without)
                build(folder, n, options, cores)
            else:
                folder.mkdir()
                for name in ("reports", "cache"):
                    (folder / name).symlink_to(options.prebuilt / name)
                text = sum(p.stat().st_size for p in (folder / "reports").iterdir())
                print(f"N = {n}: the reports and caches in {options.prebuilt}, built before")
            cache = folder / "cache"
            index = folder_mb(cache, "search.sqlite3*")
            briefings = folder_mb(cache, f"*{SUFFIX}")
            cold_folder = Path(temporary) / f"cold{n}"
            cold_folder.mkdir()
            (cold_folder / "reports").symlink_to(folder / "reports")
            cold = await first_reply([*bot, "--config", str(cold_folder / "config.yaml")],
                                     cold_folder)  # fmt: skip
            echo_first = await first_reply(echo_bot, cold_folder)
            write_config(folder, folder / "reports")
            echo = await measure(echo_bot, folder, None, compare, echo_first)
            base = None
            if options.baseline is not None:
                base = await baseline(options.baseline, folder, Path(temporary) / f"base{n}",
                                      cores, bot, compare)  # fmt: skip
            ours = await measure([*bot, "--config", str(folder / "config.yaml")],
                                 folder, folder / "reports", compare, cold)  # fmt: skip
            mb = text / 2**20
            print(f"  on disk: reports' text {mb:.1f} MB; briefing cache {briefings:.1f} MB "
                  f"({briefings / mb:.2f}× the text); search index {index:.1f} MB "
                  f"({index / mb:.2f}× the text); load average {os.getloadavg()[0]:.1f}")  # fmt: skip
            print(table(n, echo, ours))
            if base is not None:
                run, size = base
                print(f"  baseline ({options.baseline}): search index {size:.1f} MB "
                      f"({size / mb:.2f}× the text)")  # fmt: skip
                print(table(n, run, ours).replace("echo bot", "baseline"))
            if not compare:
                print("  /compare: skipped (not in this tree)")
            print(flush=True)


async def baseline(
    code: Path, folder: Path, into: Path, cores: int, bot: list[str], compare: bool
) -> tuple[Run, float]:
    """The bot of the tree `code` on the same reports and briefings, its own index built by its
    own `warm` (which finds every briefing cached) unless its index is of the same format as
    this tree's: its run, and its index's size in MB."""
    compiled(code)
    if _index_format(code) == _index_format(ROOT):
        run = await measure([*bot, "--config", str(folder / "config.yaml")], folder,
                            folder / "reports", compare, 0.0, code)  # fmt: skip
        return run, folder_mb(folder / "cache", "search.sqlite3*")
    variants.copy_briefings(folder / "cache", into / "cache")
    write_config(into, folder / "reports", briefing_workers=cores)
    warm(into, code)
    size = folder_mb(into / "cache", "search.sqlite3*")
    run = await measure([*bot, "--config", str(into / "config.yaml")], into,
                        folder / "reports", compare, 0.0, code)  # fmt: skip
    return run, size


def _index_format(code: Path) -> str:
    """The search index format of the tree `code` (briefings/corpus_index.py's FORMAT)."""
    source = (code / "briefings" / "corpus_index.py").read_text(encoding="utf-8")
    found = re.search(r'^FORMAT = "([^"]+)"', source, re.MULTILINE)
    return found.group(1) if found else ""


def verify(n: int, without: Sequence[str], cores: int) -> int:
    """Build the caches of `n` variants both ways and say what differs (exit status 1 if any)."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        make_reports(folder / "reports", n, without)
        count = min(n, len(sources(without)))
        began = time.monotonic()
        real, fast = variants.rebuilt(folder / "reports", count, folder,
                                      telegram=_telegram(), briefing_workers=cores)  # fmt: skip
        found = variants.differences(real, fast, QUERIES, COMPARED, folder / "reports")
        files = len(list(real.glob(f"*{SUFFIX}")))
        print(f"{n} variants of {count} reports, {files} briefings, both builds in "
              f"{time.monotonic() - began:.0f} s: "
              + ("the shortcut's caches are the real warm's: briefing files byte for byte, the "
                 "catalogue, every table of the index, its answers to the queries"
                 if not found else "DIFFERENT: " + "; ".join(found)))  # fmt: skip
        return 1 if found else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also N = 10000 (long: warming)")
    parser.add_argument("--reports", type=int, nargs="+", help="the N to run, instead")
    parser.add_argument("--without", nargs="+", default=[], metavar="NAME",
                        help="corpus file names to leave out (e.g. reports labelled blind)")  # fmt: skip
    parser.add_argument("--shortcut", action="store_true",
                        help="brief each corpus report once, not every variant (no warm rate)")  # fmt: skip
    parser.add_argument("--baseline", type=Path, metavar="TREE",
                        help="also measure the bot of this source tree (e.g. main's, exported)")  # fmt: skip
    parser.add_argument("--prebuilt", type=Path, metavar="DIR",
                        help="measure the reports/ and cache/ in DIR (one N), built before")  # fmt: skip
    parser.add_argument("--verify", type=int, metavar="N",
                        help="only check that the shortcut builds what a real warm builds")  # fmt: skip
    args = parser.parse_args()
    if args.verify:
        sys.exit(verify(args.verify, args.without, os.cpu_count() or 1))
    options = Options(tuple(args.without), args.shortcut, args.baseline, args.prebuilt)
    asyncio.run(main(args.reports or ([1, 1000, 10000] if args.full else [1, 1000]), options))
