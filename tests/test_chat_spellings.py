"""Chat spellings of Indonesian function and question words ("brp", "yg", "kpn") are read
as the words they stand for, so a "how many" or "when" question is read as one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.index.answering.question_text import written_out
from newsbot.index.answering.rerank import answer_kind, asks_name
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from tests.conftest import FakeEmbedder


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("brp korban?", "berapa korban?"),
        ("siapa yg ditangkap", "siapa yang ditangkap"),
        ("Brp poin Rossi?", "Berapa poin Rossi?"),
        ("kpn banjirnya surut?", "kapan banjirnya surut?"),
        ("knp jembatan blm selesai?", "kenapa jembatan belum selesai?"),
        ("gmn nasib korban?", "bagaimana nasib korban?"),
        ("dmn lokasinya?", "di mana lokasinya?"),
        ("tgl brp rapatnya?", "tgl berapa rapatnya?"),  # time words are the time reader's
        ("brp org yg tewas dlm kebakaran?", "berapa orang yang tewas dalam kebakaran?"),
        ("apa aja yg dibahas ttg pemilu?", "apa saja yang dibahas tentang pemilu?"),
    ],
)
def test_chat_spellings_are_written_out(question: str, expected: str) -> None:
    assert written_out(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Siapa rektor baru IPB?",
        "Berapa korban banjir Garut?",
        "Dr Arif Satria terpilih?",  # "Dr" is a title, never "dari"
        "Apa itu PD dan ORG?",  # an acronym in capitals stays
        "yogyakarta banjir",  # a word that begins like one stays
        "berita thn 2017 bln ini",  # time words: "thn 2017" would become a window
    ],
)
def test_other_words_are_left_as_written(question: str) -> None:
    assert written_out(question) == question


def test_the_written_out_question_asks_for_what_the_full_one_asks() -> None:
    assert answer_kind(written_out("brp poin rossi?")) is answer_kind("berapa poin rossi?")
    assert answer_kind(written_out("kpn dilantik?")) is answer_kind("kapan dilantik?")
    assert asks_name(written_out("dmn lokasinya?"))


@pytest.mark.parametrize(
    "question", ["Bilakah rangkaian Al Jazeera digodam?", "Bila rektor baharu dilantik?"]
)
def test_malay_when_is_read_as_when(question: str) -> None:
    assert answer_kind(question) is answer_kind("kapan rektor dilantik?")
    assert answer_kind(question) is not None


def test_indonesian_bila_inside_a_question_is_if_not_when() -> None:
    assert answer_kind("apa yang terjadi bila hujan turun?") is None


def test_a_chat_spelled_how_many_question_gets_the_paragraph_with_the_number(
    tmp_path: Path,
) -> None:
    source = tmp_path / "news.jsonl"
    record = {
        "id": "rossi",
        "title": "Rossi Yakin Peluang Juara Masih Terbuka",
        "text": "Rossi bertekad memangkas selisih poin tersebut saat turun di Sirkuit Brno.\n\n"
        "Rossi saat ini berada di peringkat keempat klasemen dengan 119 poin, tertinggal "
        "10 angka dari Marquez.\n\nRossi mengaku sudah tidak sabar memacu motornya.",
    }
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    build_index(tmp_path / "index", [source], FakeEmbedder())
    news = NewsIndex.open(tmp_path / "index", FakeEmbedder())
    try:
        for question in ("brp poin rossi?", "Brp poin Rossi skrg?"):
            answer = news.ask(question, k=1)
            assert answer.question == question  # echoed as asked
            assert answer.answered and "119 poin" in answer.hits[0].text
    finally:
        news.close()


def test_saja_of_a_list_question_is_no_term_to_search() -> None:
    # "siapa saja / apa saja" asks for a list; "saja" ("just") matched "baru saja" in a
    # paragraph of the story that named none of the candidates
    from newsbot.index.building.lexical import tokenize

    assert tokenize("Siapa saja kandidat rektor yang lain?") == ["kandidat", "rektor", "lain"]
    assert "saja" not in tokenize(written_out("apa aja yg dibahas?"))
