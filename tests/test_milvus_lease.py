"""One build at a time in a Milvus store, from any folder, machine or replica: the store's
build lease (``milvus_lease``), against a real Milvus Lite."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsbot.index import sample
from newsbot.index.answering import stores
from newsbot.index.building import milvus_lease
from newsbot.index.building.embedders import Vectors
from newsbot.index.building.milvus_lease import LEASE_KEY, LEASE_SECONDS, read_lease
from newsbot.index.building.milvus_store import MilvusStore, MilvusTarget, parse_store
from newsbot.index.errors import BuildInProgress, IndexMissing, StoreUnavailable
from tests.conftest import FakeEmbedder
from tests.milvus_server import milvus_lite_server
from tests.test_milvus_store import lite  # noqa: F401 - the fixture


class HeldEmbedder(FakeEmbedder):
    """Embeds its first batch, then waits until ``release`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.writing = threading.Event()
        self.release = threading.Event()

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        if self.passages_embedded:
            self.writing.set()
            assert self.release.wait(60)
        return super().embed_passages(texts)


def store_lease(target: MilvusTarget, **fields: object) -> None:
    milvus = MilvusStore(target)
    try:
        milvus.put({LEASE_KEY: json.dumps(fields)})
    finally:
        milvus.close()


def lease_of(target: MilvusTarget) -> milvus_lease.Lease | None:
    milvus = MilvusStore(target)
    try:
        return read_lease(milvus)
    finally:
        milvus.close()


def test_a_build_from_another_folder_is_refused_while_one_writes(
    tmp_path: Path,
    lite: MilvusTarget,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsbot.index.building import milvus_build

    monkeypatch.setattr(milvus_build, "UPLOAD_BATCH", 40)
    corpus = sample.sources()
    held = HeldEmbedder()
    failures: list[BaseException] = []

    def first() -> None:
        try:
            stores.build(tmp_path / "one", lite, corpus, held)
        except BaseException as exc:  # reported below
            failures.append(exc)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert held.writing.wait(60)
        # Another folder: the local lock is not shared, the store's lease is.
        with pytest.raises(BuildInProgress, match="another build is writing to Milvus at"):
            stores.build(tmp_path / "two", lite, corpus[:1], FakeEmbedder())
        holder = lease_of(lite)
        assert holder is not None and holder.host == socket.gethostname()
    finally:
        held.release.set()
        thread.join(120)
    assert failures == []  # the first build was not disturbed
    assert lease_of(lite) is None  # and gave the lease back
    report = stores.build(tmp_path / "two", lite, corpus, FakeEmbedder())
    assert report.embedded == 0  # the same articles: every vector reused


def test_the_lease_of_a_build_that_died_is_taken_over(
    tmp_path: Path,
    lite: MilvusTarget,  # noqa: F811
) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    now = time.time()
    here = socket.gethostname()
    store_lease(lite, token="x", host=here, pid=dead.pid, since=now, renewed=now)
    stores.build(tmp_path / "idx", lite, sample.sources()[:1], FakeEmbedder())
    assert lease_of(lite) is None


def test_a_live_lease_elsewhere_is_respected_until_it_lapses(
    tmp_path: Path,
    lite: MilvusTarget,  # noqa: F811
) -> None:
    now = time.time()
    other = {"token": "x", "host": "another-machine", "pid": 1, "since": now}
    store_lease(lite, **other, renewed=now - 10)
    with pytest.raises(BuildInProgress, match="process 1 on another-machine"):
        stores.build(tmp_path / "idx", lite, sample.sources()[:1], FakeEmbedder())
    holder = lease_of(lite)
    assert holder is not None and holder.host == "another-machine"  # left as it was

    store_lease(lite, **other, renewed=now - LEASE_SECONDS - 1)
    stores.build(tmp_path / "idx", lite, sample.sources()[:1], FakeEmbedder())
    assert lease_of(lite) is None


def test_two_claims_at_once_leave_one_holder(
    lite: MilvusTarget,  # noqa: F811
) -> None:
    """Both claim before either reads back: only the later claim's owner builds."""
    entered: list[str] = []
    refused: list[str] = []
    barrier = threading.Barrier(2)

    def claim(name: str) -> None:
        milvus = MilvusStore(lite)
        barrier.wait()
        try:
            with milvus_lease.build_lease(milvus):
                entered.append(name)
                time.sleep(milvus_lease.SETTLE_SECONDS * 4)
        except BuildInProgress:
            refused.append(name)
        finally:
            milvus.close()

    threads = [threading.Thread(target=claim, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(entered) == 1 and len(refused) == 1


def test_a_build_whose_lease_was_taken_over_stops_without_publishing(
    tmp_path: Path,
    lite: MilvusTarget,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build that stalled past the lease (stopped, swapped out) and was taken over must not
    write on, nor publish over, the build that took its turn."""
    from newsbot.index.building import milvus_build

    monkeypatch.setattr(milvus_build, "UPLOAD_BATCH", 40)
    # The stall outlasts the window in which a recent renewal is trusted.
    monkeypatch.setattr(milvus_lease, "CONFIRM_SECONDS", 0.0)
    held = HeldEmbedder()
    failures: list[BaseException] = []

    def stalled() -> None:
        try:
            stores.build(tmp_path / "one", lite, sample.sources(), held)
        except BaseException as exc:  # reported below
            failures.append(exc)

    thread = threading.Thread(target=stalled)
    thread.start()
    try:
        assert held.writing.wait(60)
        now = time.time()
        store_lease(lite, token="y", host="another-machine", pid=7, since=now, renewed=now)
    finally:
        held.release.set()
        thread.join(120)
    assert len(failures) == 1 and isinstance(failures[0], BuildInProgress)
    assert "taken over by process 7 on another-machine" in str(failures[0])
    milvus = MilvusStore(lite)
    try:
        with pytest.raises(IndexMissing):
            milvus.live_version()  # nothing published
        holder = read_lease(milvus)
        assert holder is not None and holder.token == "y"  # the other's lease left alone
    finally:
        milvus.close()


def test_the_lease_is_renewed_while_a_build_runs_without_writing(
    lite: MilvusTarget,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(milvus_lease, "RENEW_SECONDS", 0.2)
    milvus = MilvusStore(lite)
    try:
        with milvus_lease.build_lease(milvus):
            first = read_lease(milvus)
            time.sleep(1.0)  # reading sources, grouping stories: no rows written
            later = read_lease(milvus)
        assert first is not None and later is not None
        assert later.token == first.token and later.renewed > first.renewed
        assert read_lease(milvus) is None
    finally:
        milvus.close()


def test_a_build_whose_milvus_dies_fails_within_the_call_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pymilvus bounds its retries by ``timeout=`` only when it is an int; with a float a
    build whose server died retried for ~7 minutes before saying anything."""
    from newsbot.index.building import milvus_build, milvus_store

    monkeypatch.setattr(milvus_build, "UPLOAD_BATCH", 40)
    monkeypatch.setattr(milvus_store, "TIMEOUT", 3)
    monkeypatch.setattr(milvus_lease, "RENEW_SECONDS", 600)  # only the build's own calls
    held = HeldEmbedder()
    failures: list[BaseException] = []
    server_dir = tmp_path / "server"
    server_dir.mkdir()
    with milvus_lite_server(server_dir) as url:
        target = parse_store(url)
        assert target is not None

        def build() -> None:
            try:
                stores.build(tmp_path / "idx", target, sample.sources(), held)
            except BaseException as exc:  # reported below
                failures.append(exc)

        thread = threading.Thread(target=build)
        thread.start()
        assert held.writing.wait(60)
    held.release.set()  # the server is gone
    thread.join(300)
    assert not thread.is_alive()
    assert len(failures) == 1 and isinstance(failures[0], StoreUnavailable)
    assert "Retry timeout: 3s" in str(failures[0]), failures[0]


def test_a_key_being_rewritten_is_never_read_as_missing(
    lite: MilvusTarget,  # noqa: F811 - the fixture
) -> None:
    """Milvus writes an upsert as a delete and an insert: a replica reading ``current``
    while a build publishes, or a builder reading a lease while its holder renews it, must
    still find the key (``MilvusStore.get`` reads a missing key again)."""
    writer, reader = MilvusStore(lite), MilvusStore(lite)
    writer.put({"current": "v-0"})
    done = threading.Event()

    def publish_again_and_again() -> None:
        for n in range(1, 41):
            writer.put({"current": f"v-{n}"})
            time.sleep(0.05)
        done.set()

    thread = threading.Thread(target=publish_again_and_again)
    thread.start()
    reads: list[str | None] = []
    try:
        while not done.is_set():
            reads.append(reader.get("current"))
    finally:
        thread.join()
        writer.close()
        reader.close()
    assert len(reads) > 40
    assert None not in reads
