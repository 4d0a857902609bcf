"""Coverage questions and outlet restrictions, in Indonesian and English."""

from __future__ import annotations

import pytest

from newsbot.index.coverage.outlets import outlet_in
from newsbot.index.coverage.questions import coverage_question

OUTLETS = [
    "antaranews",
    "cnn indonesia",
    "kumparan",
    "Kompas.com",
    "detikNews",
    "suara",
    "CNBC Indonesia",
    "BBC News Indonesia",
]


@pytest.mark.parametrize(
    ("question", "kind", "topic"),
    [
        ("which outlets reported on the CSTO troops?", "outlets", "CSTO troops"),
        ("What media covered the Lombok earthquake?", "outlets", "Lombok earthquake"),
        ("Media apa saja yang memberitakan pasukan CSTO?", "outlets", "pasukan CSTO"),
        ("siapa saja yang meliput gempa Lombok", "outlets", "gempa Lombok"),
        ("who reported the CSTO troops first?", "first", "CSTO troops"),
        ("who was the first to report the ferry accident?", "first", "ferry accident"),
        ("when was the Lombok earthquake first reported?", "first", "Lombok earthquake"),
        ("siapa yang pertama memberitakan gempa Lombok?", "first", "gempa Lombok"),
        ("kapan gempa Lombok pertama kali diberitakan?", "first", "gempa Lombok"),
        ("how many articles about the CSTO troops?", "count", "CSTO troops"),
        ("berapa artikel tentang gempa Lombok?", "count", "gempa Lombok"),
        ("berapa banyak berita soal harga cabai?", "count", "harga cabai"),
        ("what's new?", "latest", ""),
        ("berita terbaru", "latest", ""),
        ("berita apa saja", "latest", ""),
        ("ada berita apa?", "latest", ""),
        ("latest news on the floods", "latest", "floods"),
        ("berita terbaru soal banjir", "latest", "banjir"),
        ("what was reported?", "latest", ""),
        ("What has been reported", "latest", ""),
        ("what was covered?", "latest", ""),
        ("what did the media report?", "latest", ""),
        ("what did the papers say?", "latest", ""),
        ("apa yang diberitakan?", "latest", ""),
        ("apa saja yang dilaporkan?", "latest", ""),
    ],
)
def test_coverage_questions_are_recognised(question: str, kind: str, topic: str) -> None:
    found = coverage_question(question)
    assert found is not None, question
    assert found.kind == kind
    assert topic in found.topic and "first" not in found.topic


@pytest.mark.parametrize(
    "question",
    [
        "siapa presiden pertama Indonesia?",
        "who agreed to deploy troops?",
        "what happened to the ferry?",
        "berapa jumlah korban gempa?",
        "who was the first woman to lead the agency?",
        "Berapa panjang perbatasan Tajikistan?",
        "how many soldiers were deployed?",
        "Pada tahun berapa drama The Room dipentaskan pertama kali di Bristol?",
        "Kapankah kasus penyelundupan minyak pertama kali terbongkar?",
        "Kapankah para praktisi mendiskusikan perkembangan terakhir perbankan syariah?",
        # A topic after "what was reported" asks about it, not for the latest news.
        "what was reported about the Garut flood?",
        "apa yang diberitakan soal banjir Garut?",
        "what did the minister say?",
    ],
)
def test_ordinary_questions_are_not_coverage_questions(question: str) -> None:
    assert coverage_question(question) is None


@pytest.mark.parametrize(
    ("question", "outlet"),
    [
        ("menurut Kompas, berapa korban?", "Kompas.com"),
        ("kata ANTARA soal gempa", "antaranews"),
        ("what happened according to CNN Indonesia?", "cnn indonesia"),
        ("the earthquake news from detik", "detikNews"),
        ("berita gempa dari kumparan", "kumparan"),
        ("menurut antaranews.com gempa", "antaranews"),
        ("kata cnn soal gempa", "cnn indonesia"),
        ("according to CNN, who won?", "cnn indonesia"),
        ("menurut CNBC, berapa inflasi?", "CNBC Indonesia"),
        ("from bbc.com, who won?", "BBC News Indonesia"),
    ],
)
def test_outlet_restrictions_match_outlets_the_index_knows(question: str, outlet: str) -> None:
    found = outlet_in(question, OUTLETS)
    assert found is not None, question
    assert found.outlets == (outlet,)
    assert found.phrase in question


@pytest.mark.parametrize(
    "question",
    [
        "pasukan dari Rusia",
        "what did the minister say?",
        "menang berkat dari suara mayoritas",
        "sejak dari merdeka hingga kini",
        "protes di Merdeka Square",
    ],
)
def test_unknown_outlets_and_ordinary_words_are_no_restriction(question: str) -> None:
    assert outlet_in(question, OUTLETS) is None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("menurut Tempo, berapa korban?", "Tempo"),
        ("from detik, who won?", "detik"),
        ("menurut Republika, apa kata presiden?", "Republika"),
        ("according to Reuters, how many died?", "Reuters"),
        ("kata Okezone soal banjir", "Okezone"),
        ("dari Liputan6, siapa pemenangnya?", "Liputan6"),
    ],
)
def test_a_known_outlet_the_index_lacks_is_named_as_missing(question: str, named: str) -> None:
    found = outlet_in(question, ["antaranews", "cnn indonesia", "kumparan"])
    assert found is not None and found.missing
    assert found.named == named and found.outlets == ()
    assert found.to_json()["missing"] == named


@pytest.mark.parametrize(
    "question",
    [
        "siapa yang menang di detik-detik terakhir?",
        "from detik-detik, who won?",
        "dari tempo hari sampai sekarang",
        "who won the race by seconds?",
        "menang dari suara rakyat",
        "berita dari media Indonesia",
        "from CNN, what did the minister say?",  # the index's "cnn indonesia"
    ],
)
def test_outlet_words_must_be_real_outlet_mentions(question: str) -> None:
    found = outlet_in(question, ["antaranews", "cnn indonesia", "kumparan"])
    assert found is None or not found.missing, found
