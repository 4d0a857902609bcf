"""The time reader's parts (dates, days of the week, parts of a month and weekends,
windows counted back) are tried in one order, each pattern once, and the names other
modules import from ``coverage.when`` keep working."""

from __future__ import annotations

from datetime import datetime

from newsbot.index.coverage import counted_back, month_parts, named_dates, named_days, when


def test_every_reader_pattern_is_tried_in_the_order() -> None:
    names = [name for reader in (named_dates, month_parts, named_days, counted_back)
             for name, _ in reader.PATTERNS]  # fmt: skip
    assert sorted(set(names)) == sorted(when._ORDER)
    assert len(when._COMPILED) == len(names)
    # A name's patterns keep their place: the three numeric dates follow each other.
    order = [name for name, _ in when._COMPILED]
    assert order == sorted(order, key=when._ORDER.index)


def test_the_public_names_are_still_those_of_when() -> None:
    from newsbot.index.coverage.when import (  # noqa: F401
        MONTHS,
        NOW_ENV,
        WIB,
        Window,
        now,
        published_day,
        window_in,
        without,
    )

    current = datetime(2017, 10, 23, 12, tzinfo=WIB)
    window = window_in("berita Minggu lalu soal banjir", current)
    assert window is not None and (window.start.isoformat(), window.end.isoformat()) == (
        "2017-10-22",
        "2017-10-22",
    )
    assert MONTHS["agustus"] == 8 and published_day("2017-10-23T08:00:00+07:00") is not None
