"""Telegram plumbing under everything: the HTTP transport, the one sending budget, typed updates,
button payloads, message splitting, paging."""
