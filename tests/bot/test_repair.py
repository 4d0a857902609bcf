"""A damaged live index through the bot, over a real index and real builds: ``/stats``
says so and names the files, ``/reindex`` repairs it, and questions keep being answered."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from newsbot.index.building import store
from tests.bot.fakes import private, user
from tests.bot.test_feeds import ADMIN, LiveBot, site, start
from tests.news_server import NewsServer

__all__ = ["site"]  # the local news site the bot under test is configured with


@pytest.fixture
async def bot(tmp_path: Path, site: NewsServer) -> AsyncIterator[LiveBot]:
    running = await start(tmp_path, site)
    try:
        yield running
    finally:
        await running.app.shutdown()


@pytest.mark.parametrize("name", [store.DENSE, store.VECTORS, store.META, store.MANIFEST])
async def test_stats_names_the_damage_and_reindex_repairs_it(bot: LiveBot, name: str) -> None:
    await bot.send(private("/stats"))
    assert "damaged" not in bot.last_text()
    (store.live_version(bot.index_dir) / name).unlink()

    await bot.send(private("/stats"))
    stats = bot.last_text()
    assert f"The index is damaged ({name} (missing))" in stats and "/reindex" in stats
    # The bot keeps answering from what it opened before the damage.
    assert (await bot.live.ask("harga cabai rawit", 3)).answered

    await bot.send(private("/reindex", sender=ADMIN))
    report = bot.last_text()
    assert report.startswith("Index rebuilt") and f"Repaired the damaged index ({name}" in report
    await bot.send(private("/stats"))
    assert "damaged" not in bot.telegram.texts()[-1]
    assert (await bot.live.ask("harga cabai rawit", 3)).answered


async def test_indonesian_users_are_told_in_indonesian(bot: LiveBot) -> None:
    (store.live_version(bot.index_dir) / store.LEXICAL).write_bytes(b"rusak")
    await bot.send(private("/stats", sender=user(language="id")))
    assert "Indeks rusak (lexical.npz (terpotong menjadi 5 dari" in bot.last_text()
