"""Answer coverage questions from the stories: which outlets reported X, who was first,
how many articles, and what is new.

Every answer about a topic passes the same "not covered" floor as a plain question, inside
the question's window and outlet; a question naming only a window or an outlet ("media apa
saja yang memberitakan pada 26 Mei 2017?") is answered from that window's articles. Nothing
published after now (``NEWSBOT_NOW`` or the clock) is listed as news.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from newsbot.index.answering.answers import Answer, Coverage, Hit
from newsbot.index.answering.fusion import question_language
from newsbot.index.coverage.book import ArticleRef, Story, story_of
from newsbot.index.coverage.firsts import first_reports, has_time, outlets_in_order
from newsbot.index.coverage.questions import CoverageQuestion, Kind
from newsbot.index.coverage.request import Request
from newsbot.index.coverage.when import WIB, published_day

if TYPE_CHECKING:
    from newsbot.index.answering.search import NewsIndex

#: Stories a "what's new" answer lists, one line each.
LATEST_STORIES = 5


def latest_stories(
    index: NewsIndex, since: date | None, until: date | None, limit: int | None = None
) -> list[Story]:
    """Return the stories with an article published from ``since`` to ``until`` (inclusive
    calendar days as published; open where None), newest coverage first, then most outlets."""
    return index.latest_stories(since, until, limit)


def answer_coverage(index: NewsIndex, request: Request, k: int, current: datetime) -> Answer:
    """Answer a coverage question (``request.coverage``) from the index's stories.

    "outlets" and "first" find the story of the best passage for the topic (inside the
    window and outlet, when the question names them; refused below the floor) and answer
    from its articles; "count" counts that story's articles and every other article
    naming the topic with a passage above the floor (``_counted``), and names the same
    first report as "first" (``_first_or_count``). Without a topic, all three answer
    from the window's (or outlet's) articles. "latest" lists the newest stories of the
    window, or of the topic, up to now.
    """
    assert request.coverage is not None
    kind = request.coverage.kind
    if kind == "latest":
        return _latest(index, request, k, current)
    if not request.coverage.topic:
        return _from_articles(index, request, kind, _window_articles(index, request, current))
    answer = _about_topic(index, request, index.passages(request, k, current))
    if not answer.answered or not answer.hits:
        return answer
    if kind in ("count", "first"):
        return _first_or_count(index, request, answer, current)
    story = answer.hits[0].story
    if story is None:
        return answer
    inside = [a for a in story.articles if _inside(request, a, current)]
    if not inside:
        return answer
    found = _from_articles(index, request, kind, inside, stories=(story,))
    return dataclasses.replace(found, hits=answer.hits[:1], newest=answer.newest)


def answer_story(
    index: NewsIndex, question: str, kind: Kind, article_id: str, current: datetime
) -> Answer:
    """Answer ``question``, a follow-up asking ``kind`` ("kapan?", "siapa yang pertama?",
    "berapa artikel?") of the story of ``article_id`` (the article an earlier coverage
    answer cited): from that story's articles out by ``current``, with the article as its
    passage; not covered when the index no longer holds the article."""
    story = index.stories.of(article_id)
    if story is not None:
        story = _until_now(story, current, keep=article_id)
    request = Request(question, question, None, None, CoverageQuestion(kind, ""), False)
    if story is None:
        return Answer(question, answered=False, reason="not_covered", request=request)
    found = _from_articles(index, request, kind, list(story.articles), stories=(story,))
    # About the story: "3 articles about this", not "in this index".
    coverage = found.coverage and dataclasses.replace(found.coverage, about_topic=True)
    return dataclasses.replace(found, coverage=coverage, hits=index.lead_hits([article_id]))


def undated_outlet(index: NewsIndex, request: Request) -> Answer | None:
    """An answer saying that the outlet a question restricts itself to has no dated
    article, when the question needs dates ("menurut Antara, berita terbaru", "menurut
    Antara, berita kemarin") and none of the outlet's articles has one; None otherwise.
    An article's seen time is never its publication date, so such an outlet has no newest
    news and nothing inside a window: the reader is told so, not "not covered"."""
    outlet = request.outlet
    if outlet is None or outlet.missing:
        return None
    latest = request.coverage is not None and request.coverage.kind == "latest"
    if request.window is None and not latest:
        return None
    articles = [a for a in index.stories.articles() if a.source in outlet.outlets]
    if not articles or any(published_day(a.published) is not None for a in articles):
        return None
    return Answer(request.question, answered=False, reason="undated_outlet", request=request)


def _first_or_count(
    index: NewsIndex, request: Request, answer: Answer, current: datetime
) -> Answer:
    """ "Who reported X first" and "how many articles about X" by one rule: X is the story
    of the best passage naming it (``answer``'s first), and both name its first report;
    both list the same stories, that one first, then every other story naming X
    (``_counted``), so a broad X says how many it spans. "How many" counts them all; "who
    first" gives that story's outlets and articles. Before, "who first" kept to the story
    and "how many" named the first report across stories: two answers for one X."""
    assert request.coverage is not None
    kind, lead = request.coverage.kind, answer.hits[0].story
    refs = _counted(index, request, lead, current)
    found = _from_articles(index, request, kind, refs, lead=lead)
    if not found.answered or found.coverage is None:
        return answer
    coverage = found.coverage
    inside = [a for a in lead.articles if _inside(request, a, current)] if lead else []
    if inside:
        ordered = sorted(inside, key=lambda a: (a.published is None, a.published or "", a.id))
        # "Since when is X in the news": the earliest report of every story about X.
        since = sorted(refs, key=lambda a: (a.published is None, a.published or "", a.id))
        firsts = first_reports(since if request.coverage.since else ordered)
        coverage = dataclasses.replace(coverage, firsts=firsts or first_reports(ordered))
        if kind == "first":
            outlets = outlets_in_order(ordered)
            coverage = dataclasses.replace(coverage, articles=len(inside), outlets=outlets)
    return dataclasses.replace(found, coverage=coverage, hits=answer.hits[:1], newest=answer.newest)


def _counted(
    index: NewsIndex, request: Request, lead: Story | None, current: datetime
) -> list[ArticleRef]:
    """The articles "how many articles about X" counts: the events about X, each counted by
    all of its story's articles. An event is about X when it is ``lead`` (the story of the
    best passage naming X) or one of its articles names all of X (``topic_share`` 1: every
    checked word, not just the names and half the rest that ``holds_topic`` asks) with a
    passage above the floor: a story's other outlets often word the event differently
    ("pasukan" for "tentara"), and X may span several events ("sepak bola"), but an
    article naming "Panglima TNI" and "AS" is no report of "Panglima TNI ditolak masuk
    AS". All inside the question's window and outlet and out by ``current``."""
    assert request.coverage is not None
    topic, language = request.coverage.topic, question_language(request.question)
    stories: list[Story] = [lead] if lead is not None else []
    for found in map(index.stories.article, index.matching_articles(request)):
        if found is None or any(found in story.articles for story in stories):
            continue
        if _inside(request, found, current) and _names_all(index, topic, found.id, language):
            story = index.stories.of(found.id)
            stories.append(story if story is not None else story_of(found.id, [found]))
    counted = {a.id: a for story in stories for a in story.articles if _inside(request, a, current)}
    return list(counted.values())


def _names_all(index: NewsIndex, topic: str, article_id: str, language: str) -> bool:
    """Whether an article holds ``topic`` and every checked word of it."""
    return index.holds_topic(topic, article_id, language) and (
        index.topic_share(topic, article_id, language) >= 1.0
    )


def _about_topic(index: NewsIndex, request: Request, answer: Answer) -> Answer:
    """The answer's passages whose article names the whole topic (``holds_topic``), those
    naming more of its words first (``topic_share``; in rank order among equals); not
    covered when none does: above the floor is not enough for a topic named in a few
    words ("the Lombok earthquake" must not be the Kampung Melayu bombing). The first
    passage's story is the one the answer is about: for "Kronologi Panglima TNI Ditolak
    Masuk Amerika Serikat" the article saying all of it, not a follow-up saying half."""
    if not answer.answered or request.coverage is None or not request.coverage.topic:
        return answer
    topic, language = request.coverage.topic, question_language(request.question)

    def carriers(hit: Hit) -> list[str]:
        # A passage is one text carried by several outlets: one copy's headline may name
        # the topic where the first report's, the one cited, words it differently.
        return [hit.citation.article_id, *(a.id for a in hit.also)]

    kept = [
        h for h in answer.hits if any(index.holds_topic(topic, a, language) for a in carriers(h))
    ]
    kept.sort(key=lambda h: -max(index.topic_share(topic, a, language) for a in carriers(h)))
    hits = tuple(dataclasses.replace(h, rank=rank) for rank, h in enumerate(kept, start=1))
    if hits:
        return dataclasses.replace(answer, hits=hits)
    return Answer(
        request.question,
        answered=False,
        reason="not_covered",
        request=request,
        newest=answer.newest,
    )


def published_by(article: ArticleRef, current: datetime) -> bool:
    """Whether an article was out by ``current``: dated no later than its day, and for a
    timed one, no later than its time (undated articles count as out)."""
    day = published_day(article.published)
    if day is None:
        return True
    if has_time(article.published):
        moment = datetime.fromisoformat(article.published or "")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=WIB)
        return moment <= current
    return day <= current.astimezone(WIB).date()


def _inside(request: Request, article: ArticleRef, current: datetime) -> bool:
    """Whether an article is inside the request's window and outlet, and out by now."""
    if not published_by(article, current):
        return False
    if request.window is not None and not request.window.holds(article.published):
        return False
    return request.outlet is None or article.source in request.outlet.outlets


def _window_articles(index: NewsIndex, request: Request, current: datetime) -> list[ArticleRef]:
    return [a for a in index.stories.articles() if _inside(request, a, current)]


def _from_articles(
    index: NewsIndex,
    request: Request,
    kind: str,
    articles: list[ArticleRef],
    stories: tuple[Story, ...] | None = None,
    lead: Story | None = None,
) -> Answer:
    """A coverage answer about ``articles``: their outlets in order of first report, the
    first report(s), their number, and their stories unless given (``lead``, the best
    passage's story, first; then newest first)."""
    if not articles:
        return Answer(request.question, answered=False, reason="not_covered", request=request)
    if stories is None:
        seen: dict[str, Story] = {}
        for article in articles:
            story = index.stories.of(article.id)
            if story is not None and story.id not in seen:
                seen[story.id] = story
        newest = sorted(seen.values(), key=lambda s: s.latest.published or "", reverse=True)
        newest.sort(key=lambda s: lead is None or s.id != lead.id)
        stories = tuple(newest)
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    coverage = Coverage(
        kind,
        stories,
        len(articles),
        outlets=outlets_in_order(ordered),
        firsts=first_reports(ordered),
        about_topic=bool(request.coverage and request.coverage.topic),
    )
    return Answer(request.question, answered=True, request=request, coverage=coverage)


def _keeping(story: Story, keep: Callable[[ArticleRef], bool]) -> Story | None:
    """``story`` with only the articles ``keep`` accepts (itself when it accepts all);
    None if it accepts none."""
    kept = [a for a in story.articles if keep(a)]
    if len(kept) == len(story.articles):
        return story
    return story_of(story.id, kept) if kept else None


def _until_now(story: Story, current: datetime, keep: str | None = None) -> Story | None:
    """The story as known at ``current``: without articles published after it (but the
    article ``keep``, a cited one); None if none is left."""
    return _keeping(story, lambda a: a.id == keep or published_by(a, current))


def as_of(answer: Answer, current: datetime) -> Answer:
    """The answer as known at ``current`` (``NEWSBOT_NOW`` in the past, say): each passage's
    story and its copies without the articles published after it (the cited one stays)."""

    def known(hit: Hit) -> Hit:
        story = hit.story and _until_now(hit.story, current, keep=hit.citation.article_id)
        also = tuple(a for a in hit.also if published_by(a, current))
        return dataclasses.replace(hit, story=story, also=also)

    hits = tuple(known(hit) for hit in answer.hits)
    return dataclasses.replace(answer, hits=hits) if hits != answer.hits else answer


#: Passages asked for per story a topic's "what's new" lists (one article's paragraphs can
#: fill the first places).
_PASSAGES_PER_STORY = 4


def _latest(index: NewsIndex, request: Request, k: int, current: datetime) -> Answer:
    today = current.astimezone(WIB).date()
    window = request.window
    since = window.start if window else None
    until = min(window.end, today) if window else today
    limit = max(k, LATEST_STORIES)
    if request.coverage is not None and request.coverage.topic:
        # Several passages of one article can lead: ask for enough to find ``limit`` stories.
        passages = index.passages(request, limit * _PASSAGES_PER_STORY, current)
        found = _about_topic(index, request, passages)
        if not found.answered:
            return found
        stories: list[Story] = []
        for hit in found.hits:
            if hit.story is not None and hit.story not in stories and len(stories) < limit:
                stories.append(hit.story)
    else:
        stories = index.latest_stories(since, until)
    known = [s for s in (_until_now(story, current) for story in stories) if s is not None]
    if window is not None:  # each story as covered inside the window: its cited article too
        holds = window.holds
        kept = (_keeping(story, lambda a: holds(a.published)) for story in known)
        known = [story for story in kept if story is not None]
    if request.outlet is not None:
        # Each story as the outlet covered it: its latest article is the outlet's own.
        outlets = set(request.outlet.outlets)
        mine = (_keeping(story, lambda a: a.source in outlets) for story in known)
        known = [story for story in mine if story is not None]
    known.sort(key=lambda s: s.latest.published or "", reverse=True)
    known = known[:limit]
    newest = index.stale_note(request, current)
    if not known:
        return Answer(request.question, answered=False, request=request, newest=newest)
    count = sum(len(s.articles) for s in known)
    return Answer(
        request.question,
        answered=True,
        hits=index.lead_hits([s.latest.id for s in known]),
        request=request,
        coverage=Coverage("latest", tuple(known), count),
        newest=newest,
    )


#: A name in a question: a capitalised word (not the question's first word).
_NAME = re.compile(r"(?<=\S)\s+([A-Z][\w'-]*)")


def within_restriction(index: NewsIndex, answer: Answer) -> Answer:
    """For a question restricted to a window or an outlet, keep the passages whose
    article names every name the question does ("according to kumparan, what did Darmin
    say?" needs a kumparan article naming Darmin); not covered when none does. The floor
    knows only whether the whole index names them."""
    request = answer.request
    if not answer.answered or request is None or request.coverage is not None:
        return answer
    if request.window is None and request.outlet is None:
        return answer
    names = " ".join(m.group(1) for m in _NAME.finditer(" " + request.search.strip()))
    if not names:
        return answer
    kept = [h for h in answer.hits if index.holds_topic(names, h.citation.article_id, "id")]
    if not kept:
        return Answer(request.question, answered=False, reason="not_covered", request=request)
    hits = tuple(dataclasses.replace(h, rank=rank) for rank, h in enumerate(kept, start=1))
    return dataclasses.replace(answer, hits=hits)


def outside_window(index: NewsIndex, answer: Answer, current: datetime) -> Answer:
    """Where a question's window holds nothing about it but older coverage exists, say so:
    the answer's ``newest`` becomes the day of the newest passage about it before the
    window."""
    request = answer.request
    if answer.answered or answer.newest or request is None or request.window is None:
        return answer
    if answer.reason not in (None, "not_covered"):
        return answer
    unwindowed = dataclasses.replace(request, window=None)
    if request.coverage is not None and not request.coverage.topic:
        return answer
    found = index.passages(unwindowed, 5, current)
    days = [published_day(hit.citation.published) for hit in found.hits]
    before = [d for d in days if d is not None and d < request.window.start]
    if not found.answered or not before:
        return answer
    return dataclasses.replace(answer, newest=max(before).isoformat())
