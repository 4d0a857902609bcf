"""Reranking the best passages by how well they answer."""

import pytest

from newsbot.index.answering.bridge import QuestionTerms, question_terms
from newsbot.index.answering.fusion import Candidate
from newsbot.index.answering.rerank import (
    answer_kind,
    answer_near,
    asks_name,
    names_beyond,
    rerank,
    word_weights,
)
from newsbot.index.building.lexical import tokenize
from newsbot.index.defaults import RERANK_DENSE, RERANK_NEAR, RERANK_WEIGHTS, RERANK_WORDS

ID = (0.2, 0.2, 0.15)
#: With the best sentence's answer kind and a name beyond the question's.
SENTENCE = (0.2, 0.2, 0.15, 0.15, 0.2)
ID_ROUND6 = RERANK_WEIGHTS["id"]
EN_ROUND6 = RERANK_WEIGHTS["en"]


def _candidates(*scores: float) -> list[Candidate]:
    return [
        Candidate(row=i, article_id=f"a{i}", score=s, dense=s, lexical=0.0)
        for i, s in enumerate(scores)
    ]


def _terms(question: str) -> dict[str, float]:
    return {term: 1.0 for term in tokenize(question)}


def test_the_paragraph_holding_the_question_terms_in_one_sentence_rises() -> None:
    question = "Siapa gubernur Papua?"
    texts = [
        "Warga Papua berdemo. Mereka menuntut gubernur baru.",  # terms in two sentences
        "Gubernur Papua JP Solossa membuka acara itu.",  # both in one sentence
    ]
    ranked = rerank(_candidates(0.9, 0.85), texts, question, _terms(question), ID)
    assert [c.row for c in ranked] == [1, 0]
    assert ranked[0].score > 0.85


def test_a_when_question_prefers_a_paragraph_with_a_date() -> None:
    question = "Kapan jembatan itu ambruk?"
    texts = ["Jembatan itu ambruk dan menewaskan warga.", "Jembatan itu ambruk pada Rabu (31/8)."]
    ranked = rerank(_candidates(0.9, 0.8), texts, question, _terms(question), ID)
    assert [c.row for c in ranked] == [1, 0]


def test_without_weights_the_fused_order_stands() -> None:
    question = "Kapan jembatan itu ambruk?"
    texts = ["Tidak ada kaitannya.", "Jembatan itu ambruk pada Rabu (31/8)."]
    ranked = rerank(_candidates(0.9, 0.8), texts, question, _terms(question), (0, 0, 0))
    assert [c.row for c in ranked] == [0, 1]


def test_answer_kinds() -> None:
    date = answer_kind("When did the Colombian plane crash?")
    assert date is not None and date.search("jatuh pada Selasa (16/8)")
    assert date.search("tahun 1982") and not date.search("sebanyak 152 penumpang")
    amount = answer_kind("Berapa korban tewas?")
    assert amount is not None and amount.search("152 penumpang")
    assert answer_kind("Siapa Presiden Uzbekistan?") is None
    # "may" is an English word first: no date in "It may rain".
    assert not date.search("It may rain")


def test_a_who_question_prefers_a_sentence_naming_someone_it_does_not() -> None:
    question = "Siapa pengelola Bandara Polonia Medan?"
    texts = [
        # The question's words, and only its own names.
        "Pengelola Bandara Polonia di Medan belum memberikan keterangan.",
        "Kepala Cabang PT Angkasa Pura II Bandara Polonia Medan, Adi Supranto, menjelaskan.",
    ]
    assert [c.row for c in rerank(_candidates(0.9, 0.8), texts, question, {}, SENTENCE)] == [1, 0]
    # Without the name weight (an older triple) the fused order stands.
    assert [c.row for c in rerank(_candidates(0.9, 0.8), texts, question, {}, ID)] == [0, 1]
    # Not for a question asking for an amount: a number answers it, not a name.
    amount = "Berapa penumpang di Bandara Polonia Medan?"
    ranked = rerank(_candidates(0.9, 0.8), texts, amount, {}, SENTENCE)
    assert [c.row for c in ranked] == [0, 1]


def test_the_amount_must_be_in_the_sentence_that_holds_the_question() -> None:
    question = "Berapa jumlah bom yang meledak di Srinagar?"
    terms = _terms(question)
    texts = [
        # A number, but in another sentence than the question's words.
        "Bom meledak di Srinagar saat perayaan. Polisi menahan 12 orang.",
        "Tiga bom meledak di Srinagar pada 15 Agustus saat perayaan.",
    ]
    flat = (0.0, 0.0, 0.15)
    assert [c.row for c in rerank(_candidates(0.9, 0.85), texts, question, terms, flat)] == [0, 1]
    ranked = rerank(_candidates(0.9, 0.85), texts, question, terms, (0.0, 0.0, 0.15, 0.15, 0.0))
    assert [c.row for c in ranked] == [1, 0]


def test_names_beyond_the_question() -> None:
    own = set(tokenize("Siapa Presiden Mesir sekarang?"))
    assert names_beyond("Presiden Mesir Hosni Mubarak kembali terpilih.", own)
    # A capitalised first word is only the sentence's start; the question's own names
    # answer nothing.
    assert not names_beyond("Kemarin presiden Mesir kembali terpilih.", own)
    assert not names_beyond("Kemarin Presiden Mesir kembali terpilih.", own)


def test_questions_that_ask_for_a_name() -> None:
    assert asks_name("Siapakah warga Amerika Serikat yang memperoleh Nobel Fisika?")
    assert asks_name("Di provinsi manakah lokasi Danau Beratan?")
    assert asks_name("Who is the Governor of Papua?")
    assert asks_name("Apa judul buku yang ditulis Khalid Jafri?")
    # Dates and amounts are answer kinds of their own.
    assert not asks_name("Kapan jembatan itu ambruk?")
    assert not asks_name("Berapa korban tewas di mana pun?")
    assert not asks_name("Mengapa harga cabai naik?")


# Round 6: the question's words beside a possible answer, in both languages.
def _words(question: str, language: str = "id") -> tuple[QuestionTerms, dict[str, float]]:
    words = question_terms(question, language, lambda term: True)
    return words, _terms(question)


def _near(text: str, question: str, language: str = "id") -> float:
    words, terms = _words(question, language)
    return answer_near(text, question, words, word_weights(words, terms))


@pytest.mark.parametrize(
    ("question", "language", "beside", "apart"),
    [
        (  # the relation asked about, then the name
            "Siapakah nama istri Yuda Heru?",
            "id",
            "Ketika istrinya (drg Susi Andriani) hendak menyusul, Yuda Heru melarang.",
            "Drh Yuda Heru bercerita tentang istri dan anaknya yang menyusul ke Korea.",
        ),
        (  # an amount with what it counts
            "Berapa jumlah negara peserta konferensi PVSEC?",
            "id",
            "Makalah itu terbaik dari 700 makalah dari 35 negara peserta konferensi PVSEC.",
            "Sebanyak 700 makalah dikirim ke konferensi PVSEC oleh peserta dari banyak negara.",
        ),
        (  # a date beside the act asked about
            "Kapan MOU Indonesia-GAM ditandatangani?",
            "id",
            "MOU Indonesia-GAM yang ditandatangani 15 Agustus 2005 di Helsinki mulai berlaku.",
            "Sejak 2005 banyak pihak membahas MOU Indonesia-GAM yang ditandatangani di Helsinki.",
        ),
        (  # English, through the translated words: Governor → gubernur
            "Who is the Governor of Papua?",
            "en",
            "Hadir pula Gubernur Papua JP Solossa dan Wali Kota Jayapura.",
            "Menurut Solossa, Gubernur yang baru akan dilantik di Papua tahun depan.",
        ),
        (
            "How large is the Cibodas Botanical Garden?",
            "en",
            "Luas Kebun Raya Cibodas 125 hektar, kata kepalanya.",
            "Kebun Raya Cibodas dibuka untuk umum sejak tahun 1852 oleh pemerintah.",
        ),
    ],
)
def test_an_answer_beside_the_question_words_counts_more_than_one_apart(
    question: str, language: str, beside: str, apart: str
) -> None:
    assert _near(beside, question, language) > _near(apart, question, language)


def test_the_answer_must_stand_beside_the_words_in_the_same_sentence() -> None:
    question = "Siapakah nama istri Yuda Heru?"
    # The name opens the next sentence: a sentence's first word is no name, and the
    # question's words stand in another sentence.
    assert _near("Yuda Heru datang bersama istri. Susi Andriani menyusul.", question) == 0.0
    assert _near("Yuda Heru datang bersama istri Susi Andriani.", question) > 0.0


def test_questions_of_no_answer_kind_have_nothing_beside_them() -> None:
    # "why" and "how" questions: no word alone answers them.
    assert _near("Harga cabai naik pada 15 Agustus karena hujan.", "Mengapa harga cabai naik?") == 0
    assert _near("Prices rose by 15 percent, he said.", "Why did prices rise?", "en") == 0


def _rare_names(question: str) -> dict[str, float]:
    """Term weights as an index would give them: a name's terms rarer than plain words."""
    names = {term for word in question.split()[1:] if word[0].isupper() for term in tokenize(word)}
    return {term: 3.0 if term in names else 1.0 for term in tokenize(question)}


@pytest.mark.parametrize(
    ("question", "language", "texts"),
    [
        (
            "Siapakah nama istri Yuda Heru Febrianto?",
            "id",
            [  # more of the question's words, no answer
                "Drh Yuda Heru Febrianto turut dalam tim kloning anjing pertama di dunia.",
                "Ketika istrinya (drg Susi Andriani) hendak menyusul ke Korea, Yuda melarang.",
            ],
        ),
        (
            "Berapa jumlah penderita demam berdarah dengue di Kabupaten Brebes?",
            "id",
            [  # every word but the place, and numbers not beside them
                "Demam berdarah dengue di Solo hingga Oktober 2005 telah menewaskan enam orang,"
                " lebih banyak dibanding tahun lalu. Jumlah penderita terus naik.",
                "Di Kabupaten Brebes, 17 penderita DBD dilaporkan.",
            ],
        ),
        (
            "Who is the Prime Minister of the Palestinian Authority?",
            "en",
            [
                "Presiden juga akan bertemu Presiden Palestina dan perdana menteri negara lain.",
                "Perdana Menteri Palestina Ahmed Qorei pernah meminta Hamas bergabung.",
            ],
        ),
    ],
)
def test_the_passage_with_the_answer_beside_fewer_words_outranks_a_restatement(
    question: str, language: str, texts: list[str]
) -> None:
    words = question_terms(question, language, lambda term: True)
    terms = _rare_names(question)
    weights = ID_ROUND6 if language == "id" else EN_ROUND6
    # The restatement leads the fused order; both are as close by their cosine.
    candidates = [
        Candidate(row=0, article_id="a0", score=0.86, dense=0.85, lexical=0.0),
        Candidate(row=1, article_id="a1", score=0.84, dense=0.85, lexical=0.0),
    ]
    words_weight = RERANK_WORDS[language]
    before = rerank(candidates, texts, question, terms, weights, words, words_weight)
    after = rerank(
        candidates, texts, question, terms, weights, words, words_weight, RERANK_NEAR[language]
    )
    assert [c.row for c in before] == [0, 1]
    assert [c.row for c in after] == [1, 0]


def test_a_cosine_far_below_the_best_costs_its_passage() -> None:
    question = "Apa yang terjadi?"
    texts = ["Sesuatu terjadi.", "Sesuatu terjadi lagi."]
    # Equal fused scores: the one whose cosine is nearer the best wins, by the weight × gap.
    candidates = [
        Candidate(row=0, article_id="a0", score=0.8, dense=0.80, lexical=0.0),
        Candidate(row=1, article_id="a1", score=0.8, dense=0.85, lexical=0.0),
    ]
    for language in ("id", "en"):
        weight = RERANK_DENSE[language]
        ranked = rerank(candidates, texts, question, {}, (0, 0, 0), dense_weight=weight)
        assert [c.row for c in ranked] == [1, 0]
        assert ranked[1].score == pytest.approx(0.8 - weight * 0.05)
    # Without the weight the fused order (ties keep theirs) stands.
    assert [c.row for c in rerank(candidates, texts, question, {}, (0, 0, 0))] == [0, 1]
