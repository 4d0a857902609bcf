"""The index on disk: versions of plain files, and an atomic switch between them.

An index directory holds one folder per version (``v-…``) and a ``CURRENT`` file naming the
live one. A build writes its version under a temporary name, renames it into place, then
replaces ``CURRENT`` in one ``os.replace``: a reader sees the old version or the new one,
never a mix, and a build killed at any point leaves the live version untouched.

A version folder holds ``manifest.json`` (format, embedder, counts, build time),
``meta.sqlite`` (articles and paragraphs), ``vectors.npy`` (unit vectors, one row per
paragraph), ``dense.faiss`` (the vector search index) and the BM25 index
(``lexical.npz``, ``vocabulary.json``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsbot.index.defaults import CONFIDENCE_BY_LANGUAGE, FORMAT_VERSION, KEEP_OLD_VERSIONS
from newsbot.index.errors import (
    BuildInProgress,
    IndexDamaged,
    IndexIncompatible,
    IndexMissing,
    NewsbotError,
)

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
META = "meta.sqlite"
VECTORS = "vectors.npy"
DENSE = "dense.faiss"
LOCK = "build.lock"
_BUILDING = ".building-"

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT,
    published TEXT,
    url TEXT,
    path TEXT NOT NULL,
    editor TEXT,
    origin TEXT,
    content_hash TEXT NOT NULL
);
CREATE TABLE paragraphs (
    row INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    context_hash TEXT NOT NULL,
    terms TEXT NOT NULL
);
CREATE INDEX paragraphs_by_article ON paragraphs(article_id, number);
"""


@dataclass(frozen=True)
class Manifest:
    """What a version holds and how it was built."""

    format: int
    embedder: str
    dim: int
    articles: int
    paragraphs: int
    built_at: str
    dense_index: str
    answer_floor: float
    #: Per question language, the weights of ``answering.fusion.confidence`` the floor was
    #: calibrated with; manifests written before they were recorded get today's.
    confidence: dict[str, tuple[float, float, float]] = field(
        default_factory=lambda: dict(CONFIDENCE_BY_LANGUAGE)
    )

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def live_version(index_dir: Path) -> Path:
    """Return the folder of the live version; IndexMissing when there is none."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text().strip()
    except FileNotFoundError:
        raise IndexMissing(
            f"no index in {index_dir}: build one with `newsbot index PATH...`"
        ) from None
    except OSError as exc:
        raise IndexDamaged(f"cannot read {pointer}: {exc}") from exc
    version = index_dir / name
    if not name or "/" in name or not version.is_dir():
        raise IndexDamaged(
            f"{pointer} names a missing version {name!r}: rebuild with `newsbot index PATH...`"
        )
    return version


def read_manifest(version: Path) -> Manifest:
    """Read and check a version's manifest."""
    try:
        raw: dict[str, Any] = json.loads((version / MANIFEST).read_text())
    except FileNotFoundError:
        raise IndexDamaged(f"{version} has no {MANIFEST}: rebuild with `newsbot index`") from None
    except (OSError, ValueError) as exc:
        raise IndexDamaged(f"{version / MANIFEST} is unreadable ({exc}): rebuild it") from exc
    if not isinstance(raw, dict):
        raise IndexDamaged(f"{version / MANIFEST} is not a manifest: rebuild with `newsbot index`")
    if raw.get("format") != FORMAT_VERSION:
        raise IndexIncompatible(
            f"the index in {version.parent} has format {raw.get('format')!r}, this newsbot reads "
            f"format {FORMAT_VERSION}: rebuild it with `newsbot index PATH...`"
        )
    try:
        manifest = Manifest(**{k: raw[k] for k in Manifest.__dataclass_fields__ if k in raw})
        confidence = {
            str(language): (float(support), float(offset), float(penalty))
            for language, (support, offset, penalty) in manifest.confidence.items()
        }
        if "id" not in confidence:
            raise ValueError("no confidence weights for Indonesian questions")
    except (TypeError, ValueError, AttributeError) as exc:
        raise IndexDamaged(
            f"{version / MANIFEST} is incomplete ({exc}): rebuild with `newsbot index`"
        ) from exc
    return dataclasses.replace(manifest, confidence=confidence)


def index_model(index_dir: Path) -> str | None:
    """Return the name of the embedder that built the live index, or None without one."""
    try:
        return read_manifest(live_version(index_dir)).embedder
    except NewsbotError:
        return None


def connect_readonly(version: Path) -> sqlite3.Connection:
    """Open a version's metadata for reading; versions never change once published."""
    path = version / META
    if not path.is_file():
        raise IndexDamaged(f"{path} is missing: rebuild with `newsbot index PATH...`")
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM paragraphs").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise IndexDamaged(f"{path} is damaged ({exc}): rebuild with `newsbot index`") from exc
    return conn


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's build lock; BuildInProgress when another build holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgress(f"another build of {index_dir} is running") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_version_dir(index_dir: Path) -> Path:
    """Make an empty folder for a version being built (removed on the next build if the
    build dies)."""
    for stale in index_dir.glob(f"{_BUILDING}*"):
        shutil.rmtree(stale, ignore_errors=True)
    path = index_dir / f"{_BUILDING}{uuid.uuid4().hex[:8]}"
    path.mkdir()
    return path


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(index_dir: Path, building: Path) -> Path:
    """Make a fully written version live, atomically; keep one older version for readers
    that opened it, and remove the rest."""
    _fsync_tree(building)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    version = index_dir / f"v-{stamp}-{building.name.removeprefix(_BUILDING)}"
    building.rename(version)
    pointer = index_dir / f"{CURRENT}.tmp"
    pointer.write_text(version.name + "\n")
    with open(pointer, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer, index_dir / CURRENT)
    _fsync_dir(index_dir)
    older = sorted(
        (p for p in index_dir.glob("v-*") if p.is_dir() and p != version),
        key=lambda p: p.stat().st_mtime,
    )
    for old in older[: max(len(older) - KEEP_OLD_VERSIONS, 0)]:
        shutil.rmtree(old, ignore_errors=True)
    return version


def size_on_disk(folder: Path) -> int:
    """Return the bytes used by the files of a version."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
