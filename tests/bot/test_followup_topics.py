"""A message naming something the earlier answer never mentions is a new topic: "siapa
Isco?" soon after an answer about the CSTO troops asked about the troops again (the old
subject words added to it buried Isco), found as a newcomer in the emulator. Pure rules
first, then the bot over a real index (fake embedder)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsbot.bot.followup import resolve, subject_words
from newsbot.bot.state import state_of
from newsbot.index.answering.search import NewsIndex
from tests.bot.fakes import JSON, bot_message, private, private_chat, user
from tests.bot.test_coverage import _send, app, news  # noqa: F401 (fixtures)

TROOPS = "siapa yang setuju mengerahkan pasukan?"
#: The text of the article that answer cited.
CITED = (
    "CSTO headline\nSekretaris Jenderal CSTO Stanislav Zas mengatakan Rusia, Belarus dan "
    "Armenia setuju mengerahkan pasukan militer di perbatasan Tajikistan."
)


@pytest.mark.parametrize(
    "followup",
    ["siapa Isco?", "Who is Isco?", "apa kata MPR?", "Jokowi bilang apa?", "Harga cabai?"],
)
def test_a_name_the_answer_never_mentions_starts_a_new_topic(followup: str) -> None:
    assert resolve(TROOPS, followup, CITED) == followup


@pytest.mark.parametrize(
    ("followup", "carried"),
    [
        ("apa kata Zas?", "(setuju mengerahkan pasukan)"),  # named in the cited article
        ("what did Belarus say?", "(setuju mengerahkan pasukan)"),
        ("apa kata Tajikistan?", "(setuju mengerahkan pasukan)"),
        ("dan Isco?", "(setuju mengerahkan pasukan)"),  # says it continues: it does
        ("bagaimana dengan Isco?", "(setuju mengerahkan pasukan)"),
    ],
)
def test_a_name_the_answer_holds_or_a_continuation_word_still_follows_up(
    followup: str, carried: str
) -> None:
    assert resolve(TROOPS, followup, CITED) == f"{followup} {carried}"


@pytest.mark.parametrize("followup", ["kapan?", "when?", "siapa lagi?"])
def test_a_follow_up_naming_nothing_is_read_with_the_earlier_question(followup: str) -> None:
    assert resolve(TROOPS, followup, CITED) == f"{followup} {TROOPS}"


def test_without_the_cited_text_a_single_name_still_follows_up() -> None:
    """A store that keeps no text per article cannot tell: the rule of old applies."""
    assert resolve(TROOPS, "siapa Isco?") == "siapa Isco? (setuju mengerahkan pasukan)"


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


@pytest.mark.parametrize("followup", ["apa kata MPR?", "Cabai?", "Jakarta?"])
async def test_soon_after_an_answer_a_name_from_other_news_is_asked_alone(
    app: JSON,  # noqa: F811
    asked: list[str],
    followup: str,
) -> None:
    sender = user(31, language="id")
    await _send(app, private(TROOPS, sender))
    telegram = await _send(app, private(followup, sender))
    assert asked[1:] == [followup], asked  # never with the troops' words added
    first_passage = telegram.texts()[-1].split("\n\n")[0]
    assert "CSTO" not in first_passage, first_passage


@pytest.mark.parametrize("followup", ["apa kata Zas?", "dan MPR?"])
async def test_soon_after_an_answer_its_own_names_still_follow_it_up(
    app: JSON,  # noqa: F811
    asked: list[str],
    followup: str,
) -> None:
    sender = user(32, language="id")
    await _send(app, private(TROOPS, sender))
    await _send(app, private(followup, sender))
    assert asked[-1].startswith(followup) and "pasukan" in asked[-1], asked


async def test_a_reply_naming_other_news_under_a_chart_is_asked_alone(
    app: JSON,  # noqa: F811
    asked: list[str],
) -> None:
    """A chart cites no paragraph: only its topic counts as answered."""
    application, _ = app
    sender = user(33, language="id")
    await _send(app, private("/timeline pasukan CSTO di perbatasan Tajikistan", sender))
    state = state_of(application.bot_data)
    record = await state.stored(lambda store: store.latest_answer(sender["id"], 0))
    assert record is not None
    chart = bot_message("", chat=private_chat(sender), message_id=record.message_id)
    await _send(app, private("apa kata MPR?", sender, reply_to=chart))
    assert asked[-1:] == ["apa kata MPR?"] and not any("MPR? (" in q for q in asked), asked


@pytest.mark.parametrize(
    ("text", "language", "hint"),
    [
        ("kapan?", "id", "Tulis pertanyaannya lengkap dengan pokok beritanya"),
        ("siapa lagi?", "id", "Tulis pertanyaannya lengkap dengan pokok beritanya"),
        ("when?", "en", "Ask the whole question, with what it is about"),
        ("who else?", "en", "Ask the whole question, with what it is about"),
        ("why?", "en", "Ask the whole question, with what it is about"),
    ],
)
async def test_a_follow_up_word_following_up_nothing_asks_for_the_whole_question(
    app: JSON,  # noqa: F811
    asked: list[str],
    text: str,
    language: str,
    hint: str,
) -> None:
    """ "kapan?" with no answer before it was searched and got "not covered", as if the news
    lacked something; it names nothing to look for."""
    telegram = await _send(app, private(text, user(34, language=language)))
    assert asked == []
    assert telegram.texts()[-1].startswith(hint), telegram.texts()


@pytest.mark.parametrize("text", ["kemarin?", "berita terbaru", "media apa saja?", "today?"])
async def test_a_short_question_naming_a_time_or_a_kind_is_still_searched(
    app: JSON,  # noqa: F811
    asked: list[str],
    text: str,
) -> None:
    await _send(app, private(text, user(35, language="id")))
    assert asked == [text]


MALAY = "Siapakah yang bersetuju menghantar askar?"


@pytest.mark.parametrize(
    "followup", ["bila?", "Bila?", "bilakah?", "di manakah?", "kapankah?", "siapakah lagi?"]
)
def test_a_malay_or_kah_question_word_names_nothing(followup: str) -> None:
    """ "bila?" (Malay for "when?") after a Malay question was read as naming "bila", so it
    was searched as "bila? (bersetuju menghantar askar)" and cited other news."""
    assert subject_words(followup) == []
    assert resolve(MALAY, followup, CITED) == f"{followup} {MALAY}"
