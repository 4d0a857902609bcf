"""Pseudo-relevance feedback: the lexical side borrows the words of the best dense paragraphs."""

import numpy as np

from index.lexical import Bm25Index, tokenize

PARAGRAPHS = [
    "Gubernur Papua Barnabas Suebu meresmikan pelabuhan baru di Jayapura.",
    "Barnabas Suebu dilantik menjadi gubernur pada 2006 di Jayapura.",
    "Harga cabai naik di pasar Yogyakarta menjelang Lebaran.",
    "Tim sepak bola Persipura menang di Jayapura.",
]


def _index() -> Bm25Index:
    return Bm25Index.build(tokenize(text) for text in PARAGRAPHS)


def test_an_english_question_gains_the_indonesian_words_of_the_best_dense_paragraph() -> None:
    index = _index()
    tokens = tokenize("Who is the governor of Papua appointed in 2006?")
    match = index.match(tokens)
    assert match.coverage < 0.5  # "governor", "appointed" are foreign to the news
    rows = np.arange(len(PARAGRAPHS))
    scores = index.feedback(tokens, match.coverage, np.array([0]), rows)
    # Row 1 shares "gubernur", "barnabas", "suebu", "jayapura" with the feedback paragraph,
    # row 3 only "jayapura", row 2 nothing.
    assert scores[1] > 0
    assert scores[2] == 0
    assert scores[1] > scores[3]


def test_a_question_the_corpus_fully_knows_gets_nothing_added() -> None:
    index = _index()
    tokens = tokenize("Siapa gubernur Papua?")
    match = index.match(tokens)
    assert match.coverage == 1.0
    rows = np.arange(len(PARAGRAPHS))
    assert not index.feedback(tokens, match.coverage, np.array([0]), rows).any()


def test_the_question_own_terms_are_not_added_again() -> None:
    index = _index()
    tokens = tokenize("What happened at Jayapura stadium?")
    match = index.match(tokens)
    rows = np.arange(len(PARAGRAPHS))
    # Rows 0 and 1 share only "jayapura" with the feedback paragraph (row 3): the question
    # already has it, so feedback adds nothing to them.
    scores = index.feedback(tokens, match.coverage, np.array([3]), rows)
    assert scores[3] > 0
    assert scores[0] == 0 and scores[1] == 0
