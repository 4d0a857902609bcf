"""A typed "more" ("lagi", "sumber lain?", "more please") after an answer shows its next
passages, as the "More sources" button does. Found as a newcomer in the emulator: "more"
was read as a follow-up question ("more siapa yang setuju …?") and answered with the first
passage again and two passages about other news."""

from __future__ import annotations

import pytest

from newsbot.bot.followup import asks_for_more
from tests.bot.conftest import Bot
from tests.bot.fakes import GROUP, bot_message, group, make_hit, private, user


@pytest.mark.parametrize(
    "text",
    ["more", "More", "more?", "more please", "Show more", "lagi", "lagi dong", "Sumber lain?",
     "selanjutnya", "yang lain", "next", "lanjut!"],
)  # fmt: skip
def test_a_request_for_more_is_read_as_one(text: str) -> None:
    assert asks_for_more(text)


@pytest.mark.parametrize(
    "text",
    ["siapa lagi?", "who else?", "more about Isco", "apa lagi yang dibahas?", "kapan lagi?",
     "tell me more about the troops", "dong", ""],
)  # fmt: skip
def test_a_question_holding_the_word_is_no_request_for_more(text: str) -> None:
    assert not asks_for_more(text)


def _numbers(text: str) -> list[str]:
    return [block.split(". ")[0] for block in text.split("\n\n") if block[:1].isdigit()]


@pytest.mark.parametrize(("text", "language"), [("more", "en"), ("lagi dong", "id")])
async def test_more_typed_after_an_answer_shows_the_next_passages(
    bot: Bot, text: str, language: str
) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 8))
    sender = user(41, language=language)
    await bot.send(private("who agreed?", sender=sender))
    await bot.send(private(text, sender=sender))
    first, more = bot.telegram.texts()
    assert _numbers(first) == ["1", "2", "3"]
    assert _numbers(more) == ["4", "5", "6"], more
    # Asked again as the answer's question, never "more who agreed?".
    assert [q for q, _ in bot.index.questions] == ["who agreed?", "who agreed?"]
    buttons = bot.telegram.sent()[-1]["reply_markup"]["inline_keyboard"]
    assert buttons[0][0]["callback_data"] == "more:6"  # a 7th passage is left

    await bot.send(private("more", sender=sender))  # the next after the ones just shown
    assert _numbers(bot.telegram.texts()[-1]) == ["7"]
    await bot.send(private("more", sender=sender))
    assert bot.telegram.texts()[-1] == (
        "There are no more sources for this question."
        if language == "en"
        else "Tidak ada sumber lain untuk pertanyaan ini."
    )


async def test_more_replying_to_an_answer_in_a_group_shows_its_next_passages(bot: Bot) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 5))
    await bot.send(group("/ask who agreed?"))
    sent = bot.telegram.sent()[-1]
    answer = bot_message(
        sent["text"], chat=GROUP, message_id=bot.telegram.messages[-1]["message_id"]
    )
    await bot.send(group("more", reply_to=answer))
    assert _numbers(bot.telegram.texts()[-1]) == ["4"]


async def test_more_with_no_answer_before_asks_for_a_question(bot: Bot) -> None:
    await bot.send(private("more", sender=user(43)))
    assert bot.index.questions == []
    assert bot.telegram.texts()[-1].startswith("Ask the whole question")
