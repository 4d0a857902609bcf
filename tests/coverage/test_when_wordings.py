"""Time windows in the wordings readers use beside the textbook ones: days and weeks
counted back ("dua hari lalu", "two weeks ago"), weekends, a weekday before this one
("Senin lalu", "last Monday"), numeric dates ("20/10", "14-10-2017"), parts of a month
("awal bulan ini", "late August"), informal spellings ("kmrn", "hr ini") and Malay
("semalam", "minggu lepas")."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsbot.index.coverage.when import WIB, window_in

# A Monday noon in Jakarta (23 Oct 2017), and a Thursday for the variants.
MONDAY = datetime(2017, 10, 23, 12, 0, tzinfo=WIB)
THURSDAY = datetime(2021, 9, 16, 9, 0, tzinfo=WIB)
SUNDAY = datetime(2017, 10, 22, 12, 0, tzinfo=WIB)


def _read(question: str, current: datetime) -> tuple[date, date] | None:
    window = window_in(question, current)
    return (window.start, window.end) if window else None


@pytest.mark.parametrize(
    ("question", "current", "start", "end"),
    [
        # Days counted back: one day.
        ("berita dua hari lalu", MONDAY, date(2017, 10, 21), date(2017, 10, 21)),
        ("ada berita apa 2 hari yang lalu?", MONDAY, date(2017, 10, 21), date(2017, 10, 21)),
        ("kabar lima hari yang lalu", THURSDAY, date(2021, 9, 11), date(2021, 9, 11)),
        ("news from three days ago", THURSDAY, date(2021, 9, 13), date(2021, 9, 13)),
        ("berita kemarin lusa", MONDAY, date(2017, 10, 21), date(2017, 10, 21)),
        ("news from the day before yesterday", THURSDAY, date(2021, 9, 14), date(2021, 9, 14)),
        # The last N days, today included.
        ("kabar tiga hari terakhir soal banjir", MONDAY, date(2017, 10, 21), date(2017, 10, 23)),
        ("berita seminggu terakhir", MONDAY, date(2017, 10, 17), date(2017, 10, 23)),
        ("berita sepekan terakhir", THURSDAY, date(2021, 9, 10), date(2021, 9, 16)),
        ("berita 5 hari belakangan ini", THURSDAY, date(2021, 9, 12), date(2021, 9, 16)),
        ("news in the past 3 days", MONDAY, date(2017, 10, 21), date(2017, 10, 23)),
        ("news from the last seven days", THURSDAY, date(2021, 9, 10), date(2021, 9, 16)),
        # Weeks counted back: that Monday-to-Sunday week.
        ("berita dua minggu lalu", MONDAY, date(2017, 10, 9), date(2017, 10, 15)),
        ("news from two weeks ago", THURSDAY, date(2021, 8, 30), date(2021, 9, 5)),
        ("berita pekan kemarin", MONDAY, date(2017, 10, 16), date(2017, 10, 22)),
        ("berita minggu kemarin", THURSDAY, date(2021, 9, 6), date(2021, 9, 12)),
        ("berita minggu lepas", MONDAY, date(2017, 10, 16), date(2017, 10, 22)),
        # The month before.
        ("berita bulan kemarin", MONDAY, date(2017, 9, 1), date(2017, 9, 30)),
        ("berita bulan lepas tentang Rohingya", MONDAY, date(2017, 9, 1), date(2017, 9, 30)),
        ("news from the previous month", THURSDAY, date(2021, 8, 1), date(2021, 8, 31)),
        # Weekends: Saturday and Sunday.
        ("berita akhir pekan lalu", MONDAY, date(2017, 10, 21), date(2017, 10, 22)),
        ("berita akhir minggu kemarin", THURSDAY, date(2021, 9, 11), date(2021, 9, 12)),
        ("what did the news say last weekend?", MONDAY, date(2017, 10, 21), date(2017, 10, 22)),
        ("what's in the news this weekend?", SUNDAY, date(2017, 10, 21), date(2017, 10, 22)),
        ("berita akhir pekan ini", SUNDAY, date(2017, 10, 21), date(2017, 10, 22)),
        # A named weekday before today's.
        ("berita Senin lalu", MONDAY, date(2017, 10, 16), date(2017, 10, 16)),
        ("news from last Monday", MONDAY, date(2017, 10, 16), date(2017, 10, 16)),
        ("berita Jumat lalu", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("berita Sabtu kemarin", MONDAY, date(2017, 10, 21), date(2017, 10, 21)),
        ("berita hari Minggu kemarin", MONDAY, date(2017, 10, 22), date(2017, 10, 22)),
        ("kabar Rabu kemarin", THURSDAY, date(2021, 9, 15), date(2021, 9, 15)),
        ("news from last Thursday", THURSDAY, date(2021, 9, 9), date(2021, 9, 9)),
        # Numeric dates, day first.
        ("berita 20/10", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("berita Rohingya tgl 7/9", MONDAY, date(2017, 9, 7), date(2017, 9, 7)),
        ("berita Djarot 14-10-2017", MONDAY, date(2017, 10, 14), date(2017, 10, 14)),
        ("kabar tanggal 3/8/2021", THURSDAY, date(2021, 8, 3), date(2021, 8, 3)),
        # Parts of a month: days 1-10, 11-20, 21 to the end; never past today.
        ("berita awal bulan ini", MONDAY, date(2017, 10, 1), date(2017, 10, 10)),
        ("berita akhir Agustus", MONDAY, date(2017, 8, 21), date(2017, 8, 31)),
        ("berita pertengahan September", MONDAY, date(2017, 9, 11), date(2017, 9, 20)),
        ("berita awal September 2021", THURSDAY, date(2021, 9, 1), date(2021, 9, 10)),
        ("berita akhir bulan lalu", MONDAY, date(2017, 9, 21), date(2017, 9, 30)),
        ("news from mid-September", MONDAY, date(2017, 9, 11), date(2017, 9, 20)),
        ("news from late August", MONDAY, date(2017, 8, 21), date(2017, 8, 31)),
        ("news at the end of last month", MONDAY, date(2017, 9, 21), date(2017, 9, 30)),
        ("news from early this month", THURSDAY, date(2021, 9, 1), date(2021, 9, 10)),
        ("berita pertengahan bulan ini", THURSDAY, date(2021, 9, 11), date(2021, 9, 16)),
        ("what was reported earlier this month?", MONDAY, date(2017, 10, 1), date(2017, 10, 22)),
        # Informal spellings and Malay.
        ("berita kmrn", MONDAY, date(2017, 10, 22), date(2017, 10, 22)),
        ("brita hr ini", MONDAY, date(2017, 10, 23), date(2017, 10, 23)),
        ("berita semalam", MONDAY, date(2017, 10, 22), date(2017, 10, 22)),
        ("apa berita hari ni?", THURSDAY, date(2021, 9, 16), date(2021, 9, 16)),
        ("berita tadi pagi", MONDAY, date(2017, 10, 23), date(2017, 10, 23)),
        # The last N weeks; a few days (three, today included).
        ("berita 2 minggu terakhir", MONDAY, date(2017, 10, 10), date(2017, 10, 23)),
        ("news from the past two weeks", THURSDAY, date(2021, 9, 3), date(2021, 9, 16)),
        ("berita beberapa hari terakhir", MONDAY, date(2017, 10, 21), date(2017, 10, 23)),
        ("news from the last few days", THURSDAY, date(2021, 9, 14), date(2021, 9, 16)),
        # "yang lalu", and one week, month or day ago.
        ("berita minggu yang lalu", MONDAY, date(2017, 10, 16), date(2017, 10, 22)),
        ("berita bulan yg lalu", MONDAY, date(2017, 9, 1), date(2017, 9, 30)),
        ("news from a week ago", MONDAY, date(2017, 10, 16), date(2017, 10, 22)),
        ("berita seminggu yang lalu", MONDAY, date(2017, 10, 16), date(2017, 10, 22)),
        ("berita sepekan lalu", THURSDAY, date(2021, 9, 6), date(2021, 9, 12)),
        ("berita sebulan lalu", MONDAY, date(2017, 9, 1), date(2017, 9, 30)),
        ("news from a month ago", THURSDAY, date(2021, 8, 1), date(2021, 8, 31)),
        ("kabar sehari yang lalu", MONDAY, date(2017, 10, 22), date(2017, 10, 22)),
        # ISO dates, a day of this month, a month without its year, a weekday's news.
        ("berita 2017-10-20", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("berita tanggal 20", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("news on the 20th", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("berita tgl 30", MONDAY, date(2017, 9, 30), date(2017, 9, 30)),
        ("news in October", MONDAY, date(2017, 10, 1), date(2017, 10, 31)),
        ("berita bulan Agustus", MONDAY, date(2017, 8, 1), date(2017, 8, 31)),
        ("news in November", MONDAY, date(2016, 11, 1), date(2016, 11, 30)),
        ("Friday's news", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("news over the weekend", MONDAY, date(2017, 10, 21), date(2017, 10, 22)),
        # The Nth week of a month: days 1-7, 8-14, ...
        ("news from the first week of October", MONDAY, date(2017, 10, 1), date(2017, 10, 7)),
        ("berita minggu kedua September", MONDAY, date(2017, 9, 8), date(2017, 9, 14)),
        ("berita pekan pertama bulan ini", MONDAY, date(2017, 10, 1), date(2017, 10, 7)),
        ("news from the last week of August", MONDAY, date(2017, 8, 25), date(2017, 8, 31)),
        # A weekday after "from"/"dari", a weekday of last week, abbreviated words.
        ("news from Saturday", MONDAY, date(2017, 10, 21), date(2017, 10, 21)),
        ("berita dari hari Kamis", MONDAY, date(2017, 10, 19), date(2017, 10, 19)),
        ("berita Senin minggu lalu", MONDAY, date(2017, 10, 16), date(2017, 10, 16)),
        ("news from Friday last week", THURSDAY, date(2021, 9, 10), date(2021, 9, 10)),
        ("news from Sept. 2017", MONDAY, date(2017, 9, 1), date(2017, 9, 30)),
        ("berita Okt. 2017", MONDAY, date(2017, 10, 1), date(2017, 10, 31)),
        ("brita kmren", MONDAY, date(2017, 10, 22), date(2017, 10, 22)),
        ("brita 3 hr terakhir", MONDAY, date(2017, 10, 21), date(2017, 10, 23)),
        ("berita 2 hr lalu", MONDAY, date(2017, 10, 21), date(2017, 10, 21)),
        ("berita 2 mgg terakhir", MONDAY, date(2017, 10, 10), date(2017, 10, 23)),
        # Since a day: that day to today.
        ("berita sejak kemarin", MONDAY, date(2017, 10, 22), date(2017, 10, 23)),
        ("news since yesterday", MONDAY, date(2017, 10, 22), date(2017, 10, 23)),
        ("news since Monday", THURSDAY, date(2021, 9, 13), date(2021, 9, 16)),
        ("berita sejak hari Senin", THURSDAY, date(2021, 9, 13), date(2021, 9, 16)),
        ("berita sejak 20 Oktober", MONDAY, date(2017, 10, 20), date(2017, 10, 23)),
        # The last 24 hours: yesterday and today.
        ("berita dalam 24 jam terakhir", MONDAY, date(2017, 10, 22), date(2017, 10, 23)),
        ("news in the last 24 hours", MONDAY, date(2017, 10, 22), date(2017, 10, 23)),
        ("berita 1x24 jam terakhir", MONDAY, date(2017, 10, 22), date(2017, 10, 23)),
        # Ranges of days.
        ("news between 18 and 20 October", MONDAY, date(2017, 10, 18), date(2017, 10, 20)),
        ("berita antara 18 dan 20 Oktober", MONDAY, date(2017, 10, 18), date(2017, 10, 20)),
        ("berita dari 18 sampai 20 Oktober", MONDAY, date(2017, 10, 18), date(2017, 10, 20)),
        ("berita 18-20 Okt 2017", MONDAY, date(2017, 10, 18), date(2017, 10, 20)),
        ("news from October 18 to 20", MONDAY, date(2017, 10, 18), date(2017, 10, 20)),
        ("news from Sept 5-7, 2021", THURSDAY, date(2021, 9, 5), date(2021, 9, 7)),
        # Month first where the day cannot be a month; a two-digit year closing the question.
        ("news from 10/20", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("berita 20 okt 17", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        ("berita 20 Okt '17?", MONDAY, date(2017, 10, 20), date(2017, 10, 20)),
        # Months and years counted back: that calendar month or year.
        ("berita tiga bulan lalu", MONDAY, date(2017, 7, 1), date(2017, 7, 31)),
        ("news from three months ago", MONDAY, date(2017, 7, 1), date(2017, 7, 31)),
        ("berita 2 bulan yang lalu", THURSDAY, date(2021, 7, 1), date(2021, 7, 31)),
        ("berita dua tahun lalu", MONDAY, date(2015, 1, 1), date(2015, 12, 31)),
        ("news from a year ago", MONDAY, date(2016, 1, 1), date(2016, 12, 31)),
    ],
)
def test_reader_wordings_become_windows(
    question: str, current: datetime, start: date, end: date
) -> None:
    assert _read(question, current) == (start, end)


@pytest.mark.parametrize(
    ("question", "current", "start"),
    [
        # A headline's own weekday, then the question's "kemarin": yesterday.
        (
            "berita Gubernur BI Dihadirkan di Pengadilan Tipikor Soal E KTP Kamis kemarin",
            datetime(2017, 3, 25, 0, 0, tzinfo=WIB),
            date(2017, 3, 24),
        ),
        ("berita Demo Buruh Tolak Upah Murah Senin lalu", MONDAY, date(2017, 10, 16)),
        # The question's own weekday after a name or two: that weekday.
        ("berita Novanto Senin lalu", MONDAY, date(2017, 10, 16)),
        ("berita Gunung Agung Jumat kemarin", MONDAY, date(2017, 10, 20)),
    ],
)
def test_a_headlines_weekday_is_not_the_questions_window(
    question: str, current: datetime, start: date
) -> None:
    window = window_in(question, current)
    assert window is not None and window.start == start, window


@pytest.mark.parametrize(
    "question",
    [
        # A score, a fraction or a ratio is no date.
        "Arema menang 3-0 atas Persiba",
        "Stoke City 2-2 Manchester United",
        "harga naik 1/2 persen",
        "layanan 24/7 untuk pelanggan",
        # "lusa" alone is the day after tomorrow, and "dua hari" alone is a length.
        "sidang ditunda dua hari",
        "pelatih Persipura menang 6-0",
        # "tanggal 20" needs the word; a bare number is none.
        "20 orang tewas",
        "what may happen next",
        "sidang 2 minggu",
        "skor akhir 18 - 20",
        "harga 13/20 dolar",
    ],
)
def test_numbers_that_are_no_dates_make_no_window(question: str) -> None:
    assert window_in(question, MONDAY) is None
