"""Coverage in the bot, on a real index (fake embedder): the story line under a passage,
copies' outlets, coverage answers, and /timeline's chart."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest
from telegram import Update

from newsbot.bot import digest
from newsbot.bot.app import NewsApplication, build_application
from newsbot.bot.follow_messages import follow_messages_for
from newsbot.bot.live import LiveIndex
from newsbot.bot.messages import ENGLISH
from newsbot.bot.render import render_outlets
from newsbot.bot.settings import BotSettings
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.coverage.book import ArticleRef, Story, StoryBook
from newsbot.index.coverage.when import WIB
from newsbot.index.reading.feeds import plan_sources
from tests.bot.conftest import Bot
from tests.bot.fakes import (
    JSON,
    FakeBuilder,
    FakeIndex,
    FakeTelegram,
    bot_message,
    make_hit,
    press,
    private,
    private_chat,
    user,
)
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
    assert reply.startswith(
        "<b>First reported by antaranews, 17 Sep 2021 08:10 WIB: wire-antara headline.</b>"
    )
    assert '<a href="https://antaranews.example/wire-antara">' in reply


async def test_coverage_replies_name_a_missing_outlet_an_empty_window_and_ties(
    app: JSON,
) -> None:
    held = "antaranews, cnn indonesia, kumparan, merdeka, suara."
    telegram = await _send(app, private("menurut Kompas, siapa yang setuju?", INDONESIAN))
    assert telegram.texts()[-1] == (
        f"Tidak ada artikel dari Kompas di indeks ini. Media yang ada di indeks: {held}"
    )
    telegram = await _send(app, private("from detik, who agreed to deploy troops?"))
    assert telegram.texts()[-1] == (
        f"There are no articles from detik in this index. Outlets in this index: {held}"
    )
    # An outlet no list knows, read as one: told so too, not answered from the others.
    telegram = await _send(app, private("berita pasukan CSTO menurut Harian Jogja", INDONESIAN))
    assert telegram.texts()[-1].startswith("Tidak ada artikel dari Harian Jogja di indeks ini.")
    telegram = await _send(app, private("CSTO troops according to the Radar Bogor"))
    assert telegram.texts()[-1].startswith("There are no articles from Radar Bogor in this")
    telegram = await _send(app, private("berapa artikel pada 12 Sep 2021?", INDONESIAN))
    assert "dari 12 Sep 2021" in telegram.texts()[-1]
    telegram = await _send(app, private("how many articles on 17 Sep 2021?"))
    reply = telegram.texts()[-1]
    assert reply.startswith("<b>3 articles from 17 Sep 2021, from 3 outlets")


async def test_old_coverage_of_a_question_about_today_is_said_first(app: JSON) -> None:
    telegram = await _send(app, private("harga cabai hari ini", INDONESIAN))
    [reply] = telegram.texts()
    assert reply.startswith("Berita terbaru yang saya punya dari 18 Sep 2021.")


async def test_timeline_sends_a_chart_with_a_caption(app: JSON) -> None:
    from matplotlib.image import imread

    telegram = await _send(app, private("/timeline pasukan CSTO di perbatasan Tajikistan"))
    [photo] = telegram.sent("sendPhoto")
    assert photo["caption"].startswith("3 articles, antaranews, suara, merdeka: first antaranews")
    assert "1 articles" not in photo["caption"]
    [upload] = telegram.uploads
    image = imread(io.BytesIO(upload["photo"]), format="png")
    assert image.shape[:2] == (450, 900) and float(np.std(image[..., :3])) > 0.05


async def test_timeline_without_a_topic_says_how_to_use_it(app: JSON) -> None:
    telegram = await _send(app, private("/timeline"))
    [reply] = telegram.texts()
    assert "<code>/timeline" in reply
    assert telegram.sent("sendPhoto") == []


def _buttons(reply: JSON) -> dict[str, str]:
    """A reply's inline buttons, label -> callback data."""
    rows = reply.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def _press_outlets(
    app: tuple[NewsApplication, FakeTelegram], question: str, sender: JSON
) -> tuple[dict[str, str], FakeTelegram]:
    """Ask ``question``, press the outlets button under the answer; the answer's buttons."""
    asked = private(question, sender)
    telegram = await _send(app, asked)
    [reply] = telegram.sent()
    buttons = _buttons(reply)
    data = next(d for d in buttons.values() if d.startswith("outlets:"))
    answer = bot_message(reply["text"], chat=private_chat(sender), reply_to=asked["message"])
    await _send(app, press(answer, data, sender))
    return buttons, telegram


async def test_who_reported_it_lists_the_outlets_behind_a_passages_story(app: JSON) -> None:
    buttons, telegram = await _press_outlets(app, QUESTION, user())
    assert buttons["🗞 Who reported it"] == "outlets:0:3"
    [query] = telegram.sent("answerCallbackQuery")
    assert "text" not in query
    listing = telegram.sent()[-1]
    text = listing["text"]
    assert text.startswith("<b>1.</b> <i>3 outlets since 17 Sep 2021, first: antaranews 08:10")
    lines = text.split("\n")[1:]  # passages 2 and 3 are stories of one article: not listed
    assert [line.split(">")[1].split(",")[0] for line in lines] == [
        "antaranews",
        "suara",
        "merdeka",
    ]
    assert '<a href="https://suara.example/wire-suara">suara, 17 Sep 2021 10:00 WIB</a>' in text
    assert lines[0].endswith("— wire-antara headline")
    assert "(same text)" not in text  # the copies are in the story: listed once, unmarked


async def test_indonesian_users_get_the_outlets_in_indonesian(app: JSON) -> None:
    buttons, telegram = await _press_outlets(app, QUESTION, INDONESIAN)
    assert "🗞 Siapa yang memberitakan" in buttons
    text = telegram.sent()[-1]["text"]
    assert text.startswith("<b>1.</b> <i>3 media sejak 17 Sep 2021, pertama: antaranews")
    assert text.count("\n• ") == 3


def _story(*sources: str) -> Story:
    refs = [
        ArticleRef(f"a{n}", f"Pasukan {n}", source, f"2021-09-17T0{n}:00:00+07:00", None)
        for n, source in enumerate(sources, 1)
    ]
    story = StoryBook(dict.fromkeys((r.id for r in refs), "s-1"), refs).of("a1")
    assert story is not None
    return story


async def test_passages_of_one_article_stories_have_no_outlets_button(bot: Bot) -> None:
    bot.index.hits = (make_hit(1), replace(make_hit(2), story=_story("antaranews")))
    await bot.send(private("who agreed?"))
    [reply] = bot.telegram.sent()
    assert not any(d.startswith("outlets:") for d in _buttons(reply).values())


async def test_more_sources_keeps_the_outlets_button_of_the_first_passages(bot: Bot) -> None:
    story = _story("antaranews", "suara")
    bot.index.hits = tuple(replace(make_hit(rank), story=story) for rank in range(1, 6))
    asked = private("who agreed?")
    await bot.send(asked)
    [reply] = bot.telegram.sent()
    assert _buttons(reply)["🗞 Who reported it"] == "outlets:0:3"
    answer = bot_message(
        reply["text"],
        chat=private_chat(),
        reply_to=asked["message"],
        reply_markup=reply["reply_markup"],
    )
    await bot.send(press(answer, _buttons(reply)["More sources"]))
    [more] = bot.telegram.sent()[1:]
    assert _buttons(more)["🗞 Who reported it"] == "outlets:3:2"
    [edit] = bot.telegram.sent("editMessageReplyMarkup")
    kept = _buttons(edit)
    assert kept["🗞 Who reported it"] == "outlets:0:3" and "More sources" not in kept


@pytest.mark.parametrize("data", ["outlets:5:3", "outlets:0", "outlets:x:1"])
async def test_an_outlets_button_that_finds_nothing_has_expired(app: JSON, data: str) -> None:
    asked = private(QUESTION, user())
    answer = bot_message("1. …", chat=private_chat(user()), reply_to=asked["message"])
    telegram = await _send(app, press(answer, data, user()))
    [query] = telegram.sent("answerCallbackQuery")
    assert query["text"] == "This button has expired: please ask the question again."
    assert telegram.sent() == []


def test_passages_of_one_story_share_its_outlets_and_outside_copies_are_marked() -> None:
    refs = [
        ArticleRef("a", "Pasukan CSTO", "antaranews", "2021-09-17T08:10:00+07:00", None),
        ArticleRef("b", "CSTO <kirim> pasukan", "suara", "2021-09-17T10:00:00+07:00", None),
        ArticleRef("late", "Pasukan CSTO", "detik", "2021-09-25T09:00:00+07:00", None),
    ]
    book = StoryBook({"a": "s-1", "b": "s-1", "late": "s-2"}, refs)
    story = book.of("a")
    hits = [
        replace(make_hit(1), story=story, also=(refs[2],)),
        replace(make_hit(2), story=story),
        make_hit(3),  # no story: nothing to list
    ]
    text = render_outlets(hits, ENGLISH, first_number=4)
    assert text.startswith("<b>4, 5.</b> <i>2 outlets since 17 Sep 2021, first: antaranews")
    assert text.count("\n• ") == 3 and "6." not in text
    assert "• detik, 25 Sep 2021 09:00 WIB (same text) — Pasukan CSTO" in text
    assert "CSTO &lt;kirim&gt; pasukan" in text  # headlines escaped
    assert render_outlets([make_hit(1)], ENGLISH) == ""


# --- the daily digest ---------------------------------------------------------------------
DIGEST_DAY = datetime(2021, 9, 18, 7, 0, tzinfo=WIB)


async def test_the_digest_lists_the_days_stories_most_covered_first(news: NewsIndex) -> None:
    live = LiveIndex(news, reopen=lambda: news, build=FakeBuilder())
    stories = await digest.top_stories(live, DIGEST_DAY)
    # The wire story (3 outlets, the 17th) before the day's one-outlet story; the chili
    # article of the 10th and the 2017 one are outside the two days.
    assert [story.latest.id for story in stories] == ["wire-merdeka", "chili-new"]
    head, wire, chili = digest.render_digest(stories, DIGEST_DAY, follow_messages_for("en")).split(
        "\n\n"
    )
    assert head == "🗞 <b>Top stories, 18 September 2021</b>"
    assert wire == (
        '1. <a href="https://merdeka.example/wire-merdeka">wire-merdeka headline</a>\n'
        "<i>— merdeka, 17 Sep 2021 12:30 WIB</i> · "
        "3 outlets since 17 Sep 2021, first: antaranews 08:10 WIB"
    )
    assert chili.startswith('2. <a href="https://kumparan.example/chili-new">')
    assert chili.endswith("<i>— kumparan, 18 Sep 2021 07:00 WIB</i> · 1 outlet")
    indonesian = digest.render_digest(stories, DIGEST_DAY, follow_messages_for("id"))
    assert indonesian.startswith("🗞 <b>Berita utama, 18 September 2021</b>")
    assert "3 media sejak 17 Sep 2021, pertama: antaranews 08:10 WIB" in indonesian
    assert indonesian.endswith("· 1 media")


async def test_a_digest_day_without_coverage_says_so(news: NewsIndex) -> None:
    live = LiveIndex(news, reopen=lambda: news, build=FakeBuilder())
    later = datetime(2021, 10, 5, 7, 0, tzinfo=WIB)
    assert await digest.top_stories(live, later) == []
    assert digest.render_digest([], later, follow_messages_for("en")).startswith("🗞 No new")


class _NoStories(FakeIndex):
    """An index that has not grouped stories (the Milvus store, for now)."""

    def latest_stories(
        self, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> list[Story]:
        return []


async def test_an_index_without_stories_digests_its_newest_articles() -> None:
    index = _NoStories(
        [
            make_hit(1, title="Pasukan CSTO", published="2021-09-18T06:00:00+07:00"),
            make_hit(2, title="Kabar lama", published="2021-09-01"),
        ]
    )
    live = LiveIndex(index, reopen=lambda: index, build=FakeBuilder())
    [story] = await digest.top_stories(live, DIGEST_DAY)
    assert story.latest.title == "Pasukan CSTO" and story.outlets == ("PR Cirebon",)
