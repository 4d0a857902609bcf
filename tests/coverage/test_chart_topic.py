"""A chart request's own words are not its topic: "/timeline timeline of X", "grafik berita
X", "show me the chart for the X story", "X coverage" chart X, as "/timeline X" does. A
request that is nothing but those words, or whose last word is the topic's ("fake news"),
keeps it. Variants of our own, not the blind set's."""

from __future__ import annotations

import pytest

from newsbot.index.coverage.questions import chart_topic


@pytest.mark.parametrize(
    ("request_text", "topic"),
    [
        ("timeline of the floods in Kemang", "the floods in Kemang"),
        ("Timeline for Bocimi toll", "Bocimi toll"),
        ("show me the chart of the KRL strike", "the KRL strike"),
        ("draw a graph of the ojol protests", "the ojol protests"),
        ("grafik berita banjir Kemang", "banjir Kemang"),
        ("tampilkan grafik soal tol Bocimi", "tol Bocimi"),
        ("tolong buatkan linimasa demo ojol", "demo ojol"),
        ("lini masa liputan KRL mogok", "KRL mogok"),
        ("kronologi kasus Ahok", "kasus Ahok"),
        ("the KRL strike story", "the KRL strike"),
        ("demo ojol coverage", "demo ojol"),
        ("liputan banjir Kemang", "liputan banjir Kemang"),
        ("banjir Kemang", "banjir Kemang"),
        ("fake news", "fake news"),
        ("timeline", "timeline"),
        ("grafik berita", "grafik berita"),
    ],
)
def test_a_chart_requests_own_words_are_taken_off(request_text: str, topic: str) -> None:
    assert chart_topic(request_text) == topic
