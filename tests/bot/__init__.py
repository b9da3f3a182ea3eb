"""Tests of bot/: the bot driven through the fake Telegram, pushes, sources, pages."""
