"""A private conversation as a newcomer holds it, against the real bot in the emulator:
a short question naming other news right after an answer is asked alone, "more" typed
shows the next passages, and a user over the quota is told how long to wait."""

from __future__ import annotations

import re

import pytest

from tests.bot.telegram_html import TelegramHtml
from tests.e2e.conftest import HARNESS, SKIP_REASON

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotProcess, TelegramEmulator

pytestmark = [pytest.mark.e2e, pytest.mark.model]

ANSWER_SECONDS = 30.0
TROOPS = "siapa yang setuju mengerahkan pasukan?"


def _first_passage(text: str | None) -> str:
    return TelegramHtml(text or "").visible.split("\n\n")[0]


@pytest.mark.parametrize("followup", ["Medan?", "Surabaya?"])
def test_a_name_from_other_news_right_after_an_answer_is_asked_alone(
    tg: TelegramEmulator, bot: BotProcess, followup: str
) -> None:
    """ "Medan?" after the troops' answer was searched as "Medan? (setuju mengerahkan
    pasukan)" and answered about the troops again."""
    user = tg.new_user("Nia", language_code="id")
    chat = tg.private_chat(user)
    tg.send_private(user, TROOPS)
    assert "Stanislav Zas" in _first_passage(tg.wait_for_reply(chat, ANSWER_SECONDS).text)
    tg.send_private(user, followup)
    first = _first_passage(tg.wait_for_reply(chat, ANSWER_SECONDS).text)
    assert f"Festival kuliner Nusantara di {followup.rstrip('?')}" in first, first


@pytest.mark.parametrize("more", ["more", "lagi dong"])
def test_more_typed_after_an_answer_shows_the_next_passages(
    tg: TelegramEmulator, bot: BotProcess, more: str
) -> None:
    user = tg.new_user("Oki", language_code="id")
    chat = tg.private_chat(user)
    tg.send_private(user, TROOPS)
    answer = tg.wait_for_reply(chat, ANSWER_SECONDS)
    assert _first_passage(answer.text).startswith("1. ")
    sent = tg.send_private(user, more)
    reply = tg.wait_for_reply(chat, ANSWER_SECONDS)
    assert reply.reply_to_message_id == sent.message_id
    assert _first_passage(reply.text).startswith("4. "), reply.text
    assert "paragraf" in TelegramHtml(reply.text or "").visible


def test_a_user_over_the_quota_is_told_how_long_to_wait(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    """The bot under test allows NEWSBOT_RATE_LIMIT's default, 6 a minute."""
    user = tg.new_user("Put", language_code="id")
    chat = tg.private_chat(user)
    for _ in range(7):
        tg.send_private(user, "Medan?")
    replies = tg.wait_for_replies(chat, 7, timeout=ANSWER_SECONDS * 2)
    refused = [r.text or "" for r in replies if "terlalu cepat" in (r.text or "")]
    assert len(refused) == 1, [r.text for r in replies]
    seconds = re.fullmatch(
        r"Anda bertanya terlalu cepat: silakan bertanya lagi dalam (\d+) detik\.", refused[0]
    )
    assert seconds is not None and 1 <= int(seconds[1]) <= 60, refused
