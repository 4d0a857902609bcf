"""Build an index version from article sources, reusing every vector already computed."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import dense, store
from newsbot.index.building.chunking import embedding_context, lexical_text, split_article
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.lexical import Bm25Index, tokenize
from newsbot.index.defaults import (
    ANSWER_FLOORS,
    CONFIDENCE_BY_LANGUAGE,
    EMBED_BATCH,
    FORMAT_VERSION,
)
from newsbot.index.errors import IndexIncompatible, IndexMissing, NewsbotError, NoSources
from newsbot.index.reading.readers import read_sources

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


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


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class _Previous:
    """The live version, where vectors can be reused from."""

    article_hashes: dict[str, str]
    rows_by_context: dict[str, int]
    vectors: np.ndarray | None
    dense_index: str = dense.FLAT
    #: The "not covered" calibration the live version was built with: (floor, weights).
    calibration: tuple[float, dict[str, tuple[float, float, float]]] | None = None


def _previous(index_dir: Path, embedder: Embedder) -> _Previous:
    try:
        version = store.live_version(index_dir)
        manifest = store.read_manifest(version)
    except (IndexMissing, IndexIncompatible):
        return _Previous({}, {}, None)
    except NewsbotError as exc:
        log.warning("the live index cannot be reused (%s): building from scratch", exc)
        return _Previous({}, {}, None)
    conn = store.connect_readonly(version)
    try:
        hashes = dict(conn.execute("SELECT id, content_hash FROM articles").fetchall())
        if manifest.embedder != embedder.name:
            return _Previous(hashes, {}, None, manifest.dense_index)
        rows = {h: r for r, h in conn.execute("SELECT row, context_hash FROM paragraphs")}
    finally:
        conn.close()
    vectors = np.load(version / store.VECTORS, mmap_mode="r", allow_pickle=False)
    if vectors.shape != (manifest.paragraphs, embedder.dim):
        return _Previous(hashes, {}, None, manifest.dense_index)
    calibration = (manifest.answer_floor, manifest.confidence)
    return _Previous(hashes, rows, vectors, manifest.dense_index, calibration)


def _calibration(embedder: Embedder) -> tuple[float, dict[str, tuple[float, float, float]]]:
    """The "not covered" floor and confidence weights a build records for ``embedder``."""
    return ANSWER_FLOORS.get(embedder.name, 0.0), dict(CONFIDENCE_BY_LANGUAGE)


def _article_hash(article: Article, contexts: Sequence[str]) -> str:
    meta = [article.title, article.source, article.published, article.url, article.path]
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
        log.warning("skipped %s", source)
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
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    previous: _Previous,
    embedder: Embedder,
    progress: Progress | None,
) -> tuple[int, int]:
    """Fill ``out`` with a vector per paragraph; return (embedded, reused)."""
    embedded = reused = 0
    batch_rows: list[int] = []
    batch_texts: list[str] = []

    def flush() -> None:
        nonlocal embedded
        if batch_rows:
            out[batch_rows] = embedder.embed_passages(batch_texts)
            embedded += len(batch_rows)
            batch_rows.clear()
            batch_texts.clear()

    for row, context_hash, context in _contexts(conn):
        old_row = previous.rows_by_context.get(context_hash)
        if old_row is not None and previous.vectors is not None:
            out[row] = previous.vectors[old_row]
            reused += 1
        else:
            batch_rows.append(row)
            batch_texts.append(context)
            if len(batch_rows) >= EMBED_BATCH:
                flush()
        if progress is not None and (not batch_rows or row + 1 == total):
            progress(embedded + reused, total)
    flush()
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
) -> BuildReport:
    """Build a new version of the index at ``index_dir`` from ``sources`` and make it live.

    ``extra`` adds articles read elsewhere (feeds, URLs), iterated inside the build lock.
    Unchanged paragraphs reuse their vectors from the live version. When no article changed,
    the live version stays as it is. Whatever fails, the live version keeps serving.
    ``dense_index`` names the kind of vector index (``building.dense``: flat, ivf, hnsw, auto);
    by default ``NEWSBOT_DENSE_INDEX``, else chosen by size.
    """
    started = time.monotonic()
    with store.build_lock(index_dir):
        previous = _previous(index_dir, embedder)
        building = store.new_version_dir(index_dir)
        try:
            return _build(
                index_dir,
                building,
                sources,
                embedder,
                previous,
                progress,
                started,
                extra,
                dense_index,
            )
        finally:
            if building.exists():
                shutil.rmtree(building, ignore_errors=True)


def _build(
    index_dir: Path,
    building: Path,
    sources: Sequence[Path],
    embedder: Embedder,
    previous: _Previous,
    progress: Progress | None,
    started: float,
    extra: Iterable[Article | SkippedSource] = (),
    dense_index: str | None = None,
) -> BuildReport:
    skipped: list[SkippedSource] = []
    conn = sqlite3.connect(building / store.META)
    try:
        conn.executescript(store.SCHEMA)
        items = itertools.chain(read_sources(sources), extra)
        hashes = _write_articles(conn, items, skipped)
        conn.commit()
        if not hashes:
            raise NoSources(
                "no article could be read from "
                + (", ".join(str(s) for s in sources) or "the configured sources")
                + (f" ({len(skipped)} skipped: {skipped[0]}...)" if skipped else "")
            )
        old = previous.article_hashes
        added = sum(1 for a in hashes if a not in old)
        updated = sum(1 for a, h in hashes.items() if a in old and old[a] != h)
        removed = sum(1 for a in old if a not in hashes)
        total = int(conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0])
        same_model = previous.vectors is not None
        kind = dense.choose(total, dense_index)
        same_dense = previous.dense_index == kind
        # A newer newsbot may calibrate the floor anew: record it, reusing every vector.
        same_calibration = previous.calibration == _calibration(embedder)
        if same_model and same_dense and same_calibration and not (added or updated or removed):
            return BuildReport(
                articles=len(hashes),
                paragraphs=total,
                added=0,
                updated=0,
                removed=0,
                unchanged=len(hashes),
                embedded=0,
                reused=total,
                skipped=tuple(skipped),
                seconds=time.monotonic() - started,
                changed=False,
                index_dir=str(index_dir),
            )
        vectors = np.lib.format.open_memmap(
            building / store.VECTORS, mode="w+", dtype=np.float32, shape=(total, embedder.dim)
        )
        embedded, reused = _embed_all(conn, total, vectors, previous, embedder, progress)
        vectors.flush()
        dense.write(dense.build(vectors, kind), building / store.DENSE)
        del vectors
        Bm25Index.build(_lexical_terms(conn, total)).save(building)
        conn.commit()
        floor, weights = _calibration(embedder)
        manifest = store.Manifest(
            format=FORMAT_VERSION,
            embedder=embedder.name,
            dim=embedder.dim,
            articles=len(hashes),
            paragraphs=total,
            built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            dense_index=kind,
            answer_floor=floor,
            confidence=weights,
        )
    finally:
        conn.close()
    (building / store.MANIFEST).write_text(manifest.to_json())
    store.publish(index_dir, building)
    return BuildReport(
        articles=len(hashes),
        paragraphs=total,
        added=added,
        updated=updated,
        removed=removed,
        unchanged=len(hashes) - added - updated,
        embedded=embedded,
        reused=reused,
        skipped=tuple(skipped),
        seconds=time.monotonic() - started,
        changed=True,
        index_dir=str(index_dir),
    )
