"""Coverage answers as plain text, in the question's language: the facts of "which
outlets, who first, how many, what is new", and why nothing is cited. Shared by the
terminal and the bot."""

from __future__ import annotations

from newsbot.bot.reply_language import reply_language
from newsbot.index.answering.answers import Answer, Coverage
from newsbot.index.coverage.notes import (
    articles_text,
    day_text,
    first_text,
    names_text,
    outlets_text,
    window_text,
    words_for,
)

#: Outlets named when a question asks for one the index lacks (the rest are counted).
HELD_SHOWN = 12


def answer_language(answer: Answer) -> str:
    """The language to answer in, ``"en"`` or ``"id"``, from the question alone
    (``reply_language.reply_language``)."""
    return reply_language(answer.question)


def format_coverage(answer: Answer, language: str = "en", *, urls: bool = True) -> str:
    """Return what the stories say for a coverage question, one fact a line, in
    ``language``; with ``urls``, the first report's address follows its headline."""
    coverage = answer.coverage
    assert coverage is not None
    if coverage.kind == "latest":
        lines = []
        for number, story in enumerate(coverage.stories, start=1):
            lead = story.latest
            outlets = ", ".join(story.outlets) or "?"
            many = len(story.articles) > 1
            lines.append(
                f"{number}. {lead.title} — {outlets}, {day_text(lead.published, language)}"
                + (f" ({articles_text(len(story.articles), language)})" if many else "")
            )
            if lead.url:
                lines.append(f"   {lead.url}")
        return "\n".join(lines)
    words = words_for(language)
    request = answer.request
    window = request.window if request is not None else None
    period = (
        words["in_window"].format(window=window_text(window.start, window.end, language))
        if window is not None
        else ""
    )
    # Articles that name no outlet (a copy-paste without its outlet line) are counted and
    # named as the story line names them, never as "0 outlets reported this: ."
    names = list(coverage.outlets) or ([words["unknown"]] if coverage.articles else [])
    outlets = outlets_text(len(names), language)
    articles = articles_text(coverage.articles, language)
    first = first_text(coverage.firsts, language)
    if coverage.kind == "outlets":
        if coverage.about_topic or not period:
            head = words["reported"].format(outlets=outlets, names=names_text(names, language))
        else:
            head = words["reported_window"].format(
                outlets=outlets, articles=articles, window=period, names=", ".join(names)
            )
    elif coverage.kind == "first":
        since = bool(request and request.coverage and request.coverage.since)
        spans = _spans(coverage, language, since)
        if not coverage.firsts:  # no article has a date
            return words["no_first"] + "." + spans
        earliest = coverage.firsts[0]
        where = f" ({earliest.url})" if earliest.url and urls else ""
        if len({a.source for a in coverage.firsts}) > 1:
            who = names_text(sorted({a.source or "?" for a in coverage.firsts}), language)
            day = day_text(earliest.published, language)
            return words["first_tie"].format(day=day, who=who) + "." + spans
        return words["first_one"].format(who=first) + f": {earliest.title}{where}." + spans
    elif coverage.about_topic:
        head = words["count"].format(articles=articles, outlets=outlets, names=", ".join(names))
    elif not period:  # "menurut Antara, berapa artikel?": no topic to be "about"
        head = words["count_all"].format(articles=articles, outlets=outlets, names=", ".join(names))
    else:
        head = words["count_window"].format(
            articles=articles, window=period, outlets=outlets, names=", ".join(names)
        )
    tail = words["first_short"].format(who=first) if coverage.firsts else words["no_first"] + "."
    return f"{head} {tail}" + (_spans(coverage, language) if coverage.kind == "count" else "")


def _spans(coverage: Coverage, language: str, since: bool = False) -> str:
    """ " This spans 3 stories; the first report named is the closest one's: ..." for a
    topic whose articles fall in several stories (the first listed is the closest, the best
    passage's); for a "since when" question (``since``), the report named is the earliest
    of them all; empty for one story."""
    if not coverage.about_topic or len(coverage.stories) < 2:
        return ""
    words, n = words_for(language), len(coverage.stories)
    if coverage.kind == "first":  # its headline was just named
        return " " + words["spans_since" if since else "spans_first"].format(n=n)
    return " " + words["spans"].format(n=n, title=coverage.stories[0].first.title)


def unanswered_text(answer: Answer, language: str) -> str:
    """Why nothing is cited, in ``language``: an outlet the index lacks (and the outlets
    it holds, the first :data:`HELD_SHOWN` by name), an outlet whose articles carry no
    date asked for its newest news or a window's, a window with nothing about the
    question, or not covered."""
    words = words_for(language)
    request = answer.request
    if answer.reason == "no_outlet" and request is not None and request.outlet is not None:
        missing = words["no_outlet"].format(outlet=request.outlet.named)
        held = list(request.outlet.held)
        if not held:
            return missing
        shown = ", ".join(held[:HELD_SHOWN])
        if len(held) > HELD_SHOWN:
            shown = words["held_more"].format(outlets=shown, n=len(held) - HELD_SHOWN)
        return f"{missing} {words['held'].format(outlets=shown)}"
    if answer.reason == "undated_outlet" and request is not None and request.outlet is not None:
        outlet = names_text(list(request.outlet.outlets), language)
        if request.window is None:
            return words["undated_latest"].format(outlet=outlet)
        window = window_text(request.window.start, request.window.end, language)
        return words["undated_window"].format(outlet=outlet, window=window)
    if request is not None and request.window is not None:
        window = window_text(request.window.start, request.window.end, language)
        return words["window_empty"].format(window=window)
    return words["not_covered"]
