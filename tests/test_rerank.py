"""Reranking the best passages by how well they answer."""

from newsbot.index.answering.fusion import Candidate
from newsbot.index.answering.rerank import answer_kind, rerank
from newsbot.index.building.lexical import tokenize

ID = (0.2, 0.2, 0.15)


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
