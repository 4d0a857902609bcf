"""One door to the index, whichever store holds it: the local index directory (the default)
or Milvus (``NEWSBOT_STORE`` / ``--store``, see ``building.milvus_store``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsbot.index.answering import self_floor
from newsbot.index.answering.search import NewsIndex
from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import embedders, store
from newsbot.index.building.build import BuildReport, Progress, build_index
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.milvus_store import MilvusTarget, index_model
from newsbot.index.building.unfinished import (
    STARTED_MARKER,
    unfinished_build,
    unfinished_milvus_build,
)
from newsbot.index.defaults import SELF_FLOOR_LANGUAGES
from newsbot.index.errors import IndexIncomplete, IndexMissing

#: Where the index lives: None for the local index directory, else Milvus.
Store = MilvusTarget | None


def open_index(index_dir: Path, target: Store, embedder: Embedder) -> NewsIndex:
    """Open the live index for ``embedder``: in Milvus at ``target``, else in ``index_dir``.

    Raises IndexIncomplete (an IndexMissing) when the store has no live version but a
    build of it was started and interrupted or failed, IndexMissing when none ever was."""
    try:
        if target is None:
            return NewsIndex.open(index_dir, embedder)
        from newsbot.index.answering.milvus_search import MilvusNewsIndex

        return MilvusNewsIndex.open_milvus(target, embedder)
    except IndexMissing:
        error = incomplete(index_dir, target)
        if error is None:
            raise
        raise error from None


def incomplete(index_dir: Path, target: Store) -> IndexIncomplete | None:
    """The error for a store without a live version where a build was started and never
    published (``unfinished``; its ``unfinished`` attribute says what it left), or None
    when no build ever was (locally: or older versions are there). StoreUnavailable when
    Milvus cannot be reached."""
    if target is None:
        if any(index_dir.glob("v-*")):
            return None
        unfinished = unfinished_build(index_dir)
    else:
        from newsbot.index.building.milvus_store import MilvusStore

        milvus = MilvusStore(target)
        try:
            unfinished = unfinished_milvus_build(index_dir, milvus)
        finally:
            milvus.close()
    return None if unfinished is None else unfinished.error()


def embedder_for(index_dir: Path, target: Store, model: str | None = None) -> Embedder:
    """Load the model asked for, else the one that built the live index, else the default."""
    if target is None:
        return embedders.embedder_for_index(index_dir, model)
    return embedders.load_embedder(model or index_model(target))


def build(
    index_dir: Path,
    target: Store,
    sources: Sequence[Path],
    embedder: Embedder,
    *,
    progress: Progress | None = None,
    extra: Iterable[Article | SkippedSource] = (),
    dense_index: str | None = None,
) -> BuildReport:
    """Build a new version in the store and make it live (``build.build_index`` locally;
    in Milvus under the build lock of ``index_dir``, which keeps the fetch cache and the
    added URLs either way). ``dense_index`` applies to the local store only."""
    if target is None:
        started = index_dir / STARTED_MARKER  # until the version is live (``unfinished``)
        with contextlib.suppress(OSError):  # build_index says why it cannot write there
            index_dir.mkdir(parents=True, exist_ok=True)
            started.touch()
        report = build_index(
            index_dir,
            sources,
            embedder,
            progress=progress,
            extra=extra,
            dense_index=dense_index,
            # The raise is off: no build pays for pseudo-questions nothing reads.
            calibrate=self_floor.calibrate if SELF_FLOOR_LANGUAGES else None,
        )
        with contextlib.suppress(OSError):
            started.unlink(missing_ok=True)
        return report
    from newsbot.index.building.milvus_build import build_milvus_index

    with store.build_lock(index_dir):
        return build_milvus_index(target, sources, embedder, progress=progress, extra=extra)


def live_version_name(index_dir: Path, target: Store) -> str:
    """The name of the version live in the store now (``NewsIndex.version.name`` of an index
    opened now)."""
    if target is None:
        return store.live_version(index_dir).name
    from newsbot.index.building.milvus_store import MilvusStore

    milvus = MilvusStore(target)
    try:
        return milvus.live_version()
    finally:
        milvus.close()
