"""Coverage through a real index (fake embedder): stories and copies in answers, time and
outlet filters, coverage questions, old indexes, stable story ids, the timeline chart."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsbot.bot import cli
from newsbot.index.answering.search import NewsIndex
from newsbot.index.building import store
from newsbot.index.building.build import build_index
from newsbot.index.building.stories import STORIES, read_stories
from newsbot.index.coverage.stories import story_id
from newsbot.index.coverage.when import WIB
from newsbot.index.defaults import FORMAT_VERSION
from tests.conftest import FakeEmbedder

WIRE = (
    "Sekretaris Jenderal CSTO Stanislav Zas mengatakan Rusia, Belarus dan Armenia setuju "
    "mengerahkan pasukan militer di sepanjang perbatasan Tajikistan dengan Afghanistan."
)
WIRE_2 = "Tajikistan memiliki perbatasan bersama Afghanistan sepanjang 1.300 kilometer."
CHILI_NEW = "Harga cabai rawit di pasar induk Jakarta naik dua kali lipat menjelang hari raya."
CHILI_OLD = "Pedagang pasar Kramat Jati mengeluhkan harga cabai merah yang terus melonjak."
TRANSPORT = "Ketua MPR menyesalkan kisruh antara transportasi online dan pangkalan ojek."


def _record(id_: str, source: str, published: str, *paragraphs: str) -> dict[str, Any]:
    return {
        "id": id_,
        "source": source,
        "published": published,
        "url": f"https://{source.replace(' ', '')}.example/{id_}",
        "title": f"{id_} headline",
        "text": "\n\n".join(paragraphs),
    }


RECORDS = [
    _record("wire-antara", "antaranews", "2021-09-17T08:10:00+07:00", WIRE, WIRE_2),
    _record("wire-suara", "suara", "2021-09-17T10:00:00+07:00", WIRE, WIRE_2),
    _record("wire-merdeka", "merdeka", "2021-09-17T12:30:00+07:00", WIRE, WIRE_2),
    _record("chili-new", "kumparan", "2021-09-18T07:00:00+07:00", CHILI_NEW),
    _record("chili-old", "cnn indonesia", "2021-09-10", CHILI_OLD),
    _record("transport", "cnn indonesia", "2017-03-27", TRANSPORT),
]
NOW = datetime(2021, 9, 19, 9, 0, tzinfo=WIB)


def _write(folder: Path, records: list[dict[str, Any]]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return folder


@pytest.fixture
def news(tmp_path: Path) -> NewsIndex:
    build_index(tmp_path / "idx", [_write(tmp_path / "news", RECORDS)], FakeEmbedder())
    index = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    yield index
    index.close()


def test_copies_are_one_passage_with_the_story_and_the_other_outlets(news: NewsIndex) -> None:
    answer = news.ask("CSTO Rusia Belarus Armenia mengerahkan pasukan", k=3, now=NOW)
    assert answer.answered
    top = answer.hits[0]
    assert top.citation.source == "antaranews"
    assert sorted(a.source or "" for a in top.also) == ["merdeka", "suara"]
    assert all(h.text != top.text for h in answer.hits[1:])
    hit = top.to_json()
    assert hit["story"]["articles"] == 3
    assert hit["story"]["outlets"] == ["antaranews", "suara", "merdeka"]
    assert hit["story"]["first"] == {
        "source": "antaranews",
        "published": "2021-09-17T08:10:00+07:00",
        "url": "https://antaranews.example/wire-antara",
    }
    assert {a["source"] for a in hit["also"]} == {"suara", "merdeka"}


@pytest.mark.parametrize(
    ("question", "now", "allowed"),
    [
        ("harga cabai kemarin", NOW, {"2021-09-18"}),
        ("harga cabai minggu lalu", NOW, {"2021-09-10"}),
        ("berita harga cabai pada 10 September", NOW, {"2021-09-10"}),
        ("chili prices yesterday", NOW, {"2021-09-18"}),
        ("berita transportasi online tahun 2017", NOW, {"2017-03-27"}),
        ("news on online transport in March 2017", NOW, {"2017-03-27"}),
    ],
)
def test_time_questions_cite_only_inside_their_window(
    news: NewsIndex, question: str, now: datetime, allowed: set[str]
) -> None:
    answer = news.ask(question, k=3, now=now)
    assert answer.answered, question
    assert {(h.citation.published or "")[:10] for h in answer.hits} <= allowed


def test_a_date_in_a_factoid_question_is_searched_for_not_a_window(news: NewsIndex) -> None:
    answer = news.ask("Siapa yang menyesalkan kisruh transportasi online pada tahun 2021?", now=NOW)
    assert answer.request is not None and answer.request.window is None
    assert answer.answered and answer.hits[0].citation.published == "2017-03-27"
    # The same date asked about as news is a window, and there is no such news.
    news_of = news.ask("berita kisruh transportasi online pada tahun 2021", now=NOW)
    assert news_of.request is not None and news_of.request.window is not None
    assert all((h.citation.published or "")[:4] == "2021" for h in news_of.hits)


def test_a_window_without_coverage_says_so_and_names_the_newest(news: NewsIndex) -> None:
    later = datetime(2021, 10, 1, 9, 0, tzinfo=WIB)
    answer = news.ask("harga cabai hari ini", now=later)
    assert not answer.answered and answer.hits == ()
    assert answer.newest == "2021-09-18"
    # The terminal says so in the question's language.
    out = cli_text(news, "harga cabai hari ini", later)
    assert out.startswith("Berita terbaru yang saya punya dari 18 Sep 2021.")
    assert "dari 1 Okt 2021" in out  # the window, named
    out = cli_text(news, "what is the price of chili today?", later)
    assert out.startswith("The newest coverage I have is from 18 Sep 2021.")
    # A question about now answered from old coverage says so first, too.
    stale = news.ask("harga cabai terbaru", now=later)
    assert stale.newest == "2021-09-18"


def cli_text(news: NewsIndex, question: str, now: datetime) -> str:
    from newsbot.bot.terminal import format_answer

    return format_answer(news.ask(question, now=now))


def test_outlet_restrictions_filter_the_passages(news: NewsIndex) -> None:
    for question, outlet in (
        ("harga cabai menurut kumparan", "kumparan"),
        ("harga cabai according to CNN Indonesia", "cnn indonesia"),
        ("pasukan CSTO kata Merdeka", "merdeka"),
    ):
        answer = news.ask(question, k=3, now=NOW)
        assert answer.answered, question
        assert {h.citation.source for h in answer.hits} == {outlet}


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("media apa saja yang memberitakan pasukan CSTO di perbatasan Tajikistan?", "outlets"),
        ("which outlets reported on CSTO troops at the Tajikistan border?", "outlets"),
        ("siapa yang pertama memberitakan pasukan CSTO di perbatasan Tajikistan?", "first"),
        ("who reported the CSTO troops at the Tajikistan border first?", "first"),
        ("berapa artikel tentang pasukan CSTO di perbatasan Tajikistan?", "count"),
    ],
)
def test_coverage_questions_are_answered_from_the_story(
    news: NewsIndex, question: str, kind: str
) -> None:
    answer = news.ask(question, now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == kind
    story = answer.coverage.stories[0]
    assert story.outlets == ("antaranews", "suara", "merdeka")
    assert story.first.source == "antaranews"
    assert answer.coverage.articles == 3
    text = cli_text(news, question, NOW)
    english = question.startswith(("which", "who"))
    expected = {
        ("first", True): "First reported by antaranews, 17 Sep 2021 08:10 WIB",
        ("first", False): "Pertama diberitakan oleh antaranews, 17 Sep 2021 08:10 WIB",
        ("outlets", True): "3 outlets reported this: antaranews, suara and merdeka.",
        ("outlets", False): "3 media memberitakan ini: antaranews, suara dan merdeka.",
        ("count", False): "3 artikel tentang ini, dari 3 media",
    }[(kind, english)]
    assert text.startswith(expected)


def test_whats_new_lists_the_latest_stories_of_the_window(news: NewsIndex) -> None:
    answer = news.ask("berita apa saja minggu ini?", now=NOW)
    assert answer.coverage is not None and answer.coverage.kind == "latest"
    titles = [s.latest.title for s in answer.coverage.stories]
    assert titles == ["chili-new headline", "wire-merdeka headline"]
    newest = news.ask("what's new?", now=NOW)
    assert newest.coverage is not None
    assert newest.coverage.stories[0].latest.title == "chili-new headline"
    assert newest.newest is None
    assert news.latest_stories(None, None)[-1].first.title == "transport headline"
    empty = news.ask("ada berita apa kemarin?", now=datetime(2021, 9, 30, tzinfo=WIB))
    assert not empty.answered and empty.newest == "2021-09-18"


def test_an_index_of_the_older_format_is_rebuilt_without_embedding(tmp_path: Path) -> None:
    sources = _write(tmp_path / "news", RECORDS)
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    version = store.live_version(tmp_path / "idx")
    raw = json.loads((version / store.MANIFEST).read_text())
    raw["format"] = 1
    del raw["stories"]
    (version / store.MANIFEST).write_text(json.dumps(raw))
    (version / STORIES).unlink()
    with pytest.raises(Exception, match="format 1"):
        NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert report.changed and report.embedded == 0 and embedder.passages_embedded == 0
    news = NewsIndex.open(tmp_path / "idx", embedder)
    assert news.manifest.format == FORMAT_VERSION and news.manifest.stories == 4
    news.close()


def test_an_index_of_format_2_opens_and_a_rebuild_regroups_with_seen_times(
    tmp_path: Path,
) -> None:
    crawled = [{**r, "crawled_at": "2021-09-18T01:00:00Z"} for r in RECORDS]
    sources = _write(tmp_path / "news", crawled)
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    _as_format_2(tmp_path / "idx")
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    try:
        assert news.manifest.format == 2
        question = "media apa saja yang memberitakan pasukan CSTO di perbatasan Tajikistan?"
        answer = news.ask(question, now=NOW)
        assert answer.coverage is not None
        assert set(answer.coverage.stories[0].outlets) >= {"antaranews", "suara", "merdeka"}
    finally:
        news.close()
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert report.changed and embedder.passages_embedded == 0
    rebuilt = store.live_version(tmp_path / "idx")
    assert store.read_manifest(rebuilt).format == FORMAT_VERSION
    conn = store.connect_readonly(rebuilt)
    seen = {s for (s,) in conn.execute("SELECT seen FROM articles")}
    conn.close()
    assert seen == {"2021-09-18T01:00:00+00:00"}


def _as_format_2(index_dir: Path) -> None:
    """Make the live version look written by format 2: no seen or place column."""
    version = store.live_version(index_dir)
    meta = version / store.META
    conn = sqlite3.connect(meta)
    conn.execute("ALTER TABLE articles DROP COLUMN seen")
    conn.execute("ALTER TABLE articles DROP COLUMN place")
    conn.commit()
    conn.close()
    raw = json.loads((version / store.MANIFEST).read_text())
    raw["format"] = 2
    data = meta.read_bytes()
    raw["files"][store.META] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (version / store.MANIFEST).write_text(json.dumps(raw))


def test_a_format_2_index_is_regrouped_with_the_seen_times(tmp_path: Path) -> None:
    copies = [
        {k: v for k, v in r.items() if k != "published"}
        for r in RECORDS
        if r["id"] in ("wire-antara", "wire-suara")
    ]
    sources = _write(tmp_path / "news", copies)
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    stories = read_stories(store.live_version(tmp_path / "idx"))
    assert stories["wire-antara"] == stories["wire-suara"]  # undated, nothing bounds them
    _as_format_2(tmp_path / "idx")
    copies[0]["crawled_at"] = "2021-09-01T01:00:00Z"
    copies[1]["crawled_at"] = "2021-09-30T01:00:00Z"
    _write(tmp_path / "news", copies)
    embedder = FakeEmbedder()
    report = build_index(tmp_path / "idx", [sources], embedder)
    assert report.changed and embedder.passages_embedded == 0
    stories = read_stories(store.live_version(tmp_path / "idx"))
    assert stories["wire-antara"] != stories["wire-suara"]  # seen weeks apart


def test_story_ids_are_stable_and_new_articles_join(tmp_path: Path) -> None:
    sources = _write(tmp_path / "news", RECORDS)
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    before = read_stories(store.live_version(tmp_path / "idx"))
    assert before["wire-suara"] == before["wire-antara"] == story_id("wire-antara")
    copy = _record("wire-poskota", "poskotanews", "2021-09-17T15:00:00+07:00", WIRE, WIRE_2)
    _write(tmp_path / "news", [*RECORDS, copy])
    build_index(tmp_path / "idx", [sources], FakeEmbedder())
    after = read_stories(store.live_version(tmp_path / "idx"))
    assert {a: after[a] for a in before} == before
    assert after["wire-poskota"] == story_id("wire-antara")


def test_timeline_draws_a_chart_and_prints_its_caption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from matplotlib.image import imread

    monkeypatch.setattr(
        "newsbot.index.building.embedders.load_embedder", lambda model=None: FakeEmbedder()
    )
    monkeypatch.setenv("NEWSBOT_NOW", NOW.isoformat())
    sources = _write(tmp_path / "news", RECORDS)
    index = str(tmp_path / "idx")
    assert cli.main(["index", "--index-dir", index, str(sources)]) == 0
    capsys.readouterr()
    png = tmp_path / "chart.png"
    question = "pasukan CSTO di perbatasan Tajikistan"
    assert cli.main(["timeline", "--index-dir", index, question, "--png", str(png)]) == 0
    caption = capsys.readouterr().out.strip()
    assert caption == (
        "3 artikel, antaranews, suara, merdeka: pertama antaranews, 17 Sep 2021 08:10 WIB, "
        "terakhir 17 Sep 2021"
    )
    image = imread(str(png))
    assert image.shape[:2] == (450, 900)
    assert float(np.std(image[..., :3])) > 0.05  # not blank
    # Bars in the plot's colours: three outlets stacked.
    colours = {tuple(np.round(p, 1)) for p in image[100:400, 100:800, :3].reshape(-1, 3)}
    assert len(colours) >= 4
    bad = tmp_path / "missing" / "chart.png"
    assert cli.main(["timeline", "--index-dir", index, question, "--png", str(bad)]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_timeline_writes_the_suffix_format_refuses_others_and_answers_small_talk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "newsbot.index.building.embedders.load_embedder", lambda model=None: FakeEmbedder()
    )
    monkeypatch.setenv("NEWSBOT_NOW", NOW.isoformat())
    index = str(tmp_path / "idx")
    assert cli.main(["index", "--index-dir", index, str(_write(tmp_path / "news", RECORDS))]) == 0
    capsys.readouterr()
    question = "CSTO troops at the Tajikistan border"
    signatures = {".jpg": b"\xff\xd8\xff", ".svg": b"<?xml", ".pdf": b"%PDF", ".PNG": b"\x89PNG"}
    for suffix, signature in signatures.items():
        chart = tmp_path / f"chart{suffix}"
        assert cli.main(["timeline", "--index-dir", index, question, "--png", str(chart)]) == 0
        assert chart.read_bytes().startswith(signature), suffix
    assert capsys.readouterr().out.splitlines()[0].startswith("3 articles, antaranews")
    gif = tmp_path / "chart.gif"
    assert cli.main(["timeline", "--index-dir", index, question, "--png", str(gif)]) == 1
    err = capsys.readouterr().err
    assert ".gif" in err and ".png" in err and "Traceback" not in err and not gif.exists()
    for hello, reply in (("halo", "Halo! Saya"), ("hello", "Hi! I answer")):
        png = tmp_path / "hello.png"
        assert cli.main(["timeline", "--index-dir", index, hello, "--png", str(png)]) == 0
        assert capsys.readouterr().out.startswith(reply) and not png.exists()
    assert cli.main(["timeline", "--index-dir", index, "gempa di Lombok", "--png", str(png)]) == 1
    assert "tidak membahas" in capsys.readouterr().out


def test_timeline_bars_sit_on_their_days_with_dated_ticks() -> None:
    from datetime import date

    from newsbot.index.coverage.timeline import day_span, day_ticks

    span = day_span([date(2017, 5, 25), date(2017, 5, 27)])
    assert span == [date(2017, 5, 25), date(2017, 5, 26), date(2017, 5, 27)]
    assert day_ticks(span) == [(0, "25 May 2017"), (1, "26 May 2017"), (2, "27 May 2017")]
    single = day_span([date(2017, 12, 31)])
    assert [label for _, label in day_ticks(single)] == [
        "30 Dec 2017",
        "31 Dec 2017",
        "1 Jan 2018",
    ]
    month = day_span([date(2017, 5, 1), date(2017, 5, 31)])
    ticks = day_ticks(month)
    assert len(ticks) <= 12 and ticks[0] == (0, "1 May 2017")
    assert all(label == f"{month[i].day} May 2017" for i, label in ticks)


@pytest.mark.parametrize(
    ("now", "outlets", "also"),
    [
        # Between the first report (08:10) and the next (10:00): only ANTARA had it.
        (datetime(2021, 9, 17, 9, 0, tzinfo=WIB), ["antaranews"], set()),
        (datetime(2021, 9, 17, 11, 0, tzinfo=WIB), ["antaranews", "suara"], {"suara"}),
        (NOW, ["antaranews", "suara", "merdeka"], {"suara", "merdeka"}),
    ],
)
def test_a_passages_story_is_told_as_known_at_now(
    news: NewsIndex, now: datetime, outlets: list[str], also: set[str]
) -> None:
    top = news.ask("CSTO Rusia Belarus Armenia mengerahkan pasukan", k=3, now=now).hits[0]
    hit = top.to_json()
    assert hit["story"]["outlets"] == outlets
    assert hit["story"]["articles"] == len(outlets)
    assert {a["source"] for a in hit["also"]} == also


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("apa yang diberitakan tanggal 17 September?", "2021-09-17"),
        ("berita tgl 17 September 2021", "2021-09-17"),
        ("what was reported on 17 September?", "2021-09-17"),
        ("apa yang diberitakan kemarin?", "2021-09-18"),
        ("what was reported yesterday?", "2021-09-18"),
    ],
)
def test_whats_new_in_a_window_cites_and_counts_the_windows_articles_only(
    tmp_path: Path, question: str, day: str
) -> None:
    # The wire story goes on a day later: asked about its first day, it is told as
    # covered that day (not by its later article); asked about the later day, by that one.
    later = _record("wire-kompas", "kompas", "2021-09-18T15:00:00+07:00", WIRE, WIRE_2)
    build_index(tmp_path / "idx", [_write(tmp_path / "news", [*RECORDS, later])], FakeEmbedder())
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    answer = news.ask(question, k=3, now=NOW)
    news.close()

    assert answer.coverage is not None and answer.coverage.kind == "latest"
    assert answer.hits and {hit.citation.published[:10] for hit in answer.hits} == {day}
    for story in answer.coverage.stories:
        assert {a.published[:10] for a in story.articles if a.published} == {day}
    wire = next(s for s in answer.coverage.stories if s.articles[0].id.startswith("wire"))
    assert len(wire.articles) == (3 if day == "2021-09-17" else 1)


def test_the_chart_speaks_the_readers_language_and_fits_a_long_headline(
    news: NewsIndex,
) -> None:
    import matplotlib

    from newsbot.index.coverage.timeline import chart_title, day_ticks, render_timeline

    story = news.ask("CSTO Rusia Belarus Armenia mengerahkan pasukan", now=NOW).hits[0].story
    assert story is not None
    headline = (
        "CSTO dan Rusia akan Kerahkan Pasukan di Sepanjang Perbatasan Tajikistan dan "
        "Afghanistan untuk Menghadapi Ancaman dari Kelompok Bersenjata setelah Taliban Berkuasa"
    )
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text as text, to read it back
        indonesian = render_timeline(story, headline, "svg", "id").decode()
        english = render_timeline(story, headline, "svg", "en").decode()
    assert "17 Sep 2021" in english and ">articles<" in english
    assert "17 Sep 2021" in indonesian and ">artikel<" in indonesian
    first, second = chart_title(headline).split("\n")
    assert first in indonesian and second.endswith("…") and len(second) <= 72
    assert chart_title("Banjir Bekasi") == "Banjir Bekasi"
    from datetime import date

    assert day_ticks([date(2017, 5, 25)], language="id") == [(0, "25 Mei 2017")]


def test_whats_new_about_a_topic_lists_its_newest_story_past_one_articles_paragraphs(
    tmp_path: Path,
) -> None:
    # An older article about the topic says it in every paragraph: its paragraphs lead the
    # passages; the newer story, saying it once, must still be listed (first, as newest).
    older = [
        f"Banjir bandang Garut merendam {n * 10} rumah warga di bantaran Sungai Cimanuk, "
        f"kata petugas banjir Garut pada hari ke-{n}."
        for n in range(1, 8)
    ]
    records = [
        _record("garut-old", "kompas", "2021-09-10", *older),
        _record("garut-new", "suara", "2021-09-18", "Relawan membagikan bantuan banjir Garut."),
        *RECORDS,
    ]
    build_index(tmp_path / "idx", [_write(tmp_path / "news", records)], FakeEmbedder())
    news = NewsIndex.open(tmp_path / "idx", FakeEmbedder())
    passages = news.ask("banjir Garut", k=5, now=NOW)
    answer = news.ask("what's new about banjir Garut?", now=NOW)
    news.close()

    led = [hit.citation.article_id for hit in passages.hits]
    assert led.count("garut-old") >= 2  # the case this is about: one article leads twice
    assert answer.coverage is not None and answer.coverage.kind == "latest"
    assert [s.latest.id for s in answer.coverage.stories][:2] == ["garut-new", "garut-old"]
