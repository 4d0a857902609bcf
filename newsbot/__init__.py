"""newsbot: answers questions about news coverage with cited snippets.

The one import name of the distribution. ``newsbot.index`` is the engine (read news, build
and store the index, answer questions); ``newsbot.bot`` holds its front ends, the
``newsbot`` command line and the Telegram bot. In the repository both live in the top-level
folders ``index/`` and ``bot/``; this package links them under one name.
"""
