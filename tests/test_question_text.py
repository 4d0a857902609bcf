"""A question's text as the index reads it: control characters are no text."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import Vectors
from tests.conftest import FakeEmbedder


class RecordingEmbedder(FakeEmbedder):
    """The fake embedder, keeping every query it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.queries.extend(texts)
        return super().embed_queries(texts)


@pytest.fixture
def news(tmp_path: Path) -> Iterator[tuple[NewsIndex, RecordingEmbedder]]:
    folder = tmp_path / "news"
    folder.mkdir()
    record = {
        "id": "flood",
        "source": "antaranews",
        "published": "2021-09-17",
        "title": "Banjir di Bekasi",
        "text": "Banjir merendam ratusan rumah warga di Bekasi setelah hujan deras semalam.",
    }
    (folder / "news.jsonl").write_text(json.dumps(record) + "\n")
    build_index(tmp_path / "idx", [folder], FakeEmbedder())
    embedder = RecordingEmbedder()
    index = NewsIndex.open(tmp_path / "idx", embedder)
    yield index, embedder
    index.close()


@pytest.mark.parametrize(
    "question",
    ["banjir\x00 bekasi", "banjir\x00bekasi", "banjir\x1b[31m bekasi", "banjir\x7f bekasi"],
)
def test_control_characters_in_a_question_are_spaces(
    news: tuple[NewsIndex, RecordingEmbedder], question: str
) -> None:
    # A NUL reaching the model's tokenizer ends the text there (a C string): the question
    # "banjir\x00bekasi" was embedded as "banjir" alone.
    index, embedder = news
    answer = index.ask(question)
    assert not any(ord(c) < 32 or ord(c) == 127 for c in answer.question)
    assert "bekasi" in answer.question and "banjir" in answer.question
    assert embedder.queries and all("\x00" not in q and "\x7f" not in q for q in embedder.queries)


def test_a_question_of_control_characters_alone_is_no_question(
    news: tuple[NewsIndex, RecordingEmbedder],
) -> None:
    index, embedder = news
    answer = index.ask("\x00\x01\x02")
    assert not answer.answered and answer.reason == "not_a_question"
    assert embedder.queries == []
