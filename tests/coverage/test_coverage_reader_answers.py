"""Coverage answers to reader wordings, through a real index (fake embedder):

- "since when is X in the news" names the earliest report across X's stories (who broke
  one story stays that story's first report);
- a count holds the best passage's story and the other stories naming all of the topic,
  not those naming its names and half the rest ("Panglima TNI" and "AS" is no report of
  "Panglima TNI ditolak masuk AS");
- "what's new" restricted to an outlet cites that outlet's own article of each story;
- "what did X report last Friday" reads the weekday as a window.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from newsbot.bot.terminal import format_answer
from newsbot.index.answering.search import NewsIndex
from newsbot.index.coverage.request import read_request
from newsbot.index.coverage.when import WIB
from tests.coverage.test_coverage_floor import NOW as FOOTBALL_NOW
from tests.coverage.test_coverage_floor import _build, _record
from tests.coverage.test_coverage_floor import news as football  # noqa: F401 (fixture)

NOW = datetime(2017, 10, 23, 12, 0, tzinfo=WIB)  # a Monday
REFUSED = (
    "Panglima TNI Jenderal Gatot Nurmantyo ditolak masuk Amerika Serikat (AS) oleh otoritas "
    "bea cukai di bandara."
)
EXERCISE = "Panglima TNI masuk ke kapal perang AS saat latihan bersama di perairan Surabaya."
FLOOD = "Banjir merendam ratusan rumah warga di Bekasi setelah hujan deras semalaman."
FLOOD_OLD = "Banjir kembali melanda perumahan di Bekasi, warga mengungsi ke masjid."
ROHINGYA_OLD = "Sekjen PBB mengutuk serangan militan di negara bagian Rakhine terhadap Rohingya."
ROHINGYA_NEW = (
    "Pengungsi Rohingya: Bangladesh berencana menempatkan pengungsi Rohingya di pulau "
    "terpencil, kata pejabat yang mengurus pengungsi Rohingya."
)
RECORDS = [
    _record("rohingya-old", "cnn indonesia", "2017-08-26", ROHINGYA_OLD),
    _record("rohingya-new-cnn", "cnn indonesia", "2017-09-06", ROHINGYA_NEW),
    _record("rohingya-new-pos", "poskotanews", "2017-09-07", ROHINGYA_NEW),
    _record("refused-cnn", "cnn indonesia", "2017-10-22T08:00:00+07:00", REFUSED),
    _record("refused-pos", "poskotanews", "2017-10-22T10:00:00+07:00", REFUSED),
    _record("exercise", "suara", "2017-08-25", EXERCISE),
    _record("flood-new", "kumparan", "2017-10-20", FLOOD),
    _record("flood-old", "merdeka", "2017-09-02", FLOOD_OLD),
]


@pytest.fixture
def news(tmp_path: Path) -> Iterator[NewsIndex]:
    index = _build(tmp_path, RECORDS)
    yield index
    index.close()


@pytest.mark.parametrize(
    "question",
    [
        "sejak kapan sepak bola diberitakan?",
        "sejak kapan ada berita soal sepak bola?",
        "kapan pertama kali berita sepak bola muncul?",
    ],
)
def test_since_when_names_the_earliest_report_across_the_stories(
    football: NewsIndex,  # noqa: F811
    question: str,
) -> None:
    answer = football.ask(question, now=FOOTBALL_NOW)
    assert answer.coverage is not None and answer.coverage.kind == "first"
    assert [a.id for a in answer.coverage.firsts] == ["football-1"]


@pytest.mark.parametrize(
    "question",
    [
        "sejak kapan Rohingya diberitakan?",
        "since when has Rohingya been in the news?",
        "when did Rohingya first appear in the news?",
    ],
)
def test_since_when_reaches_past_the_story_shown(news: NewsIndex, question: str) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.hits[0].story is not None
    # The passage shown is the newer story's (it says more of Rohingya)...
    assert answer.hits[0].citation.article_id.startswith("rohingya-new")
    # ...and the earliest report is the older one, which that story does not hold.
    assert [a.id for a in answer.coverage.firsts] == ["rohingya-old"]


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("sejak kapan Rohingya diberitakan?", "laporan paling awal dari semuanya"),
        ("since when has Rohingya been in the news?", "the earliest report of them all"),
    ],
)
def test_since_when_says_the_report_is_the_earliest_of_all(
    news: NewsIndex, question: str, line: str
) -> None:
    text = format_answer(news.ask(question, now=NOW))
    assert line in text and "rohingya-old headline" in text.splitlines()[0]
    assert "closest" not in text and "terdekat" not in text


def test_who_broke_the_story_names_the_story_shown(news: NewsIndex) -> None:
    answer = news.ask("siapa yang pertama memberitakan Rohingya?", now=NOW)
    assert answer.coverage is not None
    assert [a.id for a in answer.coverage.firsts] == ["rohingya-new-cnn"]


def test_who_first_still_names_the_first_report_of_the_story_shown(
    football: NewsIndex,  # noqa: F811
) -> None:
    answer = football.ask("siapa yang pertama memberitakan sepak bola?", now=FOOTBALL_NOW)
    assert answer.coverage is not None and answer.hits[0].story is not None
    assert set(answer.coverage.firsts) <= set(answer.hits[0].story.articles)


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("berapa berita soal Panglima TNI ditolak masuk AS?", 2),
        ("jumlah berita soal Panglima TNI ditolak masuk AS?", 2),
        # Every checked word named: both flood stories count.
        ("berapa artikel tentang banjir Bekasi?", 2),
    ],
)
def test_a_count_takes_other_stories_naming_all_of_the_topic(
    news: NewsIndex, question: str, counted: int
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "count"
    assert answer.coverage.articles == counted
    ids = {a.id for s in answer.coverage.stories for a in s.articles}
    assert "exercise" not in ids


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("berita CNN Indonesia kemarin", "refused-cnn"),
        ("menurut Poskota, berita terbaru", "refused-pos"),
        ("berita terbaru versi CNN Indonesia", "refused-cnn"),
    ],
)
def test_whats_new_from_an_outlet_cites_the_outlets_own_article(
    news: NewsIndex, question: str, cited: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.answered and answer.coverage is not None, answer
    assert answer.hits[0].citation.article_id == cited
    outlet = {"refused-cnn": "cnn indonesia", "refused-pos": "poskotanews"}[cited]
    assert all(a.source == outlet for s in answer.coverage.stories for a in s.articles)


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("what did CNN Indonesia report last Friday?", "2017-10-20"),
        ("what did the outlets report on Monday?", "2017-10-23"),
    ],
)
def test_what_an_outlet_reported_on_a_weekday_is_a_window(question: str, day: str) -> None:
    request = read_request(question, ["cnn indonesia", "poskotanews"], NOW)
    assert request.window is not None
    assert (request.window.start.isoformat(), request.window.end.isoformat()) == (day, day)


@pytest.mark.parametrize(
    "question",
    ["news from last Tuesday", "berita sejak kemarin", "news in the last 24 hours"],
)
def test_news_from_a_window_alone_is_whats_new_in_it(question: str) -> None:
    request = read_request(question, ["cnn indonesia"], NOW)
    assert request.window is not None and request.coverage is not None
    assert (request.coverage.kind, request.coverage.topic) == ("latest", "")
