"""What replicas share through the state database, on a real PostgreSQL (started here) and
on SQLite: the job leader, the rebuild lock, the per-user quota."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from newsbot.bot.app import build_application, led
from newsbot.bot.live import LiveIndex
from newsbot.bot.replicas import JobLeader, SharedQuota, rebuild_lock
from newsbot.bot.settings import BotSettings
from newsbot.bot.state import state_of
from newsbot.bot.store import CREATED_MARKER, SCHEMA_VERSION, StateStore
from newsbot.index.errors import BuildInProgress
from newsbot.index.reading.feeds import plan_sources
from tests.bot.fakes import FakeBuilder, FakeIndex, FakeTelegram
from tests.postgres_server import postgres_cluster


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture
def replicas(postgres: str) -> Iterator[tuple[StateStore, StateStore]]:
    """Two replicas' stores on one database (each its own engine, as two processes)."""
    first = StateStore.open(postgres)
    second = StateStore.open(postgres)
    with first.engine.begin() as connection:
        connection.execute(text("DELETE FROM questions_asked"))
    yield first, second
    first.close()
    second.close()


def test_both_replicas_migrate_the_same_schema(replicas: tuple[StateStore, StateStore]) -> None:
    first, second = replicas
    assert first.schema_version() == second.schema_version() == SCHEMA_VERSION


def test_one_replica_leads_the_jobs_and_another_takes_over_when_it_dies(
    replicas: tuple[StateStore, StateStore], postgres: str
) -> None:
    first, second = replicas
    leader, follower = JobLeader(first), JobLeader(second)
    assert leader.leads()
    assert leader.leads()  # still, on the next run
    assert not follower.leads()
    # The leader's process dies: PostgreSQL ends its sessions, and its locks with them.
    with StateStore.open(postgres).engine.connect() as admin:
        admin.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    assert follower.leads()
    assert not leader.leads()  # its lock is gone and now held by the other
    follower.close()
    assert leader.leads()  # a graceful stop hands over at once
    leader.close()


def test_a_rebuild_on_one_replica_is_refused_on_another_while_it_runs(
    replicas: tuple[StateStore, StateStore],
) -> None:
    first, second = replicas
    with (
        rebuild_lock(first),
        pytest.raises(BuildInProgress, match="another replica"),
        rebuild_lock(second),
    ):
        pass
    with rebuild_lock(second):  # released once the first finished
        pass


def test_the_quota_holds_across_replicas(replicas: tuple[StateStore, StateStore]) -> None:
    now = [1000.0]
    first, second = (SharedQuota(store, 3, clock=lambda: now[0]) for store in replicas)
    assert [first.allow(7), second.allow(7), first.allow(7)] == [True, True, True]
    assert not second.allow(7) and not first.allow(7)
    assert second.allow(8)  # another user is not held up
    now[0] += 61
    assert second.allow(7)


def test_a_refused_user_is_told_when_to_ask_again_on_any_replica(
    replicas: tuple[StateStore, StateStore],
) -> None:
    now = [2000.0]
    first, second = (SharedQuota(store, 2, clock=lambda: now[0]) for store in replicas)
    assert first.retry_after(9) == 0
    first.allow(9)
    now[0] += 10.5
    second.allow(9)
    assert not first.allow(9)
    now[0] += 20
    # The first question, 30.5 s old, leaves the minute in 29.5 s: whole seconds, rounded up.
    assert first.retry_after(9) == second.retry_after(9) == 30
    now[0] += 30
    assert first.retry_after(9) == 0 and second.allow(9)


def test_replicas_asking_at_once_get_exactly_the_quota(
    replicas: tuple[StateStore, StateStore],
) -> None:
    quotas = [SharedQuota(store, 5) for store in replicas]
    granted: list[bool] = []
    lock = threading.Lock()

    def ask(quota: SharedQuota) -> None:
        for _ in range(5):
            allowed = quota.allow(42)
            with lock:
                granted.append(allowed)

    threads = [threading.Thread(target=ask, args=(q,)) for q in quotas * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(granted) == 20 and sum(granted) == 5


def test_with_sqlite_this_process_leads_and_locks_alone(tmp_path: Path) -> None:
    store = StateStore.open(str(tmp_path / "state.sqlite"), create=True)
    try:
        leader = JobLeader(store)
        assert leader.leads() and leader.leads()
        with rebuild_lock(store), pytest.raises(BuildInProgress), rebuild_lock(store):
            pass
        quota = SharedQuota(store, 2, clock=lambda: 5.0)
        assert [quota.allow(1), quota.allow(1), quota.allow(1)] == [True, True, False]
    finally:
        store.close()


async def test_jobs_run_only_on_the_leading_replica(
    replicas: tuple[StateStore, StateStore],
) -> None:
    first, second = replicas
    ran: list[object] = []

    async def job(context: Any) -> None:
        ran.append(context)

    holder = JobLeader(first)
    assert holder.leads()
    on_second = led(job, JobLeader(second))
    await on_second("tick 1")
    assert ran == []
    holder.close()  # the leader stops
    await on_second("tick 2")
    assert ran == ["tick 2"]


async def test_a_bot_on_a_shared_database_counts_its_quota_there(
    replicas: tuple[StateStore, StateStore], tmp_path: Path
) -> None:
    first, second = replicas
    settings = BotSettings(token="123456:TEST-TOKEN", rate_limit=1)
    apps = []
    for store in (first, second):
        live = LiveIndex(FakeIndex([]), reopen=lambda: FakeIndex([]), build=FakeBuilder())
        plan = lambda: plan_sources(tmp_path / "idx", (), {})  # noqa: E731
        apps.append(build_application(settings, live, plan, request=FakeTelegram(), store=store))
    quotas = [state_of(app.bot_data).quota for app in apps]
    assert all(isinstance(quota, SharedQuota) for quota in quotas)
    assert quotas[0].allow(99) and not quotas[1].allow(99)


def test_a_database_state_leaves_no_marker_that_a_file_state_would_read_as_lost(
    postgres: str, tmp_path: Path
) -> None:
    """The "state was created" marker guards a state file; a database server's state left
    none, so a later run with the default file starts it instead of calling it lost."""
    StateStore.open(postgres, marker_dir=tmp_path / "idx").close()
    assert not (tmp_path / "idx" / CREATED_MARKER).exists()
    default = str(tmp_path / "idx-state.sqlite")
    StateStore.open(default, marker_dir=tmp_path / "idx").close()
    assert (tmp_path / "idx" / CREATED_MARKER).exists()


def test_the_postgres_scheme_many_hosts_print_is_accepted(postgres: str) -> None:
    store = StateStore.open(postgres.replace("postgresql://", "postgres://", 1))
    try:
        assert store.schema_version() == SCHEMA_VERSION
    finally:
        store.close()
