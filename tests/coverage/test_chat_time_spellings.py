"""Time words as chat writes them: "kemarin" and "terakhir" with vowels dropped or changed
(one rule each, ``days.KEMARIN`` and ``days.TERAKHIR``, in every phrase that holds them),
and the English possessive of "yesterday" and "today" without its apostrophe. Variants
of our own, not the blind set's."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsbot.index.coverage.when import WIB, window_in

# A Thursday morning in Jakarta.
THURSDAY = datetime(2019, 3, 14, 8, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("brita kmaren soal banjir", date(2019, 3, 13), date(2019, 3, 13)),
        ("ada apa kmrin?", date(2019, 3, 13), date(2019, 3, 13)),
        ("berita kemrn", date(2019, 3, 13), date(2019, 3, 13)),
        ("berita kmaren lusa", date(2019, 3, 12), date(2019, 3, 12)),
        ("berita minggu kmaren", date(2019, 3, 4), date(2019, 3, 10)),
        ("kabar bulan kmrn", date(2019, 2, 1), date(2019, 2, 28)),
        ("berita Senin kmaren", date(2019, 3, 11), date(2019, 3, 11)),
        ("berita akhir pekan kmrn", date(2019, 3, 9), date(2019, 3, 10)),
        ("berita 2 hari trakhir", date(2019, 3, 13), date(2019, 3, 14)),
        ("kabar 3 hr terakir soal KRL", date(2019, 3, 12), date(2019, 3, 14)),
        ("berita 24 jam trakhir", date(2019, 3, 13), date(2019, 3, 14)),
        ("yesterdays headlines", date(2019, 3, 13), date(2019, 3, 13)),
        ("todays news on the floods", date(2019, 3, 14), date(2019, 3, 14)),
    ],
)
def test_chat_spellings_of_time_words(question: str, start: date, end: date) -> None:
    window = window_in(question, THURSDAY)
    assert window is not None, question
    assert (window.start, window.end) == (start, end)
    assert window.phrase.lower() in question.lower()


@pytest.mark.parametrize(
    "question",
    ["berita kamar mandi", "kemiri naik harga?", "harga karir di Tokopedia", "Mondays are slow"],
)
def test_words_like_them_are_no_window(question: str) -> None:
    assert window_in(question, THURSDAY) is None
