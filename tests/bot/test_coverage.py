"""Coverage in the bot, on a real index (fake embedder): the story line under a passage,
copies' outlets, coverage answers, and /timeline's chart."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import numpy as np
import pytest
from telegram import Update

from newsbot.bot.app import NewsApplication, build_application
from newsbot.bot.live import LiveIndex
from newsbot.bot.settings import BotSettings
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.reading.feeds import plan_sources
from tests.bot.fakes import JSON, FakeBuilder, FakeTelegram, private, user
from tests.conftest import FakeEmbedder
from tests.coverage.test_coverage_answers import NOW, RECORDS, _write

INDONESIAN = user(language="id")


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NewsIndex]:
    monkeypatch.setenv("NEWSBOT_NOW", NOW.isoformat())
    build_index(tmp_path / "idx", [_write(tmp_path / "news", RECORDS)], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


@pytest.fixture
async def app(
    settings: BotSettings, news: NewsIndex, tmp_path: Path
) -> AsyncIterator[tuple[NewsApplication, FakeTelegram]]:
    live = LiveIndex(news, reopen=lambda: news, build=FakeBuilder())
    telegram = FakeTelegram()
    application = build_application(
        settings, live, lambda: plan_sources(tmp_path / "idx", (), {}), request=telegram
    )
    await application.initialize()
    try:
        yield application, telegram
    finally:
        await application.shutdown()


async def _send(app: tuple[NewsApplication, FakeTelegram], update: JSON) -> FakeTelegram:
    application, telegram = app
    await application.process_update(Update.de_json(update, application.bot))
    return telegram


QUESTION = "CSTO Rusia Belarus Armenia mengerahkan pasukan"


async def test_a_passage_shows_its_story_and_the_outlets_carrying_copies(app: JSON) -> None:
    telegram = await _send(app, private(QUESTION))
    [reply] = telegram.texts()
    assert "<i>3 outlets since 17 Sep 2021, first: antaranews 08:10 WIB</i>" in reply
    assert "Also carried by suara, merdeka" in reply or "Also carried by merdeka, suara" in reply
    assert reply.count("Sekretaris Jenderal CSTO") == 1


async def test_indonesian_users_read_the_story_line_in_indonesian(app: JSON) -> None:
    telegram = await _send(app, private(QUESTION, INDONESIAN))
    [reply] = telegram.texts()
    assert "3 media sejak 17 Sep 2021, pertama: antaranews 08:10 WIB" in reply
    assert "Juga dimuat" in reply


async def test_coverage_questions_are_answered_from_the_story(app: JSON) -> None:
    telegram = await _send(app, private("siapa yang pertama memberitakan pasukan CSTO Tajikistan?"))
    [reply] = telegram.texts()
    assert reply.startswith("<b>antaranews, 17 Sep 2021 08:10 WIB</b>")
    assert '<a href="https://antaranews.example/wire-antara">' in reply


async def test_old_coverage_of_a_question_about_today_is_said_first(app: JSON) -> None:
    telegram = await _send(app, private("harga cabai hari ini", INDONESIAN))
    [reply] = telegram.texts()
    assert reply.startswith("Berita terbaru yang saya punya dari 18 Sep 2021.")


async def test_timeline_sends_a_chart_with_a_caption(app: JSON) -> None:
    from matplotlib.image import imread

    telegram = await _send(app, private("/timeline pasukan CSTO di perbatasan Tajikistan"))
    [photo] = telegram.sent("sendPhoto")
    assert photo["caption"].startswith("3 articles, antaranews, suara, merdeka: first antaranews")
    [upload] = telegram.uploads
    image = imread(io.BytesIO(upload["photo"]), format="png")
    assert image.shape[:2] == (450, 900) and float(np.std(image[..., :3])) > 0.05


async def test_timeline_without_a_topic_says_how_to_use_it(app: JSON) -> None:
    telegram = await _send(app, private("/timeline"))
    [reply] = telegram.texts()
    assert "<code>/timeline" in reply
    assert telegram.sent("sendPhoto") == []
