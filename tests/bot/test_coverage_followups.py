"""A coverage answer is an answer: a reply to it, or (in private) a message soon after it,
follows it up. "kapan?", "siapa yang pertama?", "berapa artikel?" naming nothing of their
own are answered from the story the coverage answer cited (``NewsIndex.ask_about``), never
from a fresh search that could land on another story; a follow-up naming its own subject
is read with the earlier question, as after passages. Real index, fake embedder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsbot.bot.state import state_of
from newsbot.index.answering.search import NewsIndex
from tests.bot.fakes import GROUP, JSON, bot_message, group, private, private_chat, user
from tests.bot.test_coverage import _send, app, news  # noqa: F401 (fixtures)

INDONESIAN = user(language="id")
NOT_COVERED = ("Berita yang diindeks tidak membahas", "The indexed news does not cover")


@pytest.fixture
def asked(news: NewsIndex, monkeypatch: pytest.MonkeyPatch) -> list[str]:  # noqa: F811
    """The questions the bot searched the (real) index for, in order; a follow-up asked
    about a story as "about <article id>: <question>"."""
    questions: list[str] = []
    real: Callable[..., Any] = news.ask
    real_about: Callable[..., Any] = news.ask_about

    def ask(question: str, *args: Any, **kwargs: Any) -> Any:
        questions.append(question)
        return real(question, *args, **kwargs)

    def ask_about(question: str, article_id: str, *args: Any, **kwargs: Any) -> Any:
        questions.append(f"about {article_id}: {question}")
        return real_about(question, article_id, *args, **kwargs)

    monkeypatch.setattr(news, "ask", ask)
    monkeypatch.setattr(news, "ask_about", ask_about)
    return questions


#: The CSTO story's articles (the wire story three outlets carried).
CSTO = ("wire-antara", "wire-suara", "wire-merdeka")


def _about_csto(question: str, followup: str) -> bool:
    return any(question == f"about {a}: {followup}" for a in CSTO)


def _latest_bot_message(running: JSON, chat_id: int) -> JSON:
    _, telegram = running
    return [m for m in telegram.messages if m["chat"]["id"] == chat_id][-1]


@pytest.mark.parametrize(
    ("question", "followup", "sender"),
    [
        ("media apa saja yang memberitakan pasukan CSTO Tajikistan?", "kapan?", INDONESIAN),
        ("siapa yang pertama memberitakan pasukan CSTO Tajikistan?", "berapa artikel?", INDONESIAN),
        ("which outlets reported the CSTO troops at the Tajikistan border?", "when?", user()),
        # Chat spellings on both sides: read written out, as the index reads them.
        ("media apa aja yg beritain pasukan CSTO Tajikistan?", "siapa yg pertama?", INDONESIAN),
        ("brp artikel ttg pasukan CSTO Tajikistan?", "sapa duluan?", INDONESIAN),
    ],
)
async def test_a_reply_to_a_coverage_answer_follows_up_its_question(
    app: JSON,  # noqa: F811
    asked: list[str],
    question: str,
    followup: str,
    sender: JSON,
) -> None:
    telegram = await _send(app, private(question, sender))
    [answer] = telegram.texts()
    assert "antaranews" in answer  # a coverage answer of the CSTO story
    replied = _latest_bot_message(app, sender["id"])
    telegram = await _send(app, private(followup, sender, reply_to=replied))
    # Asked of the story answered, not searched afresh.
    assert _about_csto(asked[-1], followup) and len(asked) == 2, asked
    reply = telegram.texts()[-1]
    assert "antaranews" in reply and "17 Sep 2021" in reply


async def test_a_private_message_soon_after_a_coverage_answer_follows_it_up(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    await _send(app, private("media apa saja yang memberitakan pasukan CSTO?", INDONESIAN))
    telegram = await _send(app, private("dan kapan pertama?", INDONESIAN))
    assert _about_csto(asked[-1], "dan kapan pertama?"), asked
    reply = telegram.texts()[-1]
    assert not reply.startswith(NOT_COVERED), reply
    assert "antaranews" in reply


async def test_a_reply_in_a_group_to_a_coverage_answer_follows_it_up(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    telegram = await _send(app, group("/ask media apa saja yang memberitakan pasukan CSTO?"))
    assert "antaranews" in telegram.texts()[-1]
    replied = _latest_bot_message(app, GROUP["id"])
    telegram = await _send(app, group("kapan?", reply_to=replied))
    assert _about_csto(asked[-1], "kapan?"), asked
    reply = telegram.texts()[-1]
    assert not reply.startswith(NOT_COVERED), reply
    assert "antaranews" in reply


async def test_another_chat_never_follows_up_a_coverage_answer(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    await _send(app, private("media apa saja yang memberitakan pasukan CSTO?", user(1)))
    telegram = await _send(app, private("kapan?", user(2, language="id")))
    # Nothing to follow up in this chat: asked for the whole question, the story untouched.
    assert asked == ["media apa saja yang memberitakan pasukan CSTO?"], asked
    assert telegram.texts()[-1].startswith("Tulis pertanyaannya lengkap"), telegram.texts()
    await _send(app, private("kapan pasukan CSTO dikerahkan?", user(2, language="id")))
    assert asked[-1] == "kapan pasukan CSTO dikerahkan?"


async def test_a_reply_to_a_timeline_chart_is_read_with_its_topic(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    """The chart is an answer too: "siapa yang pertama?" under it is about its story."""
    application, telegram = app
    sender = user(7, language="id")
    await _send(app, private("/timeline pasukan CSTO di perbatasan Tajikistan", sender))
    assert len(telegram.sent("sendPhoto")) == 1
    state = state_of(application.bot_data)
    record = await state.stored(lambda store: store.latest_answer(sender["id"], 0))
    assert record is not None and record.question == "pasukan CSTO di perbatasan Tajikistan"
    chart = bot_message("", chat=private_chat(sender), message_id=record.message_id)
    await _send(app, private("siapa yang pertama?", sender, reply_to=chart))
    assert asked[-1].startswith("siapa yang pertama?") and "CSTO" in asked[-1], asked
    assert "antaranews" in telegram.texts()[-1]


@pytest.mark.parametrize(
    ("question", "followups", "language"),
    [
        ("media apa saja yang memberitakan harga cabai?", ["siapa yang pertama?", "kapan?"], "id"),
        ("berapa artikel tentang harga cabai rawit?", ["kapan?", "media apa saja?"], "id"),
        ("which outlets reported the chili prices?", ["who was first?", "how many?"], "en"),
    ],
)
async def test_a_followup_stays_on_the_story_answered_not_another(
    app: JSON,  # noqa: F811
    news: NewsIndex,  # noqa: F811
    asked: list[str],
    question: str,
    followups: list[str],
    language: str,
) -> None:
    """Two chili stories, eight days apart: the follow-ups of an answer about one stay on
    it, turn after turn, and never name the other's outlet."""
    sender = user(9, language=language)
    application, telegram = app
    await _send(app, private(question, sender))
    state = state_of(application.bot_data)
    record = await state.stored(lambda store: store.latest_answer(sender["id"], 0))
    assert record is not None and record.paragraphs
    story = news.stories.of(record.paragraphs[0].partition("#")[0])
    assert story is not None
    assert news.stories.of("chili-old") != news.stories.of("chili-new")  # two stories
    for followup in followups:
        await _send(app, private(followup, sender))
        assert asked[-1].startswith("about ") and asked[-1].endswith(f": {followup}"), asked
        reply = telegram.texts()[-1]
        assert story.first.source is not None and story.first.source in reply
        # The other chili story's outlet is never named.
        other = "kumparan" if "chili-old" in {a.id for a in story.articles} else "cnn indonesia"
        assert other not in reply, (followup, reply)


@pytest.mark.parametrize(
    ("followup", "language"),
    [("kapan harga cabai naik?", "id"), ("when did the CSTO agree?", "en")],
)
async def test_a_followup_with_its_own_subject_is_searched(
    app: JSON,  # noqa: F811
    asked: list[str],
    followup: str,
    language: str,
) -> None:
    sender = user(11, language=language)
    await _send(app, private("media apa saja yang memberitakan pasukan CSTO?", sender))
    await _send(app, private(followup, sender))
    assert not asked[-1].startswith("about "), asked


async def test_when_after_passages_asks_when_it_happened(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    """ "kapan?" after passages (no coverage question) is read with that question and
    searched: it asks when the event happened, not when it was reported."""
    sender = user(12, language="id")
    await _send(app, private("CSTO Rusia Belarus Armenia mengerahkan pasukan", sender))
    await _send(app, private("kapan?", sender))
    assert asked[-1].startswith("kapan?") and "CSTO" in asked[-1], asked
