"""One-line descriptions of coverage, in English or Indonesian: "4 outlets since 17 Sep
2021, first: ANTARA 08:10 WIB"."""

from __future__ import annotations

from datetime import datetime, timedelta

from newsbot.index.coverage.book import ArticleRef, Story

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
}
_WORDS = {
    "en": {
        "outlets": "{n} outlets since {day}, first: {first}",
        "outlet": "1 outlet since {day}",
        "articles": "{n} articles",
        "also": "Also carried by {outlets}",
        "newest": "The newest coverage I have is from {day}.",
        "unknown": "unknown outlet",
        "caption": "{articles} articles, {outlets}: first {first}, latest {latest}",
    },
    "id": {
        "outlets": "{n} media sejak {day}, pertama: {first}",
        "outlet": "1 media sejak {day}",
        "articles": "{n} artikel",
        "also": "Juga dimuat {outlets}",
        "newest": "Berita terbaru yang saya punya dari {day}.",
        "unknown": "media tak dikenal",
        "caption": "{articles} artikel, {outlets}: pertama {first}, terakhir {latest}",
    },
}
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT", 0: "UTC"}


def _language(language: str) -> str:
    return language if language in _WORDS else "en"


def day_text(published: str | None, language: str = "en") -> str:
    """Return "17 Sep 2021" for an ISO 8601 date or time; "?" without one."""
    if not published:
        return "?"
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published[:10]
    months = _MONTHS[_language(language)]
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"


def time_text(published: str | None) -> str:
    """Return "08:10 WIB" for an ISO 8601 time with an offset ("08:10" without one); empty
    for a date alone."""
    if not published or "T" not in published:
        return ""
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return ""
    clock = moment.strftime("%H:%M")
    offset = moment.utcoffset()
    if offset is None:
        return clock
    hours = offset / timedelta(hours=1)
    zone = _ZONES.get(int(hours)) if hours.is_integer() else None
    return f"{clock} {zone or moment.strftime('UTC%z')}"


def reporter(article: ArticleRef, language: str = "en", *, day: bool = False) -> str:
    """Return "ANTARA 08:10 WIB" (with ``day``: "ANTARA, 17 Sep 2021 08:10 WIB")."""
    name = article.source or _WORDS[_language(language)]["unknown"]
    when = time_text(article.published)
    if day:
        when = f"{day_text(article.published, language)} {when}".strip()
        return f"{name}, {when}"
    return f"{name} {when}".strip()


def story_line(story: Story, language: str = "en") -> str:
    """Return the line shown under a passage: how many outlets since when, who was first."""
    words = _WORDS[_language(language)]
    day = day_text(story.first.published, language)
    if len(story.outlets) <= 1:
        line = words["outlet"].format(day=day)
    else:
        first = reporter(story.first, language)
        line = words["outlets"].format(n=len(story.outlets), day=day, first=first)
    if len(story.articles) > len(story.outlets):
        line += f" ({words['articles'].format(n=len(story.articles))})"
    return line


def also_line(outlets: list[str], language: str = "en") -> str:
    """Return "Also carried by Suara, Merdeka"."""
    return _WORDS[_language(language)]["also"].format(outlets=", ".join(outlets))


def newest_line(day: str, language: str = "en") -> str:
    """Return "The newest coverage I have is from 17 Sep 2021."."""
    return _WORDS[_language(language)]["newest"].format(day=day_text(day, language))


def timeline_caption(story: Story, language: str = "en") -> str:
    """Return a chart's one-line caption: articles, outlets, first report, latest."""
    words = _WORDS[_language(language)]
    return words["caption"].format(
        articles=len(story.articles),
        outlets=", ".join(story.outlets) or words["unknown"],
        first=reporter(story.first, language, day=True),
        latest=day_text(story.latest.published, language),
    )
