"""Conversations with the bot, in-process: which messages it answers, and how."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from dataclasses import replace

import pytest
from telegram.error import BadRequest
from telegram.ext import Application

from bot.app import serve
from newsbot.bot.addressing import QUESTION_LIMIT
from newsbot.bot.follow_messages import ENGLISH as FOLLOW_EN
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.handlers import MORE_DEPTH, PAGE
from newsbot.bot.messages import ENGLISH, messages_for
from newsbot.bot.settings import Webhook
from newsbot.index.errors import BuildInProgress, IndexDamaged
from tests.bot.conftest import Bot
from tests.bot.fakes import (
    ADMIN_ID,
    GROUP,
    JSON,
    bot_message,
    eventually,
    group,
    make_hit,
    photo,
    press,
    private,
    private_chat,
    user,
)


def only_reply(bot: Bot) -> JSON:
    [sent] = bot.telegram.sent()
    return sent


# --- private chats ------------------------------------------------------------------------
async def test_private_text_is_a_question_answered_with_cited_passages(bot: Bot) -> None:
    update = private("who agreed to deploy troops?")
    await bot.send(update)

    assert bot.index.questions == [("who agreed to deploy troops?", PAGE + 1)]
    reply = only_reply(bot)
    assert reply["reply_parameters"]["message_id"] == update["message"]["message_id"]
    assert reply["parse_mode"] == "HTML"
    assert reply["link_preview_options"] == {"is_disabled": True}
    assert "1. <b>Zas said the members agreed.</b> It was in Dushanbe." in reply["text"]
    assert '<a href="https://example.com/csto?a=1&amp;b=2">' in reply["text"]
    assert "3. " in reply["text"] and "4. " not in reply["text"]
    [[button], [follow], feedback] = reply["reply_markup"]["inline_keyboard"]
    assert button == {"text": "More sources", "callback_data": f"more:{PAGE}"}
    assert follow == {"text": "🔔 Follow", "callback_data": "follow"}
    assert [b["callback_data"] for b in feedback] == ["fb:up", "fb:down", "fb:wrong_citation"]
    assert bot.telegram.sent("sendChatAction")[0]["action"] == "typing"


async def test_no_more_button_when_every_passage_is_shown(bot: Bot) -> None:
    bot.index.hits = bot.index.hits[:2]
    await bot.send(private("who agreed?"))
    rows = only_reply(bot)["reply_markup"]["inline_keyboard"]
    assert not any(b["callback_data"].startswith("more:") for row in rows for b in row)


async def test_a_question_the_news_does_not_cover_gets_one_line(bot: Bot) -> None:
    bot.index.hits = ()
    await bot.send(private("what is the weather on Mars?"))
    assert only_reply(bot)["text"] == "The indexed news does not cover this question."


@pytest.mark.parametrize("language", ["ms", "ms-MY", "id-ID"])
async def test_malay_users_read_the_bots_indonesian_as_the_command_line_gives_it(
    bot: Bot, language: str
) -> None:
    """A Telegram set to Malay got English around Indonesian passages, while ``newsbot ask``
    answers a Malay question in Indonesian."""
    await bot.send(
        private("Siapakah yang bersetuju menghantar askar?", sender=user(language=language))
    )
    text = only_reply(bot)["text"]
    assert "· paragraf 7" in text and "paragraph" not in text
    bot.index.hits = ()
    await bot.send(private("Siapakah presiden Marikh?", sender=user(language=language)))
    assert bot.telegram.texts()[-1] == "Berita yang diindeks tidak membahas pertanyaan ini."


@pytest.mark.parametrize("language", ["en", "de", "msa", "", None])
def test_other_languages_get_english(language: str | None) -> None:
    assert messages_for(language) is ENGLISH and follow_messages_for(language) is FOLLOW_EN


async def test_the_bot_speaks_indonesian_to_indonesian_users(bot: Bot) -> None:
    bot.index.hits = ()
    await bot.send(private("cuaca di Mars?", sender=user(language="id")))
    assert only_reply(bot)["text"] == "Berita yang diindeks tidak membahas pertanyaan ini."


async def test_citations_follow_the_askers_language_but_quotes_stay_as_published(
    bot: Bot,
) -> None:
    await bot.send(private("siapa yang setuju?", sender=user(language="id-ID")))
    text = only_reply(bot)["text"]
    assert "17 September 2021, 16:30 WIB · paragraf 7" in text
    assert "Zas said the members agreed." in text
    assert only_reply(bot)["reply_markup"]["inline_keyboard"][0][0]["text"] == "Sumber lain"


@pytest.mark.parametrize("command", ["/start", "/help"])
async def test_start_and_help_say_what_the_bot_knows_how_to_ask_and_what_else(
    bot: Bot, command: str
) -> None:
    await bot.send(private(command))
    knows, how, more = only_reply(bot)["text"].split("\n")
    assert "31 news articles" in knows
    assert "antaranews, CNN Indonesia, kumparan and 1 more" in knows
    assert "2 January 2016 \N{EN DASH} 17 September 2021" in knows
    assert "/ask" in how and "@TestNameBot" in how and "group" in how
    assert "which outlets reported" in more and "/timeline" in more and "/digest" in more


async def test_stats_shows_the_index_summary(bot: Bot) -> None:
    await bot.send(group("/stats@TestNameBot"))
    text = only_reply(bot)["text"]
    assert "<b>31</b> articles, <b>420</b> paragraphs" in text
    assert "antaranews (12)" in text and "3.5 MB" in text  # 3,500,000 bytes


async def test_stickers_get_a_hint_in_private_and_nothing_in_groups(bot: Bot) -> None:
    sticker = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1,
               "height": 1, "is_animated": False, "is_video": False}  # fmt: skip
    await bot.send(group(None, sticker=sticker))
    assert bot.telegram.sent() == []
    await bot.send(private(None, sticker=sticker))
    assert only_reply(bot)["text"] == "I can only read text: please type your question."


async def test_a_photo_with_a_caption_is_asked_by_its_caption(bot: Bot) -> None:
    await bot.send(private(None, **photo("siapa yang setuju mengerahkan pasukan?")))
    [(question, _)] = bot.index.questions
    assert question == "siapa yang setuju mengerahkan pasukan?"
    text = only_reply(bot)["text"]
    assert text.startswith("<i>I read the caption only: I cannot see pictures or files.</i>")
    assert "1. " in text  # the passages follow the note


async def test_a_caption_in_a_group_is_asked_only_when_it_addresses_the_bot(bot: Bot) -> None:
    await bot.send(group(None, **photo("lihat ini, kacau")))
    await bot.send(group(None, **photo()))
    assert bot.telegram.sent() == [] and bot.index.questions == []
    bot.index.hits = ()
    await bot.send(group(None, sender=user(language="id"), **photo("@TestNameBot benarkah?")))
    [(question, _)] = bot.index.questions
    assert question == "benarkah?"
    text = only_reply(bot)["text"]
    assert text.startswith("Saya hanya membaca keterangannya") and "tidak membahas" in text


async def test_an_unknown_command_in_private_points_at_help(bot: Bot) -> None:
    await bot.send(private("/weather"))
    assert "/help" in only_reply(bot)["text"]
    assert bot.index.questions == []


async def test_an_overlong_question_is_answered_from_its_beginning(bot: Bot) -> None:
    await bot.send(private("kenapa banjir " * 100))
    [(question, _)] = bot.index.questions
    assert len(question) <= QUESTION_LIMIT and question.startswith("kenapa banjir kenapa")
    text = only_reply(bot)["text"]
    assert text.startswith(f"<i>Your question was long; I used its first {QUESTION_LIMIT}")


async def test_an_overlong_question_not_covered_says_it_was_cut(bot: Bot) -> None:
    bot.index.hits = ()
    await bot.send(private("kenapa banjir " * 100))
    text = only_reply(bot)["text"]
    assert text == (
        f"Your question was long; I used its first {QUESTION_LIMIT} characters.\n\n"
        "The indexed news does not cover this question."
    )


@pytest.mark.parametrize(
    ("message", "language", "reply"),
    [
        ("makasih ya", "id", 'Halo! Saya menjawab pertanyaan tentang berita. Coba: "siapa yang'),
        ("thank you!", "en", 'Hi! I answer questions about the news. Try: "who agreed'),
        ("👍", "en", "Hi! I answer questions about the news."),
        ("Selamat pagi, min", "id", "Halo! Saya menjawab"),
    ],
)
async def test_small_talk_gets_a_friendly_hint_not_news(
    bot: Bot, message: str, language: str, reply: str
) -> None:
    await bot.send(private(message, sender=user(language=language)))
    text = only_reply(bot)["text"]
    assert text.startswith(reply)
    assert "not cover" not in text and "Zas said" not in text and "<a href" not in text


async def test_an_empty_ask_gets_an_example(bot: Bot) -> None:
    await bot.send(private("/ask"))
    assert "<code>/ask who agreed to deploy troops?</code>" in only_reply(bot)["text"]
    assert bot.index.questions == []


async def test_html_in_the_question_never_reaches_telegram_unescaped(bot: Bot) -> None:
    await bot.send(private("/ask"))
    bot.telegram.calls.clear()
    bot.index.hits = ()
    await bot.send(private("<b>who</b> & </a>?"))
    assert "<b>who" not in only_reply(bot)["text"]


# --- groups -------------------------------------------------------------------------------
async def test_group_chatter_is_ignored(bot: Bot) -> None:
    await bot.send(group("who agreed to deploy troops?"))
    await bot.send(group("@SomeoneElse what do you think?"))
    assert bot.telegram.calls == [] and bot.index.questions == []


@pytest.mark.parametrize("text", ["/ask@TestNameBot who agreed?", "/ask who agreed?"])
async def test_ask_in_a_group_is_answered_as_a_reply(bot: Bot, text: str) -> None:
    update = group(text)
    await bot.send(update)
    assert bot.index.questions == [("who agreed?", PAGE + 1)]
    assert only_reply(bot)["reply_parameters"]["message_id"] == update["message"]["message_id"]


async def test_ask_addressed_to_another_bot_is_ignored(bot: Bot) -> None:
    await bot.send(group("/ask@OtherBot who agreed?"))
    assert bot.telegram.calls == []


async def test_a_mention_is_a_question_without_the_mention(bot: Bot) -> None:
    await bot.send(group("👋 @testnamebot, who agreed to deploy troops?"))
    assert bot.index.questions == [("👋 who agreed to deploy troops?", PAGE + 1)]


async def test_a_reply_to_the_bot_is_a_question(bot: Bot) -> None:
    earlier = bot_message("1. …", chat=GROUP)
    await bot.send(group("and who disagreed?", reply_to=earlier))
    assert bot.index.questions == [("and who disagreed?", PAGE + 1)]


async def test_a_reply_to_someone_else_is_ignored(bot: Bot) -> None:
    earlier = group("hello")["message"]
    await bot.send(group("and who disagreed?", reply_to=earlier))
    assert bot.telegram.calls == []


async def test_an_answer_in_a_forum_topic_stays_in_the_topic(bot: Bot) -> None:
    await bot.send(group("/ask who agreed?", message_thread_id=77, is_topic_message=True))
    assert only_reply(bot)["message_thread_id"] == 77


async def test_edited_messages_are_not_asked_again(bot: Bot) -> None:
    update = private("who agreed?")
    update["edited_message"] = update.pop("message")
    await bot.send(update)
    assert bot.telegram.calls == []


# --- more sources -------------------------------------------------------------------------
async def test_more_sources_shows_the_next_passages_and_drops_the_button(bot: Bot) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 9))
    question = private("/ask who agreed?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    await bot.send(press(answer, f"more:{PAGE}"))

    assert bot.index.questions == [("who agreed?", MORE_DEPTH + 1)]  # ten pages, on topic
    [query] = bot.telegram.sent("answerCallbackQuery")
    assert "text" not in query
    reply = only_reply(bot)
    assert reply["reply_parameters"]["message_id"] == question["message_id"]
    assert reply["text"].startswith("4. ") and "6. " in reply["text"] and "7. " not in reply["text"]
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == f"more:{2 * PAGE}"
    [dropped] = bot.telegram.sent("editMessageReplyMarkup")
    assert dropped["message_id"] == answer["message_id"]
    kept = [b["callback_data"] for row in dropped["reply_markup"]["inline_keyboard"] for b in row]
    assert kept == ["follow", "fb:up", "fb:down", "fb:wrong_citation"]


@pytest.mark.parametrize(
    "refusal",
    [
        "Message is not modified: specified new message content and reply markup are exactly "
        "the same as a current content and reply markup of the message",
        "Bad Request: message is not modified",
    ],
)
async def test_a_more_button_pressed_again_shows_nothing_twice(bot: Bot, refusal: str) -> None:
    # The first press removed the button; a stale copy of it (or a second member of a
    # group) presses it again: Telegram refuses to remove what is gone, and nothing is sent.
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 9))
    question = private("/ask who agreed?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    bot.telegram.fail["editMessageReplyMarkup"] = BadRequest(refusal)
    await bot.send(press(answer, f"more:{PAGE}"))
    assert bot.telegram.sent() == []
    [query] = bot.telegram.sent("answerCallbackQuery")
    assert "text" not in query


async def test_a_more_button_too_old_to_edit_still_shows_its_passages(bot: Bot) -> None:
    bot.index.hits = tuple(make_hit(rank) for rank in range(1, 9))
    question = private("/ask who agreed?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    bot.telegram.fail["editMessageReplyMarkup"] = BadRequest("Message can't be edited")
    await bot.send(press(answer, f"more:{PAGE}"))
    assert only_reply(bot)["text"].startswith("4. ")


async def test_more_sources_says_when_there_are_none(bot: Bot) -> None:
    question = private("who agreed?")["message"]
    answer = bot_message("1. …", chat=private_chat(), reply_to=question)
    await bot.send(press(answer, "more:9"))
    [query] = bot.telegram.sent("answerCallbackQuery")
    assert query["text"] == "There are no more sources for this question."
    assert bot.telegram.sent() == []


async def test_more_sources_expires_plainly_without_its_question(bot: Bot) -> None:
    answer = bot_message("1. …", chat=private_chat())  # the question was deleted
    await bot.send(press(answer, "more:3"))
    [query] = bot.telegram.sent("answerCallbackQuery")
    assert query["text"] == "This button has expired: please ask the question again."
    assert bot.index.questions == []


@pytest.mark.parametrize("data", ["more:x", "more:", "rate:5"])
async def test_a_button_the_bot_does_not_know_is_answered_as_expired(bot: Bot, data: str) -> None:
    question = private("who agreed?")["message"]
    await bot.send(press(bot_message("1. …", chat=private_chat(), reply_to=question), data))
    [query] = bot.telegram.sent("answerCallbackQuery")
    assert query["text"] == "This button has expired: please ask the question again."
    assert bot.index.questions == []


# --- rate limit ---------------------------------------------------------------------------
async def test_a_user_asking_too_fast_is_asked_to_wait(bot: Bot) -> None:
    bot.app.bot_data["newsbot"].quota.per_minute = 2
    for _ in range(3):
        await bot.send(private("who agreed?"))
    assert len(bot.index.questions) == 2
    refusal = re.fullmatch(
        r"You're asking quickly: please ask again in (\d+) s\.", bot.telegram.texts()[-1]
    )
    assert refusal is not None and 1 <= int(refusal[1]) <= 60
    await bot.send(private("who agreed?", sender=user(user_id=2002)))
    assert len(bot.index.questions) == 3


# --- admin --------------------------------------------------------------------------------
async def test_reindex_from_a_non_admin_is_refused_and_logged(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.send(group("/reindex@TestNameBot", sender=user(user_id=31337)))
    assert "only the bot's administrators" in only_reply(bot)["text"]
    assert bot.builder.calls == []
    assert "31337" in caplog.text


async def test_reindex_rebuilds_reports_and_swaps_the_index(bot: Bot) -> None:
    await bot.send(private("/reindex", sender=user(user_id=ADMIN_ID)))

    assert bot.builder.calls and bot.index.closed and len(bot.reopened) == 1
    status = only_reply(bot)
    assert status["text"] == "Rebuilding the index…"
    report = bot.telegram.edits()[-1]
    assert report.startswith("Index rebuilt in 4.2 s: 32 articles, 1 added, 0 updated")
    assert "• feeds/broken.jsonl:3: not JSON" in report
    await bot.send(private("who agreed?"))
    assert bot.reopened[0].questions and not bot.index.questions


async def test_questions_are_answered_from_the_old_index_during_a_rebuild(bot: Bot) -> None:
    bot.builder.gate = threading.Event()
    admin = user(user_id=ADMIN_ID)
    rebuild = asyncio.create_task(bot.send(private("/reindex", sender=admin)))
    await eventually(lambda: bool(bot.telegram.sent()))

    await bot.send(private("who agreed?"))
    assert bot.index.questions and not bot.index.closed
    await bot.send(private("/reindex", sender=admin))
    assert "already running" in bot.telegram.texts()[-1]
    await eventually(lambda: any("10 of 10" in t or "0 of 10" in t for t in bot.telegram.edits()))

    bot.builder.gate.set()
    await rebuild
    assert bot.builder.calls == [bot.app.bot_data["newsbot"].settings.sources]
    assert bot.index.closed


async def test_a_failed_progress_report_does_not_stop_the_rebuild(bot: Bot) -> None:
    bot.builder.gate = threading.Event()
    bot.telegram.fail["editMessageText"] = BadRequest("Message to edit not found")
    rebuild = asyncio.create_task(bot.send(private("/reindex", sender=user(user_id=ADMIN_ID))))
    await eventually(lambda: "editMessageText" not in bot.telegram.fail)
    bot.builder.gate.set()
    await rebuild
    assert bot.telegram.edits()[-1].startswith("Index rebuilt in")


async def test_a_failed_rebuild_keeps_the_old_index_and_says_why(bot: Bot) -> None:
    bot.builder.error = BuildInProgress("another build holds the lock: try again later")
    await bot.send(private("/reindex", sender=user(user_id=ADMIN_ID)))
    assert bot.telegram.edits()[-1] == (
        "The rebuild failed; I keep answering from the old index. "
        "Reason: another build holds the lock: try again later"
    )
    assert not bot.index.closed and bot.reopened == []
    await bot.send(private("who agreed?"))
    assert bot.index.questions


async def test_an_old_index_closes_only_after_its_last_question(bot: Bot) -> None:
    bot.index.gate = threading.Event()
    asking = asyncio.create_task(bot.send(private("who agreed?")))
    await eventually(lambda: bool(bot.telegram.sent("sendChatAction")))
    await bot.send(private("/reindex", sender=user(user_id=ADMIN_ID)))
    assert not bot.index.closed  # a question is still searching it
    bot.index.gate.set()
    await asking
    assert bot.index.closed and bot.index.questions


# --- errors -------------------------------------------------------------------------------
async def test_an_error_is_logged_and_the_user_told_in_one_line(
    bot: Bot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(question: str, k: int = 3) -> None:
        raise IndexDamaged("the vectors in v-7 are unreadable")

    monkeypatch.setattr(bot.index, "ask", broken)
    with caplog.at_level(logging.ERROR):
        await bot.send(private("who agreed?"))
    assert only_reply(bot)["text"] == "Sorry, something went wrong. Please try again later."
    assert "IndexDamaged" in caplog.text and "who agreed?" in caplog.text


@pytest.mark.parametrize(
    ("language", "group_line", "private_line"),
    [
        ("en", "In this group, write <code>/ask", "Just write your question here."),
        ("id", "Di grup ini, tulis <code>/ask", "Tulis saja pertanyaan Anda di sini."),
    ],
)
async def test_help_in_a_group_says_how_to_ask_there(
    bot: Bot, language: str, group_line: str, private_line: str
) -> None:
    """In a group, /help began "Just write your question here", and the bot then left the
    members' questions alone: it answers there only when addressed."""
    await bot.send(group("/help@TestNameBot", sender=user(language=language)))
    _, how, _ = bot.telegram.texts()[-1].split("\n")
    assert how.startswith(group_line) and "@TestNameBot" in how, how
    assert private_line not in how
    await bot.send(private("/help", sender=user(language=language)))
    _, how, _ = bot.telegram.texts()[-1].split("\n")
    assert how.startswith(private_line), how


async def test_set_my_commands_in_english_and_indonesian(bot: Bot) -> None:
    assert bot.app.post_init is not None
    await bot.app.post_init(bot.app)
    english, indonesian, malay = bot.telegram.sent("setMyCommands")
    assert "language_code" not in english and indonesian["language_code"] == "id"
    assert malay["language_code"] == "ms" and malay["commands"] == indonesian["commands"]
    assert [c["command"] for c in english["commands"]] == [
        "ask",
        "digest",
        "following",
        "help",
        "stats",
        "timeline",
        "start",
    ]
    assert indonesian["commands"][0]["description"] == "Ajukan pertanyaan tentang berita"


async def test_webhook_mode_serves_the_path_of_the_public_url(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: dict[str, object] = {}

    def run_webhook(self: object, **kwargs: object) -> None:
        served.update(kwargs)

    monkeypatch.setattr(Application, "run_webhook", run_webhook)
    hook = Webhook("https://bot.example.com/tg/hook", "127.0.0.1", 8443, "s3cret")
    settings = replace(bot.app.bot_data["newsbot"].settings, webhook=hook)
    serve(bot.app, settings)
    assert served["listen"] == "127.0.0.1" and served["port"] == 8443
    assert served["url_path"] == "tg/hook" and served["secret_token"] == "s3cret"
    assert served["webhook_url"] == "https://bot.example.com/tg/hook"
