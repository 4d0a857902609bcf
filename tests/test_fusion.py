"""Fusing dense and lexical scores; one passage per article; the "not covered" confidence."""

import math

import numpy as np
import pytest

from newsbot.index.answering.fusion import (
    LEXICAL_AGREEMENT_DEPTH,
    LONE_DENSE_LEAD,
    MARGIN_DEPTH,
    MARGIN_WEIGHTS,
    Candidate,
    confidence,
    cosine_margin,
    fuse,
    holdable_terms,
    lexical_rank,
    lone_dense,
    one_per_article,
    question_language,
    relative_support,
)
from newsbot.index.building.lexical import Bm25Index
from newsbot.index.defaults import ANSWER_FLOORS, CONFIDENCE_BY_LANGUAGE, DEFAULT_MODEL


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
    assert _fuse([0.85, 0.75, 0.70], [0.0, 9.0, 1.0], coverage=0.1) == [0, 1, 2]


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


def test_question_language_tells_english_from_indonesian() -> None:
    assert question_language("Which Russian minister says Moscow keeps talking?") == "en"
    assert question_language("Siapa yang setuju mengerahkan pasukan?") == "id"
    assert question_language("Di kota mana pertemuan CSTO digelar?") == "id"
    assert question_language("Sergey Lavrov") == "id"  # names alone: the news's language


ID = CONFIDENCE_BY_LANGUAGE["id"]
EN = CONFIDENCE_BY_LANGUAGE["en"]


def test_confidence_grows_with_support_cosine_and_margin() -> None:
    assert confidence(0.85, 1.0, 0, ID) > confidence(0.85, 0.2, 0, ID)
    assert confidence(0.85, 0.5, 0, ID) > confidence(0.80, 0.5, 0, ID)
    assert confidence(0.85, 0.5, 0, ID, margin=0.08) > confidence(0.85, 0.5, 0, ID, margin=0.01)


def test_a_name_the_corpus_never_holds_lowers_confidence() -> None:
    assert confidence(0.85, 0.5, 1, ID) < confidence(0.85, 0.5, 0, ID)
    # However many such names: the question is about news the index lacks, once.
    assert confidence(0.85, 0.5, 3, ID) == confidence(0.85, 0.5, 1, ID)
    # Names are most of what an English question shares with Indonesian news: one the
    # index lacks weighs a little more than for an Indonesian question.
    assert confidence(0.85, 0.5, 0, EN) - confidence(0.85, 0.5, 1, EN) > (
        confidence(0.85, 0.5, 0, ID) - confidence(0.85, 0.5, 1, ID)
    )


def test_english_questions_are_put_on_the_indonesian_scale() -> None:
    # English questions get lower cosines against Indonesian news for the same evidence.
    assert confidence(0.82, 0.3, 0, EN) > confidence(0.82, 0.3, 0, ID)


def _candidate(article: str, dense: float, lexical: float) -> Candidate:
    return Candidate(row=0, article_id=article, score=0.0, dense=dense, lexical=lexical)


def test_lexical_rank_is_the_articles_place_by_its_words_alone() -> None:
    # Fusion order puts "close" first on its cosine; by the question's words three other
    # paragraphs (of two articles) come first, then its own.
    candidates = [
        _candidate("close", 0.84, 1.0),
        _candidate("words", 0.80, 9.0),
        _candidate("words", 0.79, 8.0),
        _candidate("other", 0.78, 3.0),
        _candidate("close", 0.77, 0.5),
    ]
    assert lexical_rank(candidates, "words") == 0
    assert lexical_rank(candidates, "other") == 2
    assert lexical_rank(candidates, "close") == 3
    # An article not among the candidates is last, after every one of them.
    assert lexical_rank(candidates, "absent") == len(candidates)
    # Ties keep the fusion order: no words at all leave the first passage first.
    silent = [_candidate(name, 0.8 - i / 100, 0.0) for i, name in enumerate("abcd")]
    assert lexical_rank(silent, "a") == 0 and lexical_rank(silent, "d") == 3


def test_a_passage_only_the_dense_side_finds_is_alone() -> None:
    deep, lead = LEXICAL_AGREEMENT_DEPTH, LONE_DENSE_LEAD
    assert lone_dense(deep, lead / 2)
    assert lone_dense(50, 0.0)
    # The words lead to it too, or its cosine stands out of the index's own scores.
    assert not lone_dense(deep - 1, lead / 2)
    assert not lone_dense(0, 0.0)
    assert not lone_dense(50, lead)
    # On an index of one or two articles the first passage's article is at most second.
    assert not lone_dense(1, 0.0)


def test_only_english_questions_pay_for_a_passage_the_dense_side_finds_alone() -> None:
    assert confidence(0.82, 0.3, 0, EN, lone_dense=True) < confidence(0.82, 0.3, 0, EN)
    assert confidence(0.85, 0.5, 0, ID, lone_dense=True) == confidence(0.85, 0.5, 0, ID)
    # Weights of an older form (four numbers) have no such penalty.
    assert confidence(0.82, 0.3, 0, EN[:4], lone_dense=True) == confidence(0.82, 0.3, 0, EN[:4])


def test_the_margin_is_the_best_cosines_lead_over_the_next_candidates() -> None:
    assert cosine_margin([0.9]) == 0.0
    assert cosine_margin([0.8, 0.9, 0.8]) == pytest.approx(0.1)
    # Only the next MARGIN_DEPTH count: a long tail of far candidates changes nothing.
    near = [0.9] + [0.85] * MARGIN_DEPTH
    assert cosine_margin(near + [0.1] * 50) == pytest.approx(cosine_margin(near))


def test_support_weighs_rarity_relative_to_the_index_size() -> None:
    # A term only one paragraph holds, beside a term every paragraph holds, on a 20- and on
    # a 2,000-paragraph index: the share of the rare term means about the same on both.
    for size in (20, 2000):
        index = Bm25Index.build([["rare", "common"]] + [["common"]] * (size - 1))
        weights = index.term_weights(["rare", "common"])
        assert relative_support(weights, {"rare"}, size) > 0.9
        assert relative_support(weights, {"common"}, size) < 0.1
    # A term no paragraph holds weighs as the rarest and, missing, lowers the share.
    index = Bm25Index.build([["rare", "common"], ["common"]])
    weights = index.term_weights(["rare", "omicron"])
    rare = weights["rare"] / math.log(3.5)
    assert relative_support(weights, {"rare"}, 2) == pytest.approx(rare / (rare + 1.0))
    assert relative_support({}, {"rare"}, 2) == 0.0


def test_a_name_shared_with_the_news_still_breaks_a_near_tie() -> None:
    # An English question whose only known word is a name: the paragraph holding the name
    # wins over one that is a hair closer in the vector space.
    assert _fuse([0.864, 0.858, 0.70], [0.0, 2.5, 3.7], coverage=0.1)[0] == 1


def test_the_floor_answers_a_close_indonesian_paragraph_and_refuses_a_distant_one() -> None:
    floor = ANSWER_FLOORS[DEFAULT_MODEL]
    # Medians of the benchmark's 300-article index: an answerable Indonesian question's
    # first passage (cosine 0.89, 0.07 above the next, 0.84 of the rarity-weighted terms
    # the index could hold, every word known) answers; a no-answer question's topically
    # close passage (0.83, 0.02, 0.30, a fifth of its words unknown) is refused, and so is
    # a close one when the question names something the index never holds.
    assert confidence(0.89, 0.84, 0, ID, margin=0.07) >= floor
    assert confidence(0.83, 0.30, 0, ID, margin=0.02, unknown_words=0.2) < floor
    assert confidence(0.83, 0.30, 0, ID, margin=0.02, unknown_words=0.0) < floor
    assert confidence(0.85, 0.3, 0, ID, 0.03) >= floor > confidence(0.85, 0.3, 1, ID, 0.03)
    # Words the index never holds lower the confidence, the more of them the lower.
    assert confidence(0.85, 0.3, 0, ID, 0.03, unknown_words=0.5) < floor
    assert confidence(0.86, 0.5, 0, ID, 0.04, unknown_words=0.25) > confidence(
        0.86, 0.5, 0, ID, 0.04, unknown_words=0.5
    )
    # English: cosines run lower, the margin is not counted, and a name the index never
    # holds refuses a passage that would otherwise just pass.
    en_margin = MARGIN_WEIGHTS["en"]
    assert confidence(0.80, 0.0, 0, EN, 0.05, en_margin) >= floor
    assert confidence(0.79, 0.0, 0, EN, 0.02, en_margin) >= floor
    assert confidence(0.79, 0.0, 1, EN, 0.02, en_margin) < floor
    assert confidence(0.76, 0.5, 0, EN, 0.08, en_margin) < floor


def test_english_confidence_ignores_the_margin() -> None:
    en_margin = MARGIN_WEIGHTS["en"]
    assert confidence(0.8, 0.0, 0, EN, 0.1, en_margin) == confidence(
        0.8, 0.0, 0, EN, 0.0, en_margin
    )
    assert confidence(0.8, 0.0, 0, ID, 0.1) > confidence(0.8, 0.0, 0, ID, 0.0)


def test_the_passage_is_asked_only_for_terms_the_index_could_hold() -> None:
    weights = {"askar": 7.0, "sempadan": 7.0, "tajikistan": 3.0, "omicron": 7.0}
    known = {"tajikistan"}.__contains__
    # Ordinary words no paragraph holds are left out; a name stays, as the rarest term.
    assert holdable_terms(weights, known, {"omicron"}) == {"tajikistan": 3.0, "omicron": 7.0}
    assert holdable_terms(weights, known, set()) == {"tajikistan": 3.0}
    # So a passage holding every word the index knows is fully supported.
    assert relative_support(holdable_terms(weights, known, set()), {"tajikistan"}, 20) == 1.0
    assert relative_support(weights, {"tajikistan"}, 20) < 0.3
