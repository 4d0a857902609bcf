"""How many passages the rerank reorders, per question language, on a real index."""

from __future__ import annotations

from pathlib import Path

from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.coverage import when
from newsbot.index.coverage.request import read_request
from newsbot.index.defaults import RERANK_DEPTH, RERANK_DEPTHS
from tests.conftest import FakeEmbedder, write_article


def test_english_questions_rerank_deeper_than_indonesian_ones(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for i in range(30):
        write_article(
            news,
            f"a{i:02}.txt",
            f"Banjir di kota {i}",
            f"Banjir melanda kota nomor {i} dan gubernur Papua meninjau lokasi bersama {i} warga.",
        )
    build_index(tmp_path / "idx", [news], fake_embedder)
    index = NewsIndex.open(tmp_path / "idx", fake_embedder)
    try:
        depths = {}
        for language, question in (
            ("en", "Who is the governor of Papua who visited the flood?"),
            ("id", "Siapa gubernur Papua yang meninjau banjir?"),
        ):
            request = read_request(question, index.stories.outlets(), when.now())
            first = index._first_passage(question, request)
            assert first is not None
            (_, asked_in, _, _), ranked, reranked, _ = first
            assert asked_in == language
            assert len(ranked) >= 30
            depths[language] = len(reranked)
            # The passages after the reranked ones follow in fused order, none twice.
            hits = index.ask(question, k=25).hits
            assert len({hit.citation.url or hit.text for hit in hits}) == len(hits) == 25
    finally:
        index.close()
    assert depths == {"en": RERANK_DEPTHS["en"], "id": RERANK_DEPTH}
    assert RERANK_DEPTHS["en"] > RERANK_DEPTH
