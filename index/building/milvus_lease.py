"""One build at a time in a Milvus store, whichever machine or folder it runs from.

The local store's build lock is a file lock in the index directory; builds that write to
one Milvus from two folders, two machines or two bot replicas do not share that file, and
the first to publish drops the other's unfinished version under it. So a Milvus build also
holds a lease: a row of ``newsbot_meta`` naming its holder, renewed while it runs and
removed when it ends. Milvus has no compare-and-set, so a builder writes its claim, waits
``SETTLE_SECONDS`` and reads it back: of two builders that claim at once, the one whose
claim was overwritten stops. A holder that died is recognised by its process being gone
(same host) or by a lease not renewed for ``LEASE_SECONDS``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from newsbot.index.building.milvus_store import MilvusStore
from newsbot.index.errors import BuildInProgress

#: The meta key of the lease.
LEASE_KEY = "build-lease"
#: A lease not renewed for this long is taken over (a build renews it every
#: ``RENEW_SECONDS``; only a stalled or stopped process misses that many renewals).
LEASE_SECONDS = 300.0
#: How long a builder waits after claiming before reading its claim back.
SETTLE_SECONDS = 0.5
#: How often the lease is renewed while a build runs.
RENEW_SECONDS = 15.0
#: A build that renewed its lease this recently still holds it (a takeover needs
#: ``LEASE_SECONDS`` without a renewal): its writes go on without reading the lease again.
CONFIRM_SECONDS = 60.0


@dataclass(frozen=True)
class Lease:
    """Who holds the build lease: a token of its own, host, process, since and last
    renewal (Unix seconds)."""

    token: str
    host: str
    pid: int
    since: float
    renewed: float

    def expired(self, now: float) -> bool:
        """Whether its holder is gone: a process of this host that no longer runs, or a
        lease not renewed for ``LEASE_SECONDS``."""
        if now - self.renewed > LEASE_SECONDS:
            return True
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False  # it exists, owned by another user
        return False

    def describe(self) -> str:
        since = datetime.fromtimestamp(self.since, UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"process {self.pid} on {self.host}, since {since}"


def read_lease(milvus: MilvusStore) -> Lease | None:
    """The lease stored in ``milvus``, or None (none, or unreadable: taken over)."""
    text = milvus.get(LEASE_KEY)
    if not text:
        return None
    try:
        return Lease(**json.loads(text))
    except (ValueError, TypeError):
        return None


@contextlib.contextmanager
def build_lease(milvus: MilvusStore) -> Iterator[None]:
    """Hold the build lease of ``milvus`` while the body runs: a thread renews it every
    ``RENEW_SECONDS`` (through reading, grouping and embedding alike), and the store checks
    it before each write and before publishing (``MilvusStore.guard``; read again only when
    the last renewal is older than ``CONFIRM_SECONDS``), so a build whose lease was taken
    over (it stalled past ``LEASE_SECONDS``) stops instead of writing.

    Raises BuildInProgress when a live build holds it, or takes it over later;
    StoreUnavailable when Milvus fails.
    """
    held = read_lease(milvus)
    now = time.time()
    if held is not None and not held.expired(now):
        raise _busy(milvus, held)
    mine = Lease(uuid.uuid4().hex, socket.gethostname(), os.getpid(), now, now)
    _write(milvus, mine)
    time.sleep(SETTLE_SECONDS)
    held = read_lease(milvus)
    if held is None or held.token != mine.token:
        raise _busy(milvus, held)
    stop = threading.Event()
    renewed = [time.monotonic()]  # when this build last wrote its lease

    def renew() -> None:
        while not stop.wait(RENEW_SECONDS):
            with contextlib.suppress(Exception):  # a failed renewal: the next one, or expiry
                moment = time.monotonic()
                held = read_lease(milvus)
                if held is None or held.token != mine.token:
                    return  # taken over: the next guard stops the build
                _write(milvus, dataclasses.replace(mine, renewed=time.time()))
                renewed[0] = moment

    def guard() -> None:
        if time.monotonic() - renewed[0] < CONFIRM_SECONDS:
            return  # renewed lately: nobody can have taken it over since
        held = read_lease(milvus)
        if held is None or held.token != mine.token:
            who = f" by {held.describe()}" if held is not None else ""
            raise BuildInProgress(
                f"this build's turn at Milvus at {milvus.target.setting} was taken over{who} "
                f"after it stalled for {LEASE_SECONDS:.0f} s: it stops without publishing"
            )

    renewer = threading.Thread(target=renew, name="milvus-lease", daemon=True)
    renewer.start()
    milvus.guard = guard
    try:
        yield
    finally:
        milvus.guard = None
        stop.set()
        renewer.join()
        with contextlib.suppress(Exception):  # an unreachable Milvus: the lease expires
            held = read_lease(milvus)
            if held is not None and held.token == mine.token:
                milvus.delete(LEASE_KEY)


def _write(milvus: MilvusStore, lease: Lease) -> None:
    milvus.put({LEASE_KEY: json.dumps(asdict(lease))})


def _busy(milvus: MilvusStore, held: Lease | None) -> BuildInProgress:
    who = f" ({held.describe()})" if held is not None else ""
    return BuildInProgress(
        f"another build is writing to Milvus at {milvus.target.setting}{who}: wait for it "
        "to finish, then run `newsbot index` again if you still need to"
    )
