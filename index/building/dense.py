"""The dense side of retrieval: which FAISS index holds the vectors, how it is built from
them, and how it is searched.

Small indexes search every vector (``flat``, exact). Past ``APPROXIMATE_FROM`` paragraphs
exact search grows too slow for a 2-core machine (about 21 ms at 100k vectors and 250 ms at
1M), so the build switches to an approximate index of 8-bit quantized vectors:

- ``ivf`` (the default): an inverted file of k-means cells over 8-bit scalar-quantized
  vectors, a quarter of the memory of flat. A search scans the nearest cells holding about
  ``IVF_SCAN`` vectors, whatever the corpus size: measured recall@10 against exact search
  0.96 at 100k and 0.97 at 1M paragraphs, in about 3 ms.
- ``hnsw``: a navigable small-world graph over 8-bit vectors. As fast, but its recall fell
  to 0.45 at 1M paragraphs full of near-duplicates (news is syndicated and updated), and it
  builds slower: available by name only.

The kind is chosen at build time (``NEWSBOT_DENSE_INDEX`` or ``newsbot index
--dense-index`` override the size rule) and recorded in the manifest's ``dense_index``;
search parameters are set when the index is loaded. Either way the exact vectors stay in
``vectors.npy``: the candidates' cosines that fusion and the answer floor use are always
exact. Settings were chosen by measurement (BENCHMARKS.md, "Speed and scale").
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import faiss
import numpy as np

from newsbot.index.errors import NewsbotError

FLAT = "flat"
IVF = "ivf"
HNSW = "hnsw"
KINDS = (FLAT, IVF, HNSW)
#: ``auto`` (or nothing) lets the size decide.
AUTO = "auto"
DENSE_INDEX_ENV = "NEWSBOT_DENSE_INDEX"

#: From this many paragraphs on, ``auto`` builds the approximate index.
APPROXIMATE_FROM = 50_000
#: The approximate kind ``auto`` picks.
APPROXIMATE = IVF

#: IVF: about ``IVF_PER_CELL`` vectors per k-means cell, trained on at most
#: ``IVF_TRAIN_PER_CELL`` samples a cell; a search scans enough cells to cover about
#: ``IVF_SCAN`` vectors (all of them in a small index).
IVF_PER_CELL = 256
IVF_TRAIN_PER_CELL = 40
IVF_SCAN = 32_768
#: HNSW: neighbours per node, and the breadth of the search when building and searching.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 192

#: Vectors added to an index per call, so that building never copies every vector at once.
ADD_CHUNK = 65_536


class UnknownDenseIndex(NewsbotError):
    """The dense index kind asked for is not one newsbot knows."""


def choose(paragraphs: int, requested: str | None = None) -> str:
    """Return the kind of dense index to build for ``paragraphs`` vectors: ``requested``,
    else ``NEWSBOT_DENSE_INDEX``, else flat below ``APPROXIMATE_FROM`` and IVF above."""
    kind = (requested or os.environ.get(DENSE_INDEX_ENV) or AUTO).strip().lower()
    if kind == AUTO:
        return APPROXIMATE if paragraphs >= APPROXIMATE_FROM else FLAT
    if kind not in KINDS:
        raise UnknownDenseIndex(
            f"unknown dense index {kind!r}: choose one of {', '.join((AUTO, *KINDS))}"
        )
    return kind


def ivf_cells(paragraphs: int) -> int:
    """Return the number of k-means cells for ``paragraphs`` vectors (a power of two)."""
    wanted = max(paragraphs // IVF_PER_CELL, 1)
    return int(2 ** max(round(math.log2(wanted)), 0))


def ivf_probes(index: faiss.Index) -> int:
    """Return how many cells a search of the IVF ``index`` scans: about ``IVF_SCAN`` vectors."""
    cells = int(faiss.extract_index_ivf(index).nlist)
    per_cell = max(index.ntotal / cells, 1.0)
    return min(cells, max(1, math.ceil(IVF_SCAN / per_cell)))


def build(vectors: np.ndarray, kind: str, seed: int = 0) -> faiss.Index:
    """Build a ``kind`` index over ``vectors`` (unit rows; a memory map is read in chunks)."""
    n, dim = vectors.shape
    index: faiss.Index
    if kind == FLAT or n == 0:
        index = faiss.IndexFlatIP(dim)
    elif kind == HNSW:
        index = faiss.index_factory(dim, f"HNSW{HNSW_M},SQ8", faiss.METRIC_INNER_PRODUCT)
        faiss.downcast_index(index).hnsw.efConstruction = HNSW_EF_CONSTRUCTION  # type: ignore[attr-defined]
        index.train(_sample(vectors, min(n, 65_536), seed))
    elif kind == IVF:
        cells = ivf_cells(n)
        index = faiss.index_factory(dim, f"IVF{cells},SQ8", faiss.METRIC_INNER_PRODUCT)
        faiss.extract_index_ivf(index).cp.seed = seed
        index.train(_sample(vectors, min(n, cells * IVF_TRAIN_PER_CELL), seed))
    else:
        raise UnknownDenseIndex(f"unknown dense index {kind!r}")
    for start in range(0, n, ADD_CHUNK):
        index.add(np.ascontiguousarray(vectors[start : start + ADD_CHUNK], dtype=np.float32))
    return index


def _sample(vectors: np.ndarray, size: int, seed: int) -> np.ndarray:
    """Return ``size`` rows of ``vectors`` drawn without replacement, in row order."""
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size, replace=False))
    return np.ascontiguousarray(vectors[rows], dtype=np.float32)


def configure(index: faiss.Index, kind: str) -> None:
    """Set the search parameters of a loaded ``kind`` index."""
    if kind == IVF:
        faiss.ParameterSpace().set_index_parameter(index, "nprobe", ivf_probes(index))
    elif kind == HNSW:
        faiss.ParameterSpace().set_index_parameter(index, "efSearch", HNSW_EF_SEARCH)


def write(index: faiss.Index, path: Path) -> None:
    """Write ``index`` to ``path``."""
    faiss.write_index(index, str(path))


def load(path: Path, kind: str) -> faiss.Index:
    """Read a dense index written by :func:`write`, ready to search."""
    index = faiss.read_index(str(path))
    configure(index, kind)
    return index
