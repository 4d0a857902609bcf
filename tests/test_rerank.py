"""Reranking the best passages by how well they answer."""

from newsbot.index.answering.fusion import Candidate
from newsbot.index.answering.rerank import answer_kind, asks_name, names_beyond, rerank
from newsbot.index.building.lexical import tokenize

ID = (0.2, 0.2, 0.15)
#: With the best sentence's answer kind and a name beyond the question's.
SENTENCE = (0.2, 0.2, 0.15, 0.15, 0.2)


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
