"""Form 7 of the "not covered" floor: a question most of whose content words are ordinary
Indonesian words the index never holds asks about another happening than the indexed one
(round 9: on one-article indexes, "which German club wants to sign him?" of a footballer's
season, "when is the GIIAS car show?" of a bus expo)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.index.answering.bridge import question_terms
from newsbot.index.answering.evidence import (
    contentless,
    ordinary_word,
    unheld_share,
    unheld_word,
)
from newsbot.index.answering.fusion import confidence
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.building.embedders import Embedder
from newsbot.index.building.lexical import tokenize
from newsbot.index.defaults import CONFIDENCE_BY_LANGUAGE, UNHELD_SHARE
from tests.conftest import FakeEmbedder

ID = CONFIDENCE_BY_LANGUAGE["id"]
EN = CONFIDENCE_BY_LANGUAGE["en"]


def _word(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def _nothing(term: str) -> bool:
    return False


@pytest.mark.parametrize("word", ["meninggal", "bantuan", "tarif", "merekrut", "gaji"])
def test_an_ordinary_word_no_paragraph_holds_is_unheld(word: str) -> None:
    assert ordinary_word(word)
    assert unheld_word(_word(word), _nothing)
    assert not unheld_word(_word(word), lambda term: True)


@pytest.mark.parametrize(
    "word",
    [
        "jurulatih",  # Malay: the news says "pelatih"
        "syarikat",  # Malay: "perusahaan"
        "berlepas",  # Malay: "berangkat"
        "orang",  # too common to be what a question asks about
        "sekarang",
        "2017",  # a number is a name's evidence, counted apart
        "xqzvw",  # no word at all
    ],
)
def test_malay_common_rare_words_and_numbers_are_not_unheld(word: str) -> None:
    assert not unheld_word(_word(word), _nothing)


@pytest.mark.parametrize("word", ["dimanakah", "dimanapun", "sih", "soal", "bilang"])
def test_question_words_with_a_particle_and_chat_words_hold_no_content(word: str) -> None:
    assert contentless(_word(word))
    assert not unheld_word(_word(word), _nothing)


def test_a_stem_that_is_a_chat_word_leaves_the_word_content() -> None:
    assert not contentless(_word("bilangan"))  # its stem is "bilang"


def test_a_word_known_without_its_particle_is_held() -> None:
    words = _word("diadakannya")
    assert unheld_word(words, _nothing)
    assert not unheld_word(words, lambda term: term == "diadakan")


def test_the_share_counts_content_words_only() -> None:
    question = "Berapakah bantuan dana untuk korban banjir sih?"
    words = question_terms(question, "id", _nothing)
    held = {"banjir", "korban"}
    # bantuan and dana of bantuan, dana, korban, banjir; berapakah and sih hold no content
    assert unheld_share(words, held.__contains__) == pytest.approx(0.5)
    assert unheld_share(question_terms("siapa?", "id", _nothing), _nothing) == 0.0


def test_only_indonesian_questions_pay_for_mostly_unheld_words() -> None:
    assert len(ID) == len(EN) == 8 and ID[7] > 0 and EN[7] == 0
    base = confidence(0.85, 0.5, 0, ID)
    assert confidence(0.85, 0.5, 0, ID, mostly_unheld=True) == pytest.approx(base - ID[7])
    assert confidence(0.82, 0.3, 0, EN, mostly_unheld=True) == confidence(0.82, 0.3, 0, EN)
    # Weights of an older form (seven numbers) have no such penalty.
    assert confidence(0.85, 0.5, 0, ID[:7], mostly_unheld=True) == confidence(0.85, 0.5, 0, ID[:7])


FLOOD = [
    "Banjir merendam tiga kecamatan di Kabupaten Wajo setelah hujan deras mengguyur "
    "wilayah itu selama sepekan.",
    "Warga terpaksa menggunakan perahu untuk menunaikan shalat Idul Fitri di masjid.",
    "Genangan air setinggi dua meter membuat jalan poros Bone-Wajo terputus.",
]


def _one_article(tmp_path: Path, embedder: Embedder) -> NewsIndex:
    line = json.dumps({"id": "banjir", "title": "Banjir Wajo", "text": "\n\n".join(FLOOD)})
    (tmp_path / "news.jsonl").write_text(line + "\n", encoding="utf-8")
    build_index(tmp_path / "idx", [tmp_path / "news.jsonl"], embedder)
    return NewsIndex.open(tmp_path / "idx", embedder)


def test_the_penalty_is_paid_by_the_first_passage_of_a_mostly_unheld_question(
    tmp_path: Path,
) -> None:
    news = _one_article(tmp_path, FakeEmbedder())
    try:
        asked = "Berapa bantuan dana untuk banjir Wajo?"  # bantuan, dana of four
        told = "Berapa meter genangan banjir Wajo?"
        assert news.confidence(asked) is not None and news.confidence(told) is not None
        paid = news.confidence(asked)
        weights = {lang: (*w[:7], 0.0) for lang, w in news.manifest.confidence.items()}
        news.manifest = dataclasses.replace(news.manifest, confidence=weights)
        assert news.confidence(asked) == pytest.approx(paid + ID[7])  # type: ignore[operator]
    finally:
        news.close()
    assert UNHELD_SHARE == 0.5


MATCH = {
    "id": "musim",
    "title": "Striker Itu Terlahir Kembali di Prancis",
    "source": "contoh",
    "published": "2017-05-09T10:00:00+07:00",
    "text": "\n\n".join(
        [
            "Akhir bursa transfer musim panas lalu, nasib striker Andrea Rinaldi terkatung-"
            "katung. Klubnya di Inggris tak lagi ingin menggunakan jasanya.",
            "Sang agen, Paolo Bernardi, akhirnya menawarkan Rinaldi kepada klub papan tengah "
            "Ligue 1, FC Lorient, tanpa biaya transfer sepeser pun.",
            "Sembilan bulan kemudian, Rinaldi telah mencetak 16 gol di Ligue 1 dan menjadi "
            "pencetak gol terbanyak klub musim ini.",
            "Ia masih kerap bertingkah dan sudah mendapat dua kartu merah sepanjang musim.",
            "Pria berusia 27 tahun itu debut di kasta tertinggi Italia pada usia 17 tahun.",
        ]
    ),
}


@pytest.fixture(scope="module")
def season(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder
) -> Iterator[NewsIndex]:
    folder = tmp_path_factory.mktemp("season")
    source = folder / "season.jsonl"
    source.write_text(json.dumps(MATCH) + "\n", encoding="utf-8")
    build_index(folder / "index", [source], real_embedder)
    index = NewsIndex.open(folder / "index", real_embedder)
    yield index
    index.close()


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "Berapa gaji dan bonus Rinaldi?",  # the same person, a detail the article lacks
        "Klub Spanyol mana yang mau merekrut Rinaldi?",  # the same person, another event
        "Siapa istri Rinaldi?",
        "Kapan Rinaldi menikah dengan kekasihnya?",
        "Berapa harga tiket pertandingan Lorient?",  # the same club, another matter
    ],
)
def test_another_happening_of_the_same_people_is_refused_on_one_article(
    season: NewsIndex, question: str
) -> None:
    answer = season.ask(question)
    assert not answer.answered and answer.reason == "not_covered"


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("rinaldi udah cetak brp gol sih?", "16 gol"),  # chatty
        ("Siapa agen Rinaldi?", "Paolo Bernardi"),
        ("Berapakah jaringan gol Rinaldi musim ini?", "16 gol"),  # Malay
        ("Siapakah ejen yang menawarkan Rinaldi kepada kelab Perancis?", "Paolo Bernardi"),
        ("rinaldi debut umur brp?", "usia 17 tahun"),  # "umur": the article says "usia"
    ],
)
def test_questions_the_article_answers_in_other_words_are_answered(
    season: NewsIndex, question: str, expected: str
) -> None:
    answer = season.ask(question, k=3)
    assert answer.answered and expected in answer.hits[0].text
