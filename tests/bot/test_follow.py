"""/follow topic alerts through the real PTB bot and the fake Bot API: a new report reaches
exactly the chats whose words it mentions, with the sentences and their section and a button
that opens it; once, across restarts; never for a report that came before the follow; a
blocked chat, /unfollow and HTML in the words handled; a corrected republication announced
as updated."""

from __future__ import annotations

from pathlib import Path

from bench.kits.clikit import ADMIN
from bench.kits.fault_api import Faults
from bot.present.words import CHINESE
from bot.state import state_of
from tests.kits.push_fixtures import Clock, Harness, push_bot, rows

FOLLOWER, OTHER, LATE = 7001, 7002, 7003
GROUP, MEMBER = -100300, 7010
TITLE = "关于南昌市2020年度法治政府建设工作的报告"


def _alerts(bot: Harness, chat: int) -> list[str]:
    return [text for text in bot.texts(chat) if text.startswith("🔔")]


async def _settled(bot: Harness) -> None:
    """The start-up round (which matches the reports already there) is over."""
    await bot.push_round()


async def _publish(bot: Harness, reports: Path, name: str, text: bytes) -> None:
    """A new report file, loaded and announced by /reload; then its alerts are sent."""
    (reports / name).write_bytes(text)
    reply = await bot.say("/reload", chat_id=ADMIN)
    assert "新增 1 份" in reply.params["text"]
    await bot.push_round()


def _seed_bytes(reports: Path) -> bytes:
    return (reports / "seed.txt").read_bytes()


async def test_a_new_report_alerts_exactly_the_chat_whose_words_it_mentions(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        reply = await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        assert reply.params["text"].startswith("已关注“营商环境”")
        await bot.say("/follow 量子计算", chat_id=OTHER)
        assert _alerts(bot, FOLLOWER) == []  # the report already there is no news
        await _publish(bot, reports, "b.txt", _seed_bytes(reports) + b"\n")
        [alert] = [c for c in bot.api.sent("sendMessage")
                   if c.params["text"].startswith("🔔")]  # fmt: skip
        assert int(alert.params["chat_id"]) == FOLLOWER
        text = alert.params["text"]
        assert text.startswith(f"🔔 关注“营商环境”：新报告<b>《{TITLE}》</b>提到了 5 句")
        assert (
            "<b>1.3 坚持依法履职,持续优化法治化营商环境</b>\n扎实开展<b>营商环境</b>专项行动。"
            in text
        )
        assert _alerts(bot, OTHER) == []
        [(label, data)] = [
            (b["text"], b["callback_data"])
            for row in alert.params["reply_markup"]["inline_keyboard"] for b in row
        ]  # fmt: skip
        new = next(r for r in bot.pusher.library.reports if r.source.endswith("b.txt"))
        assert data == f"open:{new.digest[:12]}:"
        seen = len(bot.api.calls)
        bot.api.tap(alert.result, data, user_id=FOLLOWER)
        opened = await bot.api.wait_for(
            lambda c: c.method == "sendMessage" and c in bot.api.calls[seen:]
        )
        assert opened.params["text"].startswith(f"<b>{TITLE}</b>")
        assert any(b["callback_data"].startswith(f"sec:{new.digest[:12]}:")
                   for row in opened.params["reply_markup"]["inline_keyboard"] for b in row)  # fmt: skip
        assert label
        [row] = rows(bot.config.database, "SELECT state, attempts, chat_id FROM alerts")
        assert tuple(row) == ("sent", 1, FOLLOWER)


async def test_no_alert_twice_after_a_restart_nor_for_a_report_older_than_the_follow(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        await _publish(bot, reports, "b.txt", _seed_bytes(reports) + b"\n")
        assert len(_alerts(bot, FOLLOWER)) == 1
        await bot.say("/follow 营商环境", chat_id=LATE)  # after the report came
        await bot.push_round()
        assert _alerts(bot, LATE) == []
    async with push_bot(tmp_path, clock, database=database, reports=reports) as again:
        await _settled(again)  # the start-up round announces what the library holds
        await again.push_round()
        assert _alerts(again, FOLLOWER) == [] and _alerts(again, LATE) == []
        await _publish(again, reports, "c.txt", _seed_bytes(reports) + b"\n\n")
        assert len(_alerts(again, FOLLOWER)) == 1 and len(_alerts(again, LATE)) == 1
    states = rows(again.config.database, "SELECT chat_id, state FROM alerts ORDER BY chat_id")
    assert [tuple(r) for r in states] == [(FOLLOWER, "sent"), (FOLLOWER, "sent"), (LATE, "sent")]


async def test_a_follow_made_before_the_start_up_round_is_not_alerted_to_reports_already_there(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    # The start-up round may come after the first updates (or, with replicas, after a follow
    # made on another replica): the reports in the folder at start are still no news to it.
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        clock.set("2024-05-06T01:00:05+00:00")  # the follow comes after the process started
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        await _settled(bot)  # the start-up round matches the library only now
        await bot.push_round()
        assert _alerts(bot, FOLLOWER) == []
        await _publish(bot, reports, "b.txt", _seed_bytes(reports) + b"\n")
        assert len(_alerts(bot, FOLLOWER)) == 1  # a report found later still alerts it


async def test_a_report_found_after_the_start_alerts_a_later_follow_when_the_start_up_round_comes_after_it(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    # With replicas, another's rounds may hold the push lease until after the folder watcher
    # found a new report, and before its announcement window closed: the late start-up round
    # must leave that report to the announcement, which matches it against every follow.
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        clock.set("2024-05-06T01:00:05+00:00")  # the follow comes after the process started
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        await bot.say("/subscribe", chat_id=OTHER)
        (reports / "b.txt").write_bytes(_seed_bytes(reports) + b"\n")
        new = await state_of(bot.app).briefer.reload()  # the folder watcher's look
        await _settled(bot)  # the start-up round, held back until now
        await bot.pusher.announce(new)  # the announcement window closes
        await bot.push_round()
        assert len(_alerts(bot, FOLLOWER)) == 1
        assert len([t for t in bot.texts(OTHER) if t.startswith("🆕")]) == 1


async def test_a_chat_that_blocked_the_bot_is_recorded_and_followed_no_more(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        await bot.say("/follow 赣服通", chat_id=OTHER)
        bot.api.fault = Faults(blocked={FOLLOWER})
        await _publish(bot, reports, "b.txt", _seed_bytes(reports) + b"\n")
        assert len(_alerts(bot, OTHER)) == 1
        states = {r["chat_id"]: (r["state"], r["error"]) for r in rows(bot.config.database,
                  "SELECT chat_id, state, error FROM alerts")}  # fmt: skip
        assert states[OTHER] == ("sent", None)
        assert states[FOLLOWER][0] == "blocked" and states[FOLLOWER][1].startswith("403")
        assert [r["chat_id"] for r in rows(bot.config.database, "SELECT chat_id FROM follows")] == [
            OTHER
        ]


async def test_a_flooded_alert_waits_and_goes_once(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        faults = Faults()
        faults.flooded[FOLLOWER] = 1
        bot.api.fault = faults
        await _publish(bot, reports, "b.txt", _seed_bytes(reports) + b"\n")
        assert len(_alerts(bot, FOLLOWER)) == 1
        assert faults.answered[429] == 1
        [row] = rows(bot.config.database, "SELECT state, error FROM alerts")
        assert row["state"] == "sent" and row["error"].startswith("429")


async def test_unfollow_stops_alerts_even_those_already_queued(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        await bot.say("/follow 赣服通", chat_id=FOLLOWER)
        (reports / "b.txt").write_bytes(_seed_bytes(reports) + b"\n")
        queued = bot.pusher.library.reload()  # the library lists it, as the watcher would
        await bot.pusher.announce(queued)  # queued, not yet sent: no round started
        listing = await bot.say("/unfollow", chat_id=FOLLOWER)
        assert "• 营商环境\n• 赣服通" in listing.params["text"]
        buttons = [b for row in listing.params["reply_markup"]["inline_keyboard"] for b in row]
        assert [b["text"] for b in buttons] == ["取消“营商环境”", "取消“赣服通”"]
        seen = len(bot.api.calls)
        bot.api.tap(listing.result, buttons[1]["callback_data"], user_id=FOLLOWER)
        edited = await bot.api.wait_for(
            lambda c: c.method == "editMessageText" and c in bot.api.calls[seen:]
        )
        assert edited.params["text"].startswith("已取消关注“赣服通”")
        reply = await bot.say("/unfollow 营商环境", chat_id=FOLLOWER)
        assert reply.params["text"].startswith("已取消关注“营商环境”")
        await bot.push_round()
        assert _alerts(bot, FOLLOWER) == []
        assert rows(bot.config.database, "SELECT * FROM follows") == []
        states = [r["state"] for r in rows(bot.config.database, "SELECT state FROM alerts")]
        assert states == ["superseded", "superseded"]  # dropped unsent by the round


async def test_follow_lists_limits_escapes_and_shows_in_subscriptions(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        reply = await bot.say("/follow <复议> & 行政", chat_id=FOLLOWER)
        assert reply.params["text"].startswith("已关注“&lt;复议&gt; &amp; 行政”")
        again = await bot.say("/follow 行政，复议", chat_id=FOLLOWER)
        assert again.params["text"].startswith("本聊天已经在关注“行政，复议”")
        bad = await bot.say("/follow 水", chat_id=FOLLOWER)
        assert "太短了" in bad.params["text"]
        listing = await bot.say("/follow", chat_id=FOLLOWER)
        assert "• &lt;复议&gt; &amp; 行政" in listing.params["text"]
        subs = await bot.say("/subscriptions", chat_id=FOLLOWER)
        assert subs.params["text"].startswith("本聊天没有订阅。")
        assert "关注的词（新报告提到时提醒）：\n• &lt;复议&gt; &amp; 行政" in subs.params["text"]
        for n in range(19):
            await bot.say(f"/follow 词语{n:02d}", chat_id=FOLLOWER)
        full = await bot.say("/follow 再来一个", chat_id=FOLLOWER)
        assert "到上限了" in full.params["text"]
        [(count,)] = [tuple(r) for r in rows(bot.config.database, "SELECT count(*) FROM follows")]
        assert count == 20
        await _publish(bot, reports, "b.txt", _seed_bytes(reports) + b"\n")
        [alert] = _alerts(bot, FOLLOWER)
        assert alert.startswith("🔔 关注“&lt;复议&gt; &amp; 行政”")


async def test_in_a_group_only_admins_follow(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        bot.api.group_admins[GROUP] = {ADMIN}
        refused = await bot.say("/follow 营商环境", chat_id=GROUP, user_id=MEMBER,
                                chat_type="supergroup")  # fmt: skip
        assert refused.params["text"] == CHINESE("common.admins_only")
        done = await bot.say("/follow 营商环境", chat_id=GROUP, user_id=ADMIN,
                             chat_type="supergroup")  # fmt: skip
        assert done.params["text"].startswith("已关注")
        listed = await bot.say("/follow", chat_id=GROUP, user_id=MEMBER, chat_type="supergroup")
        assert "• 营商环境" in listed.params["text"]


async def test_a_corrected_republication_is_announced_as_updated(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    original = _seed_bytes(reports) + b"\n"
    assert "疫情防控营商环境".encode() in original
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        await bot.say("/subscribe", chat_id=OTHER)
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        await bot.say("/follow 赣服通", chat_id=LATE)
        await _publish(bot, reports, "b.txt", original)
        assert len(_alerts(bot, FOLLOWER)) == len(_alerts(bot, LATE)) == 1
        # The publisher corrects one sentence: the corrected file replaces the old one.
        corrected = original.replace("疫情防控营商环境".encode(), "疫情防控期间的营商环境".encode())
        (reports / "b.txt").unlink()
        (reports / "b2.txt").write_bytes(corrected)
        new = await state_of(bot.app).briefer.reload()
        assert len(new) == 1
        await bot.pusher.announce(new, updated=True)
        await bot.push_round()
        news = [t for t in bot.texts(OTHER) if "报告" in t.split("\n")[0]]
        assert news[-1].startswith(f"🔄 报告已更正重发：<b>{TITLE}</b>")
        assert len(_alerts(bot, LATE)) == 1  # its sentences did not change: no news to it
        first, second = _alerts(bot, FOLLOWER)
        assert first.startswith("🔔 关注“营商环境”：新报告")
        assert second.startswith(f"🔔 关注“营商环境”：报告<b>《{TITLE}》</b>已更正重发")
        assert "疫情防控期间的<b>营商环境</b>" in second


async def test_an_alert_left_in_flight_by_a_dead_process_goes_after_the_restart(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        await _settled(bot)
        await bot.say("/follow 营商环境", chat_id=FOLLOWER)
        (reports / "b.txt").write_bytes(_seed_bytes(reports) + b"\n")
        await bot.pusher.announce(bot.pusher.library.reload())
        follows = state_of(bot.app).follows
        [pending] = await follows.pending((0, ""), 10)
        # A sender claims it (holding the push lock, as a round does), and its process dies
        # before the outcome is written.
        assert await state_of(bot.app).stores.database.lock_pushes()
        assert await follows.claim(pending.follow_id, pending.slot, clock())
        assert not await follows.claim(pending.follow_id, pending.slot, clock())
    async with push_bot(tmp_path, clock, database=database, reports=reports) as again:
        await _settled(again)
        assert len(_alerts(again, FOLLOWER)) == 1
        [row] = rows(again.config.database, "SELECT state, error FROM alerts")
        assert tuple(row) == ("sent", "interrupted: outcome unknown")


async def test_follows_move_with_a_group_that_becomes_a_supergroup(
    tmp_path: Path, database: Path | str, clock: Clock, reports: Path
):
    async with push_bot(tmp_path, clock, database=database, reports=reports) as bot:
        old, new = -4001, -1004001
        await bot.say("/follow 营商环境", chat_id=old, chat_type="group")
        await bot.say("/follow 赣服通", chat_id=old, chat_type="group")
        await bot.say("/follow 营商环境", chat_id=new, chat_type="supergroup")
        await state_of(bot.app).stores.migrate_chat(old, new)
        moved = [(f.chat_id, f.words) for f in await state_of(bot.app).follows.everyone()]
        assert sorted(moved) == [(new, "营商环境"), (new, "赣服通")]


async def test_words_with_control_characters_are_refused_and_never_stored(
    tmp_path: Path, database: Path | str, clock: Clock
):
    async with push_bot(tmp_path, clock, database=database) as bot:
        for said in ("/follow 营商\x00环境", "/follow 营商环境\x1b[2J", "/search 营商\x07环境"):
            reply = await bot.say(said, chat_id=FOLLOWER)
            assert reply.params["text"] == CHINESE("common.control_characters")
        assert rows(bot.config.database, "SELECT * FROM follows") == []
        kept = await bot.say("/follow 营商环境\n法治", chat_id=FOLLOWER)  # lines are words
        assert kept.params["text"].startswith("已关注")
