"""The stories of a loaded index: who covered an article's event, who was first, and the
latest stories of a time window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsbot.index.coverage.when import published_day

#: Whether an undated article grouped with dated ones stands alone when a book is loaded.
#: False: it stays in the story the grouping gave it (and never counts as first,
#: ``firsts.first_reports``). 20 of the 34 same-story pairs the coverage benchmark's index
#: holds join a dated and an undated article; splitting them took coverage questions from
#: 87.4% to 70.5% right (DEVELOPERS.md).
SPLIT_UNDATED = False


@dataclass(frozen=True)
class ArticleRef:
    """An article as coverage cites it."""

    id: str
    title: str
    source: str | None
    published: str | None
    url: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "published": self.published,
            "url": self.url,
            "title": self.title,
        }


@dataclass(frozen=True)
class Story:
    """Articles about one event: ``articles`` in publication order (undated ones last);
    ``outlets`` in the order they first reported; ``first`` and ``latest`` among the dated
    articles (the first article when none is dated)."""

    id: str
    articles: tuple[ArticleRef, ...]
    outlets: tuple[str, ...]
    first: ArticleRef
    latest: ArticleRef

    @property
    def first_day(self) -> date | None:
        return published_day(self.first.published)

    @property
    def latest_day(self) -> date | None:
        return published_day(self.latest.published)

    def to_json(self) -> dict[str, Any]:
        first = self.first
        return {
            "id": self.id,
            "articles": len(self.articles),
            "outlets": list(self.outlets),
            "first": {"source": first.source, "published": first.published, "url": first.url},
        }


def _order(article: ArticleRef) -> tuple[int, str, str]:
    """Publication order; undated articles last. Times with an offset compare as written
    (same-day order across zones is approximate)."""
    return (0 if article.published else 1, article.published or "", article.id)


class StoryBook:
    """Every story of an index version, by article and by id."""

    def __init__(self, assignment: Mapping[str, str], articles: Iterable[ArticleRef]) -> None:
        members: dict[str, list[ArticleRef]] = {}
        self._articles = {a.id: a for a in articles}
        for article_id, story in assignment.items():
            if article_id in self._articles:
                members.setdefault(story, []).append(self._articles[article_id])
        self._by_article = dict(assignment)
        # An undated article cannot be placed in a dated story's time line: it stands alone.
        for story, refs in list(members.items()) if SPLIT_UNDATED else ():
            undated = [a for a in refs if published_day(a.published) is None]
            if undated and len(undated) < len(refs):
                members[story] = [a for a in refs if a not in undated]
                for article in undated:
                    alone = f"{story}/{article.id}"
                    members[alone] = [article]
                    self._by_article[article.id] = alone
        self._stories = {story: story_of(story, refs) for story, refs in members.items()}
        days = [published_day(a.published) for a in self._articles.values()]
        self._newest = max((d for d in days if d is not None), default=None)
        self._outlets = frozenset(a.source for a in self._articles.values() if a.source)

    def __len__(self) -> int:
        return len(self._stories)

    def of(self, article_id: str) -> Story | None:
        """Return the story of an article, or None for an article the book lacks."""
        story = self._by_article.get(article_id)
        return self._stories.get(story) if story else None

    def article(self, article_id: str) -> ArticleRef | None:
        return self._articles.get(article_id)

    def articles(self) -> list[ArticleRef]:
        """Every article of the index, in publication order (undated ones last)."""
        return sorted(self._articles.values(), key=_order)

    def outlets(self) -> set[str]:
        """Every outlet name the index knows (a new set; read once, when the book is made)."""
        return set(self._outlets)

    def newest_day(self) -> date | None:
        """The newest publication day of any article (read once, when the book is made)."""
        return self._newest

    def latest(
        self, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> list[Story]:
        """Return the stories with an article published from ``since`` to ``until``
        (inclusive; open where None), newest coverage first, then most outlets."""
        found = []
        for story in self._stories.values():
            days = [published_day(a.published) for a in story.articles]
            inside = [
                d
                for d in days
                if d is not None and (since is None or d >= since) and (until is None or d <= until)
            ]
            if inside:
                found.append((max(inside), len(story.outlets), len(story.articles), story))
        found.sort(key=lambda item: (item[0], item[1], item[2], item[3].id), reverse=True)
        stories = [item[3] for item in found]
        return stories[:limit] if limit is not None else stories


def story_of(story_id: str, refs: list[ArticleRef]) -> Story:
    """Return the story ``story_id`` of the articles ``refs`` (at least one, any order)."""
    ordered = sorted(refs, key=_order)
    dated = [a for a in ordered if a.published]
    outlets: list[str] = []
    for article in ordered:
        if article.source and article.source not in outlets:
            outlets.append(article.source)
    return Story(
        id=story_id,
        articles=tuple(ordered),
        outlets=tuple(outlets),
        first=dated[0] if dated else ordered[0],
        latest=dated[-1] if dated else ordered[-1],
    )
