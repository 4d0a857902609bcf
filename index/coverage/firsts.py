"""Who reported first: the earliest dated articles, where articles dated by day alone on
the first day are a tie (no one can be called first), and undated articles never count."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from newsbot.index.coverage.book import ArticleRef
from newsbot.index.coverage.when import published_day


def has_time(published: str | None) -> bool:
    """Whether an ISO 8601 publication value gives a time of day, not a date alone."""
    if not published or "T" not in published:
        return False
    try:
        datetime.fromisoformat(published)
    except ValueError:
        return False
    return True


def _instant(published: str) -> float:
    """Seconds since the epoch of a timed publication (a time without an offset is read
    as UTC: only compared with others of the same index)."""
    moment = datetime.fromisoformat(published)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=None).timestamp()
    return moment.timestamp()


def first_reports(articles: Iterable[ArticleRef]) -> tuple[ArticleRef, ...]:
    """Return the article(s) that reported first, by outlet then id for a tie.

    Only dated articles count. On the first day, articles with a time are ordered by it,
    unless one of that day is dated by day alone: then every article of the day ties.
    Empty when no article is dated.
    """
    dated = [a for a in articles if published_day(a.published) is not None]
    if not dated:
        return ()
    first_day = min(published_day(a.published) for a in dated)  # type: ignore[type-var]
    day = [a for a in dated if published_day(a.published) == first_day]
    tie_key = lambda a: (a.source or "", a.id)  # noqa: E731
    if all(has_time(a.published) for a in day):
        earliest = min(_instant(a.published or "") for a in day)
        day = [a for a in day if _instant(a.published or "") == earliest]
    return tuple(sorted(day, key=tie_key))


def outlets_in_order(articles: Sequence[ArticleRef]) -> tuple[str, ...]:
    """Return the outlets of ``articles`` (undated last), each once, in the order of its
    first dated report; outlets tied on a day keep name order."""
    firsts: dict[str, tuple[int, float, str]] = {}
    for article in articles:
        if not article.source:
            continue
        day = published_day(article.published)
        if day is None:
            key = (1, 0.0, article.source)
        else:
            # Same-day articles without times tie at the start of the day.
            seconds = _instant(article.published or "") if has_time(article.published) else 0.0
            start = datetime(day.year, day.month, day.day).timestamp()
            key = (0, start if not seconds else max(start, seconds), article.source)
        if article.source not in firsts or key < firsts[article.source]:
            firsts[article.source] = key
    return tuple(sorted(firsts, key=lambda name: firsts[name]))


def original_first(
    copies: Sequence[ArticleRef], opening: Callable[[ArticleRef], str]
) -> list[ArticleRef]:
    """Order copies of one text, the one to cite first: the first report
    (``first_reports``); among tied ones, the outlet whose article names it in its
    ``opening`` (its title and first paragraph: "Jakarta, CNN Indonesia --" is CNN
    Indonesia's own), then by outlet and id; then the rest in publication order (undated
    last). Deterministic whatever order the copies were found in."""
    tied = first_reports(copies)

    def named(article: ArticleRef) -> tuple[int, str, str]:
        source = (article.source or "").casefold()
        own = bool(source) and source in opening(article).casefold()
        return (0 if own else 1, source, article.id)

    lead = sorted(tied, key=named)[:1] or sorted(copies, key=named)[:1]
    rest = [a for a in copies if a not in lead]
    rest.sort(key=lambda a: (published_day(a.published) is None, a.published or "", a.id))
    return [*lead, *rest]
