"""The index on disk: versions of plain files, and an atomic switch between them.

An index directory holds one folder per version (``v-…``) and a ``CURRENT`` file naming the
live one. A build writes its version under a temporary name, renames it into place, then
replaces ``CURRENT`` in one ``os.replace``: a reader sees the old version or the new one,
never a mix, and a build killed at any point leaves the live version untouched.

A version folder holds ``manifest.json`` (format, embedder, counts, build time, and the
size and SHA-256 of every other file of the version, recorded at publish time),
``meta.sqlite`` (articles and paragraphs), ``vectors.npy`` (unit vectors, one row per
paragraph), ``keys.npy`` (each vector's key: its model and embedded text, hashed, so that
vectors can be reused without the metadata), ``dense.faiss`` (the vector search index), the
BM25 index (``lexical.npz``, ``vocabulary.json``) and ``stories.json`` (each article's
story).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import sqlite3
import time
import tokenize
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsbot.index.defaults import (
    ANSWER_FLOORS,
    CONFIDENCE_BY_LANGUAGE,
    FLOOR_FORMULA,
    FORMAT_VERSION,
    KEEP_OLD_VERSIONS,
    READABLE_FORMATS,
)
from newsbot.index.errors import (
    BuildInProgress,
    IndexDamaged,
    IndexIncompatible,
    IndexMissing,
    IndexWriteFailed,
    NewsbotError,
)

#: What reading a damaged numpy, zip or FAISS file may raise: numpy parses an ``.npy``
#: header as a Python literal (SyntaxError, TokenError), a flipped size asks for too much.
READ_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    EOFError,
    RuntimeError,
    SyntaxError,
    MemoryError,
    OverflowError,
    tokenize.TokenError,
    zipfile.BadZipFile,
)

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
META = "meta.sqlite"
VECTORS = "vectors.npy"
KEYS = "keys.npy"
DENSE = "dense.faiss"
LEXICAL = "lexical.npz"
VOCABULARY = "vocabulary.json"
#: Each article's story (``building.stories``), since format 2.
STORIES = "stories.json"
#: The files every version holds besides its manifest (a version may hold more: every file
#: is in the manifest's checksum table).
VERSION_FILES = (META, VECTORS, KEYS, DENSE, LEXICAL, VOCABULARY, STORIES)
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
    content_hash TEXT NOT NULL,
    seen TEXT,
    place TEXT
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
    #: calibrated with (support, offset, unknown-name penalty and, from floor formula 3,
    #: unknown-word weight); manifests written before they were recorded get today's.
    confidence: dict[str, tuple[float, ...]] = field(
        default_factory=lambda: dict(CONFIDENCE_BY_LANGUAGE)
    )
    #: Every other file of the version: name -> (size in bytes, SHA-256 hex digest), written
    #: by :func:`publish`. Empty in manifests written before checksums were recorded.
    files: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: Stories the articles form (``stories.json``); format 1 had none.
    stories: int = 0
    #: The form of the confidence ``answer_floor`` and ``confidence`` belong to
    #: (``defaults.FLOOR_FORMULA``); manifests without it are of form 1.
    floor_formula: int = FLOOR_FORMULA
    #: Per question language, how far this index raised ``answer_floor`` for itself at build
    #: time from its own pseudo-questions (``answering.self_floor``, form 5); None when it
    #: did not (an older manifest, or a build without the step): the floor as calibrated.
    floor_raise: dict[str, float] | None = None
    #: What the self-calibration saw: the number of pseudo-questions about news the index
    #: lacks (``absent_questions``) and their confidences' 90th percentile (``absent_p90``).
    floor_evidence: dict[str, float] | None = None

    def to_json(self) -> str:
        raw = asdict(self)
        raw["files"] = {
            name: {"bytes": size, "sha256": digest} for name, (size, digest) in self.files.items()
        }
        return json.dumps(raw, indent=2)


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
    manifest = parse_manifest(raw, str(version / MANIFEST), str(version.parent))
    try:
        recorded: dict[str, Any] = dict(raw.get("files") or {})
        files = {
            str(name): (int(entry["bytes"]), str(entry["sha256"]))
            for name, entry in recorded.items()
        }
        if any(size < 0 or len(digest) != 64 for size, digest in files.values()):
            raise ValueError("a file entry has no size or checksum")
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise IndexDamaged(
            f"{version / MANIFEST} is incomplete ({exc}): rebuild with `newsbot index`"
        ) from exc
    return dataclasses.replace(manifest, files=files)


def parse_manifest(raw: object, where: str, index: str) -> Manifest:
    """Check a manifest read as JSON (``raw``) wherever it is kept: ``where`` names it and
    ``index`` the index in messages. Raises IndexDamaged (not a manifest, fields missing
    or malformed) or IndexIncompatible (another format)."""
    if not isinstance(raw, dict):
        raise IndexDamaged(f"{where} is not a manifest: rebuild with `newsbot index`")
    if raw.get("format") not in READABLE_FORMATS:
        raise IndexIncompatible(
            f"the index in {index} has format {raw.get('format')!r}, this newsbot reads "
            f"format {FORMAT_VERSION}: rebuild it with `newsbot index PATH...`"
        )
    try:
        manifest = Manifest(**{k: raw[k] for k in Manifest.__dataclass_fields__ if k in raw})
        confidence = {
            str(language): tuple(float(weight) for weight in weights)
            for language, weights in manifest.confidence.items()
        }
        if "id" not in confidence:
            raise ValueError("no confidence weights for Indonesian questions")
        if any(len(weights) not in (3, 4, 5, 7, 8) for weights in confidence.values()):
            raise ValueError("confidence weights are not 3 to 5, 7 or 8 numbers")
        raised = None
        if manifest.floor_raise is not None:
            raised = {str(lang): float(value) for lang, value in manifest.floor_raise.items()}
            if any(not 0.0 <= value < 1.0 for value in raised.values()):
                raise ValueError("a floor raise is not between 0 and 1")
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise IndexDamaged(f"{where} is incomplete ({exc}): rebuild with `newsbot index`") from exc
    if raw.get("floor_formula", 1) != FLOOR_FORMULA:  # its numbers meant another confidence
        return dataclasses.replace(
            manifest,
            answer_floor=ANSWER_FLOORS.get(manifest.embedder, 0.0),
            confidence=dict(CONFIDENCE_BY_LANGUAGE),
            floor_formula=FLOOR_FORMULA,
            floor_raise=None,
            floor_evidence=None,
        )
    return dataclasses.replace(manifest, confidence=confidence, floor_raise=raised)


def recorded_embedder(version: Path) -> str | None:
    """The embedder a version's manifest names, whatever its format or damage elsewhere in
    it; None when the manifest is unreadable or names none."""
    try:
        raw = json.loads((version / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    embedder = raw.get("embedder") if isinstance(raw, dict) else None
    return embedder if isinstance(embedder, str) else None


def index_model(index_dir: Path) -> str | None:
    """Return the name of the embedder that built the live index, or None without one.

    When the live manifest is lost, the newest other version's manifest names it: a repair
    then embeds with the same model and reuses the intact vectors."""
    try:
        return read_manifest(live_version(index_dir)).embedder
    except NewsbotError:
        pass
    versions = sorted(
        (p for p in index_dir.glob("v-*") if p.is_dir()), key=lambda p: p.name, reverse=True
    )
    for version in versions:
        with contextlib.suppress(NewsbotError):
            return read_manifest(version).embedder
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


def write_failed(index_dir: Path, exc: BaseException) -> IndexWriteFailed:
    """The one-line error for a build that could not write into ``index_dir``."""
    reason = getattr(exc, "strerror", None) or str(exc)
    if isinstance(exc, FileNotFoundError | NotADirectoryError) and not index_dir.is_dir():
        # Not a matter of space or permissions: the directory cannot be made where it is named.
        base = next((p for p in index_dir.absolute().parents if p.exists()), Path("/"))
        where = f"{base} is not a folder" if not base.is_dir() else f"{base} cannot hold it"
        return IndexWriteFailed(
            f"cannot create the index directory {index_dir}: it does not exist and {where}; "
            "name another --index-dir"
        )
    return IndexWriteFailed(
        f"cannot write the index in {index_dir} ({reason}); the live index is untouched: "
        "free space or fix the permissions, then run `newsbot index` again"
    )


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the index's build lock (an ``fcntl`` lock on ``build.lock``, released by the
    kernel when its holder dies, however it dies).

    Raises BuildInProgress when another process, or another build of this one, holds it,
    and IndexWriteFailed when the index directory cannot be written.
    """
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK, "a+")  # noqa: SIM115 - held across the yield
    except OSError as exc:
        raise write_failed(index_dir, exc) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise BuildInProgress(
                f"another build of {index_dir} is running{who}: wait for it to finish, "
                "then run `newsbot index` again if you still need to"
            ) from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        except OSError:
            pass  # the pid is a courtesy to the next builder; the lock itself is held
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


def file_checksum(path: Path) -> str:
    """Return the SHA-256 hex digest of the file at ``path`` (OSError when unreadable)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def checksums(folder: Path) -> dict[str, tuple[int, str]]:
    """Return name -> (size in bytes, SHA-256) of every file of a version but its manifest."""
    return {
        path.name: (path.stat().st_size, file_checksum(path))
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != MANIFEST
    }


def seal(folder: Path) -> None:
    """Record the size and checksum of every file of a version in its manifest (written
    first, by the build), so that a later reader can tell an intact file from a damaged one.
    """
    raw = json.loads((folder / MANIFEST).read_text())
    raw["files"] = {
        name: {"bytes": size, "sha256": digest}
        for name, (size, digest) in checksums(folder).items()
    }
    (folder / MANIFEST).write_text(json.dumps(raw, indent=2))


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
    that opened it, and remove the rest. The manifest gets the checksum of every file first
    (:func:`seal`)."""
    seal(building)
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
