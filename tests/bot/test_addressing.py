"""Finding the question in a message addressed to the bot."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Message

from newsbot.bot.addressing import mentions_bot, question_text, replies_to_bot, shorten
from tests.bot.fakes import BOT_ID, GROUP, bot_message, group, photo


def message(text: str, **extra: Any) -> Message:
    return Message.de_json(group(text, **extra)["message"], None)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("/ask who agreed?", "who agreed?"),
        ("/ask@TestNameBot   who\n agreed?", "who agreed?"),
        ("@TestNameBot, who agreed?", "who agreed?"),
        ("who agreed, @testnamebot?", "who agreed, ?"),
        ("🇮🇩 @TestNameBot siapa setuju?", "🇮🇩 siapa setuju?"),
        ("@OtherPerson said @TestNameBot: siapa?", "@OtherPerson said siapa?"),
        ("siapa setuju /ask", "siapa setuju /ask"),
        ("/ask", ""),
    ],
)
def test_the_question_is_the_text_without_command_and_mention(text: str, question: str) -> None:
    assert question_text(message(text), "TestNameBot") == question


def test_a_photo_asks_with_its_caption() -> None:
    captioned = Message.de_json(group(None, **photo("@TestNameBot benarkah ini?"))["message"], None)
    assert mentions_bot(captioned, "TestNameBot")
    assert question_text(captioned, "TestNameBot") == "benarkah ini?"
    plain = Message.de_json(group(None, **photo("lihat @Ann"))["message"], None)
    assert not mentions_bot(plain, "TestNameBot")
    assert question_text(plain, "TestNameBot") == "lihat @Ann"
    assert question_text(Message.de_json(group(None, **photo())["message"], None), "X") == ""


def test_a_mention_of_someone_else_does_not_address_the_bot() -> None:
    assert mentions_bot(message("@TestNameBot hi"), "TestNameBot")
    assert not mentions_bot(message("@TestNameBotFan hi"), "TestNameBot")
    assert not mentions_bot(message("mail TestNameBot hi"), "TestNameBot")


def test_only_a_reply_to_the_bot_addresses_it() -> None:
    to_bot = message("and then?", reply_to=bot_message("1. …", chat=GROUP))
    to_person = message("and then?", reply_to=group("hi")["message"])
    assert replies_to_bot(to_bot, BOT_ID)
    assert not replies_to_bot(to_person, BOT_ID)
    assert not replies_to_bot(message("and then?"), BOT_ID)


def test_a_long_question_is_cut_between_words() -> None:
    question, cut = shorten("siapa " * 100, limit=20)
    assert (question, cut) == ("siapa siapa siapa", True)
    assert shorten("siapa?", limit=20) == ("siapa?", False)
    assert shorten("x" * 30, limit=20) == ("x" * 20, True)
