"""The aiohttp web app (health, the pages, the webhook route) and what keeps it up."""
