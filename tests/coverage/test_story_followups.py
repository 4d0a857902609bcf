"""Follow-ups of a coverage answer that name nothing of their own ("kapan?", "siapa yang
pertama?", "who else?", "berapa artikel?") are asked of the story answered
(``NewsIndex.ask_about``); anything else is asked afresh. Real index, fake embedder."""

from __future__ import annotations

import pytest

from newsbot.bot.terminal import format_answer
from newsbot.index.answering.search import NewsIndex
from newsbot.index.coverage.questions import story_followup
from tests.coverage.test_coverage_answers import NOW, news  # noqa: F401 (fixture)


@pytest.mark.parametrize(
    ("followup", "kind"),
    [
        ("kapan?", "first"),
        ("when?", "first"),
        ("dan kapan pertama?", "first"),
        ("Kapan pertama kali diberitakan?", "first"),
        ("siapa yang pertama?", "first"),
        ("who was first?", "first"),
        ("who reported it first?", "first"),
        ("media apa saja?", "outlets"),
        ("siapa lagi yang memberitakannya?", "outlets"),
        ("who else?", "outlets"),
        ("which other outlets?", "outlets"),
        ("berapa artikel?", "count"),
        ("berapa?", "count"),
        ("how many?", "count"),
        ("how many articles in all?", "count"),
    ],
)
def test_story_followups_are_read_in_both_languages(followup: str, kind: str) -> None:
    assert story_followup(followup) == kind


@pytest.mark.parametrize(
    "followup",
    ["kapan Jokowi datang?", "siapa pelakunya?", "how many died?", "berapa korban?", "why?"],
)
def test_a_followup_naming_its_own_subject_is_no_story_followup(followup: str) -> None:
    assert story_followup(followup) is None


@pytest.mark.parametrize(
    ("followup", "line"),
    [
        ("kapan?", "Pertama diberitakan oleh antaranews, 17 Sep 2021 08:10 WIB"),
        ("who was first?", "First reported by antaranews, 17 Sep 2021 08:10 WIB"),
        ("berapa artikel?", "3 artikel tentang ini, dari 3 media (antaranews, suara, merdeka)"),
        ("who else?", "3 outlets reported this: antaranews, suara and merdeka."),
    ],
)
def test_ask_about_answers_from_the_story_of_the_article(
    news: NewsIndex,  # noqa: F811
    followup: str,
    line: str,
) -> None:
    answer = news.ask_about(followup, "wire-merdeka", now=NOW)
    assert answer.answered and answer.coverage is not None
    assert [s.id for s in answer.coverage.stories] == [news.stories.of("wire-merdeka").id]  # type: ignore[union-attr]
    assert answer.hits[0].citation.article_id == "wire-merdeka"
    assert format_answer(answer).startswith(line)


def test_ask_about_a_story_stays_on_it_where_a_search_would_not(
    news: NewsIndex,  # noqa: F811
) -> None:
    """The chili stories: whichever a fresh "who first" names, about the other, the other."""
    fresh = news.ask("siapa yang pertama memberitakan harga cabai?", now=NOW)
    assert fresh.coverage is not None
    other = ({"chili-old", "chili-new"} - {fresh.coverage.firsts[0].id}).pop()
    about = news.ask_about("siapa yang pertama?", other, now=NOW)
    assert about.coverage is not None and [a.id for a in about.coverage.firsts] == [other]


def test_ask_about_an_article_gone_is_not_covered_and_other_messages_are_asked(
    news: NewsIndex,  # noqa: F811
) -> None:
    assert not news.ask_about("kapan?", "no-such-article", now=NOW).answered
    answer = news.ask_about("media apa saja yang memberitakan harga cabai?", "wire-suara", now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "outlets"
    assert "wire-suara" not in {a.id for s in answer.coverage.stories for a in s.articles}
