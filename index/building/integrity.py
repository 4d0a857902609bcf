"""Tell an intact index version from a damaged one, file by file.

A version's manifest records the size and SHA-256 of every other file at publish time
(``store.seal``): a file is intact when it is there, has that size and that checksum. A
version whose manifest is unreadable, or was written before checksums were recorded, is
checked by opening each file instead (the metadata's ``PRAGMA quick_check``, the vectors'
and keys' shapes, the FAISS and BM25 files loading), and by counting what they hold.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from newsbot.index.building import store
from newsbot.index.building.lexical import Bm25Index
from newsbot.index.errors import IndexDamaged, IndexIncompatible

READ_ERRORS = store.READ_ERRORS
#: What opening any file of a version may raise when it is damaged.
DAMAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, IndexDamaged, *READ_ERRORS)


@dataclass(frozen=True)
class VersionCheck:
    """What :func:`check_version` found: the manifest (None when it is itself damaged), and
    each damaged file's name with what is wrong with it (``"missing"``, ``"truncated to 12
    of 4,096 bytes"``, ``"checksum mismatch"``, ``"unreadable (…)"``)."""

    version: Path
    manifest: store.Manifest | None
    damaged: dict[str, str] = field(default_factory=dict)
    #: Whether every file was compared with a checksum recorded at publish time.
    checksummed: bool = False

    @property
    def healthy(self) -> bool:
        return not self.damaged

    def intact(self, name: str) -> bool:
        """Whether file ``name`` of the version is intact, as far as this check could tell."""
        return name not in self.damaged

    def describe(self) -> str:
        """The damage in one line: ``"dense.faiss (missing), vectors.npy (checksum
        mismatch)"``; empty when there is none."""
        return ", ".join(f"{name} ({problem})" for name, problem in sorted(self.damaged.items()))

    def error(self) -> IndexDamaged:
        """The one-line error a command gives for this damage, naming the repair."""
        return IndexDamaged(
            f"the index in {self.version.parent} is damaged: {self.describe()}. "
            "Repair it with `newsbot index PATH...` over the same sources (intact vectors "
            "are reused)"
        )


def check_version(
    version: Path, *, names: Iterable[str] | None = None, checksums: bool = True
) -> VersionCheck:
    """Check the files of ``version`` (all of them, or only ``names``) against its manifest.

    With ``checksums`` false only presence and sizes are compared (fast: no file is read).
    Raises IndexIncompatible when the manifest is of another format (that is no damage: the
    version is simply not this newsbot's to read).
    """
    wanted = tuple(names) if names is not None else None
    damaged: dict[str, str] = {}
    try:
        manifest: store.Manifest | None = store.read_manifest(version)
    except IndexIncompatible:
        raise
    except IndexDamaged as exc:
        manifest = None
        missing = not (version / store.MANIFEST).is_file()
        damaged[store.MANIFEST] = "missing" if missing else _reason(str(exc))
    if manifest is not None and manifest.files:
        recorded = manifest.files
        names_to_check = wanted or tuple(dict.fromkeys((*store.VERSION_FILES, *recorded)))
        for name in names_to_check:
            if name not in recorded:
                damaged[name] = "not in the manifest"
                continue
            problem = _compare(version / name, *recorded[name], checksums=checksums)
            if problem:
                damaged[name] = problem
        return VersionCheck(version, manifest, damaged, checksummed=checksums)
    for name, problem in _open_each(version, manifest, wanted or store.VERSION_FILES).items():
        damaged[name] = problem
    return VersionCheck(version, manifest, damaged)


def _reason(message: str) -> str:
    """The part of a store error worth repeating in a list of damaged files."""
    if "incomplete" in message:
        return "incomplete"
    if "is not a manifest" in message:
        return "not a manifest"
    return "unreadable"


def _compare(path: Path, size: int, digest: str, *, checksums: bool) -> str | None:
    try:
        actual = path.stat().st_size
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if actual != size:
        shorter = "truncated to" if actual < size else "grown to"
        return f"{shorter} {actual:,} of {size:,} bytes"
    if not checksums:
        return None
    try:
        if store.file_checksum(path) != digest:
            return "checksum mismatch"
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    return None


def _open_each(
    version: Path, manifest: store.Manifest | None, names: Iterable[str]
) -> dict[str, str]:
    """Without checksums: open each file and compare the counts it holds."""
    damaged: dict[str, str] = {}
    counts: dict[str, int] = {}
    for name in names:
        path = version / name
        if not path.is_file():
            damaged[name] = "missing"
            continue
        try:
            counts[name] = _count(path, name)
        except DAMAGE_ERRORS as exc:
            damaged[name] = f"unreadable ({_short(exc)})"
    expected = manifest.paragraphs if manifest is not None else None
    if expected is None and store.META in counts:
        expected = counts[store.META]
    for name, count in counts.items():
        if count >= 0 and expected is not None and count != expected:
            damaged[name] = f"holds {count:,} paragraphs, not {expected:,}"
    return damaged


def _count(path: Path, name: str) -> int:
    """Open one version file; return how many paragraphs it holds (-1: not a count)."""
    if name == store.META:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("failed its integrity check")
            return int(conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0])
        finally:
            conn.close()
    if name in (store.VECTORS, store.KEYS):
        array = np.load(path, mmap_mode="r", allow_pickle=False)
        if name == store.VECTORS and (array.ndim != 2 or array.dtype != np.float32):
            raise ValueError(f"not a matrix of float32 vectors: {array.dtype} {array.shape}")
        if name == store.KEYS and (array.ndim != 1 or array.dtype.kind != "S"):
            raise ValueError("not a list of keys")
        return int(array.shape[0])
    if name == store.DENSE:
        return int(faiss.read_index(str(path)).ntotal)
    if name in (store.LEXICAL, store.VOCABULARY):
        return Bm25Index.load(path.parent).size if name == store.LEXICAL else -1
    return -1


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
