"""Answer coverage questions from the stories: which outlets reported X, who was first,
how many articles, and what is new."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import TYPE_CHECKING

from newsbot.index.answering.answers import Answer, Coverage
from newsbot.index.coverage.book import Story
from newsbot.index.coverage.request import Request

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

    "outlets", "first" and "count" find the story of the best passage for the topic (inside
    the window and outlet, when the question names them) and answer from it, citing that
    passage; "latest" lists the newest stories of the window, or of the topic.
    """
    assert request.coverage is not None
    kind = request.coverage.kind
    if kind == "latest":
        return _latest(index, request, k, current)
    answer = index.passages(request, k, current)
    if not answer.answered or answer.hits[0].story is None:
        return answer
    story = answer.hits[0].story
    window = request.window
    inside = [a for a in story.articles if window is None or window.holds(a.published)]
    if request.outlet is not None:
        inside = [a for a in inside if a.source in request.outlet.outlets]
    return dataclasses.replace(
        answer, hits=answer.hits[:1], coverage=Coverage(kind, (story,), len(inside))
    )


def _latest(index: NewsIndex, request: Request, k: int, current: datetime) -> Answer:
    window = request.window
    since = window.start if window else None
    until = window.end if window else None
    limit = max(k, LATEST_STORIES)
    if request.coverage is not None and request.coverage.topic:
        found = index.passages(request, limit, current)
        stories: list[Story] = []
        for hit in found.hits:
            if hit.story is not None and hit.story not in stories:
                stories.append(hit.story)
        stories.sort(key=lambda s: s.latest.published or "", reverse=True)
    else:
        stories = index.latest_stories(since, until)
    if request.outlet is not None:
        outlets = set(request.outlet.outlets)
        stories = [s for s in stories if outlets & set(s.outlets)]
    stories = stories[:limit]
    newest = index.stale_note(request, current)
    if not stories:
        return Answer(request.question, answered=False, request=request, newest=newest)
    count = sum(len(s.articles) for s in stories)
    return Answer(
        request.question,
        answered=True,
        request=request,
        coverage=Coverage("latest", tuple(stories), count),
        newest=newest,
    )
