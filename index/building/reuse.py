"""The vectors a build can reuse instead of embedding again, found by key.

A vector's key hashes the embedder's name with the hash of the text it embedded, so a key
found anywhere names the right vector for this model: in the live version (``keys.npy``,
or its metadata), in an older version kept beside it, or in the journal of a build that
was killed. Only intact vectors are offered: a version file that matches its checksum
whole, else each row that is a finite unit vector.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from dataclasses import dataclass, field

import faiss
import numpy as np

from newsbot.index.building import integrity, store

log = logging.getLogger(__name__)

#: A stored row counts as a unit vector when its norm is this close to 1.
UNIT_TOLERANCE = 1e-3
_CHUNK = 65_536


def vector_key(embedder: str, context_hash: str) -> bytes:
    """The key of the vector ``embedder`` makes of the text hashed as ``context_hash``."""
    return hashlib.sha1(f"{embedder}\n{context_hash}".encode()).hexdigest().encode("ascii")


@dataclass
class VectorPool:
    """Reusable vectors by key, from any number of sources (arrays or memory maps)."""

    dim: int
    _sources: list[np.ndarray] = field(default_factory=list)
    _where: dict[bytes, tuple[int, int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._where)

    def add(self, keys: np.ndarray, vectors: np.ndarray, usable: np.ndarray | None = None) -> int:
        """Offer ``vectors`` (rows of ``keys``; only rows where ``usable`` is true); return
        how many new keys were offered."""
        if vectors.ndim != 2 or vectors.shape[1] != self.dim or len(keys) != len(vectors):
            return 0
        source = len(self._sources)
        self._sources.append(vectors)
        before = len(self._where)
        for row, key in enumerate(keys.tolist()):
            if usable is None or usable[row]:
                self._where.setdefault(bytes(key), (source, row))
        return len(self._where) - before

    def get(self, key: bytes) -> np.ndarray | None:
        """The vector stored under ``key``, or None."""
        found = self._where.get(key)
        if found is None:
            return None
        source, row = found
        return np.asarray(self._sources[source][row], dtype=np.float32)


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Which rows of ``vectors`` are finite unit vectors (a memory map is read in chunks)."""
    usable = np.zeros(len(vectors), dtype=bool)
    for start in range(0, len(vectors), _CHUNK):
        chunk = np.asarray(vectors[start : start + _CHUNK], dtype=np.float64)
        with np.errstate(all="ignore"):
            norms = np.linalg.norm(chunk, axis=1)
        usable[start : start + _CHUNK] = np.isfinite(norms) & (np.abs(norms - 1) < UNIT_TOLERANCE)
    return usable


def offer_version(pool: VectorPool, check: integrity.VersionCheck, embedder: str) -> int:
    """Offer the intact vectors of the checked version to ``pool``; return how many were
    offered: from ``vectors.npy``, else (when it is lost) from an exact (flat) ``dense.faiss``,
    which holds the same vectors. Nothing is offered when their keys are lost too."""
    vectors = _stored_vectors(check, pool.dim)
    whole = check.checksummed and check.intact(store.VECTORS)
    if vectors is None:
        vectors, whole = _flat_vectors(check, pool.dim), False
    if vectors is None:
        return 0
    keys = _version_keys(check, embedder, len(vectors))
    if keys is None:
        return 0
    try:
        usable = None if whole else unit_rows(vectors)
    except integrity.READ_ERRORS:  # a memory map of a file truncated since it was opened
        return 0
    return pool.add(keys, vectors, usable)


def _stored_vectors(check: integrity.VersionCheck, dim: int) -> np.ndarray | None:
    """A version's ``vectors.npy``, memory-mapped, if it opens as ``dim``-wide vectors."""
    try:
        vectors: np.ndarray = np.load(
            check.version / store.VECTORS, mmap_mode="r", allow_pickle=False
        )
    except integrity.READ_ERRORS:
        return None
    if vectors.ndim != 2 or vectors.dtype != np.float32 or vectors.shape[1] != dim:
        return None
    return vectors


def _flat_vectors(check: integrity.VersionCheck, dim: int) -> np.ndarray | None:
    """The exact vectors an intact flat ``dense.faiss`` holds (approximate kinds hold 8-bit
    copies: not reused)."""
    if not check.intact(store.DENSE) or not (check.version / store.DENSE).is_file():
        return None
    try:
        index = faiss.read_index(str(check.version / store.DENSE))
        if not isinstance(index, faiss.IndexFlat) or index.d != dim:
            return None
        vectors: np.ndarray = index.reconstruct_n(0, index.ntotal)
        return np.ascontiguousarray(vectors, dtype=np.float32)
    except integrity.READ_ERRORS:
        return None


def _version_keys(check: integrity.VersionCheck, embedder: str, rows: int) -> np.ndarray | None:
    """The keys of a version's vectors, from ``keys.npy`` or else from its metadata."""
    version = check.version
    if check.intact(store.KEYS):
        try:
            keys: np.ndarray = np.load(version / store.KEYS, allow_pickle=False)
            if keys.ndim == 1 and keys.dtype.kind == "S" and len(keys) == rows:
                return keys
        except integrity.READ_ERRORS:
            pass
    # A version written before keys were stored: its metadata names the texts, and its
    # manifest the model (read as written when it is of another format).
    built_by = check.manifest.embedder if check.manifest else store.recorded_embedder(version)
    if not check.intact(store.META) or built_by != embedder:
        return None
    try:
        conn = store.connect_readonly(version)
    except integrity.DAMAGE_ERRORS:
        return None
    try:
        hashes = [h for (h,) in conn.execute("SELECT context_hash FROM paragraphs ORDER BY row")]
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    if len(hashes) != rows:
        return None
    return np.array([vector_key(embedder, h) for h in hashes], dtype="S40")
