"""Windows counted back from today: "hari ini", "kemarin", "3 hari lalu", "dua minggu
terakhir", "minggu lalu", "bulan ini", "last year", "the last 24 hours"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from newsbot.index.coverage.days import KEMARIN, TERAKHIR, Span, month, week
from newsbot.index.coverage.days import YANG as _YANG
from newsbot.index.coverage.days import E as _E
from newsbot.index.coverage.days import W as _W

#: Counts written as words, as readers write them before "hari", "minggu", "days".
NUMBERS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
    "few": 3,
    "beberapa": 3,
}
_N = r"(\d{1,3}|" + "|".join(NUMBERS) + r")"
_AGO_ID = rf"(?:(?:yang|yg)\s+)?(?:lalu|lepas|silam|{KEMARIN})"
_PAST_ID = rf"(?:{TERAKHIR}|belakangan(?:\s+ini)?|ke\s*belakang)"
_PAST_EN = r"(?:the\s+)?(?:last|past|previous)"
_HARI = r"(?:hari|hr)"
_WEEK_WORD = r"(?:minggu|mgg|pekan)"

#: (name, pattern) of each phrase, in the order the time reader tries them.
PATTERNS: list[tuple[str, str]] = [
    ("earlier_this_month", rf"{_W}(?:earlier\s+this\s+month|awal\s+bulan\s+hingga\s+kini){_E}"),
    (
        "last_24_hours",
        rf"{_W}(?:(?:24|dua\s+puluh\s+empat)\s+jam\s+{_PAST_ID}|1\s*x\s*24\s+jam(?:\s+{_PAST_ID})?|"
        rf"(?:the\s+)?(?:last|past)\s+24\s+hours){_E}",
    ),
    (
        "today",
        rf"{_W}(?:hari\s+ini|hr\s+ini|hari\s+ni|todays?|today's|tonight|malam\s+ini|pagi\s+ini|"
        rf"this\s+morning|tadi\s+pagi|pagi\s+tadi|tadi\s+siang){_E}",
    ),
    (
        "day_before_yesterday",
        rf"{_W}(?:{KEMARIN}\s+lusa|(?:the\s+)?day\s+before\s+yesterday){_E}",
    ),
    ("days_ago", rf"{_W}(?:{_N}\s+{_HARI}\s+{_AGO_ID}|{_N}\s+days?\s+ago){_E}"),
    ("day_ago", rf"{_W}sehari\s+{_AGO_ID}{_E}"),
    ("week_ago", rf"{_W}se(?:minggu|pekan)\s+{_YANG}(?:lalu|lepas|silam){_E}"),
    (
        "months_ago",
        rf"{_W}(?:{_N}\s+bulan\s+{_YANG}(?:lalu|lepas|silam)|{_N}\s+months?\s+ago){_E}",
    ),
    (
        "years_ago",
        rf"{_W}(?:{_N}\s+tahun\s+{_YANG}(?:lalu|lepas|silam)|{_N}\s+years?\s+ago){_E}",
    ),
    ("month_ago", rf"{_W}(?:sebulan\s+{_YANG}(?:lalu|lepas|silam)|an?\s+month\s+ago){_E}"),
    (
        "weeks_ago",
        rf"{_W}(?:{_N}\s+{_WEEK_WORD}\s+{_YANG}(?:lalu|lepas|silam)|{_N}\s+weeks?\s+ago){_E}",
    ),
    (
        "days",
        rf"{_W}(?:{_N}\s+{_HARI}\s+{_PAST_ID}|{_PAST_EN}\s+{_N}\s+days|"
        rf"(se(?:minggu|pekan))\s+{_PAST_ID}){_E}",
    ),
    (
        "weeks_past",
        rf"{_W}(?:{_N}\s+{_WEEK_WORD}\s+{_PAST_ID}|{_PAST_EN}\s+{_N}\s+weeks){_E}",
    ),
    (
        "last_week",
        rf"{_W}(?:[mM]inggu\s+{_YANG}(?:lalu|{KEMARIN}|lepas)|"
        rf"pekan\s+{_YANG}(?:lalu|{KEMARIN}|lepas)|"
        rf"(?:last|past|previous)\s+week){_E}",
    ),
    ("this_week", rf"{_W}(?:[mM]inggu\s+ini|pekan\s+ini|this\s+week){_E}"),
    (
        "last_month",
        rf"{_W}(?:bulan\s+{_YANG}(?:lalu|{KEMARIN}|lepas)|"
        rf"(?:the\s+)?(?:last|past|previous)\s+month){_E}",
    ),
    ("this_month", rf"{_W}(?:bulan\s+ini|this\s+month){_E}"),
    ("last_year", rf"{_W}(?:tahun\s+{_YANG}(?:lalu|{KEMARIN}|lepas)|last\s+year|past\s+year){_E}"),
    (
        "yesterday",
        rf"{_W}(?:{KEMARIN}|yesterdays?|semalam|tadi\s+malam){_E}",
    ),
    ("this_year", rf"{_W}(?:tahun\s+ini|this\s+year){_E}"),
]


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def window(name: str, m: re.Match[str], today: date) -> Span | None:
    """The days the phrase ``m`` (of pattern ``name``) counts back from ``today``."""
    if name == "last_24_hours":
        return today - timedelta(days=1), today
    if name == "earlier_this_month":
        first = date(today.year, today.month, 1)
        return first, max(first, today - timedelta(days=1))
    if name == "today":
        return today, today
    if name == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if name == "day_before_yesterday":
        return today - timedelta(days=2), today - timedelta(days=2)
    if name == "days_ago":
        day = today - timedelta(days=_count(m.group(1) or m.group(2)))
        return day, day
    if name == "day_ago":
        return today - timedelta(days=1), today - timedelta(days=1)
    if name == "week_ago":
        return week(today - timedelta(days=7))
    if name == "month_ago":
        previous = today - relativedelta(months=1)
        return month(previous.year, previous.month)
    if name == "months_ago":
        back = today - relativedelta(months=_count(m.group(1) or m.group(2)))
        return month(back.year, back.month)
    if name == "years_ago":
        year = today.year - _count(m.group(1) or m.group(2))
        return date(year, 1, 1), date(year, 12, 31)
    if name == "weeks_past":
        return today - timedelta(days=7 * _count(m.group(1) or m.group(2)) - 1), today
    if name == "weeks_ago":
        return week(today - timedelta(days=7 * _count(m.group(1) or m.group(2))))
    if name == "days":
        counted = m.group(1) or m.group(2)
        days = _count(counted) if counted else 7
        return today - timedelta(days=max(days, 1) - 1), today
    if name == "last_week":
        return week(today - timedelta(days=7))
    if name == "this_week":
        return week(today)[0], today
    if name == "last_month":
        previous = today - relativedelta(months=1)
        return month(previous.year, previous.month)
    if name == "this_month":
        return date(today.year, today.month, 1), today
    if name == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if name == "this_year":
        return date(today.year, 1, 1), today
    return None
