"""Publication dates as Indonesian and English news sites print them."""

from __future__ import annotations

import pytest

from newsbot.index.reading.dates import (
    display_published,
    is_date_line,
    is_relative_time_line,
    parse_published,
    published_from_value,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 September 2021, 16:30 WIB", "2021-09-17T16:30:00+07:00"),
        ("- 17 September 2021, 16:30 WIB", "2021-09-17T16:30:00+07:00"),
        ("Jumat, 17 September 2021 16:30 WIB", "2021-09-17T16:30:00+07:00"),
        ("Jumat, 17/09/2021 16:30", "2021-09-17T16:30:00"),
        ("Jumat, 17/09/2021 16.30 WITA", "2021-09-17T16:30:00+08:00"),
        ("17-09-2021 08:05 WIT", "2021-09-17T08:05:00+09:00"),
        ("Rabu, 6 Des. 2017 | 18:12 WIB", "2017-12-06T18:12:00+07:00"),
        ("3 Agu 2020", "2020-08-03"),
        ("3 Agt 2020", "2020-08-03"),
        ("12 Okt 2019", "2019-10-12"),
        ("1 Januari 2020", "2020-01-01"),
        ("29 Februari 2020", "2020-02-29"),
        ("5 Pebruari 2016", "2016-02-05"),
        ("31 Maret 2018", "2018-03-31"),
        ("2 Mei 2018", "2018-05-02"),
        ("30 Juni 2018", "2018-06-30"),
        ("4 Juli 2018", "2018-07-04"),
        ("17 Agustus 1945", "1945-08-17"),
        ("10 Nopember 2015", "2015-11-10"),
        ("25 Desember 2017", "2017-12-25"),
        ("September 17, 2021 4:30 PM", "2021-09-17T16:30:00"),
        ("Friday, 17 Sep 2021 12:00 am GMT", "2021-09-17T00:00:00+00:00"),
        ("3 May 2020", "2020-05-03"),
        ("16.30 WIB, 17 September 2021", "2021-09-17T16:30:00+07:00"),
        ("2017-09-06", "2017-09-06"),
        ("2017-09-06T20:00:00Z", "2017-09-06T20:00:00+00:00"),
        ("2021-09-17T16:30:00+0700", "2021-09-17T16:30:00+07:00"),
        ("2021-09-17 16:30", "2021-09-17T16:30:00"),
        ("2021-09-17 16:30 GMT+7", "2021-09-17T16:30:00+07:00"),
        ("Diperbarui 17 September 2021 10.000 orang hadir", "2021-09-17"),
    ],
)
def test_parse_published_reads_the_formats_news_sites_print(text: str, expected: str) -> None:
    assert parse_published(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "tanpa tanggal", "31 Februari 2021", "2021-13-01", "17/09/21", "16:30 WIB"],
)
def test_parse_published_gives_none_without_a_real_date(text: str) -> None:
    assert parse_published(text) is None


def test_parse_published_takes_the_earliest_date_in_the_text() -> None:
    text = "Terbit 1 Maret 2020; diperbarui 2 Maret 2020"
    assert parse_published(text) == "2020-03-01"


@pytest.mark.parametrize(
    "line",
    [
        "- 17 September 2021, 16:30 WIB",
        "Jumat, 17/09/2021 16:30",
        "Diperbarui: Jumat, 17 Sep 2021 16:30 WIB",
        "Kompas.com - 17/09/2021, 16:30 WIB",
    ],
)
def test_is_date_line_accepts_a_line_that_is_only_a_date(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Pertemuan berlangsung pada Kamis, 16 September 2021 di Dushanbe.",
        "Kamis, 16 September 2021 di Dushanbe",
        "Tidak ada tanggal di sini",
    ],
)
def test_is_date_line_rejects_a_sentence_that_mentions_a_date(line: str) -> None:
    assert not is_date_line(line)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-09-18T04:10:00+07:00", "2021-09-18T04:10:00+07:00"),
        ("2021-09-18T04:10:00WIB", "2021-09-18T04:10:00+07:00"),
        ("2021-09-18 04:10 WITA", "2021-09-18T04:10:00+08:00"),
        ("2021-09-18T04:10:00", "2021-09-18T04:10:00"),  # no zone: local, kept as it is
        ("2021-09-18T04:10:00.000+09:00", "2021-09-18T04:10:00+09:00"),
        ("Sabtu, 18 September 2021 04:10 WIB", "2021-09-18T04:10:00+07:00"),
        (1631913000, "2021-09-18T04:10:00+07:00"),  # epoch seconds, shown in WIB
        ("1631913000", "2021-09-18T04:10:00+07:00"),
        (1631913000000, "2021-09-18T04:10:00+07:00"),  # milliseconds
        (1631913000.0, "2021-09-18T04:10:00+07:00"),
        ("2021-09-18", "2021-09-18"),
        ("", None),
        (True, None),
        ("bukan tanggal", None),
        (12345, None),
    ],
)
def test_a_records_date_keeps_its_offset_in_every_shape(value: object, expected: str) -> None:
    assert published_from_value(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2021-09-18T04:10:00+07:00", "18 September 2021, 04:10 WIB"),
        ("2021-09-18T04:10:00+08:00", "18 September 2021, 04:10 WITA"),
        ("2021-09-18T04:10:00+09:00", "18 September 2021, 04:10 WIT"),
        ("2021-09-17T21:10:00+00:00", "17 September 2021, 21:10 UTC"),
        ("2021-09-18T04:10:00+05:30", "18 September 2021, 04:10 UTC+05:30"),
        ("2021-09-18T04:10:00", "18 September 2021, 04:10"),
        ("2021-09-18", "18 September 2021"),
        ("kemarin", "kemarin"),
        ("2021-02-30", "2021-02-30"),
        (None, ""),
    ],
)
def test_a_date_is_shown_in_the_outlets_zone_never_converted(value: str | None, shown: str) -> None:
    assert display_published(value) == shown


def test_an_early_morning_story_keeps_its_local_day() -> None:
    """04:10 WIB on 18 September is 21:10 UTC on the 17th: shown as the 18th."""
    assert display_published(parse_published("18/09/2021 04:10 WIB")).startswith("18 September")


@pytest.mark.parametrize(
    "line",
    ["3 jam lalu", "2 jam yang lalu", "kemarin", "5 minutes ago", "Diperbarui 1 hari lalu"],
)
def test_relative_time_lines_are_recognised(line: str) -> None:
    assert is_relative_time_line(line)


@pytest.mark.parametrize(
    "line",
    ["Kebakaran terjadi 3 jam lalu di gudang mebel milik warga desa", "jam 3 lalu", "3 jam"],
)
def test_sentences_mentioning_a_time_ago_are_not_relative_time_lines(line: str) -> None:
    assert not is_relative_time_line(line)


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("2021-05-13 1:05 PM", "2021-05-13T13:05:00"),
        ("2021-05-13T1:05 pm", "2021-05-13T13:05:00"),
        ("2021-05-13 12:30 AM", "2021-05-13T00:30:00"),
        ("2021-05-13 11:59:59 p.m.", "2021-05-13T23:59:59"),
        ("2021/05/13 9:15 PM WIB", "2021-05-13T21:15:00+07:00"),
        ("2021-05-13 10:00 amankan", "2021-05-13T10:00:00"),  # a word, no clock half
    ],
)
def test_an_iso_day_with_a_12_hour_clock(given: str, read: str) -> None:
    """A spreadsheet's export writes "2021-05-13 1:05 PM": its PM was dropped (01:05)."""
    assert parse_published(given) == read
