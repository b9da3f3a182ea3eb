"""The bot's one database (SQLite, or PostgreSQL for replicas): connection discipline, schema
migrations, chat settings."""
