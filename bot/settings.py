"""The bot's settings, read once from the environment (see the README's settings table)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from newsbot.index.errors import NewsbotError

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_RATE_LIMIT = 6
DEFAULT_PROGRESS_SECONDS = 3.0
#: Telegram's limit on a bot's messages to all chats together (about 30 a second).
DEFAULT_MESSAGES_PER_SECOND = 30.0
DEFAULT_WEBHOOK_LISTEN = "0.0.0.0:8080"
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{1,100}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(NewsbotError):
    """A bot setting is missing or malformed."""


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates (``url``) and where the bot listens for them."""

    url: str
    host: str
    port: int
    secret: str | None

    @property
    def path(self) -> str:
        """The URL path the bot serves, taken from the public URL (a proxy forwards it)."""
        return urlsplit(self.url).path.lstrip("/")


@dataclass(frozen=True)
class BotSettings:
    token: str
    api_base_url: str = DEFAULT_API_BASE_URL
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    sources: tuple[Path, ...] = ()
    rate_limit: int = DEFAULT_RATE_LIMIT
    progress_seconds: float = DEFAULT_PROGRESS_SECONDS
    messages_per_second: float = DEFAULT_MESSAGES_PER_SECOND
    webhook: Webhook | None = None
    # From the sources file's [schedule], not the environment: 0 means no scheduled refresh.
    refresh_minutes: float = 0.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> BotSettings:
        """Settings from environment variables; SettingsError names the one that is wrong."""
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather")
        if not _TOKEN.fullmatch(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is malformed: @BotFather's tokens look like 123456789:AAE…"
            )
        return cls(
            token=token,
            api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL,
            admin_ids=_admin_ids(env.get("NEWSBOT_ADMIN_IDS", "")),
            sources=tuple(
                Path(p).expanduser()
                for p in env.get("NEWSBOT_SOURCES", "").split(os.pathsep)
                if p.strip()
            ),
            rate_limit=int(_number(env, "NEWSBOT_RATE_LIMIT", DEFAULT_RATE_LIMIT, integer=True)),
            progress_seconds=_number(env, "NEWSBOT_PROGRESS_SECONDS", DEFAULT_PROGRESS_SECONDS),
            messages_per_second=_number(
                env, "NEWSBOT_MESSAGES_PER_SECOND", DEFAULT_MESSAGES_PER_SECOND
            ),
            webhook=_webhook(env),
        )


def _admin_ids(value: str) -> frozenset[int]:
    ids = [part.strip() for part in value.split(",") if part.strip()]
    try:
        return frozenset(int(i) for i in ids)
    except ValueError:
        raise SettingsError(
            f"NEWSBOT_ADMIN_IDS must be comma-separated Telegram user ids, not {value!r}"
        ) from None


def _number(env: Mapping[str, str], name: str, default: float, *, integer: bool = False) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value) if integer else float(value)
    except ValueError:
        number = -1
    if number < 0:
        kind = "a whole number" if integer else "a number"
        raise SettingsError(f"{name} must be {kind} of 0 or more, not {value!r}")
    return number


def _webhook(env: Mapping[str, str]) -> Webhook | None:
    url = env.get("NEWSBOT_WEBHOOK_URL", "").strip()
    if not url:
        return None
    if not url.startswith("https://"):
        raise SettingsError(f"NEWSBOT_WEBHOOK_URL must be an https:// URL, not {url!r}")
    listen = env.get("NEWSBOT_WEBHOOK_LISTEN", "").strip() or DEFAULT_WEBHOOK_LISTEN
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(f"NEWSBOT_WEBHOOK_LISTEN must be HOST:PORT, not {listen!r}")
    secret = env.get("NEWSBOT_WEBHOOK_SECRET", "").strip() or None
    if secret is not None and not _SECRET.fullmatch(secret):
        raise SettingsError(
            "NEWSBOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
        )
    return Webhook(url=url, host=host.strip("[]"), port=int(port), secret=secret)
