"""What the tests share: the fake Telegram, the fake sites, bots, paths."""
