"""Stories in an index version: ``stories.json`` maps every article to its story.

The grouping itself is ``coverage.stories``; this module feeds it the lead vectors already
embedded for search, keeps the stories of unchanged articles, and reads and writes the file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from newsbot.index.building.store import STORIES
from newsbot.index.coverage.stories import (
    OPENING_PARAGRAPHS,
    StoryArticle,
    group_stories,
    grouping_rule,
)
from newsbot.index.errors import IndexDamaged


def build_stories(
    conn: sqlite3.Connection,
    vectors: np.ndarray,
    previous: Mapping[str, str],
    unchanged: set[str],
) -> dict[str, str]:
    """Return article id -> story id for the articles in ``conn``.

    ``vectors`` holds a unit vector per paragraph row; an article is represented by its
    first paragraph's. Articles in ``unchanged`` keep their story from ``previous``.
    """
    leads = lead_articles(conn)
    lead_vectors = np.asarray(vectors[[row for _, row in leads]], dtype=np.float32)
    return group_leads(leads, lead_vectors, previous, unchanged)


def lead_articles(conn: sqlite3.Connection) -> list[tuple[StoryArticle, int]]:
    """Every article in ``conn`` with the row of its first paragraph, in row order; its
    opening paragraphs may name the day of the article's event."""
    rows = conn.execute(
        "SELECT a.id, a.source, a.published, a.seen, p.row FROM articles a "
        "JOIN paragraphs p ON p.article_id = a.id AND p.number = 1 ORDER BY p.row"
    ).fetchall()
    openings: dict[str, list[str]] = {}
    for article, text in conn.execute(
        "SELECT article_id, text FROM paragraphs WHERE number <= ? ORDER BY article_id, number",
        (OPENING_PARAGRAPHS,),
    ):
        openings.setdefault(article, []).append(text)
    return [
        (StoryArticle(i, source, published, seen, " ".join(openings.get(i, []))), row)
        for i, source, published, seen, row in rows
    ]


def group_leads(
    leads: list[tuple[StoryArticle, int]],
    lead_vectors: np.ndarray,
    previous: Mapping[str, str],
    unchanged: set[str],
) -> dict[str, str]:
    """Return article id -> story id for ``leads`` (``lead_articles``), whose first
    paragraphs' unit vectors are ``lead_vectors`` (one row each, in order); articles in
    ``unchanged`` keep their story from ``previous``."""
    kept = {a: s for a, s in previous.items() if a in unchanged}
    return group_stories([article for article, _ in leads], lead_vectors, kept)


def write_stories(version: Path, stories: Mapping[str, str]) -> None:
    """Write ``stories.json`` into a version being built, with the rule that grouped them
    (``coverage.stories.grouping_rule``)."""
    record = {"articles": dict(stories), "grouping": grouping_rule()}
    (version / STORIES).write_text(json.dumps(record, ensure_ascii=False))


def read_grouping(version: Path) -> str | None:
    """The rule a version's stories were grouped by; None when ``stories.json`` records none
    (written before the rule was recorded) or cannot be read."""
    try:
        rule = json.loads((version / STORIES).read_text()).get("grouping")
    except (OSError, ValueError, AttributeError):
        return None
    return rule if isinstance(rule, str) else None


def grouped_as_now(version: Path) -> bool:
    """Whether a version's stories were grouped by today's rule (``read_grouping``)."""
    return read_grouping(version) == grouping_rule()


def read_stories(version: Path) -> dict[str, str]:
    """Read a version's article id -> story id; IndexDamaged when missing or unreadable."""
    path = version / STORIES
    try:
        raw = json.loads(path.read_text())
        stories = raw["articles"]
        if not isinstance(stories, dict):
            raise ValueError("'articles' is not an object")
    except FileNotFoundError:
        raise IndexDamaged(f"{path} is missing: rebuild with `newsbot index PATH...`") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexDamaged(f"{path} is unreadable ({exc}): rebuild with `newsbot index`") from exc
    return {str(article): str(story) for article, story in stories.items()}
