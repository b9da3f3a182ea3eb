"""The instruments the benches and the tests both drive: a fake Telegram Bot API with fault hooks,
a fake government site, a throwaway PostgreSQL server, the bot run as a process, the corpus's
paths and cheap report copies. Nothing here imports `tests/`."""
