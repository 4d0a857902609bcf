"""One-line descriptions of coverage, in English or Indonesian: "4 outlets since 17 Sep
2021, first: ANTARA 08:10 WIB"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from newsbot.index.coverage.book import ArticleRef, Story
from newsbot.index.coverage.firsts import first_reports

_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
}
_WORDS = {
    "en": {
        "outlets": "{n} outlets since {day}, first: {first}",
        "outlet": "1 outlet since {day}",
        "outlets_undated": "{n} outlets, no dates",
        "outlet_undated": "1 outlet, no date",
        "no_first": "No dates tell who reported it first",
        "no_date": "no date",
        "chart_axis": "articles",
        "chart_undated": "no dated articles",
        "articles": "{n} articles",
        "article": "1 article",
        "outlets_n": "{n} outlets",
        "outlet_n": "1 outlet",
        "and": "and",
        "same_day": "same day, no times",
        "also": "Also carried by {outlets}",
        "newest": "The newest coverage I have is from {day}.",
        "unknown": "unknown outlet",
        "caption": "{articles}, {outlets}: first {first}, latest {latest}",
        "no_outlet": "There are no articles from {outlet} in this index.",
        "held": "Outlets in this index: {outlets}.",
        "spans": "This spans {n} stories; the first report named is the closest one's: {title}.",
        "spans_first": "This spans {n} stories; that is the closest one's first report.",
        "spans_since": "This spans {n} stories; that is the earliest report of them all.",
        "undated_latest": "The articles from {outlet} in this index carry no publication "
        "date, so none of them can be called the newest; ask about a topic to read them.",
        "undated_window": "The articles from {outlet} in this index carry no publication "
        "date, so none of them can be placed in {window}; ask about a topic to read them.",
        "held_more": "{outlets} and {n} more",
        "not_covered": "The indexed news does not cover this question.",
        "window_empty": "Nothing in the indexed news from {window} answers this.",
        "reported": "{outlets} reported this: {names}.",
        "reported_window": "{outlets} published {articles} {window}: {names}.",
        "first_one": "First reported by {who}",
        "first_tie": "First reported on {day} by {who} (same day, no times to tell them apart)",
        "count": "{articles} about this, from {outlets} ({names}).",
        "count_window": "{articles} {window}, from {outlets} ({names}).",
        "count_all": "{articles} in this index, from {outlets} ({names}).",
        "first_short": "First: {who}.",
        "in_window": "from {window}",
    },
    "id": {
        "outlets": "{n} media sejak {day}, pertama: {first}",
        "outlet": "1 media sejak {day}",
        "outlets_undated": "{n} media, tanpa tanggal",
        "outlet_undated": "1 media, tanpa tanggal",
        "no_first": "Tidak ada tanggal yang menunjukkan siapa yang pertama memberitakannya",
        "no_date": "tanpa tanggal",
        "chart_axis": "artikel",
        "chart_undated": "tidak ada artikel bertanggal",
        "articles": "{n} artikel",
        "article": "1 artikel",
        "outlets_n": "{n} media",
        "outlet_n": "1 media",
        "and": "dan",
        "same_day": "hari yang sama, tanpa jam",
        "also": "Juga dimuat {outlets}",
        "newest": "Berita terbaru yang saya punya dari {day}.",
        "unknown": "media tak dikenal",
        "caption": "{articles}, {outlets}: pertama {first}, terakhir {latest}",
        "no_outlet": "Tidak ada artikel dari {outlet} di indeks ini.",
        "held": "Media yang ada di indeks: {outlets}.",
        "spans": "Ini mencakup {n} peristiwa; laporan pertama yang disebut dari peristiwa "
        "terdekat: {title}.",
        "spans_first": "Ini mencakup {n} peristiwa; itu laporan pertama peristiwa terdekat.",
        "spans_since": "Ini mencakup {n} peristiwa; itu laporan paling awal dari semuanya.",
        "undated_latest": "Artikel dari {outlet} di indeks ini tidak bertanggal terbit, "
        "jadi tidak ada yang bisa disebut terbaru; tanyakan suatu topik untuk membacanya.",
        "undated_window": "Artikel dari {outlet} di indeks ini tidak bertanggal terbit, "
        "jadi tidak ada yang bisa ditempatkan pada {window}; tanyakan suatu topik untuk "
        "membacanya.",
        "held_more": "{outlets} dan {n} lainnya",
        "not_covered": "Berita yang diindeks tidak membahas pertanyaan ini.",
        "window_empty": "Tidak ada berita yang diindeks dari {window} yang menjawab ini.",
        "reported": "{outlets} memberitakan ini: {names}.",
        "reported_window": "{outlets} memuat {articles} {window}: {names}.",
        "first_one": "Pertama diberitakan oleh {who}",
        "first_tie": "Pertama diberitakan pada {day} oleh {who} (hari yang sama, tanpa jam "
        "untuk membedakannya)",
        "count": "{articles} tentang ini, dari {outlets} ({names}).",
        "count_window": "{articles} {window}, dari {outlets} ({names}).",
        "count_all": "{articles} di indeks ini, dari {outlets} ({names}).",
        "first_short": "Pertama: {who}.",
        "in_window": "dari {window}",
    },
}
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT", 0: "UTC"}


def _language(language: str) -> str:
    return language if language in _WORDS else "en"


def words_for(language: str) -> dict[str, str]:
    """The coverage phrases of ``language`` (``en`` or ``id``; English otherwise)."""
    return _WORDS[_language(language)]


def articles_text(n: int, language: str = "en") -> str:
    """Return "1 article" / "3 articles" ("1 artikel" / "3 artikel")."""
    words = words_for(language)
    return words["article"] if n == 1 else words["articles"].format(n=n)


def outlets_text(n: int, language: str = "en") -> str:
    """Return "1 outlet" / "3 outlets" ("1 media" / "3 media")."""
    words = words_for(language)
    return words["outlet_n"] if n == 1 else words["outlets_n"].format(n=n)


def names_text(names: list[str], language: str = "en") -> str:
    """Return "A", "A and B", "A, B and C" ("dan" in Indonesian)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {words_for(language)['and']} {names[-1]}"


def window_text(start: date, end: date, language: str = "en") -> str:
    """Return "26 May 2017" for one day, "15 May 2017 to 21 May 2017" for several."""
    first = day_text(start.isoformat(), language)
    if start == end:
        return first
    joiner = " to " if _language(language) == "en" else " sampai "
    return f"{first}{joiner}{day_text(end.isoformat(), language)}"


def first_text(firsts: Sequence[ArticleRef], language: str = "en") -> str:
    """Who reported first: "ANTARA, 17 Sep 2021 08:10 WIB", or for a tie on a day without
    times "cnn indonesia and antaranews (25 May 2017, same day, no times)"."""
    if not firsts:  # no article has a date
        return words_for(language)["no_first"]
    unknown = words_for(language)["unknown"]
    outlets = sorted({a.source or unknown for a in firsts})
    if len(outlets) == 1:
        return reporter(firsts[0], language, day=True)
    day = day_text(firsts[0].published, language)
    return f"{names_text(outlets, language)} ({day}, {words_for(language)['same_day']})"


def day_text(published: str | None, language: str = "en") -> str:
    """Return "17 Sep 2021" for an ISO 8601 date or time; "no date" ("tanpa tanggal")
    without one."""
    if not published:
        return words_for(language)["no_date"]
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
    """Return the line shown under a passage: how many outlets since when, who was first
    (outlets tied on a first day without times are all named)."""
    words = _WORDS[_language(language)]
    day = day_text(story.first.published, language)
    if story.first.published is None:  # none of its articles has a date
        n = len(story.outlets)
        line = words["outlet_undated"] if n <= 1 else words["outlets_undated"].format(n=n)
    elif len(story.outlets) <= 1:
        line = words["outlet"].format(day=day)
    else:
        firsts = first_reports(story.articles)
        if len({a.source for a in firsts}) > 1:
            names = sorted({a.source or words["unknown"] for a in firsts})
            first = f"{names_text(names, language)} ({words['same_day']})"
        else:
            first = reporter(firsts[0] if firsts else story.first, language)
        line = words["outlets"].format(n=len(story.outlets), day=day, first=first)
    if len(story.articles) > len(story.outlets):
        line += f" ({articles_text(len(story.articles), language)})"
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
    articles = articles_text(len(story.articles), language)
    outlets = ", ".join(story.outlets) or words["unknown"]
    if story.first.published is None:  # none of its articles has a date
        return f"{articles}, {outlets}: {words['no_date']}"
    return words["caption"].format(
        articles=articles,
        outlets=outlets,
        first=first_text(first_reports(story.articles) or (story.first,), language),
        latest=day_text(story.latest.published, language),
    )
