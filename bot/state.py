"""What every handler shares: settings, the live index, the question quota."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsbot.bot.live import LiveIndex
from newsbot.bot.quota import QuestionQuota
from newsbot.bot.settings import BotSettings
from newsbot.index.reading.feeds import SourcePlan

STATE_KEY = "newsbot"


@dataclass
class BotState:
    """Kept in ``application.bot_data[STATE_KEY]``; ``rebuild_lock`` is held by ``/reindex``,
    ``/add`` and the scheduled refresh for a whole rebuild, so another one can tell that it
    must not start. ``plan_sources`` says what a rebuild reads, read anew each time."""

    settings: BotSettings
    live: LiveIndex
    quota: QuestionQuota
    plan_sources: Callable[[], SourcePlan]
    rebuild_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def state_of(bot_data: dict[Any, Any]) -> BotState:
    """The shared state from ``context.bot_data``."""
    state = bot_data[STATE_KEY]
    if not isinstance(state, BotState):
        raise TypeError(f"bot_data[{STATE_KEY!r}] is {type(state).__name__}, not BotState")
    return state
