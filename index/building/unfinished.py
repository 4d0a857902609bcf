"""What a build that never finished leaves in an index directory, so that a first question
there is not answered from the sample corpus (which would replace the build's checkpoint).

A local build (``answering.stores.build``) writes ``build-started`` before it starts and
removes it once its version is live, and keeps its embedded vectors in ``embedded/`` until
then; so an index directory holding either, and no live version, saw a ``newsbot index``
that was interrupted or failed. (``build.lock`` alone says nothing: a Milvus build takes it
too, in an index directory that then holds no local index.)
"""

from __future__ import annotations

import fcntl
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsbot.index.building import integrity
from newsbot.index.building.journal import JOURNAL
from newsbot.index.building.milvus_store import MilvusStore
from newsbot.index.building.store import LOCK
from newsbot.index.errors import IndexIncomplete

#: Written beside the build's lock while the CLI builds the sample index on a first question,
#: removed when that build is done: an interrupted sample build may be resumed by the next
#: question; any other interrupted build is the user's own and only ``newsbot index`` resumes it.
SAMPLE_MARKER = "sample-build"
#: Written by a local build before it starts, removed when its version is live.
STARTED_MARKER = "build-started"


@dataclass(frozen=True)
class UnfinishedBuild:
    """A build of an index directory that did not publish a version."""

    index_dir: Path
    #: Paragraphs it embedded and kept in its journal for the next build to reuse.
    kept: int
    #: Whether a build holds the lock right now (still running, in another process).
    running: bool
    #: Whether it was the CLI's sample build on a first question.
    sample: bool
    #: Where the index lives, for the message, when not in ``index_dir``: "Milvus at URI".
    store: str = ""

    def error(self) -> IndexIncomplete:
        """The one-line error for a question asked of this directory."""
        where = self.store or str(self.index_dir)
        if self.running:
            return IndexIncomplete(
                f"the index in {where} is being built: ask again when `newsbot index` has finished",
                self,
            )
        kept = (
            f"; its {self.kept} embedded paragraphs are kept and will be reused"
            if self.kept
            else ""
        )
        return IndexIncomplete(
            f"the index in {where} is incomplete: a `newsbot index` there was "
            f"interrupted or failed{kept}. Run `newsbot index PATH...` to finish it",
            self,
        )


def unfinished_build(index_dir: Path) -> UnfinishedBuild | None:
    """What a build that never published left in ``index_dir``, or None when no build was
    ever started there. Call only where ``index_dir`` has no live version."""
    lock, journal = index_dir / LOCK, index_dir / JOURNAL
    if not ((index_dir / STARTED_MARKER).exists() or journal.is_dir()):
        return None
    return UnfinishedBuild(
        index_dir=index_dir,
        kept=_journaled(journal),
        running=_locked(lock),
        sample=(index_dir / SAMPLE_MARKER).exists(),
    )


def unfinished_milvus_build(index_dir: Path, milvus: MilvusStore) -> UnfinishedBuild | None:
    """What a Milvus build that never published left in ``milvus`` (its versions recorded as
    unfinished, whose vectors the next build reuses), or None when there is none. Its lock
    and sample marker live in ``index_dir``, as for a local build. Call only where
    ``milvus`` has no live version. StoreUnavailable when Milvus cannot be reached."""
    versions = milvus.unfinished()
    if not versions:
        return None
    return UnfinishedBuild(
        index_dir=index_dir,
        kept=sum(milvus.count(milvus.paragraphs_collection(name)) for name in versions),
        running=_locked(index_dir / LOCK),
        sample=(index_dir / SAMPLE_MARKER).exists(),
        store=f"Milvus at {milvus.target.setting}",
    )


def _journaled(folder: Path) -> int:
    total = 0
    for path in folder.glob("batch-*.npz"):
        try:
            with np.load(path, allow_pickle=False) as arrays:
                total += len(arrays["keys"])
        except integrity.READ_ERRORS:
            continue  # the next build passes it over too
    return total


def _locked(lock: Path) -> bool:
    """Whether a build holds ``lock`` now (a shared lock is refused while one does)."""
    try:
        handle = open(lock, "rb")  # noqa: SIM115 - closed below
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
