"""Talking to the bot without Telegram: the terminal chat, its in-process Bot API, and `briefing-
bot add`."""
