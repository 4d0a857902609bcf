""" "How many articles about X" through a real index (fake embedder): the event X is the
story of the best article naming X, so its other outlets count even where they word it
differently; articles of other stories count when they name X themselves. And among
articles naming a topic, the one naming more of it leads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.coverage.when import WIB
from tests.conftest import FakeEmbedder

NOW = datetime(2017, 6, 1, 10, 0, tzinfo=WIB)
#: Twenty words both outlets' leads share: the leads are one story (cosine ~0.9).
SHARED = (
    "Kepolisian Daerah Metro Jaya menyatakan sedikitnya lima orang tewas dan sebelas "
    "warga luka berat dalam peristiwa Rabu malam itu menurut keterangan resmi juru bicara"
)


def _record(id_: str, source: str, published: str, title: str, text: str) -> dict[str, Any]:
    return {
        "id": id_,
        "source": source,
        "published": published,
        "url": f"https://{source.replace(' ', '')}.example/{id_}",
        "title": title,
        "text": text,
    }


RECORDS = [
    # One event; only the first outlet says "ledakan terminal".
    _record("blast-a", "cnn indonesia", "2017-05-24", "Ledakan", f"{SHARED} ledakan terminal."),
    _record("blast-b", "kumparan", "2017-05-24", "Peristiwa", f"{SHARED} insiden halte."),
    # Another story, weeks later, naming the topic itself.
    _record(
        "blast-c",
        "merdeka",
        "2017-05-30",
        "Terminal dijaga",
        "Terminal bus dijaga ketat sepekan setelah ledakan terminal yang menewaskan lima orang.",
    ),
    _record("rice", "suara", "2017-05-25", "Beras", "Harga beras medium di pasar induk turun."),
]


@pytest.fixture
def news(tmp_path: Path) -> Iterator[NewsIndex]:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    build_index(tmp_path / "idx", [folder], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


def test_the_fixture_holds_one_story_of_two_outlets(news: NewsIndex) -> None:
    story = news.stories.of("blast-a")
    assert story is not None and story == news.stories.of("blast-b")
    assert news.stories.of("blast-c") != story
    assert not news.holds_topic("ledakan terminal", "blast-b", "id")


@pytest.mark.parametrize(
    "question",
    [
        "berapa artikel tentang ledakan terminal?",
        "berapa banyak berita soal ledakan terminal?",
    ],
)
def test_a_count_holds_the_story_and_the_other_articles_naming_the_topic(
    news: NewsIndex, question: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None
    assert answer.coverage.kind == "count"
    assert answer.coverage.articles == 3
    assert set(answer.coverage.outlets) == {"cnn indonesia", "kumparan", "merdeka"}


def test_a_count_in_a_window_keeps_the_story_inside_it(news: NewsIndex) -> None:
    answer = news.ask("berapa artikel tentang ledakan terminal pada 24 Mei 2017?", now=NOW)
    assert answer.coverage is not None and answer.coverage.articles == 2
    assert set(answer.coverage.outlets) == {"cnn indonesia", "kumparan"}


@pytest.mark.parametrize(
    "question",
    [
        "berapa artikel tentang harga bawang putih?",
        "media apa saja yang memberitakan harga bawang putih?",
        "how many articles about the Lombok earthquake?",
        "berapa artikel tentang gempa Lombok?",
    ],
)
def test_a_count_of_an_absent_topic_is_refused(news: NewsIndex, question: str) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.coverage is None and answer.hits == ()


def test_topic_share_is_the_share_of_the_topic_an_article_names(news: NewsIndex) -> None:
    assert news.topic_share("ledakan terminal", "blast-a", "id") == 1.0
    assert news.topic_share("ledakan terminal", "blast-b", "id") == 0.0
    assert news.topic_share("ledakan terminal bus", "blast-a", "id") == pytest.approx(2 / 3)
    assert news.topic_share("ledakan terminal bus", "blast-c", "id") == 1.0
