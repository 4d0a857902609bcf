"""Time windows read from questions, relative to an injected now."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsbot.index.coverage import when
from newsbot.index.coverage.when import WIB, window_in
from newsbot.index.errors import NewsbotError

# A Saturday morning in Jakarta.
NOW = datetime(2021, 9, 18, 9, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("berita hari ini", date(2021, 9, 18), date(2021, 9, 18)),
        ("apa yang terjadi kemarin?", date(2021, 9, 17), date(2021, 9, 17)),
        ("what happened yesterday in Kabul?", date(2021, 9, 17), date(2021, 9, 17)),
        ("berita apa saja minggu lalu?", date(2021, 9, 6), date(2021, 9, 12)),
        ("Minggu lalu ada berita apa?", date(2021, 9, 6), date(2021, 9, 12)),
        ("news from last week", date(2021, 9, 6), date(2021, 9, 12)),
        ("kabar pekan ini", date(2021, 9, 13), date(2021, 9, 18)),
        ("banjir bulan lalu", date(2021, 8, 1), date(2021, 8, 31)),
        ("pemilu tahun 2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("the election in 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("apa yang terjadi 16 September?", date(2021, 9, 16), date(2021, 9, 16)),
        ("apa yang terjadi 20 September?", date(2020, 9, 20), date(2020, 9, 20)),
        ("troops in September 2021", date(2021, 9, 1), date(2021, 9, 30)),
        ("what did the minister say on September 16, 2021?", date(2021, 9, 16), date(2021, 9, 16)),
        ("gempa 3 Mei 2017", date(2017, 5, 3), date(2017, 5, 3)),
        ("longsor bulan Februari 2018", date(2018, 2, 1), date(2018, 2, 28)),
        ("berita 3 hari terakhir", date(2021, 9, 16), date(2021, 9, 18)),
        ("demo pada hari Minggu", date(2021, 9, 12), date(2021, 9, 12)),
        ("demo yang terjadi Minggu lalu", date(2021, 9, 12), date(2021, 9, 12)),
        ("what happened on Monday?", date(2021, 9, 13), date(2021, 9, 13)),
        # A headline's own time phrase is not the question's window: the last one is.
        ("berita Panglima Mau Berangkat Hari Ini kemarin", date(2021, 9, 17), date(2021, 9, 17)),
        (
            "berita Timnas Lawan Puerto Rico pada 13 Juni pada 3 Mei 2017",
            date(2017, 5, 3),
            date(2017, 5, 3),
        ),
    ],
)
def test_windows_are_read_relative_to_now(question: str, start: date, end: date) -> None:
    window = window_in(question, NOW)
    assert window is not None, question
    assert (window.start, window.end) == (start, end)
    assert window.phrase in question


@pytest.mark.parametrize(
    "question",
    [
        "siapa yang setuju mengerahkan pasukan?",
        "berapa korban gempa?",
        "who may 2 ministers call?",
        "harga 1.300 kilometer",
        "Apa kata Menteri tentang 2021?",
    ],
)
def test_questions_without_a_time_have_no_window(question: str) -> None:
    assert window_in(question, NOW) is None


def test_the_week_and_the_weekday_are_told_apart() -> None:
    week = window_in("Minggu lalu ada berita apa?", NOW)
    sunday = window_in("Apa yang terjadi Minggu lalu di Kabul?", NOW)
    assert week is not None and (week.end - week.start).days == 6
    assert sunday is not None and sunday.start == sunday.end == date(2021, 9, 12)


def test_a_window_holds_dates_and_times_with_offsets() -> None:
    window = window_in("kemarin", NOW)
    assert window is not None
    assert window.holds("2021-09-17")
    assert window.holds("2021-09-17T23:59:00+07:00")
    assert not window.holds("2021-09-18T00:10:00+07:00")
    assert not window.holds(None)


def test_now_comes_from_newsbot_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(when.NOW_ENV, "2021-09-18T02:00:00Z")
    assert when.now() == datetime(2021, 9, 18, 9, 0, tzinfo=WIB)
    monkeypatch.setenv(when.NOW_ENV, "2021-09-18")
    assert when.now().date() == date(2021, 9, 18)
    monkeypatch.setenv(when.NOW_ENV, "tomorrow")
    with pytest.raises(NewsbotError, match="NEWSBOT_NOW"):
        when.now()
