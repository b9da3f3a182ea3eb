"""What the briefing workers' fork server loads once (bot/library/briefer.py `pool_of`): each
worker is forked from it with the briefing engine and jieba's tables in memory, instead of
spending 1-4 s of CPU loading them itself every time a pool starts."""

from briefings.derive import load_engine

load_engine()
