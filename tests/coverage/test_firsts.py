"""Who reported first, the copy to cite, and the notes' grammar, without an index."""

from __future__ import annotations

import pytest

from newsbot.index.coverage.book import ArticleRef, StoryBook, story_of
from newsbot.index.coverage.firsts import first_reports, original_first, outlets_in_order
from newsbot.index.coverage.notes import articles_text, outlets_text, story_line


def ref(id_: str, source: str, published: str | None) -> ArticleRef:
    return ArticleRef(id_, f"{id_} headline", source, published, None)


def test_the_earliest_time_is_first() -> None:
    a = ref("a", "antaranews", "2021-09-17T08:10:00+07:00")
    b = ref("b", "suara", "2021-09-17T07:30:00+07:00")
    assert first_reports([a, b]) == (b,)
    # Times in other zones compare as instants: 01:00 UTC is 08:00 WIB.
    c = ref("c", "reuters", "2021-09-17T00:20:00+00:00")
    assert first_reports([a, b, c]) == (c,)


@pytest.mark.parametrize(
    "published",
    [
        ("2017-05-25", "2017-05-25"),
        ("2017-05-25", "2017-05-25T10:00:00+07:00"),  # one without a time: a tie
    ],
)
def test_a_day_without_times_is_a_tie(published: tuple[str, str]) -> None:
    a = ref("a", "cnn indonesia", published[0])
    b = ref("b", "antaranews", published[1])
    assert first_reports([a, b]) == (b, a)  # by outlet name
    assert first_reports([b, a]) == (b, a)


def test_undated_articles_are_never_first() -> None:
    undated = ref("u", "suara", None)
    dated = ref("d", "kumparan", "2017-05-26")
    assert first_reports([undated, dated]) == (dated,)
    assert first_reports([undated]) == ()
    assert outlets_in_order([undated, dated]) == ("kumparan", "suara")


def test_an_undated_article_keeps_its_story_and_is_never_its_first() -> None:
    dated = [ref("a", "cnn indonesia", "2022-01-03"), ref("b", "kumparan", "2022-01-04")]
    undated = ref("u", "suara", None)
    book = StoryBook({"a": "s", "b": "s", "u": "s"}, [*dated, undated])
    story = book.of("a")
    assert story is not None and book.of("u") is story
    assert {x.id for x in story.articles} == {"a", "b", "u"}
    assert first_reports(story.articles) == (dated[0],)


def test_the_copy_cited_is_the_earliest_then_the_one_naming_itself() -> None:
    cnn = ref("c", "cnn indonesia", "2017-05-25")
    antara = ref("a", "antaranews", "2017-05-25")
    openings = {"c": "Jakarta, CNN Indonesia -- Markas Besar Polri ...", "a": "Markas ..."}
    assert original_first([antara, cnn], lambda x: openings[x.id])[0] == cnn
    assert original_first([cnn, antara], lambda x: openings[x.id])[0] == cnn
    # Without a name in the text, by outlet name, whatever the order.
    assert original_first([cnn, antara], lambda x: "")[0] == antara
    earlier = ref("e", "suara", "2017-05-24")
    assert original_first([cnn, antara, earlier], lambda x: openings.get(x.id, ""))[0] == earlier


def test_plurals_and_ties_in_story_lines() -> None:
    assert articles_text(1) == "1 article" and articles_text(2) == "2 articles"
    assert outlets_text(1) == "1 outlet" and outlets_text(3, "id") == "3 media"
    assert articles_text(1, "id") == "1 artikel"
    tie = story_of(
        "s",
        [ref("c", "cnn indonesia", "2017-05-25"), ref("a", "antaranews", "2017-05-25")],
    )
    assert story_line(tie) == (
        "2 outlets since 25 May 2017, first: antaranews and cnn indonesia (same day, no times)"
    )
    assert story_line(tie, "id").startswith("2 media sejak 25 Mei 2017, pertama: antaranews dan")
    one = story_of("t", [ref("x", "kumparan", "2017-05-25"), ref("y", "kumparan", "2017-05-26")])
    assert story_line(one) == "1 outlet since 25 May 2017 (2 articles)"
