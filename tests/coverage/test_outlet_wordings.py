"""Outlets named the way readers name them beside "menurut X": "per X", "X says", "X
bilang apa", "what does X say", "menurut laporan X", "berita X kemarin", "X: ..." at the
start. An outlet the index holds restricts; a well-known one it lacks is missing; a
person, an agency or an ordinary word in those places is no outlet."""

from __future__ import annotations

import pytest

from newsbot.index.coverage.outlets import outlet_in

HELD = [
    "antaranews",
    "cnn indonesia",
    "goal indonesia",
    "juara.net",
    "kumparan",
    "merdeka",
    "poskotanews",
    "suara",
]


@pytest.mark.parametrize(
    ("question", "outlet"),
    [
        ("per CNN Indonesia, apa yang terjadi pada Panglima TNI?", "cnn indonesia"),
        ("per Antara News, mumi di Jayawijaya", "antaranews"),
        ("Goal Indonesia says what about the futsal loss to Malaysia?", "goal indonesia"),
        ("what does CNN Indonesia say about the Rohingya?", "cnn indonesia"),
        ("what did CNN Indonesia report last Friday?", "cnn indonesia"),
        ("juara.net bilang apa soal Piala Sudirman?", "juara.net"),
        ("Kumparan melaporkan apa soal gempa?", "kumparan"),
        ("menurut laporan Suara, polisi bawa lari bom", "suara"),
        ("menurut berita Poskota, siapa yang tewas?", "poskotanews"),
        ("berita CNN Indonesia kemarin", "cnn indonesia"),
        ("Poskota 3 hari terakhir soal Panglima TNI", "poskotanews"),
        ("Kumparan: gempa Lampung Selatan", "kumparan"),
        ("liputan Kumparan soal gempa", "kumparan"),
        ("laporan Kumparan soal gempa Lampung", "kumparan"),
        ("via Antara: Setnov mangkir lagi", "antaranews"),
        ("via CNN Indonesia, berita Catalonia", "cnn indonesia"),
        ("sumber: Antara, Setnov mangkir", "antaranews"),
        ("cnnindonesia bilang apa soal Catalonia", "cnn indonesia"),
        ("poskota bilang apa soal Catalunya?", "poskotanews"),
        ("reported by Poskota News: Spain and Catalonia", "poskotanews"),
    ],
)
def test_an_indexed_outlet_in_a_reader_wording_restricts(question: str, outlet: str) -> None:
    found = outlet_in(question, HELD)
    assert found is not None and not found.missing, found
    assert found.outlets == (outlet,)
    assert found.phrase in question


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Kompas.com says what about Novanto?", "Kompas.com"),
        ("per Tempo, apa kata Djarot?", "Tempo"),
        ("what does Kompas say about the floods?", "Kompas"),
        ("Detik bilang apa soal Rohingya?", "Detik"),
        ("Media Indonesia says what about the floods?", "Media Indonesia"),
        ("berita Okezone kemarin", "Okezone"),
    ],
)
def test_a_known_outlet_the_index_lacks_in_a_reader_wording_is_missing(
    question: str, named: str
) -> None:
    found = outlet_in(question, HELD)
    assert found is not None and found.missing, found
    assert found.named.casefold() == named.casefold()


@pytest.mark.parametrize(
    "question",
    [
        "Jokowi says what about the floods?",
        "what does the minister say about fuel prices?",
        "Polisi bilang apa soal bom?",
        "berita Suara Bayi di Gorgeous Taylor Swift",
        "Catalonia Ancam Deklarasi Merdeka kemarin",
        "per hari berapa korban?",
        "harga per 1 Januari",
        "berita Panglima TNI kemarin",
        "Antara Jakarta dan Bandung, mana yang banjir?",
        "suara rakyat bilang apa?",
        "Media apa saja yang memberitakan banjir?",
        "Metro Jaya: berapa korban?",
        "apa kata media soal Rohingya?",
        "menurut media, siapa yang menang?",
        "kata pos polisi setempat",
    ],
)
def test_no_outlet_is_read_from_ordinary_words_in_those_places(question: str) -> None:
    assert outlet_in(question, HELD) is None
