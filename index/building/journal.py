"""Vectors embedded by a build, kept durably as it goes, so that a killed build resumes.

While a build embeds, every ``DURABLE_BATCH`` new vectors are written with their keys to
one file in the index directory's ``embedded/`` folder: written under a temporary name,
synced, renamed into place, and the folder synced. A build killed at any point (SIGKILL,
power loss) loses at most the batch it was writing; the next build reads every complete
batch and reuses its vectors. A successful build clears the journal: its vectors are then
in the live version.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from newsbot.index.building import integrity
from newsbot.index.defaults import DURABLE_BATCH

log = logging.getLogger(__name__)

JOURNAL = "embedded"
_BATCH = "batch-"
_TMP = ".tmp-"


class Journal:
    """The durable batches of vectors of the builds of one index directory."""

    def __init__(self, index_dir: Path, batch: int = DURABLE_BATCH) -> None:
        self.folder = index_dir / JOURNAL
        self.batch = batch
        self._keys: list[np.ndarray] = []
        self._vectors: list[np.ndarray] = []
        self._pending = 0

    def batches(self, dim: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield (keys, vectors) of every complete batch of ``dim``-wide vectors; a batch
        that cannot be read is passed over (it is only a cache)."""
        if not self.folder.is_dir():
            return
        unreadable = 0
        for path in sorted(self.folder.glob(f"{_BATCH}*.npz")):
            try:
                with np.load(path, allow_pickle=False) as arrays:
                    keys, vectors = arrays["keys"], arrays["vectors"]
                if keys.ndim != 1 or vectors.ndim != 2 or len(vectors) != len(keys):
                    raise ValueError("keys and vectors disagree")
            except integrity.READ_ERRORS:
                unreadable += 1
                continue
            if vectors.shape[1] == dim:  # else another model's: its keys would not match
                yield keys, np.asarray(vectors, dtype=np.float32)
        if unreadable:
            log.warning("%d batch(es) of vectors in %s were unreadable", unreadable, self.folder)

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Keep newly embedded ``vectors`` with their ``keys``; every ``batch`` of them is
        written durably."""
        self._keys.append(np.asarray(keys))
        self._vectors.append(np.asarray(vectors, dtype=np.float32))
        self._pending += len(keys)
        if self._pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Write what is kept and not yet written, durably (OSError when it cannot be)."""
        if not self._pending:
            return
        keys, vectors = np.concatenate(self._keys), np.concatenate(self._vectors)
        self._keys.clear()
        self._vectors.clear()
        self._pending = 0
        self.folder.mkdir(exist_ok=True)
        name = f"{_BATCH}{uuid.uuid4().hex}.npz"
        temporary = self.folder / f"{_TMP}{name}"
        try:
            with open(temporary, "wb") as handle:
                np.savez(handle, keys=keys, vectors=vectors)
                handle.flush()
                os.fsync(handle.fileno())
            os.rename(temporary, self.folder / name)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def clear(self) -> None:
        """Forget every batch: a published version now holds their vectors."""
        self._keys.clear()
        self._vectors.clear()
        self._pending = 0
        shutil.rmtree(self.folder, ignore_errors=True)
