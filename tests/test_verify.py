"""The verifier of written answers: facts, negation, roles and closeness to the cited
paragraph, on hand-made variants and on the labelled set (``benchmarks/verify_labelled.jsonl``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.index.answering.roles import unsupported_agents
from newsbot.index.answering.verify import (
    Thresholds,
    contradicts,
    day_months,
    missing_facts,
    moved_names,
    moved_titles,
    names,
    numbers,
    role_swaps,
    swapped_numbers,
    thresholds_for,
    verify,
    word_support,
)
from newsbot.index.building.embedders import Embedder
from newsbot.index.defaults import DEFAULT_MODEL
from tests.conftest import BORDER, TROOPS, FakeEmbedder

LABELLED = Path(__file__).resolve().parents[1] / "benchmarks" / "verify_labelled.jsonl"
ANY_CLOSENESS = Thresholds(similarity={"en": -1.0, "id": -1.0}, word_support=0.4)
MEETING = (
    "Pertemuan antara negara-negara CSTO itu berlangsung pada Kamis, 16 September 2021 di "
    "ibukota Tajikistan, Dushanbe."
)


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def _pure_checks_pass(row: dict[str, object]) -> bool:
    sentence, paragraphs = str(row["sentence"]), [str(row["paragraph"])]
    language = str(row["language"])
    return not (
        missing_facts(sentence, paragraphs)
        or swapped_numbers(sentence, paragraphs)
        or contradicts(sentence, paragraphs, language)
        or (language == "id" and moved_names(sentence, paragraphs))
        or (language == "id" and word_support(sentence, paragraphs) < 0.4)
        or role_swaps(sentence, paragraphs, language)
        or moved_titles(sentence, paragraphs)
        or unsupported_agents(sentence, paragraphs, language)
    )


@pytest.mark.parametrize(
    ("written", "paragraph"),
    [
        ("1.300", "1,300"),
        ("1,300", "1.300"),
        ("1300", "1.300"),
        ("1.3 million", "1,3 juta"),
        ("1,3 juta", "1.300.000"),
        ("36.9 million pounds", "36,9 Juta Pounds"),
        ("Rp 50,000", "Rp 50 ribuan"),
        ("three", "tiga"),
        ("2", "dua"),
        ("two", "kedua pasangan"),
        ("5,999.25 kg", "5.999,25 kg"),
        ("30%", "30 persen"),
    ],
)
def test_a_number_matches_its_other_spellings(written: str, paragraph: str) -> None:
    assert missing_facts(f"It was {written} [1].", [f"Jumlahnya {paragraph} orang."]) == []


@pytest.mark.parametrize(
    ("written", "paragraph"),
    [
        ("1,400", "1.300"),
        ("1.3 million", "1,4 juta"),
        ("13", "1,3 juta"),
        ("four", "tiga"),
        ("130", "1.300"),
        ("2023", "2021"),
    ],
)
def test_a_changed_number_is_missing(written: str, paragraph: str) -> None:
    assert missing_facts(f"It was {written} [1].", [f"Jumlahnya {paragraph} orang."])


def test_numbers_keep_how_they_were_written() -> None:
    assert [w for w, _ in numbers("sepanjang 1.300 kilometer, tiga negara")] == ["1.300", "tiga"]


@pytest.mark.parametrize(
    ("sentence", "ok"),
    [
        ("The meeting was held on 16 September 2021 [1].", True),
        ("The meeting was held on September 16, 2021 [1].", True),
        ("The meeting was held on Thursday in Dushanbe [1].", True),
        ("Pertemuan berlangsung pada 16/9/2021 [1].", True),
        ("The meeting was held on 17 September 2021 [1].", False),
        ("The meeting was held in October 2021 [1].", False),
        ("The meeting was held on Friday [1].", False),
        ("Pertemuan berlangsung pada Jumat, 16 Oktober 2021 [1].", False),
    ],
)
def test_dates_months_and_weekdays_in_either_language(sentence: str, ok: bool) -> None:
    assert (missing_facts(sentence, [MEETING]) == []) is ok


def test_a_numeric_date_is_a_day_and_month() -> None:
    assert day_months("Sabtu (10/2) malam dan Jumat (10/3/2017)") == {(10, 2), (10, 3)}
    assert day_months("skor 2-1 pada menit ke-24") == set()


@pytest.mark.parametrize(
    ("written", "pairs"),
    [
        ("Dilantik 17 Agt 2021", {(17, 8)}),
        ("Sept 17, 2021", {(17, 9)}),
        ("pada 3 Mac 2022 di Kuala Lumpur", {(3, 3)}),
        ("mesyuarat 12 Ogos lalu", {(12, 8)}),
        ("He bought a Mac and may sell it", set()),
    ],
)
def test_months_as_any_reader_of_dates_spells_them(
    written: str, pairs: set[tuple[int, int]]
) -> None:
    """One month table (``reading.dates``): abbreviations and Malay names beside a day
    are months, "may" and "Mac" without one are words."""
    assert day_months(written) == pairs


@pytest.mark.parametrize(
    "written", ["Senin (13/3/ 2017)", "Senin (13/3/2017)", "13-3- 2017", "Senin, 13/03/ 2017"]
)
def test_a_numeric_date_whose_year_follows_a_space(written: str) -> None:
    assert day_months(written) == {(13, 3)}
    paragraph = f"Ekspor perdana dilepas di Cikande, {written}."
    assert missing_facts("The export was released on 13 March 2017 [1].", [paragraph]) == []
    assert missing_facts("The export was released on 13 April 2017 [1].", [paragraph]) != []


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("Russia, Belarus and Armenia agreed to deploy troops [1].", []),
        ("CSTO Secretary-General Stanislav Zas said the members agreed [1].", []),
        ("Moscow agreed [1].", ["name Moscow"]),  # not in this paragraph
        ("Kazakhstan and Uzbekistan agreed to deploy troops [1].", ["name Uzbekistan"]),
        ("Uzbekistan agreed to deploy troops [1].", ["name Uzbekistan"]),
        ("NATO said the members agreed [1].", ["name NATO"]),
        ("Stanislav Zaz said the members agreed [1].", ["name Zaz"]),
    ],
)
def test_names_must_occur_in_the_paragraph(sentence: str, missing: list[str]) -> None:
    paragraph = TROOPS.replace("Rusia, Belarus dan Armenia", "Rusia, Belarus, Armenia, Kazakhstan")
    assert missing_facts(sentence, [paragraph]) == missing


def test_a_sentences_first_word_is_a_name_only_when_it_is_no_ordinary_word() -> None:
    assert names("Heavy rain caused a landslide in Cililin [1].") == ["Cililin"]
    assert names("Tujuannya menghentikan ancaman terorisme [1].") == []
    assert names("Tokopedia mengklaim bekerja sama [1].") == ["Tokopedia"]
    assert names("The Governor of Jakarta said [1].") == ["Jakarta"]


def test_facts_may_come_from_any_cited_paragraph() -> None:
    sentence = "Stanislav Zas said Tajikistan shares a 1,300 km border with Afghanistan [1][2]."
    assert missing_facts(sentence, [TROOPS, BORDER]) == []
    assert missing_facts(sentence, [TROOPS]) == [
        "number 1,300",
        "name Tajikistan",
        "name Afghanistan",
    ]


def test_a_name_given_another_persons_age_is_swapped() -> None:
    paragraph = "Seorang pria, TH (66) tewas usai menganiaya istrinya NL (47), karena cemburu."
    assert swapped_numbers("NL, 66, attacked her husband TH, 47 [1].", [paragraph]) == [
        "nl 66",
        "th 47",
    ]
    assert swapped_numbers("TH, 66, attacked his wife NL, 47 [1].", [paragraph]) == []


def test_negation_must_agree_with_the_paragraph() -> None:
    found = "Dari tangan Rohati, polisi juga menemukan uang kertas palsu."
    assert contradicts("Polisi tidak menemukan uang palsu [1].", [found], "id")
    assert contradicts("Police did not find any notes [1].", [found], "en")
    assert contradicts("CAS rejected the appeal [1].", ["Banding itu dikabulkan CAS."], "en")
    denied = "Surat itu menyatakan Setya tidak bisa memenuhi panggilan KPK."
    assert contradicts("Setya akan segera memenuhi panggilan KPK [1].", [denied], "id")
    assert contradicts("Setya tidak bisa memenuhi panggilan KPK [1].", [denied], "id") is None
    assert contradicts("Setya could not answer the summons [1].", [denied], "en") is None


SUMMONS = "Gubernur Anies kembali tidak memenuhi panggilan DPRD sebagai saksi."
DECLINED = "Gubernur Anies enggan berkomentar soal panggilan DPRD."
TURNED_DOWN = "DPRD menolak permintaan Gubernur Anies untuk menunda rapat."


@pytest.mark.parametrize(
    ("sentence", "language", "paragraph", "refused"),
    [
        # A plain "did not" is no refusal: not answering is not refusing a request.
        ("DPRD refused the governor's request to testify [1].", "en", SUMMONS, True),
        ("The council rejected Anies as a witness [1].", "en", SUMMONS, True),
        ("DPRD menolak permintaan Anies [1].", "id", SUMMONS, True),
        ("Rapat itu dibatalkan DPRD [1].", "id", SUMMONS, True),
        ("The council called off the hearing [1].", "en", SUMMONS, True),
        ("Anies did not answer the council's summons [1].", "en", SUMMONS, False),
        # Unwillingness and refusals in the paragraph may be paraphrased as refusing.
        ("Anies refused to comment on the summons [1].", "en", DECLINED, False),
        ("Anies declined to comment [1].", "en", DECLINED, False),
        ("The council turned down the governor's request [1].", "en", TURNED_DOWN, False),
        ("DPRD menolak permintaan Anies [1].", "id", TURNED_DOWN, False),
        (
            "Anies menolak memenuhi panggilan [1].",
            "id",
            "Anies tidak mau memenuhi panggilan.",
            False,
        ),
    ],
)
def test_a_refusal_needs_a_refusal_or_unwillingness_in_the_paragraph(
    sentence: str, language: str, paragraph: str, refused: bool
) -> None:
    found = contradicts(sentence, [paragraph], language)
    assert (found == "refuses where the cited passage only says no") is refused


PRESIDENTS = (
    "Presiden Barcelona, Josep Maria Bartomeu mengatakan pihaknya akan memeriksa "
    "bagaimana Real Madrid bisa mendapat keringanan hukuman."
)
COACHES = "Pelatih Persipura Wanderley Junior menilai Persija yang dilatih Teco tampil apik."


@pytest.mark.parametrize(
    ("sentence", "paragraph", "moved"),
    [
        ("Presiden Real Madrid akan memeriksa keringanan itu [1].", PRESIDENTS, ["presiden real"]),
        ("Real Madrid president Bartomeu will look into it [1].", PRESIDENTS, []),
        ("Barcelona president Josep Maria Bartomeu will look into it [1].", PRESIDENTS, []),
        ("President Bartomeu of Barcelona will look into it [1].", PRESIDENTS, []),
        ("Presiden Barcelona akan memeriksa keringanan itu [1].", PRESIDENTS, []),
        (
            "Pelatih Persija Wanderley Junior menilai timnya tampil apik [1].",
            COACHES,
            ["pelatih persija"],
        ),
        ("Persipura coach Wanderley Junior praised Persija [1].", COACHES, []),
        ("Coach Teco said Persija played well [1].", COACHES, []),  # "dilatih Teco"
        ("Persija coach Teco said his side played well [1].", COACHES, []),
        # A name the paragraph never writes is the name check's, not this one's.
        ("Presiden Valencia akan memeriksa keringanan itu [1].", PRESIDENTS, []),
    ],
)
def test_a_title_stays_with_the_name_the_paragraph_gives_it(
    sentence: str, paragraph: str, moved: list[str]
) -> None:
    assert moved_titles(sentence, [paragraph]) == moved


def test_an_indonesian_sentence_keeps_who_did_what() -> None:
    paragraph = "Kedua pemuda ZUL dan HA diduga mencuri sekarung jengkol milik Idris."
    assert moved_names("Idris diduga mencuri jengkol milik ZUL [1].", [paragraph]) == ["milik zul"]
    assert moved_names("ZUL diduga mencuri jengkol milik Idris [1].", [paragraph]) == []


def test_an_indonesian_sentence_must_use_the_paragraphs_words() -> None:
    assert word_support("Rusia setuju mengerahkan pasukan militer [1].", [TROOPS]) == 1.0
    assert word_support("Tujuannya membangun jalan tol dan bandara baru [1].", [TROOPS]) < 0.4


def test_verify_keeps_what_passes_and_says_why_it_drops(fake_embedder: FakeEmbedder) -> None:
    sentences = [
        "Russia, Belarus and Armenia agreed to deploy troops [1].",
        "Tajikistan shares a 1,400 km border with Afghanistan [2].",
        "Russia agreed [1].",
    ]
    verdicts = verify(sentences, [[TROOPS], [BORDER], []], fake_embedder, ANY_CLOSENESS, "en")
    assert [v.kept for v in verdicts] == [True, False, False]
    assert verdicts[0].why.startswith("supported (similarity")
    assert verdicts[1].why == "not in the cited passage: number 1,400"
    assert verdicts[2].why == "cites no passage"


def test_verify_drops_a_sentence_too_far_from_its_passage(fake_embedder: FakeEmbedder) -> None:
    strict = Thresholds(similarity={"en": 0.5, "id": 0.5}, word_support=0.0)
    near = "Sekretaris Jenderal CSTO Stanislav Zas mengatakan Rusia setuju mengerahkan pasukan [1]."
    far = "Harga cabai naik menjelang hari raya [1]."
    verdicts = verify([near, far], [[TROOPS], [TROOPS]], fake_embedder, strict, "id")
    assert verdicts[0].kept
    assert not verdicts[1].kept and verdicts[1].why.startswith("too far from the cited passage")


def test_the_default_embedder_has_calibrated_thresholds() -> None:
    thresholds = thresholds_for(DEFAULT_MODEL)
    assert thresholds is not None and set(thresholds.similarity) == {"en", "id"}
    assert thresholds_for("fake-hash-64") is None


def test_labelled_set_covers_both_languages_and_every_kind() -> None:
    rows = _rows()
    assert {r["language"] for r in rows} == {"en", "id"}
    assert {r["kind"] for r in rows} == {"supported", "number", "name", "date", "claim", "swap"}
    splits = ("calibration", "holdout", "round3", "round4", "round5")
    assert {r["split"] for r in rows} == set(splits)
    paragraphs = {split: {r["paragraph"] for r in rows if r["split"] == split} for split in splits}
    for i, split in enumerate(splits):
        for other in splits[i + 1 :]:
            assert not paragraphs[split] & paragraphs[other], (split, other)
    for split in splits:
        part = [r for r in rows if r["split"] == split]
        assert {r["kind"] for r in part} == {"supported", "number", "name", "date", "claim", "swap"}
        assert {r["language"] for r in part} == {"en", "id"}


def test_the_checks_without_a_model_drop_every_changed_fact_in_the_labelled_set() -> None:
    rows = _rows()
    changed = [r for r in rows if r["kind"] in ("number", "name", "date")]
    supported = [r for r in rows if r["supported"]]
    # One changed date of round 3 passes: "the final was played on 22 May" where the
    # paragraph gives the games as "8-22 Mei" and the final as 21 Mei (BENCHMARKS.md).
    # One of round 4 too: "the fourth corner" for "tikungan kedua" (an ordinal written as a
    # word is no number to the checks).
    # And one of round 5: "DirecTV Now has 2.1 million subscribers" where 2.1 million is
    # another service's (the paragraph lists three numbers after three names, "masing-masing").
    passing = [r["id"] for r in changed if _pure_checks_pass(r)]
    assert passing == ["isg_dates-t3", "miller-u8", "youtube-v4"]
    # BENCHMARKS.md: 8 of the 116 supported sentences are dropped without the model (names
    # the paragraph does not write, "two games" for two scores, converse verbs).
    first = [r for r in supported if r["split"] in ("calibration", "holdout")]
    assert sum(_pure_checks_pass(r) for r in first) / len(first) >= 0.93
    # Round 3: 4 of 27 (numbers written before their names, "IN 751", a passive read as
    # a swap).
    third = [r for r in supported if r["split"] == "round3"]
    assert sum(_pure_checks_pass(r) for r in third) == len(third) - 4
    # Round 4: 7 of 35 (9 before times of day were told from numbers and "Women's" from a
    # name; BENCHMARKS.md: a name ending in a number, a possessive read as an object...).
    fourth = [r for r in supported if r["split"] == "round4"]
    assert sum(_pure_checks_pass(r) for r in fourth) == len(fourth) - 7
    # Round 5, first score: 12 of 42 (numbers inside names, "Liga 1", "Billboard 200";
    # names after "against" or in a possessive read as objects; "South Korean" for "Korsel").
    fifth = [r for r in supported if r["split"] == "round5"]
    assert sum(_pure_checks_pass(r) for r in fifth) == len(fifth) - 12


@pytest.mark.model
def test_the_calibrated_verifier_on_the_labelled_set(real_embedder: Embedder) -> None:
    """The numbers BENCHMARKS.md reports ("Written answers"): supported kept, unsupported
    shown, on rounds 1-2 (calibration and holdout), round 3 and round 4, with the default
    model's thresholds."""
    rows = _rows()
    thresholds = thresholds_for(DEFAULT_MODEL)
    assert thresholds is not None
    kept: dict[tuple[str, bool], list[bool]] = {}
    for language in ("en", "id"):
        part = [r for r in rows if r["language"] == language]
        verdicts = verify(
            [str(r["sentence"]) for r in part],
            [[str(r["paragraph"])] for r in part],
            real_embedder,
            thresholds,
            language,
        )
        for row, verdict in zip(part, verdicts, strict=True):
            first = row["split"] in ("calibration", "holdout")
            key = ("rounds 1-2" if first else str(row["split"]), bool(row["supported"]))
            kept.setdefault(key, []).append(verdict.kept)
    share = {key: sum(v) / len(v) for key, v in kept.items()}
    # BENCHMARKS.md: rounds 1-2 keep 94.0% of the supported and show 8.1% of the
    # unsupported (target 2%, not met); round 3 keeps 85.2% and shows 37.5%.
    assert share[("rounds 1-2", True)] >= 0.90
    assert share[("rounds 1-2", False)] <= 0.09
    assert share[("round3", True)] >= 0.85
    assert share[("round3", False)] <= 0.40
    # Round 4, labelled before the verifier scored it: 74.3% kept, 27.6% shown.
    assert share[("round4", True)] >= 0.74
    assert share[("round4", False)] <= 0.28
    # Round 5, labelled before the verifier scored it: 69.0% kept, 36.4% shown.
    assert share[("round5", True)] >= 0.69
    assert share[("round5", False)] <= 0.37


SUSPECT = (
    "Komisi Pemberantasan Korupsi (KPK) kembali menetapkan Ketua DPR Setya Novanto sebagai "
    "tersangka kasus korupsi e-KTP, Jumat (10/11)."
)


@pytest.mark.parametrize(
    ("sentence", "language", "swapped"),
    [
        # "named" is a search stopword, but here it is the verb that gives the roles.
        ("Novanto named the KPK a suspect [1].", "en", True),
        ("Setya Novanto named the KPK a suspect in the e-KTP case [1].", "en", True),
        ("Novanto menetapkan KPK sebagai tersangka [1].", "id", True),
        ("The KPK named Novanto a suspect [1].", "en", False),
        ("The KPK named Setya Novanto a suspect again [1].", "en", False),
        ("KPK menetapkan Novanto sebagai tersangka [1].", "id", False),
        ("A man named Novanto was questioned by the KPK [1].", "en", False),
    ],
)
def test_a_verb_the_search_drops_still_gives_roles(
    sentence: str, language: str, swapped: bool
) -> None:
    assert bool(role_swaps(sentence, [SUSPECT], language)) is swapped


QUAKE = (
    "Gempa berkekuatan 5,1 SR mengguncang wilayah Jawa Barat dan Banten pada Kamis (3/8) "
    "sekitar pukul 21:15 WIB, sedangkan Lampung diguncang 2 kali gempa susulan."
)


@pytest.mark.parametrize(
    ("sentence", "language", "swapped"),
    [
        # A time of day dates the event; it is no number of the name before it.
        (
            "A 5.1 earthquake shook West Java and Banten on Thursday at about 21:15 WIB [1].",
            "en",
            False,
        ),
        ("An earthquake shook West Java at 21:15 WIB on Thursday [1].", "en", False),
        ("West Java and Banten were shaken at 21.15 WIB on Thursday [1].", "en", False),
        (
            "Wilayah Jawa Barat dan Banten diguncang gempa pada Kamis pukul 21.15 WIB [1].",
            "id",
            False,
        ),
        ("Wilayah Jawa Barat diguncang gempa 5,1 SR pukul 21:15 WIB [1].", "id", False),
        # The numbers beside the time still keep their names.
        ("West Java was hit by 2 aftershocks at 21:15 WIB [1].", "en", True),
        ("Jawa Barat diguncang 2 kali gempa susulan pukul 21:15 WIB [1].", "id", True),
    ],
)
def test_a_time_of_day_is_no_number_of_a_name(sentence: str, language: str, swapped: bool) -> None:
    assert bool(role_swaps(sentence, [QUAKE], language)) is swapped


DOUBLES = (
    "Ganda putri Greysia Polii/Apriyani Rahayu dan tunggal putra Anthony Ginting menjadi "
    "juara di Bangkok, sedangkan anak-anak sekolah di Jakarta menonton lewat televisi."
)


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        # An irregular form of an ordinary word opening the sentence is no name.
        ("Women's doubles pair Greysia Polii and Apriyani Rahayu won in Bangkok [1].", []),
        ("Men's singles player Anthony Ginting won in Bangkok [1].", []),
        ("Children at schools in Jakarta watched on television [1].", []),
        ("Anak-anak sekolah di Jakarta menonton Greysia Polii [1].", []),
        # Names the paragraph lacks are still caught beside it.
        (
            "Women's doubles pair Greysia Polii and Della Haris won [1].",
            ["name Della", "name Haris"],
        ),
        (
            "Men's singles player Jonatan Christie won in Bangkok [1].",
            ["name Jonatan", "name Christie"],
        ),
        ("Anak-anak sekolah di Surabaya menonton lewat televisi [1].", ["name Surabaya"]),
    ],
)
def test_an_irregular_word_opening_a_sentence_is_no_name(sentence: str, missing: list[str]) -> None:
    assert missing_facts(sentence, [DOUBLES]) == missing


DERBY = "Persija mengalahkan Persib 2-1 di Stadion Utama Gelora Bung Karno, Minggu malam."
FLOOD = "Puluhan rumah warga Desa Sukamaju rusak akibat banjir yang melanda sejak Sabtu."
MEDALS = "Jepang meraih 12 medali emas, sedangkan Korea Selatan meraih 9 medali emas."
GOALS = (
    "Pertandingan berlangsung ketat sejak awal. Andi Setiawan mencetak dua gol pada babak "
    "kedua. Budi Santoso hanya menyumbang satu assist."
)
MARKET = "Bupati Sleman Kustini meresmikan pasar baru itu, didampingi Wakil Bupati Danang."


@pytest.mark.parametrize(
    ("sentence", "language", "swapped"),
    [
        ("Persib beat Persija 2-1 [1].", "en", True),
        ("Persib mengalahkan Persija 2-1 [1].", "id", True),
        ("Persija beat Persib 2-1 [1].", "en", False),
        ("Persib was beaten by Persija 2-1 [1].", "en", False),
        ("Persib dikalahkan Persija 2-1 [1].", "id", False),
        ("Persija mengalahkan Persib di Gelora Bung Karno [1].", "id", False),
    ],
)
def test_a_doer_and_other_party_in_swapped_roles_are_caught(
    sentence: str, language: str, swapped: bool
) -> None:
    assert bool(role_swaps(sentence, [DERBY], language)) is swapped


@pytest.mark.parametrize(
    ("sentence", "language", "caught"),
    [
        ("Rumah warga rusak akibat gempa [1].", "id", True),
        ("Houses in Sukamaju were damaged by an earthquake [1].", "en", True),
        ("Rumah warga Sukamaju rusak akibat banjir [1].", "id", False),
        ("Houses in Sukamaju were damaged by the flood [1].", "en", False),
        ("Rumah itu rusak karena itu [1].", "id", False),
    ],
)
def test_a_doer_or_cause_the_paragraph_lacks_is_caught(
    sentence: str, language: str, caught: bool
) -> None:
    assert bool(unsupported_agents(sentence, [FLOOD], language)) is caught


@pytest.mark.parametrize(
    ("sentence", "language", "caught"),
    [
        ("South Korea won 12 gold medals [1].", "en", True),
        ("Korea Selatan meraih 12 medali emas [1].", "id", True),
        ("Japan won 12 gold medals [1].", "en", False),
        ("Korea Selatan meraih 9 medali emas [1].", "id", False),
    ],
)
def test_a_number_given_to_another_name_is_caught(
    sentence: str, language: str, caught: bool
) -> None:
    assert bool(role_swaps(sentence, [MEDALS], language)) is caught


@pytest.mark.parametrize(
    ("sentence", "paragraph", "language", "caught"),
    [
        ("Budi Santoso mencetak dua gol pada babak kedua [1].", GOALS, "id", True),
        ("Andi Setiawan mencetak dua gol pada babak kedua [1].", GOALS, "id", False),
        ("Danang meresmikan pasar baru itu [1].", MARKET, "id", True),
        ("Kustini meresmikan pasar baru itu [1].", MARKET, "id", False),
    ],
)
def test_a_deed_given_to_someone_the_paragraph_does_not_credit_is_caught(
    sentence: str, paragraph: str, language: str, caught: bool
) -> None:
    assert bool(role_swaps(sentence, [paragraph], language)) is caught


def test_swapped_roles_are_dropped_with_their_reason(fake_embedder: FakeEmbedder) -> None:
    verdicts = verify(
        ["Persib beat Persija 2-1 [1].", "Persija beat Persib 2-1 [1]."],
        [[DERBY], [DERBY]],
        fake_embedder,
        ANY_CLOSENESS,
        "en",
    )
    assert not verdicts[0].kept
    assert verdicts[0].why.startswith("names in other roles than the cited passage")
    assert verdicts[1].kept


PATROL = (
    "Para pemimpin Jepang, Korea Selatan, Filipina, dan Vietnam setuju memperkuat patroli "
    "laut bersama, kata Menteri Luar Negeri Retno Marsudi."
)
AID = "Bantuan itu dikirim oleh Jepang, Filipina dan Vietnam ke Manila pekan lalu."
SIGNING = "Di Manila, Retno Marsudi menandatangani kesepakatan itu bersama para menteri."
SEED_TROOPS = (
    "Sekretaris Jenderal CSTO, Stanislav Zas mengatakan bahwa negara-negara anggota CSTO "
    "yakni Rusia, Belarus, Armenia, Tajikistan, Kyrgyzstan, dan Kazakhstan setuju untuk "
    "mengerahkan pasukan militer di sepanjang perbatasan Tajikistan dan Afghanistan."
)


@pytest.mark.parametrize(
    ("sentence", "paragraph", "language", "caught"),
    [
        # Any names of a list share its deed, whichever of them the sentence picks.
        ("Russia, Belarus and Armenia agreed to deploy troops [1].", SEED_TROOPS, "en", False),
        ("Rusia, Belarus dan Armenia setuju mengerahkan pasukan [1].", SEED_TROOPS, "id", False),
        ("Russia, Belarus, and Armenia agreed to deploy troops [1].", SEED_TROOPS, "en", False),
        ("Korea Selatan setuju memperkuat patroli laut [1].", PATROL, "id", False),
        ("Jepang dan Korea Selatan setuju memperkuat patroli laut [1].", PATROL, "id", False),
        ("Japan and South Korea agreed to strengthen joint sea patrols [1].", PATROL, "en", False),
        ("Filipina mengirim bantuan itu [1].", AID, "id", False),
        ("Vietnam mengirim bantuan itu ke Manila [1].", AID, "id", False),
        # Someone the paragraph names outside the list did not do it.
        ("Stanislav Zas agreed to deploy troops [1].", SEED_TROOPS, "en", True),
        ("Retno Marsudi setuju memperkuat patroli laut bersama [1].", PATROL, "id", True),
        ("Retno Marsudi agreed to strengthen joint sea patrols [1].", PATROL, "en", True),
        ("Manila mengirim bantuan itu [1].", AID, "id", True),
        # Commas without a closing "dan" make no list: the place is no doer.
        ("Manila menandatangani kesepakatan itu [1].", SIGNING, "id", True),
        ("Retno Marsudi menandatangani kesepakatan itu [1].", SIGNING, "id", False),
    ],
)
def test_every_name_of_a_list_does_what_the_list_does(
    sentence: str, paragraph: str, language: str, caught: bool
) -> None:
    assert bool(role_swaps(sentence, [paragraph], language)) is caught


EXPORT = (
    "Produk ayam olahan dari Jawa Timur kini menembus pasar Malaysia. Kiriman perdana "
    "sebanyak 1.000 karton dilepas pekan ini."
)
FEES = "Roma membayar 40 juta euro untuk pemain itu. Liverpool membayar 36,9 juta euro."


@pytest.mark.parametrize(
    ("sentence", "paragraph", "language", "caught"),
    [
        # "Kiriman" (kirim + -an) opens a sentence; it is no name that holds the 1.000.
        ("Malaysia menerima kiriman perdana sebanyak 1.000 karton [1].", EXPORT, "id", False),
        (
            "Chicken from East Java reached Malaysia, a first shipment of 1,000 cartons [1].",
            EXPORT,
            "en",
            False,
        ),
        # A root or English word opening a sentence stays a name: Roma paid the 40 million.
        ("Liverpool membayar 40 juta euro [1].", FEES, "id", True),
        ("Liverpool paid 40 million euros [1].", FEES, "en", True),
        ("Roma membayar 40 juta euro [1].", FEES, "id", False),
    ],
)
def test_an_ordinary_word_opening_a_sentence_holds_no_number(
    sentence: str, paragraph: str, language: str, caught: bool
) -> None:
    assert bool(role_swaps(sentence, [paragraph], language)) is caught


def test_a_sentence_naming_part_of_a_list_is_kept_and_an_outsider_dropped(
    fake_embedder: FakeEmbedder,
) -> None:
    verdicts = verify(
        [
            "Russia, Belarus and Armenia agreed to deploy troops [1].",
            "Stanislav Zas agreed to deploy troops [1].",
        ],
        [[SEED_TROOPS], [SEED_TROOPS]],
        fake_embedder,
        ANY_CLOSENESS,
        "en",
    )
    assert verdicts[0].kept, verdicts[0].why
    assert not verdicts[1].kept
    assert verdicts[1].why.startswith("names in other roles than the cited passage")
