"""Build an index version in Milvus, reusing every vector already computed.

The articles are read, cleaned and split exactly as for the local store (into a scratch
SQLite file that the build removes); then the paragraphs go to a new Milvus version in
batches, each with its vector: reused by context hash from the live version or from a
version an earlier build left unfinished (a killed backfill resumes without embedding
again what it had written), else embedded. The version goes live in one switch
(``MilvusStore.publish``) once every row is in.
"""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsbot.index.articles import UNKNOWN_OUTLET, Article, SkippedSource
from newsbot.index.building import store as local_store
from newsbot.index.building.build import (
    BuildReport,
    Progress,
    _calibration,
    new_manifest,
    read_articles,
)
from newsbot.index.building.chunking import embedding_context, lexical_text
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.lexical import tokenize
from newsbot.index.building.milvus_lease import build_lease
from newsbot.index.building.milvus_store import (
    DENSE_INDEX,
    MilvusStore,
    MilvusTarget,
    paragraph_row,
)
from newsbot.index.building.stories import group_leads, lead_articles
from newsbot.index.defaults import EMBED_BATCH, FORMAT_VERSION
from newsbot.index.errors import IndexDamaged, IndexIncompatible, IndexMissing

#: Paragraphs written to Milvus per call.
UPLOAD_BATCH = 256
#: Bytes of the outlet list kept in the summary (a meta value holds 65,535).
_SUMMARY_BYTES = 60_000

_ROWS = """
    SELECT p.row, p.article_id, p.number, p.text, p.context_hash,
           a.title, a.source, a.published, a.url, a.path, a.content_hash,
           (SELECT q.text FROM paragraphs q
            WHERE q.article_id = p.article_id AND q.number = p.number - 1)
    FROM paragraphs p JOIN articles a ON a.id = p.article_id {where} ORDER BY p.row
"""


@dataclass
class _Live:
    """The live Milvus version, if any, and what a build compares with it: each article's
    content hash and story (an article of a version written before stories has none)."""

    version: str | None
    embedder: str | None
    article_hashes: dict[str, str]
    stories: dict[str, str]
    calibration: tuple[float, dict[str, tuple[float, ...]]] | None


def _live(milvus: MilvusStore) -> _Live:
    try:
        version = milvus.live_version()
        manifest = milvus.manifest(version)
    except (IndexMissing, IndexDamaged, IndexIncompatible):
        return _Live(None, None, {}, {}, None)
    hashes, stories = {}, {}
    fields = ["article_id", "content_hash", "story_id"]
    for row in milvus.scan(milvus.paragraphs_collection(version), fields, "number == 1"):
        hashes[str(row["article_id"])] = str(row["content_hash"])
        if row["story_id"]:
            stories[str(row["article_id"])] = str(row["story_id"])
    calibration = (manifest.answer_floor, manifest.confidence)
    if manifest.format != FORMAT_VERSION:  # grouped without the seen times: regroup
        stories = {}
    return _Live(version, manifest.embedder, hashes, stories, calibration)


def build_milvus_index(
    target: MilvusTarget,
    sources: Sequence[Path],
    embedder: Embedder,
    *,
    progress: Progress | None = None,
    extra: Iterable[Article | SkippedSource] = (),
) -> BuildReport:
    """Build a new version of the Milvus index at ``target`` from ``sources`` and make it
    live; the same contract as ``build.build_index`` (the caller holds the index directory's
    build lock; this holds the store's build lease, ``milvus_lease``).

    Raises NoSources when no article could be read, BuildInProgress when another build
    writes to this Milvus, and StoreUnavailable when Milvus fails; in every case the live
    version keeps serving.
    """
    started = time.monotonic()
    milvus = MilvusStore(target)
    try:
        with build_lease(milvus), tempfile.TemporaryDirectory(prefix="newsbot-build-") as scratch:
            conn = sqlite3.connect(Path(scratch) / local_store.META)
            try:
                return _build(milvus, conn, sources, embedder, progress, extra, started)
            finally:
                conn.close()
    finally:
        milvus.close()


def _build(
    milvus: MilvusStore,
    conn: sqlite3.Connection,
    sources: Sequence[Path],
    embedder: Embedder,
    progress: Progress | None,
    extra: Iterable[Article | SkippedSource],
    started: float,
) -> BuildReport:
    live = _live(milvus)
    changes = read_articles(conn, sources, extra, live.article_hashes)
    total = changes.paragraphs
    same_model = live.embedder == embedder.name
    same_calibration = live.calibration == _calibration(embedder)
    # A version written before stories is rebuilt to get them (its vectors are reused).
    with_stories = len(live.stories) == len(live.article_hashes)
    if same_model and same_calibration and with_stories and not changes.changed:
        return changes.report(started, milvus.target.setting)
    reuse = [
        milvus.paragraphs_collection(name)
        for name, model in milvus.unfinished().items()
        if model == embedder.name
    ]
    if live.version is not None and same_model:
        reuse.insert(0, milvus.paragraphs_collection(live.version))
    version = milvus.start_version(embedder.dim, embedder.name)
    collection = milvus.paragraphs_collection(version)
    embedded = done = 0
    # First the articles' first paragraphs, whose vectors group the stories: written at once
    # (without their story yet), so that a killed build keeps what it embedded.
    leads: dict[str, np.ndarray] = {}  # float32, not lists: a tenth of the memory
    for batch in _batches(conn.execute(_ROWS.format(where="WHERE p.number = 1")), UPLOAD_BATCH):
        vectors, new = _vectors(milvus, reuse, batch, embedder, {})
        leads.update((h, np.asarray(v, dtype=np.float32)) for h, v in vectors.items())
        milvus.insert(collection, _rows(batch, vectors, {}, Counter()))
        embedded, done = embedded + new, done + len(batch)
        if progress is not None:
            progress(done, total)
    articles = lead_articles(conn)
    hash_of = dict(conn.execute("SELECT row, context_hash FROM paragraphs WHERE number = 1"))
    lead_vectors = np.asarray([leads[hash_of[row]] for _, row in articles], dtype=np.float32)
    stories = group_leads(
        articles, lead_vectors.reshape(-1, embedder.dim), live.stories, changes.kept
    )
    # Then every paragraph with its story (the first ones again, now with theirs).
    frequencies: Counter[str] = Counter()
    for batch in _batches(conn.execute(_ROWS.format(where="")), UPLOAD_BATCH):
        vectors, new = _vectors(milvus, reuse, batch, embedder, leads)
        rows = _rows(batch, vectors, stories, frequencies)
        milvus.upsert(collection, [row for row in rows if row["number"] == 1])  # again
        milvus.insert(collection, [row for row in rows if row["number"] != 1])
        embedded += new
        done += sum(1 for item in batch if item[2] != 1)
        if progress is not None:
            progress(done, total)
    milvus.write_terms(version, frequencies)
    written = milvus.count(collection)
    if written != total:
        raise IndexDamaged(
            f"Milvus holds {written} of the {total} paragraphs written to {collection}: "
            "run `newsbot index` again (written vectors are reused)"
        )
    manifest = new_manifest(embedder, changes, DENSE_INDEX, len(set(stories.values())))
    milvus.publish(version, manifest, _summary(conn, total))
    return changes.report(started, milvus.target.setting, embedded)


def _batches(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _reusable(
    milvus: MilvusStore, collections: Sequence[str], hashes: Sequence[str]
) -> dict[str, list[float]]:
    """Return context hash -> vector for the ``hashes`` that ``collections`` hold."""
    found: dict[str, list[float]] = {}
    for collection in collections:
        missing = [h for h in dict.fromkeys(hashes) if h not in found]
        if not missing:
            break
        quoted = ", ".join(f'"{h}"' for h in missing)  # hex digests: nothing to escape
        for item in milvus.query(
            collection,
            f"context_hash in [{quoted}]",
            ["context_hash", "vector"],
            limit=len(missing) * 4,
        ):
            found.setdefault(str(item["context_hash"]), list(item["vector"]))
    return found


def _vectors(
    milvus: MilvusStore,
    reuse: Sequence[str],
    batch: Sequence[tuple[Any, ...]],
    embedder: Embedder,
    known: Mapping[str, np.ndarray],
) -> tuple[dict[str, list[float]], int]:
    """Return context hash -> vector for a batch of paragraphs (``known``, else reused from
    the ``reuse`` collections, else embedded), and how many were embedded."""
    vectors = {item[4]: known[item[4]].tolist() for item in batch if item[4] in known}
    wanted = [item[4] for item in batch if item[4] not in vectors]
    vectors.update(_reusable(milvus, reuse, wanted) if wanted else {})
    todo = {item[4]: embedding_context(item[11], item[3]) for item in batch}
    todo = {h: context for h, context in todo.items() if h not in vectors}
    pending = list(todo.items())
    for start in range(0, len(pending), EMBED_BATCH):
        chunk = pending[start : start + EMBED_BATCH]
        embedded = embedder.embed_passages([context for _, context in chunk])
        for (context_hash, _), vector in zip(chunk, embedded, strict=True):
            vectors[context_hash] = np.asarray(vector, dtype=np.float32).tolist()
    return vectors, len(todo)


def _rows(
    batch: Sequence[tuple[Any, ...]],
    vectors: Mapping[str, list[float]],
    stories: Mapping[str, str],
    frequencies: Counter[str],
) -> list[dict[str, Any]]:
    """Return the Milvus rows of a batch of paragraphs, counting their terms into
    ``frequencies``."""
    rows = []
    for (
        row,
        article_id,
        number,
        text,
        context_hash,
        title,
        source,
        published,
        url,
        path,
        content_hash,
        _previous,
    ) in batch:
        tokens = tokenize(lexical_text(title, text))
        frequencies.update(set(tokens))
        rows.append(
            paragraph_row(
                row=int(row),
                article_id=article_id,
                number=int(number),
                text=text,
                terms=" ".join(tokens),
                title=title,
                source=source,
                published=published,
                url=url,
                path=path,
                story_id=stories.get(article_id, ""),
                context_hash=context_hash,
                content_hash=content_hash,
                vector=vectors[context_hash],
            )
        )
    return rows


def _summary(conn: sqlite3.Connection, paragraphs: int) -> dict[str, Any]:
    """Outlets with their article counts and the first and last date, for ``stats``."""
    outlets = conn.execute(
        "SELECT coalesce(source, ?), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC",
        (UNKNOWN_OUTLET,),
    ).fetchall()
    first, last = conn.execute(
        "SELECT min(substr(published, 1, 10)), max(substr(published, 1, 10)) FROM articles"
    ).fetchone()
    kept: list[list[Any]] = []
    size = 0
    for name, count in outlets:
        size += len(str(name).encode("utf-8")) + 16
        if size > _SUMMARY_BYTES:
            break
        kept.append([str(name), int(count)])
    return {"outlets": kept, "first": first, "last": last, "paragraphs": paragraphs}
