"""English time phrases in the possessive ("yesterday's news") are read whole: the window
is the plain phrase's, and no "'s" is left in what is searched."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsbot.index.coverage.request import read_request

NOW = datetime(2021, 9, 18, 9, tzinfo=timezone(timedelta(hours=7)))


@pytest.mark.parametrize(
    ("possessive", "plain"),
    [
        ("yesterday's news", "news from yesterday"),
        ("last week's news", "news from last week"),
        ("this month's floods", "floods this month"),
        ("last year's news", "news from last year"),
        ("today\u2019s news", "news today"),
    ],
)
def test_a_possessive_time_is_the_plain_times_window(possessive: str, plain: str) -> None:
    read, expected = read_request(possessive, [], NOW), read_request(plain, [], NOW)

    assert read.window is not None and expected.window is not None
    assert (read.window.start, read.window.end) == (expected.window.start, expected.window.end)
    assert "'s" not in read.search and "\u2019s" not in read.search


def test_yesterdays_news_lists_the_news_as_news_from_yesterday_does() -> None:
    read = read_request("yesterday's news", [], NOW)

    assert read.coverage is not None and read.coverage.kind == "latest"
    assert read.coverage == read_request("news from yesterday", [], NOW).coverage


def test_an_indonesian_phrase_is_read_as_before() -> None:
    read = read_request("berita kemarin", [], NOW)

    assert read.window is not None and read.window.phrase == "kemarin"
