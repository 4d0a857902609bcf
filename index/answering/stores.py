"""One door to the index, whichever store holds it: the local index directory (the default)
or Milvus (``NEWSBOT_STORE`` / ``--store``, see ``building.milvus_store``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsbot.index.answering.search import NewsIndex
from newsbot.index.articles import Article, SkippedSource
from newsbot.index.building import embedders, store
from newsbot.index.building.build import BuildReport, Progress, build_index
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.milvus_store import MilvusTarget, index_model
from newsbot.index.building.unfinished import (
    STARTED_MARKER,
    UnfinishedBuild,
    unfinished_build,
    unfinished_milvus_build,
)
from newsbot.index.errors import IndexIncomplete, IndexMissing

#: Where the index lives: None for the local index directory, else Milvus.
Store = MilvusTarget | None


def open_index(index_dir: Path, target: Store, embedder: Embedder) -> NewsIndex:
    """Open the live index for ``embedder``: in Milvus at ``target``, else in ``index_dir``.

    Raises IndexIncomplete (an IndexMissing) when ``index_dir`` has no live version but a
    build of it was started and interrupted or failed, IndexMissing when none ever was."""
    if target is None:
        try:
            return NewsIndex.open(index_dir, embedder)
        except IndexMissing:
            unfinished = unfinished_build(index_dir)
            if unfinished is None or any(index_dir.glob("v-*")):
                raise
            raise unfinished.error() from None
    from newsbot.index.answering.milvus_search import MilvusNewsIndex

    try:
        return MilvusNewsIndex.open_milvus(target, embedder)
    except IndexIncomplete:
        raise
    except IndexMissing:
        unfinished = unfinished_build_in(index_dir, target)
        if unfinished is None:
            raise
        raise unfinished.error() from None


def unfinished_build_in(index_dir: Path, target: Store) -> UnfinishedBuild | None:
    """What a build that never published left in the store (``unfinished``), or None when
    no build was ever started there. Call only where the store has no live version."""
    if target is None:
        return unfinished_build(index_dir)
    from newsbot.index.building.milvus_store import MilvusStore

    milvus = MilvusStore(target)
    try:
        return unfinished_milvus_build(index_dir, milvus)
    finally:
        milvus.close()


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
            index_dir, sources, embedder, progress=progress, extra=extra, dense_index=dense_index
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
