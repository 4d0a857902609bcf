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


# One table (round 9): the coverage reader's informal spellings joined the chat spellings;
# every reader of a question reads it written out once, where it is first read.


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The coverage reader's words, now everyone's.
        ("brp media yg beritain banjir?", "berapa media yang memberitakan banjir?"),
        ("siapa aja yg ngeliput gempa", "siapa saja yang meliput gempa"),
        ("brita hr ini", "berita hr ini"),  # "hr ini" is the time reader's
        ("udah ada yg nulis?", "sudah ada yang menulis?"),
        ("byk korban?", "banyak korban?"),
        ("whats new", "what's new"),
        ("Whats the latest?", "What's the latest?"),
        # A capitalised spelling, opening a sentence, is one: it keeps its capital.
        ("Brp korban gempa?", "Berapa korban gempa?"),
        ("Yg ditangkap siapa?", "Yang ditangkap siapa?"),
        ("Banjir. Brp korban?", "Banjir. Berapa korban?"),
        # A whole question in capitals is shouted: written out in capitals.
        ("BRP MEDIA YG BERITAIN BANJIR?", "BERAPA MEDIA YANG MEMBERITAKAN BANJIR?"),
        # "sapa" and "spa" where they ask.
        ("sapa duluan yg beritain banjir", "siapa duluan yang memberitakan banjir"),
        ("spa yg nulis soal gempa?", "siapa yang menulis soal gempa?"),
    ],
)
def test_one_table_writes_out_every_chat_spelling(question: str, expected: str) -> None:
    assert written_out(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "siapa pendiri YG Entertainment?",  # an acronym in capitals, inside a question
        "Berita BRP dan YG hari ini",  # capitals among lower-case words: acronyms
        "Siapakah yang pertama memberitakan banjir?",  # -kah is written Indonesian
        "Berapakah jejantas yang dibuka?",
        "hotel spa di Bali",  # "spa" and "sapa" on their own are words
        "Jokowi sapa warga Papua",
        "Apakah yG benar?",  # capitals inside a word: not a spelling anyone chats
    ],
)
def test_acronyms_particles_and_words_of_their_own_stay(question: str) -> None:
    assert written_out(question) == question


def test_writing_out_twice_changes_nothing() -> None:
    from newsbot.index.answering.question_text import ASKING_SPELLINGS, CHAT_SPELLINGS

    for spelling in [*CHAT_SPELLINGS, *ASKING_SPELLINGS]:
        once = written_out(f"{spelling} yg {spelling.capitalize()} aja")
        assert written_out(once) == once


def test_question_as_read_is_plain_and_written_out() -> None:
    from newsbot.index.answering.question_text import question_as_read

    assert question_as_read("brp\u200b korban  ｇｅｍｐａ?") == "berapa korban gempa?"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("siapakah yang pertama memberitakan banjir?", "first"),
        ("media manakah yang memberitakan banjir?", "outlets"),
        ("berapakah jumlah berita tentang banjir?", "count"),
        ("Kapankah banjir pertama kali diberitakan?", "first"),
    ],
)
def test_a_question_words_particle_is_read_by_the_coverage_reader(question: str, kind: str) -> None:
    from newsbot.index.coverage.questions import coverage_question

    found = coverage_question(question)
    assert found is not None and found.kind == kind and found.topic == "banjir"


@pytest.mark.parametrize(
    ("followup", "kind"),
    [
        ("siapa yg pertama?", "first"),
        ("sapa duluan?", "first"),
        ("kapankah?", "first"),
        ("media apa aja?", "outlets"),
        ("brp artikel?", "count"),
        ("Berapakah artikel?", "count"),
    ],
)
def test_story_followups_are_read_written_out(followup: str, kind: str) -> None:
    from newsbot.index.answering.question_text import question_as_read
    from newsbot.index.coverage.questions import story_followup

    assert story_followup(question_as_read(followup)) == kind


def _coverage_index(tmp_path: Path) -> NewsIndex:
    source = tmp_path / "news.jsonl"
    records = [
        {
            "id": f"{outlet}-flood",
            "title": f"Banjir Bekasi Rendam Ribuan Rumah ({outlet})",
            "source": outlet,
            "date": f"2021-09-1{day}T08:00:00+07:00",
            "text": "Banjir merendam ribuan rumah warga Bekasi setelah hujan deras semalam.\n\n"
            f"Petugas mengevakuasi {100 + day} warga ke posko pengungsian.",
        }
        for day, outlet in ((5, "antaranews"), (6, "kompas"))
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    build_index(tmp_path / "index", [source], FakeEmbedder())
    return NewsIndex.open(tmp_path / "index", FakeEmbedder())


def test_every_path_of_the_index_reads_the_question_written_out(tmp_path: Path) -> None:
    from datetime import datetime

    from newsbot.index.coverage.when import WIB

    now = datetime(2021, 9, 20, 9, tzinfo=WIB)
    news = _coverage_index(tmp_path)
    try:
        chat = news.ask("media apa aja yg beritain banjir Bekasi?", now=now)
        full = news.ask("media apa saja yang memberitakan banjir Bekasi?", now=now)
        assert chat.coverage is not None and full.coverage is not None
        assert chat.question == "media apa aja yg beritain banjir Bekasi?"  # as asked
        assert [h.citation.article_id for h in chat.hits] == [
            h.citation.article_id for h in full.hits
        ]
        # A story follow-up in chat spellings is one (it used to be searched afresh).
        about = news.ask_about("siapa yg pertama?", "kompas-flood", now=now)
        assert about.coverage is not None
        assert [a.id for a in about.coverage.firsts] == ["antaranews-flood"]
        # The floor's confidence reads the question as ask does.
        assert news.confidence("brp warga dievakuasi?", now=now) == news.confidence(
            "berapa warga dievakuasi?", now=now
        )
    finally:
        news.close()
