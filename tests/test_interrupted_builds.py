"""Real ``newsbot index`` processes killed, raced, and starved of disk: the next build
resumes from the journal, two builds never write at once, and a full or read-only disk is
one line with the live version untouched and the partial one removed."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsbot.bot import cli
from newsbot.index.building import embedders, store
from newsbot.index.building.build import build_index
from newsbot.index.building.journal import JOURNAL
from newsbot.index.defaults import DURABLE_BATCH
from tests.conftest import REPO, FakeEmbedder, without_progress, write_article

NEW_ARTICLES = 150  # four paragraphs each: 600 paragraphs to embed


def add_articles(folder: Path, count: int = NEW_ARTICLES) -> None:
    for i in range(count):
        paragraphs = [
            f"Paragraf {p} berita nomor {i} tentang pembangunan jalan tol dan jembatan di "
            f"kabupaten {i * 7 + p} yang diresmikan pekan ini oleh gubernur."
            for p in range(4)
        ]
        write_article(folder, f"berita{i:03}.txt", f"Berita Nomor {i}", *paragraphs)


def slow_index(
    index_dir: Path, sources: Path, *, delay: float = 0.05, limit: int | None = None
) -> subprocess.Popen[str]:
    """Start a real ``newsbot index`` with the slow fake embedder (``limit``: the most
    bytes a file may grow to, RLIMIT_FSIZE)."""

    def limit_files() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "NEWSBOT_TEST_EMBED_DELAY": str(delay)}
    env.pop("NEWSBOT_INDEX_DIR", None)
    command = [sys.executable, "-m", "tests.slow_cli", "index", "--index-dir", str(index_dir)]
    return subprocess.Popen(
        [*command, str(sources)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit_files,
    )


def embedded_so_far(proc: subprocess.Popen[str], at_least: int) -> int:
    """Read the build's progress until it has embedded ``at_least`` paragraphs."""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("embedded ") and int(line.split()[1]) >= at_least:
            return int(line.split()[1])
    raise AssertionError(f"the build ended before embedding {at_least}: {proc.wait()}")


def journaled(index_dir: Path) -> int:
    """How many vectors the journal holds."""
    total = 0
    for path in (index_dir / JOURNAL).glob("batch-*.npz"):
        with np.load(path) as arrays:
            total += len(arrays["keys"])
    return total


def test_a_build_killed_after_most_paragraphs_resumes_and_embeds_only_the_rest(
    tmp_path: Path, sources: Path
) -> None:
    index_dir = tmp_path / "idx"
    build_index(index_dir, [sources], FakeEmbedder())
    live = store.live_version(index_dir)
    add_articles(sources)
    proc = slow_index(index_dir, sources)
    done = embedded_so_far(proc, at_least=450)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert store.live_version(index_dir) == live  # untouched throughout
    kept = journaled(index_dir)
    # At most the batch being written is lost.
    assert done - DURABLE_BATCH < kept <= 600
    embedder = FakeEmbedder()
    report = build_index(index_dir, [sources], embedder)
    assert embedder.passages_embedded == 600 - kept
    assert (report.embedded, report.reused, report.added) == (600 - kept, 3 + kept, 150)
    assert not (index_dir / JOURNAL).exists() and not list(index_dir.glob(".building-*"))


class Stopped(Exception):
    """What the bot's rebuild raises between batches once the bot is stopping."""


def test_a_build_stopped_between_batches_resumes_and_embeds_only_the_rest(
    tmp_path: Path, sources: Path
) -> None:
    index_dir = tmp_path / "idx"
    build_index(index_dir, [sources], FakeEmbedder())
    live = store.live_version(index_dir)
    add_articles(sources)

    def stop_midway(done: int, total: int) -> None:
        if done >= 300:
            raise Stopped

    with pytest.raises(Stopped):
        build_index(index_dir, [sources], FakeEmbedder(), progress=stop_midway)
    assert store.live_version(index_dir) == live
    kept = journaled(index_dir)
    assert 300 - DURABLE_BATCH < kept < 600
    embedder = FakeEmbedder()
    report = build_index(index_dir, [sources], embedder)
    assert embedder.passages_embedded == 600 - kept
    assert report.added == 150 and not list(index_dir.glob(".building-*"))


@pytest.mark.parametrize("at", [1, 130, 590])
def test_killed_at_any_point_the_next_build_completes_with_the_same_index(
    tmp_path: Path, sources: Path, at: int
) -> None:
    add_articles(sources, 150)
    reference = build_index(tmp_path / "ref", [sources], FakeEmbedder())
    index_dir = tmp_path / "idx"
    proc = slow_index(index_dir, sources, delay=0.01)
    embedded_so_far(proc, at_least=at)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    report = build_index(index_dir, [sources], FakeEmbedder())
    assert report.embedded + report.reused == reference.paragraphs
    ours = np.load(store.live_version(index_dir) / store.VECTORS)
    theirs = np.load(store.live_version(tmp_path / "ref") / store.VECTORS)
    assert np.array_equal(ours, theirs)


def test_a_second_build_at_once_is_refused_in_one_line_naming_the_first(
    tmp_path: Path,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    index_dir = tmp_path / "idx"
    build_index(index_dir, [sources], FakeEmbedder())
    live = store.live_version(index_dir)
    add_articles(sources, 80)
    first = slow_index(index_dir, sources, delay=2.0)  # 10 calls: 20 s, killed before
    try:
        embedded_so_far(first, at_least=1)
        # Another terminal's `newsbot index`, and another process's.
        assert cli.main(["index", "--index-dir", str(index_dir), str(sources)]) == 1
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "another build" in err and f"process {first.pid}" in err
        second = slow_index(index_dir, sources)
        _, second_err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert second_err.strip().count("\n") == 0 and "another build" in second_err
        assert store.live_version(index_dir) == live
    finally:
        first.kill()
        first.wait()
    # The kernel released the dead build's lock: the next one runs.
    assert build_index(index_dir, [sources], FakeEmbedder()).added == 80


@pytest.mark.parametrize("limit", [20_000, 120_000, 400_000])
def test_a_full_disk_is_one_line_the_live_index_untouched_and_the_partial_one_removed(
    tmp_path: Path, sources: Path, limit: int
) -> None:
    index_dir = tmp_path / "idx"
    build_index(index_dir, [sources], FakeEmbedder())
    live = store.live_version(index_dir)
    add_articles(sources, 300)
    proc = slow_index(index_dir, sources, delay=0, limit=limit)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert without_progress(err).strip().count("\n") == 0 and "Traceback" not in err
    assert "cannot write the index" in err and "untouched" in err
    assert store.live_version(index_dir) == live
    assert not list(index_dir.glob(".building-*"))
    # Room again: the next build completes.
    report = build_index(index_dir, [sources], FakeEmbedder())
    assert report.added == 300


@contextlib.contextmanager
def mounted(command: list[str], target: Path) -> Iterator[None]:
    """Run a ``mount`` command; skip when this machine does not allow it."""
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip()})")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


# Full while writing the metadata (0.5 MB), the journal and vectors, the search indexes.
@pytest.mark.parametrize("size", ["256k", "1000k", "1400k"])
def test_a_full_filesystem_is_one_line_too(tmp_path: Path, sources: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny filesystem needs root")
    small = tmp_path / "small"
    small.mkdir()
    with mounted(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(small)], small):
        index_dir = small / "idx"
        build_index(index_dir, [sources], FakeEmbedder())
        live = store.live_version(index_dir)
        add_articles(sources, 300)
        proc = slow_index(index_dir, sources, delay=0)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 1, err
        assert without_progress(err).strip().count("\n") == 0 and "Traceback" not in err
        assert any(
            full in err for full in ("No space left on device", "disk is full", "may be full")
        )
        assert store.live_version(index_dir) == live
        assert not list(index_dir.glob(".building-*"))


def test_a_read_only_index_directory_is_one_line_and_the_index_keeps_answering(
    tmp_path: Path,
    sources: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(embedders, "load_embedder", lambda model=None: FakeEmbedder())
    index_dir = tmp_path / "idx"
    build_index(index_dir, [sources], FakeEmbedder())
    live = store.live_version(index_dir)
    add_articles(sources, 5)
    if os.geteuid() == 0:
        guard = mounted(["mount", "--bind", "-o", "ro", str(index_dir), str(index_dir)], index_dir)
    else:
        index_dir.chmod(0o555)
        guard = contextlib.nullcontext()
    with guard:
        assert cli.main(["index", "--index-dir", str(index_dir), str(sources)]) == 1
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "cannot write the index" in err
        assert store.live_version(index_dir) == live
        assert cli.main(["ask", "--index-dir", str(index_dir), "perbatasan Tajikistan"]) == 0
    index_dir.chmod(0o755)


class CrashingEmbedder(FakeEmbedder):
    """Fails on its ``crash_at``-th call, as a model running out of memory would."""

    def __init__(self, crash_at: int) -> None:
        super().__init__()
        self.calls = 0
        self.crash_at = crash_at

    def embed_passages(self, texts):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls == self.crash_at:
            raise RuntimeError("model crashed")
        return super().embed_passages(texts)


def test_a_build_that_fails_midway_keeps_its_vectors_for_the_next(
    tmp_path: Path, sources: Path
) -> None:
    add_articles(sources, 100)  # 400 new paragraphs, embedded 32 at a time
    index_dir = tmp_path / "idx"
    with pytest.raises(RuntimeError):
        build_index(index_dir, [sources], CrashingEmbedder(crash_at=10))
    # 9 calls: 288 embedded, of which 2 durable batches of 128 were written.
    assert journaled(index_dir) == 2 * DURABLE_BATCH
    embedder = FakeEmbedder()
    report = build_index(index_dir, [sources], embedder)
    assert embedder.passages_embedded == report.paragraphs - 2 * DURABLE_BATCH


def test_an_unreadable_batch_is_passed_over(tmp_path: Path, sources: Path) -> None:
    add_articles(sources, 100)
    index_dir = tmp_path / "idx"
    with pytest.raises(RuntimeError):
        build_index(index_dir, [sources], CrashingEmbedder(crash_at=10))
    batches = sorted((index_dir / JOURNAL).glob("batch-*.npz"))
    assert len(batches) == 2
    batches[0].write_bytes(batches[0].read_bytes()[:100])  # cut short, as by a disk error
    embedder = FakeEmbedder()
    report = build_index(index_dir, [sources], embedder)
    assert embedder.passages_embedded == report.paragraphs - DURABLE_BATCH
