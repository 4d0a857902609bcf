"""Shared fixtures: a deterministic fake embedder, the real model, the shared data."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import Embedder, Vectors, load_embedder
from newsbot.index.building.lexical import tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "index" / "sample"


class FakeEmbedder:
    """Hashes lexical tokens into a small vector: texts sharing words are close. Counts what
    it embeds, so tests can tell whether anything was embedded again."""

    def __init__(self, dim: int = 64, name: str = "fake-hash-64") -> None:
        self.name = name
        self.dim = dim
        self.passages_embedded = 0
        self.queries_embedded = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in tokenize(text) or [text.lower()]:
            digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        return vector / (np.linalg.norm(vector) or 1.0)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.passages_embedded += len(texts)
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(-1, self.dim)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.queries_embedded += len(texts)
        return np.array([self._vector(t) for t in texts], dtype=np.float32).reshape(-1, self.dim)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    """The default model (multilingual-e5-small, 4-bit); it loads in milliseconds."""
    return load_embedder()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared development data beside the checkout; tests needing it skip without it."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("the shared development data (../shared) is not beside this checkout")
    return SHARED


TROOPS = (
    "Sekretaris Jenderal CSTO Stanislav Zas mengatakan Rusia, Belarus dan Armenia setuju "
    "untuk mengerahkan pasukan militer di sepanjang perbatasan."
)
BORDER = "Tajikistan memiliki perbatasan bersama Afghanistan sepanjang 1.300 kilometer di selatan."
CHILI = "Harga cabai rawit di pasar induk Jakarta naik dua kali lipat menjelang hari raya."


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A folder of two small articles: CSTO troops and the border (two paragraphs), chili."""
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "csto.txt", "CSTO Kerahkan Pasukan", TROOPS, BORDER)
    write_article(folder, "cabai.txt", "Harga Cabai Naik", CHILI)
    return folder


@pytest.fixture(scope="session")
def sample_index(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder
) -> Iterator[NewsIndex]:
    """The sample corpus newsbot ships (the seed article among 30 others), indexed once with
    the real model, as the CLI's first run builds it."""
    from newsbot.bot.cli import sample_sources

    index_dir = tmp_path_factory.mktemp("sample") / "idx"
    build_index(index_dir, sample_sources(), real_embedder)
    news = NewsIndex.open(index_dir, real_embedder)
    yield news
    news.close()


def write_article(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    """Write a plain-text article dump (headline, date line, body) and return its path."""
    path = folder / name
    body = "\n\n".join(paragraphs)
    path.write_text(f"{title}\n\n- 17 September 2021, 16:30 WIB\n\n{body}\n", encoding="utf-8")
    return path


#: The settings a command-line test must not inherit from the shell that runs it.
CLI_SETTINGS = (
    "NEWSBOT_INDEX_DIR",
    "NEWSBOT_MODEL",
    "NEWSBOT_SOURCES",
    "NEWSBOT_STORE",
    "NEWSBOT_CONFIG",
)


def cli_news_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Prepare a command-line test: the CLI embeds with the fake embedder, no newsbot
    setting comes from the environment, the current folder is ``tmp_path``; return the
    empty folder ``tmp_path/news`` for its articles."""
    from newsbot.index.building import embedders

    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    for name in CLI_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "news"
    folder.mkdir()
    return folder


_PROGRESS = re.compile(r"[\w ]+: \d+/\d+ paragraphs \(\d+%\)")


def without_progress(stderr: str) -> str:
    """``stderr`` of a command without the build's progress lines (``newsbot index`` writes
    one at every tenth of its embedding when stderr is no terminal): what it *said*."""
    return "\n".join(line for line in stderr.splitlines() if not _PROGRESS.fullmatch(line))
