"""What every handler shares: settings, the live index, the question quota, the state
store and the clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from newsbot.bot.clock import DEFAULT_TIMEZONE, Clock, system_clock, unix
from newsbot.bot.live import LiveIndex
from newsbot.bot.quota import Quota
from newsbot.bot.settings import BotSettings
from newsbot.bot.store import MEMORY, StateStore
from newsbot.index.answering.writer import AnswerWriter
from newsbot.index.reading.feeds import SourcePlan

STATE_KEY = "newsbot"
T = TypeVar("T")


@dataclass
class BotState:
    """Kept in ``application.bot_data[STATE_KEY]``; ``rebuild_lock`` is held by ``/reindex``,
    ``/add`` and the scheduled refresh for a whole rebuild, so another one can tell that it
    must not start. ``plan_sources`` says what a rebuild reads, read anew each time;
    ``writer``, when the operator configured a model, writes a checked short answer."""

    settings: BotSettings
    live: LiveIndex
    quota: Quota
    plan_sources: Callable[[], SourcePlan]
    rebuild_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    #: Follow-up context, follows, digests and feedback; the clock and time zone they use.
    store: StateStore = field(default_factory=lambda: StateStore.open(MEMORY))
    clock: Clock = system_clock
    timezone: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    writer: AnswerWriter | None = None

    async def stored(self, call: Callable[[StateStore], T]) -> T:
        """``call(store)`` in a worker thread: the store blocks."""
        return await asyncio.to_thread(call, self.store)

    def now(self) -> int:
        """Now, in Unix seconds."""
        return unix(self.clock())


def state_of(bot_data: dict[Any, Any]) -> BotState:
    """The shared state from ``context.bot_data``."""
    state = bot_data[STATE_KEY]
    if not isinstance(state, BotState):
        raise TypeError(f"bot_data[{STATE_KEY!r}] is {type(state).__name__}, not BotState")
    return state
