"""Publication dates as news sites print them, turned into ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

# Indonesian and English month names, full and abbreviated, plus old spellings
# (Pebruari, Nopember) that older Indonesian sites still print.
_MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "agst": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip

# Indonesia's three time zones; a bare GMT/UTC means +00:00 unless an offset follows.
_ZONES = {"wib": 7, "wita": 8, "wit": 9, "gmt": 0, "utc": 0, "z": 0}

_DAY_NAMES = frozenset(
    {
        "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "sen", "sel", "rab", "kam", "jum", "sab", "min", "mon", "tue", "wed", "thu", "fri",
        "sat", "sun",
    }
)  # fmt: skip

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_CLOCK = (
    r"(?<![\d.:/])(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?(?![.,]?\d)"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?"
)
_TIME = r"(?:(?:,|\s|\bpukul\b|\bjam\b|\bat\b|\|)\s*)*" + _CLOCK
_ZONE = (
    r"(?:\s*(?P<zone>wita|wib|wit|gmt|utc|z)\b)?"
    r"(?:\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?))?"
)
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})"
    r"(?:(?:t|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?" + _ZONE,
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
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
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
