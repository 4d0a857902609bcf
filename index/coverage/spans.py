"""When an article can have been published: a span of calendar days, for story grouping.

A dated article was published on its day. An undated one was published no later than it was
first seen (crawled, fetched from a feed or a URL) and, as news is read soon after it is
out, not long before: its span ends on the day it was first seen and starts a few days
earlier. When its lead names the day of its event ("Senin (27/3)", "Kamis", "Jumat
(22/9/2017)"), that day, resolved against the seen time (the last such day on or before
it), narrows the span: the news came out on that day or soon after. A day named further
back than ``NAMED_DAY_MAX_AGE`` days before the seen time is a past event's, not the
news's, and is ignored.

The seen time never stands for the publication date anywhere else (not in answers, not in
time windows): it only bounds the span.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from dateutil.relativedelta import relativedelta, weekdays

from newsbot.index.coverage.when import MONTHS, WIB, published_day
from newsbot.index.reading.dates import WEEKDAYS

#: Days before its first-seen day an undated article may have been published (the story
#: window adds its own days on top). On the 1,533 dated IndoSum articles the crawl time is
#: 0-2 days after the date for 93%, at most 7 days for 1,529; 1 was chosen on the tune
#: half of the labelled pairs (BENCHMARKS.md, "Coverage").
SEEN_SLACK_DAYS = 1
#: Days after the day its lead names that an undated article may have been published;
#: None reads no named day. Reading them did not help on the tune half (BENCHMARKS.md,
#: "Coverage"), so the product leaves them unread.
NAMED_DAY_SLACK_DAYS: int | None = None
#: A day named more than this many days before the seen time is a past event's.
NAMED_DAY_MAX_AGE = 7

# A weekday, capitalised as a name is, optionally followed by its date: "Senin (27/3)",
# "Jumat (22/9/2017)", "Kamis, 5 Oktober 2017", "Sabtu 7/10".
_WEEKDAY = "|".join(sorted((w.capitalize() for w in WEEKDAYS), key=len, reverse=True))
_NAMED_DAY = re.compile(
    rf"(?<![\w'])(?P<weekday>{_WEEKDAY})(?![\w'])"
    r"(?:\s*(?:\(|,)?\s*(?:"
    r"(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})(?:\s*/\s*(?P<year>\d{2,4}))?"
    r"|(?P<mday>\d{1,2})\s+(?P<mname>[A-Za-z]+)(?:\s+(?P<myear>\d{4}))?"
    r")(?!\d))?"
)
# "Minggu" opening a sentence and followed by these is the week ("Minggu lalu ..."), not
# Sunday; inside a sentence a capitalised "Minggu" is the weekday.
_WEEK_WORDS = re.compile(r"\s+(?:lalu|ini|depan|kemarin|ke-?\d+|pertama|kedua|terakhir)\b")


def publication_span(
    published: str | None,
    seen: str | None = None,
    lead: str = "",
    *,
    seen_slack: int = SEEN_SLACK_DAYS,
    named_slack: int | None = NAMED_DAY_SLACK_DAYS,
) -> tuple[date, date] | None:
    """Return the first and last calendar day (inclusive) the article may have been
    published on, or None when nothing bounds it.

    ``published`` and ``seen`` are ISO 8601 (a date alone, or a time with an offset; a time
    without an offset is taken as UTC for ``seen``, as crawl logs keep it); ``lead`` is the
    text that may name the event's day (read only when ``named_slack`` is not None). A
    dated article's span is its day.
    """
    day = published_day(published)
    if day is not None:
        return day, day
    seen_day = seen_date(seen)
    if seen_day is None:
        return None
    named = named_day(lead, seen_day) if named_slack is not None else None
    if named is not None and named_slack is not None:
        return named, min(named + timedelta(days=named_slack), seen_day)
    return seen_day - timedelta(days=seen_slack), seen_day


def event_day(published: str | None, seen: str | None, opening: str) -> date | None:
    """The day of the event an article's opening names ("Senin (27/3)", "Kamis"), resolved
    against its publication day, else its seen day (``named_day``); None when it names
    none or nothing dates the article."""
    reference = published_day(published) or seen_date(seen)
    return named_day(opening, reference) if reference is not None else None


#: The most days ``event_days`` keeps of one opening (the first named).
EVENT_DAYS_KEPT = 8
# Days named relative to the report's own day: "kemarin" is the day before it ("kemarin
# lusa", two days before, is left out), "hari ini", "pagi ini", "tadi malam" the day itself
# (Indonesian newsroom grammar, not any one story's wording; any case, as a sentence may
# open with one).
_RELATIVE_DAY = re.compile(
    r"(?<![\w'])(?:(?P<yesterday>kemarin)(?!\s+lusa)"
    r"|hari\s+ini|(?:pagi|siang|sore|malam)\s+ini|tadi\s+(?:pagi|siang|sore|malam))(?![\w'])",
    re.IGNORECASE,
)


def event_days(
    published: str | None, seen: str | None, opening: str, *, relative: bool = False
) -> tuple[date, ...]:
    """Every day an article's opening names for its happenings, in the order named, at most
    ``EVENT_DAYS_KEPT``: each weekday mention ("Senin (27/3)", "Kamis") resolved as
    ``named_day`` resolves it, against the publication day, else the seen day, within
    ``NAMED_DAY_MAX_AGE`` days before it; with ``relative``, also "kemarin" (the day before)
    and "hari ini" / "pagi ini" / "tadi malam" (the day itself). Empty when it names none or
    nothing dates the article. Where ``event_day`` keeps the first named day, this keeps
    the day a quote is attributed to further on ("kata Febri, Kamis (9/11)")."""
    reference = published_day(published) or seen_date(seen)
    if reference is None:
        return ()
    found: dict[date, int] = {}
    for match in _NAMED_DAY.finditer(opening):
        if match.group("weekday") == "Minggu" and _is_the_week(opening, match):
            continue
        resolved = _resolve(match, reference)
        if resolved is not None and 0 <= (reference - resolved).days <= NAMED_DAY_MAX_AGE:
            found.setdefault(resolved, match.start())
    if relative:
        for match in _RELATIVE_DAY.finditer(opening):
            back = 1 if match.group("yesterday") else 0
            found.setdefault(reference - timedelta(days=back), match.start())
    return tuple(sorted(found, key=found.__getitem__))[:EVENT_DAYS_KEPT]


def seen_date(seen: str | None) -> date | None:
    """The calendar day in WIB of an ISO 8601 seen time (UTC when it has no offset); a date
    alone is that day. None when missing or unreadable."""
    if not seen:
        return None
    try:
        moment = datetime.fromisoformat(seen.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(seen.strip()) <= 10:
        return moment.date()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB).date()


def named_day(text: str, seen_day: date) -> date | None:
    """The first day ``text`` names by weekday (with or without its date) that resolves to
    within ``NAMED_DAY_MAX_AGE`` days on or before ``seen_day``; None without one."""
    for match in _NAMED_DAY.finditer(text):
        weekday = match.group("weekday")
        if weekday == "Minggu" and _is_the_week(text, match):
            continue
        resolved = _resolve(match, seen_day)
        if resolved is not None and 0 <= (seen_day - resolved).days <= NAMED_DAY_MAX_AGE:
            return resolved
    return None


def _is_the_week(text: str, match: re.Match[str]) -> bool:
    """Whether a capitalised "Minggu" opens a sentence about the week ("Minggu lalu")."""
    before = text[: match.start()].rstrip()
    opens = not before or before[-1] in ".?!\"'"
    return opens and bool(_WEEK_WORDS.match(text, match.end()))


def _resolve(match: re.Match[str], seen_day: date) -> date | None:
    """The day a weekday mention means, seen on ``seen_day``: its printed date when it has
    one (the latest such date on or before ``seen_day`` when the year is left out), else
    the last such weekday on or before ``seen_day``."""
    weekday = WEEKDAYS[match.group("weekday").casefold()]
    if match.group("day"):
        day, month, year = match.group("day"), match.group("month"), match.group("year")
    elif match.group("mday") and match.group("mname").casefold() in MONTHS:
        day, month = match.group("mday"), MONTHS[match.group("mname").casefold()]
        year = match.group("myear")
    else:
        last: date = seen_day + relativedelta(weekday=weekdays[weekday](-1))
        return last
    try:
        if year:
            full = int(year) + (2000 if len(year) == 2 else 0)
            return date(full, int(month), int(day))
        candidate = date(seen_day.year, int(month), int(day))
        if candidate > seen_day:
            candidate = date(seen_day.year - 1, int(month), int(day))
        return candidate
    except ValueError:
        return None
