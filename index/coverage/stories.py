"""Stories: articles from several outlets about one event, grouped at build time.

Each article is represented by the vector of its lead paragraph (already embedded for
search, so grouping embeds nothing). Articles are taken in publication order and each joins
the story whose closest member is nearest, when that is close enough, or starts a new story:
so a rebuild only places the new and changed articles, and an article keeps its story id
unless its own text changed. Two articles of the same outlet count as farther apart (an
outlet rarely writes the same event twice in a day, but often writes related events), and
articles published more than a window apart never share a story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsbot.index.coverage.when import published_day

#: Cosine similarity of lead vectors (multilingual-e5-small) from which two articles of
#: different outlets tell the same story; tuned on half of the labelled pairs
#: (BENCHMARKS.md, "Stories").
STORY_THRESHOLD = 0.90
#: Taken off the similarity of two articles from the same outlet.
SAME_OUTLET_PENALTY = 0.03
#: Articles published further apart than this many days never share a story.
STORY_WINDOW_DAYS = 3


@dataclass(frozen=True)
class StoryArticle:
    """What grouping needs of an article: its id, outlet and publication date or time."""

    id: str
    source: str | None
    published: str | None


def story_id(founder: str) -> str:
    """Return the id of the story an article founded: stable while that article lives."""
    return "s-" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:12]


def group_stories(
    articles: Sequence[StoryArticle],
    vectors: np.ndarray,
    kept: Mapping[str, str] | None = None,
    *,
    threshold: float = STORY_THRESHOLD,
    same_outlet_penalty: float = SAME_OUTLET_PENALTY,
    window_days: int = STORY_WINDOW_DAYS,
) -> dict[str, str]:
    """Return article id -> story id.

    ``vectors`` holds one unit vector per article (rows in the order of ``articles``).
    ``kept`` maps the articles whose story is already known (unchanged since the last build)
    to it; they keep it, and the others join them or start stories, in publication order.
    """
    kept = kept or {}
    n = len(articles)
    if n == 0:
        return {}
    days = [published_day(a.published) for a in articles]
    ordinals = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    dated = np.array([d is not None for d in days])
    sources = [(a.source or "").casefold() for a in articles]
    outlet_codes = np.array([hash(s) if s else i for i, s in enumerate(sources)], dtype=np.int64)
    assignment: dict[str, str] = {}
    placed: list[int] = []
    for i, article in enumerate(articles):
        if article.id in kept:
            assignment[article.id] = kept[article.id]
            placed.append(i)
    order = sorted(
        (i for i in range(n) if articles[i].id not in kept),
        key=lambda i: (days[i] or date.max, articles[i].id),
    )
    stories = np.array([assignment[articles[i].id] for i in placed], dtype=object)
    placed_rows = np.array(placed, dtype=np.int64)
    for i in order:
        best_story = None
        if len(placed_rows):
            similarity = vectors[placed_rows] @ vectors[i]
            similarity = similarity - same_outlet_penalty * (
                outlet_codes[placed_rows] == outlet_codes[i]
            )
            if dated[i]:
                far = dated[placed_rows] & (
                    np.abs(ordinals[placed_rows] - ordinals[i]) > window_days
                )
                similarity = np.where(far, -np.inf, similarity)
            best = int(np.argmax(similarity))
            if similarity[best] >= threshold:
                best_story = stories[best]
        story = best_story or story_id(articles[i].id)
        assignment[articles[i].id] = story
        placed_rows = np.append(placed_rows, i)
        stories = np.append(stories, story)
    return assignment
