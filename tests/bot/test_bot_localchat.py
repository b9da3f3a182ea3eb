"""The terminal chat: no token, same handlers, buttons chosen by number or label; at a terminal
lines are edited with readline and kept in a history; photos are saved to files; pushes and
announcements are shown as they arrive; the README's sample chat is a real run."""

from __future__ import annotations

import os
import shutil
import signal
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from bench.kits.paths import SEED
from bot.local.bot_api import Call
from bot.local.chat import HISTORY_FILE, HISTORY_LENGTH, Buttons, Photos, show
from bot.local.plain_text import plain
from bot.present.card import FontNotFoundError, find_font
from tests.kits import readme_chat
from tests.kits.terminal import Terminal, run_script, run_script_with_errors, write_config

MARKUP = {"inline_keyboard": [[{"text": "摘要", "callback_data": "menu::summary"},
                               {"text": "目录", "callback_data": "menu::toc"}]]}  # fmt: skip
PLAN = "2021年工作计划（第 3 部分）\n1. 抓好《法治政府建设规划"
PROBLEMS = "1. 依法行政水平还需加强"
UP, LEFT = "\x1b[A", "\x1b[D"


def _has_font() -> bool:
    try:
        find_font()
    except FontNotFoundError:
        return False
    return True


needs_font = pytest.mark.skipif(not _has_font(), reason="no CJK font installed")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def config(tmp_path: Path, cache: Path) -> Path:
    return write_config(tmp_path, cache_dir=str(cache))


@pytest.fixture
def terminal(config: Path) -> Iterator[Terminal]:
    chat = Terminal(config)
    yield chat
    chat.close()


# -- piped input: a script ------------------------------------------------------------------
def test_the_chat_answers_and_quits(config: Path) -> None:
    out = run_script(config, ["/plan", "/start", "2", "/quit", "/help"])
    assert "设置 TELEGRAM_BOT_TOKEN" in out
    assert PLAN in out
    assert "[1 摘要] [2 目录] [3 关键数据]" in out
    assert "目录 · 关于南昌市2020年度法治政府建设工作的报告" in out  # button 2 was tapped
    assert "政务简报 · 命令" not in out  # nothing after /quit


def test_log_lines_go_to_a_file_not_into_the_chat(tmp_path: Path, cache: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / SEED.name)
    (reports / "notes.txt").write_text("会议纪要：无。\n", encoding="utf-8")  # no report: skipped
    config = write_config(tmp_path, reports, str(cache))
    out, errors = run_script_with_errors(config, ["/plan"])
    assert PLAN in out
    assert "WARNING" not in out + errors and "skipped" not in out + errors
    assert "notes.txt" in (tmp_path / "data" / "chat.log").read_text(encoding="utf-8")


def test_the_chat_ends_at_end_of_input(config: Path) -> None:
    assert PROBLEMS in run_script(config, ["/problems"])


def test_a_script_waits_for_the_figures_instead_of_saying_later(tmp_path: Path) -> None:
    config = write_config(tmp_path)  # a cold cache of its own: jieba loads first
    out = run_script(config, ["/metrics 赣服通", "/search 信用"])
    assert "819项 赣服通接入事项（1.2.1）" in out
    assert "搜索“信用” 共 3 条" in out
    assert "请稍后再试" not in out


@needs_font
def test_a_card_is_saved_to_a_file_whose_path_is_shown(config: Path, cache: Path) -> None:
    out = run_script(config, ["/card", "/card"])
    shown = [line for line in out.splitlines() if line.startswith("〔图片〕")]
    assert len(shown) == 2 and shown[0] == shown[1]  # the second is re-sent by file_id
    path = config.parent / shown[0].removeprefix("〔图片〕")
    assert path.parent == cache / "cards"
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width == 1080
    assert "关键数据 15 项 · 工作计划 7 项" in out  # the caption under it


def test_pushes_and_announcements_are_shown_as_they_arrive(tmp_path: Path, cache: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports)
    chat = Terminal(write_config(tmp_path, reports, str(cache)), tty=False)
    try:
        chat.send("/subscribe 08:00\n")
        chat.expect("订阅成功！")
        # the local user is the bot's admin; a round the bot runs at start (slow on a busy
        # machine) may still hold the push: the reply says so, and a later try starts one
        for _ in range(40):
            chat.send("/push_now\n")
            said, _ = chat.expect_any("已开始向 1 个订阅推送简报", "推送正在进行中")
            if said != "推送正在进行中":
                break
            time.sleep(0.5)
        chat.expect("📖 关于南昌市2020年度法治政府建设工作的报告 · 第 1/12 篇")  # no line sent
        text = SEED.read_text(encoding="utf-8")
        (reports / "revised.txt").write_text(text.replace("2020年,我市", "2020年,全市"), "utf-8")
        chat.send("/reload\n")
        chat.expect("新增 1 份")
        chat.expect("🆕 新报告")
        chat.send("/quit\n")
        assert chat.wait() == 0
    finally:
        chat.close()


# -- at a terminal: readline -------------------------------------------------------------------
def test_a_line_is_edited_and_recalled_with_the_arrow_keys(terminal: Terminal) -> None:
    terminal.expect("你> ")
    terminal.send("/prblems" + LEFT * 5 + "o\r")  # the arrow moves the cursor: /problems
    terminal.expect(PROBLEMS)
    terminal.expect("你> ")  # keys typed before readline reads them would be echoed raw
    terminal.send(UP + "\r")  # the last line again
    terminal.expect(PROBLEMS)
    terminal.expect("你> ")
    assert "[D" not in terminal.output and "[A" not in terminal.output
    terminal.send("\x04")  # Ctrl-D at an empty line ends the chat
    assert terminal.wait() == 0


def test_the_history_is_kept_bounded_across_sessions(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    history = tmp_path / "data" / "cache" / HISTORY_FILE
    history.parent.mkdir(parents=True)
    history.write_text("".join(f"/search 旧{n}\n" for n in range(HISTORY_LENGTH + 500)))
    first = Terminal(config)
    try:
        first.expect("你> ")
        first.send("/plan\r")
        first.expect(PLAN)
        first.send("/quit\r")
        assert first.wait() == 0
    finally:
        first.close()
    kept = history.read_text().splitlines()
    assert len(kept) <= HISTORY_LENGTH and kept[-2:] == ["/plan", "/quit"]
    second = Terminal(config)
    try:
        second.expect("你> ")
        second.send(UP + UP + "\r")  # /quit, then /plan from the last session
        second.expect(PLAN)
    finally:
        second.close()


def test_ctrl_c_ends_the_chat_and_gives_the_terminal_back(terminal: Terminal) -> None:
    terminal.expect("你> ")
    terminal.send("/pla")  # readline holds the terminal, mid-line
    terminal.expect("/pla")
    os.kill(terminal.process.pid, signal.SIGINT)
    assert terminal.wait() == 0
    assert "Traceback" not in terminal.output
    assert terminal.slave is not None
    lflag = termios.tcgetattr(terminal.slave)[3]
    assert lflag & termios.ECHO and lflag & termios.ICANON  # echo and line mode again


def test_a_push_at_a_terminal_leaves_the_typed_line_usable(terminal: Terminal) -> None:
    terminal.expect("你> ")
    terminal.send("/subscribe 08:00\r")
    terminal.expect("订阅成功！")
    terminal.expect("你> ")
    # The start-up round may still be running (it waits for the seed's first briefing, seconds
    # on a busy machine): /push_now then says so, and is asked again once it ends.
    for _ in range(30):
        terminal.send("/push_now\r")
        said = terminal.expect_any("已开始向 1 个订阅推送简报", "推送正在进行中")[0]
        if said.startswith("已开始"):
            break
        terminal.expect("你> ")
        time.sleep(1.0)
    else:
        raise AssertionError("a push was in progress for 30 s")
    terminal.send("/pl")  # typing while the push arrives
    terminal.expect("📖")
    terminal.expect("你> /pl")  # drawn again under the push (or typed after it)
    terminal.send("an\r")
    terminal.expect(PLAN)


# -- the README ----------------------------------------------------------------------------
def test_the_readme_sample_chat_is_a_real_run_with_the_short_summary() -> None:
    block = readme_chat.sample(readme_chat.README.read_text(encoding="utf-8"))
    lines = readme_chat.inputs(block)
    assert lines == readme_chat.NEWCOMER
    assert block == readme_chat.transcript(lines)
    assert "请稍后再试" not in block
    summary = block[block.index("你> /summary") : block.index("你> /problems")]
    assert "关键数据（2020年）" in summary and "工作计划 7 项：/plan\n1. " in summary
    assert len(summary.strip().splitlines()) <= 20


# -- pieces --------------------------------------------------------------------------------
def test_plain_drops_tags_and_unescapes() -> None:
    assert plain('<b>粗</b> &lt;x&gt; <a href="https://e.org/?a=1&amp;b=2">链接</a>') == (
        "粗 <x> 链接 (https://e.org/?a=1&b=2)"
    )


def test_buttons_are_listed_and_chosen_by_number_or_label() -> None:
    buttons = Buttons()
    params = {"text": "<b>简报</b>", "parse_mode": "HTML", "reply_markup": MARKUP}
    call = Call("sendMessage", params, {"message_id": 5})
    assert show(call, buttons) == "简报\n[1 摘要] [2 目录]"
    assert buttons.chosen("2") == buttons.chosen("目录") == "menu::toc"
    assert buttons.chosen("/help") is None


def test_text_sent_without_html_is_shown_as_sent() -> None:
    call = Call("sendMessage", {"text": "a &lt; b <i>"})
    assert show(call, Buttons()) == "a &lt; b <i>"


def test_a_photo_is_saved_once_and_found_again_by_its_file_id(tmp_path: Path) -> None:
    photos = Photos(tmp_path / "cards", {"photo1": b"\x89PNG-1"})
    first = show(Call("sendPhoto", {"photo": b"\x89PNG-1", "caption": "标题"}), Buttons(), photos)
    again = show(Call("sendPhoto", {"photo": "photo1"}), Buttons(), photos)
    path = first.splitlines()[0].removeprefix("〔图片〕")
    assert first.endswith("\n标题") and again == f"〔图片〕{path}"
    assert Path(path).read_bytes() == b"\x89PNG-1"
    unknown = show(Call("sendPhoto", {"photo": "elsewhere"}), Buttons(), photos)
    assert unknown == "〔图片〕（未能保存）"
