"""Publication dates as news sites print them, turned into ISO 8601."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

#: Indonesian, English and Malay month names written in full, plus old spellings
#: (Pebruari, Nopember) that older Indonesian sites still print, lowercase, to month
#: numbers. "may" and the Malay "mac" are ordinary words too.
MONTH_NAMES: dict[str, int] = {
    "januari": 1, "january": 1, "februari": 2, "pebruari": 2, "february": 2,
    "maret": 3, "march": 3, "april": 4, "mei": 5, "may": 5, "juni": 6, "june": 6,
    "juli": 7, "july": 7, "agustus": 8, "august": 8, "september": 9,
    "oktober": 10, "october": 10, "november": 11, "nopember": 11,
    "desember": 12, "december": 12,
    # Malay: Mac, Julai, Ogos, Disember (the other months are written as in Indonesian).
    "mac": 3, "julai": 7, "ogos": 8, "disember": 12,
}  # fmt: skip
#: The months' abbreviations as Indonesian and English sites print them ("17 Agt",
#: "Sept 17"): many are ordinary words too ("mar", "des", "sat"), so a reader counts them
#: beside a number.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "agu": 8, "agt": 8, "agst": 8, "ags": 8, "aug": 8, "sept": 9, "sep": 9,
    "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}  # fmt: skip
#: Every month word, full or abbreviated: the one table of month names, which page dates,
#: the time windows of questions (``coverage.named_dates``) and the written answers' check
#: (``answering.verify``) all read.
MONTHS: dict[str, int] = MONTH_NAMES | MONTH_ABBREVIATIONS

# Indonesia's three time zones; a bare GMT/UTC means +00:00 unless an offset follows.
_ZONES = {"wib": 7, "wita": 8, "wit": 9, "gmt": 0, "utc": 0, "ut": 0, "z": 0}
_ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}

#: The zone an instant without one (epoch seconds, a fetch clock) is shown in: WIB, where
#: most Indonesian outlets publish.
DEFAULT_ZONE = timezone(timedelta(hours=7))

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

_DAY_NAMES = frozenset(
    {
        "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "sen", "sel", "rab", "kam", "jum", "sab", "min", "mon", "tue", "wed", "thu", "fri",
        "sat", "sun",
    }
)  # fmt: skip

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_CLOCK = (
    r"(?<![\d.:/])(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?(?![.,]?\d)"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?"
)
# Between a date and its time: commas, "pukul", "|", and the " - " or " / " some outlets
# print ("Rabu, 5 Januari 2022 - 14:30 WITA", "Mon, January 3, 2022 / 06:45 pm").
_TIME = r"(?:(?:,|\s|\bpukul\b|\bjam\b|\bat\b|\||/|-|\u2013|\u2014)\s*)*" + _CLOCK
_ZONE = (
    r"(?:\s*(?P<zone>wita|wib|wit|gmt|utc|ut|z)\b)?"  # UT: RFC 822's name for UTC
    # "+07:00", "+0700", "+700" (GMT+700, as ANTARA English prints it), "+7".
    r"(?:\s*(?P<offset>[+-](?:\d{1,2}:\d{2}|\d{3,4}|\d{1,2})(?!\d)))?"
)
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})"
    r"(?:(?:t|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    # A spreadsheet's 12-hour clock after an ISO day: "2021-05-13 1:05 PM".
    r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![^\W\d_]))?)?" + _ZONE,
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH})\.?,?\s*(?P<year>\d{{4}})(?!\d)"
    rf"(?:{_TIME})?" + _ZONE,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)"
    rf"(?:{_TIME})?" + _ZONE,
    re.IGNORECASE,
)
# Indonesian numeric dates are day first: 17/09/2021.
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})(?!\d)"
    rf"(?:{_TIME})?" + _ZONE,
    re.IGNORECASE,
)
# Some sites print the time first: "16.30 WIB, 17 September 2021".
_TIME_FIRST = re.compile(
    _CLOCK
    + _ZONE
    + rf"[\s,|-]+(?:[^\W\d_]+,?\s+)?(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH})\.?,?\s*"
    + r"(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)
_PATTERNS = (_ISO, _TIME_FIRST, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _NUMERIC)
_WORD = re.compile(r"[^\W\d_]+(?:['.][^\W\d_]+)*")
# Words a date line may carry besides the date: "Diperbarui", "Published", a site name.
_DATE_LINE_WORDS = frozenset(
    {
        "diperbarui", "diterbitkan", "dipublikasikan", "terbit", "tanggal", "pukul",
        "published", "updated", "posted", "on",
    }
)  # fmt: skip


def parse_published(text: str) -> str | None:
    """Return the first publication date in ``text`` as ISO 8601, or None.

    A date alone gives ``2021-09-17``; with a time, ``2021-09-17T16:30:00`` plus the offset
    when a zone is printed (WIB +07:00, WITA +08:00, WIT +09:00, GMT/UTC, ``+0700``).
    """
    found = _find(text)
    return found[0] if found else None


def find_published(text: str) -> tuple[str, int, int] | None:
    """The first publication date in ``text``: (ISO 8601 as ``parse_published`` gives it,
    start, end), or None."""
    return _find(text)


def is_date_line(line: str) -> bool:
    """Tell whether ``line`` is only a date line, such as ``- Jumat, 17/09/2021 16:30 WIB``."""
    if len(line) > 80:
        return False
    found = _find(line)
    if found is None:
        return False
    rest = line[: found[1]] + " " + line[found[2] :]
    words = [w for w in _WORD.findall(rest) if w.lower() not in _DAY_NAMES | _DATE_LINE_WORDS]
    return len(words) <= 1


def _find(text: str) -> tuple[str, int, int] | None:
    """Return the earliest date in ``text`` as (ISO string, start, end)."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            iso = _to_iso(match)
            if iso is not None:
                best = (iso, match.start(), match.end())
                break
    return best


def _to_iso(match: re.Match[str]) -> str | None:
    """Build the ISO string for one match, or None when it is no real date."""
    fields = match.groupdict()
    month_text = fields["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    try:
        day = datetime(int(fields["year"]), month, int(fields["day"]))
    except ValueError:
        return None
    if fields.get("hour") is None:
        return day.date().isoformat()
    hour, minute = int(fields["hour"]), int(fields["minute"])
    ampm = (fields.get("ampm") or "").replace(".", "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = day.replace(hour=hour, minute=minute, second=int(fields["second"] or 0))
    except ValueError:
        return day.date().isoformat()
    offset = _offset(fields.get("zone"), fields.get("offset"))
    if offset is not None:
        moment = moment.replace(tzinfo=timezone(offset))
    return moment.isoformat()


def _offset(zone: str | None, offset: str | None) -> timedelta | None:
    """Return the UTC offset a zone name and/or a numeric offset stand for."""
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        if int(hours) > 14 or int(minutes) > 59:
            return None
        return sign * timedelta(hours=int(hours), minutes=int(minutes))
    if zone:
        return timedelta(hours=_ZONES[zone.lower()])
    return None


# -- epoch seconds -------------------------------------------------------------------------

# Epoch seconds from 2001 to 2286, or milliseconds in the same span: a number of 9-13 digits.
_EPOCH = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{12,13}$")


def published_from_value(value: object, zone: timezone = DEFAULT_ZONE) -> str | None:
    """Return a record's date field as ISO 8601, keeping the offset it was written with.

    ``value`` is a string in any shape :func:`parse_published` reads, or epoch seconds
    (int, float or digits; 13 digits are milliseconds), which name an instant without a zone
    and are given in ``zone`` (WIB unless told). Anything else gives None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = repr(value) if isinstance(value, float) else str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if _EPOCH.match(text):
        seconds = float(text) / (1000 if len(text) >= 12 and "." not in text else 1)
        try:
            moment = datetime.fromtimestamp(seconds, zone)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.replace(microsecond=0).isoformat()
    return parse_published(text)


def utc_in_wib(published: str) -> str:
    """``published`` in WIB when it gives only a UTC instant (``+00:00``: a server's clock,
    a feed's GMT, a scraper's ``Z``), since an Indonesian outlet's day is WIB's: 20:25 UTC on
    3 January is 03:25 WIB on 4 January. Any other date is returned as it is."""
    if not published.endswith("+00:00"):
        return published
    return datetime.fromisoformat(published).astimezone(DEFAULT_ZONE).isoformat()


def seen_from_value(value: object) -> str | None:
    """Return a record's crawl or fetch time as ISO 8601, or None when it is no time.

    Read as :func:`published_from_value` reads a date, except that a time without an offset
    and epoch seconds are taken as UTC, as crawl and fetch logs keep them.
    """
    seen = published_from_value(value, UTC)
    if seen is None or "T" not in seen:
        return seen
    moment = datetime.fromisoformat(seen)
    return seen if moment.tzinfo is not None else moment.replace(tzinfo=UTC).isoformat()


# -- plausible publication dates -----------------------------------------------------------

#: The earliest publication date read as one: earlier years are placeholders ("0001-01-01",
#: a system's empty date), not news.
EARLIEST_PUBLISHED = date(1900, 1, 1)
#: How far past the clock a publication date may lie: a day covers every zone's "today".
PUBLISHED_AHEAD = timedelta(days=1)


def implausible_published(published: str, now: datetime | None = None) -> str | None:
    """Why an ISO 8601 publication date cannot be an article's (more than a day after
    ``now``, default the clock; before 1900), or None when it can. A date without an offset
    is compared by its day."""
    moment = datetime.fromisoformat(published)
    latest = (now or datetime.now(UTC)) + PUBLISHED_AHEAD
    aware = moment.tzinfo is not None
    if moment > latest if aware else moment.date() > latest.date():
        return "in the future"
    if moment.date() < EARLIEST_PUBLISHED:
        return f"before {EARLIEST_PUBLISHED.year}"
    return None


# -- relative times ------------------------------------------------------------------------

_UNITS = {
    "detik": "seconds", "second": "seconds", "sec": "seconds",
    "menit": "minutes", "minute": "minutes", "min": "minutes", "mnt": "minutes",
    "jam": "hours", "hour": "hours", "hr": "hours",
    "hari": "days", "day": "days",
    "minggu": "weeks", "pekan": "weeks", "week": "weeks",
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_RELATIVE = re.compile(
    rf"(?P<count>\d{{1,3}}|se|satu|an?|one)\s*(?P<unit>{_UNIT})s?\.?\s+"
    r"(?:(?:yang|yg)\s+)?(?:lalu|silam|ago)\b"
    r"|(?:(?P<yesterday>kemarin|yesterday)|(?P<today>hari\s+ini|today))\b"
    r"(?:[,\s|]*(?:pukul|jam|at)?\s*" + _CLOCK + r"(?:\s*(?P<zone>wita|wib|wit)\b)?)?"
    r"|(?P<now>baru\s+saja|just\s+now)\b",
    re.IGNORECASE,
)
_RELATIVE_LINE_WORDS = frozenset(
    {"diperbarui", "diterbitkan", "dipublikasikan", "terbit", "updated", "published", "posted"}
)


def is_relative_time_line(line: str) -> bool:
    """Tell whether ``line`` is only a relative or partial time: "3 jam lalu", "Diperbarui 2
    jam yang lalu", "kemarin", "5 minutes ago" (an outlet's name beside it is allowed), a
    time or day without its year ("06:45 WIB", "Senin, 06.45", "3 Januari, 06:45"), or a
    vague one ("tadi pagi", "pekan lalu")."""
    if len(line) > 60:
        return False
    if _partial(line) is not None or _VAGUE.fullmatch(line.strip(" .,")):
        return True
    match = _RELATIVE.search(line)
    if match is None:
        return False
    rest = line[: match.start()] + " " + line[match.end() :]
    words = [w for w in _WORD.findall(rest) if w.lower() not in _RELATIVE_LINE_WORDS]
    return len(words) <= 1


def resolve_relative(line: str, now: datetime) -> str | None:
    """Return the moment a relative time line names, counted back from ``now`` (aware), as
    ISO 8601 in WIB, or in the Indonesian zone the line prints ("Kemarin 19:05 WITA"):
    minutes for seconds to hours ago, a date for days and weeks, and "kemarin" / "hari
    ini" with their time when printed ("Kemarin, 10:30"), else their date; None when
    ``line`` holds no relative time. "Hari ini" needs a time to count as one. A partial
    time is the latest moment it can name up to ``now`` ("Senin, 06.45" the last Monday's,
    "3 Januari" this year's or last year's); a vague one ("tadi pagi") names none."""
    partial = _partial(line)
    if partial is not None:
        return _resolve_partial(partial, now)
    match = _RELATIVE.search(line)
    if match is None:
        return None
    zone = match["zone"]
    local = now.astimezone(
        timezone(timedelta(hours=_ZONES[zone.lower()])) if zone else DEFAULT_ZONE
    )
    if match["now"]:
        return local.replace(second=0, microsecond=0).isoformat()
    if match["yesterday"] or match["today"]:
        day = local.date() - timedelta(days=1 if match["yesterday"] else 0)
        if match["hour"] is None:
            return day.isoformat() if match["yesterday"] else None
        clock = _clock(match)
        if clock is None:
            return None
        hour, minute = clock
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=local.tzinfo).isoformat()
    count_text = match["count"].lower()
    count = int(count_text) if count_text.isdigit() else 1
    unit = _UNITS[match["unit"].lower()]
    moment = local - timedelta(**{unit: count})
    if unit in ("days", "weeks"):
        return moment.date().isoformat()
    return moment.replace(second=0, microsecond=0).isoformat()


#: The days of the week as Indonesian and English write them in full, lowercase, to
#: ``date.weekday()`` numbers (Monday 0).
WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
# A page's date line also writes Sunday "Ahad" and the English days short.
_WEEKDAYS = WEEKDAYS | {
    "ahad": 6, "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
# A day or time printed without its year: "06:45 WIB", "Senin, 06.45", "3 Jan | 06:45",
# "Jan 3, 6:45 PM", "Pukul 06.45 WIB".
_PARTIAL = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY})\.?\s*,?\s*)?"
    rf"(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?"
    rf"|(?P<month_first>{_MONTH})\.?\s+(?P<day_after>\d{{1,2}}))?"
    r"\s*[,|\-\u2013]?\s*(?:(?:pukul|jam|at)\s*)?"
    rf"(?:{_CLOCK})?(?:\s*(?P<zone>wita|wib|wit)\b)?",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"(?:tadi\s+(?:pagi|siang|sore|malam)|(?:minggu|pekan|bulan)\s+lalu|last\s+(?:week|month))",
    re.IGNORECASE,
)
# A clock a few minutes after the fetch is the fetch's own day (clocks differ a little).
_CLOCK_SKEW = timedelta(minutes=10)


def _partial(line: str) -> re.Match[str] | None:
    """The match of a line that is only a partial time (a time, or a day and month)."""
    match = _PARTIAL.fullmatch(line.strip())
    if match is None or not (match["hour"] or (match["day"] or match["day_after"])):
        return None
    return match


def _resolve_partial(match: re.Match[str], now: datetime) -> str | None:
    zone = match["zone"]
    local = now.astimezone(
        timezone(timedelta(hours=_ZONES[zone.lower()])) if zone else DEFAULT_ZONE
    )
    day_text, month_text = (
        match["day"] or match["day_after"],
        match["month"] or match["month_first"],
    )
    clock = _clock(match) if match["hour"] else None
    if match["hour"] and clock is None:
        return None
    hour, minute = clock or (0, 0)
    try:
        if day_text:
            month = MONTHS[month_text.lower()]
            day = date(local.year, month, int(day_text))
            if day > local.date():
                day = date(local.year - 1, month, int(day_text))
        elif match["weekday"]:
            back = (local.weekday() - _WEEKDAYS[match["weekday"].lower()]) % 7
            day = local.date() - timedelta(days=back)
        else:
            day = local.date()
    except ValueError:  # 30 Februari, 29 Februari of a common year
        return None
    if clock is None:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=local.tzinfo)
    if moment > local + _CLOCK_SKEW and not day_text:
        moment -= timedelta(days=7 if match["weekday"] else 1)
    return moment.isoformat()


def _clock(match: re.Match[str]) -> tuple[int, int] | None:
    """The (hour, minute) of a match's clock, with "pm" counted; None when no real time."""
    hour, minute = int(match["hour"]), int(match["minute"])
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None


# -- display -------------------------------------------------------------------------------

_SHOWN = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)


def zone_label(offset: str) -> str:
    """Name an ISO offset as Indonesian readers know it: ``+07:00`` is WIB, ``+08:00`` WITA,
    ``+09:00`` WIT; any other is ``UTC`` or ``UTC+05:30``."""
    if offset in ("Z", "+00:00", "+0000", "-00:00"):
        return "UTC"
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if offset[0] == "+" and minutes == 0 and hours in _ZONE_NAMES:
        return _ZONE_NAMES[hours]
    return f"UTC{offset[0]}{hours:02d}:{minutes:02d}"


def display_published(
    value: str | None, months: tuple[str, ...] = ENGLISH_MONTHS, *, with_time: bool = True
) -> str:
    """Show an ISO 8601 date as the outlet printed it, in its own offset, never converted:
    ``2021-09-18T04:10:00+07:00`` is ``18 September 2021, 04:10 WIB``, ``2021-09-18`` is
    ``18 September 2021``; ``months`` names the twelve months. Unreadable text is returned
    as it is; None gives ``""``."""
    if not value:
        return ""
    match = _SHOWN.match(value.strip())
    if match is None or not 1 <= int(match["month"]) <= 12:
        return value
    try:
        date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return value
    shown = f"{int(match['day'])} {months[int(match['month']) - 1]} {match['year']}"
    if not with_time or match["hour"] is None:
        return shown
    shown += f", {match['hour']}:{match['minute']}"
    if match["offset"]:
        shown += f" {zone_label(match['offset'])}"
    return shown
