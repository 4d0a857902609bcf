"""The answer writer: settings, the prompt, splitting and checking what the model wrote,
and what happens when the endpoint fails; ``newsbot ask --write``. The endpoint is a real
HTTP server on loopback (``tests/llm_stub.py``) answering what each test sets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.bot import cli
from newsbot.index.answering import verify
from newsbot.index.answering.answers import Answer, Citation, Hit
from newsbot.index.answering.writer import (
    AnswerWriter,
    WriterSettings,
    prompt,
    shown,
    split_written,
    written_language,
)
from newsbot.index.building import embedders
from newsbot.index.errors import NewsbotError, WriterUnavailable
from tests.conftest import BORDER, CHILI, TROOPS, FakeEmbedder, write_article
from tests.llm_stub import StubLLM, serve_stub

ANY_CLOSENESS = verify.Thresholds(similarity={"en": -1.0, "id": -1.0}, word_support=0.4)


def _hit(rank: int, text: str) -> Hit:
    citation = Citation("CSTO Kerahkan Pasukan", "PR Cirebon", None, None, "csto.txt", rank, "a")
    return Hit(rank, 1.0, text, 0, len(text), citation)


ANSWER = Answer("who agreed to deploy troops?", True, (_hit(1, TROOPS), _hit(2, BORDER)))


@pytest.fixture
def stub() -> Iterator[StubLLM]:
    with serve_stub() as running:
        yield running


def _writer(stub: StubLLM, **env: str) -> AnswerWriter:
    settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": stub.url, **env})
    assert settings is not None
    return AnswerWriter(settings, FakeEmbedder(), ANY_CLOSENESS)


def test_settings_come_from_the_environment() -> None:
    assert WriterSettings.from_env({}) is None
    settings = WriterSettings.from_env(
        {
            "NEWSBOT_LLM_URL": "http://localhost:8080/v1/",
            "NEWSBOT_LLM_MODEL": "gemma",
            "NEWSBOT_LLM_KEY": "sk-1",
            "NEWSBOT_LLM_TIMEOUT": "5",
        }
    )
    assert settings == WriterSettings(
        "http://localhost:8080/v1/chat/completions", "gemma", "sk-1", 5.0
    )
    full = WriterSettings.from_env(
        {"NEWSBOT_LLM_URL": "https://api.example.com/v1/chat/completions"}
    )
    assert full is not None and full.endpoint == "https://api.example.com/v1/chat/completions"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWSBOT_LLM_URL", "localhost:8080", r"NEWSBOT_LLM_URL must be an http\(s\) URL"),
        ("NEWSBOT_LLM_URL", "ftp://host/v1", r"NEWSBOT_LLM_URL must be an http\(s\) URL"),
        ("NEWSBOT_LLM_TIMEOUT", "soon", "NEWSBOT_LLM_TIMEOUT must be a number"),
        ("NEWSBOT_LLM_TIMEOUT", "0", "NEWSBOT_LLM_TIMEOUT must be a number"),
    ],
)
def test_a_malformed_setting_is_named(name: str, value: str, message: str) -> None:
    env = {"NEWSBOT_LLM_URL": "http://localhost:8080/v1", name: value}
    with pytest.raises(NewsbotError, match=message):
        WriterSettings.from_env(env)


def test_the_prompt_numbers_the_passages_and_names_the_language() -> None:
    [message] = prompt(ANSWER.question, ANSWER.hits, "id")
    assert message["role"] == "user"
    assert "in Indonesian" in message["content"]
    assert f"[1] {TROOPS}" in message["content"] and f"[2] {BORDER}" in message["content"]
    assert message["content"].endswith("Question: who agreed to deploy troops?\nAnswer:")
    assert "Question: berapa harga cabai di Pasar Kramat?" in message["content"]  # the example


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            "Russia agreed [1]. Tajikistan has a border [2].",
            [("Russia agreed [1].", (1,)), ("Tajikistan has a border [2].", (2,))],
        ),
        (
            "Russia agreed. [1] Tajikistan has a border. [2][1]",
            [("Russia agreed [1].", (1,)), ("Tajikistan has a border [2][1].", (2, 1))],
        ),
        (
            "\n[2] Tajikistan has a border.  [/INST]\n\n[1] Russia agreed<end_of_turn>",
            [("Tajikistan has a border [2].", (2,)), ("Russia agreed [1].", (1,))],
        ),
        (
            "- **Russia agreed** [1, 2].\n- No citation here.",
            [("Russia agreed [1, 2].", (1, 2)), ("No citation here.", ())],
        ),
        ("  \n", []),
        ("[1]", []),
    ],
)
def test_the_reply_is_split_into_cited_sentences(
    reply: str, expected: list[tuple[str, tuple[int, ...]]]
) -> None:
    assert split_written(reply) == expected


def test_written_language_goes_by_function_words() -> None:
    assert written_language("Russia agreed to deploy the troops") == "en"
    assert written_language("Rusia setuju untuk mengerahkan pasukan di perbatasan") == "id"
    assert written_language("Rusia, Belarus, Armenia") is None


def test_kept_and_dropped_sentences_each_say_why(stub: StubLLM) -> None:
    stub.reply = (
        "Russia, Belarus and Armenia agreed to deploy troops [1]. "
        "Tajikistan shares a 1,400 km border with Afghanistan [2]. "
        "Kazakhstan also agreed [3]. "
        "Rusia setuju untuk mengerahkan pasukan di perbatasan [1]. "
        "Tajikistan borders Afghanistan [2]."
    )
    writer = _writer(stub)
    written = writer.write(ANSWER, "en")
    writer.close()
    assert [(w.kept, w.why.split(" (")[0].split(":")[0]) for w in written] == [
        (True, "supported"),
        (False, "not in the cited passage"),
        (False, "cites [3]"),
        (False, "more than three sentences"),
        (False, "more than three sentences"),
    ]
    assert written[1].why == "not in the cited passage: number 1,400"
    assert shown(written) == ["Russia, Belarus and Armenia agreed to deploy troops [1]."]


def test_a_sentence_in_the_other_language_or_without_citation_is_dropped(stub: StubLLM) -> None:
    stub.reply = "Rusia setuju untuk mengerahkan pasukan di perbatasan [1]. Russia agreed."
    written = _writer(stub).write(ANSWER, "en")
    assert [(w.kept, w.why) for w in written] == [
        (False, "not written in English"),
        (False, "cites no passage"),
    ]
    assert shown(written) == []


def test_the_request_is_an_openai_chat_completion(stub: StubLLM) -> None:
    stub.reply = "Russia agreed to deploy troops [1]."
    _writer(stub, NEWSBOT_LLM_MODEL="gemma", NEWSBOT_LLM_KEY="sk-test").write(ANSWER, "en")
    [request] = stub.requests
    assert request["model"] == "gemma" and request["temperature"] == 0
    assert request["messages"][0]["role"] == "user"
    assert stub.headers[0]["Authorization"] == "Bearer sk-test"


def test_an_unanswered_question_asks_no_model(stub: StubLLM) -> None:
    assert _writer(stub).write(Answer("harga emas?", False), "id") == []
    assert stub.requests == []


@pytest.mark.parametrize(
    ("status", "body", "delay", "message"),
    [
        (500, None, 0.0, "answered HTTP 500"),
        (200, b"<html>not json</html>", 0.0, "did not answer as an OpenAI-compatible chat API"),
        (200, b'{"choices": []}', 0.0, "did not answer as an OpenAI-compatible chat API"),
        (200, None, 3.0, "no answer from .* within 0.5 s"),
    ],
)
def test_a_failing_endpoint_raises_writer_unavailable(
    stub: StubLLM, status: int, body: bytes | None, delay: float, message: str
) -> None:
    stub.status, stub.body, stub.delay = status, body, delay
    with pytest.raises(WriterUnavailable, match=message):
        _writer(stub, NEWSBOT_LLM_TIMEOUT="0.5").write(ANSWER, "en")


def test_an_unreachable_endpoint_raises_writer_unavailable() -> None:
    with serve_stub() as gone:
        url = gone.url
    settings = WriterSettings.from_env({"NEWSBOT_LLM_URL": url})
    assert settings is not None
    with pytest.raises(WriterUnavailable, match="cannot reach"):
        AnswerWriter(settings, FakeEmbedder(), ANY_CLOSENESS).write(ANSWER, "en")


# The command line


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An index of the CSTO and chili articles built with the fake embedder, which gets
    thresholds that let the fact checks alone decide."""
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    monkeypatch.setitem(verify.THRESHOLDS, "fake-hash-64", ANY_CLOSENESS)
    for name in ("NEWSBOT_INDEX_DIR", "NEWSBOT_MODEL", "NEWSBOT_SOURCES", "NEWSBOT_LLM_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "csto.txt", "CSTO Kerahkan Pasukan", TROOPS, BORDER)
    write_article(folder, "cabai.txt", "Harga Cabai Naik", CHILI)
    assert cli.main(["index", str(folder)]) == 0
    return folder


QUESTION = "siapa yang setuju mengerahkan pasukan militer di perbatasan?"


def test_ask_write_json_reports_every_sentence(
    news: Path, stub: StubLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setenv("NEWSBOT_LLM_URL", stub.url)
    stub.reply = (
        "Rusia, Belarus dan Armenia setuju untuk mengerahkan pasukan militer [1]. "
        "Uzbekistan juga setuju untuk mengerahkan pasukan [1]."
    )
    assert cli.main(["ask", "--write", "--json", QUESTION]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answered"] and out["hits"][0]["text"].startswith("Sekretaris Jenderal CSTO")
    assert [(w["kept"], w["citations"]) for w in out["written"]] == [(True, [1]), (False, [1])]
    assert out["written"][1]["why"] == "not in the cited passage: name Uzbekistan"
    assert set(out["written"][0]) == {"text", "citations", "kept", "why"}


def test_ask_write_shows_only_kept_sentences_above_the_passages(
    news: Path, stub: StubLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setenv("NEWSBOT_LLM_URL", stub.url)
    stub.reply = (
        "Rusia, Belarus dan Armenia setuju untuk mengerahkan pasukan militer [1]. "
        "Uzbekistan juga setuju untuk mengerahkan pasukan [1]."
    )
    assert cli.main(["ask", "--write", QUESTION]) == 0
    out = capsys.readouterr().out
    first, passages = out.split("\n\n", 1)
    assert first == "Rusia, Belarus dan Armenia setuju untuk mengerahkan pasukan militer [1]."
    assert "Uzbekistan" not in out
    assert passages.startswith("1. ")


def test_without_write_nothing_is_written_or_asked(
    news: Path, stub: StubLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setenv("NEWSBOT_LLM_URL", stub.url)
    assert cli.main(["ask", "--json", QUESTION]) == 0
    assert "written" not in json.loads(capsys.readouterr().out)
    assert stub.requests == []


def test_a_failing_endpoint_leaves_the_passages_as_the_answer(
    news: Path, stub: StubLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setenv("NEWSBOT_LLM_URL", stub.url)
    stub.status = 503
    assert cli.main(["ask", "--write", "--json", QUESTION]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["written"] == [] and out["hits"]
    [warning] = captured.err.strip().splitlines()
    assert warning.startswith("newsbot: warning: no written answer (") and "HTTP 503" in warning


def test_write_without_a_model_is_a_one_line_error(
    news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli.main(["ask", "--write", QUESTION]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbot: error: --write needs a model: set NEWSBOT_LLM_URL")
    assert len(err.splitlines()) == 1


def test_write_with_an_uncalibrated_embedder_is_a_one_line_error(
    news: Path, stub: StubLLM, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setenv("NEWSBOT_LLM_URL", stub.url)
    monkeypatch.delitem(verify.THRESHOLDS, "fake-hash-64")
    assert cli.main(["ask", "--write", QUESTION]) == 1
    assert "fake-hash-64 has none" in capsys.readouterr().err
