"""Time windows from questions: "kemarin", "minggu lalu", "in September 2021", "16 September".

A window is a range of calendar days, inclusive, relative to the current time, which
``NEWSBOT_NOW`` (ISO 8601) fixes for tests and reproducible runs. "Minggu" the weekday
(capitalised inside a sentence, or after "hari"/"pada") is not "minggu" the week.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from dateutil.relativedelta import relativedelta

from newsbot.index.errors import NewsbotError
from newsbot.index.reading.dates import WEEKDAYS

NOW_ENV = "NEWSBOT_NOW"
#: Newsroom time for a NEWSBOT_NOW without an offset and for the clock: WIB (UTC+7).
WIB = timezone(timedelta(hours=7), "WIB")

MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("januari", "january", "jan"),
                ("februari", "february", "feb", "pebruari"),
                ("maret", "march", "mar"),
                ("april", "apr"),
                ("mei", "may"),
                ("juni", "june", "jun"),
                ("juli", "july", "jul"),
                ("agustus", "august", "agu", "aug"),
                ("september", "sept", "sep"),
                ("oktober", "october", "okt", "oct"),
                ("november", "nopember", "nov"),
                ("desember", "december", "des", "dec"),
            ],
            start=1,
        )
        for name in names
    }
}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


@dataclass(frozen=True)
class Window:
    """Calendar days ``start`` to ``end``, inclusive; ``phrase`` is the question's words for
    it; ``relative`` is True for windows counted from now ("kemarin", "last week")."""

    start: date
    end: date
    phrase: str
    relative: bool
    #: Whether the phrase can only mean the time of coverage ("kemarin", "last week"), not
    #: the time of an event a question asks about ("pada tahun 2005", "hari Senin (29/8)").
    about_coverage: bool = True

    def holds(self, published: str | None) -> bool:
        """Whether an ISO 8601 publication date or time falls inside; False without one."""
        day = published_day(published)
        return day is not None and self.start <= day <= self.end

    def to_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "phrase": self.phrase}


def now(value: str | None = None) -> datetime:
    """Return the current time in WIB: ``value`` or ``NEWSBOT_NOW`` (ISO 8601) when given.

    Raises NewsbotError for a value that is not ISO 8601.
    """
    raw = value if value is not None else os.environ.get(NOW_ENV)
    if not raw:
        return datetime.now(WIB)
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise NewsbotError(
            f"{NOW_ENV}={raw!r} is not an ISO 8601 time (e.g. 2021-09-18T09:00:00+07:00)"
        ) from None
    return moment.replace(tzinfo=WIB) if moment.tzinfo is None else moment.astimezone(WIB)


def published_day(published: str | None) -> date | None:
    """Return the calendar day of an ISO 8601 date or time (as published, in its own zone)."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    return first, first + relativedelta(months=1) - timedelta(days=1)


def _latest(today: date, month: int, day: int, year: int | None) -> date | None:
    """The given day, in ``year`` or else the latest such day on or before today."""
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


_W = r"(?<![\w])"
_E = r"(?![\w])"

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
#: "yang lalu", "yg lalu": the same as "lalu".
_YANG = r"(?:(?:yang|yg)\s+)?"
_AGO_ID = r"(?:(?:yang|yg)\s+)?(?:lalu|lepas|silam|kemarin|kemaren)"
_PAST_ID = r"(?:terakhir|belakangan(?:\s+ini)?|ke\s*belakang)"
_PAST_EN = r"(?:the\s+)?(?:last|past|previous)"
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
_HARI = r"(?:hari|hr)"
_WEEK_WORD = r"(?:minggu|mgg|pekan)"

# (pattern, flags): each returns a window from (match, today). Order: most specific first;
# of two phrases ending at the same place, the earlier here wins.
_PATTERNS: list[tuple[str, str]] = [
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
    ("month_part", rf"{_W}{_PART}[\s-]+{_WHICH_MONTH}{_E}"),
    ("month_year", rf"{_W}(?:bulan\s+)?({_MONTH})\.?\s+(?:tahun\s+)?(\d{{4}}){_E}"),
    (
        "week_of_month",
        rf"{_W}(?:(?:the\s+)?{_ORDINAL_EN}\s+week\s+of|(?:minggu|pekan)\s+{_ORDINAL_ID})\s+"
        rf"{_WHICH_MONTH}{_E}",
    ),
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
    ("weekday_news", rf"{_W}({_WEEKDAY})'s\s+(?:news|headlines|stories|papers){_E}"),
    ("earlier_this_month", rf"{_W}(?:earlier\s+this\s+month|awal\s+bulan\s+hingga\s+kini){_E}"),
    (
        "last_24_hours",
        rf"{_W}(?:(?:24|dua\s+puluh\s+empat)\s+jam\s+{_PAST_ID}|1\s*x\s*24\s+jam(?:\s+{_PAST_ID})?|"
        rf"(?:the\s+)?(?:last|past)\s+24\s+hours){_E}",
    ),
    (
        "today",
        rf"{_W}(?:hari\s+ini|hr\s+ini|hari\s+ni|today(?:'s)?|tonight|malam\s+ini|pagi\s+ini|"
        rf"this\s+morning|tadi\s+pagi|pagi\s+tadi|tadi\s+siang){_E}",
    ),
    (
        "day_before_yesterday",
        rf"{_W}(?:kemarin\s+lusa|kemaren\s+lusa|(?:the\s+)?day\s+before\s+yesterday){_E}",
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
        "last_weekend",
        rf"{_W}(?:akhir\s+(?:pekan|minggu)\s+(?:lalu|kemarin|kemaren|lepas)|"
        rf"(?:last|past|previous)\s+weekend|weekend\s+kemarin|over\s+the\s+weekend){_E}",
    ),
    ("this_weekend", rf"{_W}(?:akhir\s+(?:pekan|minggu)\s+ini|this\s+weekend){_E}"),
    (
        "weekday_last_week",
        rf"{_W}(?:(?:hari\s+)?({_WEEKDAY})\s+(?:minggu|pekan)\s+{_YANG}(?:lalu|kemarin|kemaren|lepas)|"
        rf"({_WEEKDAY})\s+(?:of\s+)?last\s+week|last\s+week'?s\s+({_WEEKDAY})){_E}",
    ),
    (
        "weekday_before",
        rf"{_W}(?:(?:hari\s+)?({_WEEKDAY})\s+(?:lalu|kemarin|kemaren|lepas)|"
        rf"(?:last|previous)\s+({_WEEKDAY})){_E}",
    ),
    (
        "last_week",
        rf"{_W}(?:[mM]inggu\s+{_YANG}(?:lalu|kemarin|kemaren|lepas)|"
        rf"pekan\s+{_YANG}(?:lalu|kemarin|kemaren|lepas)|"
        rf"(?:last|past|previous)\s+week){_E}",
    ),
    ("this_week", rf"{_W}(?:[mM]inggu\s+ini|pekan\s+ini|this\s+week){_E}"),
    (
        "last_month",
        rf"{_W}(?:bulan\s+{_YANG}(?:lalu|kemarin|kemaren|lepas)|"
        rf"(?:the\s+)?(?:last|past|previous)\s+month){_E}",
    ),
    ("this_month", rf"{_W}(?:bulan\s+ini|this\s+month){_E}"),
    ("last_year", rf"{_W}(?:tahun\s+{_YANG}(?:lalu|kemarin|lepas)|last\s+year|past\s+year){_E}"),
    (
        "yesterday",
        rf"{_W}(?:kemarin|kemaren|kmrn|kmren|kmarin|kemrin|yesterday|semalam|tadi\s+malam){_E}",
    ),
    ("this_year", rf"{_W}(?:tahun\s+ini|this\s+year){_E}"),
    ("weekday", rf"{_W}(?:(?:hari|pada|on|last|from|dari|since|sejak)\s+)({_WEEKDAY}){_E}"),
]
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _PATTERNS]


def _is_weekday_minggu(question: str, match: re.Match[str]) -> bool:
    """A capitalised "Minggu" inside a sentence is Sunday, not the week."""
    text = match.group(0)
    if not text.startswith("Minggu"):
        return False
    before = question[: match.start()].rstrip()
    return bool(before) and before[-1] not in ".?!"


#: Capitalised words before a weekday that make it the end of a quoted headline.
_HEADLINE_WORDS = 3


def _ends_a_headline(question: str, start: int) -> bool:
    """Whether the weekday at ``start`` closes a run of capitalised words, a headline's
    ("berita Gubernur BI Dihadirkan di Pengadilan Tipikor Soal E KTP Kamis kemarin": the
    hearing's Thursday, then the question's "kemarin"), not the question's own "Kamis
    kemarin" ("berita Novanto Senin lalu" is last Monday)."""
    before = re.findall(r"[\w'-]+", question[:start])[-_HEADLINE_WORDS:]
    return len(before) == _HEADLINE_WORDS and all(w[:1].isupper() or w.isdigit() for w in before)


def _is_a_weekday(question: str, match: re.Match[str]) -> bool:
    """ "minggu lalu" is last week; "Minggu lalu" inside a sentence, or "hari Minggu
    lalu", is last Sunday; every other weekday name is a weekday."""
    named = next(group for group in match.groups() if group)
    if named.lower() != "minggu":
        return True
    return match.group(0).lower().startswith("hari") or (
        named == "Minggu"
        and bool(question[: match.start()].strip())
        and question[: match.start()].rstrip()[-1] not in ".?!"
    )


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def _weekend(monday: date) -> tuple[date, date]:
    """The Saturday and Sunday of the week starting ``monday``."""
    return monday + timedelta(days=5), monday + timedelta(days=6)


def _named_month(m: re.Match[str], group: int, today: date) -> date:
    """The first day of the month ``_WHICH_MONTH`` matched from group ``group`` on: this or
    last month, or a named one (the latest on or before today without a year)."""
    relative = (m.group(group) or m.group(group + 1) or "").lower()
    if relative:
        back = 0 if relative in {"ini", "this"} else 1
        first: date = date(today.year, today.month, 1) - relativedelta(months=back)
        return first
    month = MONTHS[m.group(group + 2).lower()]
    year = _year(m.group(group + 3))
    if year is None:
        year = today.year if month <= today.month else today.year - 1
    return date(year, month, 1)


def _clipped(start: date, end: date, today: date) -> tuple[date, date] | None:
    """``start`` to ``end``, ending today at the latest; None if it starts after today."""
    return (start, min(end, today)) if start <= today else None


def _part_of_month(m: re.Match[str], today: date) -> tuple[date, date] | None:
    """Days 1-10, 11-20 or 21 to the end of the month a "month_part" match names; a part
    of this month ends today at the latest."""
    part = _PARTS[" ".join(m.group(1).lower().split())]
    first = _named_month(m, 2, today)
    last = first + relativedelta(months=1) - timedelta(days=1)
    start = first + timedelta(days=10 * part)
    end = last if part == 2 else first + timedelta(days=10 * part + 9)
    return _clipped(start, end, today)


def _week_of_month(m: re.Match[str], today: date) -> tuple[date, date] | None:
    """Days 1-7, 8-14, 15-21 or 22-28 of the month a "week_of_month" match names, or its
    last seven days."""
    number = _ORDINALS[(m.group(1) or m.group(2)).lower()]
    first = _named_month(m, 3, today)
    last = first + relativedelta(months=1) - timedelta(days=1)
    if number == 5:
        return _clipped(last - timedelta(days=6), last, today)
    start = first + timedelta(days=7 * (number - 1))
    return _clipped(start, start + timedelta(days=6), today)


def _window(name: str, m: re.Match[str], today: date) -> tuple[date, date] | None:
    if name == "day_month_year":
        day = _latest(today, MONTHS[m.group(2).lower()], int(m.group(1)), _year(m.group(3)))
        return (day, day) if day else None
    if name == "month_day_year":
        day = _latest(today, MONTHS[m.group(1).lower()], int(m.group(2)), _year(m.group(3)))
        return (day, day) if day else None
    if name == "numeric_date":
        number, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            if not (1 <= number <= 12 and month <= 31):
                return None
            number, month = month, number  # "10/20": month first, as the day cannot be
        day = _latest(today, month, number, _year(m.group(3)))
        return (day, day) if day else None
    if name in {"day_range", "month_day_range"}:
        if name == "day_range":
            low, high, month = int(m.group(1)), int(m.group(2)), MONTHS[m.group(3).lower()]
        else:
            month, low, high = MONTHS[m.group(1).lower()], int(m.group(2)), int(m.group(3))
        if low > high:
            return None
        start = _latest(today, month, low, _year(m.group(4)))
        end = _latest(today, month, high, _year(m.group(4)))
        if start is None or end is None or end < start:
            return None
        return start, end
    if name == "last_24_hours":
        return today - timedelta(days=1), today
    if name == "month_part":
        return _part_of_month(m, today)
    if name == "week_of_month":
        return _week_of_month(m, today)
    if name == "weekday_last_week":
        wanted = WEEKDAYS[(m.group(1) or m.group(2) or m.group(3)).lower()]
        day = _week(today - timedelta(days=7))[0] + timedelta(days=wanted)
        return day, day
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
            found = _latest(today, first.month, number, first.year)
            if found is not None and found <= today:
                return found, found
        return None
    if name == "month":
        month = MONTHS[m.group(1).lower()]
        return _month(today.year if month <= today.month else today.year - 1, month)
    if name == "weekday_news":
        day = today - timedelta(days=(today.weekday() - WEEKDAYS[m.group(1).lower()]) % 7)
        return day, day
    if name == "month_year":
        return _month(int(m.group(2)), MONTHS[m.group(1).lower()])
    if name == "year":
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
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
        return _week(today - timedelta(days=7))
    if name == "month_ago":
        previous = today - relativedelta(months=1)
        return _month(previous.year, previous.month)
    if name == "months_ago":
        back = today - relativedelta(months=_count(m.group(1) or m.group(2)))
        return _month(back.year, back.month)
    if name == "years_ago":
        year = today.year - _count(m.group(1) or m.group(2))
        return date(year, 1, 1), date(year, 12, 31)
    if name == "weeks_past":
        return today - timedelta(days=7 * _count(m.group(1) or m.group(2)) - 1), today
    if name == "weeks_ago":
        return _week(today - timedelta(days=7 * _count(m.group(1) or m.group(2))))
    if name == "days":
        counted = m.group(1) or m.group(2)
        days = _count(counted) if counted else 7
        return today - timedelta(days=max(days, 1) - 1), today
    if name == "last_weekend":
        return _weekend(_week(today)[0] - timedelta(days=7))
    if name == "this_weekend":
        saturday, sunday = _weekend(_week(today)[0])
        return saturday, min(sunday, max(saturday, today))
    if name == "weekday_before":
        wanted = WEEKDAYS[(m.group(1) or m.group(2)).lower()]
        back = (today.weekday() - wanted) % 7 or 7
        day = today - timedelta(days=back)
        return day, day
    if name == "last_week":
        return _week(today - timedelta(days=7))
    if name == "this_week":
        return _week(today)[0], today
    if name == "last_month":
        previous = today - relativedelta(months=1)
        return _month(previous.year, previous.month)
    if name == "this_month":
        return date(today.year, today.month, 1), today
    if name == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if name == "this_year":
        return date(today.year, 1, 1), today
    if name == "weekday":
        back = (today.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        day = today - timedelta(days=back)
        return day, day
    return None


def _year(text: str | None) -> int | None:
    """A four-digit year, or a two-digit one ("'17", "17") in this century."""
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


#: Windows that can only mean when the news came out.
_COVERAGE_ONLY = {
    "today",
    "yesterday",
    "day_before_yesterday",
    "days_ago",
    "day_ago",
    "week_ago",
    "month_ago",
    "weeks_past",
    "weeks_ago",
    "months_ago",
    "last_24_hours",
    "earlier_this_month",
    "last_weekend",
    "days",
    "last_week",
    "this_week",
    "last_month",
    "this_month",
}
#: Windows counted from now (the rest name dates of their own).
_RELATIVE = _COVERAGE_ONLY | {
    "last_year",
    "this_year",
    "weekday",
    "weekday_before",
    "this_weekend",
    "month_part",
    "day_of_month",
    "month",
    "weekday_news",
    "week_of_month",
    "weekday_last_week",
    "day_range",
    "month_day_range",
    "years_ago",
}


def window_in(question: str, current: datetime) -> Window | None:
    """Return the time window a question names, relative to ``current``; None without one.

    Days are calendar days in WIB. "16 September" without a year is the latest one on or
    before today; "last week" is the previous Monday-to-Sunday week; "this week" runs from
    Monday to today.
    """
    today = current.astimezone(WIB).date()
    found: list[tuple[int, int, Window]] = []
    for order, (name, pattern) in enumerate(_COMPILED):
        for m in pattern.finditer(question):
            if name in {"last_week", "this_week"} and _is_weekday_minggu(question, m):
                continue
            if name in {"weekday_before", "weekday_last_week"} and not _is_a_weekday(question, m):
                continue
            if name == "numeric_date" and m.group(0) == "24/7":
                continue
            if name in {"day_month_year", "month_day_year", "month"} and _ambiguous_short_month(m):
                continue
            span = _window(name, m, today)
            if span is not None:
                window = Window(
                    span[0], span[1], m.group(0), name in _RELATIVE, name in _COVERAGE_ONLY
                )
                since = _SINCE.search(question[: m.start()])
                opens = re.match(r"(?:sejak|since)\s", m.group(0), re.IGNORECASE)
                if (since is not None or opens) and window.end < today:
                    # "sejak kemarin", "since Monday": from that day to today.
                    phrase = question[since.start() if since else m.start() : m.end()]
                    window = Window(
                        window.start, today, phrase, window.relative, window.about_coverage
                    )
                end = m.end()
                if name in {"weekday_before", "weekday_last_week"} and _ends_a_headline(
                    question, m.start()
                ):
                    end = m.start()  # the headline's weekday: only if nothing else is read
                found.append((end, -order, window))
    if found:
        # The last time phrase is the question's own: one before it may be in a quoted
        # headline ("berita Panglima Mau Berangkat Hari Ini kemarin").
        return max(found, key=lambda item: (item[0], item[1]))[2]
    return _bare_minggu(question, today)


#: "sejak"/"since" just before a time phrase (or opening it): that day to today.
_SINCE = re.compile(r"(?<![\w])(?:sejak|since)\s+(?:(?:hari|pada|on|the)\s+)?$", re.IGNORECASE)


def _ambiguous_short_month(m: re.Match[str]) -> bool:
    """Lower-case English "may" is the verb ("what may 2 ministers..."): only "May" names
    the month."""
    return "may" in m.group(0).split()


_MINGGU = re.compile(r"(?<![\w])Minggu(?![\w])")


def _bare_minggu(question: str, today: date) -> Window | None:
    """ "Minggu" capitalised inside a sentence, without "lalu"/"ini": the last Sunday."""
    for m in _MINGGU.finditer(question):
        before = question[: m.start()].rstrip()
        if before and before[-1] not in ".?!":
            day = today - timedelta(days=(today.weekday() - 6) % 7)
            return Window(day, day, m.group(0), True, False)
    return None


def without(question: str, phrase: str) -> str:
    """Return the question without ``phrase`` (a time or outlet phrase), spaces tidied."""
    cleaned = question.replace(phrase, " ", 1)
    return " ".join(cleaned.split()).strip(" ,")
