"""A time window read from a question: calendar days, inclusive, and the question's words
for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


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


def without(question: str, phrase: str) -> str:
    """Return the question without ``phrase`` (a time or outlet phrase), spaces tidied."""
    cleaned = question.replace(phrase, " ", 1)
    return " ".join(cleaned.split()).strip(" ,")
