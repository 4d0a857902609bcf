"""``python -m newsbot``: the ``newsbot`` command."""

from newsbot.bot.cli import main

raise SystemExit(main())
