"""Form 6 of the "not covered" floor: the first passage's evidence of an answer (English
questions) and the question's rarest word found only elsewhere in the index (Indonesian
questions)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from newsbot.index.answering.bridge import question_terms
from newsbot.index.answering.evidence import no_answer_near
from newsbot.index.answering.fusion import confidence, rarest_elsewhere
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building.build import build_index
from newsbot.index.building.lexical import sentence_terms, tokenize
from newsbot.index.defaults import CONFIDENCE_BY_LANGUAGE
from tests.conftest import BORDER, CHILI, TROOPS, FakeEmbedder

ID = CONFIDENCE_BY_LANGUAGE["id"]
EN = CONFIDENCE_BY_LANGUAGE["en"]


def _near_missing(question: str, language: str, text: str) -> bool:
    words = question_terms(question, language, lambda term: True)
    return no_answer_near(text, question, words, dict.fromkeys(tokenize(question), 1.0))


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Who agreed to deploy troops?", "en"),
        ("Which countries agreed to send troops?", "en"),
        ("Siapa yang setuju mengerahkan pasukan?", "id"),
        ("Negara mana yang setuju mengerahkan pasukan?", "id"),
    ],
)
def test_a_name_beside_the_asked_words_is_evidence_of_an_answer(
    question: str, language: str
) -> None:
    # "Armenia setuju untuk mengerahkan pasukan": a name the question lacks stands beside
    # the word asked about (itself, or "agreed" translated).
    assert not _near_missing(question, language, TROOPS)
    # A paragraph of another topic holds none of the asked words beside any name.
    assert _near_missing(question, language, CHILI)


@pytest.mark.parametrize(
    ("question", "language"),
    [("When did chili prices rise?", "en"), ("Kapan harga cabai naik?", "id")],
)
def test_a_when_question_asks_for_a_date_beside_its_words(question: str, language: str) -> None:
    # The chili paragraph holds the words but no date ("menjelang hari raya").
    assert _near_missing(question, language, CHILI)
    dated = "Harga cabai rawit naik pada Senin 13 September 2021 di pasar induk Jakarta."
    assert not _near_missing(question, language, dated)


@pytest.mark.parametrize(
    ("question", "language"),
    [("Why did chili prices rise?", "en"), ("Mengapa harga cabai naik?", "id")],
)
def test_a_question_of_another_kind_has_nothing_to_miss(question: str, language: str) -> None:
    assert not _near_missing(question, language, CHILI)
    assert not _near_missing(question, language, TROOPS)


def _terms(text: str) -> set[str]:
    return {term for _, terms in sentence_terms(text) for term in terms}


def test_the_rarest_known_word_is_looked_for_in_the_first_article() -> None:
    weights = {"pasukan": 1.2, "kyrgyzstan": 2.9, "omicron": 3.5, "perbatasan": 0.8}
    knows = {"pasukan", "kyrgyzstan", "perbatasan"}.__contains__
    # "omicron" is rarer but no paragraph holds it: the unknown-name penalty counts it.
    assert rarest_elsewhere(weights, knows, _terms(TROOPS))
    assert not rarest_elsewhere(weights, knows, {"kyrgyzstan"})
    # Only the rarest counts: the article may lack the common words.
    assert not rarest_elsewhere(weights, knows, {"kyrgyzstan", "zzz"})
    # Nothing the index holds: nothing to look for.
    assert not rarest_elsewhere({"omicron": 3.5}, knows, set())
    # A tie: the first in the question.
    assert rarest_elsewhere({"a": 2.0, "b": 2.0}, lambda t: True, {"b"})
    assert not rarest_elsewhere({"a": 2.0, "b": 2.0}, lambda t: True, {"a"})


def test_each_language_pays_only_its_own_form_6_penalty() -> None:
    base_en, base_id = confidence(0.82, 0.3, 0, EN), confidence(0.85, 0.5, 0, ID)
    assert confidence(0.82, 0.3, 0, EN, no_answer_near=True) == pytest.approx(base_en - EN[5])
    assert confidence(0.82, 0.3, 0, EN, rarest_elsewhere=True) == base_en
    assert confidence(0.85, 0.5, 0, ID, rarest_elsewhere=True) == pytest.approx(base_id - ID[6])
    assert confidence(0.85, 0.5, 0, ID, no_answer_near=True) == base_id
    assert EN[5] > 0 and ID[6] > 0
    # Weights of an older form (five numbers) have neither penalty.
    old = EN[:5]
    assert confidence(0.82, 0.3, 0, old, no_answer_near=True, rarest_elsewhere=True) == (
        confidence(0.82, 0.3, 0, old)
    )


KYRGYZ = "Kyrgyzstan menaikkan harga gandum impor menjelang musim dingin tahun ini."
DRILL = "Pasukan militer Rusia berlatih di sepanjang perbatasan selatan."


def _index(tmp_path: Path, articles: list[tuple[str, str, list[str]]]) -> NewsIndex:
    lines = [
        json.dumps({"id": name, "title": title, "text": "\n\n".join(paragraphs)})
        for name, title, paragraphs in articles
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    embedder = FakeEmbedder()
    build_index(tmp_path / "idx", [tmp_path / "news.jsonl"], embedder)
    return NewsIndex.open(tmp_path / "idx", embedder)


def _without_rarest(news: NewsIndex) -> NewsIndex:
    weights = {lang: (*w[:6], 0.0, *w[7:]) for lang, w in news.manifest.confidence.items()}
    news.manifest = dataclasses.replace(news.manifest, confidence=weights)
    return news


def test_an_absent_question_on_a_same_topic_article_pays_on_a_multi_article_index(
    tmp_path: Path,
) -> None:
    # The index holds troops at the border (csto, drill) and Kyrgyzstan's wheat prices
    # (kyrgyz), not Kyrgyzstan's troops: the question lands on a troops paragraph, while its
    # rarest word the index holds is in another article.
    articles = [
        ("csto", "CSTO Kerahkan Pasukan", [TROOPS, BORDER]),
        ("drill", "Latihan Militer", [DRILL]),
        ("kyrgyz", "Harga Gandum Kyrgyzstan", [KYRGYZ]),
        ("cabai", "Harga Cabai Naik", [CHILI]),
    ]
    question = "Berapa pasukan militer Kyrgyzstan di sepanjang perbatasan?"
    news = _index(tmp_path, articles)
    try:
        answer = news.ask(question, k=1)
        assert answer.hits and answer.hits[0].text in (TROOPS, DRILL)
        paid = news.confidence(question)
        free = _without_rarest(news).confidence(question)
        assert paid is not None and free is not None
        assert paid == pytest.approx(free - ID[6])
        # A question the troops article holds whole pays nothing.
        held = "Siapa yang setuju mengerahkan pasukan militer di sepanjang perbatasan?"
        news.manifest = dataclasses.replace(news.manifest, confidence=CONFIDENCE_BY_LANGUAGE)
        assert news.confidence(held) == pytest.approx(_without_rarest(news).confidence(held))
    finally:
        news.close()


def test_on_one_article_the_rarest_word_is_always_in_the_first_article(tmp_path: Path) -> None:
    news = _index(tmp_path, [("csto", "CSTO Kerahkan Pasukan", [TROOPS, BORDER])])
    try:
        for question in (
            "Siapa yang setuju mengerahkan pasukan?",
            "Berapa panjang perbatasan Tajikistan dengan Afghanistan?",
            "Berapa harga cabai rawit di Jakarta?",  # absent, but nothing held elsewhere
        ):
            paid = news.confidence(question)
            assert paid == pytest.approx(_without_rarest(news).confidence(question))
            news.manifest = dataclasses.replace(news.manifest, confidence=CONFIDENCE_BY_LANGUAGE)
    finally:
        news.close()
