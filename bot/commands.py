"""The one table of commands: it registers their handlers, writes /help and Telegram's command
menu, and gates the admin ones to `config.admins` (a refusal for everyone else).

The table is the only place a CommandHandler is made, so a command cannot answer without being
in /help, nor be in /help without answering (tests/test_command_table.py holds both ways).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import Application, CommandHandler, filters

from .config import Config
from .handlers import (
    browse,
    card,
    errors,
    fallback,
    figures,
    guard,
    items,
    push,
    reports,
    search,
    sources,
    start,
)
from .reply import send_html

Callback = Callable[[Update, Any], Awaitable[None]]
REFUSAL = "抱歉，这个命令只有管理员可以使用。"


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    example: str
    callback: Callback
    admin: bool = False
    # Waits on a worker, a thread or a round of sends: other chats' updates need not wait too.
    slow: bool = False


async def help_command(update: Update, context: Any) -> None:
    await send_html(update, context, help_text())


async def refuse(update: Update, context: Any) -> None:
    await update.effective_message.reply_text(REFUSAL)


COMMANDS: tuple[Command, ...] = (
    Command("start", "报告简介与快捷按钮", "/start", start.start),
    Command("help", "全部命令及示例", "/help", help_command),
    Command("summary", "报告概要，或某一部分的摘要", "/summary 1.3", browse.summary),
    Command("sections", "目录（按钮浏览各部分）", "/sections", browse.sections),
    Command(
        "metrics", "关键数据；可按词筛选，all 翻看全部", "/metrics 人口", figures.metrics, slow=True
    ),
    Command("plan", "下一年工作计划", "/plan", items.plan),
    Command("problems", "报告承认的问题", "/problems", items.problems),
    Command("search", "在报告中搜索句子", "/search 营商环境", search.search, slow=True),
    Command("reports", "已载入的全部报告", "/reports", reports.reports),
    Command("use", "选择本会话使用的报告", "/use 2", reports.use),
    Command("card", "生成报告摘要图片", "/card", card.card, slow=True),
    Command("subscribe", "订阅简报推送", "/subscribe 08:00", push.subscribe),
    Command("unsubscribe", "取消订阅", "/unsubscribe", push.unsubscribe),
    Command("subscriptions", "查看本会话的订阅", "/subscriptions", push.subscriptions),
    Command("timezone", "设置推送时区", "/timezone Asia/Shanghai", push.timezone),
    Command("push_now", "立即推送简报（管理员）", "/push_now", push.push_now, admin=True),
    Command("stats", "运行统计（管理员）", "/stats", push.stats, admin=True),
    Command("reload", "重新载入报告文件夹（管理员）", "/reload", push.reload, admin=True),
    Command(
        "add",
        "抓取一篇报告并简报（管理员）",
        "/add https://www.example.gov.cn/art/1.html",
        sources.add,
        admin=True,
        slow=True,
    ),
    Command("sources", "信息源及抓取状态（管理员）", "/sources", sources.sources, admin=True),
)


def menu_commands() -> list[BotCommand]:
    """The commands shown in Telegram's menu: everyone's, not the admins'."""
    return [BotCommand(c.name, c.description) for c in COMMANDS if not c.admin]


def help_text() -> str:
    lines = ["<b>政务简报 · 命令</b>"]
    for command in COMMANDS:
        lines.append(
            f"/{command.name} — {escape(command.description)}\n　例：<code>{escape(command.example)}</code>"
        )
    lines.append("\n私聊时直接发送文字即可搜索。")
    return "\n".join(lines)


def command_handlers(config: Config) -> list[CommandHandler]:
    """A handler per command, admin ones for `config.admins` only; then the refusal that
    answers an admin command from anyone else."""
    admins = filters.UpdateType.MESSAGES & filters.User(user_id=config.admins)
    handlers = [
        CommandHandler(c.name, c.callback, filters=admins if c.admin else None, block=not c.slow)
        for c in COMMANDS
    ]
    handlers.append(CommandHandler([c.name for c in COMMANDS if c.admin], refuse))
    return handlers


def register(application: Application, config: Config) -> None:
    """Every handler, in the order they must match: PTB gives an update to the first handler
    of its group that takes it. The guard refuses overlong input before anything reads it;
    the fallbacks take only what nothing else took."""
    application.add_handlers(guard.handlers())
    application.add_handlers(command_handlers(config))
    for module in (start, browse, figures, search, push):
        application.add_handlers(module.handlers())
    application.add_handlers(fallback.handlers())
    application.add_error_handler(errors.on_error)
