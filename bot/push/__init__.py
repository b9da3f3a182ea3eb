"""Briefing pushes: subscriptions, schedule and delivery.

The push commands are in the one command table (bot.commands); bot.app makes the `Pusher`,
keeps it in the bot's state and runs `handlers.scheduled_round` on the job queue.
"""
