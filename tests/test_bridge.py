"""The English -> Indonesian word bridge: shipped data, lemmas, senses, weights; Indonesian
and Malay questions keep their own words."""

from __future__ import annotations

import pytest

from newsbot.index.answering.bridge import BRIDGE_WEIGHT, bridged_terms, question_terms, version


def nothing_known(term: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who agreed to deploy troops?", {"menyetujui", "tentara"}),  # agreed, troops: lemmas
        ("Where is the border?", {"perbatasan"}),
        ("When was the meeting?", {"rapat", "pertemuan"}),
        ("Who flew the kites?", {"layang", "layangan"}),  # layang-layang
        ("How much do mangoes cost?", {"mangga"}),
        ("Where was the dragon boat race held?", {"perahu", "naga"}),
        ("What is the price of chili?", {"harga", "cabai"}),
    ],
)
def test_english_words_bring_their_indonesian_translations(
    question: str, expected: set[str]
) -> None:
    assert expected <= set(bridged_terms(question, "en", nothing_known))


def test_translations_weigh_less_than_the_question_and_senses_share_a_word() -> None:
    terms = bridged_terms("Where is the border?", "en", nothing_known)
    assert terms["perbatasan"] == BRIDGE_WEIGHT  # one sense: the whole weight
    meeting = bridged_terms("the meeting", "en", nothing_known)
    assert meeting["rapat"] == pytest.approx(BRIDGE_WEIGHT / 3)  # rapat, temu, pertemuan
    assert all(0 < weight <= BRIDGE_WEIGHT < 1 for weight in meeting.values())


def test_a_two_word_headword_wins_over_its_words() -> None:
    terms = bridged_terms("dragon boat", "en", nothing_known)
    assert terms == {"perahu": BRIDGE_WEIGHT, "naga": BRIDGE_WEIGHT}


def test_function_words_and_names_bring_nothing() -> None:
    assert bridged_terms("What did the Taliban do?", "en", nothing_known) == {}


@pytest.mark.parametrize(
    "question",
    [
        "Siapakah yang bersetuju menghantar askar ke sempadan?",
        "Berapa askar dihantar?",
        "Siapa kira-kira peringkat tim itu?",
    ],
)
def test_indonesian_and_malay_questions_are_never_translated(question: str) -> None:
    assert question_terms(question, "id", nothing_known).bridged == {}


def test_malay_words_still_count_as_the_questions_own_words() -> None:
    terms = question_terms("Siapa bersetuju menghantar askar?", "id", nothing_known)
    assert terms.support({"setuju", "kirim"}) == 0.0
    assert terms.support({"askar", "hantar", "menghantar", "setuju", "bersetuju"}) == 1.0


def test_the_sources_are_named_for_the_manifest() -> None:
    assert version() == "FreeDict eng-ind 2022.11.18"
