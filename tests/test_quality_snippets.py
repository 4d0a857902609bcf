"""The answering sentence: picked inside the paragraph without running a model."""

from __future__ import annotations

from newsbot.index.answering.snippets import best_sentence
from newsbot.index.building.lexical import tokenize

LAVROV = (
    "Mekanisme kerja sama untuk melawan propaganda online juga dibahas. Di sisi lain, "
    "Menteri Luar Negeri Rusia Sergey Lavrov menegaskan bahwa saat ini, Moskow sedang "
    "mempertahankan pembicaraan dengan Taliban."
)


def _snippet(text: str, question: str) -> str:
    start, end = best_sentence(text, tokenize(question), question)
    return text[start:end]


def test_the_sentence_sharing_most_question_terms_is_the_snippet() -> None:
    assert _snippet(LAVROV, "Siapa yang mempertahankan pembicaraan dengan Taliban?").startswith(
        "Di sisi lain"
    )


def test_an_english_question_finds_its_sentence_by_names_and_cognates() -> None:
    snippet = _snippet(LAVROV, "Which Russian minister says Moscow keeps talking?")
    assert "Sergey Lavrov" in snippet


def test_a_paragraph_of_one_sentence_is_its_own_snippet() -> None:
    text = "Pertemuan itu berlangsung di Dushanbe."
    assert best_sentence(text, tokenize("di mana pertemuan")) == (0, len(text))


CRASH = (
    "Kecelakaan itu terjadi di Jalan Sudirman, Jakarta Selatan, pada Senin pagi. "
    "Korban bernama Budi Santoso, seorang pengemudi ojek, berusia 45 tahun. "
    "Polisi masih menyelidiki penyebabnya."
)
MEETING = (
    "Pertemuan para menteri CSTO berlangsung di Dushanbe, Tajikistan, pada Kamis. "
    "Sekretaris Jenderal CSTO Stanislav Zas mengatakan negara anggota setuju mengerahkan "
    "pasukan."
)


def test_a_who_question_emphasises_the_person_not_the_place() -> None:
    assert "Budi Santoso" in _snippet(CRASH, "Siapa korban kecelakaan di Jalan Sudirman?")
    assert "Stanislav Zas" in _snippet(MEETING, "Siapa yang berbicara di pertemuan Dushanbe?")
    assert "Stanislav Zas" in _snippet(MEETING, "Who spoke at the meeting in Dushanbe?")


def test_an_age_question_emphasises_the_age() -> None:
    assert "45 tahun" in _snippet(CRASH, "Berapa umur korban kecelakaan di Jalan Sudirman?")
    assert "45 tahun" in _snippet(CRASH, "How old was the victim of the Jalan Sudirman crash?")


def test_other_questions_keep_the_sentence_sharing_most_terms() -> None:
    assert _snippet(CRASH, "Di mana kecelakaan di Jalan Sudirman terjadi?").startswith(
        "Kecelakaan itu"
    )


BRIDGE = (
    "Gubernur Kalimantan Barat Sutarmidji meresmikan jembatan Kapuas II di Pontianak. "
    "Pembangunan jembatan itu menelan biaya Rp 1,2 triliun dari anggaran negara. "
    "Jembatan tersebut dibuka untuk umum pada 12 Januari 2018."
)
FESTIVAL = (
    "Festival layang-layang internasional digelar di pantai Sanur, Bali, pekan lalu. "
    "Peserta datang dari 14 negara dan membawa ratusan layang-layang raksasa. "
    "Penyelenggaranya adalah Persatuan Pelayang Indonesia."
)


def test_a_how_much_question_emphasises_the_amount() -> None:
    assert "Rp 1,2 triliun" in _snippet(BRIDGE, "Berapa biaya jembatan Kapuas II?")
    assert "Rp 1,2 triliun" in _snippet(BRIDGE, "How much did the Kapuas II bridge cost?")
    assert "14 negara" in _snippet(FESTIVAL, "Berapa negara ikut festival layang-layang di Bali?")


def test_a_when_question_emphasises_the_date() -> None:
    assert "12 Januari 2018" in _snippet(BRIDGE, "Kapan jembatan Kapuas II dibuka?")
    assert "12 Januari 2018" in _snippet(BRIDGE, "When did the Kapuas II bridge open?")


def test_a_which_question_emphasises_a_name_the_question_lacks() -> None:
    question = "Apa nama penyelenggara festival layang-layang internasional di Sanur, Bali?"
    assert "Persatuan Pelayang Indonesia" in _snippet(FESTIVAL, question)
    english = "Which organisation ran the international kite festival in Sanur, Bali?"
    assert "Persatuan Pelayang Indonesia" in _snippet(FESTIVAL, english)


def test_a_kind_no_sentence_holds_leaves_the_shared_terms_to_decide() -> None:
    # No sentence holds a date: the sentence sharing most terms is still emphasised.
    assert _snippet(FESTIVAL, "Kapan peserta dari 14 negara membawa layang-layang?").startswith(
        "Peserta"
    )


RECTOR = (
    "Pemilihan Rektor Unpad periode 2019-2024 sudah terlaksana dengan lancar. Telah "
    "ditetapkan Budi Santoso sebagai rektor terpilih yang akan memimpin lima tahun ke depan."
)
INSTITUTE = (
    "Institut Teknologi Bandung (ITB) punya rektor baru. Dr Rina Wulandari terpilih sebagai "
    "rektor untuk periode 2019-2024 menggantikan rektor sebelumnya."
)


def test_a_who_question_emphasises_a_person_the_question_does_not_name() -> None:
    # "Rektor Unpad" is two capitalised words, but both are the question's own: a title and
    # a body, not the person asked for
    assert "Budi Santoso" in _snippet(RECTOR, "Siapa rektor Unpad yang terpilih?")
    start, end = best_sentence(
        RECTOR, [*tokenize("Who was elected rector of Unpad?"), "rektor", "pilih"], "Who?"
    )
    assert "Budi Santoso" in RECTOR[start:end]


def test_a_who_question_does_not_take_a_body_opening_its_sentence_for_a_person() -> None:
    # "Institut Teknologi Bandung": the body's first word opens the sentence
    assert "Rina Wulandari" in _snippet(INSTITUTE, "Siapakah rektor baharu ITB?")
    assert "Rina Wulandari" in _snippet(INSTITUTE, "Siapa rektor baru ITB?")
