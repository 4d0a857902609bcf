"""The bot's clock: the real time, or a time injected with ``NEWSBOT_NOW`` (ISO 8601) that
then runs on from there, so digests and expiry can be tested at any hour."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsbot.bot.settings import SettingsError

NOW_ENV = "NEWSBOT_NOW"
TIMEZONE_ENV = "NEWSBOT_TIMEZONE"
#: The bot's time zone (digest hours) unless NEWSBOT_TIMEZONE says: the news is Indonesian.
DEFAULT_TIMEZONE = "Asia/Jakarta"

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, time-zone aware (UTC)."""
    return datetime.now(UTC)


def clock_from_env(env: Mapping[str, str]) -> Clock:
    """The real clock, or one that starts at ``NEWSBOT_NOW`` (a time without a zone is in
    the bot's time zone) and advances in real time; SettingsError when it is malformed."""
    value = env.get(NOW_ENV, "").strip()
    if not value:
        return system_clock
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        raise SettingsError(
            f"{NOW_ENV} must be an ISO 8601 time such as 2021-09-18T07:00:00+07:00, not {value!r}"
        ) from None
    if start.tzinfo is None:
        start = start.replace(tzinfo=timezone_from_env(env))
    began = time.monotonic()

    def injected() -> datetime:
        return (start + timedelta(seconds=time.monotonic() - began)).astimezone(UTC)

    return injected


def timezone_from_env(env: Mapping[str, str]) -> tzinfo:
    """``NEWSBOT_TIMEZONE`` (an IANA name such as Asia/Makassar), else Asia/Jakarta."""
    name = env.get(TIMEZONE_ENV, "").strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"{TIMEZONE_ENV} must be a time zone name such as Asia/Jakarta, not {name!r}"
        ) from None


def unix(moment: datetime) -> int:
    """``moment`` in whole Unix seconds, as the state store keeps times."""
    return int(moment.timestamp())
