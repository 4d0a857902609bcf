"""The dense index: exact below a size, approximate (IVF or HNSW over 8-bit vectors) above
it, overridable, recorded in the manifest, answering like exact search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsbot.bot.cli import main
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building import dense, store
from newsbot.index.building.build import build_index
from tests.conftest import BORDER, FakeEmbedder

QUESTION = "berapa panjang perbatasan Tajikistan dengan Afghanistan?"


@pytest.fixture(autouse=True)
def no_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(dense.DENSE_INDEX_ENV, raising=False)


def kind_of(index_dir: Path) -> str:
    return store.read_manifest(store.live_version(index_dir)).dense_index


def top_hit(index_dir: Path, embedder: FakeEmbedder) -> str:
    news = NewsIndex.open(index_dir, embedder)
    try:
        answer = news.ask(QUESTION)
    finally:
        news.close()
    assert answer.answered
    return answer.hits[0].text


def test_small_index_is_exact(tmp_path: Path, sources: Path) -> None:
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    assert kind_of(tmp_path / "idx") == dense.FLAT


def test_past_the_threshold_the_index_turns_approximate_and_answers_the_same(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = FakeEmbedder()
    build_index(tmp_path / "exact", [sources], embedder)
    monkeypatch.setattr(dense, "APPROXIMATE_FROM", 3)
    build_index(tmp_path / "approx", [sources], embedder)
    assert kind_of(tmp_path / "approx") == dense.APPROXIMATE
    assert top_hit(tmp_path / "approx", embedder) == top_hit(tmp_path / "exact", embedder) == BORDER


def test_environment_overrides_the_size_rule(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "APPROXIMATE_FROM", 3)
    monkeypatch.setenv(dense.DENSE_INDEX_ENV, "flat")
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    assert kind_of(tmp_path / "idx") == dense.FLAT


def test_changing_the_kind_rebuilds_without_article_changes(tmp_path: Path, sources: Path) -> None:
    embedder = FakeEmbedder()
    build_index(tmp_path / "idx", [sources], embedder)
    report = build_index(tmp_path / "idx", [sources], embedder, dense_index="hnsw")
    assert report.changed and report.embedded == 0
    assert kind_of(tmp_path / "idx") == dense.HNSW
    assert top_hit(tmp_path / "idx", embedder) == BORDER
    again = build_index(tmp_path / "idx", [sources], embedder, dense_index="hnsw")
    assert not again.changed


def test_unknown_kind_is_refused(tmp_path: Path, sources: Path) -> None:
    with pytest.raises(dense.UnknownDenseIndex, match="unknown dense index 'annoy'"):
        build_index(tmp_path / "idx", [sources], FakeEmbedder(), dense_index="annoy")


def test_cli_option_records_the_kind(
    tmp_path: Path,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(
        "newsbot.index.building.embedders.load_embedder", lambda model=None: FakeEmbedder()
    )
    code = main(
        ["index", "--index-dir", str(tmp_path / "idx"), "--dense-index", "ivf", str(sources)]
    )
    assert code == 0
    assert kind_of(tmp_path / "idx") == dense.IVF


@pytest.mark.parametrize("kind", [dense.IVF, dense.HNSW])
def test_approximate_index_finds_the_exact_top_hit(kind: str) -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(40, 32)).astype(np.float32)
    vectors = centres[rng.integers(0, 40, 4000)] + rng.normal(0, 0.3, (4000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[:50] + rng.normal(0, 0.05, (50, 32)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    index = dense.build(vectors, kind)
    dense.configure(index, kind)
    _, found = index.search(queries, 1)
    exact = np.argmax(queries @ vectors.T, axis=1)
    assert (found[:, 0] == exact).mean() >= 0.95


def test_ivf_scans_a_fixed_number_of_vectors() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(3000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = dense.build(vectors, dense.IVF)
    assert dense.ivf_probes(index) == 8  # a small index: every cell


def test_cells_grow_with_the_corpus() -> None:
    assert dense.ivf_cells(100) == 1
    assert dense.ivf_cells(100_000) == 512
    assert dense.ivf_cells(1_000_000) == 4096
