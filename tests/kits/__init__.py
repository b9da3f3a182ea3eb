"""What only the tests share: bots in a chat, push and source harnesses, label scoring.
The fakes the benches use too (fake Telegram, fake sites, PostgreSQL, paths) are in bench/kits."""
