"""Inline results are rendered in the asker's language, so Telegram must cache them per
user: without ``is_personal`` an Indonesian user typing the same query as an English one
within the cache time got English labels ("paragraph") to send into their chat."""

from __future__ import annotations

from tests.bot.conftest import Bot
from tests.bot.fakes import JSON, user


def _inline(query: str, sender: JSON) -> JSON:
    return {
        "update_id": 98_000 + sender["id"],
        "inline_query": {"id": f"q{sender['id']}", "from": sender, "query": query, "offset": ""},
    }


async def test_inline_results_are_personal_and_in_each_askers_language(bot: Bot) -> None:
    await bot.send(_inline("who agreed to deploy troops?", user(1, language="en")))
    await bot.send(_inline("who agreed to deploy troops?", user(2, language="id")))
    english, indonesian = bot.telegram.sent("answerInlineQuery")
    assert english["is_personal"] is True and indonesian["is_personal"] is True
    assert "· paragraph 7" in english["results"][0]["input_message_content"]["message_text"]
    assert "· paragraf 7" in indonesian["results"][0]["input_message_content"]["message_text"]


async def test_an_empty_inline_query_is_not_personal(bot: Bot) -> None:
    await bot.send(_inline("   ", user(3)))
    [answer] = bot.telegram.sent("answerInlineQuery")
    assert answer["results"] == [] and not answer.get("is_personal")
