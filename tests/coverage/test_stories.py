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


def test_undated_articles_first_seen_weeks_apart_never_share_a_story() -> None:
    # The same topic's two events (a summons in March, another in April): alike leads, no
    # publication dates, crawled weeks apart.
    for seen_b, together in (
        ("2017-04-20T03:00:00Z", False),  # weeks later
        ("2017-03-29T22:00:00Z", True),  # the same week
        (None, True),  # never seen: nothing bounds it, as before
    ):
        articles = [
            StoryArticle("a", "kumparan", None, "2017-03-28T04:15:36Z"),
            StoryArticle("b", "merdeka", None, seen_b),
        ]
        stories = group_stories(articles, np.stack([EVENT, NEAR_EVENT]))
        assert (stories["a"] == stories["b"]) is together, seen_b


def test_an_undated_article_joins_a_dated_one_only_near_when_it_was_seen() -> None:
    for seen, together in (
        ("2021-09-18T02:00:00Z", True),  # the day after the dated report
        ("2021-09-21T02:00:00Z", True),  # 4 days after: within the window and the slack
        ("2021-10-02T02:00:00Z", False),  # two weeks after: another event
        ("2021-09-10T02:00:00Z", False),  # seen before the dated one was published
    ):
        articles = [
            StoryArticle("a", "antaranews", "2021-09-17T08:10:00+07:00"),
            StoryArticle("b", "kumparan", None, seen),
        ]
        stories = group_stories(articles, np.stack([EVENT, EVENT]))
        assert (stories["a"] == stories["b"]) is together, seen


def test_a_named_day_can_bound_an_undated_article_when_asked() -> None:
    # Seen on Tuesday 28 March: its span is 27-28 March, one story with a report of the
    # 28th; read, "Kamis (23/3)" narrows it to 23-24 March, more than 2 days before.
    dated = StoryArticle("a", "antaranews", "2017-03-28")
    named = StoryArticle("b", "kumparan", None, "2017-03-28T04:15:36Z", "Kamis (23/3) lalu.")
    vectors = np.stack([EVENT, EVENT])
    assert len(set(group_stories([dated, named], vectors, window_days=2).values())) == 1
    split = group_stories([dated, named], vectors, window_days=2, named_slack=1)
    assert split["a"] != split["b"]


def test_openings_naming_different_event_days_are_different_stories() -> None:
    # Setnov skips Monday's summons, then Thursday's: alike leads, dated two days apart.
    monday = StoryArticle("a", "kumparan", "2017-11-14", None, "Setnov mangkir, Senin (13/11).")
    thursday = StoryArticle("b", "merdeka", "2017-11-16", None, "Setnov mangkir lagi, Kamis.")
    same_day = StoryArticle("c", "suara", "2017-11-14", None, "Setya Novanto mangkir Senin.")
    vectors = np.stack([EVENT, EVENT, NEAR_EVENT])
    stories = group_stories([monday, thursday, same_day], vectors)
    assert stories["a"] == stories["c"]  # both name Monday the 13th
    assert stories["b"] != stories["a"]  # Thursday the 16th: another happening
    # An article naming no day is held to none (pairs are compared, not whole stories).
    unnamed = StoryArticle("d", "tempo", "2017-11-16", None, "Setnov kembali tidak hadir.")
    stories = group_stories([monday, unnamed], np.stack([EVENT, EVENT]))
    assert stories["a"] == stories["d"]
    # A day apart is tolerated (the day of the event and the next day's report).
    next_day = StoryArticle("e", "tempo", "2017-11-15", None, "Rapat digelar Selasa (14/11).")
    tuesday = StoryArticle("f", "suara", "2017-11-14", None, "Rapat digelar Senin (13/11).")
    together = group_stories([next_day, tuesday], np.stack([EVENT, EVENT]))
    assert together["e"] == together["f"]
    # Not compared when asked not to.
    apart = group_stories([monday, thursday], np.stack([EVENT, EVENT]), event_tolerance=None)
    assert apart["a"] == apart["b"]


def test_an_undated_articles_event_day_is_read_against_when_it_was_seen() -> None:
    # Crawled Friday 24 Nov; "Kamis" is the 23rd, a week after the dated report's Thursday.
    dated = StoryArticle("a", "merdeka", "2017-11-17", None, "KPK memeriksa saksi, Kamis (16/11).")
    undated = StoryArticle("b", "kumparan", None, "2017-11-24T03:00:00Z", "KPK memeriksa, Kamis.")
    vectors = np.stack([EVENT, EVENT])
    stories = group_stories([dated, undated], vectors, window_days=7, seen_slack=7)
    assert stories["a"] != stories["b"]
    again = StoryArticle("c", "kumparan", None, "2017-11-17T03:00:00Z", "KPK memeriksa, Kamis.")
    stories = group_stories([dated, again], vectors, window_days=7, seen_slack=7)
    assert stories["a"] == stories["c"]
