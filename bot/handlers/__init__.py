"""The bot's handlers, one module per concern; bot.commands registers them in matching order."""
