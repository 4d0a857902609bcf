"""Indonesian-aware tokens and the BM25 index."""

from pathlib import Path

import numpy as np
import pytest

from newsbot.index.building.lexical import Bm25Index, sentence_terms, sentence_words, tokenize
from newsbot.index.errors import IndexDamaged


def test_numbers_match_whatever_their_separators() -> None:
    assert "1300" in tokenize("sepanjang 1.300 kilometer")
    assert "1300" in tokenize("1,300 km long")
    assert "4907" in tokenize("naik 49,07 persen")


def test_hyphenated_words_match_their_parts() -> None:
    assert tokenize("negara-negara") == ["negara"]
    tokens = tokenize("Kerja-sama")
    assert "kerja" in tokens and "sama" in tokens and "kerjasama" in tokens


def test_affixes_are_stemmed_and_surface_forms_kept() -> None:
    tokens = tokenize("mengerahkan")
    assert tokens[0] == "mengerahkan"
    assert set(tokenize("dikerahkan")) & set(tokens)


def test_stopwords_and_question_words_are_dropped_names_kept() -> None:
    assert tokenize("Siapa yang bertemu dengan Sergey Lavrov?") == [
        "bertemu",
        "temu",
        "sergey",
        "lavrov",
    ]
    assert tokenize("Who is the minister?")[0] == "minister"
    assert not {"who", "is", "the"} & set(tokenize("Who is the minister?"))


def _docs() -> list[list[str]]:
    texts = [
        "Sergey Lavrov bertemu Taliban di Moskow",
        "Tajikistan memiliki perbatasan sepanjang 1.300 kilometer",
        "Harga cabai naik di pasar Jakarta",
    ]
    return [tokenize(t) for t in texts]


def test_bm25_ranks_the_paragraph_sharing_rare_terms_first() -> None:
    index = Bm25Index.build(_docs())
    match = index.match(tokenize("berapa panjang perbatasan Tajikistan"))
    assert int(np.argmax(match.scores)) == 1
    assert match.scores[2] == 0
    assert match.coverage == pytest.approx(1.0)


def test_coverage_drops_for_words_the_corpus_never_uses() -> None:
    index = Bm25Index.build(_docs())
    english = index.match(tokenize("how long is the border of Tajikistan"))
    assert 0 < english.coverage < 0.5
    assert index.match(tokenize("zzz qqq")).coverage == 0


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    index = Bm25Index.build(_docs())
    index.save(tmp_path)
    loaded = Bm25Index.load(tmp_path)
    question = tokenize("Lavrov Taliban")
    assert np.allclose(loaded.match(question).scores, index.match(question).scores)
    assert loaded.vocabulary == index.vocabulary


def test_a_damaged_file_is_reported(tmp_path: Path) -> None:
    Bm25Index.build(_docs()).save(tmp_path)
    (tmp_path / "lexical.npz").write_bytes(b"not a zip")
    with pytest.raises(IndexDamaged, match="lexical"):
        Bm25Index.load(tmp_path)


def test_support_is_the_rarity_weighted_share_of_question_terms_a_paragraph_holds() -> None:
    paragraphs = ["lavrov moskow taliban", "pembicaraan risiko tetangga", "taliban afghanistan"]
    bm25 = Bm25Index.build(tokenize(p) for p in paragraphs)
    question = tokenize("Lavrov Taliban")
    assert bm25.support(question, 0) == pytest.approx(1.0)
    assert bm25.support(question, 1) == 0.0
    assert 0.0 < bm25.support(question, 2) < 1.0
    # A term the corpus never saw counts against every paragraph.
    assert bm25.support(tokenize("Lavrov Omicron"), 0) < 0.5


def test_names_and_numbers_the_corpus_never_holds_are_reported() -> None:
    bm25 = Bm25Index.build(tokenize(p) for p in ["Lavrov bertemu Taliban di Moskow pada 2021"])
    assert bm25.unknown_names("Kapan varian Omicron terdeteksi di Moskow?") == ["Omicron"]
    assert bm25.unknown_names("Siapa pemenang pemilu 2024 di Moskow?") == ["2024"]
    # Known names, numbers however written, and ordinary words are not names the news lacks.
    assert bm25.unknown_names("Kapan Lavrov bertemu Taliban pada 2.021?") == []
    assert bm25.unknown_names("kapan vaksin tiba") == []
    # The first word is capitalised because it starts the question, not because it is a name.
    assert bm25.unknown_names("Omicron terdeteksi di mana?") == []
    assert bm25.unknown_names("Kapan KRI Nanggala-402 tenggelam?") == ["KRI", "Nanggala-402"]


@pytest.mark.parametrize(
    "sentence",
    [
        "KRI Nanggala-402 tenggelam di utara Bali, Rabu (21/4/2021), dengan 53 awak.",
        "Harga naik 1.300 persen, dari Rp 1,5 juta menjadi Rp 20.000.000 per ton.",
        "Negara-negara anggota CSTO yakni Rusia, Belarus dan Tajikistan bersetuju.",
        'Dia berkata: "Jum\'at ini kami ke U.S." — lalu pergi pukul 08.30 WIB.',
        "Mengerahkan pasukan? Dikerahkan! Para_peserta e-KTP x-ray COVID-19 ke-38.",
    ],
)
def test_a_sentences_terms_are_its_written_words_terms_in_order(sentence: str) -> None:
    spans = sentence_terms(sentence)
    for (start, end), terms in spans:
        assert list(terms) == tokenize(sentence[start:end])
    words = [word for sentence_of in sentence_words(sentence) for word in sentence_of]
    assert [term for _, word_terms in words for term in word_terms] == tokenize(sentence)
    # Every written word is kept, a stopword with no terms.
    assert ("dengan", ()) in words or "dengan" not in sentence
