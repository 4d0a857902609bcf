"""One table of month names (``reading.dates.MONTHS``): the time windows of questions read
every name page dates read, and the other way round."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsbot.index.coverage.when import MONTHS, WIB, window_in
from newsbot.index.reading import dates

NOW = datetime(2017, 12, 20, 12, tzinfo=WIB)


def test_one_table_of_month_names() -> None:
    assert MONTHS is dates.MONTHS


# The names page dates read that questions did not (old and short Indonesian spellings).
@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("berita 17 agt 2017", date(2017, 8, 17)),
        ("berita banjir 17 Agst 2017", date(2017, 8, 17)),
        ("ada berita apa 17 ags?", date(2017, 8, 17)),
        ("berita 3 peb 2017", date(2017, 2, 3)),
        ("berita tanggal 10 Nop", date(2017, 11, 10)),
    ],
)
def test_a_question_reads_every_month_name_a_page_date_does(question: str, day: date) -> None:
    window = window_in(question, NOW)
    assert window is not None and (window.start, window.end) == (day, day)


@pytest.mark.parametrize(
    "printed",
    ["17 Agt 2017, 08:00 WIB", "17 Agst 2017 08.00 WIB", "3 Peb 2017 | 08:00", "10 Nop 2017"],
)
def test_page_dates_still_read_them(printed: str) -> None:
    published = dates.parse_published(printed)
    assert published is not None and published.startswith(
        ("2017-08-17", "2017-02-03", "2017-11-10")
    )


# Malay month names, read by both (decided here: the union grew by the four Malay names
# that differ from Indonesian).
@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("berita 17 Ogos 2017", date(2017, 8, 17), date(2017, 8, 17)),
        ("berita 5 Julai", date(2017, 7, 5), date(2017, 7, 5)),
        ("berita 1 Disember", date(2017, 12, 1), date(2017, 12, 1)),
        ("berita 17 Mac 2017", date(2017, 3, 17), date(2017, 3, 17)),
        ("berita pada bulan Mac", date(2017, 3, 1), date(2017, 3, 31)),
        ("berita bulan Ogos", date(2017, 8, 1), date(2017, 8, 31)),
    ],
)
def test_malay_month_names_are_read(question: str, start: date, end: date) -> None:
    window = window_in(question, NOW)
    assert window is not None and (window.start, window.end) == (start, end)


@pytest.mark.parametrize(
    "question", ["what apps are new in Mac OS?", "is the Mac 17 inch model out?", "berita mac"]
)
def test_mac_the_computer_is_no_month(question: str) -> None:
    assert window_in(question, NOW) is None


def test_a_malay_page_date_is_read() -> None:
    assert dates.parse_published("Isnin, 17 Ogos 2020 08:00") is not None
    assert (dates.parse_published("17 Mac 2021") or "").startswith("2021-03-17")
