"""Alignment of a written sentence to one sentence of its cited paragraph: the share of its
words found there, and its doer and other party on the same sides of the matching verb,
read through either voice, in English and Indonesian."""

from __future__ import annotations

import pytest

from newsbot.index.answering.verify import alignment

ATTACK = (
    "Espanyol mengalahkan Valencia pekan lalu. Kini Barcelona menyerang pertahanan Espanyol "
    "sejak menit awal."
)
ATTACK_PASSIVE = "Pertahanan Espanyol diserang oleh Barcelona sejak menit awal."


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Barcelona attacked Espanyol from the first minutes [1].", "en"),
        ("Espanyol was attacked by Barcelona from the first minutes [1].", "en"),
        ("Barcelona menyerang Espanyol sejak menit awal [1].", "id"),
        ("Espanyol diserang oleh Barcelona sejak menit awal [1].", "id"),
        ("Pertahanan Espanyol diserang Barcelona [1].", "id"),
    ],
)
@pytest.mark.parametrize("paragraph", [ATTACK, ATTACK_PASSIVE])
def test_a_paraphrase_in_either_voice_aligns_with_its_roles(
    sentence: str, language: str, paragraph: str
) -> None:
    coverage, swapped = alignment(sentence, [paragraph], language)
    assert swapped is None
    # English words the word list translates otherwise ("first", "minutes" where the
    # paragraph writes "awal") lower an English paraphrase's share, as on the labelled set.
    assert coverage == 1.0 if language == "id" else coverage >= 0.6


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Espanyol attacked Barcelona from the first minutes [1].", "en"),
        ("Barcelona was attacked by Espanyol from the first minutes [1].", "en"),
        ("Espanyol menyerang Barcelona sejak menit awal [1].", "id"),
        ("Barcelona diserang oleh Espanyol sejak menit awal [1].", "id"),
        ("Espanyol langsung menyerang pertahanan Barcelona [1].", "id"),
    ],
)
@pytest.mark.parametrize("paragraph", [ATTACK, ATTACK_PASSIVE])
def test_a_swap_of_the_paragraphs_own_names_is_misaligned(
    sentence: str, language: str, paragraph: str
) -> None:
    _, swapped = alignment(sentence, [paragraph], language)
    assert swapped == "espanyol > barcelona"


def test_the_sentence_aligns_to_the_paragraph_sentence_holding_its_verb() -> None:
    # The first sentence has Espanyol doing something before Barcelona is named at all; the
    # sentence is judged on the second, which holds its verb.
    _, swapped = alignment("Espanyol menyerang Barcelona [1].", [ATTACK], "id")
    assert swapped is not None
    # "beat": no sense of it in the paragraph, so no matching verb and no verdict on roles.
    assert alignment("Valencia beat Espanyol last week [1].", [ATTACK], "en")[1] is None


def test_words_the_aligned_sentence_lacks_lower_the_coverage() -> None:
    held, _ = alignment("Barcelona attacked Espanyol [1].", [ATTACK], "en")
    invented, _ = alignment("Barcelona praised Espanyol [1].", [ATTACK], "en")
    assert held == 1.0 and invented == pytest.approx(2 / 3)
    held, _ = alignment("Barcelona menyerang Espanyol [1].", [ATTACK], "id")
    invented, _ = alignment("Barcelona memuji Espanyol [1].", [ATTACK], "id")
    assert held == 1.0 and invented == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Suryanto said the media blame e-commerce [1].", "en"),
        ("Argo Yuwono mengatakan MA diduga mencuri amplifier [1].", "id"),
    ],
)
def test_a_speaker_and_the_names_of_what_is_said_hold_no_roles(
    sentence: str, language: str
) -> None:
    paragraph = (
        '"Kami memeriksa apakah MA mencuri amplifier. Media menyalahkan e-commerce," kata '
        "Argo Yuwono, dikutip Suryanto."
    )
    assert alignment(sentence, [paragraph], language)[1] is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Marcella Zallianty dilantik menjadi Ketua Umum Parfi [1].",
        "Marcella Zallianty dilantik sebagai Ketua Umum Parfi [1].",
    ],
)
def test_a_passive_before_menjadi_reads_as_the_paragraphs_passive(sentence: str) -> None:
    paragraph = "Aktris Marcella Zallianty akhirnya dilantik sebagai Ketua Umum Parfi hari ini."
    assert alignment(sentence, [paragraph], "id")[1] is None
    swapped = "Ketua Umum Parfi dilantik oleh Marcella Zallianty [1]."
    assert alignment(swapped, [paragraph], "id")[1] is not None


def test_a_sentence_without_names_or_known_words_has_nothing_to_judge() -> None:
    assert alignment("It is so [1].", [ATTACK], "en") == (1.0, None)


def test_two_adjacent_sentences_align_together_but_two_paragraphs_do_not() -> None:
    first = "Barcelona menyerang Espanyol."
    second = "Serangan itu berlangsung sejak menit awal."
    sentence = "Barcelona menyerang Espanyol sejak menit awal [1]."
    assert alignment(sentence, [f"{first} {second}"], "id")[0] == 1.0
    apart, _ = alignment(sentence, [first, second], "id")
    # The best single paragraph is the second: "sejak menit awal" and "serang" (its
    # "Serangan", by stem), without the two names: 4 of 6.
    assert apart == pytest.approx(4 / 6)
    # Two adjacent sentences with the names the other way round still read as a swap.
    assert alignment("Espanyol menyerang Barcelona [1].", [f"{first} {second}"], "id")[1]
