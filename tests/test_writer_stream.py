"""The streaming writer: sentences come out one by one as the model finishes them, each
checked as the whole reply would check it. The endpoint is a real HTTP server on loopback
(``tests/llm_stub.py``) streaming server-sent events the way the OpenAI API does."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from newsbot.index.answering import verify
from newsbot.index.answering.writer import AnswerWriter, WriterSettings, WrittenSentence
from newsbot.index.errors import WriterUnavailable
from tests.conftest import FakeEmbedder
from tests.llm_stub import StubLLM, serve_stub
from tests.test_writer import ANSWER

ANY_CLOSENESS = verify.Thresholds(similarity={"en": -1.0, "id": -1.0}, word_support=0.4)
MIXED = (
    "Russia, Belarus and Armenia agreed to deploy troops [1]. "
    "Tajikistan shares a 1,400 km border with Afghanistan [2]. "
    "Kazakhstan also agreed [3]. "
    "Rusia setuju untuk mengerahkan pasukan di perbatasan [1]. "
    "Tajikistan borders Afghanistan [2]."
)
REPLIES = [
    MIXED,
    "Russia agreed to deploy troops. [1] Tajikistan shares a border with Afghanistan. [2][1]",
    "\n[2] Tajikistan shares a border with Afghanistan.  [/INST]\n\n[1] Russia agreed<end_of_turn>",
    "- **Russia, Belarus and Armenia agreed** [1, 2].\n- No citation here.",
    "Answer: Russia, Belarus and Armenia agreed to deploy troops [1]",
    "  \n",
]


@pytest.fixture
def stub() -> Iterator[StubLLM]:
    with serve_stub() as running:
        yield running


def _writer(stub: StubLLM, **env: str) -> AnswerWriter:
    settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": stub.url, **env})
    assert settings is not None
    return AnswerWriter(settings, FakeEmbedder(), ANY_CLOSENESS)


def _verdicts(written: list[WrittenSentence]) -> list[tuple[str, bool, str]]:
    return [(w.text, w.kept, w.why) for w in written]


@pytest.mark.parametrize("reply", REPLIES)
@pytest.mark.parametrize("cut", ["characters", "words", "whole"])
def test_streamed_sentences_are_those_the_whole_reply_gives(
    stub: StubLLM, reply: str, cut: str
) -> None:
    writer = _writer(stub)
    stub.reply = reply
    whole = writer.write(ANSWER, "en")[:3]
    stub.chunks = {"characters": list(reply), "words": None, "whole": [reply]}[cut]
    streamed = list(writer.stream(ANSWER, "en"))
    writer.close()
    assert _verdicts(streamed) == _verdicts(whole)
    assert stub.requests[-1]["stream"] is True and stub.requests[0]["stream"] is False


def test_a_sentence_comes_out_checked_before_the_model_has_finished(stub: StubLLM) -> None:
    stub.reply = MIXED
    stub.chunk_delay = 0.02
    writer = _writer(stub)
    chunks_sent = []
    kept = []
    for sentence in writer.stream(ANSWER, "en"):
        chunks_sent.append(len(stub.streamed))
        kept.append(sentence.kept)
    writer.close()
    words = len(MIXED.split(" "))
    # The first sentence (8 words) is out while most of the reply is still unwritten.
    assert chunks_sent[0] < words // 2
    assert chunks_sent == sorted(chunks_sent)
    assert kept == [True, False, False]


def test_reading_stops_after_three_sentences(stub: StubLLM) -> None:
    stub.reply = MIXED + " Russia agreed [1]." * 30
    stub.chunk_delay = 0.01  # the server writes slower than the client reads
    writer = _writer(stub)
    streamed = list(writer.stream(ANSWER, "en"))
    writer.close()
    assert len(streamed) == 3
    # The connection was dropped early: the server never got to write all the chunks.
    assert len(stub.streamed) < len(stub.reply.split(" ")) // 2


def test_a_marker_after_the_full_stop_waits_for_the_next_sentence(stub: StubLLM) -> None:
    stub.chunks = ["Russia, Belarus and Armenia agreed to deploy troops.", " [", "1", "]"]
    writer = _writer(stub)
    [sentence] = writer.stream(ANSWER, "en")
    writer.close()
    assert (sentence.text, sentence.citations, sentence.kept) == (
        "Russia, Belarus and Armenia agreed to deploy troops [1].",
        (1,),
        True,
    )


def test_a_slow_stream_times_out_after_what_it_already_gave(stub: StubLLM) -> None:
    stub.chunks = ["Russia, Belarus and Armenia agreed to deploy troops [1]. ", "Tajikistan"]
    stub.chunks += [" and"] * 20
    stub.chunk_delay = 0.1
    writer = _writer(stub, NEWSBOT_LLM_TIMEOUT="0.8")
    given = []
    with pytest.raises(WriterUnavailable, match=r"no whole answer from .* within 0\.8 s"):
        for sentence in writer.stream(ANSWER, "en"):
            given.append(sentence.kept)
    writer.close()
    assert given == [True]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, None, "answered HTTP 500"),
        (200, b"not json", "did not answer as an OpenAI-compatible chat API"),
    ],
)
def test_a_failing_endpoint_is_unavailable(
    stub: StubLLM, status: int, body: bytes | None, message: str
) -> None:
    stub.status, stub.body = status, body
    writer = _writer(stub)
    with pytest.raises(WriterUnavailable, match=message):
        list(writer.stream(ANSWER, "en"))
    writer.close()


def test_an_endpoint_that_does_not_stream_still_serves(stub: StubLLM) -> None:
    reply = "Russia, Belarus and Armenia agreed to deploy troops [1]."
    completion = {"choices": [{"index": 0, "message": {"role": "assistant", "content": reply}}]}
    stub.body = json.dumps(completion).encode()
    writer = _writer(stub)
    assert [(s.text, s.kept) for s in writer.stream(ANSWER, "en")] == [(reply, True)]
    writer.close()


def test_nothing_is_asked_without_passages(stub: StubLLM) -> None:
    writer = _writer(stub)
    unanswered = ANSWER.__class__(ANSWER.question, False, ())
    assert list(writer.stream(unanswered, "en")) == []
    writer.close()
    assert stub.requests == []
