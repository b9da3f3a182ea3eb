"""The baseline for bench/bot.py: a bare PTB bot that echoes every text message.

Reads TELEGRAM_BOT_TOKEN and BENCH_BASE_URL from the environment.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(update.effective_message.text)


def main() -> None:
    application = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["BENCH_BASE_URL"])
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(poll_interval=0, timeout=10)


if __name__ == "__main__":
    main()
