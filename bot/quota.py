"""A per-user question quota, so that one user cannot keep the embedder busy for all."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

WINDOW_SECONDS = 60.0


class Quota(Protocol):
    """Counts a user's question; False when it is over the quota."""

    def allow(self, user_id: int) -> bool: ...

    def retry_after(self, user_id: int) -> int:
        """Whole seconds until ``user_id`` may ask again (at least 1; 0 when now)."""
        ...


def seconds_left(oldest: float | None, now: float) -> int:
    """Whole seconds until a question asked at ``oldest`` leaves the window: 0 when none
    is counted, else at least 1 (a refused user is never told to wait 0 seconds)."""
    if oldest is None:
        return 0
    return max(1, math.ceil(oldest + WINDOW_SECONDS - now))


class QuestionQuota:
    """At most ``per_minute`` questions per user in any 60 seconds; 0 means unlimited.

    Used from the event loop only, so it needs no lock.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}

    def allow(self, user_id: int) -> bool:
        """Count a question of ``user_id``; False when it is over the quota."""
        if self.per_minute <= 0:
            return True
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and asked[0] <= now - WINDOW_SECONDS:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return False
        asked.append(now)
        self._forget_idle(now)
        return True

    def retry_after(self, user_id: int) -> int:
        """Whole seconds until ``user_id`` may ask again: when their oldest question of the
        window leaves it (0 when they may ask now)."""
        now = self._clock()
        recent = [t for t in self._asked.get(user_id, ()) if t > now - WINDOW_SECONDS]
        if self.per_minute <= 0 or len(recent) < self.per_minute:
            return 0
        return seconds_left(recent[-self.per_minute], now)

    def _forget_idle(self, now: float) -> None:
        """Drop users whose questions are all older than the window (keeps memory flat)."""
        if len(self._asked) < 1024:
            return
        for user_id in [u for u, asked in self._asked.items() if asked[-1] <= now - WINDOW_SECONDS]:
            del self._asked[user_id]
