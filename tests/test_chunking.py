"""Splitting articles into indexed paragraphs and paragraphs into sentences."""

import pytest

from newsbot.index.articles import Article
from newsbot.index.building.chunking import (
    embedding_context,
    lexical_text,
    paragraph_texts,
    sentence_spans,
    split_article,
    split_sentences,
)


def _article(*paragraphs: str, title: str = "Judul Berita") -> Article:
    return Article(id="a1", title=title, paragraphs=paragraphs, path="a.txt")


def test_sentences_split_at_full_stops_but_not_in_numbers_or_abbreviations() -> None:
    text = (
        "Perbatasan itu sepanjang 1.300 kilometer. Dr. Zas hadir di Jl. Merdeka no. 5 kemarin! "
        "Sahamnya naik 49,07 persen?  Ya."
    )
    assert split_sentences(text) == [
        "Perbatasan itu sepanjang 1.300 kilometer.",
        "Dr. Zas hadir di Jl. Merdeka no. 5 kemarin!",
        "Sahamnya naik 49,07 persen?",
        "Ya.",
    ]


@pytest.mark.parametrize(
    "title", ["drg.", "Dra.", "Apt.", "AKBP", "Irjen.", "Kab.", "Kec.", "Prov."]
)
def test_a_title_or_place_abbreviation_does_not_end_a_sentence(title: str) -> None:
    text = f"Kondisinya stabil, kata Kombes {title} Raymond di {title} Bandung. Ia pulang."
    assert split_sentences(text) == [
        f"Kondisinya stabil, kata Kombes {title} Raymond di {title} Bandung.",
        "Ia pulang.",
    ]


def test_sentence_spans_index_the_original_text() -> None:
    text = "“Kami siap,” kata Putin. Rusia setuju."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["“Kami siap,” kata Putin.", "Rusia setuju."]


def test_short_paragraphs_merge_with_the_next_and_the_last_with_the_previous() -> None:
    long_a = "Negara-negara CSTO telah menyatakan kesiapannya untuk memberikan bantuan pasukan."
    texts = paragraph_texts(_article("Pendek.", long_a, long_a, "Akhir."))
    assert texts == [f"Pendek. {long_a}", f"{long_a} Akhir."]


def test_long_paragraphs_split_at_sentence_boundaries_within_the_limit() -> None:
    sentence = "Rusia dan Tajikistan menggelar latihan militer bersama di perbatasan. "
    text = sentence * 40
    pieces = paragraph_texts(_article(text), limit=300)
    assert len(pieces) > 1
    assert all(len(p) <= 300 for p in pieces)
    assert all(p.endswith("perbatasan.") for p in pieces)
    assert " ".join(pieces) == text.strip()


def test_a_sentence_longer_than_the_limit_is_cut_at_spaces() -> None:
    words = " ".join(f"kata{i}" for i in range(200))
    pieces = paragraph_texts(_article(words), limit=100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces) == words


def test_paragraphs_are_numbered_and_embedded_with_the_previous_sentence() -> None:
    first = (
        "Sekretaris Jenderal CSTO mengatakan negara anggota setuju mengerahkan pasukan. "
        "Itu penting."
    )
    second = "Hal ini bertujuan untuk menghentikan ancaman terorisme serta perdagangan narkoba."
    paragraphs = split_article(_article(first, second, title="CSTO Kerahkan Pasukan"))
    assert [p.number for p in paragraphs] == [1, 2]
    assert paragraphs[1].text == second
    assert paragraphs[1].context == second + "\nItu penting."
    assert paragraphs[0].context == first
    assert embedding_context(None, "x") == "x"
    assert lexical_text("CSTO", "x") == "CSTO\nx"
