"""When an undated article may have been published: its first-seen time, and a day its lead
names resolved against it ("Senin (27/3)", "Kamis"); "Minggu" the weekday, not the week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newsbot.index.coverage.spans import (
    NAMED_DAY_MAX_AGE,
    event_day,
    named_day,
    publication_span,
    seen_date,
)

# A Tuesday, 11:15 WIB.
SEEN = "2017-03-28T04:15:36Z"
TUESDAY = date(2017, 3, 28)


def test_a_dated_article_spans_its_own_day_whatever_it_was_seen() -> None:
    assert publication_span("2017-03-20T09:00:00+07:00", SEEN) == (
        date(2017, 3, 20),
        date(2017, 3, 20),
    )


def test_an_undated_article_spans_the_days_up_to_when_it_was_first_seen() -> None:
    assert publication_span(None, SEEN, seen_slack=1) == (date(2017, 3, 27), TUESDAY)
    assert publication_span(None, SEEN, seen_slack=4) == (date(2017, 3, 24), TUESDAY)
    assert publication_span(None, None) is None  # nothing bounds it
    assert publication_span(None, "not a time") is None


@pytest.mark.parametrize(
    ("seen", "day"),
    [
        ("2017-03-27T18:30:00Z", date(2017, 3, 28)),  # 01:30 WIB the next day
        ("2017-03-27T18:30:00+00:00", date(2017, 3, 28)),
        ("2017-03-27T18:30:00", date(2017, 3, 28)),  # no offset: UTC, as crawl logs keep it
        ("2017-03-28T08:00:00+07:00", date(2017, 3, 28)),
        ("2017-03-27", date(2017, 3, 27)),
    ],
)
def test_the_seen_day_is_the_newsroom_day(seen: str, day: date) -> None:
    assert seen_date(seen) == day


@pytest.mark.parametrize(
    ("lead", "day"),
    [
        ("ucap Zulkifli di Gedung DPR, Senayan, Jakarta Pusat, Senin (27/3).", date(2017, 3, 27)),
        ("Polisi menangkap pelaku pada Kamis malam.", date(2017, 3, 23)),  # the last Thursday
        ("Rapat digelar Selasa (28/3) pagi.", TUESDAY),  # the seen day itself
        ("Pertandingan berlangsung Jumat (24/3/2017).", date(2017, 3, 24)),
        ("Kegiatan itu dibuka Sabtu, 25 Maret 2017 di Bandung.", date(2017, 3, 25)),
        ("Warga berkumpul pada Minggu (26/3) sore.", date(2017, 3, 26)),
        ("Ia tiba di Jakarta Minggu kemarin.", date(2017, 3, 26)),  # inside a sentence: Sunday
    ],
)
def test_a_day_named_in_the_lead_is_resolved_against_the_seen_time(lead: str, day: date) -> None:
    assert named_day(lead, TUESDAY) == day
    assert publication_span(None, SEEN, lead, named_slack=1) == (
        day,
        min(day + timedelta(days=1), TUESDAY),
    )


@pytest.mark.parametrize(
    "lead",
    [
        "Minggu lalu harga cabai naik dua kali lipat.",  # the week, opening a sentence
        "Harga naik. Minggu ini pedagang mengeluh.",
        "Dalam satu minggu harga naik.",  # lower case: a week
        "Kasus itu bermula pada Senin (6/3) ketika polisi datang.",  # a past event, 22 days back
        "Sidang pertama digelar Rabu (29/3) mendatang.",  # after the seen day: not yet
        "Tanpa hari yang disebut.",
    ],
)
def test_no_publication_day_from_weeks_past_events_or_the_future(lead: str) -> None:
    assert named_day(lead, TUESDAY) is None
    # Without a named day the seen time alone bounds the article.
    assert publication_span(None, SEEN, lead, seen_slack=2, named_slack=1) == (
        date(2017, 3, 26),
        TUESDAY,
    )


def test_a_past_event_named_first_gives_way_to_a_later_recent_day() -> None:
    lead = "Setelah ditangkap Senin (6/3), tersangka diperiksa lagi pada Jumat (24/3)."
    assert named_day(lead, TUESDAY) == date(2017, 3, 24)
    assert (TUESDAY - date(2017, 3, 6)).days > NAMED_DAY_MAX_AGE


def test_a_named_day_narrows_the_span_to_that_day_and_the_next() -> None:
    assert publication_span(None, SEEN, "Kamis (23/3) lalu", named_slack=1) == (
        date(2017, 3, 23),
        date(2017, 3, 24),
    )
    # Never past the seen day.
    assert publication_span(None, SEEN, "Selasa (28/3)", named_slack=1) == (TUESDAY, TUESDAY)
    # The product reads no named day unless told (it did not help on the labelled pairs).
    assert publication_span(None, SEEN, "Kamis (23/3) lalu", seen_slack=1) == (
        date(2017, 3, 27),
        TUESDAY,
    )


def test_the_event_day_is_read_against_the_date_else_the_seen_time() -> None:
    opening = "Polisi memeriksa saksi pada Kamis (23/3). Sidang digelar Senin."
    # Dated Monday 27 March: the first day named within a week before it.
    assert event_day("2017-03-27", None, opening) == date(2017, 3, 23)
    # Undated, seen Tuesday 28 March: the same day.
    assert event_day(None, SEEN, opening) == date(2017, 3, 23)
    # A bare weekday: the last one on or before the reference day.
    assert event_day("2017-03-27T10:00:00+07:00", None, "Rapat digelar Kamis.") == date(2017, 3, 23)
    assert event_day(None, SEEN, "Rapat digelar Kamis.") == date(2017, 3, 23)
    assert event_day(None, None, opening) is None  # nothing to resolve it against
    assert event_day("2017-03-27", None, "Tanpa hari.") is None
