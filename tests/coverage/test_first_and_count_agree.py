""" "Who reported X first?" and "how many articles about X?" choose by one rule: the
articles about X across its stories, the best passage's story first. They name the same
first report and the same stories, and a broad X says how many stories it spans in both.
Before, "first" answered from the best passage's story alone and "count" from every story
naming X, and could name different first reports. Real index, fake embedder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.bot.terminal import format_answer
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from tests.conftest import FakeEmbedder
from tests.coverage.test_coverage_answers import NOW as CHILI_NOW
from tests.coverage.test_coverage_answers import RECORDS, _write
from tests.coverage.test_coverage_floor import NOW, news  # noqa: F401 (fixture)

PAIRS = [
    # A broad topic: three stories, on three days.
    ("siapa yang pertama memberitakan sepak bola?", "berapa artikel tentang sepak bola?"),
    ("who reported football first?", "how many articles about football?"),
    ("kapan sepak bola pertama kali diberitakan?", "berapa banyak berita soal sepak bola?"),
    # A narrow one: one story, two outlets.
    (
        "siapa yang pertama memberitakan bom Kampung Melayu?",
        "berapa artikel tentang bom Kampung Melayu?",
    ),
    (
        "who reported the Kampung Melayu bomb first?",
        "how many articles about the Kampung Melayu bomb?",
    ),
]


@pytest.mark.parametrize(("first", "count"), PAIRS)
def test_first_and_count_name_the_same_stories_and_first_report(
    news: NewsIndex,  # noqa: F811
    first: str,
    count: str,
) -> None:
    answers = [news.ask(q, now=NOW) for q in (first, count)]
    for answer in answers:
        assert answer.answered and answer.coverage is not None, answer.question
    a, b = (answer.coverage for answer in answers)
    assert a is not None and b is not None
    assert (a.kind, b.kind) == ("first", "count")
    assert [s.id for s in a.stories] == [s.id for s in b.stories]
    assert a.firsts == b.firsts and a.articles <= b.articles
    assert answers[0].hits[0].story == answers[1].hits[0].story
    texts = [format_answer(answer) for answer in answers]
    who = b.firsts[0].source
    assert who is not None and who in texts[0].splitlines()[0] and who in texts[1].splitlines()[0]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("siapa yang pertama memberitakan sepak bola?", "Ini mencakup 3 peristiwa;"),
        ("berapa artikel tentang sepak bola?", "Ini mencakup 3 peristiwa;"),
        ("who reported football first?", "This spans 3 stories;"),
        ("how many articles about football?", "This spans 3 stories;"),
    ],
)
def test_a_broad_topic_says_how_many_stories_it_spans(
    news: NewsIndex,  # noqa: F811
    question: str,
    line: str,
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and len(answer.coverage.stories) == 3
    text = format_answer(answer)
    assert line in text and text.count(answer.coverage.stories[0].first.title) >= 1
    if answer.coverage.kind == "first":  # the headline once, with the first report
        assert text.splitlines()[0].count(answer.coverage.stories[0].first.title) == 1
    # The first report named is the closest story's, the one whose passage is shown.
    assert answer.coverage.firsts[0] in answer.hits[0].story.articles  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "question",
    [
        "siapa yang pertama memberitakan bom Kampung Melayu?",
        "how many articles about the Kampung Melayu bomb?",
    ],
)
def test_a_narrow_topic_is_one_story(news: NewsIndex, question: str) -> None:  # noqa: F811
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and len(answer.coverage.stories) == 1
    text = format_answer(answer)
    assert "spans" not in text and "mencakup" not in text


@pytest.fixture
def chili(tmp_path: Path) -> Iterator[NewsIndex]:
    """Two chili-price stories eight days apart (and the CSTO wire story)."""
    build_index(tmp_path / "idx", [_write(tmp_path / "news", RECORDS)], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


@pytest.mark.parametrize(
    ("first", "count"),
    [
        ("siapa yang pertama memberitakan harga cabai?", "berapa artikel tentang harga cabai?"),
        ("who reported the chili prices first?", "how many articles about the chili prices?"),
    ],
)
def test_first_and_count_name_one_first_report_where_stories_differ(
    chili: NewsIndex, first: str, count: str
) -> None:
    a, b = (chili.ask(q, now=CHILI_NOW).coverage for q in (first, count))
    assert a is not None and b is not None
    assert a.firsts == b.firsts
    assert a.stories[0] == b.stories[0] and len(b.stories) == 2
    # The first report named is of the story shown, not the other chili story's.
    assert {f.id for f in a.firsts} <= {x.id for x in a.stories[0].articles}
