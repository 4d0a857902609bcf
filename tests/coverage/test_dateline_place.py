"""A place named only in an article's dateline ("BEKASI (Pos Kota) -", "Medan, CNN
Indonesia --") still counts for the coverage topic check, though cleaning cuts the dateline
from the text; a place no article names stays refused."""

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

NOW = datetime(2016, 10, 10, 9, 0, tzinfo=WIB)
MONEY = (
    "BEKASI (Pos Kota) – Nenek penjual nasi uduk ditangkap pedagang Pasar Tambun gara-gara "
    "mengedarkan uang palsu, Rabu (05/10) malam."
)
MONEY_2 = "Polisi menemukan uang palsu pecahan Rp 50 ribuan dan Rp 100 ribuan di rumahnya."
FLOOD = (
    "Medan, CNN Indonesia -- Banjir merendam ratusan rumah warga di Kecamatan Medan Johor "
    "setelah hujan deras semalaman."
)
FLOOD_PLAIN = (
    "Banjir merendam ratusan rumah warga di Kecamatan Johor setelah hujan deras semalaman."
)
FIRE = "SURABAYA, KOMPAS.com - Kebakaran melanda gudang kertas di kawasan industri Rungkut."


def _record(id_: str, source: str, text: str) -> dict[str, Any]:
    return {
        "id": id_,
        "source": source,
        "published": "2016-10-06",
        "url": f"https://{source.replace(' ', '')}.example/{id_}",
        "title": f"{id_} headline",
        "text": text,
    }


@pytest.fixture
def news(tmp_path: Path) -> Iterator[NewsIndex]:
    records = [
        _record("money", "poskotanews", f"{MONEY}\n\n{MONEY_2}"),
        _record("flood", "cnn indonesia", FLOOD),
        _record("fire", "kompas", FIRE),
    ]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    build_index(tmp_path / "idx", [folder], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


def test_the_dateline_is_cut_from_the_text_and_kept_as_the_place(news: NewsIndex) -> None:
    text = news.article_text("money") or ""
    assert "Pasar Tambun" in text and "BEKASI" not in text
    assert news.article_place("money") == "Bekasi"
    assert news.article_place("flood") == "Medan"


@pytest.mark.parametrize(
    ("topic", "article"),
    [
        ("uang palsu di Bekasi", "money"),
        ("uang palsu di Tambun", "money"),  # named in the text: held before too
        ("uang palsu Bekasi", "money"),
        ("banjir di Medan", "flood"),
        ("kebakaran gudang di Surabaya", "fire"),
    ],
)
def test_a_place_named_only_in_the_dateline_holds_the_topic(
    news: NewsIndex, topic: str, article: str
) -> None:
    assert news.holds_topic(topic, article)


@pytest.mark.parametrize(
    ("topic", "article"),
    [
        ("uang palsu di Surabaya", "money"),  # another article's dateline
        ("uang palsu di Medan", "money"),
        ("banjir di Bekasi", "flood"),
    ],
)
def test_a_place_neither_dateline_nor_text_names_is_not_held(
    news: NewsIndex, topic: str, article: str
) -> None:
    assert not news.holds_topic(topic, article)


@pytest.mark.parametrize(
    "question",
    [
        "media apa saja yang memberitakan uang palsu di Bekasi?",
        "siapa yang pertama memberitakan uang palsu di Bekasi?",
        "berapa artikel tentang uang palsu di Bekasi?",
        "media apa saja yang memberitakan uang palsu di Tambun?",
    ],
)
def test_coverage_questions_about_a_dateline_place_are_answered(
    news: NewsIndex, question: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None, question
    assert answer.coverage.stories[0].outlets == ("poskotanews",)


@pytest.mark.parametrize(
    "question",
    [
        "media apa saja yang memberitakan uang palsu di Surabaya?",
        "berapa artikel tentang uang palsu di Medan?",
    ],
)
def test_coverage_questions_about_another_place_stay_refused(
    news: NewsIndex, question: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.coverage is None, question
