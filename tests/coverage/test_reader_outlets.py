"""An outlet the index lacks is named as missing, with the outlets it holds, whether it is
a well-known outlet or a phrase that reads as one ("menurut Harian Jogja"); a person after
"menurut" is no outlet. Before, an unknown outlet was dropped and every outlet answered."""

from __future__ import annotations

import pytest

from newsbot.bot.terminal import format_answer
from newsbot.index.answering.search import NewsIndex
from newsbot.index.coverage.outlets import outlet_in
from tests.coverage.test_coverage_answers import NOW, news  # noqa: F401 (fixture)

HELD = ["antaranews", "cnn indonesia", "kumparan"]


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("berita banjir menurut Harian Jogja", "Harian Jogja"),
        ("menurut Harian Jogja, berapa korban banjir?", "Harian Jogja"),
        ("berita dari Radar Bogor hari ini", "Radar Bogor"),
        ("kata Tribun Jateng soal banjir", "Tribun Jateng"),
        ("floods news according to the Straits Times", "Straits Times"),
        ("according to The Daily Mail, who won?", "Daily Mail"),
        ("from harianjogja.com, what happened?", "harianjogja.com"),
        ("menurut solopos.com, apa kata bupati?", "solopos.com"),
        ("according to the Jakarta Post, who won?", "Jakarta Post"),
    ],
)
def test_a_phrase_reading_as_an_outlet_the_index_lacks_is_missing(
    question: str, named: str
) -> None:
    found = outlet_in(question, HELD)
    assert found is not None and found.missing, found
    assert found.named == named
    assert found.held == tuple(HELD)
    assert found.phrase in question


@pytest.mark.parametrize(
    "question",
    [
        "berita banjir menurut Jokowi",
        "menurut Jokowi, apa yang terjadi?",
        "kata Menteri Sri Mulyani soal pajak",
        "menurut BMKG gempa susulan",
        "what happened according to Joko Widodo?",
        "troops from Russia",
        "Dari Berita kemarin, siapa yang menang?",
        "kata pos polisi Tanah Abang",
        "from U.S. troops",
        "dari pukul 08.00 sampai sore",
    ],
)
def test_a_person_an_agency_or_an_ordinary_phrase_is_no_outlet(question: str) -> None:
    assert outlet_in(question, HELD) is None


def test_an_outlet_the_index_holds_is_still_a_restriction() -> None:
    found = outlet_in("menurut Harian Jogja, banjir", ["harianjogja", *HELD])
    assert found is not None and found.outlets == ("harianjogja",)


@pytest.mark.parametrize(
    ("question", "line", "held"),
    [
        (
            "berita banjir menurut Harian Jogja",
            "Tidak ada artikel dari Harian Jogja di indeks ini.",
            "Media yang ada di indeks: antaranews, cnn indonesia, kumparan, merdeka, suara.",
        ),
        (
            "which outlets reported the CSTO troops, according to Radar Bogor?",
            "There are no articles from Radar Bogor in this index.",
            "Outlets in this index: antaranews, cnn indonesia, kumparan, merdeka, suara.",
        ),
        (
            "harga cabai from harianjogja.com",
            "There are no articles from harianjogja.com in this index.",
            "Outlets in this index:",
        ),
    ],
)
def test_a_missing_outlet_is_told_with_the_outlets_held_and_nothing_cited(
    news: NewsIndex,  # noqa: F811
    question: str,
    line: str,
    held: str,
) -> None:
    answer = news.ask(question, now=NOW)
    assert not answer.answered and answer.reason == "no_outlet" and answer.hits == ()
    outlet = answer.to_json()["outlet"]
    assert outlet["outlets"] == [] and "suara" in outlet["held"]
    text = format_answer(answer)
    assert line in text and held in text


def test_a_person_after_menurut_is_searched_not_refused(news: NewsIndex) -> None:  # noqa: F811
    answer = news.ask("menurut Stanislav Zas, siapa yang mengerahkan pasukan?", now=NOW)
    assert answer.reason != "no_outlet" and answer.answered
    assert answer.request is not None and answer.request.outlet is None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ('menurut "Kompas", siapa yang setuju mengerahkan pasukan?', "Kompas"),
        ("according to ‘Tempo’, who agreed to deploy troops?", "Tempo"),
        ("menurut 'Harian Jogja', berita banjir", "Harian Jogja"),
        ("menurut “Harian Jogja” berita banjir", "Harian Jogja"),
        ("berita dari «Radar Bogor» hari ini", "Radar Bogor"),
    ],
)
def test_an_outlet_in_quote_marks_is_named_without_them(question: str, named: str) -> None:
    """Quote marks around a name are no part of it: the name reported missing is the
    outlet's, not '"Kompas'."""
    found = outlet_in(question, HELD)
    assert found is not None and found.missing, found
    assert found.named == named


@pytest.mark.parametrize(
    "question",
    ['kata "kumparan", siapa yang menang?', "according to “CNN Indonesia”, who won?"],
)
def test_an_outlet_the_index_holds_in_quote_marks_restricts(question: str) -> None:
    found = outlet_in(question, HELD)
    assert found is not None and not found.missing and found.outlets, found
    apostrophe = outlet_in("kapan salat Jum'at menurut kumparan?", HELD)  # a word's own
    assert apostrophe is not None and apostrophe.outlets == ("kumparan",)
