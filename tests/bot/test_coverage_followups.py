"""A coverage answer is an answer: a reply to it, or (in private) a message soon after it,
is read with its question, as after passages. Before, "kapan?" under "which outlets
reported X?" was asked alone and said "not covered". Real index, fake embedder."""

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
    """The questions the bot searched the (real) index for, in order."""
    questions: list[str] = []
    real: Callable[..., Any] = news.ask

    def ask(question: str, *args: Any, **kwargs: Any) -> Any:
        questions.append(question)
        return real(question, *args, **kwargs)

    monkeypatch.setattr(news, "ask", ask)
    return questions


def _latest_bot_message(running: JSON, chat_id: int) -> JSON:
    _, telegram = running
    return [m for m in telegram.messages if m["chat"]["id"] == chat_id][-1]


@pytest.mark.parametrize(
    ("question", "followup", "sender"),
    [
        ("media apa saja yang memberitakan pasukan CSTO Tajikistan?", "kapan?", INDONESIAN),
        ("siapa yang pertama memberitakan pasukan CSTO Tajikistan?", "berapa artikel?", INDONESIAN),
        ("which outlets reported the CSTO troops at the Tajikistan border?", "when?", user()),
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
    await _send(app, private(followup, sender, reply_to=replied))
    # Searched with the subject of the question answered (alone too, when that finds nothing).
    assert any(q.startswith(followup) and "CSTO" in q for q in asked[1:]), asked


async def test_a_private_message_soon_after_a_coverage_answer_follows_it_up(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    await _send(app, private("media apa saja yang memberitakan pasukan CSTO?", INDONESIAN))
    telegram = await _send(app, private("dan kapan pertama?", INDONESIAN))
    assert asked[-1].startswith("dan kapan pertama?") and "CSTO" in asked[-1]
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
    assert asked[-1].startswith("kapan?") and "CSTO" in asked[-1], asked
    reply = telegram.texts()[-1]
    assert not reply.startswith(NOT_COVERED), reply
    assert "antaranews" in reply


async def test_another_chat_never_follows_up_a_coverage_answer(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    await _send(app, private("media apa saja yang memberitakan pasukan CSTO?", user(1)))
    await _send(app, private("kapan?", user(2, language="id")))
    assert asked[-1] == "kapan?"


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
