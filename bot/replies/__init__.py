"""Answering in a chat: HTML replies split to Telegram's limit, the chat's language, inline
keyboards."""
