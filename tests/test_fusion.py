"""Fusing dense and lexical scores; one passage per article."""

import numpy as np

from index.fusion import Candidate, fuse, one_per_article


def _fuse(dense: list[float], lexical: list[float], coverage: float) -> list[int]:
    rows = np.arange(len(dense))
    ranked = fuse(
        rows,
        np.asarray(dense, dtype=np.float32),
        np.asarray(lexical, dtype=np.float32),
        coverage,
        [f"a{i}" for i in rows],
    )
    return [c.row for c in ranked]


def test_lexical_evidence_decides_when_the_corpus_knows_the_question_words() -> None:
    assert _fuse([0.85, 0.84, 0.70], [0.0, 9.0, 1.0], coverage=1.0) == [1, 0, 2]


def test_dense_decides_when_the_question_words_are_foreign_to_the_corpus() -> None:
    assert _fuse([0.85, 0.84, 0.70], [0.0, 9.0, 1.0], coverage=0.1) == [0, 1, 2]


def test_no_lexical_match_leaves_the_dense_order() -> None:
    assert _fuse([0.80, 0.90, 0.85], [0.0, 0.0, 0.0], coverage=1.0) == [1, 2, 0]


def _c(row: int, article: str, score: float) -> Candidate:
    return Candidate(row=row, article_id=article, score=score, dense=score, lexical=0.0)


def test_a_second_passage_of_an_article_waits_behind_other_articles() -> None:
    ranked = [_c(1, "A", 0.9), _c(2, "B", 0.8), _c(3, "A", 0.7), _c(4, "C", 0.6)]
    assert [c.row for c in one_per_article(ranked)] == [1, 2, 4, 3]


def test_a_second_passage_better_than_every_other_article_keeps_its_place() -> None:
    ranked = [_c(1, "A", 0.9), _c(3, "A", 0.85), _c(2, "B", 0.5)]
    assert [c.row for c in one_per_article(ranked)] == [1, 3, 2]
