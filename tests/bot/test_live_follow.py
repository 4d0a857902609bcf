"""A replica answers from the index version another replica (or `newsbot index`) published,
in the local store and in Milvus alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.bot.app import live_index
from newsbot.index.answering import stores
from newsbot.index.building.milvus_store import parse_store
from tests.conftest import FakeEmbedder, write_article
from tests.milvus_server import lite_binary, release_lite_file

QUESTION = "berapa rumah terendam banjir di Medan?"


@pytest.fixture(params=["local", "milvus"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[stores.Store]:
    if request.param == "local":
        yield None
        return
    lite_binary()
    yield parse_store(str(tmp_path / "index.db"))
    release_lite_file(tmp_path / "index.db")


async def test_a_replica_follows_the_version_published_elsewhere(
    tmp_path: Path, sources: Path, target: stores.Store
) -> None:
    embedder = FakeEmbedder()
    index_dir = tmp_path / "idx"
    stores.build(index_dir, target, [sources], embedder)
    replica = live_index(
        stores.open_index(index_dir, target, embedder), index_dir, embedder, target
    )
    assert replica.live_version is not None
    alerted: list[frozenset[str]] = []
    replica.on_rebuilt(alerted.append)  # follow alerts: sent by the replica that rebuilt
    first = replica.version
    assert not await replica.follow(replica.live_version)  # nothing new

    write_article(sources, "banjir.txt", "Banjir Medan", "Banjir merendam 300 rumah di Medan.")
    stores.build(index_dir, target, [sources], embedder)  # another replica's rebuild
    assert await replica.follow(replica.live_version)
    assert replica.version != first
    answer = await replica.ask(QUESTION, 1)
    assert answer.hits[0].citation.title == "Banjir Medan"
    assert not await replica.follow(replica.live_version)
    assert alerted == []  # so an alert goes out once, not once per replica
    replica.close()


async def test_a_lone_bot_announces_the_articles_of_a_version_built_beside_it(
    tmp_path: Path, sources: Path
) -> None:
    # A cron `newsbot index` beside a bot with no shared state: the bot alone can alert its
    # followers, so it tells its listeners which articles the new version added.
    embedder = FakeEmbedder()
    index_dir = tmp_path / "idx"
    stores.build(index_dir, None, [sources], embedder)
    bot = live_index(stores.open_index(index_dir, None, embedder), index_dir, embedder)
    assert bot.live_version is not None
    alerted: list[frozenset[str]] = []
    bot.on_rebuilt(alerted.append)
    assert not await bot.follow(bot.live_version, announce=True)  # nothing new: no call
    before = stores.open_index(index_dir, None, embedder)
    old_ids = before.article_ids()
    before.close()
    write_article(sources, "banjir.txt", "Banjir Medan", "Banjir merendam 300 rumah di Medan.")
    stores.build(index_dir, None, [sources], embedder)
    assert await bot.follow(bot.live_version, announce=True)
    [added] = alerted
    assert len(added) == 1 and not added & old_ids
    answer = await bot.ask(QUESTION, 1)
    assert answer.hits[0].citation.article_id in added
    bot.close()
