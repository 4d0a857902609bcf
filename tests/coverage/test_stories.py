"""Grouping articles into stories: same event across outlets, within days; stable ids."""

from __future__ import annotations

import numpy as np

from newsbot.index.coverage.stories import StoryArticle, group_stories, story_id


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


EVENT = _unit(1, 0, 0)
NEAR_EVENT = _unit(1, 0.1, 0)  # cosine 0.995 with EVENT
OTHER = _unit(0, 1, 0)


def test_outlets_reporting_one_event_within_days_share_a_story() -> None:
    articles = [
        StoryArticle("a", "antaranews", "2021-09-17T08:10:00+07:00"),
        StoryArticle("b", "suara", "2021-09-17"),
        StoryArticle("c", "merdeka", "2021-09-19"),
        StoryArticle("d", "kumparan", "2021-09-17"),
    ]
    stories = group_stories(articles, np.stack([EVENT, NEAR_EVENT, EVENT, OTHER]))
    assert stories["a"] == stories["b"] == stories["c"] == story_id("a")
    assert stories["d"] != stories["a"]


def test_articles_far_apart_in_time_never_share_a_story() -> None:
    articles = [
        StoryArticle("a", "antaranews", "2021-09-17"),
        StoryArticle("b", "suara", "2021-10-17"),
    ]
    stories = group_stories(articles, np.stack([EVENT, EVENT]))
    assert stories["a"] != stories["b"]


def test_the_same_outlet_is_pushed_apart() -> None:
    # 0.894 apart: enough for two outlets, not for one outlet's two articles.
    second = _unit(1, 0.5, 0)
    assert 0.89 < float(EVENT @ second) < 0.90
    for other_outlet, together in (("suara", True), ("antaranews", False)):
        articles = [
            StoryArticle("a", "antaranews", "2021-09-17"),
            StoryArticle("b", other_outlet, "2021-09-17"),
        ]
        stories = group_stories(
            articles, np.stack([EVENT, second]), threshold=0.88, same_outlet_penalty=0.03
        )
        assert (stories["a"] == stories["b"]) is together


def test_an_undated_article_needs_to_be_closer() -> None:
    second = _unit(1, 0.5, 0)  # 0.894
    for published, together in (("2021-09-18", True), (None, False)):
        articles = [
            StoryArticle("a", "antaranews", "2021-09-17"),
            StoryArticle("b", "suara", published),
        ]
        stories = group_stories(
            articles, np.stack([EVENT, second]), threshold=0.88, undated_penalty=0.03
        )
        assert (stories["a"] == stories["b"]) is together


def test_new_articles_join_kept_stories_and_ids_stay() -> None:
    first = [
        StoryArticle("b", "suara", "2021-09-17T10:00:00+07:00"),
        StoryArticle("a", "antaranews", "2021-09-17T08:10:00+07:00"),
    ]
    before = group_stories(first, np.stack([EVENT, EVENT]))
    # The founder is the first published article, whatever the order given.
    assert before == {"a": story_id("a"), "b": story_id("a")}
    later = [*first, StoryArticle("c", "merdeka", "2021-09-18"), StoryArticle("x", "suara", None)]
    vectors = np.stack([EVENT, EVENT, NEAR_EVENT, OTHER])
    after = group_stories(later, vectors, kept=before)
    assert after["a"] == after["b"] == after["c"] == story_id("a")
    assert after["x"] == story_id("x")
    # The founder removed: the others keep the story's id.
    rest = group_stories(later[:1] + later[2:], vectors[[0, 2, 3]], kept=after)
    assert rest["b"] == rest["c"] == story_id("a")


def test_a_further_join_test_skips_to_the_closest_article_that_passes_it() -> None:
    articles = [
        StoryArticle("a", "antaranews", "2021-09-17"),
        StoryArticle("b", "suara", "2021-09-17T09:00:00+07:00"),
        StoryArticle("c", "merdeka", "2021-09-18"),
    ]
    vectors = np.stack([EVENT, _unit(0, 1, 0.05), NEAR_EVENT])  # c: closest to a, far from b
    assert group_stories(articles, vectors)["c"] == story_id("a")
    refused = group_stories(articles, vectors, may_join=lambda i, j: articles[j].id != "a")
    assert refused["c"] == story_id("c")  # b is not close enough to take it instead
    seen: list[tuple[str, str]] = []

    def record(i: int, j: int) -> bool:
        seen.append((articles[i].id, articles[j].id))
        return True

    assert group_stories(articles, vectors, may_join=record) == group_stories(articles, vectors)
    assert seen == [("c", "a")]  # asked only of articles close enough, closest first
