"""newsbot's front ends: the ``newsbot`` command line and the Telegram bot.

Both build on the engine in ``index/``; nothing here is imported by it.
"""
