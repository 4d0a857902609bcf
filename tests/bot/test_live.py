"""The shared index: questions during a rebuild, the swap, closing the old index."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from newsbot.bot.live import LiveIndex, RebuildStopped
from newsbot.index.errors import NoSources
from newsbot.index.reading.feeds import SourcePlan
from tests.bot.fakes import FakeBuilder, FakeIndex, make_hit

PLAN = SourcePlan(Path("idx"), (Path("news"),))


async def test_a_rebuild_swaps_in_the_reopened_index_and_closes_the_old() -> None:
    old, new, builder = FakeIndex([make_hit(1)]), FakeIndex(), FakeBuilder()
    live = LiveIndex(old, reopen=lambda: new, build=builder)
    seen: list[tuple[int, int]] = []

    report = await live.rebuild(PLAN, lambda done, total: seen.append((done, total)))

    assert report is builder.report and seen == [(0, 10), (10, 10)]
    assert old.closed and not new.closed
    assert not (await live.ask("who?", 3)).answered  # the new, empty index answers


async def test_a_question_in_flight_keeps_the_old_index_open_until_it_is_answered() -> None:
    old, new = FakeIndex([make_hit(1)]), FakeIndex()
    old.gate = threading.Event()
    live = LiveIndex(old, reopen=lambda: new, build=FakeBuilder())
    asking = asyncio.create_task(live.ask("who?", 3))
    await asyncio.sleep(0.05)  # the question is now waiting in its thread

    await live.rebuild(PLAN, lambda done, total: None)
    assert not old.closed
    old.gate.set()
    assert (await asking).answered
    assert old.closed


async def test_a_failed_rebuild_leaves_the_index_serving() -> None:
    old = FakeIndex([make_hit(1)])
    live = LiveIndex(old, reopen=FakeIndex, build=FakeBuilder(error=NoSources("nothing")))
    with pytest.raises(NoSources):
        await live.rebuild(PLAN, lambda done, total: None)
    assert (await live.ask("who?", 3)).answered and not old.closed


async def test_a_rebuild_stops_between_batches_when_the_bot_stops() -> None:
    old, builder = FakeIndex([make_hit(1)]), FakeBuilder(gate=threading.Event())
    live = LiveIndex(old, reopen=FakeIndex, build=builder)
    running = [True]
    live.running = lambda: running[0]
    rebuilding = asyncio.create_task(live.rebuild(PLAN, lambda done, total: None))
    await asyncio.sleep(0.05)  # the build has reported its first batch and waits

    running[0] = False  # SIGTERM: the application stops
    assert builder.gate is not None
    builder.gate.set()

    with pytest.raises(RebuildStopped):
        await rebuilding
    assert (await live.ask("who?", 3)).answered and not old.closed


async def test_a_rebuild_begun_while_the_bot_is_not_running_is_not_stopped() -> None:
    # Tests and tools drive handlers without starting the application.
    builder = FakeBuilder()
    live = LiveIndex(FakeIndex([make_hit(1)]), reopen=FakeIndex, build=builder)
    live.running = lambda: False
    assert await live.rebuild(PLAN, lambda done, total: None) is builder.report


async def test_close_waits_for_the_last_question() -> None:
    index = FakeIndex([make_hit(1)])
    index.gate = threading.Event()
    live = LiveIndex(index, reopen=FakeIndex, build=FakeBuilder())
    asking = asyncio.create_task(live.ask("who?", 3))
    await asyncio.sleep(0.05)
    live.close()
    assert not index.closed
    index.gate.set()
    await asking
    assert index.closed
