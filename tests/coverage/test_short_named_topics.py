"""A coverage topic of a few words names by its capitalised words even when they are most
of it: "the Kampung Melayu flood" needs an article saying the flood, not one naming
Kampung Melayu alone. Before, two capitalised words of three read as a headline in title
case, names were not checked, and the bombing answered for the flood. Real index, fake
embedder."""

from __future__ import annotations

import pytest

from newsbot.index.answering.search import NewsIndex
from tests.coverage.test_coverage_floor import NOW, news  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    "question",
    [
        "who reported the Kampung Melayu flood first?",
        "siapa yang pertama memberitakan banjir Kampung Melayu?",
        "how many articles about the Kampung Melayu flood?",
        "berapa artikel tentang banjir Kampung Melayu?",
    ],
)
def test_a_short_topic_needs_more_than_its_names(news: NewsIndex, question: str) -> None:  # noqa: F811
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.reason == "not_covered", answer.coverage


@pytest.mark.parametrize(
    "question",
    [
        "who reported the Kampung Melayu bomb first?",
        "siapa yang pertama memberitakan bom Kampung Melayu?",
        "which outlets reported Kampung Melayu?",
    ],
)
def test_a_short_topic_its_articles_hold_is_answered(news: NewsIndex, question: str) -> None:  # noqa: F811
    answer = news.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None
    assert {"cnn indonesia", "antaranews"} <= set(answer.coverage.outlets)
