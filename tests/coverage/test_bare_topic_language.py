"""A chart's topic written as a bare noun phrase ("CSTO troops", no function word of either
language) is held as its English or Indonesian reading would be: ``newsbot timeline "CSTO
troops"`` said "not covered" while "the CSTO troops" drew the story, because the bare
phrase was taken for Indonesian and "troops" was checked untranslated. Real index, fake
embedder."""

from __future__ import annotations

import pytest

from newsbot.index.answering.search import NewsIndex
from tests.coverage.test_coverage_answers import NOW, news  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    ("bare", "worded"),
    [
        ("CSTO troops", "the CSTO troops"),
        ("Tajikistan troops", "the troops in Tajikistan"),
        ("pasukan CSTO", "pasukan CSTO di perbatasan"),
    ],
)
def test_a_bare_topic_draws_the_story_its_worded_form_draws(
    news: NewsIndex,  # noqa: F811
    bare: str,
    worded: str,
) -> None:
    worded_story = news.story_for(worded, now=NOW)
    assert worded_story is not None
    assert news.story_for(bare, now=NOW) == worded_story


@pytest.mark.parametrize("bare", ["Lombok troops", "CSTO prices"])
def test_a_bare_topic_the_articles_do_not_hold_draws_nothing(
    news: NewsIndex,  # noqa: F811
    bare: str,
) -> None:
    assert news.story_for(bare, now=NOW) is None
