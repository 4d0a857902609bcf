"""The current time questions are read against: ``NEWSBOT_NOW`` (ISO 8601) for tests and
reproducible runs, else the clock, in WIB."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from newsbot.index.errors import NewsbotError

NOW_ENV = "NEWSBOT_NOW"
#: Newsroom time for a NEWSBOT_NOW without an offset and for the clock: WIB (UTC+7).
WIB = timezone(timedelta(hours=7), "WIB")


def now(value: str | None = None) -> datetime:
    """Return the current time in WIB: ``value`` or ``NEWSBOT_NOW`` (ISO 8601) when given.

    Raises NewsbotError for a value that is not ISO 8601.
    """
    raw = value if value is not None else os.environ.get(NOW_ENV)
    if not raw:
        return datetime.now(WIB)
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise NewsbotError(
            f"{NOW_ENV}={raw!r} is not an ISO 8601 time (e.g. 2021-09-18T09:00:00+07:00)"
        ) from None
    return moment.replace(tzinfo=WIB) if moment.tzinfo is None else moment.astimezone(WIB)
