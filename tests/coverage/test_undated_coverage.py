"""Coverage of articles without dates: no "since ?", no "first: unknown outlet", in either
language; the lines say there are no dates to tell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsbot.bot.coverage_text import format_coverage
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.coverage.book import ArticleRef, story_of
from newsbot.index.coverage.notes import day_text, first_text, story_line, timeline_caption
from tests.conftest import FakeEmbedder
from tests.coverage.test_coverage_answers import NOW, WIRE, WIRE_2, _write


def ref(id_: str, source: str, published: str | None) -> ArticleRef:
    return ArticleRef(id_, f"{id_} headline", source, published, None)


@pytest.mark.parametrize(
    ("sources", "language", "line"),
    [
        (["kumparan", "kumparan"], "en", "1 outlet, no date (2 articles)"),
        (["kumparan"], "id", "1 media, tanpa tanggal"),
        (["kumparan", "suara"], "en", "2 outlets, no dates"),
        (["kumparan", "suara", "tempo"], "id", "3 media, tanpa tanggal"),
    ],
)
def test_a_story_without_dates_says_so(sources: list[str], language: str, line: str) -> None:
    story = story_of("s", [ref(f"a{i}", s, None) for i, s in enumerate(sources)])
    assert story_line(story, language) == line


def test_one_dated_article_dates_the_story() -> None:
    story = story_of("s", [ref("a", "suara", None), ref("b", "tempo", "2017-05-25")])
    assert story_line(story) == "2 outlets since 25 May 2017, first: tempo"


def test_nobody_is_named_first_without_dates() -> None:
    assert first_text([]) == "No dates tell who reported it first"
    assert first_text([], "id").startswith("Tidak ada tanggal")
    story = story_of("s", [ref("a", "kumparan", None), ref("b", "suara", None)])
    caption = timeline_caption(story)
    assert "?" not in caption and "unknown outlet" not in caption
    assert caption == "2 articles, kumparan, suara: no date"


@pytest.fixture
def undated(tmp_path: Path) -> NewsIndex:
    records = [
        {"id": f"w-{s}", "source": s, "title": f"{s} headline", "text": f"{WIRE}\n\n{WIRE_2}"}
        for s in ("kumparan", "suara")
    ]
    build_index(tmp_path / "idx", [_write(tmp_path / "news", records)], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("which outlets reported that CSTO agreed to deploy troops?", "en"),
        ("who first reported that CSTO agreed to deploy troops?", "en"),
        ("media apa saja yang memberitakan CSTO setuju mengerahkan pasukan?", "id"),
        ("siapa yang pertama memberitakan CSTO setuju mengerahkan pasukan?", "id"),
    ],
)
def test_coverage_answers_over_undated_articles(
    undated: NewsIndex, question: str, language: str
) -> None:
    answer = undated.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None
    text = format_coverage(answer, language)
    assert "unknown outlet" not in text and "tak dikenal" not in text and "?" not in text
    assert ("No dates tell" if language == "en" else "Tidak ada tanggal") in text


def _crawled_records() -> list[dict[str, Any]]:
    """One wire text, undated, at two outlets that crawled it the day before NOW."""
    return [
        {
            "id": f"w-{s}",
            "source": s,
            "title": f"{s} headline",
            "text": f"{WIRE}\n\n{WIRE_2}",
            "crawled_at": "2021-09-18T03:00:00Z",
        }
        for s in ("kumparan", "suara")
    ]


@pytest.fixture
def crawled(tmp_path: Path) -> NewsIndex:
    # Undated, but crawled the day before NOW: the crawl time bounds their story and is no
    # publication date.
    records = _crawled_records()
    build_index(tmp_path / "idx", [_write(tmp_path / "news", records)], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


@pytest.mark.parametrize(
    "question",
    [
        "berita pasukan CSTO di perbatasan Tajikistan kemarin",
        "news about CSTO troops at the Tajikistan border yesterday",
        "berita apa saja kemarin?",
        "what's new?",
    ],
)
def test_a_crawl_time_never_places_an_article_in_a_time_window(
    crawled: NewsIndex, question: str
) -> None:
    answer = crawled.ask(question, k=3, now=NOW)
    assert not answer.hits and not (answer.coverage and answer.coverage.stories), question


def test_crawled_undated_articles_still_share_their_story(crawled: NewsIndex) -> None:
    answer = crawled.ask(
        "media apa saja yang memberitakan CSTO setuju mengerahkan pasukan?", now=NOW
    )
    assert answer.coverage is not None
    assert set(answer.coverage.stories[0].outlets) == {"kumparan", "suara"}
    assert "No dates tell" in format_coverage(answer, "en")


@pytest.mark.parametrize(
    ("question", "language", "shown"),
    [
        ("berita terbaru soal pasukan CSTO", "en", "kumparan, suara, no date (2 articles)"),
        ("berita terbaru soal pasukan CSTO", "id", "kumparan, suara, tanpa tanggal (2 artikel)"),
    ],
)
def test_an_undated_story_among_the_latest_says_it_has_no_date(
    undated: NewsIndex, question: str, language: str, shown: str
) -> None:
    answer = undated.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "latest"
    text = format_coverage(answer, language)
    assert shown in text and "?" not in text


def test_a_missing_date_reads_as_no_date_in_both_languages() -> None:
    assert (day_text(None), day_text("", "id")) == ("no date", "tanpa tanggal")
    assert day_text("2021-09-17T16:30:00+07:00", "id") == "17 Sep 2021"


@pytest.mark.parametrize("corrected", ["2021-10-02T03:00:00Z", "1633143600"])
def test_a_corrected_crawl_time_regroups_the_story_without_embedding(
    tmp_path: Path, corrected: str
) -> None:
    # Two undated copies first seen the same day share a story; once one's crawl time is
    # corrected to two weeks later, the next build splits them, reusing every vector.
    records = _crawled_records()
    folder = _write(tmp_path / "news", records)
    build_index(tmp_path / "idx", [folder], FakeEmbedder())
    records[1]["crawled_at"] = corrected
    _write(tmp_path / "news", records)
    report = build_index(tmp_path / "idx", [folder], FakeEmbedder())
    assert (report.updated, report.unchanged, report.embedded) == (1, 1, 0)
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    try:
        kumparan, suara = index.stories.of("w-kumparan"), index.stories.of("w-suara")
        assert kumparan is not None and suara is not None
        assert kumparan.id != suara.id
    finally:
        index.close()
