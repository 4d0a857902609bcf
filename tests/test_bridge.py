"""The English -> Indonesian word bridge: shipped data, lemmas, senses, weights; Indonesian
and Malay questions keep their own words."""

from __future__ import annotations

import pytest

from newsbot.index.answering.bridge import BRIDGE_WEIGHT, bridged_terms, question_terms, version
from newsbot.index.building.lexical import tokenize


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


def senses_of(question: str, word: str) -> set[str]:
    """The lexical terms one content word of an English question stands for (its own and
    its translations')."""
    own = tokenize(word)[0]
    terms = question_terms(question, "en", nothing_known)
    return set().union(*(w for w in terms.words if own in w))


@pytest.mark.parametrize(
    ("question", "place", "compass"),
    [
        ("Which outlets reported the forest fires in Central Kalimantan?", "kalimantan", "tengah"),
        ("Who is the governor of Central Java?", "jawa", "tengah"),
        ("How many people live in Central Sulawesi?", "sulawesi", "tengah"),
        ("Who won the vote in East Java?", "jawa", "timur"),
        ("Where did the flood hit North Sumatra?", "sumatera", "utara"),
        ("What did South Korea agree to?", "korea", "selatan"),
        ("When did Northern Ireland vote?", "irlandia", "utara"),
    ],
)
def test_a_compass_word_before_a_place_brings_the_indonesian_head_first_name(
    question: str, place: str, compass: str
) -> None:
    # Indonesian puts the head first: "Central Kalimantan" is "Kalimantan Tengah", as the
    # dictionary's own "Central Asia" is "Asia Tengah"; the word before a name takes that
    # sense, not central's general "pusat".
    bridged = bridged_terms(question, "en", nothing_known)
    assert compass in bridged
    assert place in bridged or place in question.lower()
    assert "pusat" not in bridged


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("What did the central bank decide?", {"bank", "sentral"}, {"tengah"}),
        ("Who runs the central government?", {"pemerintah", "pusat"}, {"tengah"}),
        ("Where is the central office of the party?", {"pusat", "sentral"}, {"tengah"}),
    ],
)
def test_a_compass_word_before_a_common_noun_keeps_its_sense(
    question: str, expected: set[str], not_expected: set[str]
) -> None:
    terms = set(question_terms(question, "en", nothing_known).bridged) | set(
        question.lower().split()
    )
    assert expected <= terms
    assert not not_expected & terms


def test_a_name_is_not_read_as_an_inflected_word() -> None:
    # "jam" is a headword (selai); "James" is a name, not "jam" + "es".
    assert "selai" not in bridged_terms("What did James say?", "en", nothing_known)
    assert "selai" in bridged_terms("What did the jams cost?", "en", nothing_known)


@pytest.mark.parametrize(
    ("question", "word", "expected"),
    [
        ("Who deployed the troops?", "troops", "tentara"),
        ("Which countries agreed?", "agreed", "menyetujui"),
        ("Where do Sumatran tigers live?", "sumatran", "sumatra"),
        ("Who led the Palestinian delegation?", "palestinian", "palestina"),
        ("How many Colombians were on board?", "colombians", "kolombia"),
        ("Who leads the Iraqi army?", "iraqi", "irak"),
        ("When were the stoves solar-powered?", "solar-powered", "surya"),
        ("Who leads the military?", "military", "militer"),  # only in two-word entries
        ("Where did the plane fly?", "plane", "pesawat"),  # "jet plane"
        # only in a gloss that lists synonyms ("kepala, pimpin": leader, chief, mastermind)
        ("Who is the leader of the party?", "leader", "pimpin"),
        ("Who did the chief appoint?", "chief", "kepala"),
    ],
)
def test_inflected_derived_and_compound_forms_find_their_headword(
    question: str, word: str, expected: str
) -> None:
    assert expected in senses_of(question, word)


def test_a_two_word_headword_is_found_as_spelled_or_by_lemmas() -> None:
    # "united" is lemmatised to "unite"; the pair is found as the question spells it.
    assert {"amerika", "serikat"} <= set(bridged_terms("the United States", "en", nothing_known))
    assert {"perahu", "naga"} <= set(bridged_terms("dragon boats", "en", nothing_known))


@pytest.mark.parametrize(
    "question",
    [
        "Siapa Gubernur Kalimantan Tengah?",
        "Kapan banjir melanda Sumatera Utara dan Jawa Timur?",
        "Berapa harga pesawat militer itu?",
    ],
)
def test_indonesian_place_names_are_left_as_they_are(question: str) -> None:
    terms = question_terms(question, "id", nothing_known)
    assert terms.bridged == {}
    assert set().union(*terms.words) == {
        t for w in question.split() for t in tokenize(w.strip("?"))
    }


def test_a_paragraph_on_the_named_province_holds_every_word_of_the_question() -> None:
    # The floor's support: the share of the question's words the first passage holds. With
    # central read as "pusat" the Central Kalimantan paragraph lacked one word in four.
    paragraph = set(tokenize("Kebakaran hutan di Kalimantan Tengah meluas hingga 1.200 hektare."))
    other = set(tokenize("Kebakaran hutan di Kalimantan Barat meluas hingga 800 hektare."))
    terms = question_terms("forest fires in Central Kalimantan", "en", nothing_known)
    assert terms.support(paragraph) == 1.0
    assert terms.support(other) < 1.0


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("Where is the tenth race of the season held?", "10"),  # news writes "seri ke-10"
        ("How many reports in the last fourteen months?", "14"),
        ("Did six people die?", "6"),
        ("Who finished fourth?", "4"),
        ("What happened on the twenty-first day?", "21"),
        ("How many died in the twenty one days?", "21"),
        ("Who won the first prize?", "1"),
        ("How many ninety year olds?", "90"),
    ],
)
def test_a_number_word_brings_its_digits(question: str, number: str) -> None:
    assert number in bridged_terms(question, "en", nothing_known)


@pytest.mark.parametrize("question", ["Who won the 10th round?", "Who was 1st, 2nd and 3rd?"])
def test_an_ordinals_letters_are_no_content_word(question: str) -> None:
    words = question_terms(question, "en", nothing_known).words
    assert not any(word & {"th", "st", "nd", "rd"} for word in words)
    assert ("won" in question) == bool(words)  # "won" and "round" stay


def test_words_that_only_look_like_numbers_bring_no_digits() -> None:
    # "second" as a unit of time still brings 2 (a sense of the word); names and other
    # words never do
    for question in ("Who is Tenthrow?", "Where is Oneida?", "Who is someone?"):
        assert not any(t.isdigit() for t in bridged_terms(question, "en", nothing_known))


@pytest.mark.parametrize(
    ("question", "word", "title"),
    [
        # The dictionary's own proper nouns: "Mount Everest" -> "Gunung Everest", "Mount
        # Mayon" -> "Gunung Mayon"; mount alone is a horse (tunggangan).
        ("When did Mount Agung erupt?", "mount", "gunung"),
        ("How many people fled Mount Sinabung?", "mount", "gunung"),
        ("Where is Mount Krakatau?", "mount", "gunung"),
        ("Which areas on the shore of Lake Tempe were flooded?", "lake", "danau"),
        ("Who swam across Lake Toba?", "lake", "danau"),
        ("How many tourists visit the Seribu Islands?", "islands", "kepulauan"),
        ("Who governs the Riau Islands?", "islands", "kepulauan"),
        ("Where did the ferry sink in the Java Sea?", "sea", "laut"),
        ("Which ships crossed the Sunda Strait?", "strait", "selat"),
        ("When was Penang Island closed?", "island", "pulau"),
        ("Who fished in Jakarta Bay?", "bay", "teluk"),
        # title words whose headword sense is the one names take already
        ("Where did the Musi River flood?", "river", "sungai"),
        ("What is the population of Jiangsu Province?", "province", "provinsi"),
        ("Who is the regent of Bone Regency?", "regency", "kabupaten"),
        ("Which shops on Sudirman Street closed?", "street", "jalan"),
    ],
)
def test_a_title_word_in_a_place_name_brings_the_name_s_indonesian_title(
    question: str, word: str, title: str
) -> None:
    senses = senses_of(question, word)
    assert title in senses
    assert "tunggangan" not in senses


@pytest.mark.parametrize(
    ("question", "word", "sense", "not_sense"),
    [
        ("Can a child mount the horse?", "mount", "tunggangan", "gunung"),
        ("How big is the lake?", "lake", "telaga", None),  # a lake in a name is a danau
        ("Which age group fell ill?", "age", "umur", "zaman"),  # "Stone Age" is Zaman Batu
    ],
)
def test_a_title_word_outside_a_name_keeps_its_senses(
    question: str, word: str, sense: str, not_sense: str | None
) -> None:
    senses = senses_of(question, word)
    assert sense in senses
    assert not_sense not in senses


def test_a_name_phrase_holds_its_paragraphs_words() -> None:
    # "Mount Agung" is "Gunung Agung": the paragraph holds every word of the question once
    # the title is read as a name's, and the horse's sense is no term at all.
    paragraph = set(tokenize("Gunung Agung di Bali kembali meletus pada Sabtu sore."))
    terms = question_terms("When did Mount Agung erupt again?", "en", nothing_known)
    assert "gunung" in terms.bridged and "tunggangan" not in terms.bridged
    assert sum(bool(w & paragraph) for w in terms.words) >= 2


@pytest.mark.parametrize(
    ("question", "word", "expected"),
    [
        ("Who won the election?", "won", "menang"),  # "won" is no headword; win is
        ("Who shot the officer?", "shot", "tembak"),
        ("What did the minister say he saw?", "saw", "pandang"),
        ("Who fought the rebels?", "fought", "tarung"),
        ("Where were the mice found?", "mice", "tikus"),
        ("How many children were hurt?", "children", "anak"),
    ],
)
def test_an_irregular_form_finds_its_headword(question: str, word: str, expected: str) -> None:
    assert expected in senses_of(question, word)


def test_a_form_that_is_a_headword_too_keeps_both_and_weighs_as_one_word() -> None:
    # "saw" is a headword (gergaji) and the past of "see": both kept, the weight shared.
    terms = bridged_terms("What did they saw?", "en", nothing_known)
    assert {"gergaji", "pandang", "tonton"} <= set(terms)
    assert max(terms.values()) <= BRIDGE_WEIGHT / 4


@pytest.mark.parametrize(
    ("question", "word", "not_expected"),
    [
        ("Which province is Lake Buyan in?", "buyan", "beli"),  # not "buy" + "an"
        ("Where do Bornean orangutans live?", "bornean", "dibawa"),  # not "borne" + "an"
        ("Who is Rohani?", "rohani", "rohan"),
    ],
)
def test_a_name_is_read_as_a_people_s_name_only_after_a_place_spelled_alike(
    question: str, word: str, not_expected: str
) -> None:
    assert not_expected not in senses_of(question, word)
    # a people's name after its place still finds it
    assert "kolombia" in senses_of("How many Colombians died?", "colombians")
    assert "etiopia" in senses_of("Who led the Ethiopian team?", "ethiopian")


@pytest.mark.parametrize(
    ("question", "word", "singular"),
    [
        ("Which iPods did Apple stop selling?", "ipods", "ipod"),
        ("How many downvotes did the post get?", "downvotes", "downvote"),
        ("What do gamers want?", "gamers", "gamer"),
        ("Who tops the rankings?", "rankings", "ranking"),
        ("How much do the vloggers earn?", "vloggers", "vlogger"),
    ],
)
def test_a_plural_the_dictionary_lacks_brings_its_borrowed_singular(
    question: str, word: str, singular: str
) -> None:
    # Indonesian news borrows such words as they are, in the singular ("iPod", "gamer").
    assert singular in bridged_terms(question, "en", nothing_known)
    assert singular in senses_of(question, word)


@pytest.mark.parametrize(
    ("question", "not_expected"),
    [
        ("Which virus spread?", "viru"),
        ("What was the crisis about?", "crisi"),
        ("Who owns the buses?", "buse"),  # bus is a headword: its senses, not "buse"
        ("What did Reuters say?", "reuter"),  # a name written with a capital
    ],
)
def test_words_that_only_end_in_s_are_no_borrowed_plurals(question: str, not_expected: str) -> None:
    assert not_expected not in bridged_terms(question, "en", nothing_known)


@pytest.mark.parametrize(
    ("question", "word", "not_expected"),
    [
        (
            "Which province reached full coverage in the first round of the polio PIN?",
            "pin",
            "jarum",
        ),
        ("Where were the 22nd SEA Games held?", "sea", "laut"),
        ("Who chairs TANS?", "tans", "sawo"),
    ],
)
def test_an_acronym_is_no_word(question: str, word: str, not_expected: str) -> None:
    senses = senses_of(question, word)
    assert word in senses  # its own term still counts
    assert not_expected not in senses


def test_the_dictionary_s_own_acronyms_translate() -> None:
    assert "pbb" in bridged_terms("What did the UN decide?", "en", nothing_known)
    assert "pdb" in bridged_terms("How much did GDP grow?", "en", nothing_known)
    # a shouted question is no list of acronyms: its words translate
    assert "laut" in bridged_terms("HOW DEEP IS THE SEA?", "en", nothing_known)
    assert "laut" in bridged_terms("How deep is the sea?", "en", nothing_known)
