"""Build an index version from article sources, reusing every vector already computed."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import dense, integrity, store
from newsbot.index.building.chunking import embedding_context, lexical_text, split_article
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.journal import Journal
from newsbot.index.building.lexical import Bm25Index, tokenize
from newsbot.index.building.outlet_spellings import unify_outlet_spellings
from newsbot.index.building.reuse import VectorPool, offer_version, unit_rows, vector_key
from newsbot.index.building.stories import (
    build_stories,
    grouped_as_now,
    read_stories,
    write_stories,
)
from newsbot.index.defaults import (
    ANSWER_FLOORS,
    CONFIDENCE_BY_LANGUAGE,
    EMBED_BATCH,
    FORMAT_VERSION,
)
from newsbot.index.errors import (
    IndexIncompatible,
    IndexMissing,
    NewsbotError,
    NoSources,
    SourceMissing,
)
from newsbot.index.reading.readers import read_sources

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
#: A build's self-calibration step (``answering.self_floor.calibrate``): given the folder of
#: the version being built, its manifest and the embedder, the manifest to record.
Calibrate = Callable[[Path, store.Manifest, Embedder], store.Manifest]


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int
    paragraphs: int
    added: int
    updated: int
    removed: int
    unchanged: int
    embedded: int
    reused: int
    skipped: tuple[SkippedSource, ...]
    seconds: float
    changed: bool
    index_dir: str
    #: The live version's damaged files this build repaired, in one line; empty for none.
    repaired: str = ""


@dataclass(frozen=True)
class ArticleChanges:
    """The articles a build read (``hashes``: article id -> content hash) against those of
    the live version (``old``), and the paragraphs they hold."""

    hashes: dict[str, str]
    old: dict[str, str]
    paragraphs: int
    skipped: tuple[SkippedSource, ...]

    @property
    def added(self) -> int:
        return sum(1 for a in self.hashes if a not in self.old)

    @property
    def updated(self) -> int:
        return sum(1 for a, h in self.hashes.items() if a in self.old and self.old[a] != h)

    @property
    def removed(self) -> int:
        return sum(1 for a in self.old if a not in self.hashes)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def kept(self) -> set[str]:
        """The articles whose content the live version already holds."""
        return {a for a, h in self.hashes.items() if self.old.get(a) == h}

    def report(
        self, started: float, index_dir: str, embedded: int | None = None, repaired: str = ""
    ) -> BuildReport:
        """What the build did; ``embedded`` None for a build that kept the live version."""
        kept = embedded is None
        return BuildReport(
            articles=len(self.hashes),
            paragraphs=self.paragraphs,
            added=0 if kept else self.added,
            updated=0 if kept else self.updated,
            removed=0 if kept else self.removed,
            unchanged=len(self.hashes) if kept else len(self.hashes) - self.added - self.updated,
            embedded=embedded or 0,
            reused=self.paragraphs - (embedded or 0),
            skipped=self.skipped,
            seconds=time.monotonic() - started,
            changed=not kept,
            index_dir=index_dir,
            repaired=repaired,
        )


def read_articles(
    conn: sqlite3.Connection,
    sources: Sequence[Path],
    extra: Iterable[Article | SkippedSource],
    old: dict[str, str],
) -> ArticleChanges:
    """Read, clean and split the articles of ``sources`` and ``extra`` into ``conn`` (a new
    version's metadata database); compare them with the live version's ``old`` hashes.

    Raises NoSources when no article could be read.
    """
    skipped: list[SkippedSource] = []
    conn.executescript(store.SCHEMA)
    hashes = _write_articles(conn, itertools.chain(read_sources(sources), extra), skipped)
    hashes.update(unify_outlet_spellings(conn, _article_hash))
    conn.commit()
    if not hashes:
        raise NoSources(
            "no article could be read from "
            + (", ".join(str(s) for s in sources) or "the configured sources")
            + (f" ({len(skipped)} skipped: {skipped[0]}...)" if skipped else "")
        )
    total = int(conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0])
    changes = ArticleChanges(hashes, old, total, tuple(skipped))
    _refuse_missing_sources(sources, changes)
    return changes


def _refuse_missing_sources(sources: Sequence[Path], changes: ArticleChanges) -> None:
    """Stop a build that would remove articles while a source it was given does not exist:
    a mistyped or unmounted folder would otherwise empty the index of its articles. A
    missing source that removes nothing (a first build) is only skipped.

    Raises SourceMissing naming the missing sources.
    """
    if not changes.removed:
        return
    given = {os.path.abspath(Path(source).expanduser()) for source in sources}
    missing = [s.path for s in changes.skipped if s.path in given and not os.path.exists(s.path)]
    if missing:
        articles = "1 article" if changes.removed == 1 else f"{changes.removed} articles"
        raise SourceMissing(
            f"{', '.join(missing)}: no such file or folder, and the build would remove "
            f"{articles} the index holds; nothing was changed. Correct the path, or leave "
            "it out to remove its articles"
        )


def new_manifest(
    embedder: Embedder, changes: ArticleChanges, dense_index: str, stories: int
) -> store.Manifest:
    """The manifest of a version built now from ``changes`` with ``embedder``'s calibrated
    "not covered" floor."""
    floor, weights = _calibration(embedder)
    return store.Manifest(
        format=FORMAT_VERSION,
        embedder=embedder.name,
        dim=embedder.dim,
        articles=len(changes.hashes),
        paragraphs=changes.paragraphs,
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        dense_index=dense_index,
        answer_floor=floor,
        confidence=weights,
        stories=stories,
    )


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class _Previous:
    """What the build found in the index directory: the live version's articles, settings
    and health, and where intact vectors may be reused from."""

    article_hashes: dict[str, str]
    dense_index: str = dense.FLAT
    #: The "not covered" calibration the live version was built with: (floor, weights).
    calibration: tuple[float, dict[str, tuple[float, ...]]] | None = None
    #: The live version's floor was calibrated by the index itself (``floor_raise``).
    self_calibrated: bool = False
    #: The live version is intact (every file matches its checksum) and of this embedder:
    #: only then may a build with nothing to change keep it.
    intact: bool = False
    #: The live version's damaged files, in one line; empty when there is none.
    damage: str = ""
    #: Checked versions whose intact vectors may be reused, the live one first.
    versions: list[integrity.VersionCheck] = field(default_factory=list)
    #: Article id -> story id of the live version; None for one of an older format.
    stories: dict[str, str] | None = None


#: The files of an older version that vectors can be reused from (checked before use).
_VECTOR_FILES = (store.VECTORS, store.KEYS, store.META, store.DENSE)


def _previous(index_dir: Path, embedder: Embedder) -> _Previous:
    """Check the live version (every file against its checksum) before trusting any of it;
    when it is damaged or lost, older versions kept beside it may supply what it lost."""
    previous = _Previous({})
    try:
        live: Path | None = store.live_version(index_dir)
    except IndexMissing:
        live = None
        if any(index_dir.glob("v-*")):
            previous.damage = f"{store.CURRENT} (missing)"
    except NewsbotError:  # CURRENT unreadable, or naming a missing version
        live = None
        previous.damage = f"{store.CURRENT} (names no version)"
    if live is not None:
        try:
            check = integrity.check_version(live)
        except IndexIncompatible:
            # Another format is built anew, as the error message says; its vectors are
            # still found by key (unchecked, so row by row).
            previous.versions.append(integrity.VersionCheck(live, None))
            return previous
        manifest = check.manifest
        previous.damage = check.describe()
        previous.article_hashes = _article_hashes(check)
        previous.versions.append(check)
        if manifest is not None:
            try:
                # An older format's stories were grouped without the seen times, and stories
                # grouped by another rule (``grouping_rule``) are grouped anew: regroup.
                fresh = manifest.format == FORMAT_VERSION and grouped_as_now(live)
                previous.stories = read_stories(live) if fresh else None
            except NewsbotError:
                previous.stories = None  # lost: the build regroups
            previous.dense_index = manifest.dense_index
            previous.calibration = (manifest.answer_floor, manifest.confidence)
            previous.self_calibrated = manifest.floor_raise is not None
            previous.intact = (
                check.healthy and check.checksummed and manifest.embedder == embedder.name
            )
        if previous.intact or (manifest is not None and manifest.embedder != embedder.name):
            return previous
    for older in _other_versions(index_dir, live):
        try:
            previous.versions.append(integrity.check_version(older, names=_VECTOR_FILES))
        except NewsbotError:
            continue
    return previous


def _reusable(previous: _Previous, embedder: Embedder, journal: Journal) -> VectorPool:
    """Every intact vector the build may reuse: the journal's (an interrupted build's), then
    the checked versions'. Gathered only once the build knows it has work to do."""
    pool = VectorPool(embedder.dim)
    for keys, vectors in journal.batches(embedder.dim):
        pool.add(keys, vectors, unit_rows(vectors))
    if len(pool):
        log.info("%d vectors embedded by an interrupted build are reused", len(pool))
    for check in previous.versions:
        offer_version(pool, check, embedder.name)
    return pool


def _article_hashes(check: integrity.VersionCheck) -> dict[str, str]:
    """Article id -> content hash of a checked version; empty when its metadata is lost."""
    if not check.intact(store.META):
        return {}
    try:
        conn = store.connect_readonly(check.version)
    except NewsbotError:
        return {}
    try:
        return dict(conn.execute("SELECT id, content_hash FROM articles").fetchall())
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def _other_versions(index_dir: Path, live: Path | None) -> list[Path]:
    """The versions in ``index_dir`` other than ``live``, newest first."""
    found = [p for p in index_dir.glob("v-*") if p.is_dir() and p != live]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _calibration(embedder: Embedder) -> tuple[float, dict[str, tuple[float, ...]]]:
    """The "not covered" floor and confidence weights a build records for ``embedder``."""
    return ANSWER_FLOORS.get(embedder.name, 0.0), dict(CONFIDENCE_BY_LANGUAGE)


def _article_hash(article: Article, contexts: Sequence[str]) -> str:
    """What decides that an article changed. The seen time is in it: a corrected crawl time
    regroups the article's story (its vectors are reused, nothing is embedded again)."""
    meta = [article.title, article.source, article.published, article.url, article.path]
    if article.seen is not None:  # absent: the hash an index without seen times recorded
        meta.append(article.seen)
    return _hash(json.dumps([meta, list(contexts)], ensure_ascii=False))


def _write_articles(
    conn: sqlite3.Connection,
    articles: Iterator[Article | SkippedSource],
    skipped: list[SkippedSource],
) -> dict[str, str]:
    """Store every article and its paragraphs; return article id -> content hash."""
    hashes: dict[str, str] = {}
    paths: dict[str, str] = {}
    row = 0

    def skip(source: SkippedSource) -> None:
        log.info("skipped %s", source)  # the report names every skip, once
        skipped.append(source)

    for item in articles:
        if isinstance(item, SkippedSource):
            skip(item)
            continue
        if item.id in hashes:
            first = paths[item.id]
            skip(SkippedSource(item.path, f"duplicate article id {item.id!r} (first in {first})"))
            continue
        paragraphs = split_article(item)
        if not paragraphs:
            skip(SkippedSource(item.path, "no article text after cleaning"))
            continue
        content_hash = _article_hash(item, [p.context for p in paragraphs])
        hashes[item.id] = content_hash
        paths[item.id] = item.path
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.id,
                item.title,
                item.source,
                item.published,
                item.url,
                item.path,
                item.editor,
                item.origin,
                content_hash,
                item.seen,
                item.place,
            ),
        )
        conn.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    row + i,
                    p.article_id,
                    p.number,
                    p.text,
                    _hash(p.context),
                    "",  # filled by _lexical_terms once the build knows it has work to do
                )
                for i, p in enumerate(paragraphs)
            ],
        )
        row += len(paragraphs)
    return hashes


#: Paragraphs tokenized per chunk.
_TERMS_CHUNK = 4096


def _lexical_terms(conn: sqlite3.Connection, total: int) -> Iterator[list[str]]:
    """Yield the lexical tokens of every paragraph (headline and text) in row order, storing
    them as its ``terms``: tokenizing (stemming) is most of a no-change run's time, so only
    a build with work to do pays for it."""
    query = """
        SELECT p.row, a.title, p.text FROM paragraphs p JOIN articles a ON a.id = p.article_id
        WHERE p.row >= ? AND p.row < ? ORDER BY p.row
    """
    for start in range(0, total, _TERMS_CHUNK):
        chunk = conn.execute(query, (start, start + _TERMS_CHUNK)).fetchall()
        terms = [tokenize(lexical_text(title, text)) for _, title, text in chunk]
        conn.executemany(
            "UPDATE paragraphs SET terms = ? WHERE row = ?",
            [(" ".join(t), row) for (row, _, _), t in zip(chunk, terms, strict=True)],
        )
        yield from terms


def _contexts(conn: sqlite3.Connection) -> Iterator[tuple[int, str, str]]:
    """Yield (row, context hash, context) of every paragraph, in row order.

    The contexts were computed once already, to hash them; they are rebuilt here from the
    stored paragraphs rather than kept, so that a build's memory does not grow with the
    corpus.
    """
    query = """
        SELECT p.row, p.context_hash, p.text,
               (SELECT q.text FROM paragraphs q
                WHERE q.article_id = p.article_id AND q.number = p.number - 1)
        FROM paragraphs p ORDER BY p.row
    """
    for row, context_hash, text, previous in conn.execute(query):
        yield row, context_hash, embedding_context(previous, text)


def _embed_all(
    conn: sqlite3.Connection,
    total: int,
    out: np.ndarray,
    keys: np.ndarray,
    pool: VectorPool,
    embedder: Embedder,
    journal: Journal,
    progress: Progress | None,
) -> tuple[int, int]:
    """Fill ``out`` with a vector per paragraph and ``keys`` with their keys, reusing every
    vector found by key and journaling the new ones; return (embedded, reused)."""
    embedded = reused = 0
    batch_rows: list[int] = []
    batch_texts: list[str] = []

    def flush() -> None:
        nonlocal embedded
        if batch_rows:
            vectors = embedder.embed_passages(batch_texts)
            out[batch_rows] = vectors
            journal.add(keys[batch_rows], vectors)
            embedded += len(batch_rows)
            batch_rows.clear()
            batch_texts.clear()

    for row, context_hash, context in _contexts(conn):
        keys[row] = vector_key(embedder.name, context_hash)
        vector = pool.get(keys[row])
        if vector is not None:
            out[row] = vector
            reused += 1
        else:
            batch_rows.append(row)
            batch_texts.append(context)
            if len(batch_rows) >= EMBED_BATCH:
                flush()
        if progress is not None and (not batch_rows or row + 1 == total):
            progress(embedded + reused, total)
    flush()
    journal.flush()
    if progress is not None:
        progress(total, total)
    return embedded, reused


def build_index(
    index_dir: Path,
    sources: Sequence[Path],
    embedder: Embedder,
    *,
    progress: Progress | None = None,
    extra: Iterable[Article | SkippedSource] = (),
    dense_index: str | None = None,
    calibrate: Calibrate | None = None,
) -> BuildReport:
    """Build a new version of the index at ``index_dir`` from ``sources`` and make it live.

    ``extra`` adds articles read elsewhere (feeds, URLs), iterated inside the build lock.
    Nothing of the live version is trusted unchecked: its files are compared with the
    checksums its manifest recorded, and a damaged version is repaired, reusing every
    intact vector (from the live version, an older one, or the journal of a killed build).
    Only an intact live version with no article changed stays as it is. Whatever fails, the
    live version keeps serving.
    ``dense_index`` names the kind of vector index (``building.dense``: flat, ivf, hnsw, auto);
    by default ``NEWSBOT_DENSE_INDEX``, else chosen by size. ``calibrate``, when given, is
    the self-calibration step: it sees the new version before it is published and returns
    the manifest to record (the index's own floor); a live version recorded without it (or
    with it, when it is not given) is built again, reusing every vector.

    Raises NoSources (nothing readable), BuildInProgress (another build runs),
    IndexWriteFailed (disk full, read-only directory: the partial version is removed).
    """
    started = time.monotonic()
    with store.build_lock(index_dir):
        journal = Journal(index_dir)
        previous = _previous(index_dir, embedder)
        building: Path | None = None
        try:
            building = store.new_version_dir(index_dir)
            report = _build(
                index_dir,
                building,
                sources,
                embedder,
                previous,
                journal,
                progress,
                started,
                extra,
                dense_index,
                calibrate,
            )
        except (OSError, sqlite3.OperationalError) as exc:
            raise store.write_failed(index_dir, exc) from exc
        finally:
            if building is not None and building.exists():
                shutil.rmtree(building, ignore_errors=True)
        if previous.damage:
            log.warning(
                "the live index was damaged (%s): repaired, reusing %d intact vectors and "
                "embedding %d",
                previous.damage,
                report.reused,
                report.embedded,
            )
        return report


def _build(
    index_dir: Path,
    building: Path,
    sources: Sequence[Path],
    embedder: Embedder,
    previous: _Previous,
    journal: Journal,
    progress: Progress | None,
    started: float,
    extra: Iterable[Article | SkippedSource] = (),
    dense_index: str | None = None,
    calibrate: Calibrate | None = None,
) -> BuildReport:
    conn = sqlite3.connect(building / store.META)
    try:
        changes = read_articles(conn, sources, extra, previous.article_hashes)
        total = changes.paragraphs
        kind = dense.choose(total, dense_index)
        same_dense = previous.dense_index == kind
        # A newer newsbot may calibrate the floor anew: record it, reusing every vector.
        same_calibration = previous.calibration == _calibration(embedder) and (
            previous.self_calibrated == (calibrate is not None)
        )
        # A version of the previous format has no stories: it is rebuilt (reusing vectors).
        same_format = previous.stories is not None
        if (
            previous.intact
            and same_dense
            and same_calibration
            and same_format
            and not changes.changed
        ):
            journal.clear()
            return changes.report(started, str(index_dir))
        vectors = np.lib.format.open_memmap(
            building / store.VECTORS, mode="w+", dtype=np.float32, shape=(total, embedder.dim)
        )
        _reserve(building / store.VECTORS)
        keys = np.zeros(total, dtype="S40")
        pool = _reusable(previous, embedder, journal)
        embedded, _ = _embed_all(conn, total, vectors, keys, pool, embedder, journal, progress)
        vectors.flush()
        np.save(building / store.KEYS, keys, allow_pickle=False)
        stories = build_stories(conn, vectors, previous.stories or {}, changes.kept)
        write_stories(building, stories)
        try:
            dense.write(dense.build(vectors, kind), building / store.DENSE)
        except RuntimeError as exc:  # FAISS reports a failed write as a long RuntimeError
            reason = OSError(f"writing {store.DENSE} failed: the disk may be full")
            raise store.write_failed(index_dir, reason) from exc
        del vectors
        Bm25Index.build(_lexical_terms(conn, total)).save(building)
        conn.commit()
        manifest = new_manifest(embedder, changes, kind, len(set(stories.values())))
    finally:
        conn.close()
    if calibrate is not None:
        manifest = calibrate(building, manifest, embedder)
    (building / store.MANIFEST).write_text(manifest.to_json())
    store.publish(index_dir, building)
    journal.clear()
    return changes.report(started, str(index_dir), embedded, previous.damage)


def _reserve(path: Path) -> None:
    """Allocate the blocks of a memory-mapped file now: on a full disk, writing through the
    map would kill the process (SIGBUS) instead of raising an error here."""
    with open(path, "r+b") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size and hasattr(os, "posix_fallocate"):
            os.posix_fallocate(handle.fileno(), 0, size)
