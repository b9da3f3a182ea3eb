"""Benchmark: /promises with N reports loaded (N/2 places, each with a report for two consecutive
years), against /help in the same run, through the real bot polling the in-process Bot API.

The reports are small invented ones (targets in one year's, results in the next's), briefed and
indexed as `briefing-bot warm` does before the bot starts. Prints p50 and p95 of the reply time
of /promises for random places, of /promises all YEAR (the first, which works out every pair, apart), and of /help; then /help's reply time
while a burst of /promises from other chats is being answered (never blocked by them).

    /work/venv/bin/python bench/promises.py          # N = 1000
    /work/venv/bin/python bench/promises.py 200
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.app import build_application, running  # noqa: E402
from bot.cli import main as cli  # noqa: E402
from bot.config import parse_config  # noqa: E402
from bot.local.answered import Turns  # noqa: E402
from bot.local.bot_api import LocalBotApi  # noqa: E402
from bot.state import state_of  # noqa: E402

ROUNDS = 60
BURST = int(os.environ.get("BURST", "20"))
_CHARS = "安宁平和远清泉山川江河湖海林峰岭云阳春秋东西南北金玉石桥城原兴隆昌盛丰泰"
_TEMPLATE = """{year}年{place}政府工作报告
现在，我代表{place}人民政府，向大会报告政府工作，请予审议。
一、{last}年工作回顾
过去一年，全市地区生产总值增长{gdp}%，城镇新增就业{jobs}万人，城镇调查失业率{jobless}%，居民消费价格上涨{cpi}%。
二、{year}年主要目标和工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右，城镇新增就业3万人以上，城镇调查失业率控制在5.5%以内。
（一）大力发展数字经济。建设城市算力中心，推动数据要素市场化配置。
（二）持续改善农村人居环境。推进农村生活污水治理，开展村庄清洁行动。
"""


def _places(count: int) -> list[str]:
    pairs = [a + b for a in _CHARS for b in _CHARS if a != b]
    return [f"{name}市" for name in pairs[:count]]


def write_reports(folder: Path, count: int) -> list[str]:
    rng = random.Random(7)
    places = _places(count // 2)
    for place in places:
        for year in (2025, 2026):
            text = _TEMPLATE.format(
                year=year, last=year - 1, place=place, gdp=round(rng.uniform(3, 7), 1),
                jobs=round(rng.uniform(2, 4), 1), jobless=round(rng.uniform(4, 6), 1),
                cpi=round(rng.uniform(0, 3), 1),
            )  # fmt: skip
            (folder / f"{place}_{year}.txt").write_text(text, "utf-8")
    return places


async def _reply_ms(api: LocalBotApi, turns: Turns, text: str, chat: int = 1001) -> float:
    began = time.perf_counter()
    update = api.user_message(text, chat_id=chat, user_id=chat)
    await turns.wait(update["update_id"], timeout=60)
    return (time.perf_counter() - began) * 1000


async def _sent_ms(api: LocalBotApi, text: str, chat: int) -> float:
    """Time until the bot sends its answer to `chat`: the turn marker would also wait for other
    chats' slow commands still running (bot/local/answered.py), which is what this measures past."""
    began = time.perf_counter()
    seen = len(api.calls)
    api.user_message(text, chat_id=chat, user_id=chat)
    while True:
        fresh = api.calls[seen:]
        if any(str(c.params.get("chat_id")) == str(chat) for c in fresh):
            return (time.perf_counter() - began) * 1000
        seen += len(fresh)
        await asyncio.wait_for(api.wait_calls(seen), 60)


def _line(name: str, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[18]
    return f"{name:24} p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms"


async def measure(root: Path, places: list[str]) -> None:
    raw = {"reports_dir": str(root / "reports"), "cache_dir": str(root / "cache"),
           "database": str(root / "db.sqlite3")}  # fmt: skip
    config = parse_config(raw, root, env={})
    api = LocalBotApi()
    await api.start()
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    turns = Turns().install(application)
    rng = random.Random(11)
    try:
        async with running(application, poll_timeout=1):
            enrichment = state_of(application).enrichment
            if enrichment is not None:
                await enrichment
            cold = await _reply_ms(api, turns, "/promises all 2025")  # every pair, once
            before = len(api.calls)
            await _reply_ms(api, turns, f"/promises {places[0]}")
            print("e.g.", api.calls[before].params["text"].splitlines()[0])
            asked = [await _reply_ms(api, turns, f"/promises {rng.choice(places)}")
                     for _ in range(ROUNDS)]  # fmt: skip
            ranked = [await _reply_ms(api, turns, "/promises all 2025") for _ in range(10)]
            helped = [await _reply_ms(api, turns, "/help") for _ in range(ROUNDS)]
            began = time.perf_counter()
            burst = [
                asyncio.create_task(_reply_ms(api, turns, f"/promises {rng.choice(places)}", 2000 + n))
                for n in range(BURST)
            ]  # fmt: skip
            await asyncio.sleep(0)
            during = [await _sent_ms(api, "/help", 3000 + n) for n in range(5)]
            await asyncio.gather(*burst)
            burst_ms = (time.perf_counter() - began) * 1000
    finally:
        await api.stop()
    print(_line("/promises PLACE", asked))
    print(f"/promises all 2025 first (every pair worked out): {cold:.1f} ms")
    print(_line("/promises all 2025", ranked))
    print(_line("/help", helped))
    print(
        f"/help during {BURST} /promises from other chats: max {max(during):.1f} ms,"
        f" while the {BURST} took {burst_ms:.0f} ms in all (answered between them, not after)"
    )
    ratio = statistics.quantiles(asked, n=20)[18] / statistics.quantiles(helped, n=20)[18]
    print(f"/promises p95 is {ratio:.1f}x /help's (target: under 200 ms)")


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "reports").mkdir()
        places = write_reports(root / "reports", count)
        config = root / "config.yaml"
        config.write_text(
            f"reports_dir: {root / 'reports'}\ncache_dir: {root / 'cache'}\n"
            f"database: {root / 'db.sqlite3'}\n",
            "utf-8",
        )
        began = time.perf_counter()
        cli(["warm", "--config", str(config)])
        print(f"{count} reports briefed and indexed in {time.perf_counter() - began:.0f} s")
        asyncio.run(measure(root, places))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
