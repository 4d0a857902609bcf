"""Days of the week a question names: "hari Senin", "Kamis lalu", "Monday of last week",
"Friday's news", and "Minggu" the weekday, which is not "minggu" the week."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsbot.index.coverage.days import KEMARIN, Span, week
from newsbot.index.coverage.days import YANG as _YANG
from newsbot.index.coverage.days import E as _E
from newsbot.index.coverage.days import W as _W
from newsbot.index.coverage.window import Window
from newsbot.index.reading.dates import WEEKDAYS

_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

#: (name, pattern) of each phrase, in the order the time reader tries them.
PATTERNS: list[tuple[str, str]] = [
    ("weekday_news", rf"{_W}({_WEEKDAY})'s\s+(?:news|headlines|stories|papers){_E}"),
    (
        "weekday_last_week",
        rf"{_W}(?:(?:hari\s+)?({_WEEKDAY})\s+(?:minggu|pekan)\s+{_YANG}(?:lalu|{KEMARIN}|lepas)|"
        rf"({_WEEKDAY})\s+(?:of\s+)?last\s+week|last\s+week'?s\s+({_WEEKDAY})){_E}",
    ),
    (
        "weekday_before",
        rf"{_W}(?:(?:hari\s+)?({_WEEKDAY})\s+(?:lalu|{KEMARIN}|lepas)|"
        rf"(?:last|previous)\s+({_WEEKDAY})){_E}",
    ),
    ("weekday", rf"{_W}(?:(?:hari|pada|on|last|from|dari|since|sejak)\s+)({_WEEKDAY}){_E}"),
]


def is_weekday_minggu(question: str, match: re.Match[str]) -> bool:
    """A capitalised "Minggu" inside a sentence is Sunday, not the week."""
    text = match.group(0)
    if not text.startswith("Minggu"):
        return False
    before = question[: match.start()].rstrip()
    return bool(before) and before[-1] not in ".?!"


#: Capitalised words before a weekday that make it the end of a quoted headline.
_HEADLINE_WORDS = 3


def ends_a_headline(question: str, start: int) -> bool:
    """Whether the weekday at ``start`` closes a run of capitalised words, a headline's
    ("berita Gubernur BI Dihadirkan di Pengadilan Tipikor Soal E KTP Kamis kemarin": the
    hearing's Thursday, then the question's "kemarin"), not the question's own "Kamis
    kemarin" ("berita Novanto Senin lalu" is last Monday)."""
    before = re.findall(r"[\w'-]+", question[:start])[-_HEADLINE_WORDS:]
    return len(before) == _HEADLINE_WORDS and all(w[:1].isupper() or w.isdigit() for w in before)


def is_a_weekday(question: str, match: re.Match[str]) -> bool:
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


def window(name: str, m: re.Match[str], today: date) -> Span | None:
    """The day the phrase ``m`` (of pattern ``name``) names: the latest such weekday."""
    if name == "weekday_last_week":
        wanted = WEEKDAYS[(m.group(1) or m.group(2) or m.group(3)).lower()]
        day = week(today - timedelta(days=7))[0] + timedelta(days=wanted)
        return day, day
    if name == "weekday_news":
        day = today - timedelta(days=(today.weekday() - WEEKDAYS[m.group(1).lower()]) % 7)
        return day, day
    if name == "weekday_before":
        wanted = WEEKDAYS[(m.group(1) or m.group(2)).lower()]
        back = (today.weekday() - wanted) % 7 or 7
        day = today - timedelta(days=back)
        return day, day
    if name == "weekday":
        back = (today.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
        if m.group(0).lower().startswith("last") and back == 0:
            back = 7
        day = today - timedelta(days=back)
        return day, day
    return None


_MINGGU = re.compile(r"(?<![\w])Minggu(?![\w])")


def bare_minggu(question: str, today: date) -> Window | None:
    """ "Minggu" capitalised inside a sentence, without "lalu"/"ini": the last Sunday."""
    for m in _MINGGU.finditer(question):
        before = question[: m.start()].rstrip()
        if before and before[-1] not in ".?!":
            day = today - timedelta(days=(today.weekday() - 6) % 7)
            return Window(day, day, m.group(0), True, False)
    return None
