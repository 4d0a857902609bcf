"""The bot with an answer writer configured: the passages are sent at once, then the first
reply is edited to add the checked sentences as the model streams them; nothing unchecked
is shown, and a failing model leaves the passages as the answer. The model is a real HTTP
endpoint on loopback (``tests/llm_stub.py``) streaming as the OpenAI API does."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from newsbot.bot.app import answer_writer, build_application
from newsbot.bot.handlers import PAGE
from newsbot.bot.live import LiveIndex
from newsbot.bot.settings import BotSettings, SettingsError
from newsbot.index.answering import verify
from newsbot.index.answering.writer import AnswerWriter, WriterSettings
from newsbot.index.reading.feeds import plan_sources
from tests.bot.conftest import Bot
from tests.bot.fakes import FakeBuilder, FakeIndex, FakeTelegram, make_hit, private, user
from tests.conftest import BORDER, CHILI, TROOPS, FakeEmbedder
from tests.llm_stub import StubLLM, serve_stub

ANY_CLOSENESS = verify.Thresholds(similarity={"en": -1.0, "id": -1.0}, word_support=0.4)
HITS = [
    make_hit(1, TROOPS, TROOPS),
    make_hit(2, BORDER, BORDER),
    make_hit(3, CHILI, CHILI),
    make_hit(4, "Zas said the members agreed.", "Zas said the members agreed."),
]


@pytest.fixture
def stub() -> Iterator[StubLLM]:
    with serve_stub() as running:
        yield running


@pytest.fixture
async def writing_bot(settings: BotSettings, stub: StubLLM, tmp_path: Path) -> AsyncIterator[Bot]:
    writer_settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": stub.url})
    assert writer_settings is not None
    writer = AnswerWriter(writer_settings, FakeEmbedder(), ANY_CLOSENESS)
    index, builder = FakeIndex(HITS), FakeBuilder()
    live = LiveIndex(index, reopen=lambda: FakeIndex(HITS), build=builder)
    telegram = FakeTelegram()
    app = build_application(
        settings,
        live,
        lambda: plan_sources(tmp_path / "idx", settings.sources, {}),
        request=telegram,
        writer=writer,
    )
    await app.initialize()
    try:
        yield Bot(app, telegram, index, builder, live, [])
    finally:
        await app.shutdown()
        writer.close()


def _final(bot: Bot) -> str:
    """What the first reply shows once the writer is done."""
    edits = bot.telegram.edits()
    return edits[-1] if edits else str(bot.telegram.sent()[0]["text"])


async def test_kept_sentences_head_the_reply_and_dropped_ones_never_show(
    writing_bot: Bot, stub: StubLLM
) -> None:
    stub.reply = (
        "Russia, Belarus and Armenia agreed to deploy troops [1]. "
        "Tajikistan shares a 1,400 km border with Afghanistan [2]. "
        "Kazakhstan agreed too [4]."
    )
    await writing_bot.send(private("who agreed to deploy troops?"))
    [reply] = writing_bot.telegram.sent()
    assert reply["text"].startswith("1. ")  # the passages first, as without a writer
    [edit] = writing_bot.telegram.sent("editMessageText")
    assert edit["message_id"] == writing_bot.telegram.messages[0]["message_id"]
    assert edit["reply_markup"] == reply["reply_markup"]  # the buttons stay
    text = edit["text"]
    assert text.startswith("Russia, Belarus and Armenia agreed to deploy troops [1].\n\n1. ")
    assert "1,400" not in text and "Kazakhstan" not in text
    assert "3. " in text and "4. " not in text  # [4] is not among the passages shown
    buttons = [b for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert f"more:{PAGE}" in [b["callback_data"] for b in buttons]


async def test_the_model_is_asked_in_the_readers_language_about_the_shown_passages(
    writing_bot: Bot, stub: StubLLM
) -> None:
    stub.reply = "Rusia, Belarus dan Armenia setuju untuk mengerahkan pasukan militer [1]."
    await writing_bot.send(private("siapa yang setuju?", sender=user(language="id")))
    [request] = stub.requests
    content = request["messages"][0]["content"]
    assert "in Indonesian" in content
    assert "[3] " in content and "[4] " not in content
    assert _final(writing_bot).startswith("Rusia, Belarus dan Armenia setuju")


async def test_model_text_is_escaped(writing_bot: Bot, stub: StubLLM) -> None:
    stub.reply = "Russia, Belarus & Armenia <i>agreed</i> to deploy troops [1]."
    await writing_bot.send(private("who agreed?"))
    text = _final(writing_bot)
    # Tag-like tokens a model echoes are dropped; what is left is shown literally.
    assert text.startswith("Russia, Belarus &amp; Armenia agreed to deploy troops [1].\n\n")


async def test_when_nothing_survives_the_passages_are_the_answer(
    writing_bot: Bot, stub: StubLLM, bot: Bot
) -> None:
    stub.reply = "Uzbekistan agreed to deploy troops [1]."
    bot.index.hits = tuple(HITS)  # ``bot`` is the same bot without a writer
    await writing_bot.send(private("who agreed?"))
    await bot.send(private("who agreed?"))
    assert writing_bot.telegram.sent()[0]["text"] == bot.telegram.sent()[0]["text"]
    assert writing_bot.telegram.edits() == []
    assert stub.requests  # the model was asked; its one sentence was dropped


async def test_a_failing_model_leaves_the_passages_and_logs_why(
    writing_bot: Bot, stub: StubLLM, caplog: pytest.LogCaptureFixture
) -> None:
    stub.status = 500
    with caplog.at_level(logging.WARNING):
        await writing_bot.send(private("who agreed?"))
    [reply] = writing_bot.telegram.sent()
    assert reply["text"].startswith("1. ")
    assert writing_bot.telegram.edits() == []
    assert any(
        "No written answer" in r.getMessage() and "HTTP 500" in r.getMessage()
        for r in caplog.records
    )


def test_the_writer_is_off_unless_configured_and_calibrated() -> None:
    embedder = FakeEmbedder()
    assert answer_writer({}, embedder) is None
    assert answer_writer({"NEWSBOT_LLM_URL": "http://127.0.0.1:9/v1"}, embedder) is None
    with pytest.raises(SettingsError, match="NEWSBOT_LLM_URL must be"):
        answer_writer({"NEWSBOT_LLM_URL": "localhost:8080"}, embedder)


def test_a_calibrated_embedder_gets_a_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(verify.THRESHOLDS, "fake-hash-64", ANY_CLOSENESS)
    writer = answer_writer({"NEWSBOT_LLM_URL": "http://127.0.0.1:9/v1"}, FakeEmbedder())
    assert (
        writer is not None and writer.settings.endpoint == "http://127.0.0.1:9/v1/chat/completions"
    )
    writer.close()
