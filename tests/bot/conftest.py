"""Handler tests run the real Application in-process: updates go in through
``process_update``, and ``FakeTelegram`` records what the bot would send."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram import Update

from newsbot.bot.app import NewsApplication, build_application
from newsbot.bot.live import LiveIndex
from newsbot.bot.settings import BotSettings
from newsbot.index.answering.answers import Hit
from newsbot.index.reading.feeds import plan_sources
from tests.bot.fakes import ADMIN_ID, JSON, FakeBuilder, FakeIndex, FakeTelegram, make_hit


@dataclass
class Bot:
    """The application under test, with its fakes."""

    app: NewsApplication
    telegram: FakeTelegram
    index: FakeIndex
    builder: FakeBuilder
    live: LiveIndex
    reopened: list[FakeIndex]

    async def send(self, update: JSON) -> None:
        await self.app.process_update(Update.de_json(update, self.app.bot))


@pytest.fixture
def settings() -> BotSettings:
    return BotSettings(
        token="123456:TEST-TOKEN",
        admin_ids=frozenset({ADMIN_ID}),
        sources=(Path("news"),),
        rate_limit=0,
        progress_seconds=0.05,
    )


@pytest.fixture
def hits() -> list[Hit]:
    return [make_hit(rank) for rank in range(1, 5)]


@pytest.fixture
async def bot(settings: BotSettings, hits: list[Hit], tmp_path: Path) -> AsyncIterator[Bot]:
    index, builder, reopened = FakeIndex(hits), FakeBuilder(), []

    def reopen() -> FakeIndex:
        reopened.append(FakeIndex(hits))
        return reopened[-1]

    live = LiveIndex(index, reopen=reopen, build=builder)
    telegram = FakeTelegram()
    app = build_application(
        settings,
        live,
        lambda: plan_sources(tmp_path / "idx", settings.sources, {}),
        request=telegram,
    )
    await app.initialize()
    try:
        yield Bot(app, telegram, index, builder, live, reopened)
    finally:
        await app.shutdown()
