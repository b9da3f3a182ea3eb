"""Every command the bot understands, described once for /help and Telegram's command menu."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from telegram import BotCommand


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    example: str
    admin: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("start", "报告简介与快捷按钮", "/start"),
    Command("help", "全部命令及示例", "/help"),
    Command("summary", "报告概要，或某一部分的摘要", "/summary 1.3"),
    Command("sections", "目录（按钮浏览各部分）", "/sections"),
    Command("metrics", "关键数据；可按词筛选，all 翻看全部", "/metrics 人口"),
    Command("plan", "下一年工作计划", "/plan"),
    Command("problems", "报告承认的问题", "/problems"),
    Command("search", "在报告中搜索句子", "/search 营商环境"),
    Command("reports", "已载入的全部报告", "/reports"),
    Command("use", "选择本会话使用的报告", "/use 2"),
    Command("card", "生成报告摘要图片", "/card"),
    Command("subscribe", "订阅简报推送", "/subscribe 08:00"),
    Command("unsubscribe", "取消订阅", "/unsubscribe"),
    Command("subscriptions", "查看本会话的订阅", "/subscriptions"),
    Command("timezone", "设置推送时区", "/timezone Asia/Shanghai"),
    Command("push_now", "立即推送简报（管理员）", "/push_now", admin=True),
    Command("stats", "运行统计（管理员）", "/stats", admin=True),
    Command("reload", "重新载入报告文件夹（管理员）", "/reload", admin=True),
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
