"""An outlet whose articles carry no publication date, asked for its newest news or a
window's: the reader is told that its articles have no dates, not that nothing is covered.
Real index, fake embedder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.bot.terminal import format_answer
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from tests.conftest import FakeEmbedder
from tests.coverage.test_coverage_answers import (
    CHILI_NEW,
    CHILI_OLD,
    NOW,
    TRANSPORT,
    WIRE,
    WIRE_2,
    _record,
    _write,
)


def _undated(id_: str, source: str, text: str) -> dict[str, object]:
    return {"id": id_, "source": source, "title": f"{id_} headline", "text": text}


@pytest.fixture
def mixed(tmp_path: Path) -> Iterator[NewsIndex]:
    records = [
        _undated("antara-1", "antaranews", WIRE),
        _undated("antara-2", "antaranews", TRANSPORT),
        _record("chili-new", "kumparan", "2021-09-18T07:00:00+07:00", CHILI_NEW),
        _undated("chili-undated", "kumparan", WIRE_2),
        _record("chili-old", "cnn indonesia", "2021-09-10", CHILI_OLD),
    ]
    build_index(tmp_path / "idx", [_write(tmp_path / "news", records)], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


@pytest.mark.parametrize(
    ("question", "line"),
    [
        (
            "menurut Antara, berita terbaru",
            "Artikel dari antaranews di indeks ini tidak bertanggal terbit, jadi tidak ada "
            "yang bisa disebut terbaru",
        ),
        ("berita terkini dari antaranews", "Artikel dari antaranews di indeks ini tidak"),
        (
            "according to ANTARA, what's new?",
            "The articles from antaranews in this index carry no publication date, so none "
            "of them can be called the newest",
        ),
        ("latest news from antaranews", "carry no publication date"),
        (
            "menurut Antara, berita kemarin",
            "tidak ada yang bisa ditempatkan pada 18 Sep 2021",
        ),
        ("what was reported yesterday according to ANTARA?", "placed in 18 Sep 2021"),
    ],
)
def test_an_outlet_without_dates_is_told_so(mixed: NewsIndex, question: str, line: str) -> None:
    answer = mixed.ask(question, now=NOW)
    assert not answer.answered and answer.reason == "undated_outlet" and answer.hits == ()
    text = format_answer(answer)
    assert line in text
    assert "not cover" not in text and "tidak membahas" not in text


@pytest.mark.parametrize(
    "question", ["menurut kumparan, berita terbaru", "latest news from kumparan"]
)
def test_an_outlet_with_one_dated_article_lists_it(mixed: NewsIndex, question: str) -> None:
    answer = mixed.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None
    assert [s.latest.id for s in answer.coverage.stories] == ["chili-new"]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("menurut Antara, berapa artikel?", "2 artikel di indeks ini, dari 1 media (antaranews)."),
        (
            "according to ANTARA, how many articles?",
            "2 articles in this index, from 1 outlet (antaranews).",
        ),
    ],
)
def test_an_undated_outlet_still_answers_what_needs_no_date(
    mixed: NewsIndex, question: str, line: str
) -> None:
    answer = mixed.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None
    assert answer.coverage.articles == 2
    assert format_answer(answer).startswith(line)  # no topic: not "about this"
