"""Coverage questions as readers speak them: Indonesian reporting verbs without their
meN- prefix ("siapa yang pertama laporkan X", "media apa yang beritakan X"), a list asked
for by an imperative ("sebutkan media yang memuat X", "name the papers that ran X", a bare
"media yang meliput X"), "kapan pertama kali ada berita soal X", and the function words
("sudah", "kapan", "sekarang") the frame leaves, and what the news says now ("what did
the news say", "lagi rame berita apa"). Variants of our own, not the blind set's."""

from __future__ import annotations

import pytest

from newsbot.index.answering.question_text import question_as_read
from newsbot.index.coverage.questions import CoverageQuestion, coverage_question


def read(question: str) -> CoverageQuestion | None:
    return coverage_question(question_as_read(question))


@pytest.mark.parametrize(
    ("question", "kind", "topic"),
    [
        # The prefix dropped, every reporting verb.
        ("siapa yang pertama laporkan kebakaran Senen?", "first", "kebakaran Senen"),
        ("siapa yg pertama kali beritakan tol Bocimi?", "first", "tol Bocimi"),
        ("siapa yang pertama wartakan gempa Lombok", "first", "gempa Lombok"),
        ("media mana yang pertama tulis soal Ahok bebas?", "first", "Ahok bebas"),
        ("siapa duluan yang muat foto Jokowi?", "first", "foto Jokowi"),
        ("siapa yang duluan kabarkan KRL mogok", "first", "KRL mogok"),
        ("media apa yang liput demo ojol?", "outlets", "demo ojol"),
        ("media mana saja yang tayangkan debat capres", "outlets", "debat capres"),
        ("portal apa yang laporkan banjir Kemang?", "outlets", "banjir Kemang"),
        # The full forms still read.
        ("siapa yang pertama menulis soal Ahok bebas?", "first", "Ahok bebas"),
        ("siapa yang pertama mengabarkan KRL mogok?", "first", "KRL mogok"),
        # Imperatives and a bare noun phrase asking for the list.
        ("sebutkan media yang memuat berita tol Bocimi", "outlets", "tol Bocimi"),
        ("tunjukkan portal yang meliput demo ojol", "outlets", "demo ojol"),
        ("sebutin semua situs yg nulis soal Ahok", "outlets", "Ahok"),
        ("media yang meliput debat capres", "outlets", "debat capres"),
        ("name the papers that ran the Bocimi toll story", "outlets", "Bocimi toll"),
        ("show me the sites that have covered the KRL strike", "outlets", "KRL strike"),
        ("sebutkan media yang pertama memuat foto Jokowi", "first", "foto Jokowi"),
        # When there was first news of X.
        ("kapan pertama kali ada berita soal tol Bocimi?", "first", "tol Bocimi"),
        ("kapan pertama ada laporan tentang demo ojol", "first", "demo ojol"),
        # The frame's function words leave the topic.
        ("laporan pertama soal demo ojol kapan?", "first", "demo ojol"),
        ("sudah berapa berita soal Ahok?", "count", "Ahok"),
        ("udah brp artikel ttg KRL?", "count", "KRL"),
        # What the news says now, no topic: the latest stories.
        ("what did the news say", "latest", ""),
        ("lagi viral berita apa sekarang?", "latest", ""),
        ("berita apa yang lagi rame skrg", "latest", ""),
    ],
)
def test_spoken_forms_are_read(question: str, kind: str, topic: str) -> None:
    read_as = read(question)
    assert read_as is not None, question
    assert (read_as.kind, read_as.topic) == (kind, topic)


def test_since_when_there_was_news() -> None:
    read_as = read("kapan pertama kali ada berita soal tol Bocimi?")
    assert read_as is not None and read_as.since


@pytest.mark.parametrize(
    "question",
    [
        # A report to an authority, a name, a writer: ordinary questions.
        "Siapa yang melaporkan Ahok ke polisi?",
        "Siapa penulis buku Laskar Pelangi?",
        "Apa isi tulisan Ahok dari penjara?",
        "Siapa pemilik media yang memberitakan hoaks itu?",
        "Kapan pertama kali Jokowi ke Papua?",
        "Berapa muatan kapal yang tenggelam?",
        "What did the police say about the fire?",
        "Anything else?",
    ],
)
def test_ordinary_questions_stay_ordinary(question: str) -> None:
    assert read(question) is None
