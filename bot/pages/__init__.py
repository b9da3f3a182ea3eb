"""Pages of the reports for a browser and Telegram's Mini App, served by the bot's own aiohttp.

Read-only and rendered on the server (Jinja2 templates, pygal SVG charts), so that every page
reads with JavaScript off; the one script (static/pages.js) only follows Telegram's theme and
asks for the personal panel. Every asset is served from static/: nothing is fetched elsewhere.
"""
