"""The written answer streamed into the reply: the passages come at once, the first
message is then edited sentence by sentence as the model writes, throttled, never with an
unchecked sentence, ending as the whole written answer renders. The model is a real HTTP
endpoint on loopback (``tests/llm_stub.py``) streaming server-sent events."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsbot.bot.app import build_application
from newsbot.bot.handlers import PAGE
from newsbot.bot.live import LiveIndex
from newsbot.bot.messages import messages_for
from newsbot.bot.render import render_passages
from newsbot.bot.settings import BotSettings
from newsbot.index.answering import verify
from newsbot.index.answering.writer import AnswerWriter, WriterSettings
from newsbot.index.reading.feeds import plan_sources
from tests.bot.conftest import Bot
from tests.bot.fakes import FakeBuilder, FakeIndex, FakeTelegram, make_hit, private
from tests.conftest import BORDER, CHILI, TROOPS, FakeEmbedder
from tests.llm_stub import StubLLM, serve_stub

ANY_CLOSENESS = verify.Thresholds(similarity={"en": -1.0, "id": -1.0}, word_support=0.4)
HITS = [
    make_hit(1, TROOPS, TROOPS),
    make_hit(2, BORDER, BORDER),
    make_hit(3, CHILI, CHILI),
    make_hit(4, "Zas said the members agreed.", "Zas said the members agreed."),
]
FIRST = "Russia, Belarus and Armenia agreed to deploy troops [1]."
WRONG = "Tajikistan shares a 1,400 km border with Afghanistan [2]."  # the passage: 1.300
THIRD = "Belarus and Armenia agreed to deploy troops with Russia [1]."
EVERY = 0.3  # NEWSBOT_PROGRESS_SECONDS in these tests


class TimedTelegram(FakeTelegram):
    """The fake Bot API, noting when (``time.monotonic``) each call arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[tuple[str, float]] = []

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        self.times.append((url.rsplit("/", 1)[-1], time.monotonic()))
        return await super().do_request(url, method, *args, **kwargs)

    def when(self, method: str) -> list[float]:
        return [t for name, t in self.times if name == method]


@pytest.fixture
def stub() -> Iterator[StubLLM]:
    with serve_stub() as running:
        yield running


class BrokenEmbedder(FakeEmbedder):
    """An embedder with a bug: checking any sentence raises."""

    def embed_queries(self, texts: Any) -> Any:
        raise RuntimeError("a bug in the embedder")

    def embed_passages(self, texts: Any) -> Any:
        raise RuntimeError("a bug in the embedder")


async def _bot(
    settings: BotSettings,
    stub: StubLLM,
    tmp_path: Path,
    hits: list[Any],
    embedder: FakeEmbedder | None = None,
    **env: str,
) -> AsyncIterator[Bot]:
    writer_settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": stub.url, **env})
    assert writer_settings is not None
    writer = AnswerWriter(writer_settings, embedder or FakeEmbedder(), ANY_CLOSENESS)
    index, builder = FakeIndex(hits), FakeBuilder()
    live = LiveIndex(index, reopen=lambda: FakeIndex(hits), build=builder)
    app = build_application(
        settings,
        live,
        lambda: plan_sources(tmp_path / "idx", settings.sources, {}),
        request=TimedTelegram(),
        writer=writer,
    )
    await app.initialize()
    try:
        yield Bot(app, app.bot.request, index, builder, live, [])  # type: ignore[arg-type]
    finally:
        await app.shutdown()
        writer.close()


@pytest.fixture
async def streaming_bot(settings: BotSettings, stub: StubLLM, tmp_path: Path) -> AsyncIterator[Bot]:
    async for bot in _bot(replace(settings, progress_seconds=EVERY), stub, tmp_path, HITS):
        yield bot


def _telegram(bot: Bot) -> TimedTelegram:
    assert isinstance(bot.telegram, TimedTelegram)
    return bot.telegram


async def test_sentences_are_added_as_checked_throttled_and_end_as_the_whole_answer(
    streaming_bot: Bot, stub: StubLLM
) -> None:
    stub.reply = f"{FIRST} {WRONG} {THIRD}"
    stub.chunk_delay = 0.03  # ~26 chunks: the model takes about 0.8 s
    await streaming_bot.send(private("who agreed to deploy troops?"))
    telegram = _telegram(streaming_bot)
    [reply] = telegram.sent()
    [sent_at] = telegram.when("sendMessage")
    edited_at = telegram.when("editMessageText")
    edits = telegram.edits()
    english = messages_for("en")
    # The passages arrived before the model had written its first word.
    assert reply["text"] == render_passages(HITS[:PAGE], english)[0]
    assert sent_at < stub.streamed[1]
    # The first sentence was shown while the model was still writing.
    assert edited_at[0] < stub.streamed[-1]
    # Each edit shows the checked sentences so far; the unsupported one never.
    steps = [render_passages(HITS[:PAGE], english, written=w)[0] for w in ([FIRST], [FIRST, THIRD])]
    assert all(edit in steps for edit in edits)
    assert all("1,400" not in edit and "Tajikistan shares" not in edit for edit in edits)
    # At most one edit per NEWSBOT_PROGRESS_SECONDS, counted from the reply.
    gaps = [b - a for a, b in zip([sent_at, *edited_at], edited_at, strict=False)]
    assert min(gaps) >= EVERY * 0.95, gaps
    # The end is what the whole written answer renders, buttons included.
    assert edits[-1] == steps[-1]
    markups = [p["reply_markup"] for p in telegram.sent("editMessageText")]
    assert all(markup == reply["reply_markup"] for markup in markups)


async def test_quick_sentences_share_one_edit(streaming_bot: Bot, stub: StubLLM) -> None:
    stub.reply = f"{FIRST} {THIRD}"  # written well within one throttle period
    await streaming_bot.send(private("who agreed to deploy troops?"))
    [edit] = _telegram(streaming_bot).edits()
    assert edit.startswith(f"{FIRST} {THIRD}\n\n1. ")


async def test_without_progress_reports_the_sentences_come_in_one_edit(
    settings: BotSettings, stub: StubLLM, tmp_path: Path
) -> None:
    stub.reply = f"{FIRST} {WRONG} {THIRD}"
    stub.chunk_delay = 0.01
    async for bot in _bot(replace(settings, progress_seconds=0), stub, tmp_path, HITS):
        await bot.send(private("who agreed to deploy troops?"))
        [edit] = _telegram(bot).edits()
        assert edit.startswith(f"{FIRST} {THIRD}\n\n1. ")


async def test_a_timeout_keeps_the_checked_sentences_already_shown(
    settings: BotSettings, stub: StubLLM, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stub.chunks = [FIRST + " ", "Tajikistan", *[" and"] * 30]
    stub.chunk_delay = 0.1
    bots = _bot(
        replace(settings, progress_seconds=0.2),
        stub,
        tmp_path,
        HITS,
        **{"NEWSBOT_LLM_TIMEOUT": "1"},
    )
    async for bot in bots:
        with caplog.at_level(logging.WARNING):
            await bot.send(private("who agreed to deploy troops?"))
        telegram = _telegram(bot)
        assert telegram.texts()[0].startswith("1. ")
        assert telegram.edits()[-1].startswith(f"{FIRST}\n\n1. ")
        assert "and and" not in telegram.edits()[-1]
        assert any("No written answer" in r.getMessage() for r in caplog.records)


async def test_a_failing_model_leaves_the_passages_untouched(
    streaming_bot: Bot, stub: StubLLM
) -> None:
    stub.status = 503
    await streaming_bot.send(private("who agreed to deploy troops?"))
    assert _telegram(streaming_bot).edits() == []
    assert _telegram(streaming_bot).texts()[0].startswith("1. ")


async def test_a_bug_while_checking_leaves_the_passages_and_is_logged(
    settings: BotSettings, stub: StubLLM, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stub.reply = f"{FIRST} {THIRD}"
    async for bot in _bot(settings, stub, tmp_path, HITS, BrokenEmbedder()):
        with caplog.at_level(logging.ERROR):
            await bot.send(private("who agreed to deploy troops?"))
        telegram = _telegram(bot)
        assert telegram.texts() == render_passages(HITS[:PAGE], messages_for("en"))
        assert telegram.edits() == []
        assert any("The written answer failed" in r.getMessage() for r in caplog.records)


def _cited(rank: int, url_length: int) -> Any:
    """A passage whose citation (its long address) takes ``url_length`` of the message."""
    url = "https://example.com/" + "x" * url_length
    return make_hit(rank, TROOPS, TROOPS, url=url)


async def test_a_reply_of_several_pages_keeps_its_pages_and_buttons(
    settings: BotSettings, stub: StubLLM, tmp_path: Path
) -> None:
    hits = [_cited(rank, 1200) for rank in range(1, 5)]
    english = messages_for("en")
    plain = render_passages(hits[:PAGE], english)
    assert len(plain) == PAGE  # the passages alone already take a message each
    stub.reply = FIRST
    async for bot in _bot(replace(settings, progress_seconds=0.05), stub, tmp_path, hits):
        await bot.send(private("who agreed to deploy troops?"))
        telegram = _telegram(bot)
        pages = telegram.sent()
        assert [p["text"] for p in pages] == plain
        [edit] = telegram.sent("editMessageText")
        # Only the first page is edited; the buttons stay under the last one.
        assert edit["message_id"] == telegram.messages[0]["message_id"]
        assert "reply_markup" not in edit and "reply_markup" in pages[-1]
        headed = render_passages(hits[:PAGE], english, written=[FIRST])
        assert edit["text"] == headed[0] and headed[1:] == plain[1:]


@pytest.mark.parametrize("sentences", [[FIRST], [FIRST, THIRD]])
async def test_a_sentence_that_would_split_the_reply_is_left_out(
    settings: BotSettings, stub: StubLLM, tmp_path: Path, sentences: list[str]
) -> None:
    english = messages_for("en")
    # The longest addresses that still let the passages share one message.
    length = max(
        n
        for n in range(600, 1400, 5)
        if len(render_passages([_cited(r, n) for r in range(1, 4)], english)) == 1
    )
    hits = [_cited(rank, length) for rank in range(1, 5)]
    assert len(render_passages(hits[:PAGE], english, written=sentences[:1])) > 1
    stub.reply = " ".join(sentences)
    async for bot in _bot(replace(settings, progress_seconds=0.05), stub, tmp_path, hits):
        await bot.send(private("who agreed to deploy troops?"))
        telegram = _telegram(bot)
        assert telegram.texts() == render_passages(hits[:PAGE], english)
        assert telegram.edits() == []
