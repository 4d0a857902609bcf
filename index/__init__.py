"""The news index: read articles, clean and split them, embed, store, search and answer.

This package never imports Telegram; the bot and the CLI in ``bot/`` build on it.
"""
