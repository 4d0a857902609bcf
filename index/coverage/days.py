"""Calendar days the time readers share: weeks (Monday to Sunday), months, weekends, the
latest such day on or before today; and the word pieces their patterns share."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

#: A phrase starts and ends at a word's edge.
W = r"(?<![\w])"
#: The end of a time phrase, an English possessive kept in it ("yesterday's news", "last
#: week's floods"), so the phrase is taken off whole and no "'s" is left to search.
E = r"(?:['\u2019]s)?(?![\w])"
#: "kemarin" as chat writes it, vowels dropped or changed: "kemaren", "kmrn", "kmren",
#: "kmaren", "kemrin" (one rule, not a list of the spellings seen).
KEMARIN = r"k(?:e)?m[ae]?r[ei]?n"
#: "terakhir" likewise: "trakhir", "terakir", "trakir", "terakhr".
TERAKHIR = r"te?ra?kh?i?r"
#: "yang lalu", "yg lalu": the same as "lalu".
YANG = r"(?:(?:yang|yg)\s+)?"

Span = tuple[date, date]


def week(day: date) -> Span:
    """The Monday-to-Sunday week of ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month(year: int, number: int) -> Span:
    """The first and last day of month ``number`` of ``year``."""
    first = date(year, number, 1)
    return first, first + relativedelta(months=1) - timedelta(days=1)


def latest(today: date, month: int, day: int, year: int | None) -> date | None:
    """The given day, in ``year`` or else the latest such day on or before today; None for
    a day the month lacks."""
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


def weekend(monday: date) -> Span:
    """The Saturday and Sunday of the week starting ``monday``."""
    return monday + timedelta(days=5), monday + timedelta(days=6)


def clipped(start: date, end: date, today: date) -> Span | None:
    """``start`` to ``end``, ending today at the latest; None if it starts after today."""
    return (start, min(end, today)) if start <= today else None


def year_of(text: str | None) -> int | None:
    """A four-digit year, or a two-digit one ("'17", "17") in this century."""
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)
