"""The presentation: how the bot shows a report and its briefing, and in whose words.

Chat replies as Telegram HTML (render, render_across, alerts), push chapters (series), the
briefing card (card/), the Markdown export (markdown) and the message catalogue (words,
data/words/). Chat, pushes, the terminal chat and the CLI all use it; it reads the domain
(briefings/) and nothing else of bot/, and briefings/ never reads it, so the cache fingerprint
(briefings/cache.py) covers no presentation.
"""
