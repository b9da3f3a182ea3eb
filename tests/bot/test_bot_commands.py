"""Every command end to end: the real PTB bot polling FakeBotApi over HTTP."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import SEED as SEED_FILE
from bot.app import build_application, running
from bot.commands import COMMANDS
from bot.handlers import common
from bot.handlers.guard import MAX_ARGUMENT_CHARS
from bot.local.answered import Turns
from bot.state import state_of
from briefings.derive import brief
from briefings.model import Metric
from briefings.parse import parse_file
from briefings.text import sentences
from tests.kits.botkit import GROUP, Chat, buttons, make_config, open_chat, visible

SEED_BRIEFING = brief(parse_file(SEED_FILE))
SEED = SEED_BRIEFING.report


async def test_start_shows_the_report_and_its_buttons(chat: Chat) -> None:
    calls = await chat.send("/start")
    text = visible(calls)
    assert "关于南昌市2020年度法治政府建设工作的报告" in text
    assert "东湖区人民政府" in text and "2021-02-28" in text
    labels = [label for label, _ in _buttons(calls)]
    assert labels == ["摘要", "目录", "关键数据", "工作计划", "存在问题", "订阅"]


async def test_help_lists_every_command_with_an_example(chat: Chat) -> None:
    text = await chat.text("/help")
    for command in COMMANDS:
        assert f"/{command.name} —" in text
    for name in ("subscribe", "unsubscribe", "subscriptions", "timezone", "push_now", "stats",
                 "reload", "card"):  # fmt: skip
        assert f"/{name}" in text
    assert "例：/summary 1.3" in text


async def test_set_my_commands_has_chinese_descriptions(chat: Chat) -> None:
    (call,) = [c for c in chat.api.sent("setMyCommands") if "language_code" not in c.params]
    described = {c["command"]: c["description"] for c in call.params["commands"]}
    assert described["summary"] == "报告概要，或某一部分的摘要"
    assert "push_now" not in described  # admin commands stay out of everyone's menu


async def test_summary_without_argument_fits_one_phone_screen(chat: Chat) -> None:
    (reply,) = [c for c in await chat.send("/summary") if c.method == "sendMessage"]
    lines = visible([reply]).splitlines()
    assert lines[:4] == [
        "关于南昌市2020年度法治政府建设工作的报告",
        "东湖区人民政府 · 2021-02-28",
        "",
        "关键数据（2020年）",
    ]
    # The year's figures lead; rankings and streaks (名列第一, 连续三年) are no headline.
    figures = [line for line in lines if line.startswith("• ")]
    assert 2 <= len(figures) <= 5 and figures[0] == "• 819项 赣服通接入事项"
    assert not any("连续" in line or "名列" in line for line in figures)
    # No target in this report: a sentence quoted from it says what the year was about.
    said = lines[lines.index("", 4) + 1 : lines.index("工作计划 7 项：/plan")]
    said = [line for line in said if line]
    assert 1 <= len(said) <= 2
    assert all(s in SEED.body_text() and s in SEED_BRIEFING.summary and len(s) >= 20 for s in said)
    # The plan, one short line per item for the first three.
    plan = lines[lines.index("工作计划 7 项：/plan") + 1 :][:3]
    assert [line[:3] for line in plan] == ["1. ", "2. ", "3. "]
    assert all(len(line) <= 30 for line in plan)
    assert plan[0].startswith("1. 抓好《法治政府建设规划")
    assert lines[-2:] == ["存在问题 3 项：/problems", "完整概要：/summary full"]
    assert "主要部分" not in lines and len(lines) <= 18 and sum(map(len, lines)) < 400
    assert buttons(reply) == [("完整概要", f"sum:{SEED.digest[:12]}:")]


async def test_summary_full_and_its_button_give_the_long_overview(chat: Chat) -> None:
    full = await chat.text("/summary full")
    assert full.startswith("关于南昌市2020年度法治政府建设工作的报告\n发布机构：东湖区人民政府")
    assert "2020年,我市坚持以习近平新时代中国特色社会主义思想为指导" in full
    assert "1 一、主要举措和成效" in full and "3 三、2021年工作思路" in full
    assert len(full.splitlines()) > 30  # every sentence of the briefing's summary
    (short,) = [c for c in await chat.send("/summary") if c.method == "sendMessage"]
    tapped = await chat.tap(short, f"sum:{SEED.digest[:12]}:")
    assert visible([c for c in tapped if c.method == "sendMessage"]) == full


@pytest.mark.parametrize(
    ("argument", "heading"),
    [("1.3", "1.3 (三)坚持依法履职,持续优化法治化营商环境"), ("3", "3 三、2021年工作思路")],
)
async def test_summary_of_one_section_names_it(chat: Chat, argument: str, heading: str) -> None:
    text = await chat.text(f"/summary {argument}")
    assert text.startswith(heading)
    section = SEED.find(argument)
    body = SEED_BRIEFING.section(section.id).summary or section.full_text()
    assert text.splitlines()[2][:20] in body  # a verbatim quote of the section


async def test_summary_of_a_missing_section_points_to_the_contents(chat: Chat) -> None:
    assert await chat.text("/summary 9.9") == "没有找到第 9.9 部分。发送 /sections 查看目录。"


async def test_sections_buttons_edit_the_same_message(chat: Chat) -> None:
    (toc,) = await chat.send("/sections")
    assert _buttons([toc])[0][0] == "1 主要举措和成效"
    data = dict(_buttons([toc]))["2 存在的问题"]
    assert len(data.encode()) <= 64
    calls = await chat.tap(toc, data)
    edit = next(c for c in calls if c.method == "editMessageText")
    assert int(edit.params["message_id"]) == toc.result["message_id"]
    assert visible([edit]).startswith("2 二、存在的问题")
    assert [label for label, _ in _buttons([edit])][-3:] == ["◀", "▶", "返回目录"]
    forward = await chat.tap(edit, dict(_buttons([edit]))["▶"])
    assert visible(forward).startswith("2.1 一是依法行政水平还需加强")
    back = await chat.tap(edit, dict(_buttons([edit]))["返回目录"])
    assert visible(back).startswith("目录")
    assert all(int(c.params["message_id"]) == toc.result["message_id"] for c in forward + back
               if c.method == "editMessageText")  # fmt: skip


@pytest.mark.parametrize(
    "data", ["sec:ffffffffffff:1", "sec:{digest}:9.9.9", "garbage", "met:{digest}:x"]
)
async def test_a_stale_or_forged_button_gets_a_polite_answer(chat: Chat, data: str) -> None:
    (toc,) = await chat.send("/sections")
    calls = await chat.tap(toc, data.format(digest=SEED.digest[:12]))
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "请重新发送" in answer.params["text"]
    assert not [c for c in calls if c.method in {"sendMessage", "editMessageText"}]


async def test_start_buttons_open_each_view(chat: Chat) -> None:
    (start,) = await chat.send("/start")
    menu = dict(_buttons([start]))
    assert visible(await chat.tap(start, menu["工作计划"])).startswith("2021年工作计划")
    assert visible(await chat.tap(start, menu["存在问题"])).startswith("存在的问题")
    assert visible(await chat.tap(start, menu["目录"])).startswith("目录")


async def test_the_subscribe_button_offers_times_and_a_tap_subscribes(chat: Chat) -> None:
    (start,) = await chat.send("/start")
    (offer,) = [c for c in await chat.tap(start, dict(_buttons([start]))["订阅"]) if buttons(c)]
    assert (
        offer.params["text"].startswith("每天几点推送简报？")
        and "/subscribe" in offer.params["text"]
    )
    times = dict(buttons(offer))
    assert list(times) == ["07:00", "08:00", "12:00", "18:00", "21:00"]
    subscribed = visible(await chat.tap(offer, times["18:00"]))
    assert subscribed.startswith("订阅成功") and "每天 18:00" in subscribed
    assert "每天 18:00" in await chat.text("/subscriptions")


async def test_plan_is_numbered_under_its_year(chat: Chat) -> None:
    lines = (await chat.text("/plan")).splitlines()
    assert lines[0].startswith("2021年工作计划")
    items = [line for line in lines if re.match(r"\d+\. ", line)]
    assert len(items) == 7
    assert items[0].startswith("1. 抓好《法治政府建设规划")


async def test_problems_are_numbered(chat: Chat) -> None:
    lines = (await chat.text("/problems")).splitlines()
    assert lines[0].startswith("存在的问题")
    assert lines[1:] == [
        "1. 依法行政水平还需加强",
        "2. 执法规范化程度亟需提高",
        "3. 法治队伍建设有待加强",
    ]


async def test_metrics_shows_the_key_figures(chat: Chat) -> None:
    text = await chat.text("/metrics")
    assert "819项" in text and "231万人" in text
    assert "（1.2.1）" in text


async def test_metrics_with_a_word_filters(chat: Chat) -> None:
    text = await chat.text("/metrics 信用")
    assert text.startswith("含“信用”的数据")
    assert "819项" not in text


async def test_metrics_all_pages_with_buttons(chat: Chat) -> None:
    (first,) = await chat.send("/metrics all")
    assert "全部数据（第 1/" in visible([first])
    pages = dict(_buttons([first]))
    if "▶" in pages:
        calls = await chat.tap(first, pages["▶"])
        assert "全部数据（第 2/" in visible(calls)


async def test_metrics_with_an_unknown_word_says_so(chat: Chat) -> None:
    assert "没有找到含“火星基地”的数据" in await chat.text("/metrics 火星基地")


async def test_html_in_arguments_is_escaped(chat: Chat) -> None:
    (reply,) = await chat.send("/summary <b>x</b>&")
    assert "&lt;b&gt;x&lt;/b&gt;&amp;" in reply.params["text"]
    assert visible([reply]) == "没有找到第 <b>x</b>& 部分。发送 /sections 查看目录。"


async def test_overlong_arguments_are_refused(chat: Chat) -> None:
    text = await chat.text("/summary " + "长" * (MAX_ARGUMENT_CHARS + 1))
    assert (
        text == f"内容太长了（{MAX_ARGUMENT_CHARS + 1} 字），请控制在 {MAX_ARGUMENT_CHARS} 字以内。"
    )


async def test_unknown_commands_get_a_hint(chat: Chat) -> None:
    assert await chat.text("/frobnicate") == "没有 /frobnicate 这个命令。发送 /help 查看全部命令。"


async def test_a_mistyped_command_is_answered_with_the_one_meant(chat: Chat) -> None:
    assert await chat.text("/sumary") == (
        "没有 /sumary 这个命令。你是想用 /summary 吗？发送 /help 查看全部命令。"
    )
    assert "你是想用 /metrics 吗" in await chat.text("/metric")


async def test_commands_addressed_to_this_bot_work_in_groups(chat: Chat) -> None:
    text = await chat.text("/plan@briefing_bot", chat_id=GROUP, chat_type="supergroup")
    assert text.startswith("2021年工作计划")
    assert await chat.text("/plan@other_bot", chat_id=GROUP, chat_type="supergroup") == ""
    assert await chat.text("/frobnicate", chat_id=GROUP, chat_type="supergroup") == ""
    assert "没有 /frobnicate" in await chat.text(
        "/frobnicate@briefing_bot", chat_id=GROUP, chat_type="supergroup"
    )


async def test_reports_and_use(chat: Chat) -> None:
    text = await chat.text("/reports")
    assert "1. 关于南昌市2020年度法治政府建设工作的报告 ✅" in text
    assert await chat.text("/use 1") == "已切换到：关于南昌市2020年度法治政府建设工作的报告"
    assert "请发送 /use 加报告编号（1–1）" in await chat.text("/use 7")


async def test_search_without_words_explains(chat: Chat) -> None:
    assert "例如：/search 营商环境" in await chat.text("/search")


def _buttons(calls: list) -> list[tuple[str, str]]:
    return [pair for call in calls for pair in buttons(call)]


def _figure(n: int, raw: str, label: str, key: bool) -> Metric:
    sentence = next(s for s in sentences(SEED.find("1.2.1").text) if raw in s)
    return Metric(f"m{n}", "1.2.1", raw, float(n), raw[-1], "", label, sentence, key)


async def test_metrics_views_render_the_figures_they_are_given(chat: Chat) -> None:
    """The /metrics views over hand-made figures, until the extractor supplies real ones."""
    library = state_of(chat.application).library
    briefing = library.briefing(library.reports[0].digest)
    assert briefing is not None
    metrics = [_figure(1, "819项", "全市接入事项", True)] + [
        _figure(n, "231万人", f"累计注册用户{n}", False) for n in range(2, 40)
    ]
    library.add_briefings([replace(briefing, metrics=tuple(metrics))])
    key = await chat.text("/metrics")
    assert key == "关键数据\n• 819项 全市接入事项（1.2.1）"
    assert (await chat.text("/metrics 注册用户3")).startswith("含“注册用户3”的数据\n• 231万人")
    (first,) = await chat.send("/metrics all")
    assert visible([first]).startswith("全部数据（第 1/3 页）")
    assert visible([first]).count("•") == 15
    second = await chat.tap(first, dict(_buttons([first]))["▶"])
    assert visible(second).startswith("全部数据（第 2/3 页）")
    assert [label for label, _ in _buttons(second)] == ["◀", "2/3", "▶"]


async def test_the_chosen_report_is_remembered_across_restarts(
    api: FakeBotApi, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    text = SEED_FILE.read_text(encoding="utf-8")
    (folder / "a_2020.txt").write_text(text, encoding="utf-8")
    older = text.replace("2020", "2019").replace("2021", "2020")  # the year before's report
    (folder / "b_2019.txt").write_text(older, encoding="utf-8")
    config = make_config(tmp_path, reports_dir=folder)
    async with open_chat(api, config) as chat:
        assert (await chat.text("/plan")).startswith("2021年工作计划")  # the newest by default
        assert await chat.text("/use 2") == "已切换到：关于南昌市2019年度法治政府建设工作的报告"
    async with open_chat(api, config) as chat:
        assert (await chat.text("/plan")).startswith("2020年工作计划")


async def test_figures_asked_for_right_after_a_cold_start_are_waited_for(
    api: FakeBotApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no cache, figures are computed in the background after start (a worker process
    loading jieba: seconds); a /metrics sent at once gets them then, not "try again later"."""
    # A command waits ENRICHMENT_WAIT for its briefing. On a loaded machine loading jieba
    # alone can take longer: the wait is stretched so that only a wrong answer fails.
    monkeypatch.setattr(common, "ENRICHMENT_WAIT", 120.0)
    config = make_config(tmp_path, cache_dir=str(tmp_path / "cold-cache"))
    application = build_application(replace(config, token=api.token, base_url=api.base_url))
    turns = Turns().install(application)
    async with running(application, poll_timeout=1):
        chat = Chat(api, application, turns)
        chat.timeout = 130.0
        text = await chat.text("/metrics")
    assert "819项" in text and "231万人" in text
    assert "整理中" not in text


async def test_metrics_takes_an_indicator_by_any_of_its_names(chat: Chat) -> None:
    """/metrics GDP finds the growth rate labelled 地区生产总值增长, which never says GDP, with
    its bound shown: the figure measures the gdp_growth indicator."""
    library = state_of(chat.application).library
    briefing = library.briefing(library.reports[0].digest)
    assert briefing is not None
    growth = replace(
        _figure(1, "819项", "地区生产总值增长", True),
        raw="5%",
        unit="%",
        bound="at_most",
        indicator="gdp_growth",
    )
    other = _figure(2, "231万人", "累计注册用户", False)
    library.add_briefings([replace(briefing, metrics=(growth, other))])
    for name in ("GDP", "经济增长"):
        text = await chat.text(f"/metrics {name}")
        assert text == f"含“{name}”的数据\n• ≤5% 地区生产总值增长（1.2.1）", text


async def test_card_without_a_chinese_font_says_how_to_get_one(chat: Chat, tmp_path: Path) -> None:
    # A machine whose only font cannot be found: as the README's first command leaves it.
    state_of(chat.application).cards.font_path = str(tmp_path / "no-such-font.ttc")
    calls = await chat.send("/card")
    assert not [c for c in calls if c.method == "sendPhoto"]
    assert visible(calls) == (
        "服务器缺少中文字体，暂时无法生成图片。请管理员安装 fonts-noto-cjk 或 fonts-wqy-microhei。"
    )
