"""Reading the bot's settings from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsbot.bot.settings import DEFAULT_API_BASE_URL, BotSettings, SettingsError

TOKEN = {"TELEGRAM_BOT_TOKEN": "123456789:AAE-abc_DEF"}


def test_defaults() -> None:
    settings = BotSettings.from_env(TOKEN)
    assert settings == BotSettings(token="123456789:AAE-abc_DEF")
    assert settings.api_base_url == DEFAULT_API_BASE_URL
    assert settings.rate_limit == 6 and settings.progress_seconds == 3
    assert settings.messages_per_second == 30
    assert settings.webhook is None and settings.admin_ids == frozenset()


def test_every_setting() -> None:
    settings = BotSettings.from_env(
        {
            **TOKEN,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "NEWSBOT_ADMIN_IDS": " 42, 4711 ,",
            "NEWSBOT_SOURCES": os.pathsep.join(["news", "feeds/a.jsonl", ""]),
            "NEWSBOT_RATE_LIMIT": "0",
            "NEWSBOT_PROGRESS_SECONDS": "0.5",
            "NEWSBOT_MESSAGES_PER_SECOND": "0",
            "NEWSBOT_WEBHOOK_URL": "https://bot.example.com/telegram/hook",
            "NEWSBOT_WEBHOOK_LISTEN": "127.0.0.1:8443",
            "NEWSBOT_WEBHOOK_SECRET": "s3cret_-X",
        }
    )
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.admin_ids == {42, 4711}
    assert settings.sources == (Path("news"), Path("feeds/a.jsonl"))
    assert settings.rate_limit == 0 and settings.progress_seconds == 0.5
    assert settings.messages_per_second == 0
    assert settings.webhook is not None
    assert (settings.webhook.host, settings.webhook.port) == ("127.0.0.1", 8443)
    assert settings.webhook.path == "telegram/hook" and settings.webhook.secret == "s3cret_-X"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "TELEGRAM_BOT_TOKEN is malformed"),
        ({**TOKEN, "NEWSBOT_ADMIN_IDS": "alice"}, "NEWSBOT_ADMIN_IDS"),
        ({**TOKEN, "NEWSBOT_RATE_LIMIT": "-1"}, "NEWSBOT_RATE_LIMIT"),
        ({**TOKEN, "NEWSBOT_RATE_LIMIT": "2.5"}, "NEWSBOT_RATE_LIMIT"),
        ({**TOKEN, "NEWSBOT_PROGRESS_SECONDS": "soon"}, "NEWSBOT_PROGRESS_SECONDS"),
        ({**TOKEN, "NEWSBOT_WEBHOOK_URL": "http://x.example"}, "NEWSBOT_WEBHOOK_URL"),
        (
            {**TOKEN, "NEWSBOT_WEBHOOK_URL": "https://x.example", "NEWSBOT_WEBHOOK_LISTEN": "80"},
            "NEWSBOT_WEBHOOK_LISTEN",
        ),
        (
            {**TOKEN, "NEWSBOT_WEBHOOK_URL": "https://x.example", "NEWSBOT_WEBHOOK_SECRET": "a b"},
            "NEWSBOT_WEBHOOK_SECRET",
        ),
    ],
)
def test_a_wrong_setting_is_named_in_one_line(env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError, match=names) as raised:
        BotSettings.from_env(env)
    assert "\n" not in str(raised.value)
