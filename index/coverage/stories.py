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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsbot.index.coverage.when import published_day

#: Cosine similarity of lead vectors (multilingual-e5-small) from which two articles of
#: different outlets tell the same story; tuned on half of the labelled pairs
#: (BENCHMARKS.md, "Stories").
STORY_THRESHOLD = 0.88
#: Taken off the similarity of two articles from the same outlet (NYAN's push apart). On
#: our labelled pairs (all of two outlets) it only acts through chaining and did not help:
#: 0 was chosen on the tune half; the parameter stays for other corpora.
SAME_OUTLET_PENALTY = 0.0
#: Articles published further apart than this many days never share a story.
STORY_WINDOW_DAYS = 3
#: Taken off the similarity of two articles when either has no date: the window cannot keep
#: apart the same topic's events weeks apart ("Setnov skips a summons" in November and in
#: December).
UNDATED_PENALTY = 0.03
_MATRIX_UP_TO = 4096


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
    undated_penalty: float = UNDATED_PENALTY,
    may_join: Callable[[int, int], bool] | None = None,
) -> dict[str, str]:
    """Return article id -> story id.

    ``vectors`` holds one unit vector per article (rows in the order of ``articles``).
    ``kept`` maps the articles whose story is already known (unchanged since the last build)
    to it; they keep it, and the others join them or start stories, in publication order.
    ``may_join(i, j)`` (rows of ``articles``), when given, is a further test an article
    ``i`` must pass to join the story of an earlier article ``j`` close enough to it; the
    closest ``j`` that passes is taken. The product passes none; the coverage benchmark
    tries evidence beyond the vectors with it.
    """
    kept = kept or {}
    n = len(articles)
    if n == 0:
        return {}
    days = [published_day(a.published) for a in articles]
    ordinals = np.array([d.toordinal() if d else 0 for d in days], dtype=np.int64)
    dated = np.array([d is not None for d in days])
    sources = [(a.source or "").casefold() for a in articles]
    codes: dict[str, int] = {}
    # An article without an outlet is an outlet of its own.
    outlet_codes = np.array(
        [codes.setdefault(s, len(codes)) if s else -1 - i for i, s in enumerate(sources)],
        dtype=np.int64,
    )
    assignment: dict[str, str] = {}
    placed = np.zeros(n, dtype=bool)
    stories = np.empty(n, dtype=object)
    for i, article in enumerate(articles):
        if article.id in kept:
            assignment[article.id] = stories[i] = kept[article.id]
            placed[i] = True
    order = sorted(
        (i for i in range(n) if articles[i].id not in kept),
        key=lambda i: (days[i] or date.max, articles[i].id),
    )
    # Below a few thousand articles one matrix product is cheapest; above, a row at a time.
    matrix = vectors @ vectors.T if n <= _MATRIX_UP_TO else None
    for i in order:
        best_story = None
        if placed.any():
            row = matrix[i] if matrix is not None else vectors @ vectors[i]
            similarity = np.where(placed, row, -np.inf)
            similarity = similarity - same_outlet_penalty * (outlet_codes == outlet_codes[i])
            if dated[i]:
                far = dated & (np.abs(ordinals - ordinals[i]) > window_days)
                similarity = np.where(far, -np.inf, similarity)
                similarity = similarity - undated_penalty * ~dated
            else:
                similarity = similarity - undated_penalty
            if may_join is None:
                best = int(np.argmax(similarity))
                if similarity[best] >= threshold:
                    best_story = stories[best]
            else:
                close = np.flatnonzero(similarity >= threshold)
                for j in close[np.argsort(-similarity[close], kind="stable")]:
                    if may_join(i, int(j)):
                        best_story = stories[j]
                        break
        story = best_story or story_id(articles[i].id)
        assignment[articles[i].id] = stories[i] = story
        placed[i] = True
    return assignment
