"""The reports the bot serves: listing, briefing in the background, the cross-report search index,
cards, documents read in a child process."""
