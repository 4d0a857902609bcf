"""An English coverage question about an Indonesian story is held as the Indonesian one
is: a word whose translations no article of the index says ("troops" is "tentara" in the
word list, "pasukan" in the news) cannot tell articles apart and is not checked, while a
word whose translation other articles say ("prices", "harga") and a name are. Real index,
fake embedder. Before, "which outlets reported the CSTO troops?" was "not covered" while
"media apa saja yang memberitakan pasukan CSTO?" was answered."""

from __future__ import annotations

import pytest

from newsbot.index.answering.search import NewsIndex
from tests.coverage.test_coverage_answers import NOW, news  # noqa: F401 (fixture)

WIRE_OUTLETS = ("antaranews", "suara", "merdeka")


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        (
            "which outlets reported the CSTO troops?",
            "media apa saja yang memberitakan pasukan CSTO?",
        ),
        (
            "what media covered the Tajikistan troops?",
            "media apa saja yang meliput pasukan Tajikistan?",
        ),
        ("who reported the CSTO troops first?", "siapa yang pertama memberitakan pasukan CSTO?"),
        ("how many articles about the CSTO troops?", "berapa artikel tentang pasukan CSTO?"),
    ],
)
def test_an_english_topic_is_held_as_its_indonesian_twin(
    news: NewsIndex,  # noqa: F811
    english: str,
    indonesian: str,
) -> None:
    answers = [news.ask(q, now=NOW) for q in (english, indonesian)]
    for answer in answers:
        assert answer.answered and answer.coverage is not None, answer.question
    en, id_ = (a.coverage for a in answers)
    assert en is not None and id_ is not None
    assert en.outlets == id_.outlets and set(en.outlets) == set(WIRE_OUTLETS)
    assert en.articles == id_.articles == 3
    assert [a.source for a in en.firsts] == [a.source for a in id_.firsts] == ["antaranews"]


@pytest.mark.parametrize(
    "question",
    [
        "which outlets reported the Lombok troops?",  # a name no article holds
        "media apa saja yang memberitakan pasukan Lombok?",
        "which outlets reported the floods?",  # no name, no word held
        "media apa saja yang memberitakan banjir?",
        # "prices" is "harga", which other articles say: checked, and the CSTO one lacks it.
        "which outlets reported the CSTO prices?",
        "media apa saja yang memberitakan harga CSTO?",
    ],
)
def test_a_topic_the_articles_do_not_hold_is_still_not_covered(
    news: NewsIndex,  # noqa: F811
    question: str,
) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.reason == "not_covered", answer
