"""Parts of a month and weekends a question names: "awal bulan ini", "pertengahan
September", "late August", "the first week of October", "minggu kedua September",
"akhir pekan lalu", "this weekend"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from newsbot.index.coverage.days import KEMARIN, Span, clipped, week, weekend, year_of
from newsbot.index.coverage.days import E as _E
from newsbot.index.coverage.days import W as _W
from newsbot.index.coverage.named_dates import MONTH as _MONTH
from newsbot.index.reading.dates import MONTHS

#: Parts of a month: its first, middle and last ten days or so.
_PART = (
    r"(awal|permulaan|pertengahan|tengah|akhir|early|mid|late|"
    r"beginning\s+of|start\s+of|end\s+of|middle\s+of)"
)
_PARTS = {"awal": 0, "permulaan": 0, "early": 0, "beginning of": 0, "start of": 0}
_PARTS |= {"pertengahan": 1, "tengah": 1, "mid": 1, "middle of": 1}
_PARTS |= {"akhir": 2, "late": 2, "end of": 2}
_WHICH_MONTH = (
    rf"(?:(?:bulan\s+)?(ini|lalu|kemarin|lepas)|(?:the\s+)?(this|last|previous)\s+month|"
    rf"(?:bulan\s+)?({_MONTH})(?:\s+(\d{{4}}))?)"
)

#: "the first week of October", "minggu kedua September": weeks of seven days from the 1st;
#: the last is the month's last seven days.
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_ORDINALS |= {"4th": 4, "pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4}
_ORDINALS |= {"last": 5, "terakhir": 5}
_ORDINAL_EN = r"(first|1st|second|2nd|third|3rd|fourth|4th|last)"
_ORDINAL_ID = r"(pertama|kesatu|kedua|ketiga|keempat|terakhir)"

#: (name, pattern) of each phrase, in the order the time reader tries them.
PATTERNS: list[tuple[str, str]] = [
    ("month_part", rf"{_W}{_PART}[\s-]+{_WHICH_MONTH}{_E}"),
    (
        "week_of_month",
        rf"{_W}(?:(?:the\s+)?{_ORDINAL_EN}\s+week\s+of|(?:minggu|pekan)\s+{_ORDINAL_ID})\s+"
        rf"{_WHICH_MONTH}{_E}",
    ),
    (
        "last_weekend",
        rf"{_W}(?:akhir\s+(?:pekan|minggu)\s+(?:lalu|{KEMARIN}|lepas)|"
        rf"(?:last|past|previous)\s+weekend|weekend\s+{KEMARIN}|over\s+the\s+weekend){_E}",
    ),
    ("this_weekend", rf"{_W}(?:akhir\s+(?:pekan|minggu)\s+ini|this\s+weekend){_E}"),
]


def _named_month(m: re.Match[str], group: int, today: date) -> date:
    """The first day of the month ``_WHICH_MONTH`` matched from group ``group`` on: this or
    last month, or a named one (the latest on or before today without a year)."""
    relative = (m.group(group) or m.group(group + 1) or "").lower()
    if relative:
        back = 0 if relative in {"ini", "this"} else 1
        first: date = date(today.year, today.month, 1) - relativedelta(months=back)
        return first
    month = MONTHS[m.group(group + 2).lower()]
    year = year_of(m.group(group + 3))
    if year is None:
        year = today.year if month <= today.month else today.year - 1
    return date(year, month, 1)


def _part_of_month(m: re.Match[str], today: date) -> Span | None:
    """Days 1-10, 11-20 or 21 to the end of the month a "month_part" match names; a part
    of this month ends today at the latest."""
    part = _PARTS[" ".join(m.group(1).lower().split())]
    first = _named_month(m, 2, today)
    last = first + relativedelta(months=1) - timedelta(days=1)
    start = first + timedelta(days=10 * part)
    end = last if part == 2 else first + timedelta(days=10 * part + 9)
    return clipped(start, end, today)


def _week_of_month(m: re.Match[str], today: date) -> Span | None:
    """Days 1-7, 8-14, 15-21 or 22-28 of the month a "week_of_month" match names, or its
    last seven days."""
    number = _ORDINALS[(m.group(1) or m.group(2)).lower()]
    first = _named_month(m, 3, today)
    last = first + relativedelta(months=1) - timedelta(days=1)
    if number == 5:
        return clipped(last - timedelta(days=6), last, today)
    start = first + timedelta(days=7 * (number - 1))
    return clipped(start, start + timedelta(days=6), today)


def window(name: str, m: re.Match[str], today: date) -> Span | None:
    """The days the phrase ``m`` (of pattern ``name``) names."""
    if name == "month_part":
        return _part_of_month(m, today)
    if name == "week_of_month":
        return _week_of_month(m, today)
    if name == "last_weekend":
        return weekend(week(today)[0] - timedelta(days=7))
    if name == "this_weekend":
        saturday, sunday = weekend(week(today)[0])
        return saturday, min(sunday, max(saturday, today))
    return None
