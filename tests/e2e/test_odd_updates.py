"""Odd updates and odd questions through ``newsbot run`` and the emulator: messages with no
text, a channel post, a button press with no message, commands with trailing words, and
questions that look like markup, SQL or regular expressions. Each gets silence or a short
reply whose HTML Telegram accepts and renders literally; the session's ``bot`` fixture
checks on stopping that none left a traceback in the log."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.bot.telegram_html import TelegramHtml
from tests.e2e.conftest import ADMIN_ID, HARNESS, REBUILD_SECONDS, SKIP_REASON

if not HARNESS:
    pytest.skip(SKIP_REASON, allow_module_level=True)
from tgemu import BotMessage, BotProcess, TelegramEmulator, User

pytestmark = [pytest.mark.e2e, pytest.mark.model]

ANSWER_SECONDS = 30.0
PHOTO = [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]
STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}


def _message(user: User, message_id: int, **fields: Any) -> dict[str, Any]:
    chat = TelegramEmulator.private_chat(user)
    return {
        "message_id": message_id,
        "from": user.to_api(),
        "chat": chat.to_api(),
        "date": int(time.time()),
        **fields,
    }


def _visible(reply: BotMessage) -> str:
    assert reply.text is not None
    return "".join(TelegramHtml(reply.text).text) if reply.parse_mode == "HTML" else reply.text


@pytest.mark.parametrize(
    "fields",
    [
        {"sticker": STICKER},
        {"photo": PHOTO},
        {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "berita.pdf"}},
        {"location": {"latitude": -6.2, "longitude": 106.8}},
    ],
    ids=["sticker", "photo", "document", "location"],
)
def test_a_message_with_nothing_to_read_gets_one_polite_line(
    tg: TelegramEmulator, bot: BotProcess, fields: dict[str, Any]
) -> None:
    user = tg.new_user("Sita", language_code="id")
    tg.send_update({"message": _message(user, 9100, **fields)})
    reply = tg.wait_for_reply(tg.private_chat(user), timeout=ANSWER_SECONDS)
    assert "\n" not in _visible(reply) and "teks" in _visible(reply)
    tg.assert_no_reply(tg.private_chat(user), within=2.0)


def test_a_photo_whose_caption_asks_is_answered_from_the_caption(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    user = tg.new_user("Cahya", language_code="id")
    caption = "siapa yang setuju mengerahkan pasukan?"
    tg.send_update({"message": _message(user, 9200, photo=PHOTO, caption=caption)})
    reply = tg.wait_for_reply(tg.private_chat(user), timeout=ANSWER_SECONDS)
    assert "Stanislav Zas" in _visible(reply) and "keterangan" in _visible(reply)


def test_a_channel_post_an_edit_and_a_bare_button_press_get_no_message(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    user = tg.new_user("Edi", language_code="id")
    chat = tg.private_chat(user)
    channel = {"id": -100_777_000_123, "type": "channel", "title": "Kanal Berita"}
    tg.send_update(
        {
            "channel_post": {
                "message_id": 9300,
                "chat": channel,
                "date": int(time.time()),
                "text": "siapa yang setuju mengerahkan pasukan?",
            }
        }
    )
    sent = tg.send_private(user, "siapa yang setuju mengerahkan pasukan?")
    tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    tg.edit_message(sent, "kapan harga cabai naik?")  # an edit is not asked again
    tg.assert_no_reply(chat, within=3.0)
    assert not tg.calls("sendMessage", chat=channel["id"])
    # A press whose message Telegram no longer sends (too old): answered, never a message.
    tg.send_update(
        {
            "callback_query": {
                "id": "odd-press",
                "from": user.to_api(),
                "chat_instance": "odd",
                "data": "<b>unknown</b>:1",
            }
        }
    )
    answered = tg.wait_for_call(
        "answerCallbackQuery",
        where=lambda c: str(c["params"].get("callback_query_id")) == "odd-press",
        timeout=ANSWER_SECONDS,
    )
    assert "kedaluwarsa" in answered["params"]["text"]
    tg.assert_no_reply(chat, within=1.0)


@pytest.mark.parametrize(
    ("command", "args"),
    [("start", "deep-link_payload-123"), ("help", "extra words"), ("start", "<b>x</b>&")],
)
def test_start_and_help_with_trailing_words_give_the_help(
    tg: TelegramEmulator, bot: BotProcess, command: str, args: str
) -> None:
    user = tg.new_user("Hana", language_code="id")
    tg.send_command(tg.private_chat(user), user, command, args)
    reply = tg.wait_for_reply(tg.private_chat(user), timeout=ANSWER_SECONDS)
    assert "artikel berita" in _visible(reply) and args not in _visible(reply)


def test_reindex_with_trailing_words_is_refused_to_a_stranger_and_run_for_the_admin(
    tg: TelegramEmulator, bot: BotProcess
) -> None:
    stranger = tg.new_user("Rudi", language_code="id")
    tg.send_command(tg.private_chat(stranger), stranger, "reindex", "now please")
    refused = tg.wait_for_reply(tg.private_chat(stranger), timeout=ANSWER_SECONDS)
    assert "administrator" in _visible(refused)
    admin = User(id=ADMIN_ID, first_name="Admin")
    tg.send_command(tg.private_chat(admin), admin, "reindex", "now please")
    started = tg.wait_for_reply(tg.private_chat(admin), timeout=ANSWER_SECONDS)
    done = tg.wait_for_call(
        "editMessageText",
        chat=started.chat_id,
        since=started.seq,
        where=lambda c: c["ok"] and "articles" in c["params"].get("text", ""),
        timeout=REBUILD_SECONDS,
    )
    assert "index" in done["params"]["text"].lower()


@pytest.mark.parametrize(
    ("kind", "question"),
    [
        ("text", "media apa saja yang memberitakan <b>pasukan</b> & <i>CSTO</i>?"),
        ("text", "berapa artikel tentang <script>alert(1)</script>?"),
        ("text", "siapa yang pertama memberitakan </a><a href='javascript:x'>?"),
        ("text", "ｓｉａｐａ yang setuju mengerahkan pa\u200bsukan?"),
        ("text", "apa kata \u202eRusia\u202c tentang Taliban?"),
        ("text", '" OR 1=1 --'),
        ("text", "(a+)+$"),
        ("text", "12345"),
        ("text", "https://example.com/berita/<script>"),
        ("ask", "<u>pasukan</u> CSTO &amp; Rusia?"),
        ("timeline", "</i> & &amp;"),
    ],
)
def test_an_odd_question_gets_a_reply_telegram_accepts_and_shows_literally(
    tg: TelegramEmulator, bot: BotProcess, kind: str, question: str
) -> None:
    user = tg.new_user("Odi", language_code="id")
    chat = tg.private_chat(user)
    if kind == "text":
        tg.send_private(user, question)
    else:
        tg.send_command(chat, user, kind, question)
    reply = tg.wait_for_reply(chat, timeout=ANSWER_SECONDS)
    assert reply.parse_mode == "HTML" and reply.text
    shown = _visible(reply)  # TelegramHtml: only Telegram's tags, balanced, no bare &
    assert "<script>" not in reply.text and "javascript:" not in reply.text
    assert "\u202e" not in shown
