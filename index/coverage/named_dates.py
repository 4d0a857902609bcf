"""Dates a question names: "16 September", "October 18 to 20", "20/10", "2017-10-20",
"September 2021", "tahun 2021", "tanggal 20", "bulan Agustus"."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from newsbot.index.coverage.days import E as _E
from newsbot.index.coverage.days import Span, latest, month, year_of
from newsbot.index.coverage.days import W as _W
from newsbot.index.reading.dates import MONTHS

#: Any month name, longest first (a pattern's alternation).
MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = MONTH

#: (name, pattern) of each phrase, in the order the time reader tries them.
PATTERNS: list[tuple[str, str]] = [
    # "18-20 Oktober", "antara 18 dan 20 Oktober", "October 18 to 20": a range of days.
    (
        "day_range",
        rf"{_W}(?:(?:between|antara|dari|from)\s+)?(\d{{1,2}})\s*(?:-|–|sampai|hingga|s/d|to|"
        rf"and|dan|until|through)\s*(\d{{1,2}})\s+({_MONTH})\.?(?:\s+(\d{{4}}))?{_E}",
    ),
    (
        "month_day_range",
        rf"{_W}(?:(?:between|from)\s+)?({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*"
        rf"(?:-|–|to|and|until|through)\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?{_E}",
    ),
    # A two-digit year only closing the question or a clause: "berita 20 okt 17".
    (
        "day_month_year",
        rf"{_W}(\d{{1,2}})\s+({_MONTH})\.?(?:\s+(\d{{4}}|'?\d{{2}}(?=\s*(?:[?.!,;]|$))))?{_E}",
    ),
    ("month_day_year", rf"{_W}({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?{_E}"),
    ("month_year", rf"{_W}(?:bulan\s+)?({_MONTH})\.?\s+(?:tahun\s+)?(\d{{4}}){_E}"),
    # 20/10, 14-10-2017, 3.8.2021: day first; a dash or dot only with a year or "tanggal".
    (
        "numeric_date",
        rf"{_W}(?:(?:tgl\.?|tanggal|on|pada)\s+)?(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))?{_E}"
        r"(?!\s*(?:%|persen|percent))",
    ),
    ("numeric_date", rf"{_W}(\d{{1,2}})[-.](\d{{1,2}})[-.](\d{{4}}){_E}"),
    ("numeric_date", rf"{_W}(?:tgl\.?|tanggal)\s+(\d{{1,2}})[-.](\d{{1,2}})(?:[-.](\d{{4}}))?{_E}"),
    ("iso_date", rf"{_W}(\d{{4}})-(\d{{2}})-(\d{{2}}){_E}"),
    ("year", rf"{_W}(?:tahun|in|pada|during|of|sepanjang|selama)\s+(\d{{4}}){_E}"),
    # "tanggal 20", "on the 20th": that day of this month, or of the last month that had it.
    (
        "day_of_month",
        rf"{_W}(?:(?:tanggal|tgl\.?)\s+(\d{{1,2}})|on\s+the\s+(\d{{1,2}})(?:st|nd|rd|th)){_E}",
    ),
    ("month", rf"{_W}(?:in|during|bulan|selama|sepanjang)\s+({_MONTH}){_E}"),
]


def ambiguous_short_month(m: re.Match[str]) -> bool:
    """Lower-case English "may" is the verb ("what may 2 ministers..."): only "May" names
    the month. Malay "Mac" (March) is also a computer: it names the month after a day
    ("17 Mac") or "bulan", not after "in" nor before a day ("in Mac", "Mac 17")."""
    words = m.group(0).split()
    if "may" in words:
        return True
    lower = [word.lower().rstrip(".") for word in words]
    return "mac" in lower and not (lower[0] == "bulan" or lower[0].isdigit())


def window(name: str, m: re.Match[str], today: date) -> Span | None:
    """The days the phrase ``m`` (of pattern ``name``) names; a date without its year is
    the latest one on or before ``today``."""
    if name == "day_month_year":
        day = latest(today, MONTHS[m.group(2).lower()], int(m.group(1)), year_of(m.group(3)))
        return (day, day) if day else None
    if name == "month_day_year":
        day = latest(today, MONTHS[m.group(1).lower()], int(m.group(2)), year_of(m.group(3)))
        return (day, day) if day else None
    if name == "numeric_date":
        number, named = int(m.group(1)), int(m.group(2))
        if not 1 <= named <= 12:
            if not (1 <= number <= 12 and named <= 31):
                return None
            number, named = named, number  # "10/20": month first, as the day cannot be
        day = latest(today, named, number, year_of(m.group(3)))
        return (day, day) if day else None
    if name in {"day_range", "month_day_range"}:
        if name == "day_range":
            low, high, named = int(m.group(1)), int(m.group(2)), MONTHS[m.group(3).lower()]
        else:
            named, low, high = MONTHS[m.group(1).lower()], int(m.group(2)), int(m.group(3))
        if low > high:
            return None
        start = latest(today, named, low, year_of(m.group(4)))
        end = latest(today, named, high, year_of(m.group(4)))
        if start is None or end is None or end < start:
            return None
        return start, end
    if name == "iso_date":
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return day, day
    if name == "day_of_month":
        number = int(m.group(1) or m.group(2))
        for back in range(3):  # this month, or the latest before it that has the day
            first = date(today.year, today.month, 1) - relativedelta(months=back)
            found = latest(today, first.month, number, first.year)
            if found is not None and found <= today:
                return found, found
        return None
    if name == "month":
        named = MONTHS[m.group(1).lower()]
        return month(today.year if named <= today.month else today.year - 1, named)
    if name == "month_year":
        return month(int(m.group(2)), MONTHS[m.group(1).lower()])
    if name == "year":
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None
