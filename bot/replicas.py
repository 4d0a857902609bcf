"""What several bot processes behind one load balancer share through the state database,
so that they answer as one bot: the per-user question quota, the "one rebuild at a time"
lock, and which replica runs the scheduled jobs (refresh, alerts, digests).

With PostgreSQL (``NEWSBOT_STATE=postgresql://…``) the locks are PostgreSQL's session
advisory locks, each held on a connection of its own: a replica that dies loses its
connection and with it its locks, and another replica takes over at its next try. With
SQLite (the default, one process) this process is always the leader and the locks are
its own.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from newsbot.bot.quota import seconds_left
from newsbot.bot.store import StateStore, questions_asked
from newsbot.index.errors import BuildInProgress

log = logging.getLogger(__name__)

#: Advisory lock keys (any 64-bit numbers no other application on the database uses).
JOBS_LOCK = 0x6E657773_626F7401  # "newsbot" 1
REBUILD_LOCK = 0x6E657773_626F7402
QUOTA_WINDOW_SECONDS = 60.0
#: Without PostgreSQL, the locks of this process, one per database and key.
_LOCAL_LOCKS: dict[tuple[str, int], threading.Lock] = {}
_LOCAL_LOCKS_GUARD = threading.Lock()


def _is_postgres(engine: Engine) -> bool:
    return bool(engine.dialect.name == "postgresql")


class AdvisoryLock:
    """A PostgreSQL session advisory lock on a connection of its own; on other databases a
    lock of this process. ``acquire`` never waits."""

    def __init__(self, engine: Engine, key: int) -> None:
        self._engine = engine
        self._key = key
        self._connection: Connection | None = None
        with _LOCAL_LOCKS_GUARD:
            self._local = _LOCAL_LOCKS.setdefault((str(engine.url), key), threading.Lock())
        self._held_locally = False

    def acquire(self) -> bool:
        """Take the lock if it is free; True when this process holds it (now or already)."""
        if not _is_postgres(self._engine):
            if self._held_locally:
                return True
            self._held_locally = self._local.acquire(blocking=False)
            return self._held_locally
        if self._connection is not None:
            try:  # still ours as long as the connection lives
                self._connection.execute(text("SELECT 1"))
                return True
            except SQLAlchemyError:
                self._drop()
        connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            taken = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
            ).scalar()
        except SQLAlchemyError:
            connection.close()
            raise
        if taken:
            self._connection = connection
            return True
        connection.close()
        return False

    @property
    def held(self) -> bool:
        return self._connection is not None or self._held_locally

    def release(self) -> None:
        """Give the lock up (closing its connection releases it in PostgreSQL)."""
        if self._held_locally:
            self._held_locally = False
            self._local.release()
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": self._key}
                )
            self._drop()

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._connection.close()
            self._connection = None


class JobLeader:
    """Whether this replica runs the scheduled jobs: the one holding ``JOBS_LOCK``. Ask
    before each job run; a replica takes over when the leader's connection is gone."""

    def __init__(self, store: StateStore) -> None:
        self._lock = AdvisoryLock(store.engine, JOBS_LOCK)

    def leads(self) -> bool:
        """True when this replica is (or has just become) the job leader."""
        was = self._lock.held
        try:
            now = self._lock.acquire()
        except SQLAlchemyError as exc:
            log.warning("Cannot reach the state database to lead the jobs: %s", exc)
            return False
        if now and not was:
            log.info("This replica runs the scheduled jobs")
        elif was and not now:
            log.warning("This replica lost the lead of the scheduled jobs")
        return now

    def close(self) -> None:
        self._lock.release()


@contextlib.contextmanager
def rebuild_lock(store: StateStore) -> Iterator[None]:
    """Hold the replicas' rebuild lock while building; BuildInProgress when another replica
    (or process sharing the database) is rebuilding."""
    lock = AdvisoryLock(store.engine, REBUILD_LOCK)
    if not lock.acquire():
        raise BuildInProgress("another replica of the bot is rebuilding the index")
    try:
        yield
    finally:
        lock.release()


class SharedQuota:
    """At most ``per_minute`` questions per user in any 60 seconds, counted across every
    replica in the state database; 0 means unlimited. ``allow`` blocks for one short
    transaction. Times are Unix seconds from ``clock``."""

    def __init__(
        self, store: StateStore, per_minute: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.per_minute = per_minute
        self._engine = store.engine
        self._clock = clock

    def allow(self, user_id: int) -> bool:
        """Count a question of ``user_id``; False when it is over the quota."""
        if self.per_minute <= 0:
            return True
        now = self._clock()
        table = questions_asked
        with self._engine.begin() as connection:
            if _is_postgres(self._engine):
                # Replicas counting the same user's questions take turns.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": 1_000_000 + user_id}
                )
            connection.execute(
                delete(table).where(
                    and_(table.c.user_id == user_id, table.c.asked_at <= now - QUOTA_WINDOW_SECONDS)
                )
            )
            asked = connection.execute(
                select(func.count()).select_from(table).where(table.c.user_id == user_id)
            ).scalar_one()
            if asked >= self.per_minute:
                return False
            connection.execute(insert(table).values(user_id=user_id, asked_at=now))
        return True

    def retry_after(self, user_id: int) -> int:
        """Whole seconds until ``user_id`` may ask again, on any replica (0 when now)."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        table = questions_asked
        with self._engine.begin() as connection:
            times = (
                connection.execute(
                    select(table.c.asked_at)
                    .where(
                        and_(
                            table.c.user_id == user_id,
                            table.c.asked_at > now - QUOTA_WINDOW_SECONDS,
                        )
                    )
                    .order_by(table.c.asked_at.desc())
                    .limit(self.per_minute)
                )
                .scalars()
                .all()
            )
        if len(times) < self.per_minute:
            return 0
        return seconds_left(float(times[-1]), now)
