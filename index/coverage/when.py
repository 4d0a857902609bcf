"""Time windows from questions: "kemarin", "minggu lalu", "in September 2021", "16 September".

A window is a range of calendar days, inclusive, relative to the current time, which
``NEWSBOT_NOW`` (ISO 8601) fixes for tests and reproducible runs. "Minggu" the weekday
(capitalised inside a sentence, or after "hari"/"pada") is not "minggu" the week.

The phrases are read by what they name, each in a module of its own: dates
(:mod:`.named_dates`), days of the week (:mod:`.named_days`), parts of a month and weekends
(:mod:`.month_parts`) and windows counted back from today (:mod:`.counted_back`); this
module tries them in one order and keeps the question's own phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from types import ModuleType

from newsbot.index.coverage import counted_back, month_parts, named_dates, named_days
from newsbot.index.coverage.clock import NOW_ENV, WIB, now
from newsbot.index.coverage.days import Span
from newsbot.index.coverage.window import Window, published_day, without
from newsbot.index.reading.dates import MONTHS

__all__ = [
    "MONTHS",
    "NOW_ENV",
    "WIB",
    "Window",
    "now",
    "published_day",
    "window_in",
    "without",
]

# The order phrases are tried in: most specific first; of two phrases ending at the same
# place, the earlier here wins.
_ORDER = (
    "day_range",
    "month_day_range",
    "day_month_year",
    "month_day_year",
    "month_part",
    "month_year",
    "week_of_month",
    "numeric_date",
    "iso_date",
    "year",
    "day_of_month",
    "month",
    "weekday_news",
    "earlier_this_month",
    "last_24_hours",
    "today",
    "day_before_yesterday",
    "days_ago",
    "day_ago",
    "week_ago",
    "months_ago",
    "years_ago",
    "month_ago",
    "weeks_ago",
    "days",
    "weeks_past",
    "last_weekend",
    "this_weekend",
    "weekday_last_week",
    "weekday_before",
    "last_week",
    "this_week",
    "last_month",
    "this_month",
    "last_year",
    "yesterday",
    "this_year",
    "weekday",
)
_READERS: tuple[ModuleType, ...] = (named_dates, month_parts, named_days, counted_back)
#: Each pattern's reader: the module whose ``window`` turns its match into days.
_WINDOW: dict[str, Callable[[str, re.Match[str], date], Span | None]] = {
    name: reader.window for reader in _READERS for name, _ in reader.PATTERNS
}
_COMPILED = [
    (name, re.compile(pattern, re.IGNORECASE))
    for wanted in _ORDER
    for reader in _READERS
    for name, pattern in reader.PATTERNS
    if name == wanted
]

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
            if name in {"last_week", "this_week"} and named_days.is_weekday_minggu(question, m):
                continue
            if name in {"weekday_before", "weekday_last_week"} and not named_days.is_a_weekday(
                question, m
            ):
                continue
            if name == "numeric_date" and m.group(0) == "24/7":
                continue
            if name in {
                "day_month_year",
                "month_day_year",
                "month",
            } and named_dates.ambiguous_short_month(m):
                continue
            span = _WINDOW[name](name, m, today)
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
                if name in {"weekday_before", "weekday_last_week"} and named_days.ends_a_headline(
                    question, m.start()
                ):
                    end = m.start()  # the headline's weekday: only if nothing else is read
                found.append((end, -order, window))
    if found:
        # The last time phrase is the question's own: one before it may be in a quoted
        # headline ("berita Panglima Mau Berangkat Hari Ini kemarin").
        return max(found, key=lambda item: (item[0], item[1]))[2]
    return named_days.bare_minggu(question, today)


#: "sejak"/"since" just before a time phrase (or opening it): that day to today.
_SINCE = re.compile(r"(?<![\w])(?:sejak|since)\s+(?:(?:hari|pada|on|the)\s+)?$", re.IGNORECASE)
