"""``python -m bot``: the ``newsbot`` command."""

from bot.cli import main

raise SystemExit(main())
