"""Edges a group member meets: a bare mention, a command of the bot's it does not have, and
small talk after /timeline."""

from __future__ import annotations

import pytest

from tests.bot.conftest import Bot
from tests.bot.fakes import GROUP, JSON, bot_message, group, private, user


def _replies(bot: Bot) -> list[str]:
    return bot.telegram.texts()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("@TestNameBot", "en", "<code>@TestNameBot who agreed to deploy troops?</code>"),
        ("@TestNameBot   ,", "en", "<code>@TestNameBot who agreed to deploy troops?</code>"),
        ("@testnamebot", "id", "<code>@TestNameBot siapa yang setuju mengerahkan pasukan?</code>"),
    ],
)
async def test_a_bare_mention_is_told_to_write_the_question_with_the_name(
    bot: Bot, text: str, language: str, expected: str
) -> None:
    await bot.send(group(text, sender=user(language=language)))
    [reply] = _replies(bot)
    assert expected in reply
    assert "command" not in reply and "perintah" not in reply  # no command was sent
    assert bot.index.questions == []


@pytest.mark.parametrize("text", ["/ask@TestNameBot", "/ask"])
async def test_an_empty_ask_still_names_the_command(bot: Bot, text: str) -> None:
    await bot.send(group(text))
    [reply] = _replies(bot)
    assert "<code>/ask who agreed to deploy troops?</code>" in reply


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("/nosuch@TestNameBot", "en", "I don't know that command."),
        ("/Translate@testnamebot halo", "id", "Saya tidak mengenal perintah itu."),
    ],
)
async def test_an_unknown_command_addressed_to_the_bot_in_a_group_points_at_help(
    bot: Bot, text: str, language: str, expected: str
) -> None:
    update = group(text, sender=user(language=language))
    await bot.send(update)
    [reply] = bot.telegram.sent()
    assert str(reply["text"]).startswith(expected)
    assert reply["reply_parameters"]["message_id"] == update["message"]["message_id"]


@pytest.mark.parametrize("text", ["/nosuch", "/nosuch@OtherBot", "/start@OtherBot hi"])
async def test_other_unknown_commands_in_a_group_are_left_alone(bot: Bot, text: str) -> None:
    await bot.send(group(text))
    assert bot.telegram.calls == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("/timeline halo", "id", "Halo! Saya menjawab pertanyaan tentang berita."),
        ("/timeline thanks!", "en", "Hi! I answer questions about the news."),
        ("/timeline 👍", "en", "Hi! I answer questions about the news."),
    ],
)
async def test_small_talk_after_timeline_gets_the_friendly_hint(
    bot: Bot, text: str, language: str, expected: str
) -> None:
    await bot.send(private(text, sender=user(language=language)))
    [reply] = _replies(bot)
    assert reply.startswith(expected)
    assert bot.telegram.sent("sendPhoto") == []


QUESTION = "siapa yang setuju mengerahkan pasukan?"


@pytest.mark.parametrize("text", ["@TestNameBot", "/ask", "/ask@TestNameBot", "@testnamebot ?"])
async def test_the_bot_called_in_reply_to_a_members_question_answers_it(
    bot: Bot, text: str
) -> None:
    asked = group(QUESTION, sender=user(5))["message"]
    update = group(text, sender=user(6), reply_to=asked)
    await bot.send(update)
    assert bot.index.questions == [(QUESTION, 4)]
    [reply] = bot.telegram.sent()
    assert reply["reply_parameters"]["message_id"] == update["message"]["message_id"]


async def test_the_bot_called_in_reply_to_a_photo_asks_its_caption(bot: Bot) -> None:
    asked = group(
        None,
        sender=user(5),
        photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        caption=QUESTION,
    )["message"]
    await bot.send(group("@TestNameBot", sender=user(6), reply_to=asked))
    assert bot.index.questions == [(QUESTION, 4)]


STICKER: JSON = {
    "file_id": "s",
    "file_unique_id": "s",
    "width": 1,
    "height": 1,
    "is_animated": False,
    "is_video": False,
    "type": "regular",
}


@pytest.mark.parametrize(
    ("text", "extra"),
    [(None, {"sticker": STICKER}), ("@TestNameBot", {})],
)
async def test_nothing_to_ask_in_the_replied_message_still_gets_the_hint(
    bot: Bot, text: str | None, extra: JSON
) -> None:
    asked = group(text, sender=user(5), **extra)["message"]
    await bot.send(group("@TestNameBot", sender=user(6), reply_to=asked))
    assert bot.index.questions == []
    assert "<code>@TestNameBot who agreed" in _replies(bot)[0]


async def test_a_bare_mention_replying_to_the_bot_is_not_its_own_question(bot: Bot) -> None:
    earlier = bot_message("1. Zas said the members agreed.", chat=GROUP)
    await bot.send(group("@TestNameBot", reply_to=earlier))
    assert bot.index.questions == []
    assert "<code>@TestNameBot who agreed" in _replies(bot)[0]
