"""Coverage questions with the real default model on the shipped sample (31 articles):
topics the sample never reports are refused in every kind of coverage question and in
both languages, while a topic it does report is counted from its story."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsbot.index.answering.search import NewsIndex
from newsbot.index.coverage.when import WIB

pytestmark = pytest.mark.model

NOW = datetime(2019, 1, 1, 9, 0, tzinfo=WIB)  # after every dated sample article

#: Topics near what the sample holds (a minister on food prices, Bali's visitors, a
#: landslide in Cililin) but never reported in it.
ABSENT = [
    "which outlets reported garlic prices?",
    "media apa saja yang memberitakan harga bawang putih?",
    "berapa artikel tentang harga bawang putih?",
    "how many articles about the Lombok earthquake?",
    "who first reported the Lombok earthquake?",
    "siapa yang pertama memberitakan gempa Lombok?",
    "berapa artikel tentang gempa Lombok?",
    "which outlets reported the Lombok earthquake?",
    "berita terbaru soal gempa Lombok",
    "latest news on garlic prices",
]


@pytest.mark.parametrize("question", ABSENT)
def test_absent_topics_are_refused_in_every_kind(sample_index: NewsIndex, question: str) -> None:
    answer = sample_index.ask(question, now=NOW)
    assert answer.request is not None and answer.request.coverage is not None
    assert not answer.answered and answer.coverage is None and answer.hits == ()


@pytest.mark.parametrize(
    "question",
    ["berapa artikel tentang Setya Novanto?", "how many articles about Setya Novanto?"],
)
def test_a_reported_topic_counts_at_least_its_story(sample_index: NewsIndex, question: str) -> None:
    answer = sample_index.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None
    story = answer.coverage.stories[0]
    assert answer.hits[0].story == story
    assert answer.coverage.articles >= len(story.articles) >= 1
    assert set(story.outlets) <= set(answer.coverage.outlets)


@pytest.mark.parametrize(
    "question",
    [
        "media apa saja yang memberitakan uang palsu di Bekasi?",  # Bekasi: the dateline only
        "media apa saja yang memberitakan uang palsu di Tambun?",
        "siapa yang pertama memberitakan uang palsu di Bekasi?",
    ],
)
def test_a_place_named_only_in_the_dateline_is_covered(
    sample_index: NewsIndex, question: str
) -> None:
    answer = sample_index.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None, question
    assert "poskotanews" in answer.coverage.stories[0].outlets


def test_fake_money_in_a_place_the_sample_never_names_is_refused(sample_index: NewsIndex) -> None:
    answer = sample_index.ask("media apa saja yang memberitakan uang palsu di Surabaya?", now=NOW)
    assert not answer.answered and answer.coverage is None
