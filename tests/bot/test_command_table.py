"""The one command table (bot/commands.py): every command in it answers, every CommandHandler
the bot has comes from it, and its admin commands answer admins only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import CommandHandler

from bot.commands import COMMANDS, description
from bot.local.bot_api import LocalBotApi
from bot.present.words import CHINESE
from tests.kits.botkit import USER, Chat, make_config, open_chat, visible

ADMIN = 4242
REFUSAL = CHINESE("common.refusal")
ANSWERS = {"sendMessage", "sendPhoto"}


@pytest.fixture
async def admin_chat(api: LocalBotApi, tmp_path: Path) -> AsyncIterator[Chat]:
    async with open_chat(api, make_config(tmp_path, admins=[ADMIN])) as opened:
        yield opened


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
async def test_every_listed_command_answers_its_example(admin_chat: Chat, command) -> None:
    user = ADMIN if command.admin else USER
    calls = await admin_chat.send(command.example, chat_id=user, user_id=user)
    answers = [c for c in calls if c.method in ANSWERS and str(c.params["chat_id"]) == str(user)]
    assert answers, f"/{command.name} gave no answer: {[c.method for c in calls]}"
    text = visible(answers)
    assert "这个命令。发送 /help" not in text and REFUSAL not in text


def test_every_command_handler_is_in_the_table(admin_chat: Chat) -> None:
    listed = {c.name for c in COMMANDS}
    registered = {
        name
        for group in admin_chat.application.handlers.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    assert registered == listed


@pytest.mark.parametrize("name", [c.name for c in COMMANDS if c.admin])
async def test_admin_commands_refuse_everyone_else_politely(admin_chat: Chat, name: str) -> None:
    assert await admin_chat.text(f"/{name}") == REFUSAL
    before = len(admin_chat.api.sent("sendMessage"))
    assert await admin_chat.text(f"/{name}", chat_id=ADMIN, user_id=ADMIN) != REFUSAL
    assert len(admin_chat.api.sent("sendMessage")) > before


async def test_help_and_menu_come_from_the_table(admin_chat: Chat) -> None:
    text = await admin_chat.text("/help")
    for command in COMMANDS:
        assert f"/{command.name} — {description(command)}" in text
    (call,) = [c for c in admin_chat.api.sent("setMyCommands") if "language_code" not in c.params]
    menu = [c["command"] for c in call.params["commands"]]
    assert menu == [c.name for c in COMMANDS if not c.admin]
